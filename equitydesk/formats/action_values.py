"""Statuses, dates and owners as people type them in a tracker: "Done", "In Progress", "overdue", "9/30", serials."""

from __future__ import annotations

import re
from datetime import date

from equitydesk.domain.enums import ActionStatus, Priority
from equitydesk.domain.normalize import Cell, clean_text, parse_date

_WORDS = re.compile(r"[^\w]+")
# Words a tracker's status column holds, by what EquityDesk calls them. "Overdue" and "late" describe an open item
# (its due date says the rest); "N/A" and "cancelled" mean nobody will do it.
_STATUS_WORDS: dict[str, ActionStatus] = {
    **dict.fromkeys(("open", "not started", "to do", "todo", "new", "pending", "planned", "overdue", "late",
                     "behind", "assigned", "not yet"), ActionStatus.OPEN),
    **dict.fromkeys(("in progress", "started", "ongoing", "underway", "under way", "wip", "working on it",
                     "in process", "on track", "active", "doing"), ActionStatus.IN_PROGRESS),
    **dict.fromkeys(("blocked", "stuck", "on hold", "waiting", "paused", "delayed"), ActionStatus.BLOCKED),
    **dict.fromkeys(("done", "complete", "completed", "finished", "closed", "yes", "x", "✓", "✔", "resolved"),
                    ActionStatus.DONE),
    **dict.fromkeys(("dropped", "cancelled", "canceled", "n a", "na", "not doing", "withdrawn", "deferred"),
                    ActionStatus.DROPPED),
}  # fmt: skip
_PRIORITY_WORDS: dict[str, Priority] = {
    **dict.fromkeys(("high", "h", "urgent", "1", "top", "critical"), Priority.HIGH),
    **dict.fromkeys(("normal", "medium", "med", "m", "2", "average"), Priority.NORMAL),
    **dict.fromkeys(("low", "l", "3", "someday"), Priority.LOW),
}  # fmt: skip
_MONTH_DAY = re.compile(r"(\d{1,2})[/.-](\d{1,2})")
_OWNER_SPLIT = re.compile(r"\s*(?:;|/|\n|&|\+|\band\b)\s*", re.IGNORECASE)


def words(value: Cell) -> str:
    return " ".join(_WORDS.sub(" ", clean_text(value).casefold()).split())


def parse_status(value: Cell) -> ActionStatus | None:
    """The status a tracker's word means, or None for a word nobody planned for (the caller warns)."""
    text = clean_text(value)
    if text in ("✓", "✔"):
        return ActionStatus.DONE
    return _STATUS_WORDS.get(words(value))


def parse_priority(value: Cell) -> Priority | None:
    return _PRIORITY_WORDS.get(words(value))


def parse_due(value: Cell, *, today: date) -> date:
    """A date from a date cell, an Excel serial, "9/30/2025", "Sept 30, 2025" or "9/30" (a month and day without
    a year falls in the school year `today` is in: July to June). Raises ValueError with a sentence."""
    text = clean_text(value) if isinstance(value, str) else ""
    if m := _MONTH_DAY.fullmatch(text):
        month, day = int(m[1]), int(m[2])
        start = today.year if today.month >= 7 else today.year - 1
        return date(start if month >= 7 else start + 1, month, day)
    return parse_date(value)


def split_owners(value: Cell) -> list[str]:
    """Owner names as written: "Mai Vang; Facilities", "Vang, Mai", "Mai & Abdi". A comma splits names only when
    the caller cannot read the whole as "Last, First" (see the planner)."""
    text = clean_text(value) if not isinstance(value, str) else value.strip()
    return [part.strip(" ,") for part in _OWNER_SPLIT.split(text) if part.strip(" ,")]
