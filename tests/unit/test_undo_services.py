"""Each roster edit's inverse as a service call: do → undo gives back the database as it was, redo as it became."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import inspect, select, text

from equitydesk.db.engine import open_database
from equitydesk.db.tables import Membership, Person
from equitydesk.services.context import ServiceContext
from equitydesk.services.errors import DomainError
from equitydesk.services.registry import Services

# The change log keeps the undo as one more entry (accountability); updated_at moves on with every write.
NOT_COMPARED_TABLES = {"change_log", "alembic_version"}
NOT_COMPARED_COLUMNS = {"updated_at"}


@pytest.fixture
def svc(tmp_path):
    db = open_database(tmp_path / "undo.sqlite")
    yield Services.build(ServiceContext(db.sessions, actor="test", today=lambda: date(2025, 9, 1)))
    db.dispose()


def state(svc: Services) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (but the change log), by id: what "the database equals" means here."""
    with svc.ctx.sessions() as session:
        tables = inspect(session.get_bind()).get_table_names()
        dump: dict[str, list[tuple[Any, ...]]] = {}
        for table in sorted(set(tables) - NOT_COMPARED_TABLES):
            columns = [c["name"] for c in inspect(session.get_bind()).get_columns(table)]
            kept = [c for c in columns if c not in NOT_COMPARED_COLUMNS]
            quoted = ", ".join(f'"{c}"' for c in kept)  # "on" is a keyword
            rows = session.execute(text(f'SELECT {quoted} FROM "{table}" ORDER BY 1'))
            dump[table] = [tuple(r) for r in rows]
        return dump


@pytest.fixture
def roster(svc):
    eac = svc.committees.create(name="EAC")
    ai = svc.committees.create(name="A&I")
    mai = svc.people.create(given_name="Mai", family_name="Xiong", email="mai@example.org", languages="Hmong")
    dup = svc.people.create(
        given_name="Mai", family_name="Xiong", phone="651-555-0101", email="mai.x@example.org", languages="English"
    )
    ali = svc.people.create(given_name="Ali", family_name="Warsame")
    svc.memberships.create(person_id=mai.id, committee_id=eac.id, role="member")
    svc.memberships.create(person_id=dup.id, committee_id=eac.id, role="chair", stakeholder_group="parent_guardian")
    svc.memberships.create(person_id=dup.id, committee_id=ai.id, role="secretary")
    met = svc.meetings.create(committee_id=eac.id, title="Sept", starts_at="2025-09-10 18:00")
    oct_ = svc.meetings.create(committee_id=eac.id, title="Oct", starts_at="2025-10-08 18:00")
    svc.attendance.create(meeting_id=met.id, person_id=dup.id, status="present")
    svc.attendance.create(meeting_id=met.id, person_id=mai.id, status="remote")
    svc.attendance.create(meeting_id=oct_.id, person_id=dup.id, status="excused")
    svc.actions.create(committee_id=eac.id, title="Call families", owner_person_id=dup.id)
    svc.decisions.create(meeting_id=met.id, motion="Adopt", outcome="carried", moved_by_id=dup.id)
    return {"eac": eac.id, "ai": ai.id, "mai": mai.id, "dup": dup.id, "ali": ali.id}


def round_trip(svc: Services, do, undo, redo) -> None:
    before = state(svc)
    result = do()
    after = state(svc)
    assert after != before, "the edit changed something"
    undone = undo(result)
    assert state(svc) == before
    redo(undone)
    assert state(svc) == after


def test_a_person_edit_is_taken_back_and_made_again(svc, roster):
    pid = roster["mai"]
    round_trip(
        svc,
        lambda: svc.people.edit(pid, email="MAI.NEW@example.org", pronouns="she/her", phone=""),
        lambda edited: svc.people.update(pid, **edited.before),
        lambda _none: svc.people.edit(pid, email="MAI.NEW@example.org", pronouns="she/her", phone=""),
    )
    edited = svc.people.edit(pid, pronouns="she/her")
    assert edited.before == {} and edited.after == {}, "nothing changed, nothing to undo"


