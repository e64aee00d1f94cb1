"""How values read on screen: enum labels, dates as "Sep 10, 2025", Yes/No, whatever the system locale is."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

from equitydesk.domain.enums import ActionStatus, RagStatus
from equitydesk.domain.wording import plural

__all__ = ["plural"]  # the core's, re-exported: pages and dialogs take it from here with the other looks

# Spelled out so the text does not follow the system locale: the same words in the packet, the screen and tests.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(value: date) -> str:
    return f"{MONTHS[value.month - 1]} {value.day}, {value.year}"


def format_time(value: datetime) -> str:
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d} {'AM' if value.hour < 12 else 'PM'}"


def format_value(value: Any) -> str:
    """The text a table cell shows; an empty cell is "" (never None, see DESIGN.md on None through Qt)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    label = getattr(value, "label", None)
    if isinstance(value, Enum) and isinstance(label, str):
        return label
    if isinstance(value, datetime):
        if value.hour == 0 and value.minute == 0:
            return format_date(value)
        return f"{format_date(value)}  {format_time(value)}"
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


# Statuses a chair scans for get a colour; the word stays, so colour is never the only cue.
RED, AMBER, GREEN = "#b00020", "#9a5b00", "#1b7a3a"
TONES: dict[Enum, str] = {
    RagStatus.ON_TRACK: GREEN,
    RagStatus.AT_RISK: AMBER,
    RagStatus.OFF_TRACK: RED,
    ActionStatus.BLOCKED: RED,
}


def tone_of(value: Any) -> str | None:
    """A text colour for this value, or None for the normal one."""
    return TONES.get(value) if isinstance(value, Enum) else None
