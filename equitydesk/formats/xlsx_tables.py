"""Write tables of plain values to an .xlsx workbook, all or nothing, user text always text: the roster and the
action-item exports share it."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from equitydesk.formats.atomic import atomic_write
from equitydesk.formats.xlsx_safe import (
    CellValue,
    clean_text,
    header_cells,
    prepare_table,
    save_workbook,
    text_cell,
    value_cell,
)

ABOUT_SHEET = "About"


@dataclass(frozen=True)
class Table:
    """One sheet: its name, its column titles and its rows (values in the order of the titles)."""

    sheet: str
    columns: Sequence[str]
    rows: Sequence[Sequence[CellValue]]


def write_tables(
    target: Path, tables: Sequence[Table], *, about: Sequence[tuple[str, CellValue]], title: str
) -> list[str]:
    """Write each table to its sheet, then an About sheet of (label, value); return plain-sentence warnings.

    Raises ExportError when the file cannot be saved; an existing file is then left as it was.
    """
    warnings: list[str] = []
    workbook = Workbook(write_only=True)
    try:
        # Built inside atomic_write: openpyxl's sheet files in the temp folder can fill a disk as well.
        with atomic_write(target) as temp:
            for table in tables:
                sheet = workbook.create_sheet(table.sheet)
                prepare_table(sheet, table.columns, table.rows)
                sheet.append(header_cells(sheet, table.columns))
                where = f"sheet “{table.sheet}”, " if len(tables) > 1 else ""
                for number, values in enumerate(table.rows, start=2):
                    sheet.append(
                        [
                            value_cell(
                                sheet, value, warnings, where=f"{where}row {number}, column “{table.columns[i]}”"
                            )
                            for i, value in enumerate(values)
                        ]
                    )
            info = workbook.create_sheet(ABOUT_SHEET)
            info.column_dimensions["A"].width = 16
            info.column_dimensions["B"].width = 60
            for label, value in about:
                label_cell = text_cell(info, label)
                label_cell.font = Font(bold=True)
                info.append([label_cell, value_cell(info, value, warnings, where="the About sheet")])
            workbook.properties.title = clean_text(title)[:255]
            workbook.properties.creator = "EquityDesk"
            save_workbook(workbook, temp)
    except BaseException:
        _discard(workbook)
        raise
    return warnings


def _discard(workbook: Workbook) -> None:
    """Close an abandoned write-only workbook so its half-written temporary files go now, not at exit."""
    for sheet in workbook.worksheets:
        with contextlib.suppress(Exception):
            if not sheet.closed:
                sheet.close()
        writer = getattr(sheet, "_writer", None)
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.cleanup()
