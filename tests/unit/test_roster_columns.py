"""Understanding roster sheets: headings, sheet choice, mapping, normalised rows, and problems with their places."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from equitydesk.domain.enums import Role, StakeholderGroup
from equitydesk.formats.errors import FileRefused, ReadCancelled
from equitydesk.formats.roster_columns import ParsedRow, RosterSheet, column_letter, parse_roster
from equitydesk.formats.roster_headers import FIELDS, match_header
from tests.roster_files import ROSTER_HEADER, make_big_roster_xlsx, write_csv, write_xlsx

HEADER = ["Last Name", "First Name", "Email", "Role", "Stakeholder Group", "Term Begins"]


@pytest.mark.parametrize(("heading", "field"), [
    ("E-mail Address", "email"), ("Email", "email"), ("EMAIL:", "email"), ("Cell #", "phone"), ("Mobile", "phone"),
    ("Phone Number", "phone"), ("First Name", "given_name"), ("Given name", "given_name"),
    ("Last Name", "family_name"), ("Surname", "family_name"), ("Family name", "family_name"),
    ("Preferred name", "preferred_name"), ("Goes by", "preferred_name"), ("Nickname", "preferred_name"),
    ("Pronouns", "pronouns"), ("Stakeholder Group", "stakeholder_group"),
    ("Which group do you represent?", "stakeholder_group"), ("Constituency", "stakeholder_group"),
    ("Building", "organization"), ("School", "organization"), ("Site", "organization"),
    ("Organization", "organization"), ("Home Language", "languages"), ("Primary language", "languages"),
    ("Languages spoken", "languages"), ("Interpreter Needed?", "interpreter_needed"),
    ("Interpreter language", "interpreter_language"), ("Accommodations", "accessibility_needs"),
    ("Accessibility needs", "accessibility_needs"), ("Term Begins", "term_start"), ("Term start", "term_start"),
    ("Term Ends", "term_end"), ("Term expires", "term_end"), ("Role", "role"), ("Position", "role"),
    ("Voting member?", "voting"), ("Name", "full_name"), ("first_name", "given_name"), ("LastName", "family_name"),
    ("Parent/Guardian E-mail", "email"), ("Best phone to reach you", "phone"), ("Notes", "notes"),
    ("Comments", "notes"), ("Student Name", "full_name"),
])  # fmt: skip
def test_headings_people_write(heading: str, field: str) -> None:
    assert match_header(heading).field == field


@pytest.mark.parametrize("heading", [
    "Student ID #", "SSN", "Date of birth", "DOB", "Citizenship", "Immigration status", "Country of birth",
    "Address", "Home Address", "Street", "Zip", "Gender", "Race/Ethnicity", "Free/Reduced Lunch", "IEP",
])  # fmt: skip
def test_private_headings_are_never_mapped(heading: str) -> None:
    match = match_header(heading)
    assert match.private and match.field is None


@pytest.mark.parametrize("heading", ["Non-voting", "Emergency contact phone", "Grade", "", "Total"])
def test_headings_that_are_not_guessed(heading: str) -> None:
    assert match_header(heading).field is None


def test_every_field_has_a_heading() -> None:
    assert {match_header(f.replace("_", " ")).field for f in FIELDS} >= set(FIELDS) - {"full_name"}


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


def test_heading_row_below_titles_and_rows_numbered_as_excel_shows(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "roster.xlsx",
        [HEADER, ["Vang", "Mai", "mai@example.org", "Co-chair", "Parent", date(2025, 9, 1)]],
        title_rows=["Equity Advisory Committee", "Roster for 2025-26"],
    )
    roster = parse_roster(path)
    assert roster.file_name == "roster.xlsx" and roster.sheet == "Roster" and roster.sheet_names == ["Roster"]
    assert roster.header_row == 3
    assert [(c.letter, c.header, c.field) for c in roster.columns][:3] == [
        ("A", "Last Name", "family_name"), ("B", "First Name", "given_name"), ("C", "Email", "email"),
    ]  # fmt: skip
    [row] = roster.rows
    assert row.row_number == 4
    assert row.values == {
        "family_name": "Vang", "given_name": "Mai", "email": "mai@example.org", "role": Role.CO_CHAIR,
        "stakeholder_group": StakeholderGroup.PARENT_GUARDIAN, "term_start": date(2025, 9, 1),
    }  # fmt: skip
    assert row.problems == [] and not row.has_errors


def test_private_columns_are_listed_as_ignored_and_never_reach_notes(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "roster.xlsx", [
        ["Name", "Student ID #", "Date of Birth", "Citizenship", "Address", "Notes", "Favorite color"],
        ["Mai Vang", 1234567, date(2010, 1, 1), "x", "1 Main St", "likes mornings", "green"],
    ])  # fmt: skip
    roster = parse_roster(path)
    assert roster.ignored_columns == ["Student ID #", "Date of Birth", "Citizenship", "Address", "Favorite color"]
    assert [c.private for c in roster.columns] == [False, True, True, True, True, False, False]
    [row] = roster.rows
    assert row.values == {"given_name": "Mai", "family_name": "Vang", "notes": "likes mornings"}
    assert set(row.raw) == {"full_name", "notes"}
    forced = RosterSheet.open(path).map({1: "notes", 5: None})
    assert forced.columns[1].field is None
    assert "never imported" in forced.problems[0].describe()
    assert "notes" not in forced.rows[0].values


def test_full_names_nicknames_and_unreadable_values(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "roster.xlsx", [
        ["Name", "E-mail", "Position", "Term Ends", "Cell"],
        ['Smith, Robert "Bob"', "bob@example", "Treasurer", "31/31/2025", 6125551234],
        ["Maria de la Cruz", "maria@example.org", "Vice chair", 46203, "(612) 555-0101"],
    ])  # fmt: skip
    bob, maria = parse_roster(path).rows
    assert bob.values == {"given_name": "Robert", "family_name": "Smith", "preferred_name": "Bob",
                          "phone": "6125551234"}  # fmt: skip
    assert bob.raw["phone"] == 6125551234 and bob.raw["full_name"] == 'Smith, Robert "Bob"'
    assert [(p.row, p.column, p.field, p.severity) for p in bob.problems] == [
        (2, "B", "email", "warning"), (2, "C", "role", "warning"), (2, "D", "term_end", "warning"),
    ]  # fmt: skip
    assert bob.problems[2].describe() == (
        "Row 2, column D (Term Ends): '31/31/2025' is not a date I can read; write it like 9/1/2025. "
        "The term end was left empty."
    )
    assert not bob.has_errors
    assert maria.values["given_name"] == "Maria" and maria.values["family_name"] == "de la Cruz"
    assert maria.values["role"] is Role.CO_CHAIR and maria.values["term_end"] == date(2026, 6, 30)


def test_a_row_without_a_name_is_an_error(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "roster.csv", [
        ["First Name", "Last Name", "Email"], ["", "", "nobody@example.org"], ["Hodan", "", ""],
    ])  # fmt: skip
    nameless, hodan = parse_roster(path).rows
    assert nameless.has_errors
    assert nameless.problems[0].describe().startswith("Row 2: this row has no name")
    assert hodan.values == {"given_name": "Hodan"} and not hodan.has_errors


def test_interpreter_needed_is_yes_no_or_a_language(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "roster.xlsx", [
        ["Name", "Home Language", "Interpreter Needed?"],
        ["Mai Vang", "Hmong; English", "Yes"], ["Ana Ruiz", "Spanish", "Español"], ["Tom Lee", "English", "No"],
    ])  # fmt: skip
    mai, ana, tom = parse_roster(path).rows
    assert mai.values["interpreter_needed"] is True and mai.values["languages"] == "Hmong, English"
    assert "interpreter_language" not in mai.values  # the service picks the first home language
    assert ana.values["interpreter_needed"] is True and ana.values["interpreter_language"] == "Spanish"
    assert tom.values["interpreter_needed"] is False


def test_a_term_that_ends_before_it_starts(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "roster.csv", [
        ["Name", "Term start", "Term end"],
        ["Mai Vang", "9/1/2026", "6/30/2025"],
        ["Ana Ruiz", "9/1/2025", "6/30/2027"],
    ])  # fmt: skip
    mai, ana = parse_roster(path).rows
    assert [p.describe() for p in mai.problems] == [
        "Row 2: the term ends (06/30/2025) before it starts (09/01/2026); check both dates. The term end was left "
        "empty."
    ]
    assert mai.values["term_end"] == date(2025, 6, 30) and not ana.problems


def test_the_roster_ends_at_a_totals_line_or_two_blank_rows(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Name", "Email"], ["Mai Vang", "m@x.org"], [None, None], ["Ana Ruiz", "a@x.org"],
                                ["Total: 2", None], ["Prepared by", "the office"]]  # fmt: skip
    assert [r.row_number for r in parse_roster(write_xlsx(tmp_path / "a.xlsx", rows)).rows] == [2, 4]
    rows[4:] = [[None, None], [None, None], ["Prepared by Jo", None]]
    assert [r.row_number for r in parse_roster(write_xlsx(tmp_path / "b.xlsx", rows)).rows] == [2, 4]
    rows[4:] = [["Count Basie", "count@x.org"]]
    assert len(parse_roster(write_xlsx(tmp_path / "c.xlsx", rows)).rows) == 3
    rows[4:] = [[None, None], [None, None], ["Prepared by Jo", None]]
    assert [r.row_number for r in parse_roster(write_csv(tmp_path / "d.csv", rows)).rows] == [2, 4]


def test_the_best_matching_visible_sheet_is_chosen(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "roster.xlsx",
        [["Instructions"], ["Fill in the roster tab"]],
        sheet="Read me",
        sheets={"Members": [HEADER, ["Vang", "Mai"]], "Old roster": [[*HEADER, "Email"], ["Ali", "Hodan"]]},
        hidden=["Old roster"],
    )
    roster = parse_roster(path)
    assert roster.sheet == "Members" and roster.sheet_names == ["Read me", "Members"]
    assert parse_roster(path, sheet="Old roster").rows[0].values["given_name"] == "Hodan"
    refusal = r"^roster\.xlsx has no sheet named 'Staff'\. Its sheets are: Read me, Members\.$"
    with pytest.raises(FileRefused, match=refusal):
        parse_roster(path, sheet="Staff")


def test_no_headings_found_is_refused_unless_a_heading_row_is_given(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "roster.xlsx", [["Mai Vang", "mai@example.org"], ["Ana Ruiz", "ana@example.org"]])
    with pytest.raises(FileRefused, match=r"I could not find the column headings in roster\.xlsx"):
        parse_roster(path)
    roster = parse_roster(path, header_row=1, mapping={0: "full_name", 1: "email"})
    assert [r.values["email"] for r in roster.rows] == ["ana@example.org"]


def test_remapping_reuses_the_rows_already_read(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "roster.xlsx", [["Who", "Contact", "Email"], ["Mai Vang", "mai@example.org", "x"]])
    sheet = RosterSheet.open(path, header_row=1)
    first = sheet.map()
    assert first.mapping == {0: None, 1: None, 2: "email"}
    assert first.problems[0].severity == "error" and "no column holds names" in first.problems[0].message
    path.unlink()  # nothing is read again from here on
    second = sheet.map({0: "full_name", 1: "email"})
    assert second.mapping == {0: "full_name", 1: "email", 2: None}
    assert second.rows[0].values == {"given_name": "Mai", "family_name": "Vang", "email": "mai@example.org"}
    with pytest.raises(ValueError, match="unknown field 'shoe_size'"):
        sheet.map({0: "shoe_size"})
    assert sheet.with_header_row(2).map().header_row == 2


def test_hostile_text_is_read_verbatim(tmp_path: Path) -> None:
    notes = ['=HYPERLINK("http://evil.example","click")', "<b>markup</b>", "عبد الله محمد", "🎉👩🏽‍🏫", "x" * 40_000]
    rows: list[list[object]] = [["Name", "Notes"]] + [[f"Person {i}", text] for i, text in enumerate(notes)]
    # Read verbatim up to the 20,000 characters a note keeps; the longer one is cut, with a warning on its row.
    kept = [*notes[:-1], "x" * 20_000]
    for path in (write_csv(tmp_path / "roster.csv", rows), write_xlsx(tmp_path / "roster.xlsx", rows[:-1])):
        parsed = parse_roster(path).rows
        got = [r.values["notes"] for r in parsed]
        assert got == kept[: len(got)]
        assert len(got) >= 4
        assert [bool(r.problems) for r in parsed] == [False, False, False, False, True][: len(got)]


def test_progress_and_cancel(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "roster.xlsx", [HEADER, ["Vang", "Mai"]])
    seen: list[int] = []
    parse_roster(path, progress=seen.append)
    assert seen[-1] == 100 and seen == sorted(seen)
    with pytest.raises(ReadCancelled):
        parse_roster(path, should_cancel=lambda: True)


def test_a_big_excel_style_roster_reads_completely(tmp_path: Path) -> None:
    roster = parse_roster(make_big_roster_xlsx(tmp_path / "big.xlsx", 3000))
    assert len(roster.rows) == 3000 and roster.rows[-1].row_number == 3001
    assert [c.header for c in roster.columns] == list(ROSTER_HEADER)
    assert all(c.field is not None for c in roster.columns)
    assert not any(r.problems for r in roster.rows)
    assert roster.rows[-1].values["email"].endswith(".2999@example.org")  # the column stopped sharing cells
    sample = roster.rows[1].values
    assert sample["phone"] == "6125550001" and type(sample["term_start"]) is date
    assert isinstance(sample["stakeholder_group"], StakeholderGroup) and isinstance(sample["voting"], bool)


def test_rows_can_be_made_directly_for_service_tests() -> None:
    row = ParsedRow(7, {"given_name": "Mai"}, {"given_name": "Mai "})
    assert row.values == {"given_name": "Mai"} and row.raw == {"given_name": "Mai "} and row.problems == []
