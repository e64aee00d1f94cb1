"""What each measurement row will do: a new measurement, an update of the one stored for the same indicator, date and
group, or nothing; indicators matched by code, then by name (case and spaces ignored). Pure over a snapshot."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from equitydesk.db.tables import Goal, Indicator, Measurement, Plan, Strategy
from equitydesk.domain.enums import IndicatorKind, MeasurementSeries, UnitKind
from equitydesk.formats.problems import Problem, Severity
from equitydesk.services.errors import NotFound
from equitydesk.services.imports.plan import ImportRow, Outcome, RowOutcome
from equitydesk.services.imports.plan import Plan as ImportPlan

Key = tuple[int, date, MeasurementSeries]
# Words a sheet gives a gap indicator's row that holds the gap itself, and a plain indicator's row for everyone.
GAP_WORDS = frozenset({"gap", "the gap", "difference", "brecha", "diferencia"})
ALL_WORDS = frozenset({"all", "all students", "everyone", "total", "todos", "todos los estudiantes", "todas"})


def fold(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass(frozen=True, slots=True)
class IndicatorFact:
    id: int
    code: str | None
    name: str
    kind: IndicatorKind
    unit_kind: UnitKind
    student_group: str | None
    comparison_group: str | None
    largest: float  # the largest absolute value it holds (baseline, target, measurements): is 0.62 a share?

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}" if self.code else self.name

    def group_label(self, series: MeasurementSeries) -> str:
        if series is MeasurementSeries.GROUP:
            return self.student_group or "Student group"
        if series is MeasurementSeries.COMPARISON:
            return self.comparison_group or "Comparison group"
        return "The gap" if self.kind is IndicatorKind.GAP else (self.student_group or "")


@dataclass(frozen=True, slots=True)
class StoredMeasurement:
    id: int
    value: float
    source: str | None
    note: str | None


@dataclass(frozen=True)
class MeasurementSnapshot:
    plan_id: int
    plan_name: str
    committee_id: int | None
    indicators: Mapping[int, IndicatorFact]
    by_code: Mapping[str, tuple[int, ...]]  # folded code → ids (more than one: ambiguous)
    by_name: Mapping[str, tuple[int, ...]]
    stored: Mapping[Key, StoredMeasurement]


def read_snapshot(session: Session, plan_id: int) -> MeasurementSnapshot:
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise NotFound("This plan no longer exists (it may have been deleted).", field="plan")
    rows = session.execute(
        select(Indicator)
        .join(Goal, Goal.id == Indicator.goal_id)
        .join(Strategy, Strategy.id == Goal.strategy_id)
        .where(Strategy.plan_id == plan_id)
        .order_by(Strategy.position, Goal.position, Indicator.position, Indicator.id)
    ).scalars()
    indicators = {i.id: i for i in rows}
    stored: dict[Key, StoredMeasurement] = {}
    largest: dict[int, float] = defaultdict(float)
    for m in session.scalars(select(Measurement).where(Measurement.indicator_id.in_(list(indicators)))):
        stored[(m.indicator_id, m.measured_on, m.series)] = StoredMeasurement(m.id, m.value, m.source, m.note)
        largest[m.indicator_id] = max(largest[m.indicator_id], abs(m.value))
    facts: dict[int, IndicatorFact] = {}
    by_code: dict[str, list[int]] = defaultdict(list)
    by_name: dict[str, list[int]] = defaultdict(list)
    for i in indicators.values():
        big = max([largest[i.id]] + [abs(v) for v in (i.baseline_value, i.target_value) if v is not None])
        facts[i.id] = IndicatorFact(i.id, i.code, i.name, i.kind, i.unit_kind, i.student_group, i.comparison_group,
                                    big)  # fmt: skip
        if i.code:
            by_code[fold(i.code)].append(i.id)
        by_name[fold(i.name)].append(i.id)
    return MeasurementSnapshot(
        plan.id, plan.name, plan.committee_id, facts, {k: tuple(v) for k, v in by_code.items()},
        {k: tuple(v) for k, v in by_name.items()}, stored,
    )  # fmt: skip


@dataclass(slots=True)
class MeasurementRowPlan(RowOutcome):
    indicator_id: int | None = None
    indicator: str = ""  # as the preview shows it: "A.1.1 Reading proficiency"
    measured_on: date | None = None
    series: MeasurementSeries = MeasurementSeries.VALUE
    group: str = ""
    value: float | None = None
    values: dict[str, Any] = field(default_factory=dict)  # for a new measurement: every field; an update: changes
    existing_id: int | None = None


@dataclass
class MeasurementImportPlan(ImportPlan[MeasurementRowPlan]):
    plan_id: int = 0
    plan_name: str = ""
    file_name: str = ""
    sheet: str = ""

    def place(self, problem: Problem) -> str:
        """The problem in one sentence with the file, sheet, row and column: "scores.xlsx, sheet “2025”, row 7, …"."""
        sheet = "" if self.file_name.casefold().endswith(".csv") else f", sheet “{self.sheet}”"
        text = problem.describe()
        if problem.row:
            return f"{self.file_name}{sheet}, {text[0].lower()}{text[1:]}"
        return f"{self.file_name}{sheet}: {text}"

    @property
    def indicator_ids(self) -> set[int]:
        return {r.indicator_id for r in self.rows if r.indicator_id is not None and r.action is not Outcome.ERROR}


def _cell_problem(row: ImportRow, name: str, message: str, severity: Severity = Severity.ERROR) -> Problem:
    columns: Mapping[str, tuple[str, str]] = getattr(row, "columns", {})
    letter, header = columns.get(name, ("", ""))
    return Problem(row.row_number, letter, header, name, message, severity)


def find_indicator(values: Mapping[str, Any], snapshot: MeasurementSnapshot) -> tuple[int | None, str, str]:
    """The indicator a row names (by code, then by name), or None with the field to blame and a sentence."""
    texts = [(f, str(values[f])) for f in ("code", "indicator") if values.get(f)]
    for lookup, what in ((snapshot.by_code, "code"), (snapshot.by_name, "name")):
        for name, text in texts:
            ids = lookup.get(fold(text), ())
            if len(ids) == 1:
                return ids[0], name, ""
            if len(ids) > 1:
                return None, name, (f"Two indicators of the plan “{snapshot.plan_name}” have the {what} “{text}”: "
                                    f"give them different {what}s on the Roadmap page, then import again.")  # fmt: skip
    name, text = texts[0] if texts else ("indicator", "")
    return None, name, (f"No indicator of the plan “{snapshot.plan_name}” has the code or name “{text}”. Check the "
                        "spelling, or add the indicator on the Roadmap page first.")  # fmt: skip


def find_series(fact: IndicatorFact, typed: str | None) -> MeasurementSeries | str:
    """Which series a row's student group means for this indicator, or a sentence saying why it fits neither."""
    key = fold(typed or "")
    if fact.kind is IndicatorKind.GAP:
        if not key or key in GAP_WORDS:
            return MeasurementSeries.VALUE  # the gap itself, measured as one number
        if fact.student_group and key == fold(fact.student_group):
            return MeasurementSeries.GROUP
        if fact.comparison_group and key == fold(fact.comparison_group):
            return MeasurementSeries.COMPARISON
        groups = f"{fact.student_group} and {fact.comparison_group}"
        return (f"“{typed}” is neither of the groups “{fact.name}” compares ({groups}); write one of them, or leave "
                "the cell empty for the gap itself.")  # fmt: skip
    if not key or (fact.student_group and key == fold(fact.student_group)):
        return MeasurementSeries.VALUE
    if not fact.student_group and key in ALL_WORDS:
        return MeasurementSeries.VALUE
    measured = f"measures {fact.student_group} only" if fact.student_group else "measures all students, not one group"
    return f"“{fact.name}” {measured}; leave the student group empty, or choose the indicator for “{typed}”."


