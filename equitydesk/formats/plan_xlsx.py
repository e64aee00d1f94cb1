"""Write a plan to .xlsx: a sheet per level of its tree, then every measurement; user text always stays text."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from equitydesk.formats.atomic import atomic_write
from equitydesk.formats.xlsx_safe import CellValue, clean_text, header_cells, prepare_table, save_workbook, value_cell


@dataclass(frozen=True)
class SheetSpec:
    title: str
    columns: tuple[str, ...]
    rows: Sequence[Sequence[CellValue]]


def write_plan_xlsx(target: Path, sheets: Sequence[SheetSpec], *, plan_name: str) -> list[str]:
    """Write every sheet to `target` all or nothing; return plain-sentence warnings (text that had to be cut)."""
    warnings: list[str] = []
    workbook = Workbook(write_only=True)
    try:
        with atomic_write(target) as temp:
            for spec in sheets:
                sheet = workbook.create_sheet(spec.title)
                prepare_table(sheet, spec.columns, spec.rows)
                sheet.append(header_cells(sheet, spec.columns))
                for number, values in enumerate(spec.rows, start=2):
                    sheet.append([
                        value_cell(sheet, value, warnings,
                                   where=f"sheet {spec.title}, row {number}, column “{spec.columns[index]}”")
                        for index, value in enumerate(values)
                    ])  # fmt: skip
            workbook.properties.title = clean_text(plan_name)[:255]
            workbook.properties.creator = "EquityDesk"
            save_workbook(workbook, temp)
    except BaseException:
        for sheet in workbook.worksheets:
            with contextlib.suppress(Exception):
                sheet.close()
        raise
    return warnings
