"""Action exports: the workbook (items and progress log, text as typed, also in LibreOffice), the report PDF grouped
by owner or strategy with overdue first, and the commands that write them, list, mark done and note."""

from __future__ import annotations

import io
import json
import subprocess
from contextlib import redirect_stdout
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from equitydesk.cli import main
from equitydesk.db.engine import Database
from equitydesk.domain.enums import ActionStatus
from equitydesk.formats.action_xlsx import ACTIONS_SHEET, LOG_SHEET
from equitydesk.formats.pdf.action_report import group_rows
from equitydesk.services.registry import Services
from tests import prerequisites
from tests.factories import make_committee, make_person, make_strategy

TRICKY = '=HYPERLINK("http://x","y")'


@pytest.fixture
def today() -> date:
    """The real day: the commands run here take the computer's date, so the services of the test must too."""
    return date.today()


@pytest.fixture
def made(services: Services, today: date) -> dict[str, int]:
    eac = make_committee(services, name="Equity Advisory Committee")
    mai = make_person(services, given_name="Mai", family_name="Nguyễn")
    strategy = make_strategy(services, code="S1", title="Family engagement")
    late = services.actions.save(
        values={"committee_id": eac.id, "title": "=1+1 call families", "due_on": today - timedelta(days=5),
                "strategy_id": strategy.id}, owners=[mai.id, "Facilities"]).record  # fmt: skip
    soon = services.actions.save(
        values={"committee_id": eac.id, "title": "@SUM(A1) book the room", "due_on": today + timedelta(days=3)},
        owners=["Facilities"]).record  # fmt: skip
    services.actions.add_note(late.id, note=TRICKY)
    services.actions.mark_done(soon.id, note="Room 204 booked.")
    services.actions.create(committee_id=eac.id, title="Draft the survey", due_on=today + timedelta(days=40))
    return {"eac": eac.id, "late": late.id, "soon": soon.id, "mai": mai.id}


def test_the_workbook_has_items_and_log_with_text_as_text(services: Services, made, tmp_path: Path) -> None:
    target = tmp_path / "actions.xlsx"
    result = services.action_export.export_xlsx(target=target, committee_id=made["eac"])
    assert result.rows == 3 and result.warnings == []
    book = openpyxl.load_workbook(target)
    items = book[ACTIONS_SHEET]
    titles = [c.value for c in items["B"][1:]]
    assert titles[0] == "=1+1 call families" and items["B2"].data_type == "s"
    assert items["D2"].value == "Mai Nguyễn, Facilities" and items["F2"].value == "Overdue"
    log = book[LOG_SHEET]
    notes = [c.value for c in log["E"][1:]]
    assert TRICKY in notes and "Room 204 booked." in notes
    assert all(c.data_type == "s" for c in log["E"][1:] if c.value)
    changes = [c.value for c in log["D"][1:] if c.value]
    assert "Open → Done" in changes
    only_done = services.action_export.export_xlsx(target=tmp_path / "done.xlsx", status="done")
    assert only_done.rows == 1


def test_libreoffice_reads_both_sheets_as_typed(services: Services, made, tmp_path: Path) -> None:
    soffice = prerequisites.soffice()  # skips without LibreOffice; fails in CI
    target = tmp_path / "actions.xlsx"
    services.action_export.export_xlsx(target=target, committee_id=made["eac"])
    out = tmp_path / "csv"
    # Token 12 = -1: every sheet to its own file, named after the sheet.
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", str(out),
         str(target)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    texts = {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.csv")}
    items = next(t for n, t in texts.items() if "Action items" in n)
    log = next(t for n, t in texts.items() if "Progress" in n)
    assert "=1+1 call families" in items and "@SUM(A1) book the room" in items and "Mai Nguyễn" in items
    assert '"=HYPERLINK(""http://x"",""y"")"' in log


def test_the_report_groups_by_owner_and_strategy_overdue_first(services: Services, made, tmp_path: Path) -> None:
    rows = services.action_export.rows(filters={"committee_id": made["eac"]})
    by_owner = dict(group_rows(rows, "owner"))
    assert [r.title for r in by_owner["Facilities"]] == ["=1+1 call families", "@SUM(A1) book the room"]
    assert list(by_owner) == ["Facilities", "Mai Nguyễn", "No owner named"]
    assert by_owner["Facilities"][0].overdue
    by_strategy = dict(group_rows(rows, "strategy"))
    assert list(by_strategy) == ["S1 Family engagement", "Not linked to a strategy"]
    target = tmp_path / "report.pdf"
    result = services.action_export.report_pdf(target=target, committee_id=made["eac"], group_by="owner")
    assert result.rows == 3
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "OVERDUE" in text and "=1+1 call families" in text and "Mai Nguyễn" in text
    assert text.index("Facilities") < text.index("Mai Nguyễn")
    fonts = {str(f) for page in PdfReader(target).pages for f in page["/Resources"]["/Font"].values()}
    assert fonts  # embedded DejaVu, as every PDF of the app
    services.action_export.report_pdf(target=tmp_path / "s.pdf", committee_id=made["eac"], group_by="strategy")


@pytest.fixture
def db_file(db: Database, made) -> str:
    return str(db.engine.url.database)


def cli(db_file: str, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["--db", db_file, *args])
    return code, out.getvalue()


def test_cli_lists_filters_exports_and_records_progress(db_file: str, services: Services, made, tmp_path) -> None:
    code, out = cli(db_file, "list", "actions", "--json", "--overdue")
    assert code == 0 and [r["id"] for r in json.loads(out)] == [made["late"]]
    code, out = cli(db_file, "list", "actions", "--json", "--owner", "facil", "--status", "done")
    assert [r["id"] for r in json.loads(out)] == [made["soon"]]
    code, out = cli(db_file, "list", "actions", "--json", "--committee", "Equity Advisory Committee")
    assert len(json.loads(out)) == 3
    code, _ = cli(db_file, "action", "note", str(made["late"]), "Left a voicemail.")
    assert code == 0 and services.actions.updates(made["late"])[-1].note == "Left a voicemail."
    code, out = cli(db_file, "action", "done", str(made["late"]), "--note", "All families reached.")
    assert code == 0 and services.actions.get(made["late"]).status == ActionStatus.DONE
    assert services.actions.updates(made["late"])[-1].note == "All families reached."
    code, out = cli(db_file, "export", "actions", str(tmp_path / "a.xlsx"), "--committee", "Equity Advisory Committee")
    assert code == 0 and (tmp_path / "a.xlsx").exists() and "3 action items" in out
    code, out = cli(db_file, "report", "actions", str(tmp_path / "a.pdf"), "--committee", "Equity Advisory Committee",
                    "--group-by", "strategy")  # fmt: skip
    assert code == 0 and (tmp_path / "a.pdf").exists()
