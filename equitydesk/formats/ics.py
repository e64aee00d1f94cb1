"""Meetings as an iCalendar (.ics) file: each event in its meeting's time zone, with the zone's rules included."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from equitydesk import __version__
from equitydesk.formats.atomic import atomic_write

DEFAULT_LENGTH = timedelta(hours=2)  # a meeting with no end set still blocks an evening, not a single instant


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    title: str
    starts_at: datetime  # wall-clock time in `time_zone`, as stored
    ends_at: datetime | None
    time_zone: str
    location: str | None = None
    url: str | None = None
    description: str | None = None
    cancelled: bool = False
    modified_at: datetime | None = None  # UTC


def calendar_bytes(events: Sequence[CalendarEvent], *, name: str, stamp: datetime) -> bytes:
    """The calendar as bytes; `stamp` (UTC) is DTSTAMP, passed in so that the same meetings give the same file."""
    cal = Calendar()
    cal.add("prodid", f"-//EquityDesk//EquityDesk {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for item in events:
        zone = ZoneInfo(item.time_zone)
        event = Event()
        event.add("uid", item.uid)
        event.add("summary", item.title)
        event.add("dtstamp", stamp.replace(tzinfo=UTC))
        event.add("dtstart", item.starts_at.replace(tzinfo=zone))
        event.add("dtend", (item.ends_at or item.starts_at + DEFAULT_LENGTH).replace(tzinfo=zone))
        if item.location:
            event.add("location", item.location)
        if item.url:
            event.add("url", item.url)
        description = "\n\n".join(p for p in (item.description, f"Video link: {item.url}" if item.url else None) if p)
        if description:
            event.add("description", description)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        if item.modified_at is not None:
            event.add("last-modified", item.modified_at.replace(tzinfo=UTC))
        cal.add_component(event)
    if events:
        # Calendar programs that do not know a zone by name read its rules from the VTIMEZONE blocks added here,
        # over the years of these meetings only (icalendar's default span writes decades of daylight-saving dates).
        first = min(e.starts_at for e in events).date()
        last = max(e.ends_at or e.starts_at for e in events).date()
        cal.add_missing_timezones(first_date=date(first.year - 1, 1, 1), last_date=date(last.year + 2, 1, 1))
    return bytes(cal.to_ical())


def write_ics(target: Path, events: Sequence[CalendarEvent], *, name: str, stamp: datetime) -> None:
    """Write all or nothing: a failure leaves an existing file at `target` as it was."""
    data = calendar_bytes(events, name=name, stamp=stamp)
    with atomic_write(target) as temp:
        temp.write_bytes(data)
