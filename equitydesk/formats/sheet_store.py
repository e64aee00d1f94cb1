"""A sheet's cells kept by column, equal cells shared, so that mapping works per distinct cell and is quick."""

from __future__ import annotations

import operator
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, repeat
from typing import overload

from equitydesk.domain.normalize import Cell

BLANK_ROW, FILLED_ROW = b"\x01", b"\x00"
_PLAIN_AFTER = 2048  # rows seen before a column that is mostly distinct cells stops sharing them


class ColumnCells:
    """One column's cells. While the column repeats itself, equal cells are one shared object ("Parent", "Yes",
    9/1/2025 down 100,000 rows), so the sheet stays small and every later step can work per distinct cell.

    Sharing happens as each chunk is read, while its cells are still in the processor's cache: one dictionary
    lookup per cell. A column that is mostly distinct cells (e-mail addresses) stops sharing after a while.
    """

    __slots__ = ("_distinct", "cells")

    def __init__(self, blank_rows: int = 0) -> None:
        self.cells: list[Cell] = []
        self._distinct: dict[Cell, Cell] | None = {}
        if blank_rows:
            self.extend(("",) * blank_rows)

    @property
    def shared(self) -> bool:
        """Whether equal cells are one object, so that a lookup per distinct cell serves every row."""
        return self._distinct is not None

    def extend(self, cells: Sequence[Cell]) -> None:
        distinct = self._distinct
        if distinct is None:
            self.cells.extend(cells)
            return
        done = len(self.cells)
        self.cells.extend(map(distinct.setdefault, cells, cells))
        if (True in distinct or False in distinct) and bool in set(map(type, cells)):
            # True == 1.0 as dictionary keys: a column holding TRUE cells keeps every cell as it came, so a 1 stays 1.
            del self.cells[done:]
            self.cells.extend(cells)
            self._distinct = None
        elif len(self.cells) >= _PLAIN_AFTER and len(distinct) * 2 > len(self.cells):
            self._distinct = None

    def keep(self, start: int, stop: int) -> None:
        """Keep cells start to stop only."""
        del self.cells[stop:]
        del self.cells[:start]


@dataclass(slots=True)
class SheetRows:
    """A sheet as read: row i is spreadsheet row first_row + i; column 0 is column A; every row as wide as the sheet.

    Cells are what python-calamine gives: '' for an empty cell, str, float (integral numbers too), bool, date,
    datetime, time, timedelta; CSV cells are str. Empty rows before the first and after the last are dropped.
    """

    name: str
    first_row: int
    columns: list[ColumnCells]
    blank: bytearray = field(default_factory=bytearray)  # BLANK_ROW for a row with nothing in it
    complete: bool = True

    def __len__(self) -> int:
        return len(self.blank)

    def row(self, index: int) -> list[Cell]:
        return [column.cells[index] for column in self.columns]

    @property
    def rows(self) -> RowsView:
        """The rows as a sequence of lists, each built when asked for: rows[:15] of 100,000 costs 15 rows."""
        return RowsView(self, range(len(self)))

    def drop_column(self, index: int, *, keep_row: int) -> None:
        """Forget every cell of a column but the one in row `keep_row` (its heading), and mark rows it leaves empty.

        For columns that must never be held: once this returns, nothing of their values is left to map, preview,
        plan or write, whichever heading row or mapping is chosen later.
        """
        if index >= len(self.columns):
            return
        old = self.columns[index].cells
        kept = ColumnCells()
        kept.cells = [""] * len(old)
        if 0 <= keep_row < len(old):
            kept.cells[keep_row] = old[keep_row]
        self.columns[index] = kept
        for i, cell in enumerate(old):
            if cell != "" and i != keep_row and all(c.cells[i] == "" for c in self.columns):
                self.blank[i : i + 1] = BLANK_ROW
        old.clear()


class RowsView(Sequence[list[Cell]]):
    """Rows of a SheetRows, built on demand; slicing gives another view, so nothing is built until it is read."""

    __slots__ = ("_indexes", "_sheet")

    def __init__(self, sheet: SheetRows, indexes: range) -> None:
        self._sheet, self._indexes = sheet, indexes

    def __len__(self) -> int:
        return len(self._indexes)

    @overload
    def __getitem__(self, index: int) -> list[Cell]: ...
    @overload
    def __getitem__(self, index: slice) -> RowsView: ...
    def __getitem__(self, index: int | slice) -> list[Cell] | RowsView:
        if isinstance(index, slice):
            return RowsView(self._sheet, self._indexes[index])
        return self._sheet.row(self._indexes[index])

    def __iter__(self) -> Iterator[list[Cell]]:
        return map(self._sheet.row, self._indexes)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"RowsView({list(self)!r})" if len(self) <= 5 else f"RowsView(<{len(self)} rows>)"


class Collector:
    """Builds SheetRows from chunks of row lists, column by column, so that each chunk's lists can be freed."""

    def __init__(self, name: str, first_row: int, first_col: int) -> None:
        self.sheet = SheetRows(name, first_row, [ColumnCells() for _ in range(first_col)])
        self._first_col = first_col

    def add(self, chunk: list[list[Cell]]) -> None:
        columns, done, rows = self.sheet.columns, len(self.sheet), len(chunk)
        width = max(map(len, chunk))
        while len(columns) < self._first_col + width:
            columns.append(ColumnCells(blank_rows=done))
        if min(map(len, chunk)) != width:  # CSV lines may stop early
            chunk = [row + [""] * (width - len(row)) if len(row) < width else row for row in chunk]
        cells = list(chain.from_iterable(chunk))
        for j, column in enumerate(columns):
            j -= self._first_col
            # One flat list and a slice per column: all of it in C.
            column.extend(cells[j::width] if 0 <= j < width else ("",) * rows)
        self.sheet.blank.extend(map(operator.eq, map(list.count, chunk, repeat("")), map(len, chunk)))

    def blank_run_at(self, length: int) -> int:
        """Where the first run of `length` blank rows starts, or -1."""
        return self.sheet.blank.find(BLANK_ROW * length)

    def trailing_blanks(self) -> int:
        blank = self.sheet.blank
        return len(blank) - len(blank.rstrip(BLANK_ROW))

    def finish(self, stop: int | None = None) -> SheetRows:
        """The sheet up to row `stop`, without empty rows before the first row or after the last."""
        sheet = self.sheet
        blank = sheet.blank[:stop] if stop is not None else sheet.blank
        start = len(blank) - len(blank.lstrip(BLANK_ROW))
        end = max(len(blank.rstrip(BLANK_ROW)), start)
        for column in sheet.columns:
            column.keep(start, end)
        sheet.blank = bytearray(blank[start:end])
        sheet.first_row += start
        return sheet


def column_slice(column: ColumnCells | None, start: int, rows: int) -> list[Cell]:
    """Cells start to start + rows of a column; a column past the sheet's width is empty."""
    return column.cells[start : start + rows] if column is not None else [""] * rows
