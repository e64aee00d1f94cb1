"""Citizenship and immigration status are designed out: no field holds them, and a roster's column of them is dropped
with its values unread (they reach no mapping, preview, plan, JSON report or database byte), and the import says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from equitydesk.cli.runner import main
from equitydesk.db.tables import Base
from equitydesk.formats.roster_columns import RosterSheet, parse_roster
from equitydesk.formats.roster_headers import FIELDS, match_header
from equitydesk.services.registry import Services
from tests.roster_files import write_csv

SENTINEL = "ZQX-SENTINEL-"  # a value no roster has: found anywhere, it was read and kept

STATUS_HEADINGS = [
    # English
    "Citizenship", "Citizenship status", "Country of citizenship", "U.S. citizen?", "Immigration status",
    "ImmigrationStatus", "immigration_status", "Immigrant status", "Legal status", "Green card", "Visa status",
    "Nationality", "A-Number", "DACA status", "Refugee status", "Undocumented?",
    # Spanish
    "Ciudadanía", "País de ciudadanía", "Nacionalidad", "Estatus migratorio", "Estado migratorio",
    "Situación migratoria", "Condición migratoria", "Estatus de inmigración", "Estatus legal", "Residente permanente",
    # Somali
    "Dhalasho", "Dhalashada", "Jinsiyad", "Jinsiyadda", "Muwaadinnimo", "Xaaladda socdaalka", "Sharciga socdaalka",
    # Hmong
    "Kev ua pej xeem", "Pej xeem", "Txoj cai nyob teb chaws", "Xwm txheej nkag tebchaws", "Daim npav ntsuab",
]  # fmt: skip
ORDINARY_HEADINGS = [
    "Status", "Membership status", "Residence", "Country", "Notes", "Home language", "Stakeholder group", "Role",
    "Email", "School", "Term start", "Interpreter needed", "Accessibility needs",
]  # fmt: skip


@pytest.mark.parametrize("heading", STATUS_HEADINGS)
def test_citizenship_and_immigration_headings_are_designed_out(heading: str) -> None:
    match = match_header(heading)
    assert match.designed_out and match.private and match.field is None


@pytest.mark.parametrize("heading", ORDINARY_HEADINGS)
def test_other_headings_are_not(heading: str) -> None:
    assert not match_header(heading).designed_out


def test_no_table_or_field_can_hold_citizenship_or_immigration_status() -> None:
    words = ("citizen", "immigra", "nationality", "visa", "migrat", "legal_status", "residency")
    columns = [f"{t.name}.{c.name}" for t in Base.metadata.tables.values() for c in t.columns]
    assert [c for c in columns if any(w in c.lower() for w in words)] == []
    assert [f for f in FIELDS if any(w in f for w in words)] == []


def roster(path: Path) -> Path:
    rows: list[list[object]] = [
        ["First Name", "Last Name", "Immigration status", "Email", "Ciudadanía", "Xaaladda socdaalka"],
        ["Hodan", "Warsame", SENTINEL + "1", "hodan@example.org", SENTINEL + "2", SENTINEL + "3"],
        ["Mai", "Vang", SENTINEL + "4", "mai@example.org", SENTINEL + "5", SENTINEL + "6"],
        ["", "", SENTINEL + "7", "", "", ""],  # a row holding only a status: nothing is left of it
    ]
    if path.suffix == ".csv":
        return write_csv(path, rows)
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_values_are_dropped_before_anything_can_show_them(tmp_path: Path, suffix: str) -> None:
    sheet = RosterSheet.open(roster(tmp_path / f"roster{suffix}"))
    every_cell = [c for row in sheet.rows.rows for c in row]
    assert not [c for c in every_cell if SENTINEL in str(c)], "the sheet kept for previews holds none of them"
    assert sheet.headers[2] == "Immigration status", "the heading stays, to say what was dropped"
    for mapping in (None, {2: "notes", 4: "notes", 5: "languages"}):  # not even mapped by hand
        parsed = sheet.map(mapping)
        assert not [r for r in parsed.rows if SENTINEL in repr(r.values) + repr(r.raw)]
        assert [r.row_number for r in parsed.rows] == [2, 3]
    assert parsed.notes == (
        "Columns C “Immigration status”, E “Ciudadanía” and F “Xaaladda socdaalka” were left out without reading "
        "them: EquityDesk keeps no record of anyone's citizenship or immigration status.",
    )
    one = parse_roster(write_csv(tmp_path / "one.csv", [["Name", "Email", "Citizenship"], ["A B", "a@b.org", "x"]]))
    assert one.notes == (
        "Column C “Citizenship” was left out without reading it: EquityDesk keeps no record of anyone's citizenship "
        "or immigration status.",
    )


def test_an_import_keeps_no_byte_of_them_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "eac.sqlite"
    file = roster(tmp_path / "roster.xlsx")
    args = ["--db", str(db), "import-roster", str(file), "--committee", "EAC", "--json"]
    assert main(["--db", str(db), "init"]) == 0
    capsys.readouterr()
    assert main([*args, "--dry-run"]) == 0
    preview = capsys.readouterr().out
    assert main(args) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["created"] == 2
    assert "were left out without reading them" in report["notes"][0]
    assert SENTINEL not in preview and SENTINEL not in json.dumps(report)
    for part in tmp_path.rglob("eac*"):  # the database, its -wal, and the backups made before the import
        if part.is_file():
            assert SENTINEL.encode() not in part.read_bytes(), part.name
    assert main(["--db", str(db), "import-roster", str(file), "--committee", "EAC"]) == 0
    said = capsys.readouterr().out
    assert "Columns C “Immigration status”, E “Ciudadanía” and F “Xaaladda socdaalka” were left out" in said
    assert SENTINEL not in said


def test_the_wizard_preview_says_so(services: Services, tmp_path: Path) -> None:
    opened = services.roster_import.open(roster(tmp_path / "roster.csv"))
    parsed = services.roster_import.map(opened.sheet)
    plan = services.roster_import.plan(parsed.rows, committee="EAC")
    assert SENTINEL not in repr(plan.rows) and parsed.notes
