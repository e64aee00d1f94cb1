"""The progress log of the selected action item: dated notes, status and due-date changes, and Add note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QTableWidgetItem, QToolButton, QVBoxLayout, QWidget

from equitydesk.gui.commands import CommandId, CommandRegistry
from equitydesk.gui.display import format_value
from equitydesk.gui.widgets.side_table import side_table

if TYPE_CHECKING:
    from equitydesk.services.records import ActionUpdateRecord
    from equitydesk.services.registry import Services


def describe(update: ActionUpdateRecord) -> str:
    """ "In progress → Done; due Nov 30, 2025 → Dec 5, 2025": what changed, in the list's words."""
    parts = []
    if update.status_to is not None:
        parts.append(f"{format_value(update.status_from) or 'New'} → {format_value(update.status_to)}")
    if update.due_from is not None or update.due_to is not None:
        parts.append(f"due {format_value(update.due_from) or 'none'} → {format_value(update.due_to) or 'none'}")
    return "; ".join(parts)


class ActionLogPanel(QWidget):
    def __init__(self, commands: CommandRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services: Services | None = None
        self.heading = QLabel("Select an action item to see its progress.")
        self.heading.setObjectName("logHeading")
        self.table = side_table(("Date", "Change", "Note", "By"), (110, 220, 420, 110))
        self.table.setObjectName("logTable")
        self.table.setWordWrap(True)
        add = QToolButton()
        add.setDefaultAction(commands[CommandId.ACTION_NOTE])
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table)

    @property
    def row_count(self) -> int:
        return self.table.rowCount()

    def show_item(self, action_id: int | None, title: str = "") -> None:
        updates = self.services.actions.updates(action_id) if self.services is not None and action_id else []
        self.heading.setText(f"Progress of “{title}”" if action_id else "Select an action item to see its progress.")
        self.table.setRowCount(len(updates))
        for row, update in enumerate(reversed(updates)):  # newest first: the latest word is what a chair wants
            for column, text in enumerate((format_value(update.on), describe(update), update.note or "",
                                           update.author or "")):  # fmt: skip
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
