"""Write a committee roster to an .xlsx workbook: one row per membership, every field, all text kept as text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from equitydesk.formats.roster_rows import RosterExportRow
from equitydesk.formats.xlsx_safe import CellValue
from equitydesk.formats.xlsx_tables import ABOUT_SHEET, Table, write_tables

__all__ = ["ABOUT_SHEET", "COLUMNS", "ROSTER_SHEET", "roster_values", "write_roster_xlsx"]

ROSTER_SHEET = "Roster"

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
    when = (exported_at or dt.datetime.now()).replace(microsecond=0, tzinfo=None)
    about: list[tuple[str, CellValue]] = [
        ("Committee", committee_name),
        ("Exported at", when),
        ("Memberships", len(rows)),
        ("Exported by", "EquityDesk"),
    ]
    table = Table(ROSTER_SHEET, COLUMNS, [roster_values(row) for row in rows])
    return write_tables(target, [table], about=about, title=f"{committee_name} roster")
