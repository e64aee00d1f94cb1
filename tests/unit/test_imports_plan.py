"""The import machinery every kind of row shares: a plan of outcomes and its counts, here for rows of measurements."""

from __future__ import annotations

from dataclasses import dataclass, field

from equitydesk.formats.problems import Problem, Severity
from equitydesk.services.imports.plan import Outcome, Plan, RowOutcome


@dataclass(slots=True)
class MeasurementPlan(RowOutcome):
    """Not a person in sight: what the machinery must serve as well as it serves the roster."""

    indicator: str = ""
    value: float | None = None
    notes: list[str] = field(default_factory=list)


def test_a_plan_of_any_rows_counts_what_a_batch_records() -> None:
    rows = [
        MeasurementPlan(2, indicator="Graduation rate", value=0.81),
        MeasurementPlan(3, Outcome.UPDATE, changes={"value": (0.7, 0.72)}),
        MeasurementPlan(4, Outcome.UNCHANGED),
        MeasurementPlan(5),
        MeasurementPlan(6),
    ]
    rows[3].merge_into(2, "Same measurement as row 2.")
    rows[4].fail("The value is not a number.")
    rows[0].warn("The source was left empty.")
    plan = Plan(rows)
    assert (plan.created, plan.updated, plan.unchanged, plan.rejected) == (1, 1, 2, 1)
    assert [r.status for r in rows] == [Outcome.WARNING, Outcome.UPDATE, Outcome.UNCHANGED, Outcome.MERGED,
                                        Outcome.ERROR]  # fmt: skip
    assert plan.count(Outcome.WARNING) == 1 and plan.has_rows_to_import
    assert [p.row for p in plan.warnings] == [2, 5] and [p.message for p in plan.errors] == [
        "The value is not a number."
    ]
    assert all(p.column == "" and p.field is None for p in plan.warnings + plan.errors), "a row's, not a cell's"


def test_a_reader_error_keeps_a_row_out_and_a_warning_does_not() -> None:
    row = MeasurementPlan(7)
    row.take_problems([Problem(7, "C", "Value", "value", "'n/a' is not a number", Severity.WARNING)])
    assert row.action is Outcome.NEW and row.status is Outcome.WARNING
    row.take_problems([Problem(7, "B", "Date", "on", "'soon' is not a date", Severity.ERROR)])
    assert row.action is Outcome.ERROR and row.status is Outcome.ERROR
    assert not Plan([row]).has_rows_to_import
