"""The shared contacts-wild corpus (people lists exported by other programs) read as the import reads it: which
files are refused, which columns hold the names and e-mails, and how many rows come out with a name."""

from __future__ import annotations

from pathlib import Path

import pytest

from equitydesk.formats.errors import FileRefused
from equitydesk.formats.roster_columns import ParsedRoster, parse_roster

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "contacts-wild"

# file: (rows, rows with a name, rows with an e-mail, the export recognised, columns that must be mapped so)
EXPECTED: dict[str, tuple[int, int, int, str | None, dict[str, str | None]]] = {
    "01_roundcube_thunderbird_export.csv": (1, 1, 1, None, {"First Name": "given_name", "Screen Name": None}),
    "03_roundcube_all_fields_bom.csv": (1, 1, 1, "Outlook", {"Company": "organization", "Manager's Name": None}),
    "05_tine_outlook2013_de_cp1252.csv": (2, 2, 2, "Outlook (German)", {
        "Vorname": "given_name", "Nachname": "family_name", "Firma": "organization", "E-Mail-Adresse": "email",
        "Name des/r Vorgesetzten": None, "Position": None, "E-Mail-Typ": None,
    }),
    "09_tine_google_contacts_crlf.csv": (5, 5, 1, "Google Contacts", {
        "E-mail 1 - Value": "email", "E-mail 1 - Type": None, "Phone 1 - Value": "phone", "Group Membership": None,
    }),
    "11_mautic_10contacts_crlf.csv": (10, 10, 10, None, {"firstname": "given_name", "lastname": "family_name"}),
    "13_mautic_form_results.csv": (50, 50, 50, None, {"name": "full_name"}),
    "16_casa_volunteers_bom.csv": (3, 3, 3, None, {"display_name": "full_name"}),
    "22_civicrm_player_first_name.csv": (1, 1, 1, None, {"Player First Name": "given_name"}),
    "25_moodle_uploaduser_example.csv": (3, 3, 3, None, {"username": None, "firstname": "given_name"}),
    "26_chamilo_users_lastname_first.csv": (2, 2, 2, None, {"UserName": None, "LastName": "family_name"}),
    "27_ghost_members_import.csv": (2, 2, 2, None, {"name": "full_name"}),
    "29_laravel_excel_heading_row4.xlsx": (2, 2, 2, None, {"name": "full_name"}),
}  # fmt: skip
REFUSED = {
    "19_foss_tickets_ods_named_xlsx.xlsx": "is an OpenDocument spreadsheet",
    "21_thunderbird_no_header.csv": "could not find the column headings",
    "30_laravel_excel_unnamed_name_column.xlsx": "could not find the column headings",
}


@pytest.fixture(scope="module")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    return CORPUS


def test_the_corpus_is_the_one_described(corpus: Path) -> None:
    assert sorted(p.name for p in corpus.iterdir() if p.name != "SOURCES.md") == sorted({*EXPECTED, *REFUSED})


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_names_and_e_mails_come_from_the_right_columns(corpus: Path, name: str) -> None:
    rows, named, emailed, layout, columns = EXPECTED[name]
    roster: ParsedRoster = parse_roster(corpus / name)
    got = (
        len(roster.rows),
        sum(bool(r.values.get("given_name") or r.values.get("family_name")) for r in roster.rows),
        sum(bool(r.values.get("email")) for r in roster.rows),
        roster.layout,
    )
    assert got == (rows, named, emailed, layout)
    fields = {c.header: c.field for c in roster.columns}
    assert {h: fields[h] for h in columns} == columns
    assert not any(p.is_error for p in roster.all_problems())


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_files_without_a_readable_roster_are_refused(corpus: Path, name: str) -> None:
    with pytest.raises(FileRefused, match=REFUSED[name]):
        parse_roster(corpus / name)
