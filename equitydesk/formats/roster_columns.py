"""Turn a roster sheet into mapped, normalised rows with precise problems: the reading half of the import."""

from __future__ import annotations

import gc
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import repeat
from pathlib import Path
from typing import Any

from equitydesk.domain.enums import Role, StakeholderGroup
from equitydesk.domain.normalize import Cell, clean_text
from equitydesk.formats.errors import FileRefused, ReadCancelled
from equitydesk.formats.problems import Problem, Severity
from equitydesk.formats.roster_headers import (
    FIELDS,
    NAME_FIELDS,
    find_header_row,
    guess_columns,
    layout_name,
    match_header,
)
from equitydesk.formats.roster_values import (
    RowTable,
    Values,
    cap_lengths,
    derive_columns,
    normalise_column,
    offsets_of,
    raw_cells,
    row_problems,
)
from equitydesk.formats.sheet_reader import Progress, ShouldCancel, read_workbook
from equitydesk.formats.sheet_store import BLANK_ROW, FILLED_ROW, ColumnCells, SheetRows, column_slice

__all__ = ["Column", "ParsedRoster", "ParsedRow", "Problem", "RosterSheet", "Severity", "Value", "parse_roster"]

Value = str | bool | date | Role | StakeholderGroup
END_BLANK_RUN = 2  # two blank rows in a row end the roster; one blank row between groups does not
# "Total", "Totals: 25", "Grand total", "Count: 25" end the data; "Count Basie" does not.
_TOTALS = re.compile(r"\s*(?:grand\s+)?totals?\b.*|\s*(?:count|sum)\s*(?:[:=].*|\d.*)?", re.IGNORECASE | re.DOTALL)
_TOTALS_START = frozenset("TtCcSsGg ")
_LEFT_OUT = {
    "role": "The role was left empty.", "stakeholder_group": "The stakeholder group was left empty.",
    "voting": "Voting was left empty.", "term_start": "The term start was left empty.",
    "term_end": "The term end was left empty.",
}  # fmt: skip


@dataclass(slots=True)
class Column:
    """One column of the sheet: index 0 is column A; field None means the column is not imported."""

    index: int
    letter: str
    header: str
    field: str | None
    private: bool = False  # never imported, whatever the mapping says
    guessed: bool = False  # mapped from the heading's words rather than a known heading


class ParsedRow:
    """One spreadsheet row: values by field key, the non-empty cells they came from, and what was wrong.

    values and raw are dicts built on first use from the sheet's normalised columns (all reading and checking is
    already done); a row can also be made directly: ParsedRow(7, {"given_name": "Mai"}, {"given_name": "Mai"}).
    """

    __slots__ = ("_offset", "_problems", "_raw", "_table", "_values", "row_number")

    def __init__(
        self,
        row_number: int,
        values: dict[str, Any] | None = None,
        raw: dict[str, Cell] | None = None,
        problems: list[Problem] | None = None,
        table: RowTable | None = None,
        offset: int = 0,
    ) -> None:
        self.row_number = row_number
        self._values, self._raw, self._problems, self._table, self._offset = values, raw, problems, table, offset

    @property
    def problems(self) -> list[Problem]:
        """What is wrong with this row's cells, or with the row as a whole."""
        if self._problems is None:
            self._problems = []
        return self._problems

    @problems.setter
    def problems(self, problems: list[Problem]) -> None:
        self._problems = problems

    @property
    def values(self) -> dict[str, Value]:
        """Normalised values by field key; a blank or unreadable cell leaves its field out."""
        if self._values is None:
            self._values = self._table.values_at(self._offset) if self._table else {}
        return self._values

    @values.setter
    def values(self, values: dict[str, Value]) -> None:
        self._values = values

    @property
    def raw(self) -> dict[str, Cell]:
        """The non-empty cells of mapped columns as typed, by field key (integral numbers as int)."""
        if self._raw is None:
            self._raw = self._table.raw_at(self._offset) if self._table else {}
        return self._raw

    @property
    def has_errors(self) -> bool:
        return self._problems is not None and any(p.is_error for p in self._problems)

    def __repr__(self) -> str:
        return f"ParsedRow({self.row_number}, values={self.values!r}, problems={self.problems!r})"


