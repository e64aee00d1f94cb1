"""What each row of a measurement sheet will do, table by table, over a snapshot built here (no database)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from equitydesk.domain.enums import IndicatorKind, MeasurementSeries, UnitKind
from equitydesk.formats.measurement_sheet import MeasurementRow, guess_field, parse_measured_on, parse_value
from equitydesk.formats.problems import Problem, Severity
from equitydesk.services.imports.plan import Outcome
from equitydesk.services.measurement_import.planning import (
    IndicatorFact,
    MeasurementSnapshot,
    StoredMeasurement,
    fold,
    plan_measurements,
)

READING = IndicatorFact(1, "A.1.1", "Reading proficiency", IndicatorKind.VALUE, UnitKind.PERCENT, None, None, 60)
GAP = IndicatorFact(2, "A.1.2", "Gap in reading", IndicatorKind.GAP, UnitKind.PERCENT, "Black students",
                    "White students", 70)  # fmt: skip
SUSPENSIONS = IndicatorFact(3, None, "Suspensions", IndicatorKind.VALUE, UnitKind.COUNT, "Black students", None, 40)
TWINS = [IndicatorFact(4, "B", "Attendance", IndicatorKind.VALUE, UnitKind.PERCENT, None, None, 90),
         IndicatorFact(5, "B", "Attendance, 9th", IndicatorKind.VALUE, UnitKind.PERCENT, None, None, 90)]  # fmt: skip
JUNE = date(2025, 6, 1)


def snapshot(stored: dict[tuple[int, date, MeasurementSeries], StoredMeasurement] | None = None) -> MeasurementSnapshot:
    facts = {f.id: f for f in (READING, GAP, SUSPENSIONS, *TWINS)}
    by_code: dict[str, tuple[int, ...]] = {}
    by_name: dict[str, tuple[int, ...]] = {}
    for f in facts.values():
        if f.code:
            by_code[fold(f.code)] = (*by_code.get(fold(f.code), ()), f.id)
        by_name[fold(f.name)] = (*by_name.get(fold(f.name), ()), f.id)
    return MeasurementSnapshot(7, "Reading plan", None, facts, by_code, by_name, stored or {})


def row(number: int = 5, **values: Any) -> MeasurementRow:
    values.setdefault("measured_on", JUNE)
    values.setdefault("value", 45.0)
    columns = {"code": ("A", "Code"), "indicator": ("B", "Indicator"), "measured_on": ("C", "Date"),
               "value": ("D", "Value"), "group": ("E", "Student group")}  # fmt: skip
    return MeasurementRow(number, values, [], {k: str(v) for k, v in values.items()}, columns)


@pytest.mark.parametrize(
    ("values", "indicator_id", "series"),
    [
        ({"code": "A.1.1"}, 1, MeasurementSeries.VALUE),
        ({"code": " a.1.1 "}, 1, MeasurementSeries.VALUE),  # case and spaces ignored
        ({"indicator": "reading   PROFICIENCY"}, 1, MeasurementSeries.VALUE),
        ({"indicator": "A.1.1"}, 1, MeasurementSeries.VALUE),  # a code written in the indicator column
        ({"code": "A.1.1", "indicator": "Suspensions"}, 1, MeasurementSeries.VALUE),  # the code first
        ({"code": "Z.9", "indicator": "Suspensions"}, 3, MeasurementSeries.VALUE),  # no such code: then the name
        ({"indicator": "Reading proficiency", "group": "All students"}, 1, MeasurementSeries.VALUE),
        ({"indicator": "Suspensions", "group": "black students"}, 3, MeasurementSeries.VALUE),
        ({"code": "A.1.2", "group": "Black Students"}, 2, MeasurementSeries.GROUP),
        ({"code": "A.1.2", "group": "white students"}, 2, MeasurementSeries.COMPARISON),
        ({"code": "A.1.2"}, 2, MeasurementSeries.VALUE),  # no group: the gap itself
        ({"code": "A.1.2", "group": "Gap"}, 2, MeasurementSeries.VALUE),
    ],
)
def test_indicators_by_code_then_name_and_the_series_of_a_group(values, indicator_id, series) -> None:
    (planned,) = plan_measurements([row(**values)], snapshot()).rows
    assert (planned.action, planned.indicator_id, planned.series) == (Outcome.NEW, indicator_id, series)
    assert planned.values["indicator_id"] == indicator_id and planned.values["series"] is series


@pytest.mark.parametrize(
    ("values", "column", "words"),
    [
        ({"code": "Z.9"}, "A", "No indicator of the plan “Reading plan” has the code or name “Z.9”"),
        ({"indicator": "Math"}, "B", "has the code or name “Math”. Check the spelling, or add the indicator"),
        ({"code": "B"}, "A", "Two indicators of the plan “Reading plan” have the code “B”"),
        ({"code": "A.1.2", "group": "Asian students"}, "E",
         "“Asian students” is neither of the groups “Gap in reading” compares (Black students and White students)"),
        ({"indicator": "Suspensions", "group": "White students"}, "E", "“Suspensions” measures Black students only"),
        ({"code": "A.1.1", "group": "Black students"}, "E", "measures all students, not one group"),
    ],
)  # fmt: skip
def test_a_row_that_fits_no_indicator_or_group_is_an_error_at_its_cell(values, column, words) -> None:
    plan = plan_measurements([row(9, **values)], snapshot(), file_name="scores.xlsx", sheet="2025")
    (planned,) = plan.rows
    (error,) = planned.errors
    assert planned.action is Outcome.ERROR and (error.row, error.column) == (9, column) and words in error.message
    assert plan.place(error).startswith(f"scores.xlsx, sheet “2025”, row 9, column {column} (")
    assert plan_measurements([row(9, **values)], snapshot(), file_name="s.csv").place(error).startswith("s.csv, row 9")


@pytest.mark.parametrize(
    ("stored", "values", "action", "changes"),
    [
        (StoredMeasurement(11, 45.0, None, None), {}, Outcome.UNCHANGED, {}),
        (StoredMeasurement(11, 45.0, "MCA", None), {}, Outcome.UNCHANGED, {}),  # an empty source keeps the stored one
        (StoredMeasurement(11, 44.0, None, None), {}, Outcome.UPDATE, {"value": (44.0, 45.0)}),
        (StoredMeasurement(11, 45.0, "MCA", None), {"source": "MARSS"}, Outcome.UPDATE, {"source": ("MCA", "MARSS")}),
    ],
)
def test_a_stored_measurement_is_unchanged_or_updated(stored, values, action, changes) -> None:
    (planned,) = plan_measurements([row(code="A.1.1", **values)], snapshot({(1, JUNE, MeasurementSeries.VALUE): stored})
                                   ).rows  # fmt: skip
    assert (planned.action, planned.changes, planned.existing_id) == (action, changes, 11)


def test_another_series_or_date_is_a_new_measurement_beside_the_stored_one() -> None:
    stored = {(2, JUNE, MeasurementSeries.GROUP): StoredMeasurement(11, 45.0, None, None)}
    rows = [
        row(code="A.1.2", group="White students"),
        row(code="A.1.2", group="Black students", measured_on=date(2024, 6, 1)),
    ]
    assert [r.action for r in plan_measurements(rows, snapshot(stored)).rows] == [Outcome.NEW, Outcome.NEW]


def test_the_same_key_twice_keeps_the_later_row_with_a_warning() -> None:
    rows = [row(4, code="A.1.1", value=41.0), row(5, code="A.1.1", value=50.0), row(6, indicator="Suspensions")]
    plan = plan_measurements(rows, snapshot())
    first, later, other = plan.rows
    assert (first.action, first.merged_into, first.values) == (Outcome.MERGED, 5, {})
    assert "Row 5 has the same indicator, date and group" in first.warnings[0].message
    assert later.action is Outcome.NEW and later.values["value"] == 50.0
    assert "Row 4 has the same indicator, date and group; this row's value was imported" in later.warnings[0].message
    assert (plan.created, plan.unchanged, other.action) == (2, 1, Outcome.NEW)


def test_reader_errors_keep_the_row_out() -> None:
    bad = row(8, code="A.1.1")
    bad.problems.append(Problem(8, "D", "Value", "value", "“lots” is not a number.", Severity.ERROR))
    (planned,) = plan_measurements([bad], snapshot()).rows
    assert planned.action is Outcome.ERROR and planned.indicator == "A.1.1 Reading proficiency"


@pytest.mark.parametrize(
    ("fact", "value", "percent", "words"),
    [
        ("A.1.1", 0.62, False, "0.62 was imported as 0.62 %; if it is a share (62 %), write 62 or 62 % instead."),
        ("Suspensions", 12.0, True, "“Suspensions” is not measured in percent; 12 was imported without the % sign."),
        ("A.1.1", 62.0, True, None),
        ("A.1.1", 62.0, False, None),
    ],
)
def test_units_a_share_for_a_percent_and_a_percent_for_a_count_are_warned(fact, value, percent, words) -> None:
    (planned,) = plan_measurements([row(indicator=fact, value=value, percent_sign=percent)], snapshot()).rows
    assert planned.action is Outcome.NEW and planned.values["value"] == value, "taken as it is written"
    assert [w.message for w in planned.warnings] == ([words] if words else [])


@pytest.mark.parametrize(
    ("cell", "expected"),
    [(62, (62.0, False)), (0.62, (0.62, False)), ("62%", (62.0, True)), ("62.0 %", (62.0, True)),
     ("0.62", (0.62, False)), ("1,234", (1234.0, False)), ("62,5", (62.5, False)), ("−3.5", (-3.5, False)),
     (" 7 ", (7.0, False))],
)  # fmt: skip
def test_values_as_people_type_them(cell, expected) -> None:
    assert parse_value(cell) == expected


@pytest.mark.parametrize("cell", ["lots", "62 pct", "", "nan", True, "%"])
def test_a_value_that_is_not_a_number_is_refused_in_words(cell) -> None:
    with pytest.raises(ValueError, match=r"is not a number; write the value, like 62\.5"):
        parse_value(cell)


def test_dates_and_a_year_alone() -> None:
    assert parse_measured_on("6/1/2025") == parse_measured_on("2025-06-01") == JUNE
    with pytest.raises(ValueError, match="“2025” is a year, not a date; write the day it was measured, like 6/1/2025"):
        parse_measured_on(2025.0)
    with pytest.raises(ValueError, match="is not a date I can read"):
        parse_measured_on("spring")
    with pytest.raises(ValueError, match="“2024-25” is a school year, not a date; write the day it was measured"):
        parse_measured_on("2024-25")


@pytest.mark.parametrize(
    ("heading", "field"),
    [("Indicator", "indicator"), ("Indicator code", "code"), ("Código", "code"), ("Percent proficient", "value"),
     ("Valor (%)", "value"), ("Date of the test", "measured_on"), ("Fecha", "measured_on"),
     ("Student group (gap indicators)", "group"), ("Grupo de estudiantes", "group"), ("Fuente", "source"),
     ("Observaciones", "note"), ("Immigration status", None), ("Estatus migratorio", None), ("Owner", None)],
)  # fmt: skip
def test_headings_in_english_and_spanish(heading: str, field: str | None) -> None:
    assert guess_field(heading) == field
