"""Cells for openpyxl write-only sheets that keep user text as text: never a formula, never a refused save."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.writer.excel import ExcelWriter

# Excel's limit is counted in UTF-16 code units; past it Excel calls the file damaged.
EXCEL_MAX_TEXT = 32_767
TRUNCATION_MARK = "…"

# openpyxl's ILLEGAL_CHARACTERS_RE plus what XML 1.0 also forbids: lone surrogates and U+FFFE/U+FFFF.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Word writes a manual line break (Shift+Enter) as a vertical tab and a page break as a form feed.
_LINE_BREAKS = {"\x0b": "\n", "\x0c": "\n"}
# Text Excel would read as a formula if someone later edits the cell and presses Enter.
_FORMULA_LEADS = ("=", "+", "-", "@")

CellValue = str | int | float | Decimal | bool | dt.date | dt.datetime | None

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_BORDER = Border(bottom=Side(style="thin", color="000000"))
HEADER_ALIGNMENT = Alignment(vertical="top", wrap_text=True)
TEXT_ALIGNMENT = Alignment(vertical="top", wrap_text=True)
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def clean_text(text: str) -> str:
    """Replace characters an xlsx file cannot hold: line-break controls become line breaks, the rest U+FFFD."""
    if not _ILLEGAL.search(text):
        return text
    return _ILLEGAL.sub(lambda m: _LINE_BREAKS.get(m.group(), "\ufffd"), text)


def fit_excel_limit(text: str) -> tuple[str, bool]:
    """Cut text to Excel's cell limit, ending with an ellipsis; True when something was cut."""
    if len(text) <= EXCEL_MAX_TEXT // 2 or _utf16_len(text) <= EXCEL_MAX_TEXT:
        return text, False
    budget = EXCEL_MAX_TEXT - _utf16_len(TRUNCATION_MARK)
    used = 0
    end = 0
    for end, ch in enumerate(text):  # noqa: B007 - end is read after the loop
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > budget:
            break
    return text[:end] + TRUNCATION_MARK, True


def text_cell(
    ws: WriteOnlyWorksheet, value: str | None, warnings: list[str] | None = None, *, where: str = ""
) -> WriteOnlyCell:
    """A cell holding `value` as plain text, whatever it starts with.

    `where` names the cell for a warning ("row 12, Notes"); warnings go to `warnings` when the text had to be cut.
    """
    cell = WriteOnlyCell(ws)
    if value is None or value == "":
        return cell
    text = clean_text(str(value))
    text, cut = fit_excel_limit(text)
    if cut and warnings is not None:
        place = f" in {where}" if where else ""
        warnings.append(
            f"The text{place} is longer than a spreadsheet cell can hold ({EXCEL_MAX_TEXT:,} characters), "
            "so it was cut short; the full text is still in EquityDesk."
        )
    cell.value = text
    # openpyxl guesses "f" for anything starting with "="; forcing "s" keeps "=HYPERLINK(...)" inert text.
    cell.data_type = "s"
    if text.startswith(_FORMULA_LEADS):
        cell.quotePrefix = True
    if "\n" in text:
        cell.alignment = TEXT_ALIGNMENT
    return cell


def value_cell(
    ws: WriteOnlyWorksheet, value: CellValue, warnings: list[str] | None = None, *, where: str = ""
) -> WriteOnlyCell:
    """A cell of the right kind: dates as dates, numbers as numbers, booleans as booleans, anything else as text."""
    if value is None or isinstance(value, str):
        return text_cell(ws, value, warnings, where=where)
    if isinstance(value, bool | int | float | Decimal):
        return WriteOnlyCell(ws, value=value)
    if isinstance(value, dt.datetime):
        cell = WriteOnlyCell(ws, value=value.replace(tzinfo=None))
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    return text_cell(ws, str(value), warnings, where=where)


def header_cells(ws: WriteOnlyWorksheet, titles: Sequence[str]) -> list[WriteOnlyCell]:
    """Bold white-on-blue header cells for row 1."""
    cells = []
    for title in titles:
        cell = text_cell(ws, title)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.border = HEADER_BORDER
        cell.alignment = HEADER_ALIGNMENT
        cells.append(cell)
    return cells


def display_width(value: CellValue) -> int:
    """Roughly how many character widths a value needs: its longest line, wide East Asian characters count two."""
    if value is None:
        return 0
    if isinstance(value, bool):
        return 5
    if isinstance(value, dt.datetime):
        return len(DATETIME_FORMAT)
    if isinstance(value, dt.date):
        return len(DATE_FORMAT)
    text = str(value)
    if len(text) > 2_000:
        return 2_000  # a long note fills the capped width anyway; skip measuring 32k characters
    return max((_line_width(line) for line in text.splitlines() or [""]), default=0)


def prepare_table(
    ws: WriteOnlyWorksheet,
    titles: Sequence[str],
    rows: Sequence[Sequence[CellValue]],
    *,
    min_width: int = 8,
    max_width: int = 50,
) -> None:
    """Set column widths from the content, freeze the header row and add filters; call before appending rows.

    A write-only sheet writes its column settings before the first row, so widths are measured up front.
    """
    widths = [display_width(title) + 3 for title in titles]  # +3 leaves room for the filter arrow
    for row in rows:
        for index, value in enumerate(row[: len(widths)]):
            widths[index] = max(widths[index], display_width(value) + 1)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = max(min_width, min(width, max_width))
    ws.freeze_panes = "A2"
    last = get_column_letter(max(len(titles), 1))
    ws.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    ws.print_title_rows = "1:1"


def _utf16_len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _line_width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in line)


def save_workbook(workbook: Workbook, path: Path) -> None:
    """Save like `Workbook.save`, but a failed save (a full disk) is closed now, once, with its own error.

    openpyxl leaves the zip archive open when writing fails; its __del__ later tries to finish it on the same
    full disk and prints "Exception ignored in: ZipFile.__del__" after our message.
    """
    if workbook.write_only and not workbook.worksheets:
        workbook.create_sheet()
    workbook.properties.modified = dt.datetime.now(tz=dt.UTC).replace(tzinfo=None)
    archive = ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True)
    try:
        ExcelWriter(workbook, archive).write_data()
    except BaseException:
        handle, archive.fp = archive.fp, None  # ZipFile.close and __del__ do nothing once fp is None
        if handle is not None:
            with contextlib.suppress(OSError, ValueError):
                handle.close()
        raise
    archive.close()
