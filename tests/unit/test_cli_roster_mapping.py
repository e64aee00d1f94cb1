"""import-roster --map "HEADING=field" and --show-mapping, as a script author runs them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from equitydesk.cli import main
from equitydesk.services.roster_import import RosterImportService
from tests.roster_files import write_xlsx

HEADINGS = ["First Name", "Last", "E-mail Address", "WhatsApp", "Sector", "Notes (office use)", "Student ID"]


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EQUITYDESK_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "r.sqlite"
    assert main(["--db", str(path), "init"]) == 0
    return path


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    # Two headings no list knows ("WhatsApp" holds phones, "Sector" the group), below two title rows.
    return write_xlsx(tmp_path / "roster.xlsx", [
        HEADINGS,
        ["Hodan", "Warsame", "Hodan@Example.org", "612-555-0101", "Parent", "call after 5", "123456"],
        ["Tom", "Lee", "tom@example.org", "612-555-0102", "Student", "", "654321"],
    ], title_rows=["EAC roster", "Fall 2025"])  # fmt: skip


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_show_mapping_prints_the_mapping_and_changes_nothing(db, roster, capsys) -> None:
    before = digest(db)
    code, out, _ = run(capsys, db, "import-roster", str(roster), "--committee", "EAC", "--show-mapping")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"{roster}, sheet “Roster”, headings on row 3:"
    assert any("First Name" in line and "→ First name (given_name)" in line for line in lines)
    assert any("WhatsApp" in line and line.endswith("→ not imported") for line in lines)
    assert any("Student ID" in line and line.endswith("→ not imported: private information") for line in lines)
    assert digest(db) == before

    code, out, _ = run(capsys, db, "import-roster", str(roster), "--committee", "EAC", "--show-mapping", "--json")
    assert code == 0
    report = json.loads(out)
    assert (report["sheet"], report["header_row"], report["layout"]) == ("Roster", 3, None)
    assert report["mapping"] == {"First Name": "given_name", "Last": "family_name", "E-mail Address": "email",
                                 "Notes (office use)": "notes"}  # fmt: skip
    assert report["columns"][6] == {"column": "G", "heading": "Student ID", "field": None, "private": True}
    assert digest(db) == before
    stats = json.loads(run(capsys, db, "stats", "--json")[1])
    assert (stats["people"], stats["committees"]) == (0, 0)


def test_map_puts_columns_into_fields_and_leaves_columns_out(db, roster, capsys) -> None:
    args = ["import-roster", str(roster), "--committee", "EAC", "--map", "whatsapp=phone",
            "--map", "Sector=Stakeholder group", "--map", "Notes (office use)="]  # fmt: skip
    code, out, _ = run(capsys, db, *args, "--show-mapping", "--json")
    assert code == 0
    assert json.loads(out)["mapping"] == {"First Name": "given_name", "Last": "family_name",
                                          "E-mail Address": "email", "WhatsApp": "phone",
                                          "Sector": "stakeholder_group"}  # fmt: skip
    code, out, err = run(capsys, db, *args, "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["created"] == 2 and report["mapping"]["WhatsApp"] == "phone"
    people = {p["given_name"]: p for p in json.loads(run(capsys, db, "list", "people", "--json")[1])}
    assert people["Hodan"]["phone"] == "612-555-0101" and not people["Hodan"].get("notes")


def test_the_mapping_goes_through_the_service_the_wizard_uses(db, roster, capsys, monkeypatch) -> None:
    seen = []
    real = RosterImportService.map

    def spy(self, sheet, *, mapping=None, **kw):  # type: ignore[no-untyped-def]
        seen.append(mapping)
        return real(self, sheet, mapping=mapping, **kw)

    monkeypatch.setattr(RosterImportService, "map", spy)
    args = ["import-roster", str(roster), "--committee", "EAC", "--map", "WhatsApp=phone", "--map", "Column F=ignore"]
    assert run(capsys, db, *args, "--dry-run")[0] == 0
    assert seen == [{3: "phone", 5: None}]


@pytest.mark.parametrize(("pair", "words"), [
    ("Telefono=phone", "No column of sheet 'Roster' of roster.xlsx (headings on row 3) is headed 'Telefono'"),
    ("WhatsApp=fone", "'fone' is not a field a column can go to"),
    ("Student ID=notes", "Column G ('Student ID') of roster.xlsx holds private information"),
    ("WhatsApp", 'should be HEADING=FIELD, for example --map "Teléfono=phone"'),
])  # fmt: skip
def test_a_bad_pair_is_one_plain_line_and_exit_2(db, roster, capsys, pair: str, words: str) -> None:
    before = digest(db)
    code, out, err = run(capsys, db, "import-roster", str(roster), "--committee", "EAC", "--map", pair)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and words in err, err
    assert digest(db) == before


def test_two_columns_for_one_field_is_refused(db, roster, capsys) -> None:
    code, _, err = run(capsys, db, "import-roster", str(roster), "--committee", "EAC", "--map", "WhatsApp=phone",
                       "--map", "Sector=phone", "--dry-run")  # fmt: skip
    assert code == 2 and "gives phone to both column D ('WhatsApp') and column E ('Sector')" in err


def test_map_names_the_columns_of_headings_no_list_knows(db, tmp_path, capsys) -> None:
    finnish = write_xlsx(tmp_path / "lista.xlsx", [["Koko nimi", "Sähköposti"], ["Aino Virtanen", "Aino@Example.fi"]])
    code, _, err = run(capsys, db, "import-roster", str(finnish), "--committee", "EAC", "--dry-run")
    assert code == 2 and "could not find the column headings" in err
    args = [
        "import-roster",
        str(finnish),
        "--committee",
        "EAC",
        "--map",
        "Koko nimi=full_name",
        "--map",
        "sahkoposti=email",
    ]
    code, out, err = run(capsys, db, *args, "--json")
    assert code == 0, err
    assert json.loads(out)["created"] == 1
    people = json.loads(run(capsys, db, "list", "people", "--json")[1])
    assert [(p["given_name"], p["family_name"], p["email"]) for p in people] == [
        ("Aino", "Virtanen", "aino@example.fi")
    ]
