"""Write a blank roster import template (.xlsx): the headings the importer knows, drop-down lists, a help sheet."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from equitydesk.domain.enums import Role, StakeholderGroup
from equitydesk.formats.atomic import atomic_write
from equitydesk.formats.roster_headers import FIELD_LABELS
from equitydesk.formats.xlsx_safe import save_workbook

ROSTER_SHEET = "Roster"
HELP_SHEET = "How to fill this in"
VALIDATED_ROWS = 2000  # drop-downs reach this far down; a committee roster is a few dozen rows
YES_NO = ("Yes", "No")

# (field, width, what to write, example). Full name and the yes/no "Interpreter needed" are left out: separate
# first and last names match people more reliably, and an interpreter language says more than a yes.
COLUMNS: tuple[tuple[str, int, str, str], ...] = (
    ("given_name", 16, "Required (with Last name). The person's legal or usual first name.", "Mai"),
    ("family_name", 18, "Required (with First name).", "Vang"),
    ("preferred_name", 16, "Optional. The name they go by, if different; printed documents use it.", "Mai Nou"),
    ("pronouns", 12, "Optional, as the person gave them.", "she/her"),
    ("email", 28, "Strongly recommended: it is how a second import recognises the same person.",
     "mai.vang@example.org"),
    ("phone", 16, "Optional. Any common format.", "(651) 555-0142"),
    ("organization", 24, "Optional. Their school, building or organization.", "Roosevelt High"),
    ("languages", 20, "Optional. Languages they speak, separated by commas, first language first.",
     "Hmong, English"),
    ("interpreter_language", 20, "Only if they need an interpreter at meetings: the language.", "Hmong"),
    ("accessibility_needs", 24, "Optional. What helps them take part.", "Large print"),
    ("notes", 30, "Optional. Anything else for the committee's staff.", ""),
    ("role", 16, "Choose from the list. Empty means Member.", "Co-chair"),
    ("stakeholder_group", 24, "Choose from the list: the group this person represents.", "Parent/guardian"),
    ("voting", 10, "Yes or No. Empty means Yes.", "Yes"),
    ("term_start", 14, "Optional. A date, such as 9/1/2025.", "9/1/2025"),
    ("term_end", 14, "Optional. A date after the term start.", "6/30/2027"),
)  # fmt: skip

_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_THIN = Side(style="thin", color="9BB7D4")


def write_import_template(target: Path) -> None:
    """Write the template to `target` all or nothing; raises ExportError with a plain sentence when it cannot."""
    book = Workbook()
    roster = book.active
    assert roster is not None
    roster.title = ROSTER_SHEET
    _fill_roster(roster)
    _fill_help(book.create_sheet(HELP_SHEET))
    book.active = 0
    with atomic_write(Path(target)) as temp:
        save_workbook(book, temp)


def _fill_roster(ws: Worksheet) -> None:
    for index, (field, width, _help, _example) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=index, value=FIELD_LABELS[field])
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        cell.border = Border(bottom=_THIN, right=_THIN)
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.row_dimensions[1].height = 30
    ws.freeze_panes = "A2"  # the headings stay in view while scrolling down a long roster
    last = len(COLUMNS)
    ws.auto_filter.ref = f"A1:{get_column_letter(last)}1"
    letters = {field: get_column_letter(i) for i, (field, *_rest) in enumerate(COLUMNS, start=1)}
    _list(ws, letters["role"], [label for _value, label in Role.choices()], "Role")
    groups = [label for _value, label in StakeholderGroup.choices()]
    _list(ws, letters["stakeholder_group"], groups, "Stakeholder group")
    _list(ws, letters["voting"], list(YES_NO), "Voting")
    for field in ("term_start", "term_end"):
        _dates(ws, letters[field])
    # Column formats rather than formatted cells, so the sheet's used range stays the heading row alone.
    # Phone numbers typed into a General cell lose their leading zeros and punctuation; text keeps them.
    ws.column_dimensions[letters["phone"]].number_format = "@"


def _list(ws: Worksheet, letter: str, choices: list[str], title: str) -> None:
    # A warning rather than a stop: the importer also understands words like "Parent" or "Vice chair", which
    # people paste in from other rosters, so they should be able to keep them.
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle=title,
        error=f"{title} is usually one of: {', '.join(choices)}.",
        promptTitle=title,
        prompt="Choose from the list.",
        showInputMessage=True,
    )
    validation.add(f"{letter}2:{letter}{VALIDATED_ROWS + 1}")
    ws.add_data_validation(validation)


def _dates(ws: Worksheet, letter: str) -> None:
    validation = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="DATE(1990,1,1)",
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle="Date",
        error="Write a date, such as 9/1/2025.",
    )
    validation.add(f"{letter}2:{letter}{VALIDATED_ROWS + 1}")
    ws.add_data_validation(validation)
    ws.column_dimensions[letter].number_format = "m/d/yyyy"


def _fill_help(ws: Worksheet) -> None:
    ws["A1"] = "How to fill in the roster template"
    ws["A1"].font = Font(bold=True, size=14)
    lines = (
        f"Type one person per row on the “{ROSTER_SHEET}” sheet, starting on row 2. Leave the headings in row 1 "
        "as they are.",
        "Every row needs a first name and a last name; rows without a name are skipped and listed in the preview.",
        "Do not add student ID numbers, dates of birth, addresses or immigration details: EquityDesk never "
        "imports them.",
        "In EquityDesk choose Roster › Import roster…, pick this file and check the preview before pressing Import.",
    )
    for offset, line in enumerate(lines, start=3):
        ws.cell(row=offset, column=1, value=line).alignment = Alignment(wrap_text=False)
    top = 3 + len(lines) + 1
    for index, heading in enumerate(("Heading", "What to write", "Example"), start=1):
        cell = ws.cell(row=top, column=index, value=heading)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    for offset, (field, _width, help_text, example) in enumerate(COLUMNS, start=1):
        ws.cell(row=top + offset, column=1, value=FIELD_LABELS[field]).font = Font(bold=True)
        ws.cell(row=top + offset, column=2, value=help_text).alignment = Alignment(wrap_text=True, vertical="top")
        if example:
            # Assigned as text, so "9/1/2025" stays what is shown rather than a date Excel reformats.
            ws.cell(row=top + offset, column=3, value=example).data_type = "s"
    bottom = top + len(COLUMNS) + 2
    ws.cell(row=bottom, column=1, value="Role choices: " + ", ".join(label for _v, label in Role.choices()))
    ws.cell(
        row=bottom + 1,
        column=1,
        value="Stakeholder group choices: " + ", ".join(label for _v, label in StakeholderGroup.choices()),
    )
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 70
    ws.column_dimensions["C"].width = 24
