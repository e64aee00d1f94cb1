"""A search box that waits until typing pauses before it asks for a new query."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

DEBOUNCE_MS = 150


class SearchField(QLineEdit):
    """Emits `search_changed(text)` once typing has paused for DEBOUNCE_MS; Escape clears it at once."""

    search_changed = Signal(str)

    def __init__(self, placeholder: str = "Search…", parent: QWidget | None = None, *, delay_ms: int = DEBOUNCE_MS):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(220)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._emit)
        self._last = ""
        self.textChanged.connect(lambda _text: self._timer.start())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            self._emit()
            return
        super().keyPressEvent(event)

    def flush(self) -> None:
        """Apply the typed text now instead of after the pause (Enter, or a caller that cannot wait)."""
        self._emit()

    def _emit(self) -> None:
        self._timer.stop()
        text = self.text().strip()
        if text != self._last:
            self._last = text
            self.search_changed.emit(text)
