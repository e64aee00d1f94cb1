"""Normalise roster cells a column at a time: each distinct value is read once, however many rows repeat it."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import compress, repeat
from typing import Any

from equitydesk.domain.limits import PERSON_TEXT_LIMITS
from equitydesk.domain.normalize import (
    PLAIN_EMAIL,
    PLAIN_PHONE,
    AmbiguousValue,
    BlankValue,
    Cell,
    clean_multiline,
    clean_text,
    normalize_email,
    normalize_language,
    normalize_languages,
    normalize_phone,
    parse_date,
    parse_role,
    parse_stakeholder_group,
    parse_yes_no,
    pop_nickname,
    split_full_name,
)
from equitydesk.domain.vocabulary import NAME_TITLES
from equitydesk.formats.problems import Severity
from equitydesk.formats.roster_headers import FIELD_LABELS
from equitydesk.formats.sheet_store import ColumnCells, column_slice


class Blank:
    """The marker for a cell with nothing in it (or only spaces): the field is absent, which is no problem."""

    __slots__ = ()


BLANK = Blank()


@dataclass(slots=True)
class Failed:
    """A cell whose value could not be read; the message says why in plain words (whole: it also says what was
    done instead, so nothing is to be added to it)."""

    message: str
    whole: bool = False


def _split_name(value: Cell) -> tuple[str, str, str]:
    if type(value) is str and value.count(" ") == 1 and value.isascii() and value.replace(" ", "").isalpha():
        # "Mai Vang", the usual case, needs none of the work below, unless the first word is a title.
        given, family = value.split(" ")
        if given and family and given.casefold() not in NAME_TITLES:
            return given, family, ""
    text, nickname = pop_nickname(clean_text(value))
    if not text:
        raise BlankValue("blank")
    given, family = split_full_name(text)
    return given, family, nickname


def _interpreter_needed(value: Cell) -> bool | str:
    # "Interpreter needed?" columns often name the language instead of saying yes.
    try:
        return parse_yes_no(value)
    except BlankValue:
        raise
    except ValueError:
        try:
            return normalize_languages(value)
        except ValueError:
            raise ValueError(f"'{clean_text(value)}' is not yes or no, nor a language; write Yes or No") from None


def _nonblank(clean: Callable[[Cell], str]) -> Callable[[Cell], str]:
    def normalise(value: Cell) -> str:
        text = clean(value)
        if not text:
            raise BlankValue("blank")
        return text

    return normalise


NORMALISERS: dict[str, Callable[[Cell], object]] = {
    "full_name": _split_name, "given_name": _nonblank(clean_text), "family_name": _nonblank(clean_text),
    "preferred_name": _nonblank(clean_text), "pronouns": _nonblank(clean_text), "email": normalize_email,
    "phone": normalize_phone, "organization": _nonblank(clean_text), "languages": normalize_languages,
    "interpreter_needed": _interpreter_needed, "interpreter_language": normalize_language,
    "accessibility_needs": _nonblank(clean_multiline), "notes": _nonblank(clean_multiline), "role": parse_role,
    "stakeholder_group": parse_stakeholder_group, "voting": parse_yes_no, "term_start": parse_date,
    "term_end": parse_date,
}  # fmt: skip
_PLAIN: dict[str, Callable[[str], object]] = {"email": PLAIN_EMAIL.fullmatch, "phone": PLAIN_PHONE.fullmatch}


class Values:
    """One column's normalised results, BLANK where empty: row i holds table[codes[i]], or table[i] without codes.

    A column whose equal cells are shared (see sheet_store) is normalised once per distinct cell: codes are then
    the cells themselves, and table maps each to its result. Derived columns (names split from a full name) are
    plain lists.
    """

    __slots__ = ("codes", "table")

    def __init__(self, table: Sequence[Any] | dict[Any, Any], codes: Sequence[Any] | None = None) -> None:
        self.table, self.codes = table, codes

    def outcomes(self) -> Iterable[Any]:
        """Each distinct result once for a coded column, every row's result otherwise."""
        return self.table.values() if isinstance(self.table, dict) else self.table

    def expanded(self) -> list[Any]:
        if self.codes is None:
            return list(self.table)
        return list(map(self.table.__getitem__, self.codes))

    def blank_mask(self) -> Iterator[bool]:
        """For each row, whether the value is BLANK."""
        if self.codes is None:
            return map(partial(operator.is_, BLANK), self.table)
        assert isinstance(self.table, dict)
        return map({c: v is BLANK for c, v in self.table.items()}.__getitem__, self.codes)


