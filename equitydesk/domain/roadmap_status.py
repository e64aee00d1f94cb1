"""The status rules of a plan: each indicator against its expected path, milestones by their due dates, roll-ups."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from equitydesk.domain.enums import Direction, IndicatorKind, RagStatus, UnitKind

# Worst first: a roll-up takes the lowest rank among children that have data.
RANK = {RagStatus.OFF_TRACK: 0, RagStatus.AT_RISK: 1, RagStatus.ON_TRACK: 2, RagStatus.ACHIEVED: 3}
WITHOUT_DATA = frozenset({RagStatus.NO_DATA, RagStatus.NOT_STARTED})
# Ratios are compared after rounding, so that 9/10 computed from days is exactly 90 % and not 89.99999 %.
_EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Shares of expected progress: at least `on_track` is on track, at least `at_risk` at risk, below off track."""

    on_track: float = 0.9
    at_risk: float = 0.7

    def describe(self) -> str:
        return (
            f"On track: at least {self.on_track:.0%} of the progress expected by the date of the latest measurement; "
            f"at risk: at least {self.at_risk:.0%}; off track: less. Achieved: the target is met."
        )


@dataclass(frozen=True, slots=True)
class Point:
    on: date
    value: float


@dataclass(frozen=True, slots=True)
class IndicatorFacts:
    """Everything the rules read about one indicator; measurements in any order."""

    name: str
    kind: IndicatorKind = IndicatorKind.VALUE
    unit_kind: UnitKind = UnitKind.PERCENT
    unit: str | None = None
    direction: Direction = Direction.INCREASE
    baseline: Point | None = None
    target: Point | None = None
    steps: tuple[Point, ...] = ()
    values: tuple[Point, ...] = ()
    group: tuple[Point, ...] = ()
    comparison: tuple[Point, ...] = ()
    student_group: str | None = None
    comparison_group: str | None = None

    @property
    def is_gap(self) -> bool:
        return self.kind is IndicatorKind.GAP

    def series(self) -> tuple[Point, ...]:
        """The values the status is judged on, oldest first: a gap indicator's gaps on the dates both were measured."""
        if not self.is_gap:
            return tuple(sorted(self.values, key=lambda p: p.on))
        theirs = {p.on: p.value for p in self.comparison}
        gaps = tuple(Point(p.on, abs(theirs[p.on] - p.value)) for p in sorted(self.group, key=lambda p: p.on)
                     if p.on in theirs)  # fmt: skip
        # A gap measured as one number (before the two series existed) still counts.
        return gaps or tuple(sorted(self.values, key=lambda p: p.on))

    def start(self) -> Point | None:
        """The baseline, or else the first measurement."""
        if self.baseline is not None:
            return self.baseline
        series = self.series()
        return series[0] if series else None

    def path(self) -> tuple[Point, ...]:
        """The expected trajectory: baseline, annual steps, target, by date."""
        start = self.start()
        if start is None or self.target is None:
            return ()
        steps = sorted((s for s in self.steps if start.on < s.on < self.target.on), key=lambda p: p.on)
        return (start, *steps, self.target)

    def expected_on(self, day: date) -> float | None:
        """The value expected on `day` on the line (or through the annual steps) from baseline to target."""
        path = self.path()
        if not path:
            return None
        if day <= path[0].on:
            return path[0].value
        for before, after in pairwise(path):
            if day <= after.on:
                span = (after.on - before.on).days
                share = (day - before.on).days / span if span else 1.0
                return before.value + (after.value - before.value) * share
        return path[-1].value


@dataclass(frozen=True, slots=True)
class MilestoneFacts:
    title: str
    due_on: date | None
    done_on: date | None


@dataclass(frozen=True, slots=True)
class NodeKey:
    """One node of a plan's tree: kind is plan, strategy, goal, indicator or milestone."""

    kind: str
    id: int


@dataclass(frozen=True, slots=True)
class Verdict:
    """A status with its reason in words; `rule_status` is what the rules said before any override."""

    status: RagStatus
    reason: str
    rule_status: RagStatus | None = None
    decided_by: NodeKey | None = None
    overridden: bool = False
    latest: Point | None = None
    expected: float | None = None
    share_of_expected: float | None = None
    notes: tuple[str, ...] = field(default=())
    rule_reason: str | None = None

    @property
    def computed(self) -> RagStatus:
        return self.rule_status or self.status

    @property
    def computed_reason(self) -> str:
        return self.rule_reason if self.rule_reason is not None else self.reason


