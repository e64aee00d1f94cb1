"""Which backups thinning keeps: every one of the last day, then one a day, week and month, for two years."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from equitydesk.domain.retention import backups_to_keep
from equitydesk.services.backups import BackupSchedule

NOW = datetime(2026, 12, 1, 12, 0)  # a Tuesday, noon
HOUR = timedelta(hours=1)


def at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour)


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def test_an_hourly_history_of_more_than_two_years_keeps_exactly_the_expected_backups() -> None:
    history = [NOW - n * HOUR for n in range(800 * 24)]
    expected: set[datetime] = set()
    # The last day: all 24 (noon back to 13:00 yesterday; 12:00 yesterday is a day old, so daily).
    expected |= {NOW - n * HOUR for n in range(24)}
    # Daily for two weeks: yesterday's last backup old enough is 12:00; the 13 days before keep their 23:00.
    expected.add(at(date(2026, 11, 30), 12))
    expected |= {at(d, 23) for d in days(date(2026, 11, 17), date(2026, 11, 29))}
    # Weekly to three months (13 weeks): the week of Mon 16 Nov keeps Tue 17 Nov 12:00, the newest two weeks old;
    # each earlier week its Sunday 23:00, back to Sun 6 Sep (its week began inside the tier on Tue 1 Sep 13:00).
    expected.add(at(date(2026, 11, 17), 12))
    expected |= {at(date(2026, 9, 6) + timedelta(weeks=n), 23) for n in range(11)}
    # Monthly to two years (731 days): September 2026 keeps Tue 1 Sep 12:00 (13 weeks old); each month from
    # December 2024 to August 2026 its last day's 23:00; November 2024 its 30th, 23:00 (the tier's oldest hours).
    expected.add(at(date(2026, 9, 1), 12))
    for year, month in [(2024, 12)] + [(y, m) for y in (2025, 2026) for m in range(1, 13) if (y, m) < (2026, 9)]:
        first_of_next = date(year + month // 12, month % 12 + 1, 1)
        expected.add(at(first_of_next - timedelta(days=1), 23))
    expected.add(at(date(2024, 11, 30), 23))
    # Older than two years: gone.
    kept = backups_to_keep(history, NOW)
    assert kept == expected
    assert len(kept) == 24 + 14 + 12 + 23
    assert min(kept) == at(date(2024, 11, 30), 23)


def test_thinning_again_keeps_what_it_kept() -> None:
    history = [NOW - n * 7 * HOUR for n in range(3000)]
    kept = backups_to_keep(history, NOW)
    assert backups_to_keep(kept, NOW) == kept


def test_thinning_after_every_backup_for_two_years_keeps_a_backup_of_every_period() -> None:
    """As the window and the command line do it: thin after each new backup, made every twelve hours."""
    kept: set[datetime] = set()
    now = NOW - timedelta(days=760)
    while now <= NOW:
        kept = backups_to_keep(kept | {now}, now)
        now += 12 * HOUR
    assert {t for t in kept if NOW - t < timedelta(days=1)} == {NOW, NOW - 12 * HOUR}
    daily = {t.date() for t in kept if timedelta(days=1) <= NOW - t < timedelta(days=14)}
    assert daily == set(days(date(2026, 11, 18), date(2026, 11, 30)))  # 17 Nov 12:00 is two weeks old
    weekly = {t.isocalendar()[:2] for t in kept if timedelta(days=14) <= NOW - t < timedelta(weeks=13)}
    assert len(weekly) == 12  # every week of the tier has its backup
    monthly = {(t.year, t.month) for t in kept if timedelta(weeks=13) <= NOW - t < timedelta(days=731)}
    # Every whole month of the tier (December 2024 to August 2026) keeps one: its last week's, which was the one
    # the weekly tier kept. (The partial months at the tier's two ends are covered by the weekly tier, or too old.)
    assert monthly == {(2024, 12)} | {(y, m) for y in (2025, 2026) for m in range(1, 13) if (y, m) < (2026, 9)}
    gaps = [b - a for a, b in zip(sorted(kept), sorted(kept)[1:], strict=False)]
    assert max(gaps) <= timedelta(days=35)  # never more than five weeks between two backups kept
    assert all(NOW - t < timedelta(days=731) for t in kept) and len(kept) == 2 + 13 + 12 + 21


def test_the_newest_backup_is_kept_however_old() -> None:
    three_years = [NOW - timedelta(days=1100), NOW - timedelta(days=1200)]
    assert backups_to_keep(three_years, NOW) == {NOW - timedelta(days=1100)}
    assert backups_to_keep([], NOW) == set()


def test_a_backup_from_the_future_is_kept() -> None:
    """The clock was set back: how old the backup is cannot be told, so it is not thinned."""
    times = [NOW + timedelta(days=3), NOW + timedelta(days=3, hours=1), NOW - timedelta(days=20)]
    assert backups_to_keep(times, NOW) == set(times)


def test_the_last_day_counts_from_now_not_from_midnight() -> None:
    times = [NOW - timedelta(hours=23, minutes=59), NOW - timedelta(hours=24), NOW - timedelta(hours=25)]
    assert backups_to_keep(times, NOW) == {times[0], times[1]}  # 24 h and 25 h old share a day: the newer stays


def test_days_are_those_of_the_times_given() -> None:
    """The same instants, given in two time zones, fall into different days: the caller's calendar decides."""
    utc = [datetime(2026, 11, 20, 23, 30, tzinfo=UTC), datetime(2026, 11, 21, 0, 30, tzinfo=UTC)]
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    assert backups_to_keep(utc, now) == set(utc)  # two UTC days
    minnesota = [t.astimezone(ZoneInfo("America/Chicago")) for t in utc]
    assert backups_to_keep(minnesota, now) == {minnesota[1]}  # one Minnesota day: 17:30 and 18:30 on the 20th


# --- the window's schedule -----------------------------------------------------------------------------------------


T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


def test_no_backup_is_due_without_changes() -> None:
    schedule = BackupSchedule(last_backup=T0)
    assert not schedule.due(T0 + 5 * HOUR) and schedule.wait(T0 + 5 * HOUR) is None


def test_a_change_is_backed_up_at_most_every_thirty_minutes() -> None:
    schedule = BackupSchedule(last_backup=T0)
    assert schedule.note_change(T0 + 10 * MINUTE) is False
    assert schedule.wait(T0 + 10 * MINUTE) == 20 * MINUTE  # the window sets a timer for then
    assert schedule.note_change(T0 + 29 * MINUTE) is False
    assert schedule.due(T0 + 30 * MINUTE)
    schedule.backed_up(T0 + 30 * MINUTE)
    assert not schedule.pending and schedule.wait(T0 + 31 * MINUTE) is None
    assert schedule.note_change(T0 + 45 * MINUTE) is False
    assert schedule.note_change(T0 + 61 * MINUTE) is True


def test_without_any_backup_the_first_change_is_due_at_once() -> None:
    schedule = BackupSchedule(last_backup=None)
    assert schedule.note_change(T0) is True and schedule.wait(T0) == timedelta(0)


def test_a_change_during_a_backup_stays_pending() -> None:
    schedule = BackupSchedule(last_backup=T0)
    schedule.note_change(T0 + 31 * MINUTE)
    schedule.backed_up(T0 + 31 * MINUTE, changed_since=True)
    assert schedule.pending and schedule.wait(T0 + 31 * MINUTE) == 30 * MINUTE
