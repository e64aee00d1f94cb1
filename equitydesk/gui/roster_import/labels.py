"""Small pieces the import pages share: message labels, and raw cells written the way people read them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from equitydesk.gui.display import format_value

ABOVE_FOREGROUND = QColor("#8a8f98")  # rows above the headings, private columns, "(no heading)"


def cell_text(value: Any, limit: int = 60) -> str:
    """A raw cell as a person reads it: integral numbers without .0, dates spelled out, long text cut."""
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, datetime | date | bool):
        text = format_value(value)
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def message_label(text: str = "", *, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


def show_message(label: QLabel, text: str, colour: str | None = None) -> None:
    label.setText(text)
    label.setStyleSheet(f"color: {colour};" if colour else "")
    label.setVisible(bool(text))
