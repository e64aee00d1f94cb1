"""The monthly series rule and the agenda's times: table-driven, with the months that lack a fifth weekday."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from equitydesk.domain.agenda_times import agenda_times, clock, duration_words
from equitydesk.domain.carry_forward import OpenAction, review_position, review_text
from equitydesk.domain.meeting_series import LAST, MonthlyRule, nth_weekday, school_year_rule, series_dates

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


@pytest.mark.parametrize(
    ("year", "month", "weekday", "ordinal", "expected"),
    [
        (2025, 9, TUE, 2, date(2025, 9, 9)),
        (2025, 10, TUE, 2, date(2025, 10, 14)),
        (2026, 6, TUE, 2, date(2026, 6, 9)),
        (2025, 9, MON, 1, date(2025, 9, 1)),  # the month starts on that weekday
        (2025, 11, SUN, 5, date(2025, 11, 30)),  # a fifth one on the last day
        (2026, 2, FRI, 5, None),  # February 2026 has four Fridays
        (2026, 2, SUN, 4, date(2026, 2, 22)),
        (2024, 2, THU, 5, date(2024, 2, 29)),  # a leap day is a fifth Thursday
        (2025, 12, WED, LAST, date(2025, 12, 31)),
        (2026, 2, MON, LAST, date(2026, 2, 23)),
        (2025, 9, THU, LAST, date(2025, 9, 25)),
        (2025, 9, SAT, 3, date(2025, 9, 20)),
    ],
)
def test_nth_weekday(year: int, month: int, weekday: int, ordinal: int, expected: date | None) -> None:
    assert nth_weekday(year, month, weekday, ordinal) == expected


def test_second_tuesday_september_to_june_spans_the_new_year() -> None:
    rule = school_year_rule(weekday=TUE, ordinal=2, starting_year=2025)
    got = series_dates(rule)
    assert [(d.year, d.month) for d in got.dates] == [(2025, m) for m in (9, 10, 11, 12)] + [
        (2026, m) for m in (1, 2, 3, 4, 5, 6)
    ]
    assert all(d.weekday() == TUE and 8 <= d.day <= 14 for d in got.dates)
    assert got.missing == [] and got.missing_words() == ""
    assert rule.describe() == "Second Tuesday of the month, September 2025 to June 2026"


def test_a_fifth_weekday_skips_the_months_without_one_and_says_so() -> None:
    got = series_dates(school_year_rule(weekday=FRI, ordinal=5, starting_year=2025))
    assert all(d.weekday() == FRI and d.day >= 29 for d in got.dates)
    assert (2026, 2) in got.missing
    assert len(got.dates) + len(got.missing) == 10
    assert "February 2026" in got.missing_words()


def test_skipped_months_and_a_span_inside_one_year() -> None:
    rule = school_year_rule(weekday=THU, ordinal=1, starting_year=2026, first_month=1, last_month=5,
                            skip_months=frozenset({3}))  # fmt: skip
    got = series_dates(rule)
    assert [d.month for d in got.dates] == [1, 2, 4, 5]
    assert all(d.year == 2026 for d in got.dates)
    assert rule.describe().endswith("except March")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"weekday": 7, "ordinal": 1},
        {"weekday": 1, "ordinal": 6},
        {"weekday": 1, "ordinal": 0},
    ],
)
def test_impossible_rules_are_refused(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        MonthlyRule(first_year=2025, first_month=9, last_year=2026, last_month=6, **kwargs)


def test_a_series_running_backwards_or_for_ever_is_refused() -> None:
    with pytest.raises(ValueError, match="ends before it starts"):
        series_dates(MonthlyRule(TUE, 2, 2026, 6, 2025, 9))
    with pytest.raises(ValueError, match="at most"):
        series_dates(MonthlyRule(TUE, 2, 2025, 1, 2035, 1))


START = datetime(2025, 11, 11, 18, 0)


@pytest.mark.parametrize(
    ("minutes", "end", "starts", "words", "over"),
    [
        ([10, 20, 30], datetime(2025, 11, 11, 20, 0), ["6:00 PM", "6:10 PM", "6:30 PM"],
         "Ends at 7:00 PM, 1 hour before the scheduled end, 8:00 PM.", 0),
        ([60, 60], datetime(2025, 11, 11, 20, 0), ["6:00 PM", "7:00 PM"], "Ends at 8:00 PM, as scheduled.", 0),
        ([60, 75], datetime(2025, 11, 11, 20, 0), ["6:00 PM", "7:00 PM"],
         "Runs 15 minutes past the scheduled end, 8:00 PM.", 15),
        ([120, 65], datetime(2025, 11, 11, 19, 0), ["6:00 PM", "8:00 PM"],
         "Runs 2 hours 5 minutes past the scheduled end, 7:00 PM.", 125),
        ([None, 15, 0], datetime(2025, 11, 11, 18, 15), ["6:00 PM", "6:00 PM", "6:15 PM"],
         "Ends at 6:15 PM, as scheduled.", 0),
        ([], datetime(2025, 11, 11, 19, 0), [], "Ends at 6:00 PM, 1 hour before the scheduled end, 7:00 PM.", 0),
        ([45], None, ["6:00 PM"], "Planned to end at 6:45 PM; the meeting has no scheduled end.", 0),
        ([361], datetime(2025, 11, 11, 23, 59), ["6:00 PM"],
         "Runs 2 minutes past the scheduled end, 11:59 PM.", 2),
    ],
)  # fmt: skip
def test_agenda_times(
    minutes: list[int | None], end: datetime | None, starts: list[str], words: str, over: int
) -> None:
    times = agenda_times(START, minutes, end)
    assert [clock(s) for s in times.starts] == starts
    assert times.words() == words
    assert times.overrun_minutes == over
    assert times.runs_over is (over > 0)


@pytest.mark.parametrize(
    ("moment", "text"),
    [((0, 5), "12:05 AM"), ((9, 0), "9:00 AM"), ((12, 0), "12:00 PM"), ((13, 30), "1:30 PM"), ((23, 59), "11:59 PM")],
)
def test_clock(moment: tuple[int, int], text: str) -> None:
    assert clock(datetime(2025, 1, 1, *moment)) == text


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(1, "1 minute"), (0, "0 minutes"), (45, "45 minutes"), (60, "1 hour"), (80, "1 hour 20 minutes"),
     (125, "2 hours 5 minutes")],
)  # fmt: skip
def test_duration_words(minutes: int, text: str) -> None:
    assert duration_words(minutes) == text


@pytest.mark.parametrize(
    ("titles", "position"),
    [
        ([], 0),
        (["Budget"], 0),
        (["Welcome, land acknowledgement and introductions", "Approval of the agenda and minutes", "Budget"], 2),
        (["Call to order", "Budget", "Approval of the budget"], 1),
        (["Welcome"], 1),
    ],
)
def test_the_review_of_action_items_comes_after_the_opening(titles: list[str], position: int) -> None:
    assert review_position(titles) == position


def test_review_text_marks_overdue_in_words() -> None:
    text = review_text(
        [OpenAction("Book interpreters", "Chue Thao", date(2025, 11, 1), "Open"),
         OpenAction("Map partners", None, None, "Blocked")],
        today=date(2025, 11, 12),
    )  # fmt: skip
    assert text.splitlines() == [
        "• Book interpreters — Chue Thao — due November 1, 2025 (overdue) — open",
        "• Map partners — blocked",
    ]
    assert review_text([], today=date(2025, 11, 12)) == "No action items are open."