def plan_measurements(
    rows: Iterable[ImportRow], snapshot: MeasurementSnapshot, *, file_name: str = "", sheet: str = ""
) -> MeasurementImportPlan:
    plan = MeasurementImportPlan([], plan_id=snapshot.plan_id, plan_name=snapshot.plan_name, file_name=file_name,
                                 sheet=sheet)  # fmt: skip
    by_key: dict[Key, MeasurementRowPlan] = {}
    for row in rows:
        outcome = MeasurementRowPlan(row.row_number)
        outcome.take_problems(row.problems)
        plan.rows.append(outcome)
        values = row.values
        outcome.value = values.get("value")
        outcome.measured_on = values.get("measured_on")
        if not values.get("code") and not values.get("indicator"):
            continue  # the reader has said why already
        indicator_id, blamed, why = find_indicator(values, snapshot)
        if indicator_id is None:
            _fail(outcome, _cell_problem(row, blamed, why))
            continue
        fact = snapshot.indicators[indicator_id]
        outcome.indicator_id, outcome.indicator = indicator_id, fact.label
        series = find_series(fact, values.get("group"))
        if not isinstance(series, MeasurementSeries):  # a sentence saying why the group fits neither series
            _fail(outcome, _cell_problem(row, "group", series))
            continue
        outcome.series, outcome.group = series, fact.group_label(series)
        if outcome.action is Outcome.ERROR or outcome.measured_on is None or outcome.value is None:
            continue
        _check_unit(row, outcome, fact, bool(values.get("percent_sign")))
        key: Key = (indicator_id, outcome.measured_on, series)
        if (earlier := by_key.get(key)) is not None:
            earlier.values, earlier.changes = {}, {}
            earlier.merge_into(row.row_number, f"Row {row.row_number} has the same indicator, date and group; its "
                                               "value was imported instead of this one.")  # fmt: skip
            outcome.warn(f"Row {earlier.row} has the same indicator, date and group; this row's value was imported "
                         "instead of that one.")  # fmt: skip
        by_key[key] = outcome
        _decide(outcome, values, snapshot.stored.get(key))
    return plan