def offsets_of(codes: Sequence[Any], code: Any) -> Iterator[int]:
    """The rows holding a code, found by index(), which scans in C."""
    offset = -1
    while True:
        try:
            offset = codes.index(code, offset + 1)
        except ValueError:
            return
        yield offset


def normalise_column(field: str, column: ColumnCells | None, start: int, rows: int) -> tuple[Values, dict[int, Failed]]:
    """A column's values for rows start to start + rows, and the cells that could not be read, by row offset
    from start (BLANK among the values). A column with shared cells is normalised once per distinct cell."""
    normalise = NORMALISERS[field]
    cells = column_slice(column, start, rows)
    if column is None or not column.shared:
        results = _normalised(field, normalise, cells)
        failures = (
            {o: r for o, r in enumerate(results) if type(r) is Failed} if Failed in set(map(type, results)) else {}
        )
        for offset in failures:
            results[offset] = BLANK
        return Values(results), failures
    distinct = list(set(cells))
    table = dict(zip(distinct, _normalised(field, normalise, distinct), strict=True))
    failures = {}
    for cell, result in table.items():
        if type(result) is Failed:
            table[cell] = BLANK
            failures.update((offset, result) for offset in offsets_of(cells, cell))
    return Values(table, cells), failures


def _normalised(field: str, normalise: Callable[[Cell], object], cells: Sequence[Cell]) -> list[Any]:
    plain = _PLAIN.get(field)
    if plain is None:
        return [_attempt(normalise, v) for v in cells]
    # Most cells are already clean, so they are their own value (an address in lower case); only the rest go
    # through the normaliser.
    if field == "email":
        results: list[Any] = [v.lower() if type(v) is str and plain(v) else None for v in cells]
    else:
        results = [v if type(v) is str and plain(v) else None for v in cells]
    if field == "phone":  # a phone column saved as numbers: 6125551234.0 was typed 6125551234
        results = [str(int(v)) if r is None and type(v) is float and v.is_integer() else r
                   for r, v in zip(results, cells, strict=True)]  # fmt: skip
    for i in [i for i, r in enumerate(results) if r is None]:
        results[i] = _attempt(normalise, cells[i])
    return results


def _attempt(normalise: Callable[[Cell], object], cell: Cell) -> object:
    if cell == "":
        return BLANK
    try:
        return normalise(cell)
    except BlankValue:
        return BLANK
    except ValueError as exc:
        return Failed(str(exc), whole=isinstance(exc, AmbiguousValue))


class RowTable:
    """A sheet's normalised columns and the cells they came from, shared by its ParsedRows, which build their
    dicts from it on demand."""

    __slots__ = ("columns", "keys", "raw")

    def __init__(self, values: dict[str, Values], raw: dict[str, Values]) -> None:
        self.keys, self.columns = list(values), list(values.values())
        self.raw = list(raw.items())

    def values_at(self, offset: int) -> dict[str, Any]:
        found = {}
        for key, column in zip(self.keys, self.columns, strict=True):
            codes = column.codes
            value = column.table[offset if codes is None else codes[offset]]
            if value is not BLANK:
                found[key] = value
        return found

    def raw_at(self, offset: int) -> dict[str, Cell]:
        found = {}
        for key, column in self.raw:
            codes = column.codes
            cell = column.table[offset if codes is None else codes[offset]]
            if cell != "":
                # calamine gives every number as a float; 6125551234.0 was typed as 6125551234.
                found[key] = int(cell) if type(cell) is float and cell.is_integer() else cell
        return found


def raw_cells(column: ColumnCells | None, start: int, rows: int) -> Values:
    """A column's cells for rows start to start + rows, as typed."""
    return Values(column_slice(column, start, rows))


