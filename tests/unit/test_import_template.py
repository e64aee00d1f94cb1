"""The blank import template: recognised headings, drop-down lists, a help sheet, and it imports once filled in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from equitydesk.domain.enums import Role, StakeholderGroup
from equitydesk.formats.errors import ExportError
from equitydesk.formats.import_template import COLUMNS, HELP_SHEET, ROSTER_SHEET, write_import_template
from equitydesk.formats.roster_columns import RosterSheet, parse_roster
from equitydesk.formats.roster_headers import match_header


def test_the_template_has_recognised_headings_frozen_and_styled(tmp_path: Path) -> None:
    target = tmp_path / "roster template.xlsx"
    write_import_template(target)
    book = load_workbook(target)
    assert book.sheetnames == [ROSTER_SHEET, HELP_SHEET]
    ws = book[ROSTER_SHEET]
    headings = [c.value for c in ws[1]]
    assert len(headings) == len(COLUMNS)
    assert all(isinstance(h, str) and match_header(h).exact for h in headings)
    assert [match_header(h).field for h in headings] == [field for field, *_rest in COLUMNS]
    assert ws.freeze_panes == "A2"
    assert all(c.font.bold and c.fill.fgColor.rgb.endswith("1F4E79") for c in ws[1])
    assert ws.max_row == 1, "no example or formatted rows that would be imported as people"
    assert list(tmp_path.iterdir()) == [target], "written through a temporary file that is gone"


def test_the_template_offers_lists_for_group_role_and_voting(tmp_path: Path) -> None:
    target = tmp_path / "template.xlsx"
    write_import_template(target)
    ws = load_workbook(target)[ROSTER_SHEET]
    letters = {match_header(c.value).field: c.column_letter for c in ws[1]}
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in ws.data_validations.dataValidation if v.type == "list"}
    groups = ",".join(label for _value, label in StakeholderGroup.choices())
    assert lists[f"{letters['stakeholder_group']}2"] == f'"{groups}"'
    assert lists[f"{letters['role']}2"] == '"' + ",".join(label for _value, label in Role.choices()) + '"'
    assert lists[f"{letters['voting']}2"] == '"Yes,No"'
    assert all(len(formula) <= 257 for formula in lists.values()), "Excel refuses list formulas over 255 characters"
    dates = [str(v.sqref) for v in ws.data_validations.dataValidation if v.type == "date"]
    assert sorted(d[0] for d in dates) == sorted([letters["term_start"], letters["term_end"]])


def test_the_help_sheet_explains_every_column(tmp_path: Path) -> None:
    target = tmp_path / "template.xlsx"
    write_import_template(target)
    text = "\n".join(
        str(c.value) for row in load_workbook(target)[HELP_SHEET].iter_rows() for c in row if c.value is not None
    )
    assert "Do not add student ID numbers" in text
    for field, _width, help_text, _example in COLUMNS:
        assert help_text in text, field


def test_the_template_filled_with_two_rows_imports(tmp_path: Path) -> None:
    target = tmp_path / "template.xlsx"
    write_import_template(target)
    book = load_workbook(target)
    ws = book[ROSTER_SHEET]
    column = {match_header(c.value).field: c.column for c in ws[1]}
    people = (
        {"given_name": "Mai", "family_name": "Vang", "email": "mai.vang@example.org", "phone": "(651) 555-0142",
         "role": "Co-chair", "stakeholder_group": "Parent/guardian", "voting": "Yes", "term_start": date(2025, 9, 1),
         "languages": "Hmong, English", "interpreter_language": "Hmong"},
        {"given_name": "José", "family_name": "García López", "email": "jose@example.org", "role": "Member",
         "stakeholder_group": "Community organization", "voting": "No", "term_end": date(2027, 6, 30)},
    )  # fmt: skip
    for row, person in enumerate(people, start=2):
        for field, value in person.items():
            ws.cell(row=row, column=column[field], value=value)
    book.save(target)

    parsed = parse_roster(target)  # no sheet named: the reader must choose the roster, not the help sheet
    assert parsed.sheet == ROSTER_SHEET and parsed.header_row == 1
    assert parsed.ignored_columns == []
    assert [r.row_number for r in parsed.rows] == [2, 3]
    assert not parsed.all_problems()
    mai, jose = (r.values for r in parsed.rows)
    assert (mai["given_name"], mai["family_name"], mai["email"]) == ("Mai", "Vang", "mai.vang@example.org")
    assert mai["role"] is Role.CO_CHAIR and mai["stakeholder_group"] is StakeholderGroup.PARENT_GUARDIAN
    assert mai["voting"] is True and mai["term_start"] == date(2025, 9, 1)
    assert mai["interpreter_language"] == "Hmong"
    assert jose["family_name"] == "García López" and jose["voting"] is False
    assert jose["stakeholder_group"] is StakeholderGroup.COMMUNITY_ORGANIZATION
    assert jose["term_end"] == date(2027, 6, 30)


def test_the_blank_template_reads_as_a_roster_with_no_one_on_it(tmp_path: Path) -> None:
    target = tmp_path / "template.xlsx"
    write_import_template(target)
    assert RosterSheet.open(target).map().rows == []


def test_a_failed_write_keeps_the_old_file_and_says_why(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        write_import_template(tmp_path / "missing folder" / "template.xlsx")
    existing = tmp_path / "template.xlsx"
    existing.write_bytes(b"old")
    write_import_template(existing)
    assert existing.read_bytes()[:2] == b"PK"
