"""Showing a service's DomainError in a dialog: the message under the form, the field it names marked and focused."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from equitydesk.services.errors import DomainError

INVALID_STYLE = "border: 1px solid #b00020;"


class FieldErrors:
    """One error at a time; typed values are never touched, so the user fixes the one field and tries again."""

    def __init__(self, label: QLabel, widgets: Mapping[str, QWidget]) -> None:
        self.label = label
        self.widgets = dict(widgets)
        self.label.hide()
        self._marked: QWidget | None = None

    def show(self, error: DomainError) -> None:
        self.clear()
        self.label.setText(error.message)
        self.label.show()
        widget = self.widgets.get(error.field or "")
        if widget is None:
            return
        self._marked = widget
        widget.setProperty("invalid", True)
        widget.setStyleSheet(INVALID_STYLE)
        widget.setToolTip(error.message)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(widget, QLineEdit):
            widget.selectAll()
        elif isinstance(widget, QComboBox) and widget.isEditable() and widget.lineEdit() is not None:
            widget.lineEdit().selectAll()
        elif isinstance(widget, QPlainTextEdit):
            widget.selectAll()

    def clear(self) -> None:
        self.label.clear()
        self.label.hide()
        if self._marked is not None:
            self._marked.setProperty("invalid", False)
            self._marked.setStyleSheet("")
            self._marked.setToolTip("")
            self._marked = None

    @property
    def field(self) -> str | None:
        """The field currently marked, if any (tests and screen readers ask)."""
        for name, widget in self.widgets.items():
            if widget is self._marked:
                return name
        return None
