"""A long table laid out a page at a time, its header row repeated on every page.

reportlab's own `Table`/`LongTable` measure every row each time a page is split, so a 20,000-row table costs far
more than linear (21 s as one LongTable, measured). This flowable measures each row once (a plain string by its
lines, a Paragraph by wrapping it), decides itself how many rows fit on a page, and hands reportlab a table of
exactly those rows with their heights given, so the rows are not measured again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable, Table, TableStyle

# commands(start, count): the style of a piece holding body rows start … start + count - 1 (header is its row 0).
Commands = Callable[[int, int], list[tuple[Any, ...]]]


@dataclass(frozen=True, slots=True)
class RowGeometry:
    """What every body row shares: line height and padding (the same as the table style's commands say)."""

    leading: float
    top: float
    bottom: float
    side: float  # left plus right padding
    header_top: float
    header_bottom: float


@dataclass(frozen=True, slots=True)
class Rules:
    """The header fill, zebra stripes and row rules, drawn in one go: as table style commands they were half the
    cost of laying out the packet's tables (a command per striped row, a line per cell)."""

    header_fill: Any
    header_rule: tuple[float, Any]
    row_rule: tuple[float, Any]
    stripe_fill: Any | None = None


class PagedTable(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """Rows under a header; `commands(start, n)` gives the style of a piece of n body rows from row `start`."""

    def __init__(
        self,
        header: Sequence[Any],
        rows: Sequence[Sequence[Any]],
        *,
        col_widths: Sequence[float],
        commands: Commands,
        geometry: RowGeometry,
        heights: list[float] | None = None,
        header_height: float | None = None,
        offset: int = 0,
        rules: Rules | None = None,
    ) -> None:
        super().__init__()
        self.offset = offset
        self.rules = rules
        self.header = list(header)
        self.rows = rows
        self.col_widths = list(col_widths)
        self.commands = commands
        self.geometry = geometry
        self._heights = heights if heights is not None else [self._row_height(row) for row in rows]
        g = geometry
        self._header_height = (
            header_height
            if header_height is not None
            else self._cells_height(self.header, g.header_top + g.header_bottom)
        )
        self._table: Table | None = None

    def _cells_height(self, cells: Sequence[Any], padding: float) -> float:
        tallest = 0.0
        for cell, width in zip(cells, self.col_widths, strict=True):
            if isinstance(cell, str):
                height = (cell.count("\n") + 1) * self.geometry.leading if cell else 0.0
            else:
                _, height = cell.wrap(width - self.geometry.side, 1e6)
            tallest = max(tallest, height)
        return tallest + padding

    def _row_height(self, row: Sequence[Any]) -> float:
        return self._cells_height(row, self.geometry.top + self.geometry.bottom)

    def _fitting(self, avail_height: float) -> int:
        room = avail_height - self._header_height
        count = 0
        for height in self._heights:
            room -= height
            if room < 0:
                break
            count += 1
        return count

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = sum(self.col_widths)
        self.height = self._header_height + sum(self._heights)
        if self._fitting(avail_height) < len(self.rows):
            self.height = max(self.height, avail_height + 1)  # more rows than this page holds: ask to be split
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        count = self._fitting(avail_height)
        if count >= len(self.rows):
            return [self]
        if count == 0:
            return []  # not one row fits under the header here: the table starts on the next page
        return [self._part(0, count), self._part(count, len(self.rows))]

    def _part(self, start: int, end: int) -> PagedTable:
        return PagedTable(self.header, self.rows[start:end], col_widths=self.col_widths, commands=self.commands,
                          geometry=self.geometry, heights=self._heights[start:end],
                          header_height=self._header_height, offset=self.offset + start,
                          rules=self.rules)  # fmt: skip

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        heights = [self._header_height, *self._heights]
        table = Table([self.header, *self.rows], colWidths=self.col_widths, rowHeights=heights, hAlign="LEFT")
        table.setStyle(TableStyle(self.commands(self.offset, len(self.rows))))
        table.wrap(self.width, self.height)
        bottom = y + self.height - table._height
        if self.rules is not None:
            self._draw_rules(canvas, x, bottom + table._height, heights)
        table.drawOn(canvas, x, bottom, _sW)

    def _draw_rules(self, canvas: Any, x: float, top: float, heights: list[float]) -> None:
        assert self.rules is not None
        rules, width = self.rules, self.width
        canvas.saveState()
        canvas.setFillColor(rules.header_fill)
        canvas.rect(x, top - heights[0], width, heights[0], stroke=0, fill=1)
        y = top - heights[0]
        lines = []
        for index, height in enumerate(heights[1:], start=1):
            if rules.stripe_fill is not None and index % 2 == 0:
                canvas.setFillColor(rules.stripe_fill)
                canvas.rect(x, y - height, width, height, stroke=0, fill=1)
            y -= height
            lines.append(y)
        path = canvas.beginPath()
        for line_y in lines:
            path.moveTo(x, line_y)
            path.lineTo(x + width, line_y)
        canvas.setLineWidth(rules.row_rule[0])
        canvas.setStrokeColor(rules.row_rule[1])
        canvas.drawPath(path, stroke=1, fill=0)
        canvas.setLineWidth(rules.header_rule[0])
        canvas.setStrokeColor(rules.header_rule[1])
        canvas.line(x, top - heights[0], x + width, top - heights[0])
        canvas.restoreState()