@dataclass(frozen=True, slots=True)
class Override:
    status: RagStatus
    reason: str
    on: date
    by: str | None = None


# --- indicators --------------------------------------------------------------------------------------------------


def indicator_status(facts: IndicatorFacts, thresholds: Thresholds = Thresholds()) -> Verdict:
    series = facts.series()
    if not series:
        if facts.is_gap:
            return Verdict(RagStatus.NO_DATA, "No date yet with both groups measured.")
        return Verdict(RagStatus.NO_DATA, "No measurement yet.")
    latest = series[-1]
    said = f"{fmt_value(facts, latest.value)} on {latest.on.isoformat()}"
    if facts.is_gap:
        said = f"gap of {said}" + _both_groups(facts)
    if facts.target is None:
        return Verdict(RagStatus.NO_DATA, f"{_cap(said)}; no target is set, so progress cannot be judged.",
                       latest=latest)  # fmt: skip
    better = 1.0 if facts.direction is Direction.INCREASE else -1.0
    target_text = f"{fmt_value(facts, facts.target.value, short=True)} by {facts.target.on.strftime('%Y-%m')}"
    if (latest.value - facts.target.value) * better >= -_EPSILON:
        early = " early" if latest.on < facts.target.on else ""
        return Verdict(RagStatus.ACHIEVED, f"{_cap(said)}; the target of {target_text} is met{early} → achieved",
                       latest=latest)  # fmt: skip
    start = facts.start()
    expected = facts.expected_on(latest.on)
    assert start is not None and expected is not None  # a target and a measurement give both
    line = "on the annual steps" if len(facts.path()) > 2 else "on the line"
    expected_progress = (expected - start.value) * better
    actual_progress = (latest.value - start.value) * better
    if expected_progress <= _EPSILON:
        # Nothing was expected yet (measured on the baseline date): holding ground is on track.
        status = RagStatus.ON_TRACK if actual_progress >= -_EPSILON else RagStatus.AT_RISK
        reason = f"{_cap(said)}; no progress expected yet toward {target_text} → {status.label.lower()}"
        return Verdict(status, reason, latest=latest, expected=expected)
    share = round(actual_progress / expected_progress, 9)
    if share >= thresholds.on_track:
        status = RagStatus.ON_TRACK
    elif share >= thresholds.at_risk:
        status = RagStatus.AT_RISK
    else:
        status = RagStatus.OFF_TRACK
    shown = math.floor(share * 100 + _EPSILON)
    # Below zero the share alone reads like a typo; say in words that the value went the wrong way.
    start_word = "baseline" if facts.baseline is not None else "first measurement"
    away = f", farther from the target than the {start_word} ({fmt_value(facts, start.value)})" if share < 0 else ""
    reason = (
        f"{_cap(said)}; expected {fmt_value(facts, expected)} {line} to {target_text}; "
        f"{shown} % of expected progress{away} → {status.label.lower()}"
    )
    notes = _gap_notes(facts)
    if notes:
        reason += f" ({notes[0]})"
    return Verdict(status, reason, latest=latest, expected=expected, share_of_expected=share, notes=notes)


def _both_groups(facts: IndicatorFacts) -> str:
    group, comparison = facts.student_group or "student group", facts.comparison_group or "comparison group"
    return f" between {group} and {comparison}"


def _gap_notes(facts: IndicatorFacts) -> tuple[str, ...]:
    """Say so when both groups moved the same way and the gap still widened: the case a plain indicator hides."""
    if not facts.is_gap:
        return ()
    mine = sorted(facts.group, key=lambda p: p.on)
    theirs = sorted(facts.comparison, key=lambda p: p.on)
    gaps = facts.series()
    if len(mine) < 2 or len(theirs) < 2 or len(gaps) < 2:
        return ()
    rose_mine, rose_theirs = mine[-1].value - mine[0].value, theirs[-1].value - theirs[0].value
    if gaps[-1].value <= gaps[0].value or rose_mine * rose_theirs <= 0:
        return ()
    moved = "rose" if rose_mine > 0 else "fell"
    return (
        f"both groups {moved} ({facts.student_group or 'group'} {_signed(facts, rose_mine)}, "
        f"{facts.comparison_group or 'comparison'} {_signed(facts, rose_theirs)}) but the gap widened",
    )


