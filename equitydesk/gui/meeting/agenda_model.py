"""The agenda as a table: its items in order with their times, and a view that reorders them by drag or keyboard."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView

from equitydesk.domain.agenda_times import clock

if TYPE_CHECKING:
    from equitydesk.services.agenda import AgendaLine

Index = QModelIndex | QPersistentModelIndex
MIME = "application/x-equitydesk-agenda-item"
COLUMNS = ("Time", "Item", "Kind", "Presenter", "Length", "Strategy", "Notes")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
GREY = QColor("#6b6b6b")


def notes_of(line: AgendaLine) -> str:
    """The item's flags in words (never colour alone): closed session, carried forward, reached or not."""
    item = line.item
    notes = []
    if item.confidential:
        notes.append("Closed session")
    if line.carried_from:
        notes.append("Carried forward")
    if item.reached is False:
        notes.append("Not reached")
    return " · ".join(notes)


class AgendaTableModel(QAbstractTableModel):
    """Holds the lines of one AgendaPlan; the tab reads the plan again after every write."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.lines: list[AgendaLine] = []

    def set_lines(self, lines: list[AgendaLine]) -> None:
        self.beginResetModel()
        self.lines = list(lines)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def id_at(self, row: int) -> int | None:
        return self.lines[row].item.id if 0 <= row < len(self.lines) else None

    def row_of(self, item_id: int) -> int:
        return next((r for r, line in enumerate(self.lines) if line.item.id == item_id), -1)

    def text(self, row: int, column: int) -> str:
        line = self.lines[row]
        item = line.item
        if column == 0:
            return clock(line.starts_at)
        if column == 1:
            return f"{item.position}. {item.title}"
        if column == 2:
            return item.kind.label
        if column == 3:
            return line.presenter_name or ""
        if column == 4:
            return "" if item.minutes_allotted is None else f"{item.minutes_allotted} min"
        if column == 5:
            return line.strategy_label or ""
        return notes_of(line)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.lines):
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            line = self.lines[row]
            if column == 6 and line.carried_from:
                return f"Not reached at the {line.carried_from}; carried forward to this meeting."
            if column == 1 and line.item.description:
                return line.item.description
            return ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            align = Qt.AlignmentFlag.AlignRight if column in (0, 4) else Qt.AlignmentFlag.AlignLeft
            return int(align | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self.lines[row].item.reached is False:
            return GREY
        if role == ID_ROLE:
            return self.lines[row].item.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Any) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            item_id = self.id_at(rows[0])
            data.setData(MIME, str(item_id).encode("ascii"))
        return data


class AgendaTable(QTableView):
    """Reordering asks, it does not move rows itself: `move_requested(item id, new index)` goes to the service,
    and the table shows the agenda as read back (drop between rows, or Ctrl+Up / Ctrl+Down on the selected item)."""

    move_requested = Signal(int, int)
    step_requested = Signal(int)  # -1 up, +1 down: the selected item

    def __init__(self, model: AgendaTableModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.agenda = model
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()

    def drop_index(self, y: int) -> int:
        """The row a drop at height y inserts before (the row count: at the end)."""
        row = self.rowAt(y)
        if row < 0:
            return self.agenda.rowCount()
        rect = self.visualRect(self.agenda.index(row, 0))
        return row + 1 if y > rect.center().y() else row

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(MIME):
            super().dragMoveEvent(event)
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        raw = bytes(event.mimeData().data(MIME).data()).decode("ascii", "replace")
        if not raw.isdigit():
            event.ignore()
            return
        item_id = int(raw)
        before = self.drop_index(int(event.position().y()))
        source = self.agenda.row_of(item_id)
        # The service takes the index in the agenda without the item: rows below it move up one.
        index = before - 1 if 0 <= source < before else before
        # No rows are moved or removed by Qt: the agenda is read back from the database after the move.
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if source >= 0 and index != source:
            self.move_requested.emit(item_id, index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() == Qt.KeyboardModifier.ControlModifier and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.step_requested.emit(-1 if event.key() == Qt.Key.Key_Up else 1)
            event.accept()
            return
        super().keyPressEvent(event)