def derive_columns(values: dict[str, Values]) -> None:
    """Fill first, last and preferred names from a full name where those columns are blank or absent, and turn a
    language written under "Interpreter needed?" into yes plus the interpreter language. Works in place."""
    full = values.pop("full_name", None)
    if full is not None:
        names = full.expanded()
        for key, part in (("given_name", 0), ("family_name", 1), ("preferred_name", 2)):
            split = [BLANK if f is BLANK or not f[part] else f[part] for f in names]
            values[key] = Values(split if key not in values else _fill(values[key].expanded(), split))
    needed = values.get("interpreter_needed")
    if needed is not None and any(type(v) is str for v in needed.outcomes()):
        said = needed.expanded()
        spoken = [v if type(v) is str else BLANK for v in said]
        own = values.get("interpreter_language")
        values["interpreter_language"] = Values(spoken if own is None else _fill(own.expanded(), spoken))
        values["interpreter_needed"] = Values([True if type(v) is str else v for v in said])


def _fill(own: list[Any], other: list[Any]) -> list[Any]:
    return [b if a is BLANK else a for a, b in zip(own, other, strict=True)]


def row_problems(
    values: dict[str, Values], rows: int, names_mapped: bool
) -> dict[int, list[tuple[str | None, str, Severity]]]:
    """Problems of whole rows, by offset: no name at all (an error), a term that ends before it starts."""
    found: dict[int, list[tuple[str | None, str, Severity]]] = {}
    if names_mapped:
        given, family = values.get("given_name"), values.get("family_name")
        nameless = map(
            operator.and_,
            given.blank_mask() if given else repeat(True, rows),
            family.blank_mask() if family else repeat(True, rows),
        )
        for offset in compress(range(rows), nameless):
            found[offset] = [(None, "this row has no name, so it cannot be imported; add the person's name or "
                              "delete the row", Severity.ERROR)]  # fmt: skip
    starts, ends = values.get("term_start"), values.get("term_end")
    wrong = _ends_before_start(starts, ends) if starts is not None and ends is not None else []
    if wrong:
        start_dates, end_dates = starts.expanded(), ends.expanded()  # type: ignore[union-attr]
        for offset in wrong:
            start, end = start_dates[offset], end_dates[offset]
            message = (
                f"the term ends ({end:%m/%d/%Y}) before it starts ({start:%m/%d/%Y}); check both dates. "
                "The term end was left empty."
            )
            found.setdefault(offset, []).append(("term_end", message, Severity.WARNING))
    return found


def _ends_before_start(starts: Values, ends: Values) -> list[int]:
    def wrong(start: Any, end: Any) -> bool:
        return start is not BLANK and end is not BLANK and end < start

    if starts.codes is None or ends.codes is None:
        return [o for o, (s, e) in enumerate(zip(starts.expanded(), ends.expanded(), strict=True)) if wrong(s, e)]
    # Terms repeat: compare each distinct pair of dates once, then find the rows of the wrong pairs.
    pairs = set(zip(starts.codes, ends.codes, strict=True))
    bad = {p for p in pairs if wrong(starts.table[p[0]], ends.table[p[1]])}
    if not bad:
        return []
    return [o for o, pair in enumerate(zip(starts.codes, ends.codes, strict=True)) if pair in bad]


def cap_lengths(values: dict[str, Values]) -> list[tuple[int, str, str]]:
    """Cut text longer than its field keeps (an e-mail address is left out instead: cut, it would be wrong).

    Works in place after derive_columns, so names split from a full name are capped too; returns (row offset,
    field, message) for each value changed, to be reported as a warning on its row.
    """
    found: list[tuple[int, str, str]] = []
    for field, limit in PERSON_TEXT_LIMITS.items():
        column = values.get(field)
        if column is None:
            continue
        table = column.table
        pairs = table.items() if isinstance(table, dict) else enumerate(table)
        long = [k for k, v in pairs if type(v) is str and len(v) > limit]
        for key in long:
            size = len(table[key])
            table[key] = BLANK if field == "email" else table[key][:limit].rstrip()  # type: ignore[index]
            message = _cut_message(field, size, limit)
            offsets = [key] if column.codes is None else list(offsets_of(column.codes, key))
            found.extend((offset, field, message) for offset in offsets)
    return found


def _cut_message(field: str, size: int, limit: int) -> str:
    label = FIELD_LABELS.get(field, field.replace("_", " "))
    if field == "email":
        return f"the e-mail address is {size:,} characters long, more than an address can have. It was left out."
    return f"the text was cut to {limit:,} characters, the most EquityDesk keeps for {label} (it had {size:,})."