def test_adding_a_person_is_undone_by_erasing_them_and_redone_under_the_same_id(svc, roster):
    made: list[int] = []

    def do():
        person = svc.people.create(given_name="Nyakim", family_name="Gatwech", email="nyakim@example.org")
        made.append(person.id)
        return person

    def undo(person):
        undone = svc.people.undo_create(person_id=person.id)
        assert undone.erased
        return undone

    round_trip(svc, do, undo, lambda undone: svc.people.redo_create(undone=undone))
    assert svc.people.get(made[0]).email == "nyakim@example.org", "back under the same id"


def test_adding_a_person_someone_else_has_named_since_is_archived_instead(svc, roster):
    person = svc.people.create(given_name="Nyakim", family_name="Gatwech")
    svc.memberships.create(person_id=person.id, committee_id=roster["eac"])  # written outside the undo history
    undone = svc.people.undo_create(person_id=person.id)
    assert not undone.erased and svc.people.get(person.id).archived
    assert not svc.people.redo_create(undone=undone).archived


def test_archiving_many_gives_back_only_those_it_changed(svc, roster):
    svc.people.set_archived(ids=[roster["ali"]], archived=True)  # already archived before the edit
    ids = [roster["mai"], roster["dup"], roster["ali"]]
    changed_ids: list[tuple[int, ...]] = []

    def do():
        changed = svc.people.set_archived(ids=ids, archived=True)
        changed_ids.append(changed)
        return changed

    round_trip(
        svc,
        do,
        lambda changed: svc.people.set_archived(ids=changed, archived=False),
        lambda _ids: svc.people.set_archived(ids=changed_ids[0], archived=True),
    )
    assert changed_ids[0] == tuple(sorted([roster["mai"], roster["dup"]]))
    assert svc.people.get(roster["ali"]).archived, "undo did not restore someone the edit had not archived"


def test_a_new_membership_is_removed_and_comes_back_with_its_id(svc, roster):
    round_trip(
        svc,
        lambda: svc.memberships.create(person_id=roster["ali"], committee_id=roster["ai"], role="member"),
        lambda made: svc.memberships.delete_returning_row(made.id),
        lambda row: svc.memberships.reinsert(row=row),
    )


def test_a_membership_edit_and_a_removal_round_trip(svc, roster):
    mid = svc.people.memberships_of(roster["dup"])[0].id
    round_trip(
        svc,
        lambda: svc.memberships.edit(mid, role="member", voting=False, term_end=date(2026, 6, 30)),
        lambda edited: svc.memberships.update(mid, **edited.before),
        lambda _r: svc.memberships.edit(mid, role="member", voting=False, term_end=date(2026, 6, 30)),
    )
    removed: list[int] = []

    def remove():
        removed.append(mid)
        return svc.memberships.delete_returning_row(mid)

    round_trip(
        svc,
        remove,
        lambda row: svc.memberships.reinsert(row=row),
        lambda record: svc.memberships.delete_returning_row(record.id),
    )


def test_a_membership_that_started_its_committee_takes_it_along_when_undone(svc, roster):
    def add():
        made = svc.memberships.create(person_id=roster["ali"], committee_name="Student Advisory Council")
        return made, True

    round_trip(
        svc,
        add,
        lambda made: svc.memberships.remove(made[0].id, with_committee=made[1]),
        lambda removed: svc.memberships.put_back(removed=removed),
    )
    assert svc.committees.by_name("Student Advisory Council") is not None


def test_a_started_committee_someone_else_uses_meanwhile_stays(svc, roster):
    made = svc.memberships.create(person_id=roster["ali"], committee_name="Student Advisory Council")
    svc.memberships.create(person_id=roster["mai"], committee_id=made.committee_id)
    removed = svc.memberships.remove(made.id, with_committee=True)
    assert removed.committee is None and svc.committees.get(made.committee_id).name == "Student Advisory Council"
    assert svc.memberships.put_back(removed=removed).committee_id == made.committee_id


def test_removing_a_membership_round_trips_through_remove_and_put_back(svc, roster):
    mid = svc.people.memberships_of(roster["dup"])[0].id
    round_trip(
        svc,
        lambda: svc.memberships.remove(mid),
        lambda removed: svc.memberships.put_back(removed=removed),
        lambda record: svc.memberships.remove(record.id),
    )