@dataclass(slots=True)
class ParsedRoster:
    """The sheet read: where the headings were, how columns map to fields, the rows, and sheet-wide problems."""

    file_name: str
    sheet: str
    sheet_names: list[str]
    header_row: int
    columns: list[Column]
    ignored_columns: list[str]
    rows: list[ParsedRow]
    problems: list[Problem] = field(default_factory=list)
    layout: str | None = None  # the export the headings were recognised as ("Google Contacts", "Outlook")
    notes: tuple[str, ...] = ()  # sentences for the import summary, such as which columns were dropped unread

    @property
    def mapping(self) -> dict[int, str | None]:
        """Column index → field, as used; store it with the import batch and pass it back to re-map."""
        return {c.index: c.field for c in self.columns}

    def all_problems(self) -> list[Problem]:
        return self.problems + [p for r in self.rows for p in r.problems]


def designed_out_note(columns: Sequence[tuple[str, str]]) -> str:
    """ "Column D “Immigration status” was left out without reading it: EquityDesk keeps no …" for these columns."""
    if not columns:
        return ""
    named = [f"{letter} “{header}”" for letter, header in columns]
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    subject = f"Column {listed} was" if len(named) == 1 else f"Columns {listed} were"
    return (
        f"{subject} left out without reading {'it' if len(named) == 1 else 'them'}: EquityDesk keeps no record of "
        "anyone's citizenship or immigration status."
    )


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class RosterSheet:
    """A sheet read once and kept, so that a new mapping or heading row re-parses without reading the file."""

    def __init__(self, file_name: str, sheet_names: list[str], rows: SheetRows, header_row: int) -> None:
        if not rows.first_row <= header_row < rows.first_row + len(rows):
            raise ValueError(f"row {header_row} is outside the rows of sheet '{rows.name}'")
        self.file_name, self.sheet, self.sheet_names = file_name, rows.name, sheet_names
        self.header_row = header_row
        self._rows = rows
        header_cells = rows.row(header_row - rows.first_row)
        self.headers = [clean_text(c) for c in header_cells]
        self.matches = guess_columns(header_cells)
        self.layout = layout_name(header_cells)
        # Citizenship and immigration status are designed out: their values go now, before anything can show them.
        self.designed_out = [i for i, m in enumerate(self.matches) if m.designed_out]
        for index in self.designed_out:
            rows.drop_column(index, keep_row=header_row - rows.first_row)

    @property
    def designed_out_note(self) -> str:
        """The sentence saying which citizenship or immigration columns were dropped unread; "" when none were."""
        return designed_out_note([(column_letter(i), self.headers[i]) for i in self.designed_out])

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        sheet: str | None = None,
        header_row: int | None = None,
        progress: Progress | None = None,
        should_cancel: ShouldCancel | None = None,
    ) -> RosterSheet:
        """Read the file, choose the sheet (the given one, else the visible sheet whose headings match best) and
        find its heading row (or use the given 1-based row). Raises FileRefused with a plain sentence."""
        with read_workbook(path) as book:
            names = book.sheet_names
            if sheet is not None and sheet not in names + book.hidden_sheet_names:
                raise FileRefused(f"{book.file_name} has no sheet named '{sheet}'. Its sheets are: {', '.join(names)}.")
            best: tuple[str, int, tuple[int, int, int]] | None = None
            empty = True
            for name in [sheet] if sheet is not None else names:
                head = book.head(name)
                empty = empty and not head
                found = find_header_row(head)
                if found and (best is None or found[1] > best[2]):
                    best = (name, found[0], found[1])
            chosen = best[0] if best else (sheet or names[0])
            if empty:
                where = f"sheet '{sheet}' of {book.file_name}" if sheet else book.file_name
                raise FileRefused(f"There is nothing to import in {where}: it is empty.")
            if best is None and header_row is None:
                raise FileRefused(
                    f"I could not find the column headings in {book.file_name}. Put a row of headings "
                    "such as First Name, Last Name, Email above the roster, or point out the row that holds them."
                )
            rows = book.read(chosen, progress=progress, should_cancel=should_cancel)
        if header_row is None:
            assert best is not None
            header_row = rows.first_row + best[1]
        elif not rows.first_row <= header_row < rows.first_row + len(rows):
            raise FileRefused(
                f"Row {header_row} of sheet '{chosen}' in {book.file_name} is empty, so it cannot hold "
                "the column headings. Choose the row with headings such as First Name and Email."
            )
        return cls(book.file_name, names, rows, header_row)

    @property
    def rows(self) -> SheetRows:
        """Every row of the sheet as read (titles and headings too), for previews; row i is first_row + i."""
        return self._rows

    def with_header_row(self, header_row: int) -> RosterSheet:
        """The same sheet with headings taken from another (1-based) row; nothing is read again."""
        return RosterSheet(self.file_name, self.sheet_names, self._rows, header_row)

    def guessed_mapping(self) -> dict[int, str | None]:
        return {i: m.field for i, m in enumerate(self.matches)}

    def columns(self, mapping: Mapping[int, str | None] | None = None) -> tuple[list[Column], list[Problem]]:
        """Columns with the guessed fields, overridden by `mapping` (index → field or None; a field given to one
        column is taken from any other). Private columns are never mapped; a sheet problem says why."""
        width = max(len(self.headers), max(mapping, default=-1) + 1 if mapping else 0)
        fields = {i: m.field for i, m in enumerate(self.matches)}
        problems: list[Problem] = []
        for index, wanted in (mapping or {}).items():
            if wanted is not None and wanted not in FIELDS:
                raise ValueError(f"unknown field {wanted!r}; fields are: {', '.join(FIELDS)}")
            if wanted is not None:
                fields = {i: (None if f == wanted else f) for i, f in fields.items()}
            fields[index] = wanted
        columns = []
        for i in range(width):
            header = self.headers[i] if i < len(self.headers) else ""
            m = self.matches[i] if i < len(self.matches) else match_header(header)
            f = fields.get(i)
            if m.private and f is not None:
                private = "this column holds private information that EquityDesk does not keep, so it is never imported"
                problems.append(Problem(0, column_letter(i), header, None, private, Severity.WARNING))
                f = None
            guessed = f is not None and f == m.field and not m.exact
            columns.append(Column(i, column_letter(i), header, f, m.private, guessed))
        if not any(c.field in NAME_FIELDS for c in columns):
            nameless = "no column holds names; choose the column with full names, or the first and last name columns"
            problems.append(Problem(0, "", "", None, nameless, Severity.ERROR))
        return columns, problems

    def map(
        self,
        mapping: Mapping[int, str | None] | None = None,
        *,
        progress: Progress | None = None,
        should_cancel: ShouldCancel | None = None,
    ) -> ParsedRoster:
        """Normalise every data row under the mapping; cheap enough to call again whenever the mapping changes."""
        columns, sheet_problems = self.columns(mapping)
        mapped = [c for c in columns if c.field is not None]
        sheet = self._rows
        start = self.header_row - sheet.first_row + 1
        count = len(sheet) - start
        first = self.header_row + 1
        values: dict[str, Values] = {}
        problems_at: dict[int, list[Problem]] = {}
        for done, column in enumerate(mapped):
            _check(progress, should_cancel, done * 80 // max(len(mapped), 1))
            source = _column(sheet, column.index)
            values[column.field or ""], failures = normalise_column(column.field or "", source, start, count)
            tail = _LEFT_OUT.get(column.field or "", "It was left out.")
            for offset, failed in failures.items():
                message = failed.message if failed.whole else f"{failed.message}. {tail}"
                problem = Problem(first + offset, column.letter, column.header, column.field, message, Severity.WARNING)
                problems_at.setdefault(offset, []).append(problem)
        derive_columns(values)
        by_field = {c.field: c for c in mapped}
        for offset, key, message in cap_lengths(values):
            # A name cut after being split from a full name is reported on the full-name column.
            col = by_field.get(key) or by_field.get("full_name")
            where = (col.letter, col.header) if col else ("", "")
            problems_at.setdefault(offset, []).append(Problem(first + offset, *where, key, message, Severity.WARNING))
        names_mapped = not any(p.is_error for p in sheet_problems)
        for offset, found in row_problems(values, count, names_mapped).items():
            problems_at.setdefault(offset, []).extend(Problem(first + offset, "", "", f, m, s) for f, m, s in found)
        label = next((c.index for c in columns if c.header), 0)
        end = _totals_row(sheet, label, start, count)
        raw = {c.field or "": raw_cells(_column(sheet, c.index), start, count) for c in mapped}
        _check(progress, should_cancel, 90)
        rows = _rows(sheet.blank[start : start + end], first, RowTable(values, raw), problems_at)
        ignored = [c.header or f"Column {c.letter}" for c in columns if c.field is None and (c.header or c.private)]
        return ParsedRoster(
            self.file_name,
            self.sheet,
            self.sheet_names,
            self.header_row,
            columns,
            ignored,
            rows,
            sheet_problems,
            self.layout,
            tuple(n for n in (self.designed_out_note,) if n),
        )


def _rows(
    blank: bytes | bytearray, first: int, table: RowTable, problems_at: dict[int, list[Problem]]
) -> list[ParsedRow]:
    """One ParsedRow per non-blank data row, ending at a run of END_BLANK_RUN blank rows after the first."""
    begin = blank.find(FILLED_ROW)
    if begin < 0:
        return []
    stop = blank.find(BLANK_ROW * END_BLANK_RUN, begin)
    end = stop if stop >= 0 else len(blank)
    offsets: Sequence[int] = range(begin, end)
    if BLANK_ROW in blank[begin:end]:
        offsets = [o for o in offsets if not blank[o]]
    numbers = [first + offset for offset in offsets]
    # 100,000 new objects would set off the garbage collector's full passes over everything the program holds,
    # several times over; none of them can be garbage, so it waits until they are all made.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return list(map(ParsedRow, numbers, repeat(None), repeat(None), map(problems_at.get, offsets),
                        repeat(table), offsets))  # fmt: skip
    finally:
        if collecting:
            gc.enable()


