"""Each action-item edit's inverse as a service call: undo gives back the database as it was, redo as it became."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import inspect, text

from equitydesk.db.engine import open_database
from equitydesk.domain.enums import ActionStatus
from equitydesk.services.context import ServiceContext
from equitydesk.services.registry import Services
from tests.unit.test_undo_services import NOT_COMPARED_COLUMNS, NOT_COMPARED_TABLES

# A redo writes the progress-log rows (and a new item) again, so their created_at is the moment of the redo; owner
# rows are rewritten whole on every change of owners, so their surrogate id is not what "the same owners" means.
ALSO_NOT_COMPARED = {("action_update", "created_at"), ("action_item", "created_at"), ("action_owner", "id")}


def state(svc: Services) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but the change log, sorted: what "the database equals" means here."""
    with svc.ctx.sessions() as session:
        bind = session.get_bind()
        dump: dict[str, list[tuple[Any, ...]]] = {}
        for table in sorted(set(inspect(bind).get_table_names()) - NOT_COMPARED_TABLES):
            columns = [c["name"] for c in inspect(bind).get_columns(table)]
            kept = [c for c in columns if c not in NOT_COMPARED_COLUMNS and (table, c) not in ALSO_NOT_COMPARED]
            quoted = ", ".join(f'"{c}"' for c in kept)  # "on" is a keyword
            dump[table] = sorted((tuple(r) for r in session.execute(text(f'SELECT {quoted} FROM "{table}"'))), key=repr)
        return dump


def round_trip(svc: Services, do, undo, redo) -> None:
    before = state(svc)
    result = do()
    after = state(svc)
    assert after != before, "the edit changed something"
    undone = undo(result)
    assert state(svc) == before
    redo(undone)
    assert state(svc) == after


@pytest.fixture
def svc(tmp_path):
    db = open_database(tmp_path / "undo-actions.sqlite")
    yield Services.build(ServiceContext(db.sessions, actor="test", today=lambda: date(2025, 9, 1)))
    db.dispose()


@pytest.fixture
def items(svc):
    eac = svc.committees.create(name="EAC")
    mai = svc.people.create(given_name="Mai", family_name="Xiong")
    ali = svc.people.create(given_name="Ali", family_name="Warsame")
    ids = []
    for title, status, due in (
        ("Call families", "open", date(2025, 9, 10)),
        ("Book the library", "in_progress", date(2025, 9, 20)),
        ("Translate the flyer", "blocked", None),
    ):
        values = {"committee_id": eac.id, "title": title, "status": status, "due_on": due}
        if status == "blocked":
            values["status_reason"] = "Waiting on the district"
        ids.append(svc.actions.save(values=values, owners=[mai.id, "Facilities"]).record.id)
    svc.actions.add_note(ids[0], note="Left a message")
    return {"committee": eac.id, "mai": mai.id, "ali": ali.id, "ids": ids}


def test_bulk_done_is_undone_with_its_progress_log_entries_and_redone(svc, items):
    ids = items["ids"]
    before_log = [u.id for u in svc.actions.updates(ids[0])]

    def do():
        return svc.actions.set_status_many(ids, status=ActionStatus.DONE, note="All wrapped up")

    def undo(result):
        assert len(result.logged) == 3, "one log entry per item moved"
        return svc.actions.restore(result.before, unlog=result.logged)

    round_trip(svc, do, undo, lambda _undone: do())
    assert all(svc.actions.get(i).status == ActionStatus.DONE for i in ids)
    assert [u.id for u in svc.actions.updates(ids[0])][:-1] == before_log


def test_bulk_owners_are_put_back(svc, items):
    ids, ali = items["ids"][:2], items["ali"]

    def do():
        return svc.actions.set_owners_many(ids, owners=[ali, "PTA"])

    round_trip(svc, do, lambda r: svc.actions.restore(r.before, unlog=r.logged), lambda _u: do())
    assert [o.spec for o in svc.actions.owners(ids[0])] == [ali, "PTA"]


def test_bulk_due_date_with_a_note_is_put_back(svc, items):
    ids = items["ids"]

    def do():
        return svc.actions.set_due_many(ids, due_on=date(2025, 10, 1), note="After the board meeting")

    round_trip(svc, do, lambda r: svc.actions.restore(r.before, unlog=r.logged), lambda _u: do())


def test_a_new_item_is_deleted_by_undo_and_comes_back_under_its_id(svc, items):
    made: list[int] = []

    def do():
        result = svc.actions.save(
            values={"committee_id": items["committee"], "title": "Survey students"},
            owners=["Counselors"],
            note="Drafted at the September meeting",
        )
        made.append(result.record.id)
        return result

    def undo(result):
        assert result.created and result.before is None
        return svc.actions.delete(result.record.id)

    round_trip(svc, do, undo, lambda _u: do())
    assert made[0] == made[1], "redo gives the same id back (SQLite reuses the highest rowid)"


def test_an_editor_change_is_restored_with_owners_and_log(svc, items):
    action_id, ali = items["ids"][1], items["ali"]

    def do():
        return svc.actions.save(
            action_id, values={"status": "done", "title": "Library booked"}, owners=[ali], note="Room 104"
        )

    def undo(result):
        assert result.before is not None and result.logged
        return svc.actions.restore([result.before], unlog=result.logged)

    round_trip(svc, do, undo, lambda _u: do())
    assert svc.actions.get(action_id).completed_on == date(2025, 9, 1)


def test_a_note_is_taken_out_and_written_again(svc, items):
    action_id = items["ids"][2]

    def do():
        return svc.actions.add_note(action_id, note="District replied")

    round_trip(svc, do, lambda note: svc.actions.remove_update(note.id), lambda _u: do())


def test_undo_alone_does_not_log_the_putting_back(svc, items):
    ids = items["ids"]
    start = state(svc)["action_update"]
    result = svc.actions.set_status_many(ids, status=ActionStatus.DROPPED, reason="Budget cut")
    svc.actions.restore(result.before, unlog=result.logged)
    assert state(svc)["action_update"] == start
