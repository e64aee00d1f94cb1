"""Write a committee roster to an .xlsx workbook: one row per membership, every field, all text kept as text."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from equitydesk.formats.atomic import atomic_write
from equitydesk.formats.roster_rows import RosterExportRow
from equitydesk.formats.xlsx_safe import (
    CellValue,
    clean_text,
    header_cells,
    prepare_table,
    save_workbook,
    text_cell,
    value_cell,
)

ROSTER_SHEET = "Roster"
ABOUT_SHEET = "About"

COLUMNS: tuple[str, ...] = (
    "Family name",
    "Given name",
    "Preferred name",
    "Pronouns",
    "Email",
    "Phone",
    "School/organization",
    "Languages",
    "Interpreter language",
    "Accessibility needs",
    "Role",
    "Stakeholder group",
    "Voting",
    "Term start",
    "Term end",
    "Membership status",
    "Notes",
)


def roster_values(row: RosterExportRow) -> tuple[CellValue, ...]:
    """One membership as the cell values of a roster row, in the order of COLUMNS."""
    return (
        row.family_name,
        row.given_name,
        row.preferred_name,
        row.pronouns,
        row.email,
        row.phone,
        row.school_or_organization,
        row.languages,
        row.interpreter_language,
        row.accessibility_needs,
        row.role,
        row.stakeholder_group,
        "Yes" if row.voting else "No",
        row.term_start,
        row.term_end,
        row.membership_status,
        row.notes,
    )


def write_roster_xlsx(
    target: Path,
    rows: Sequence[RosterExportRow],
    *,
    committee_name: str,
    exported_at: dt.datetime | None = None,
) -> list[str]:
    """Write the roster to `target` all or nothing; return plain-sentence warnings (text that had to be cut).

    Raises ExportError when the file cannot be saved; an existing file is then left as it was.
    """
    warnings: list[str] = []
    table = [roster_values(row) for row in rows]
    when = (exported_at or dt.datetime.now()).replace(microsecond=0, tzinfo=None)

    workbook = Workbook(write_only=True)
    try:
        # Built inside atomic_write: openpyxl's sheet files in the temp folder can fill a disk as well.
        with atomic_write(target) as temp:
            sheet = workbook.create_sheet(ROSTER_SHEET)
            prepare_table(sheet, COLUMNS, table)
            sheet.append(header_cells(sheet, COLUMNS))
            for number, values in enumerate(table, start=2):
                sheet.append(
                    [
                        value_cell(sheet, value, warnings, where=f"row {number}, column “{COLUMNS[index]}”")
                        for index, value in enumerate(values)
                    ]
                )

            about = workbook.create_sheet(ABOUT_SHEET)
            about.column_dimensions["A"].width = 16
            about.column_dimensions["B"].width = 60
            for label, value in (
                ("Committee", committee_name),
                ("Exported at", when),
                ("Memberships", len(rows)),
                ("Exported by", "EquityDesk"),
            ):
                label_cell = text_cell(about, label)
                label_cell.font = Font(bold=True)
                about.append([label_cell, value_cell(about, value, warnings, where="the About sheet")])

            workbook.properties.title = clean_text(f"{committee_name} roster")[:255]
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
