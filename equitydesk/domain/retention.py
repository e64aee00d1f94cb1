"""Which backups to keep: every one of the last day, then one a day, a week and a month, for two years."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from datetime import datetime, timedelta

KEEP_ALL_FOR = timedelta(days=1)
DAILY_FOR = timedelta(days=14)
WEEKLY_FOR = timedelta(weeks=13)  # about three months
MONTHLY_FOR = timedelta(days=731)  # two years, a leap day included


def backups_to_keep(times: Iterable[datetime], now: datetime) -> set[datetime]:
    """The times (of backups) to keep at `now`; every other backup may be deleted.

    Days, weeks and months are those of the datetimes as given (pass local times for the user's own calendar);
    the newest backup in each is the one kept, since it holds that period's last state. Two rules override the
    tiers: a backup from the future (a clock set back) is kept, for we cannot tell how old it is, and the newest
    backup of all is kept however old it is, so that thinning never leaves nothing to restore.
    """
    times = set(times)
    keep: set[datetime] = set()
    newest: dict[Hashable, datetime] = {}
    for when in times:
        age = now - when
        if age < KEEP_ALL_FOR:
            keep.add(when)
            continue
        if age < DAILY_FOR:
            period: Hashable = ("day", when.date())
        elif age < WEEKLY_FOR:
            iso = when.isocalendar()
            period = ("week", iso.year, iso.week)
        elif age < MONTHLY_FOR:
            period = ("month", when.year, when.month)
        else:
            continue
        if period not in newest or when > newest[period]:
            newest[period] = when
    keep.update(newest.values())
    if times:
        keep.add(max(times))
    return keep
