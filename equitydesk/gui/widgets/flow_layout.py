"""A layout that lines its widgets up like words: what does not fit on a line wraps onto the next one."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget, QWidgetItem


class FlowLayout(QLayout):
    """Filter rows and button rows in narrow windows: each widget keeps the width its text needs, and the row
    wraps instead of cutting a combo's text or pushing the window wider than the screen.

    Items take their size hint (never less than their minimum, never more than their maximum); a line is aligned
    left, or right with `align_right` (command buttons that sit at the end of a title row).
    """

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 6, align_right: bool = False) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._align_right = align_right
        self.setSpacing(spacing)
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    # --- QLayout ---------------------------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def addWidget(self, widget: QWidget, stretch: int = 0) -> None:  # type: ignore[override]
        """As QBoxLayout.addWidget, so pages can add to either; the stretch is ignored, widgets keep their hint."""
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        shown = [self._size(item) for item in self._visible()]
        if not shown:
            return QSize(0, 0)
        width = sum(s.width() for s in shown) + self.spacing() * (len(shown) - 1)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(), max(s.height() for s in shown))

    def minimumSize(self) -> QSize:
        """One item a line: as narrow as the widest item."""
        size = QSize(0, 0)
        for item in self._visible():
            size = size.expandedTo(self._size(item))
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    # --- laying out ------------------------------------------------------------------------------------------

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    @staticmethod
    def _size(item: QLayoutItem) -> QSize:
        return item.sizeHint().expandedTo(item.minimumSize()).boundedTo(item.maximumSize())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items in lines inside rect (or only measure); return the height the lines take."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        gap = self.spacing()
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        used = 0
        for item in self._visible():
            size = self._size(item)
            if lines[-1] and used + gap + size.width() > area.width():
                lines.append([])
                used = 0
            used += (gap if lines[-1] else 0) + size.width()
            lines[-1].append((item, size))
        y = area.y()
        for line in lines:
            if not line:
                continue
            height = max(size.height() for _item, size in line)
            width = sum(size.width() for _item, size in line) + gap * (len(line) - 1)
            x = area.right() + 1 - width if self._align_right else area.x()
            if move:
                for item, size in line:
                    top = y + (height - size.height()) // 2  # centred on the line, as a box layout does
                    item.setGeometry(QRect(QPoint(max(x, area.x()), top), size))
                    x += size.width() + gap
            y += height + gap
        return max(y - gap - area.y(), 0) + margins.top() + margins.bottom()


def flow_container(*, align_right: bool = False) -> tuple[QWidget, FlowLayout]:
    """A widget holding a FlowLayout, for use inside box layouts (it grows taller when its line wraps)."""
    holder = QWidget()
    layout = FlowLayout(holder, align_right=align_right)
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    holder.setSizePolicy(policy)
    return holder, layout