def test_moving_a_membership_to_a_new_committee_is_taken_back(svc, roster):
    mid = svc.people.memberships_of(roster["mai"])[0].id
    edited = svc.memberships.edit(mid, committee_name="Student Advisory Council")
    assert edited.before == {"committee_id": roster["eac"]}
    svc.memberships.update(mid, **edited.before)
    assert svc.memberships.get(mid).committee_id == roster["eac"]


def test_representation_targets_are_set_back(svc, roster):
    cid = roster["eac"]
    svc.representation.set_targets(committee_id=cid, targets={"student": 0.2})
    targets = {"student": 0.25, "parent_guardian": 0.3}
    round_trip(
        svc,
        lambda: svc.representation.set_targets(committee_id=cid, targets=targets),
        lambda before: svc.representation.set_targets(committee_id=cid, targets=before),
        lambda _before: svc.representation.set_targets(committee_id=cid, targets=targets),
    )


def test_a_merge_is_taken_back_whole_and_made_again(svc, roster):
    keep, dup = roster["mai"], roster["dup"]
    log_about_dup = _log_subjects(svc, dup)
    assert log_about_dup, "the change log has entries about the removed person"
    results = []

    def merge():
        result = svc.merge.merge(keep_id=keep, remove_id=dup)
        results.append(result)
        return result

    def unmerge(result):
        undone = svc.merge.unmerge(token=result.token)
        assert undone.restored_id == dup, "the removed person comes back under their id"
        assert _log_subjects(svc, dup) == log_about_dup, "the log about them is theirs again"
        return undone

    round_trip(
        svc, merge, unmerge, lambda undone: svc.merge.merge(keep_id=undone.kept_id, remove_id=undone.restored_id)
    )
    token = results[0].token
    assert len(token.memberships_moved) == 1 and len(token.memberships_dropped) == 1
    assert len(token.attendance_moved) == 1 and len(token.attendance_dropped) == 1
    assert token.actions_owned and token.decisions_moved


def test_an_unmerge_that_cannot_be_whole_changes_nothing(svc, roster):
    result = svc.merge.merge(keep_id=roster["mai"], remove_id=roster["dup"])
    assert result.token is not None
    moved = result.token.memberships_moved[0]
    svc.memberships.delete(moved)  # the membership the merge moved has gone since
    before = state(svc)
    with pytest.raises(DomainError, match="cannot be taken back"):
        svc.merge.unmerge(token=result.token)
    assert state(svc) == before, "nothing half-done: the person stays merged"


def test_an_unmerge_refuses_when_another_person_has_taken_the_email(svc, roster):
    result = svc.merge.merge(keep_id=roster["mai"], remove_id=roster["dup"])
    svc.people.update(roster["ali"], email="mai.x@example.org")
    before = state(svc)
    with pytest.raises(DomainError, match=r"mai\.x@example\.org"):
        svc.merge.unmerge(token=result.token)
    assert state(svc) == before


def test_a_removed_id_taken_meanwhile_brings_the_person_back_under_a_new_one(svc, roster):
    result = svc.merge.merge(keep_id=roster["mai"], remove_id=roster["dup"])
    with svc.ctx.sessions.begin() as session:  # another program's insert reused the free id
        session.add(Person(id=roster["dup"], given_name="Someone", family_name="Else", name_key="else|someone"))
    undone = svc.merge.unmerge(token=result.token)
    assert undone.restored_id != roster["dup"]
    with svc.ctx.sessions() as session:
        on = session.scalars(select(Membership.committee_id).where(Membership.person_id == undone.restored_id))
        assert sorted(on) == sorted([roster["eac"], roster["ai"]])


def _log_subjects(svc: Services, person_id: int) -> list[int]:
    with svc.ctx.sessions() as session:
        rows = session.execute(
            text("SELECT id FROM change_log WHERE subject_person_id = :p ORDER BY id"), {"p": person_id}
        )
        return [r[0] for r in rows]
