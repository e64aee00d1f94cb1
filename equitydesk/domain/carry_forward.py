"""What the next meeting's draft agenda inherits: a review of the open action items, and the items not reached."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

REVIEW_TITLE = "Review of action items"
REVIEW_MINUTES = 10
# Items that open a meeting; the review of action items comes after them rather than before the welcome.
_OPENING_WORDS = ("welcome", "call to order", "roll call", "introductions", "land acknowledgement", "approv", "adopt")


@dataclass(frozen=True)
class OpenAction:
    title: str
    owner: str | None
    due_on: date | None
    status_label: str


def is_review_item(title: str) -> bool:
    return title.strip().casefold() == REVIEW_TITLE.casefold()


def review_position(titles: Sequence[str]) -> int:
    """Where the review of action items goes among these titles: after the opening items, else first."""
    position = 0
    for index, title in enumerate(titles):
        folded = title.casefold()
        if any(folded.startswith(word) or f" {word}" in folded for word in _OPENING_WORDS):
            position = index + 1
        else:
            break
    return position


def review_text(actions: Sequence[OpenAction], *, today: date) -> str:
    """One line per open action: title, owner, due date, status; overdue ones say so in words."""
    if not actions:
        return "No action items are open."
    lines = []
    for action in actions:
        parts = [action.title]
        if action.owner:
            parts.append(action.owner)
        if action.due_on is not None:
            due = f"due {action.due_on:%B} {action.due_on.day}, {action.due_on.year}"
            parts.append(due + (" (overdue)" if action.due_on < today else ""))
        parts.append(action.status_label.lower())
        lines.append("• " + " — ".join(parts))
    return "\n".join(lines)
