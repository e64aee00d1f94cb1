"""One user action, one service call, one transaction: archiving many, a membership with a new committee, targets."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import event, func, select

from equitydesk.db.engine import Database, open_database
from equitydesk.db.tables import ChangeLog, Committee, GroupTarget
from equitydesk.domain.enums import ChangeAction, StakeholderGroup
from equitydesk.services.context import ServiceContext
from equitydesk.services.errors import DomainError, NotFound
from equitydesk.services.registry import Services

PARENT, STUDENT, TEACHER = StakeholderGroup.PARENT_GUARDIAN, StakeholderGroup.STUDENT, StakeholderGroup.TEACHER


@pytest.fixture
def database(tmp_path) -> Iterator[Database]:
    db = open_database(tmp_path / "ops.sqlite")
    yield db
    db.dispose()


@pytest.fixture
def svc(database: Database) -> Services:
    return Services.build(ServiceContext(database.sessions, actor="test", today=lambda: date(2025, 9, 1)))


@contextmanager
def commits(database: Database) -> Iterator[list[int]]:
    """Counts the transactions committed inside the block (reads commit nothing)."""
    seen = [0]

    def count(_conn: object) -> None:
        seen[0] += 1

    event.listen(database.engine, "commit", count)
    try:
        yield seen
    finally:
        event.remove(database.engine, "commit", count)


def log(database: Database, entity: str, action: ChangeAction) -> list[ChangeLog]:
    with database.sessions() as session:
        stmt = select(ChangeLog).where(ChangeLog.entity == entity, ChangeLog.action == action).order_by(ChangeLog.id)
        return list(session.scalars(stmt))


def committee_count(database: Database) -> int:
    with database.sessions() as session:
        return int(session.scalar(select(func.count(Committee.id))) or 0)


def test_the_counter_counts_each_transaction(svc: Services, database: Database) -> None:
    with commits(database) as n:
        first = svc.people.create(given_name="Ka", family_name="Vang")
        svc.people.get(first.id)
        svc.people.archive(first.id)
    assert n == [2], "two writes, and a read that commits nothing"


# --- people.archive_many -----------------------------------------------------------------------------------------


def test_archive_many_is_one_logged_transaction(svc: Services, database: Database) -> None:
    ids = [svc.people.create(given_name=name, family_name="Vang").id for name in ("Ka", "Pa", "Tou")]
    svc.people.archive(ids[0])
    with commits(database) as n:
        assert svc.people.archive_many(ids) == 2, "the one already archived is not counted"
    assert n == [1]
    assert all(svc.people.get(i).archived for i in ids)
    assert [e.entity_id for e in log(database, "person", ChangeAction.ARCHIVE)] == [ids[0], ids[1], ids[2]]
    assert svc.people.archive_many(ids, archived=False) == 3
    assert not any(svc.people.get(i).archived for i in ids)
    assert len(log(database, "person", ChangeAction.RESTORE)) == 3
    assert svc.people.archive_many([]) == 0


def test_archive_many_with_someone_gone_changes_nobody(svc: Services, database: Database) -> None:
    ids = [svc.people.create(given_name=name, family_name="Abdi").id for name in ("Hodan", "Ayaan")]
    gone = svc.people.create(given_name="Fadumo", family_name="Abdi").id
    svc.people.delete(gone)
    with pytest.raises(NotFound, match=r"^1 of these 3 people no longer exists .*, so nobody was archived\.$"):
        svc.people.archive_many([*ids, gone])
    with pytest.raises(NotFound, match="This person no longer exists"):
        svc.people.archive_many([gone])
    assert not any(svc.people.get(i).archived for i in ids)
    assert log(database, "person", ChangeAction.ARCHIVE) == []


# --- memberships with a committee typed by name ------------------------------------------------------------------


def test_a_new_committee_name_starts_it_with_the_membership(svc: Services, database: Database) -> None:
    person = svc.people.create(given_name="Chue", family_name="Thao")
    with commits(database) as n:
        made = svc.memberships.create(person_id=person.id, committee_name="  Family  Engagement Council ", role="chair")
    assert n == [1]
    committee = svc.committees.get(made.committee_id)
    assert committee.name == "Family Engagement Council" and made.role.value == "chair"
    assert [e.entity_id for e in log(database, "committee", ChangeAction.CREATE)] == [committee.id]
    assert [e.entity_id for e in log(database, "membership", ChangeAction.CREATE)] == [made.id]


@pytest.mark.parametrize("typed", ["équité team", "ÉQUITÉ TEAM", "archived council"])
def test_a_name_that_matches_a_committee_uses_it(svc: Services, database: Database, typed: str) -> None:
    equity = svc.committees.create(name="Équité Team")
    archived = svc.committees.create(name="Archived Council")
    svc.committees.archive(archived.id)
    person = svc.people.create(given_name="Linda", family_name="Ochoa")
    made = svc.memberships.create(person_id=person.id, committee_name=typed)
    assert made.committee_id == (archived.id if "archived" in typed else equity.id)
    assert committee_count(database) == 2


def test_a_membership_that_cannot_be_saved_leaves_no_new_committee(svc: Services, database: Database) -> None:
    person = svc.people.create(given_name="Mai", family_name="Xiong")
    cases = [
        ({"person_id": person.id, "term_start": date(2025, 9, 1), "term_end": date(2025, 8, 1)}, "term_end"),
        ({"person_id": person.id, "role": "emperor"}, "role"),
        ({"term_start": date(2025, 9, 1)}, "person_id"),
    ]
    for values, field in cases:
        with pytest.raises(DomainError) as caught:
            svc.memberships.create(committee_name="Brand New Committee", **values)
        assert caught.value.field == field
    with pytest.raises(DomainError, match="refers to something that no longer exists"):
        svc.memberships.create(person_id=9999, committee_name="Brand New Committee")  # refused by the database
    assert committee_count(database) == 0
    assert log(database, "committee", ChangeAction.CREATE) == []


def test_a_second_membership_through_a_typed_name_is_refused(svc: Services, database: Database) -> None:
    person = svc.people.create(given_name="Mai", family_name="Xiong")
    svc.memberships.create(person_id=person.id, committee_name="EAC")
    with pytest.raises(DomainError, match="already a member of that committee"):
        svc.memberships.create(person_id=person.id, committee_name="eac")
    with pytest.raises(DomainError) as blank:
        svc.memberships.create(person_id=person.id, committee_name="   ")
    assert blank.value.field == "committee_id"
    with pytest.raises(DomainError, match="not both"):
        svc.memberships.create(person_id=person.id, committee_id=1, committee_name="EAC")
    assert committee_count(database) == 1


def test_a_membership_moves_to_a_committee_typed_by_name(svc: Services, database: Database) -> None:
    person = svc.people.create(given_name="Tou", family_name="Lee")
    made = svc.memberships.create(person_id=person.id, committee_name="EAC")
    with pytest.raises(DomainError):
        svc.memberships.update(made.id, committee_name="Plan team", term_start="2025-09-01", term_end="2025-01-01")
    assert committee_count(database) == 1
    with commits(database) as n:
        moved = svc.memberships.update(made.id, committee_name="Plan team", voting=False)
    assert n == [1]
    assert svc.committees.get(moved.committee_id).name == "Plan team" and moved.voting is False


# --- committees for choosers -------------------------------------------------------------------------------------


def test_committee_choices_and_lookups(svc: Services) -> None:
    plan = svc.committees.create(name="Plan team")
    eac = svc.committees.create(name="Equity Advisory Committee")
    old = svc.committees.create(name="Audit steering")
    svc.committees.archive(old.id)
    assert svc.committees.choices() == [(eac.id, eac.name), (plan.id, plan.name)]
    every = svc.committees.choices(include_archived=True)
    assert every == [(eac.id, eac.name), (plan.id, plan.name), (old.id, old.name)], "archived ones last"
    assert [c.name for c in svc.committees.all()] == ["Equity Advisory Committee", "Plan team", "Audit steering"]
    assert svc.committees.by_name("audit  STEERING") == svc.committees.get(old.id)
    assert svc.committees.id_by_name("equity advisory committee") == eac.id
    with pytest.raises(NotFound, match=r"^There is no committee called Nobody Here\.$"):
        svc.committees.id_by_name(" Nobody  Here ")
    found, created = svc.committees.get_or_create("PLAN TEAM")
    assert (found.id, created) == (plan.id, False)
    new, created = svc.committees.get_or_create("Student voice")
    assert created and svc.committees.get(new.id).name == "Student voice"


def test_committee_names_clash_ignoring_case_beyond_ascii(svc: Services) -> None:
    svc.committees.create(name="Comité Équité")
    with pytest.raises(DomainError, match="already a committee called"):
        svc.committees.create(name="comité équité")


# --- representation.set_targets ----------------------------------------------------------------------------------


def targets_of(database: Database, committee_id: int) -> dict[StakeholderGroup, float]:
    with database.sessions() as session:
        rows = session.scalars(select(GroupTarget).where(GroupTarget.committee_id == committee_id))
        return {t.stakeholder_group: t.share for t in rows}


def test_set_targets_is_one_logged_transaction_that_undoes(svc: Services, database: Database) -> None:
    cid = svc.committees.create(name="EAC").id
    svc.representation.set_target(committee_id=cid, group=STUDENT, share=0.1)
    with commits(database) as n:
        before = svc.representation.set_targets(
            committee_id=cid, targets={PARENT: 0.4, "teacher": 0.2, STUDENT: None, "board_member": None}
        )
    assert n == [1]
    assert targets_of(database, cid) == {PARENT: 0.4, TEACHER: 0.2}
    assert before == {PARENT: None, TEACHER: None, STUDENT: 0.1}, "only what changed, as it was"
    first, entry = log(database, "committee", ChangeAction.UPDATE)
    assert first.changes == {"target_student": [None, 0.1]}
    assert entry.changes == {
        "target_parent_guardian": [None, 0.4],
        "target_teacher": [None, 0.2],
        "target_student": [0.1, None],
    }
    svc.representation.set_targets(committee_id=cid, targets=before)
    assert targets_of(database, cid) == {STUDENT: 0.1}
    with commits(database) as n:
        assert svc.representation.set_targets(committee_id=cid, targets={STUDENT: 0.1}) == {}
    assert n == [1] and len(log(database, "committee", ChangeAction.UPDATE)) == 3, "no change, nothing logged"


def test_set_targets_with_one_bad_share_changes_none(svc: Services, database: Database) -> None:
    cid = svc.committees.create(name="EAC").id
    svc.representation.set_targets(committee_id=cid, targets={PARENT: 0.3})
    with pytest.raises(DomainError, match="between 0% and 100%"):
        svc.representation.set_targets(committee_id=cid, targets={PARENT: 0.5, TEACHER: 0.2, STUDENT: 1.5})
    with pytest.raises(DomainError, match="no stakeholder group called wizards"):
        svc.representation.set_targets(committee_id=cid, targets={PARENT: 0.5, "wizards": 0.2})
    with pytest.raises(NotFound):
        svc.representation.set_targets(committee_id=9999, targets={PARENT: 0.5})
    assert targets_of(database, cid) == {PARENT: 0.3}