def _signed(facts: IndicatorFacts, value: float) -> str:
    return ("+" if value >= 0 else "−") + fmt_value(facts, abs(value), gap=True)


# --- milestones and roll-ups ---------------------------------------------------------------------------------


def milestone_status(facts: MilestoneFacts, today: date) -> Verdict:
    if facts.done_on is not None:
        return Verdict(RagStatus.ACHIEVED, f"“{facts.title}” was done on {facts.done_on.isoformat()}.")
    if facts.due_on is None:
        return Verdict(RagStatus.NO_DATA, f"“{facts.title}” has no due date.")
    if facts.due_on < today:
        return Verdict(
            RagStatus.AT_RISK, f"“{facts.title}” was due on {facts.due_on.isoformat()} and is not done → at risk"
        )
    return Verdict(RagStatus.ON_TRACK, f"“{facts.title}” is due on {facts.due_on.isoformat()}.")


def roll_up(children: Sequence[tuple[NodeKey, str, Verdict]], *, empty: str) -> Verdict:
    """The worst status among children with data, naming the child that decided it; `empty` when there are none."""
    if not children:
        return Verdict(RagStatus.NO_DATA, empty)
    judged = [(key, title, v) for key, title, v in children if v.status not in WITHOUT_DATA]
    missing = len(children) - len(judged)
    if not judged:
        return Verdict(RagStatus.NO_DATA, "None of its parts has data yet.")
    key, title, worst = min(judged, key=lambda c: RANK[c[2].status])
    counts: dict[RagStatus, int] = {}
    for _k, _t, v in judged:
        counts[v.status] = counts.get(v.status, 0) + 1
    tally = ", ".join(f"{n} {s.label.lower()}" for s, n in sorted(counts.items(), key=lambda c: RANK[c[0]]))
    if missing:
        tally += f", {missing} without data"
    if len(judged) == 1 and not missing:
        reason = f"From “{title}”: {worst.status.label.lower()}."
    else:
        reason = f"The worst of its parts decides: “{title}” is {worst.status.label.lower()} ({tally})."
    return Verdict(worst.status, reason, decided_by=key)


def apply_override(computed: Verdict, override: Override | None) -> Verdict:
    """A person's status, with their reason, in place of the computed one; the computed one stays visible."""
    if override is None:
        return computed
    who = f" by {override.by}" if override.by else ""
    reason = (
        f"Set by hand{who} on {override.on.isoformat()}: {override.reason} "
        f"(the rules say {computed.status.label.lower()}: {computed.reason})"
    )
    return Verdict(
        override.status,
        reason,
        rule_status=computed.status,
        decided_by=computed.decided_by,
        overridden=True,
        latest=computed.latest,
        expected=computed.expected,
        share_of_expected=computed.share_of_expected,
        notes=computed.notes,
        rule_reason=computed.reason,
    )


def check_override_reason(reason: str | None) -> str:
    """The reason as stored; a blank one is refused, since an override without a reason explains nothing."""
    text = " ".join((reason or "").split())
    if not text:
        raise ValueError("Say why you are setting the status by hand.")
    return text


# --- words -------------------------------------------------------------------------------------------------------


def fmt_value(facts: IndicatorFacts, value: float, *, short: bool = False, gap: bool | None = None) -> str:
    """A value with its unit as a report says it: "62.0 %", "688 students", "27.5 points"."""
    gap = facts.is_gap if gap is None else gap
    number = _short(value) if short else f"{value:,.1f}"
    kind = facts.unit_kind
    if kind is UnitKind.PERCENT:
        return f"{number} points" if gap else f"{number} %"
    if kind is UnitKind.COUNT:
        text = f"{value:,.0f}"
        return f"{text} {facts.unit}" if facts.unit else text
    if kind is UnitKind.SCORE_POINTS:
        return f"{number} points"
    return f"{number} {facts.unit}" if facts.unit else number


def _short(value: float) -> str:
    return f"{value:,.1f}".removesuffix(".0")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
