"""Column widths that follow the table's width: the key column stays readable, the others give way first."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

DEFAULT_WIDTH = 130
HEADER_PADDING = 34  # room for the sort arrow and the section's margins, so no header label is cut
SHRINK_TO = 0.6  # in a narrow window a column gives way down to this share of its wanted width


@dataclass(frozen=True)
class ColumnRules:
    """How a list's columns share its width (the ListPage class attributes of the same names)."""

    widths: Mapping[str, int]  # the widths wanted; in a narrow window they give way
    fixed: tuple[str, ...] = ()  # short values read whole (dates, phones): they never give way
    stretch: str | None = None  # takes the width left over; None: the last column shown does
    key: str | None = None  # the column a row is read by (None: the stretch column) keeps …
    key_minimum: int = 200  # … this width while the others give way; below that the table scrolls sideways


class ColumnFitter(QObject):
    """Sizes a table's columns whenever its viewport changes width, or the user drags a column's edge.

    A column the user has sized keeps that width (the others make room for it); the stretch column cannot be
    dragged, since its width is whatever is left over.
    """

    def __init__(self, table: QTableView, rules: ColumnRules, keys: Callable[[], list[str]]) -> None:
        super().__init__(table)
        self.table = table
        self.rules = rules
        self.keys = keys
        self.user_widths: dict[str, int] = {}
        self._fitting = False  # True while the fitter itself sizes the columns
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.sectionResized.connect(self._section_resized)
        # Kept, not asked of the table each time: events still arrive while the table is being destroyed.
        self._viewport = table.viewport()
        self._viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self._viewport:
            self.fit()
        return False

    def stretch_key(self) -> str | None:
        header = self.table.horizontalHeader()
        shown = [k for c, k in enumerate(self.keys()) if not header.isSectionHidden(c)]
        return self.rules.stretch if self.rules.stretch in shown else (shown[-1] if shown else None)

    def refit(self) -> None:
        """After columns were shown or hidden: which one stretches may have changed."""
        header = self.table.horizontalHeader()
        stretch = self.stretch_key()
        for column, key in enumerate(self.keys()):
            mode = QHeaderView.ResizeMode.Fixed if key == stretch else QHeaderView.ResizeMode.Interactive
            header.setSectionResizeMode(column, mode)
        self.fit()

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        model = self.table.model()
        shown = [(c, k) for c, k in enumerate(self.keys()) if not header.isSectionHidden(c)]
        if not shown:
            return
        rules, stretch = self.rules, self.stretch_key()
        key = rules.key or stretch
        metrics = header.fontMetrics()
        wanted: dict[str, int] = {}
        floor: dict[str, int] = {}
        for column, name in shown:
            label = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            need = metrics.horizontalAdvance(label) + HEADER_PADDING  # no heading is ever cut
            if name in self.user_widths:
                wanted[name] = floor[name] = max(self.user_widths[name], need)
                continue
            wanted[name] = max(rules.widths.get(name, DEFAULT_WIDTH), need)
            floor[name] = wanted[name] if name in rules.fixed else max(need, round(wanted[name] * SHRINK_TO))
            if name == key:
                floor[name] = max(need, rules.key_minimum)
                wanted[name] = max(wanted[name], floor[name])
        if stretch is not None and stretch not in rules.widths and stretch not in self.user_widths:
            wanted[stretch] = floor[stretch]  # a stretch column without a wanted width wants only the rest
        widths = share_width(wanted, floor, self._viewport.width(), stretch=stretch, key=key)
        self._fitting = True
        try:
            for column, name in shown:
                if header.sectionSize(column) != widths[name]:
                    header.resizeSection(column, widths[name])
        finally:
            self._fitting = False

    def _section_resized(self, column: int, _old: int, new: int) -> None:
        keys = self.keys()
        if self._fitting or not 0 <= column < len(keys):
            return
        self.user_widths[keys[column]] = new  # the user's width stays; the others make room for it
        QTimer.singleShot(0, self.fit)  # not while Qt is still handling the drag


def share_width(
    wanted: dict[str, int], floor: dict[str, int], available: int, *, stretch: str | None, key: str | None
) -> dict[str, int]:
    """Column widths for `available` pixels: the wanted widths with the rest to the stretch column; when they do
    not fit, every column but the key one gives way in proportion to its room above its floor, then the key
    column down to its own floor; below the floors the widths stay there (the table scrolls sideways).
    """
    widths = dict(wanted)
    excess = sum(widths.values()) - available
    if excess <= 0:
        if stretch is not None:
            widths[stretch] += -excess
        return widths
    for group in ([n for n in widths if n != key], [key] if key in widths else []):
        slack = {n: widths[n] - floor[n] for n in group if widths[n] > floor[n]}
        total = sum(slack.values())
        if not total:
            continue
        give = min(excess, total)
        taken = 0
        for n, room in slack.items():
            cut = give * room // total
            widths[n] -= cut
            taken += cut
        for n in slack:  # what integer division left over, a pixel at a time
            if taken >= give:
                break
            if widths[n] > floor[n]:
                widths[n] -= 1
                taken += 1
        excess -= taken
        if excess <= 0:
            break
    return widths
