"""Read an action tracker (.xlsx, .csv): find its heading row under any title rows, map columns to fields, read rows.

The reading itself (sniffing, limits, sheets, refusals in plain words) is the roster import's sheet reader.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from equitydesk.domain.normalize import Cell, clean_multiline, clean_text
from equitydesk.formats.action_values import parse_due, parse_priority, parse_status, split_owners, words
from equitydesk.formats.errors import FileRefused
from equitydesk.formats.problems import Problem, Severity
from equitydesk.formats.roster_columns import column_letter
from equitydesk.formats.sheet_reader import Progress, ShouldCancel, read_workbook
from equitydesk.formats.sheet_store import SheetRows

# Field → the headings trackers give it (compared as lower-case words).
HEADINGS: dict[str, tuple[str, ...]] = {
    "title": ("action", "action item", "action items", "task", "tasks", "item", "title", "what", "to do", "todo",
              "next step", "next steps", "follow up", "deliverable", "action step", "activity"),
    "details": ("details", "description", "detail", "more detail"),
    "owners": ("owner", "owners", "who", "assigned to", "responsible", "person responsible", "lead", "point person",
               "assignee", "owner s", "responsible party"),
    "due_on": ("due", "due date", "by when", "deadline", "target date", "when", "date due", "due by", "target"),
    "status": ("status", "state", "done", "progress status"),
    "priority": ("priority", "pri", "importance"),
    "note": ("notes", "note", "comments", "comment", "update", "updates", "progress", "latest update",
             "progress notes", "status notes"),
    "completed_on": ("completed", "completed on", "date completed", "done on", "finished on", "completion date"),
    "strategy": ("strategy", "goal", "linked strategy", "strategy goal", "plan strategy"),
}  # fmt: skip
FIELD_LABELS = {"title": "Action", "details": "Details", "owners": "Owners", "due_on": "Due", "status": "Status",
                "priority": "Priority", "note": "Progress note", "completed_on": "Completed on",
                "strategy": "Strategy or goal"}  # fmt: skip
_BY_HEADING = {heading: name for name, headings in HEADINGS.items() for heading in headings}
HEAD_ROWS = 30
TEXT_LIMIT = 300


@dataclass(slots=True)
class ActionRow:
    """One tracker row: values by field, and what was wrong with its cells. ImportRow of services/imports."""

    row_number: int
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    raw: dict[str, str] = field(default_factory=dict)  # the cells as typed, for messages


@dataclass(slots=True)
class ParsedTracker:
    file_name: str
    sheet: str
    sheet_names: list[str]
    header_row: int
    headers: list[str]
    mapping: dict[int, str | None]
    rows: list[ActionRow]
    problems: list[Problem] = field(default_factory=list)

    @property
    def ignored_columns(self) -> list[str]:
        return [self.headers[i] or f"Column {column_letter(i)}" for i, f in self.mapping.items() if f is None]

    def batch_mapping(self) -> dict[str, str]:
        return {(self.headers[i] or f"Column {column_letter(i)}"): f for i, f in self.mapping.items() if f}


def guess_field(heading: Cell) -> str | None:
    return _BY_HEADING.get(words(heading)) if heading is not None else None


def _score(cells: Sequence[Cell]) -> tuple[int, bool]:
    found = {guess_field(c) for c in cells} - {None}
    return len(found), "title" in found


class ActionSheet:
    """A sheet read once, its heading row found; map() reads its rows under a mapping, without reading the file."""

    def __init__(self, file_name: str, sheet_names: list[str], rows: SheetRows, header_row: int) -> None:
        self.file_name, self.sheet, self.sheet_names = file_name, rows.name, sheet_names
        self.header_row = header_row
        self._rows = rows
        self.headers = [clean_text(c) for c in rows.row(header_row - rows.first_row)]

    @classmethod
    def open(
        cls, path: Path | str, *, sheet: str | None = None, progress: Progress | None = None,
        should_cancel: ShouldCancel | None = None,
    ) -> ActionSheet:  # fmt: skip
        """The given sheet, else the one whose headings look most like a tracker. Raises FileRefused."""
        with read_workbook(path) as book:
            names = book.sheet_names
            if sheet is not None and sheet not in names + book.hidden_sheet_names:
                raise FileRefused(f"{book.file_name} has no sheet named '{sheet}'. Its sheets are: {', '.join(names)}.")
            best: tuple[int, str, int] | None = None  # score, sheet, heading row (1-based)
            for name in [sheet] if sheet is not None else names:
                head = book.head(name, HEAD_ROWS)
                for index, cells in enumerate(head):
                    score, has_title = _score(cells)
                    if has_title and score >= 2 and (best is None or score > best[0]):
                        best = (score, name, index)
            if best is None:
                where = f"sheet '{sheet}' of {book.file_name}" if sheet else book.file_name
                raise FileRefused(
                    f"I could not find the column headings in {where}. Put a row of headings such as Action, Owner, "
                    "Due and Status above the items, and try again."
                )
            rows = book.read(best[1], progress=progress, should_cancel=should_cancel)
            return cls(book.file_name, names, rows, rows.first_row + best[2])

    def guessed_mapping(self) -> dict[int, str | None]:
        mapping: dict[int, str | None] = {}
        taken: set[str] = set()
        for index, heading in enumerate(self.headers):
            name = guess_field(heading)
            mapping[index] = name if name is not None and name not in taken else None
            if name:
                taken.add(name)
        return mapping

    def map(self, mapping: Mapping[int, str | None] | None = None, *, today: date) -> ParsedTracker:
        """Every row under the heading row, read under this mapping (None: the guessed one)."""
        used = dict(mapping) if mapping is not None else self.guessed_mapping()
        parsed = ParsedTracker(self.file_name, self.sheet, self.sheet_names, self.header_row, self.headers, used, [])
        if "title" not in used.values():
            parsed.problems.append(Problem(0, "", "", "title", "No column holds the actions: map one to Action.",
                                           Severity.ERROR))  # fmt: skip
            return parsed
        start = self.header_row - self._rows.first_row + 1
        for offset in range(start, len(self._rows)):
            cells = self._rows.row(offset)
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                continue
            parsed.rows.append(self._row(self._rows.first_row + offset, cells, used, today))
        return parsed

    def _row(self, number: int, cells: list[Cell], mapping: Mapping[int, str | None], today: date) -> ActionRow:
        row = ActionRow(number)
        for index, name in mapping.items():
            if name is None or index >= len(cells):
                continue
            cell = cells[index]
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                continue
            row.raw[name] = clean_text(cell)
            try:
                value = _read(name, cell, today)
            except ValueError as error:
                row.problems.append(self._problem(number, index, name, f"{error}; the cell was left out.",
                                                  Severity.WARNING))  # fmt: skip
                continue
            if value is None:
                row.problems.append(self._problem(number, index, name, _unknown(name, row.raw[name]), Severity.WARNING))
                continue
            row.values[name] = value
        if not row.values.get("title"):
            row.problems.append(Problem.in_row(number, "This row has no action written in it, so it was skipped."))
        return row

    def _problem(self, number: int, index: int, name: str, message: str, severity: Severity) -> Problem:
        return Problem(number, column_letter(index), self.headers[index] if index < len(self.headers) else "", name,
                       message, severity)  # fmt: skip


def _read(name: str, cell: Cell, today: date) -> Any:
    if name in ("due_on", "completed_on"):
        return parse_due(cell, today=today)
    if name == "status":
        return parse_status(cell)
    if name == "priority":
        return parse_priority(cell)
    if name == "owners":
        return split_owners(cell)
    if name in ("details", "note"):
        return clean_multiline(cell)
    text = clean_text(cell)
    return text[:TEXT_LIMIT] if name == "title" else text


def _unknown(name: str, typed: str) -> str:
    if name == "status":
        return (f"“{typed}” is not a status EquityDesk knows (open, in progress, blocked, done, dropped); the item "
                "was imported as open and the word kept in its progress note.")  # fmt: skip
    return f"“{typed}” is not a {FIELD_LABELS[name].lower()} EquityDesk knows (high, normal, low); normal was used."
