"""Importing a committee's spreadsheet tracker: a messy one built here (a merged title row, owners as "Last, First",
dates typed four ways, a status nobody planned for) becomes the right action items, as one undoable batch."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from equitydesk.cli import main
from equitydesk.domain.enums import ActionStatus, Priority
from equitydesk.domain.normalize import excel_serial_to_date
from equitydesk.formats.action_values import parse_due, parse_status
from equitydesk.formats.errors import FileRefused
from equitydesk.services.crud import ListQuery
from equitydesk.services.registry import Services
from tests.factories import make_person

SERIAL = 45962


def messy_tracker(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "FY26 tracker"
    ws["A1"] = "Equity Action Tracker 2025–26"
    ws.merge_cells("A1:F1")
    ws.append([])
    ws.append(["Action Item", "Owner", "Due Date", "Status", "Priority", "Notes"])
    ws.append(["Call families about the survey", "Vang, Mai", "9/30", "In Progress", "High", "Called 12 so far"])
    ws.append(["Book the library", "Facilities", datetime(2025, 10, 15), "Done", None, None])
    ws.append(["Translate the flyer", "abdi@example.org; Facilities", SERIAL, "overdue", None, None])
    ws.append(["Board memo", "Mai Vang, Jordan Lee", "Oct 1, 2025", "Pending board vote", "low", None])
    ws.append([])
    ws.append([None, "Nobody", "10/2/2025", "Open", None, None])
    ws.append(["call families about the survey ", "Vang, Mai", "9/30", "Done", None, None])
    wb.save(path)
    return path


@pytest.fixture
def people(services: Services) -> dict[str, int]:
    mai = make_person(services, given_name="Mai", family_name="Vang", email="mai@example.org")
    abdi = make_person(services, given_name="Abdi", family_name="Warsame", email="Abdi@Example.org")
    return {"mai": mai.id, "abdi": abdi.id}


def by_title(services: Services) -> dict[str, object]:
    ids = services.actions.list_ids(ListQuery())
    return {r.title: r for r in services.actions.get_many(ids).values()}


def test_a_messy_tracker_becomes_the_right_action_items(services: Services, people, tmp_path: Path, today) -> None:
    importer = services.action_import
    sheet = importer.open(messy_tracker(tmp_path / "tracker.xlsx"))
    assert sheet.header_row == 3, "the merged title row above the headings is not taken for them"
    parsed = importer.map(sheet)
    preview = importer.plan(parsed, committee="Equity Advisory Committee")
    assert (preview.created, preview.updated, preview.unchanged, preview.rejected) == (4, 0, 1, 1)
    assert services.actions.list_ids() == [], "the preview writes nothing"

    result = importer.commit(parsed, committee="Equity Advisory Committee")
    assert result.committee_created and result.batch_id is not None
    items = by_title(services)
    assert set(items) == {"Call families about the survey", "Book the library", "Translate the flyer", "Board memo"}
    call, book, flyer, memo = (items[t] for t in ("Call families about the survey", "Book the library",
                                                  "Translate the flyer", "Board memo"))  # fmt: skip
    assert (call.status, call.due_on, call.priority) == (ActionStatus.IN_PROGRESS, date(2025, 9, 30), Priority.HIGH)
    assert (book.status, book.due_on, book.completed_on) == (ActionStatus.DONE, date(2025, 10, 15), today)
    assert (flyer.status, flyer.due_on) == (ActionStatus.OPEN, excel_serial_to_date(SERIAL))
    assert (memo.status, memo.due_on, memo.priority) == (ActionStatus.OPEN, date(2025, 10, 1), Priority.LOW)
    owners = {t: [o.spec for o in services.actions.owners(i.id)] for t, i in items.items()}
    assert owners["Call families about the survey"] == [people["mai"]], "“Vang, Mai” is Mai Vang on the roster"
    assert owners["Translate the flyer"] == [people["abdi"], "Facilities"], "matched by e-mail, ignoring case"
    assert owners["Board memo"] == [people["mai"], "Jordan Lee"], "not on the roster: kept as a free-text owner"
    assert owners["Book the library"] == ["Facilities"]
    assert [u.note for u in services.actions.updates(call.id)] == ["Called 12 so far"]
    assert services.actions.updates(memo.id)[0].note == "Status in the tracker: Pending board vote"

    (odd,) = [w for w in result.plan.warnings if w.field == "status"]
    assert (odd.row, odd.column, odd.header) == (7, "D", "Status")
    assert "Pending board vote" in odd.message and "open" in odd.message
    (missing,) = result.plan.errors
    assert missing.row == 9 and "no action" in missing.message
    assert services.actions.list_ids(ListQuery(filters={"view": "overdue"})) == [call.id, memo.id, flyer.id]

    again = importer.commit(
        importer.map(importer.open(tmp_path / "tracker.xlsx")), committee="equity advisory committee"
    )
    assert (again.plan.created, again.plan.updated) == (0, 0) and not again.committee_created

    undone = importer.undo(result.batch_id)
    assert undone.items_removed == 4 and services.actions.list_ids() == []


def test_a_csv_tracker_updates_items_already_there(services: Services, people, tmp_path: Path) -> None:
    eac = services.committees.create(name="EAC")
    existing = services.actions.create(committee_id=eac.id, title="Book the library", due_on=date(2025, 10, 1))
    path = tmp_path / "tracker.csv"
    path.write_text("Task,Who,Deadline,Status\nBook the library,Facilities,10/20/2025,Complete\n"
                    "Plan the forum,\"Warsame, Abdi\",11/30,Not started\n", encoding="utf-8")  # fmt: skip
    result = services.action_import.commit(services.action_import.map(services.action_import.open(path)),
                                           committee="EAC")  # fmt: skip
    assert (result.plan.created, result.plan.updated) == (1, 1)
    updated = services.actions.get(existing.id)
    assert updated.status == ActionStatus.DONE and updated.due_on == date(2025, 10, 20)
    forum = by_title(services)["Plan the forum"]
    assert forum.due_on == date(2025, 11, 30) and [o.spec for o in services.actions.owners(forum.id)] == [
        people["abdi"]
    ]
    services.action_import.undo(result.batch_id)
    restored = services.actions.get(existing.id)
    assert (restored.status, restored.due_on) == (ActionStatus.OPEN, date(2025, 10, 1))
    assert "Plan the forum" not in by_title(services)


def test_a_sheet_without_headings_is_refused_in_a_sentence(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("just,some,words\n1,2,3\n", encoding="utf-8")
    with pytest.raises(FileRefused, match="column headings"):
        services.action_import.open(path)


def test_statuses_and_dates_as_people_type_them() -> None:
    assert parse_status("Done") == ActionStatus.DONE and parse_status("in progress") == ActionStatus.IN_PROGRESS
    assert parse_status("OVERDUE") == ActionStatus.OPEN and parse_status("On hold") == ActionStatus.BLOCKED
    assert parse_status("N/A") == ActionStatus.DROPPED and parse_status("Pending board vote") is None
    assert parse_due("9/30", today=date(2025, 11, 12)) == date(2025, 9, 30)
    assert parse_due("3/15", today=date(2025, 11, 12)) == date(2026, 3, 15), "spring of the same school year"
    assert parse_due("2025-12-01", today=date(2025, 11, 12)) == date(2025, 12, 1)


def test_import_actions_prints_the_import_roster_json_shape(db, services: Services, people, tmp_path: Path) -> None:
    tracker = messy_tracker(tmp_path / "tracker.xlsx")
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["--db", str(db.engine.url.database), "import-actions", str(tracker), "--committee", "EAC",
                     "--json"])  # fmt: skip
    report = json.loads(out.getvalue())
    assert code == 0
    assert {"created", "updated", "unchanged", "rejected", "warnings", "errors", "batch_id", "sheet", "header_row",
            "mapping", "committee_created", "dry_run"} <= set(report)  # fmt: skip
    assert (report["created"], report["rejected"], report["committee_created"]) == (4, 1, True)
    assert any(w["row"] == 7 and w["column"] == "D" for w in report["warnings"])
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["--db", str(db.engine.url.database), "undo-import", str(report["batch_id"])]) == 0
    assert "removed 4 action items" in out.getvalue()
    assert services.actions.list_ids() == []


def test_the_roster_undo_of_a_tracker_import_removes_its_items(services: Services, people, tmp_path: Path) -> None:
    importer = services.action_import
    result = importer.commit(importer.map(importer.open(messy_tracker(tmp_path / "t.xlsx"))), committee="EAC")
    assert result.batch_id is not None and len(services.actions.list_ids()) == 4
    services.roster_import.undo(result.batch_id)  # Roster › Undo an import… lists every import batch
    assert services.actions.list_ids() == []
    assert [b.undone for b in services.roster_import.batches() if b.id == result.batch_id] == [True]


def test_a_tracker_column_of_immigration_status_is_never_read(services: Services, people, tmp_path: Path) -> None:
    sentinel = "ZQX-SENTINEL-"
    wb = Workbook()
    ws = wb.active
    ws.append(["Action Item", "Owner", "Due Date", "Estatus migratorio", "Notes"])
    ws.append(["Call families", "Vang, Mai", "9/30/2025", sentinel + "1", "Called 12"])
    ws.append(["Book the library", "Facilities", "10/15/2025", sentinel + "2", None])
    wb.save(tmp_path / "tracker.xlsx")
    importer = services.action_import
    sheet = importer.open(tmp_path / "tracker.xlsx")
    assert not [c for r in sheet._rows.rows for c in r if sentinel in str(c)], "wiped as soon as the sheet is read"
    forced = importer.map(sheet, mapping={0: "title", 3: "details"})
    assert sentinel not in repr([(r.values, r.raw) for r in forced.rows]), "not even when mapped by hand"
    parsed = importer.map(sheet)
    assert parsed.notes and "Estatus migratorio" in parsed.notes[0] and "left out" in parsed.notes[0]
    importer.commit(parsed, committee="EAC", file_name="tracker.xlsx")
    path = services.ctx.sessions.kw["bind"].url.database
    for part in (Path(path), Path(path + "-wal")):
        if part.exists():
            assert sentinel.encode() not in part.read_bytes(), part.name
