"""What a cell may hold: text is capped at each field's length (a warning on import, a refusal on edit), and
bidirectional controls never reach a name."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from equitydesk.cli import main
from equitydesk.db.engine import open_database
from equitydesk.domain.limits import PERSON_TEXT_LIMITS
from equitydesk.domain.normalize import clean_text
from equitydesk.formats.roster_columns import parse_roster
from equitydesk.services.errors import DomainError
from equitydesk.services.registry import services_for
from equitydesk.services.roster import PERSON_FIELDS
from tests.roster_files import write_csv

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def test_the_import_caps_agree_with_the_person_editor() -> None:
    assert {name: f.max_len for name, f in PERSON_FIELDS.items() if name in PERSON_TEXT_LIMITS} == PERSON_TEXT_LIMITS
    assert set(PERSON_TEXT_LIMITS) == {n for n, f in PERSON_FIELDS.items() if f.kind in ("text", "longtext", "email")}


def test_an_overlong_note_is_cut_with_a_warning_naming_row_and_column(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "roster.csv",
        [["Name", "Email", "Notes"], ["Mai Vang", "mai@example.org", "short"], ["Hodan Abdi", "", "n" * 50_000]],
    )
    roster = parse_roster(path)
    first, second = roster.rows
    assert first.values["notes"] == "short" and not first.problems
    assert second.values["notes"] == "n" * 20_000
    (problem,) = second.problems
    assert problem.severity == "warning" and (problem.row, problem.column, problem.header) == (3, "C", "Notes")
    assert problem.describe() == (
        "Row 3, column C (Notes): the text was cut to 20,000 characters, the most EquityDesk keeps for Notes "
        "(it had 50,000)."
    )


def test_a_name_too_long_is_cut_even_when_split_from_a_full_name(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "roster.csv",
        [["Name", "Email"], [f"{'A' * 300} Vang", "a@example.org"], ["B" * 250, "b@example.org"]],
    )
    rows = parse_roster(path).rows
    assert rows[0].values["given_name"] == "A" * 200 and rows[0].values["family_name"] == "Vang"
    assert rows[1].values["given_name"] == "B" * 200
    assert all(len(r.problems) == 1 and r.problems[0].column == "A" for r in rows)


def test_an_overlong_email_is_left_out_not_cut(tmp_path: Path) -> None:
    address = "a" * 400 + "@example.org"
    path = write_csv(tmp_path / "roster.csv", [["Name", "Email"], ["Mai Vang", address]])
    (row,) = parse_roster(path).rows
    assert "email" not in row.values
    assert "left out" in row.problems[0].message


def test_the_cli_import_reports_the_cut_and_stores_the_capped_text(tmp_path: Path, capsys) -> None:
    db_path = tmp_path / "eac.sqlite"
    sheet = write_csv(tmp_path / "roster.csv", [["Name", "Notes"], ["Mai Vang", "n" * 30_000]])
    assert main(["--db", str(db_path), "import-roster", str(sheet), "--committee", "EAC"]) == 0
    out = capsys.readouterr().out
    assert "Row 2, column B: the text was cut to 20,000 characters" in out
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT length(notes) FROM person").fetchone()[0] == 20_000
    finally:
        conn.close()


def test_bidirectional_controls_are_stripped_from_one_line_text() -> None:
    assert clean_text("\u202eevaD") == "evaD"
    assert clean_text(f"Mai{BIDI}Vang") == "MaiVang"
    assert clean_text("Nguyễn \u2067عبد الله\u2069") == "Nguyễn عبد الله"
    assert clean_text(BIDI * 3_000) == ""


def test_an_imported_name_of_bidi_controls_is_no_name(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "roster.csv",
        [["First name", "Last name"], ["\u202e" * 40_000, "\u202e" * 10], ["\u202eiaM", "Vang"]],
    )
    first, second = parse_roster(path).rows
    assert first.has_errors  # nothing left of the name: the row cannot be imported
    assert second.values == {"given_name": "iaM", "family_name": "Vang"}


@pytest.fixture
def people(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = open_database(tmp_path / "edit.sqlite")
    yield services_for(db, actor="test").people
    db.dispose()


def test_editing_refuses_overlong_text_naming_the_field(people) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError) as info:
        people.create(given_name="Mai", family_name="Vang", notes="n" * 50_000_000)
    assert info.value.field == "notes" and "Notes is too long (50,000,000 characters; at most 20,000)" in str(
        info.value
    )


def test_editing_strips_bidi_controls_from_names(people) -> None:  # type: ignore[no-untyped-def]
    person = people.create(given_name="\u202eiaM", family_name="Va\u200fng")
    assert (person.given_name, person.family_name) == ("iaM", "Vang")
    with pytest.raises(DomainError, match="needs a given name or a family name"):
        people.create(given_name="\u202e" * 40_000, family_name="")
