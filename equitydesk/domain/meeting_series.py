"""A monthly meeting series ("second Tuesday, September to June"): which dates it gives, and how it reads."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")  # fmt: skip
# Which one of the month's weekdays: 1 to 5, or LAST for the last one (a fifth does not exist in every month).
LAST = -1
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", LAST: "last"}
MAX_MEETINGS = 60  # five school years of monthly meetings: a longer span is a typing mistake


@dataclass(frozen=True)
class MonthlyRule:
    """The `ordinal` `weekday` (0 = Monday) of every month from (first_year, first_month) to (last_year, last_month)."""

    weekday: int
    ordinal: int
    first_year: int
    first_month: int
    last_year: int
    last_month: int
    skip_months: frozenset[int] = frozenset()  # months of the year left out (e.g. {12} for no December meeting)

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday {self.weekday} is not 0 (Monday) to 6 (Sunday)")
        if self.ordinal not in ORDINALS:
            raise ValueError(f"ordinal {self.ordinal} is not 1 to 5 or last")
        for month in (self.first_month, self.last_month, *self.skip_months):
            if not 1 <= month <= 12:
                raise ValueError(f"month {month} is not 1 to 12")

    def months(self) -> list[tuple[int, int]]:
        """Every (year, month) of the span, in order, the skipped months left out."""
        start = self.first_year * 12 + self.first_month - 1
        end = self.last_year * 12 + self.last_month - 1
        return [(i // 12, i % 12 + 1) for i in range(start, end + 1) if i % 12 + 1 not in self.skip_months]

    def describe(self) -> str:
        """'Second Tuesday of the month, September 2025 to June 2026'."""
        first = f"{MONTH_NAMES[self.first_month - 1]} {self.first_year}"
        last = f"{MONTH_NAMES[self.last_month - 1]} {self.last_year}"
        text = f"{ORDINALS[self.ordinal].capitalize()} {WEEKDAYS[self.weekday]} of the month, {first} to {last}"
        if self.skip_months:
            text += ", except " + " and ".join(MONTH_NAMES[m - 1] for m in sorted(self.skip_months))
        return text


@dataclass(frozen=True)
class SeriesDates:
    dates: list[date]
    missing: list[tuple[int, int]]  # months that have no such weekday (a fifth Friday in February)

    def missing_words(self) -> str:
        """'February 2026 has no fifth Friday' style sentence, or '' when every month has one."""
        if not self.missing:
            return ""
        months = ", ".join(f"{MONTH_NAMES[m - 1]} {y}" for y, m in self.missing)
        have = "that month has" if len(self.missing) == 1 else "those months have"
        return f"No meeting in {months}: {have} no such day."


def nth_weekday(year: int, month: int, weekday: int, ordinal: int) -> date | None:
    """The `ordinal` `weekday` of the month (LAST: the last one); None when the month has no fifth one."""
    days_in_month = calendar.monthrange(year, month)[1]
    if ordinal == LAST:
        last = date(year, month, days_in_month)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (ordinal - 1))
    return day if day.month == month else None


def series_dates(rule: MonthlyRule) -> SeriesDates:
    """The dates of the series, oldest first; refuses a span that runs backwards or past MAX_MEETINGS months."""
    months = rule.months()
    if (rule.last_year, rule.last_month) < (rule.first_year, rule.first_month):
        raise ValueError("The series ends before it starts: choose a last month after the first.")
    if len(months) > MAX_MEETINGS:
        raise ValueError(f"A series has at most {MAX_MEETINGS} meetings; this one would have {len(months)}.")
    dates: list[date] = []
    missing: list[tuple[int, int]] = []
    for year, month in months:
        day = nth_weekday(year, month, rule.weekday, rule.ordinal)
        if day is None:
            missing.append((year, month))
        else:
            dates.append(day)
    return SeriesDates(dates, missing)


def school_year_rule(*, weekday: int, ordinal: int, starting_year: int, first_month: int = 9, last_month: int = 6,
                     skip_months: frozenset[int] = frozenset()) -> MonthlyRule:  # fmt: skip
    """A rule over a school year: September of `starting_year` to June of the next (a span inside one calendar
    year when the last month comes after the first)."""
    last_year = starting_year + 1 if last_month < first_month else starting_year
    return MonthlyRule(weekday, ordinal, starting_year, first_month, last_year, last_month, skip_months)
