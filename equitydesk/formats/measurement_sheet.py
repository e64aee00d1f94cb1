"""Read a sheet of indicator measurements (.xlsx, .csv): find its heading row under any title rows, map, read rows.

The reading itself (sniffing, limits, sheets, refusals in plain words) is the roster import's sheet reader, and a
column about citizenship or immigration status is dropped unread as the roster reader drops it.

Values: a number with a % sign is in percent points ("62%", "62.0 %" → 62); a bare number is taken as it is
("0.62" stays 0.62: the planner warns when that looks like a share written for a percent indicator).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from equitydesk.domain.normalize import Cell, clean_multiline, clean_text, parse_date
from equitydesk.formats.headed_sheet import HeadedSheet, ParsedSheet
from equitydesk.formats.problems import Problem, Severity
from equitydesk.formats.roster_columns import column_letter
from equitydesk.formats.roster_headers import header_key, match_header

# Field → the headings measurement sheets give it, in English and Spanish (folded by header_key: no accents).
HEADINGS: dict[str, tuple[str, ...]] = {
    "code": ("code", "indicator code", "indicator id", "indicator no", "indicator number", "ref", "codigo",
             "codigo del indicador", "clave"),
    "indicator": ("indicator", "indicators", "indicator name", "measure", "metric", "kpi", "name", "indicador",
                  "nombre del indicador", "medida", "metrica", "indicateur"),
    "measured_on": ("date", "measured on", "date measured", "measurement date", "as of", "as of date", "when",
                    "fecha", "fecha de medicion", "fecha de la medicion", "dia"),
    "value": ("value", "values", "result", "results", "actual", "actual value", "measurement", "measured value",
              "score", "percent", "percentage", "rate", "count", "number", "valor", "resultado", "porcentaje",
              "tasa", "puntaje", "cantidad", "medicion"),
    "group": ("student group", "group", "series", "subgroup", "student subgroup", "population", "students",
              "grupo", "grupo de estudiantes", "subgrupo", "poblacion", "estudiantes"),
    "source": ("source", "data source", "source of data", "fuente", "fuente de datos", "origen"),
    "note": ("note", "notes", "comment", "comments", "remarks", "nota", "notas", "comentario", "comentarios",
             "observaciones", "observacion"),
}  # fmt: skip
FIELD_LABELS = {"code": "Indicator code", "indicator": "Indicator", "measured_on": "Date", "value": "Value",
                "group": "Student group", "source": "Source", "note": "Note"}  # fmt: skip
_BY_HEADING = {header_key(h): name for name, headings in HEADINGS.items() for h in headings}
# A heading no known heading matches is settled by a word in it ("Percent proficient", "Date of the test"), the
# more specific fields first: "Indicator code" is a code, "Date of measurement" a date.
_KEYWORDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("code", frozenset({"code", "codigo"})),
    ("measured_on", frozenset({"date", "fecha"})),
    ("group", frozenset({"group", "subgroup", "grupo", "subgrupo"})),
    ("source", frozenset({"source", "fuente"})),
    ("note", frozenset({"note", "notes", "comment", "comments", "nota", "notas", "comentarios"})),
    ("indicator", frozenset({"indicator", "indicador", "measure", "metric"})),
    ("value", frozenset({"value", "valor", "percent", "percentage", "porcentaje", "rate", "tasa", "score", "result",
                         "resultado"})),
)  # fmt: skip
_SCHOOL_YEAR = re.compile(r"(?:19|20)\d\d\s*[-–/]\s*(?:\d\d|(?:19|20)\d\d)")
TEXT_LIMIT = 300
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d{1,2}")


@dataclass(slots=True)
class MeasurementRow:
    """One sheet row: values by field, and what was wrong with its cells. ImportRow of services/imports."""

    row_number: int
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    raw: dict[str, str] = field(default_factory=dict)  # the cells as typed, for messages
    columns: dict[str, tuple[str, str]] = field(default_factory=dict)  # field → its column's letter and heading


@dataclass(slots=True)
class ParsedMeasurements(ParsedSheet[MeasurementRow]):
    """A sheet's measurements read under a mapping."""

    def column_of(self, name: str) -> tuple[str, str]:
        """The letter and heading of the column mapped to a field ("", "" when none is)."""
        for index, mapped in self.mapping.items():
            if mapped == name:
                return column_letter(index), self.headers[index] if index < len(self.headers) else ""
        return "", ""


def guess_field(heading: Cell) -> str | None:
    if not isinstance(heading, str) or not heading.strip() or match_header(heading).designed_out:
        return None
    key = header_key(heading)
    if key in _BY_HEADING:
        return _BY_HEADING[key]
    words = set(key.split())
    if not words or len(words) > 6:
        return None
    return next((name for name, known in _KEYWORDS if words & known), None)


