"""Read an action tracker (.xlsx, .csv): find its heading row under any title rows, map columns to fields, read rows.

The reading itself (sniffing, limits, sheets, refusals in plain words) is the roster import's sheet reader.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from equitydesk.domain.normalize import Cell, clean_multiline, clean_text
from equitydesk.formats.action_values import parse_due, parse_priority, parse_status, split_owners, words
from equitydesk.formats.headed_sheet import HeadedSheet, ParsedSheet
from equitydesk.formats.problems import Problem, Severity

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
TEXT_LIMIT = 300


@dataclass(slots=True)
class ActionRow:
    """One tracker row: values by field, and what was wrong with its cells. ImportRow of services/imports."""

    row_number: int
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    raw: dict[str, str] = field(default_factory=dict)  # the cells as typed, for messages


@dataclass(slots=True)
class ParsedTracker(ParsedSheet[ActionRow]):
    """A tracker's rows read under a mapping."""


def guess_field(heading: Cell) -> str | None:
    return _BY_HEADING.get(words(heading)) if heading is not None else None


class ActionSheet(HeadedSheet):
    """A tracker's sheet read once, its heading row found; map() reads its rows under a mapping."""

    headings_hint = "Action, Owner, Due and Status above the items"

    @staticmethod
    def guess_field(heading: Cell) -> str | None:
        return guess_field(heading)

    @staticmethod
    def enough(found: set[str]) -> bool:
        return "title" in found and len(found) >= 2

    def map(self, mapping: Mapping[int, str | None] | None = None, *, today: date) -> ParsedTracker:
        """Every row under the heading row, read under this mapping (None: the guessed one)."""
        parsed = self.start_parsing(ParsedTracker, mapping)
        used = parsed.mapping
        if "title" not in used.values():
            parsed.problems.append(Problem(0, "", "", "title", "No column holds the actions: map one to Action.",
                                           Severity.ERROR))  # fmt: skip
            return parsed
        parsed.rows.extend(self._row(number, cells, used, today) for number, cells in self.data_rows())
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
