"""The ready views of the follow-up list, and the school year "done this year" counts from (July 1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

SCHOOL_YEAR_STARTS = (7, 1)  # month, day: a school year runs from July 1 to June 30


def school_year_start(today: date) -> date:
    """July 1 of the school year `today` is in (July 1, 2025 for any day from then to June 30, 2026)."""
    month, day = SCHOOL_YEAR_STARTS
    year = today.year if (today.month, today.day) >= (month, day) else today.year - 1
    return date(year, month, day)


@dataclass(frozen=True)
class View:
    """A ready view: its label, the filters it applies (in SQL, through the "view" filter) and its sort."""

    key: str
    label: str
    filters: dict[str, Any] = field(default_factory=dict)
    sort: str = "due_on"
    descending: bool = False


VIEWS: tuple[View, ...] = (
    View("open", "Open items", {"open": True}),
    View("overdue", "Overdue", {"overdue": True}),
    View("due_7", "Due in the next 7 days", {"due_within": 7}),
    View("due_14", "Due in the next 14 days", {"due_within": 14}),
    View("by_owner", "Open items by owner", {"open": True}, sort="owner"),
    View("by_strategy", "Open items by strategy", {"open": True}, sort="strategy"),
    View("by_meeting", "All items by meeting of origin", {}, sort="meeting", descending=True),
    View("by_status", "All items by status", {}, sort="status"),
    View("done_year", "Done this school year (since July 1)", {"done_this_year": True}, "completed_on", True),
    View("all", "All items", {}),
)
VIEWS_BY_KEY = {v.key: v for v in VIEWS}
