"""Reach a roster file the one way both faces use: open it, guessing the heading row when none is recognised."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from equitydesk.formats.errors import FileRefused
from equitydesk.formats.roster_columns import ParsedRoster, RosterSheet
from equitydesk.formats.sheet_reader import Progress, ShouldCancel, read_workbook


@dataclass(frozen=True)
class OpenedSheet:
    """A sheet read and kept for mapping. `note` is empty when its heading row was recognised; otherwise it is
    the reader's sentence saying so, and the headings are taken from the sheet's first row for the user to fix."""

    sheet: RosterSheet
    note: str = ""

    @property
    def headings_found(self) -> bool:
        return not self.note


def open_sheet(
    path: Path, *, sheet: str | None, progress: Progress | None, should_cancel: ShouldCancel | None
) -> OpenedSheet:
    """Raises FileRefused (a plain sentence) for a file or sheet that cannot be read, ReadCancelled on cancel."""
    try:
        return OpenedSheet(RosterSheet.open(path, sheet=sheet, progress=progress, should_cancel=should_cancel))
    except FileRefused as refused:
        found = _from_first_row(path, sheet, progress, should_cancel)
        if found is None:
            raise
        return OpenedSheet(found, str(refused))


def _from_first_row(
    path: Path, sheet: str | None, progress: Progress | None, should_cancel: ShouldCancel | None
) -> RosterSheet | None:
    """The sheet with its first row taken as the headings, or None when it cannot be read or is empty (then the
    first refusal is the one that says why)."""
    try:
        with read_workbook(path) as book:
            if sheet is not None and sheet not in book.sheet_names + book.hidden_sheet_names:
                return None
            name = sheet or book.sheet_names[0]
            rows = book.read(name, progress=progress, should_cancel=should_cancel)
            names = book.sheet_names
            file_name = book.file_name
    except FileRefused:
        return None
    if not len(rows):
        return None
    return RosterSheet(file_name, names, rows, rows.first_row)


def batch_mapping(parsed: ParsedRoster) -> dict[str, str]:
    """Which column went to which field, by heading (or "Column X" for a column without one)."""
    return {c.header or f"Column {c.letter}": c.field for c in parsed.columns if c.field}
