"""A table model over any EntityService: ids sorted and filtered in SQL, display rows fetched by id in blocks."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from equitydesk.gui.display import format_value, tone_of

if TYPE_CHECKING:
    from equitydesk.services.crud import EntityService, ListQuery

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
TOOLTIP_FROM = 40  # cells longer than this are likely cut off by the column, so hovering shows them whole
ID_ROLE = Qt.ItemDataRole.UserRole + 1

# tone(key, value, row) -> a colour name for the cell's text, or None; pages may add rules (overdue dates).
Tone = Callable[[str, Any, Mapping[str, Any]], str | None]


def default_tone(_key: str, value: Any, _row: Mapping[str, Any]) -> str | None:
    return tone_of(value)


class LazyTableModel(QAbstractTableModel):
    """Rows are ids from `service.list_ids`; cells come from `service.fetch_rows`, a block at a time, LRU-cached.

    Sorting and filtering re-run the SQL query (no QSortFilterProxyModel: see DESIGN.md, it is unusable at 100k).
    """

    count_changed = Signal(int)

    def __init__(
        self,
        service: EntityService[Any] | None = None,
        *,
        columns: Sequence[str] | None = None,
        block_size: int = 200,
        cache_blocks: int = 16,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._wanted = list(columns) if columns is not None else None
        self._block_size = block_size
        self._cache_blocks = cache_blocks
        self._service: EntityService[Any] | None = None
        self._keys: list[str] = []
        self._labels: list[str] = []
        self._ids: list[int] = []
        self._row_by_id: dict[int, int] | None = None  # built by the first row_of after the ids change
        self._blocks: OrderedDict[int, dict[int, dict[str, Any]]] = OrderedDict()
        self._text = ""
        self._filters: dict[str, Any] = {}
        self._sort: str | None = None
        self._descending = False
        self._include_archived = False
        self.tone: Tone = default_tone
        self._colors: dict[str, QColor] = {}
        self.fetches = 0  # how many blocks were read from the database (tests check the laziness with it)
        if service is not None:
            self.set_service(service)

    # --- what is shown -------------------------------------------------------------------------------------

    @property
    def service(self) -> EntityService[Any] | None:
        return self._service

    @property
    def keys(self) -> list[str]:
        return list(self._keys)

    def column_of(self, key: str) -> int:
        return self._keys.index(key) if key in self._keys else -1

    def set_service(self, service: EntityService[Any] | None) -> None:
        """Show another service's rows (a different database): columns are rebuilt, the query is kept."""
        self.beginResetModel()
        self._service = service
        columns = service.columns() if service is not None else {}
        keys = [k for k in self._wanted if k in columns] if self._wanted is not None else list(columns)
        self._keys = keys
        self._labels = [columns[k].label for k in keys]
        self._set_ids(self._query_ids())
        self._blocks.clear()
        self.endResetModel()
        self.count_changed.emit(len(self._ids))

    def query(self) -> ListQuery:
        from equitydesk.services.crud import ListQuery  # late: SQLAlchemy is not needed to show the window

        return ListQuery(
            text=self._text,
            filters=dict(self._filters),
            sort=self._sort,
            descending=self._descending,
            include_archived=self._include_archived,
        )

    def set_include_archived(self, include: bool) -> None:
        """List archived rows too (the roster's Show archived)."""
        if include != self._include_archived:
            self._include_archived = include
            self.refresh()

    def set_text_filter(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.refresh()

    def set_filters(self, filters: Mapping[str, Any]) -> None:
        cleaned = {k: v for k, v in filters.items() if v is not None and v != "" and v is not False}
        if cleaned != self._filters:
            self._filters = cleaned
            self.refresh()

    def set_filter(self, name: str, value: Any) -> None:
        self.set_filters({**self._filters, name: value})

    @property
    def filters(self) -> dict[str, Any]:
        return dict(self._filters)

    @property
    def sort_key(self) -> str | None:
        return self._sort

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not self._keys:
            return  # a view asking before any database is open must not undo the page's default sort
        key = self._keys[column] if 0 <= column < len(self._keys) else None
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self._sort, self._descending):
            self._sort, self._descending = key, descending
            self.refresh()

    def set_sort_key(self, key: str | None, *, descending: bool = False) -> None:
        """Sort by a column key before any view asks (the view's header then follows the model)."""
        self._sort, self._descending = key, descending

    def refresh(self) -> None:
        """Re-run the query: after an edit, a filter change or a sort. Cached rows are dropped."""
        self.beginResetModel()
        self._set_ids(self._query_ids())
        self._blocks.clear()
        self.endResetModel()
        self.count_changed.emit(len(self._ids))

    def _query_ids(self) -> list[int]:
        if self._service is None:
            return []
        return self._service.list_ids(self.query())

    def _set_ids(self, ids: list[int]) -> None:
        self._ids = ids
        self._row_by_id = None

    # --- rows by id ----------------------------------------------------------------------------------------

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, entity_id: int) -> int:
        """The row showing this id, or -1. Pages ask on every selection change: a dict, not a scan of 100k ids.

        The dict is built on first use after a sort, filter or refresh (≈7 ms for 100k ids), not by the refresh
        itself, so that typing in the search field does not pay for it on every keystroke.
        """
        if self._row_by_id is None:
            # list_ids gives each id once (ordered by the sort column, then id), so no row is hidden by another.
            self._row_by_id = dict(zip(self._ids, range(len(self._ids)), strict=True))
        return self._row_by_id.get(entity_id, -1)

    def row_values(self, row: int) -> dict[str, Any]:
        """The raw values of one row (enums, dates), keyed by column key; {} outside the table."""
        if not 0 <= row < len(self._ids):
            return {}
        return self._block(row // self._block_size).get(self._ids[row], {})

    def _block(self, number: int) -> dict[int, dict[str, Any]]:
        block = self._blocks.get(number)
        if block is not None:
            self._blocks.move_to_end(number)
            return block
        start = number * self._block_size
        ids = self._ids[start : start + self._block_size]
        assert self._service is not None
        try:
            block = self._service.fetch_rows(ids)
        except Exception:
            # Painting asks again for every cell; one logged failure and blank cells beat a traceback per cell.
            log.exception("Could not read rows %d-%d", start, start + len(ids))
            block = {}
        self.fetches += 1
        self._blocks[number] = block
        while len(self._blocks) > self._cache_blocks:
            self._blocks.popitem(last=False)
        return block

    # --- QAbstractItemModel --------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Unhandled roles fall through to None, the only way PySide6 says "no value"; PySide6 6.12.0 on
        # Python 3.11 leaks a reference to None there, which the pin excludes and test_none_refcount.py catches.
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.ToolTipRole:
            value = self.row_values(index.row()).get(self._keys[index.column()])
            text = format_value(value)
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if len(text) > TOOLTIP_FROM else ""
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            value = self.row_values(index.row()).get(self._keys[index.column()])
            numeric = isinstance(value, int | float) and not isinstance(value, bool)
            return RIGHT if numeric else LEFT
        if role == Qt.ItemDataRole.ForegroundRole:
            row = self.row_values(index.row())
            key = self._keys[index.column()]
            name = self.tone(key, row.get(key), row)
            if name is None:
                return None
            color = self._colors.get(name)
            if color is None:
                color = self._colors[name] = QColor(name)
            return color
        if role == ID_ROLE:
            return self.id_at(index.row())
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return self._labels[section] if 0 <= section < len(self._labels) else None
            return str(section + 1) if 0 <= section < len(self._ids) else None
        if role == Qt.ItemDataRole.TextAlignmentRole and orientation == Qt.Orientation.Horizontal:
            # A header sits over its numbers' side, judged by the first row (columns hold one type).
            first = self.row_values(0).get(self._keys[section]) if self._ids and 0 <= section < len(self._keys) else ""
            return RIGHT if isinstance(first, int | float) and not isinstance(first, bool) else LEFT
        return None
