"""Action items and their progress log as plain rows for the exports (the .xlsx and the report PDF)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from equitydesk.formats.xlsx_safe import CellValue


@dataclass(frozen=True, slots=True)
class ActionExportRow:
    id: int
    title: str
    details: str | None
    owners: tuple[str, ...]
    due_on: dt.date | None
    status: str  # as listed ("In progress")
    open: bool
    status_reason: str | None
    priority: str
    committee: str
    strategy: str | None
    meeting: str | None
    completed_on: dt.date | None
    due_state: str | None  # "Overdue", "Due today", "Due soon" or None

    @property
    def overdue(self) -> bool:
        return self.due_state == "Overdue"


@dataclass(frozen=True, slots=True)
class ActionLogRow:
    action_id: int
    action_title: str
    on: dt.date
    change: str  # "Open → Done; due Nov 30, 2025 → Dec 5, 2025", or ""
    note: str | None
    author: str | None


ACTION_COLUMNS = (
    "ID", "Action", "Details", "Owners", "Due", "When", "Status", "Reason", "Priority", "Committee",
    "Strategy or goal", "From meeting", "Done on",
)  # fmt: skip
LOG_COLUMNS = ("Action ID", "Action", "Date", "Change", "Note", "By")


def action_values(row: ActionExportRow) -> tuple[CellValue, ...]:
    return (
        row.id, row.title, row.details, ", ".join(row.owners), row.due_on, row.due_state, row.status,
        row.status_reason, row.priority, row.committee, row.strategy, row.meeting, row.completed_on,
    )  # fmt: skip


def log_values(row: ActionLogRow) -> tuple[CellValue, ...]:
    return (row.action_id, row.action_title, row.on, row.change, row.note, row.author)