def _fail(outcome: MeasurementRowPlan, problem: Problem) -> None:
    outcome.errors.append(problem)
    outcome.action = Outcome.ERROR


def _check_unit(row: ImportRow, outcome: MeasurementRowPlan, fact: IndicatorFact, percent_sign: bool) -> None:
    value = outcome.value
    assert value is not None
    if percent_sign and fact.unit_kind is not UnitKind.PERCENT:
        outcome.warnings.append(_cell_problem(row, "value", f"“{fact.name}” is not measured in percent; {value:g} "
                                              "was imported without the % sign.", Severity.WARNING))  # fmt: skip
    elif not percent_sign and fact.unit_kind is UnitKind.PERCENT and 0 < abs(value) < 1 and fact.largest > 1:
        outcome.warnings.append(_cell_problem(
            row, "value", f"{value:g} was imported as {value:g} %; if it is a share ({value * 100:g} %), write "
            f"{value * 100:g} or {value * 100:g} % instead.", Severity.WARNING))  # fmt: skip


def _decide(outcome: MeasurementRowPlan, values: Mapping[str, Any], stored: StoredMeasurement | None) -> None:
    wanted: dict[str, Any] = {"value": outcome.value}
    for name in ("source", "note"):
        if values.get(name):
            wanted[name] = values[name]
    if stored is None:
        outcome.action = Outcome.NEW
        outcome.values = {"indicator_id": outcome.indicator_id, "measured_on": outcome.measured_on,
                          "series": outcome.series, **wanted}  # fmt: skip
        return
    outcome.existing_id = stored.id
    before = {"value": stored.value, "source": stored.source, "note": stored.note}
    changed = {k: v for k, v in wanted.items() if not _same(before[k], v)}
    outcome.values = changed
    outcome.changes = {k: (before[k], v) for k, v in changed.items()}
    outcome.action = Outcome.UPDATE if changed else Outcome.UNCHANGED


def _same(before: Any, after: Any) -> bool:
    if isinstance(before, float) and isinstance(after, float):
        return math.isclose(before, after, rel_tol=1e-12, abs_tol=1e-12)
    return bool(before == after)
