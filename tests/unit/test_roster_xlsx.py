"""The roster workbook keeps every user string as inert text, exactly as typed, and says what it had to cut."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import openpyxl
import prerequisites
import pytest
from openpyxl.utils.cell import get_column_letter
from roster_export_samples import FORMULA, LONG_NOTE, ROWS

from equitydesk.formats.roster_rows import RosterExportRow
from equitydesk.formats.roster_xlsx import ABOUT_SHEET, COLUMNS, ROSTER_SHEET, roster_values, write_roster_xlsx
from equitydesk.formats.xlsx_safe import EXCEL_MAX_TEXT, TRUNCATION_MARK, clean_text, fit_excel_limit

EXPORTED_AT = dt.datetime(2025, 3, 5, 14, 30)


@pytest.fixture
def workbook_path(tmp_path: Path) -> Path:
    return tmp_path / "roster.xlsx"


def _write(path: Path, rows: list[RosterExportRow] = ROWS) -> list[str]:
    return write_roster_xlsx(path, rows, committee_name="Equity <Advisory> Committee", exported_at=EXPORTED_AT)


def _expected_text(value: object) -> object:
    if isinstance(value, str):
        return fit_excel_limit(clean_text(value))[0]
    return value


def test_every_text_cell_is_text_with_the_exact_value(workbook_path: Path) -> None:
    _write(workbook_path)
    sheet = openpyxl.load_workbook(workbook_path)[ROSTER_SHEET]
    assert [cell.value for cell in sheet[1]] == list(COLUMNS)
    for row_number, row in enumerate(ROWS, start=2):
        for column, expected in enumerate(roster_values(row), start=1):
            cell = sheet.cell(row=row_number, column=column)
            where = f"{get_column_letter(column)}{row_number}"
            if expected is None:
                assert cell.value is None, where
            elif isinstance(expected, str):
                assert cell.data_type == "s", where
                assert cell.value == _expected_text(expected), where
            else:
                assert cell.value == dt.datetime.combine(expected, dt.time()), where
                assert cell.is_date, where


def test_formulas_stay_text(workbook_path: Path) -> None:
    _write(workbook_path)
    sheet = openpyxl.load_workbook(workbook_path)[ROSTER_SHEET]
    assert sheet["A2"].value == FORMULA
    assert sheet["A2"].data_type == "s"
    assert sheet["B2"].value == "=1+1"
    assert sheet["C2"].value == "@SUM(A1)"
    # quotePrefix keeps Excel from turning the text into a formula when someone edits the cell later.
    assert sheet["A2"].quotePrefix
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate


def test_markup_and_scripts_kept_exactly(workbook_path: Path) -> None:
    _write(workbook_path)
    sheet = openpyxl.load_workbook(workbook_path)[ROSTER_SHEET]
    values = {cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)}
    for text in ("Tom <tom@x.org>", "<b>", "</para>", "مريم", "Nguyễn", "Thị Ánh", "Żółć", "Łukasz", "Смирнова",
                 "Nkauj Lis", "Cabdullaahi", "Joy 😀", "ሰላም"):  # fmt: skip
        assert text in values, text


def test_vertical_tab_becomes_a_line_break(workbook_path: Path) -> None:
    _write(workbook_path)
    sheet = openpyxl.load_workbook(workbook_path)[ROSTER_SHEET]
    row = 2 + next(i for i, r in enumerate(ROWS) if r.family_name == "Longnote")
    needs = sheet.cell(row=row, column=COLUMNS.index("Accessibility needs") + 1)
    assert needs.value == "Large print\nwheelchair access"
    assert needs.alignment.wrap_text


def test_other_control_characters_are_replaced_not_fatal(workbook_path: Path) -> None:
    row = RosterExportRow("Null\x00Byte", "Bell\x07", notes="esc\x1b[31m red")
    _write(workbook_path, [row])
    sheet = openpyxl.load_workbook(workbook_path)[ROSTER_SHEET]
    assert sheet["A2"].value == "Null\ufffdByte"
    assert sheet["B2"].value == "Bell\ufffd"
    assert sheet.cell(row=2, column=len(COLUMNS)).value == "esc\ufffd[31m red"


def test_text_over_the_cell_limit_is_cut_with_a_warning(workbook_path: Path) -> None:
    warnings = _write(workbook_path)
    sheet = openpyxl.load_workbook(workbook_path)[ROSTER_SHEET]
    row = 2 + next(i for i, r in enumerate(ROWS) if r.family_name == "Longnote")
    notes = sheet.cell(row=row, column=len(COLUMNS)).value
    assert len(LONG_NOTE) > EXCEL_MAX_TEXT
    assert len(notes) == EXCEL_MAX_TEXT
    assert notes.endswith(TRUNCATION_MARK)
    assert LONG_NOTE.startswith(notes[:-1])
    assert len(warnings) == 1
    assert f"row {row}" in warnings[0] and "Notes" in warnings[0] and "cut" in warnings[0]


def test_cut_counts_emoji_as_excel_does() -> None:
    text = "😀" * 20_000  # 40,000 UTF-16 code units
    cut, was_cut = fit_excel_limit(text)
    assert was_cut
    assert len(cut.encode("utf-16-le")) // 2 <= EXCEL_MAX_TEXT
    assert cut.endswith(TRUNCATION_MARK) and set(cut[:-1]) == {"😀"}


def test_voting_dates_and_layout(workbook_path: Path) -> None:
    _write(workbook_path)
    book = openpyxl.load_workbook(workbook_path)
    assert book.sheetnames == [ROSTER_SHEET, ABOUT_SHEET]
    sheet = book[ROSTER_SHEET]
    voting = COLUMNS.index("Voting") + 1
    assert [sheet.cell(row=r, column=voting).value for r in (2, 3)] == ["Yes", "No"]
    start = sheet.cell(row=2, column=COLUMNS.index("Term start") + 1)
    assert start.value == dt.datetime(2024, 7, 1)
    assert start.number_format == "yyyy-mm-dd"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(COLUMNS))}{len(ROWS) + 1}"
    assert sheet["A1"].font.bold
    widths = [sheet.column_dimensions[get_column_letter(i)].width for i in range(1, len(COLUMNS) + 1)]
    assert all(8 <= width <= 50 for width in widths)
    assert widths[COLUMNS.index("Notes")] == 50  # capped, not 43,000 characters wide


def test_about_sheet(workbook_path: Path) -> None:
    _write(workbook_path)
    about = openpyxl.load_workbook(workbook_path)[ABOUT_SHEET]
    values = {row[0]: row[1] for row in about.iter_rows(values_only=True)}
    assert values["Committee"] == "Equity <Advisory> Committee"
    assert values["Exported at"] == EXPORTED_AT
    assert values["Memberships"] == len(ROWS)


def test_empty_roster_still_has_headers(workbook_path: Path) -> None:
    assert _write(workbook_path, []) == []
    sheet = openpyxl.load_workbook(workbook_path)[ROSTER_SHEET]
    assert [cell.value for cell in sheet[1]] == list(COLUMNS)
    assert sheet.max_row == 1


def test_libreoffice_reads_formulas_as_text(workbook_path: Path, tmp_path: Path) -> None:
    soffice = prerequisites.soffice()  # skips without LibreOffice; fails in CI
    _write(workbook_path, ROWS[:3])
    out = tmp_path / "csv"
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(out), str(workbook_path)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    text = (out / "roster.csv").read_text(encoding="utf-8")
    # A live formula would have been exported as its result ("y", 2); text is exported as typed.
    assert '"=HYPERLINK(""http://x"",""y"")","=1+1","@SUM(A1)"' in text
    assert "Nguyễn" in text and "مريم" in text
