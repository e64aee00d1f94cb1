"""When each agenda item starts, when the agenda ends, and how that reads against the meeting's scheduled end."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

DEFAULT_TIME_ZONE = "America/Chicago"  # a meeting without its own time zone is held in Minnesota


@dataclass(frozen=True)
class AgendaTimes:
    starts: list[datetime]  # each item's start, in agenda order
    planned_end: datetime
    scheduled_end: datetime | None

    @property
    def overrun_minutes(self) -> int:
        """Minutes past the scheduled end (0 when it fits or no end is set)."""
        if self.scheduled_end is None:
            return 0
        return max(0, int((self.planned_end - self.scheduled_end).total_seconds() // 60))

    @property
    def runs_over(self) -> bool:
        return self.overrun_minutes > 0

    def words(self) -> str:
        """'Runs 15 minutes past the scheduled end, 8:00 PM.' or 'Ends at 7:45 PM, 15 minutes before …'."""
        end = clock(self.planned_end)
        if self.scheduled_end is None:
            return f"Planned to end at {end}; the meeting has no scheduled end."
        scheduled = clock(self.scheduled_end)
        if self.runs_over:
            return f"Runs {duration_words(self.overrun_minutes)} past the scheduled end, {scheduled}."
        spare = int((self.scheduled_end - self.planned_end).total_seconds() // 60)
        if spare == 0:
            return f"Ends at {end}, as scheduled."
        return f"Ends at {end}, {duration_words(spare)} before the scheduled end, {scheduled}."


def agenda_times(start: datetime, minutes: Sequence[int | None], scheduled_end: datetime | None) -> AgendaTimes:
    """Items follow each other from the meeting's start; an item without minutes allotted takes none."""
    starts: list[datetime] = []
    at = start
    for allotted in minutes:
        starts.append(at)
        at += timedelta(minutes=max(allotted or 0, 0))
    return AgendaTimes(starts, at, scheduled_end)


def clock(moment: datetime) -> str:
    """'6:05 PM' (no leading zero, as US agendas print times; not strftime's %-I, which Windows lacks)."""
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def duration_words(minutes: int) -> str:
    """'1 minute', '45 minutes', '1 hour', '1 hour 20 minutes', '2 hours 5 minutes'."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)
