"""The status rules at their boundaries, one table row per case: thresholds, targets, direction, gaps, steps, data."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from equitydesk.domain.enums import Direction, IndicatorKind, RagStatus, UnitKind
from equitydesk.domain.roadmap_status import (
    IndicatorFacts,
    MilestoneFacts,
    NodeKey,
    Override,
    Point,
    Thresholds,
    Verdict,
    apply_override,
    check_override_reason,
    indicator_status,
    milestone_status,
    roll_up,
)

DAY0 = date(2024, 9, 1)
MID = DAY0 + timedelta(days=50)
END = DAY0 + timedelta(days=100)


def rising(actual: float, *, on: date = MID, steps: tuple[Point, ...] = ()) -> IndicatorFacts:
    """50 % at the baseline, 70 % targeted 100 days later: 60 % expected halfway."""
    return IndicatorFacts(name="Reading proficiency", baseline=Point(DAY0, 50.0), target=Point(END, 70.0),
                          steps=steps, values=(Point(on, actual),))  # fmt: skip


def falling(actual: float) -> IndicatorFacts:
    """Suspensions per 100 students: 20 at the baseline, 10 targeted; 15 expected halfway."""
    return IndicatorFacts(name="Suspensions", unit_kind=UnitKind.RATE, unit="per 100 students",
                          direction=Direction.DECREASE, baseline=Point(DAY0, 20.0), target=Point(END, 10.0),
                          values=(Point(MID, actual),))  # fmt: skip


def gap(group: tuple[float, float], comparison: tuple[float, float]) -> IndicatorFacts:
    """A gap of 32 points at the baseline, 20 targeted: 26 expected halfway."""
    return IndicatorFacts(
        name="Reading gap", kind=IndicatorKind.GAP, direction=Direction.DECREASE,
        baseline=Point(DAY0, 32.0), target=Point(END, 20.0),
        group=(Point(DAY0, group[0]), Point(MID, group[1])),
        comparison=(Point(DAY0, comparison[0]), Point(MID, comparison[1])),
        student_group="Black students", comparison_group="White students",
    )  # fmt: skip


CASES = [
    # (case, facts, status, words the reason must contain)
    ("exactly 90 % of expected progress", rising(59.0), RagStatus.ON_TRACK, "90 % of expected progress → on track"),
    ("just under 90 %", rising(58.99), RagStatus.AT_RISK, "89 % of expected progress → at risk"),
    ("exactly 70 %", rising(57.0), RagStatus.AT_RISK, "70 % of expected progress → at risk"),
    ("just under 70 %", rising(56.99), RagStatus.OFF_TRACK, "69 % of expected progress → off track"),
    ("ahead of the line", rising(65.0), RagStatus.ON_TRACK, "expected 60.0 % on the line to 70 % by 2024-12"),
    (
        "worse than the baseline",
        rising(48.0),
        RagStatus.OFF_TRACK,
        "-20 % of expected progress, farther from the target than the baseline (50.0 %) → off track",
    ),
    ("target met early", rising(70.0), RagStatus.ACHIEVED, "the target of 70 % by 2024-12 is met early"),
    ("target passed after its date", rising(71.0, on=END + timedelta(days=30)), RagStatus.ACHIEVED, "is met →"),
    ("lower is better, exactly 90 %", falling(15.5), RagStatus.ON_TRACK, "15.5 per 100 students on 2024-10-21"),
    ("lower is better, exactly 70 %", falling(16.5), RagStatus.AT_RISK, "70 % of expected progress"),
    ("lower is better, going the wrong way", falling(21.0), RagStatus.OFF_TRACK, "off track"),
    ("lower is better, target met", falling(9.5), RagStatus.ACHIEVED, "achieved"),
    ("a gap that closes", gap((38.0, 47.0), (70.0, 71.0)), RagStatus.ON_TRACK, "Gap of 24.0 points on 2024-10-21"),
    (
        "a gap that widens while both groups improve",
        gap((38.0, 40.0), (70.0, 74.0)),
        RagStatus.OFF_TRACK,
        "both groups rose (Black students +2.0 points, White students +4.0 points) but the gap widened",
    ),
    (
        "annual steps: slower early years are expected",
        rising(51.8, steps=(Point(MID, 52.0),)),
        RagStatus.ON_TRACK,
        "expected 52.0 % on the annual steps to 70 % by 2024-12; 90 %",
    ),
    ("the same value on the straight line", rising(51.8), RagStatus.OFF_TRACK, "18 % of expected progress"),
    ("no measurement", IndicatorFacts(name="x", target=Point(END, 70.0)), RagStatus.NO_DATA, "No measurement yet."),
    (
        "a gap with one group only",
        IndicatorFacts(name="x", kind=IndicatorKind.GAP, group=(Point(MID, 3.0),)),
        RagStatus.NO_DATA,
        "both groups measured",
    ),
    ("no target", IndicatorFacts(name="x", values=(Point(MID, 5.0),)), RagStatus.NO_DATA, "no target is set"),
]


@pytest.mark.parametrize(("case", "facts", "status", "words"), CASES, ids=[c[0] for c in CASES])
def test_indicator_status(case: str, facts: IndicatorFacts, status: RagStatus, words: str) -> None:
    verdict = indicator_status(facts)
    assert verdict.status is status, verdict.reason
    assert words in verdict.reason


def test_the_reason_reads_as_the_issue_words_it() -> None:
    facts = IndicatorFacts(name="Proficiency", baseline=Point(date(2024, 6, 1), 55.0),
                           target=Point(date(2027, 6, 1), 70.0), values=(Point(date(2026, 6, 1), 62.0),))  # fmt: skip
    reason = indicator_status(facts).reason
    assert reason.startswith("62.0 % on 2026-06-01; expected 65.0 % on the line to 70 % by 2027-06; ")
    assert reason.endswith("% of expected progress → at risk")


@pytest.mark.parametrize(
    ("thresholds", "status"),
    [(Thresholds(on_track=0.95, at_risk=0.9), RagStatus.AT_RISK), (Thresholds(0.8, 0.5), RagStatus.ON_TRACK)],
)
def test_thresholds_are_the_plans(thresholds: Thresholds, status: RagStatus) -> None:
    assert indicator_status(rising(59.0), thresholds).status is status


MILESTONES = [
    ("late and not done", MilestoneFacts("Tutoring", DAY0, None), RagStatus.AT_RISK, "is not done → at risk"),
    ("due today", MilestoneFacts("Tutoring", MID, None), RagStatus.ON_TRACK, "is due on"),
    ("done late", MilestoneFacts("Tutoring", DAY0, MID), RagStatus.ACHIEVED, "was done on"),
    ("no due date", MilestoneFacts("Tutoring", None, None), RagStatus.NO_DATA, "no due date"),
]


@pytest.mark.parametrize(("case", "facts", "status", "words"), MILESTONES, ids=[c[0] for c in MILESTONES])
def test_milestone_status(case: str, facts: MilestoneFacts, status: RagStatus, words: str) -> None:
    verdict = milestone_status(facts, today=MID)
    assert verdict.status is status and words in verdict.reason


def test_a_late_milestone_puts_its_goal_at_risk_and_is_named() -> None:
    on_track = indicator_status(rising(65.0))
    late = milestone_status(MilestoneFacts("Tutoring in four schools", DAY0, None), today=MID)
    goal = roll_up([(NodeKey("indicator", 1), "Reading", on_track), (NodeKey("milestone", 7), "Tutoring", late)],
                   empty="")  # fmt: skip
    assert goal.status is RagStatus.AT_RISK and goal.decided_by == NodeKey("milestone", 7)
    assert "“Tutoring” is at risk (1 at risk, 1 on track)" in goal.reason


ROLLUPS = [
    ("worst decides", [RagStatus.ON_TRACK, RagStatus.OFF_TRACK, RagStatus.AT_RISK], RagStatus.OFF_TRACK, 2),
    ("no data is left out", [RagStatus.NO_DATA, RagStatus.ON_TRACK], RagStatus.ON_TRACK, 2),
    ("all achieved", [RagStatus.ACHIEVED, RagStatus.ACHIEVED], RagStatus.ACHIEVED, 1),
    ("achieved and on track", [RagStatus.ACHIEVED, RagStatus.ON_TRACK], RagStatus.ON_TRACK, 2),
    ("nothing has data", [RagStatus.NO_DATA, RagStatus.NOT_STARTED], RagStatus.NO_DATA, None),
]


@pytest.mark.parametrize(("case", "children", "status", "decider"), ROLLUPS, ids=[c[0] for c in ROLLUPS])
def test_roll_up(case: str, children: list[RagStatus], status: RagStatus, decider: int | None) -> None:
    parts = [(NodeKey("goal", i), f"Goal {i}", Verdict(s, "")) for i, s in enumerate(children, start=1)]
    verdict = roll_up(parts, empty="No goals yet.")
    assert verdict.status is status
    assert verdict.decided_by == (NodeKey("goal", decider) if decider else None)


def test_an_empty_node_says_so() -> None:
    assert roll_up([], empty="No goals yet.") == Verdict(RagStatus.NO_DATA, "No goals yet.")


def test_an_override_keeps_what_the_rules_said() -> None:
    computed = indicator_status(rising(65.0))
    verdict = apply_override(computed, Override(RagStatus.OFF_TRACK, "Four teachers left.", MID, by="Keisha"))
    assert verdict.status is RagStatus.OFF_TRACK and verdict.rule_status is RagStatus.ON_TRACK and verdict.overridden
    assert verdict.reason.startswith("Set by hand by Keisha on 2024-10-21: Four teachers left. (the rules say on track")
    assert apply_override(computed, None) is computed


@pytest.mark.parametrize("reason", [None, "", "   \n "])
def test_an_override_needs_a_reason(reason: str | None) -> None:
    with pytest.raises(ValueError, match="Say why"):
        check_override_reason(reason)
