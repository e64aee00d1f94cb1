"""A long table laid out a page at a time, its header row repeated on every page.

reportlab's own `Table`/`LongTable` measure every row each time a page is split, so a 20,000-row table costs far
more than linear (21 s as one LongTable, measured). This flowable only ever builds the rows one page can hold.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.platypus import Flowable, Table, TableStyle

Commands = Callable[[int], list[tuple[Any, ...]]]


class PagedTable(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """Rows under a header; `commands(n)` gives the style of a piece with n body rows (the header is row 0).

    `min_row_height` is the least a body row can be (one line plus padding): it bounds how many rows a page needs.
    """

    def __init__(
        self,
        header: Sequence[Any],
        rows: Sequence[Sequence[Any]],
        *,
        col_widths: Sequence[float],
        commands: Commands,
        min_row_height: float,
    ) -> None:
        super().__init__()
        self.header = list(header)
        self.rows = rows
        self.col_widths = list(col_widths)
        self.commands = commands
        self.min_row_height = max(1.0, min_row_height)
        self._table: Table | None = None
        self._count = 0

    def _piece(self, count: int) -> Table:
        table = Table([self.header, *self.rows[:count]], colWidths=self.col_widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(self.commands(count)))
        return table

    def _guess(self, height: float) -> int:
        return min(len(self.rows), int(height // self.min_row_height) + 1)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        count = self._guess(avail_height)
        if self._table is None or count != self._count:
            self._table, self._count = self._piece(count), count
        width, height = self._table.wrap(avail_width, avail_height)
        if count < len(self.rows):
            height = max(height, avail_height + 1)  # more rows follow than this page can hold: ask to be split
        self.width, self.height = width, height
        return width, height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        count = self._guess(avail_height)
        table = self._piece(count)
        table.wrap(avail_width, avail_height)
        pieces = table.split(avail_width, avail_height)
        if not pieces:
            return []
        first = len(pieces[0]._cellvalues) - 1
        if first <= 0:
            return []  # not even one row fits under the header: the whole table moves to the next page
        head: Flowable = pieces[0]  # already laid out: it fits this page
        rest = PagedTable(self.header, self.rows[first:], col_widths=self.col_widths, commands=self.commands,
                          min_row_height=self.min_row_height)  # fmt: skip
        return [head, rest] if first < len(self.rows) else [head]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        assert self._table is not None
        self._table.drawOn(canvas, x, y, _sW)