def _check(progress: Progress | None, should_cancel: ShouldCancel | None, percent: int) -> None:
    if should_cancel is not None and should_cancel():
        raise ReadCancelled
    if progress is not None:
        progress(percent)


def _column(sheet: SheetRows, index: int) -> ColumnCells | None:
    return sheet.columns[index] if index < len(sheet.columns) else None


def _totals_row(sheet: SheetRows, label: int, start: int, count: int) -> int:
    """Offset of the first "Total"/"Count:" line under the roster (labelled in the first headed column), or count."""
    column = _column(sheet, label)
    cells = column_slice(column, start, count)
    if column is None or not column.shared:
        return next((i for i, cell in enumerate(cells) if _is_totals(cell)), count)
    # Shared cells: look at each distinct one, then find its first row with index(), in C.
    return min((next(offsets_of(cells, cell), count) for cell in set(cells) if _is_totals(cell)), default=count)


def _is_totals(cell: Cell) -> bool:
    return type(cell) is str and cell[:1] in _TOTALS_START and _TOTALS.fullmatch(cell) is not None


def parse_roster(
    path: Path | str,
    *,
    sheet: str | None = None,
    mapping: Mapping[int, str | None] | None = None,
    header_row: int | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ParsedRoster:
    """Read a roster file and map it in one go; to re-map without re-reading, use RosterSheet.open(...).map()."""
    reading = (lambda p: progress(p * 7 // 10)) if progress else None
    mapping_progress = (lambda p: progress(70 + p * 3 // 10)) if progress else None
    roster = RosterSheet.open(path, sheet=sheet, header_row=header_row, progress=reading, should_cancel=should_cancel)
    result = roster.map(mapping, progress=mapping_progress, should_cancel=should_cancel)
    if progress is not None:
        progress(100)
    return result