class MeasurementSheet(HeadedSheet):
    """A sheet of measurements read once, its heading row found; map() reads its rows under a mapping."""

    headings_hint = "Indicator, Date, Value and Student group above the measurements"

    @staticmethod
    def guess_field(heading: Cell) -> str | None:
        return guess_field(heading)

    @staticmethod
    def enough(found: set[str]) -> bool:
        return bool(found & {"code", "indicator"}) and "value" in found

    def map(self, mapping: Mapping[int, str | None] | None = None) -> ParsedMeasurements:
        """Every row under the heading row, read under this mapping (None: the guessed one)."""
        parsed = self.start_parsing(ParsedMeasurements, mapping)
        used = parsed.mapping
        missing = [FIELD_LABELS[f] for f in ("measured_on", "value") if f not in used.values()]
        if not {"code", "indicator"} & set(used.values()):
            missing.insert(0, "Indicator (or Indicator code)")
        if missing:
            parsed.problems.append(Problem(0, "", "", None, f"No column holds {' or '.join(missing)}: give the sheet "
                                           "a heading for it, and try again.", Severity.ERROR))  # fmt: skip
            return parsed
        parsed.rows.extend(self._row(number, cells, used) for number, cells in self.data_rows())
        return parsed

    def _row(self, number: int, cells: list[Cell], mapping: Mapping[int, str | None]) -> MeasurementRow:
        row = MeasurementRow(number)
        for index, name in mapping.items():
            if name is None or index >= len(cells):
                continue
            row.columns[name] = (column_letter(index), self.headers[index] if index < len(self.headers) else "")
            cell = cells[index]
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                continue
            row.raw[name] = clean_text(cell)
            try:
                row.values.update(_read(name, cell))
            except ValueError as error:
                row.problems.append(self._problem(number, index, name, f"{error}.", Severity.ERROR))
        for name, what in (("measured_on", "date"), ("value", "value")):
            if name not in row.raw:
                letter = row.columns.get(name, ("", ""))[0]
                where = f" in column {letter}" if letter else ""
                row.problems.append(Problem.in_row(number, f"This row has no {what}{where}, so it was skipped."))
        if not ({"code", "indicator"} & set(row.raw)):
            row.problems.append(Problem.in_row(number, "This row does not say which indicator it measures, so it "
                                               "was skipped."))  # fmt: skip
        return row


def _read(name: str, cell: Cell) -> dict[str, Any]:
    if name == "measured_on":
        return {name: parse_measured_on(cell)}
    if name == "value":
        value, percent = parse_value(cell)
        return {"value": value, "percent_sign": percent}
    if name == "note":
        return {name: clean_multiline(cell)}
    return {name: clean_text(cell)[:TEXT_LIMIT]}


def parse_measured_on(cell: Cell) -> date:
    """A date as parse_date reads it; a year alone ("2025") is refused with a sentence saying what to write."""
    text = clean_text(cell)
    number = cell if isinstance(cell, int | float) and not isinstance(cell, bool) else None
    if number is None and text.isdigit():
        number = int(text)
    if number is not None and 1900 <= number <= 2100 and float(number).is_integer():
        raise ValueError(
            f"“{int(number)}” is a year, not a date; write the day it was measured, like 6/1/{int(number)}"
        )
    if isinstance(cell, str) and _SCHOOL_YEAR.fullmatch(text):
        raise ValueError(f"“{text}” is a school year, not a date; write the day it was measured, like 6/1/2025")
    return parse_date(cell)


def parse_value(cell: Cell) -> tuple[float, bool]:
    """A number and whether it was written with a % sign: 62, "62%", "62.0 %", "1,234", "62,5". Raises ValueError."""
    if isinstance(cell, bool):
        raise ValueError(f"“{cell}” is not a number; write the value, like 62.5")
    if isinstance(cell, int | float):
        value = float(cell)
        percent = False
    else:
        text = clean_text(cell)
        core = text.replace("\u2212", "-").replace(" ", "")
        percent = core.endswith("%")
        core = core.rstrip("%")
        if _THOUSANDS.fullmatch(core):
            core = core.replace(",", "")
        elif _DECIMAL_COMMA.fullmatch(core):
            core = core.replace(",", ".")
        try:
            value = float(core)
        except ValueError:
            raise ValueError(f"“{text}” is not a number; write the value, like 62.5 or 62.5 %") from None
    if not math.isfinite(value):
        raise ValueError(f"“{clean_text(cell)}” is not a number; write the value, like 62.5")
    return value, percent
