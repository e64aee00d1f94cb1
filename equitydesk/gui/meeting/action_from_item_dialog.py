"""Hand out an action item right from an agenda item: a title, an owner (a member or anyone typed), a due date."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from equitydesk.gui.dialogs.field_errors import FieldErrors
from equitydesk.gui.jobs import user_message
from equitydesk.gui.workspace import Change
from equitydesk.services.errors import DomainError

if TYPE_CHECKING:
    from equitydesk.gui.workspace import Workspace


class ActionFromItemDialog(QDialog):
    """The new action item is linked to the agenda item, its meeting and its committee by the service."""

    saved = Signal(int)  # the action item's id

    def __init__(self, workspace: Workspace, *, agenda_item_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.agenda_item_id = agenda_item_id
        self.action_id: int | None = None
        services = workspace.services
        item = services.agenda.get(agenda_item_id)
        self.setWindowTitle("Action item from this agenda item")
        self.item_label = QLabel(f"From agenda item {item.position}. {item.title}")
        self.item_label.setWordWrap(True)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("What is to be done")
        self.owner_combo = QComboBox()
        self.owner_combo.setEditable(True)
        self.owner_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.owner_combo.lineEdit().setPlaceholderText("Choose a member, or type anyone (e.g. District office)")
        self.owner_combo.addItem("", None)
        for attendee in services.attendance.sheet(item.meeting_id).attendees:
            if attendee.role is not None:
                self.owner_combo.addItem(attendee.name, attendee.person_id)
        today = services.ctx.today()
        self.due_edit = QDateEdit(QDate(today.year, today.month, today.day).addDays(14))
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("MMMM d, yyyy")
        self.due_edit.setAccessibleName("Due date")
        self.no_due = QCheckBox("No due date")
        self.no_due.toggled.connect(lambda on: self.due_edit.setEnabled(not on))
        due_row = QHBoxLayout()
        due_row.addWidget(self.due_edit)
        due_row.addWidget(self.no_due)
        due_row.addStretch(1)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Action", self.title_edit)
        form.addRow("&Owner", self.owner_combo)
        form.addRow("Due", due_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.item_label)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.errors = FieldErrors(
            self.error_label,
            {"title": self.title_edit, "owner_text": self.owner_combo, "owner_person_id": self.owner_combo,
             "due_on": self.due_edit},
        )  # fmt: skip
        self.resize(480, 220)

    def values(self) -> dict[str, Any]:
        text = " ".join(self.owner_combo.currentText().split())
        owner_id = None
        for i in range(self.owner_combo.count()):
            if text and self.owner_combo.itemText(i).casefold() == text.casefold():
                owner_id = self.owner_combo.itemData(i)
        return {
            "title": self.title_edit.text(),
            "owner_person_id": owner_id,
            "owner_text": None if owner_id is not None else (text or None),
            "due_on": None if self.no_due.isChecked() else self.due_edit.date().toPython(),
        }

    @property
    def saving(self) -> bool:
        return not self.buttons.isEnabled()

    def accept(self) -> None:
        if self.saving:
            return
        self.errors.clear()
        values, item_id = self.values(), self.agenda_item_id

        def done(record: Any) -> None:
            self.action_id = int(record.id)
            self.saved.emit(self.action_id)
            super(ActionFromItemDialog, self).accept()

        def failed(error: BaseException) -> None:
            self.errors.show(error if isinstance(error, DomainError) else DomainError(user_message(error)))

        self.buttons.setEnabled(False)
        op = self.workspace.undoable(  # undo deletes the new action; redo puts it back under its id
            self,
            f"Add action “{' '.join(str(values.get('title') or '').split())}”",
            do=lambda s: s.minutes.create_action(agenda_item_id=item_id, **values),
            undo=lambda s, record: s.minutes.take_back_action(action_id=record.id),
            redo=lambda s, row: s.actions.reinsert(row=row),
            changes=(Change.ACTIONS, Change.MEETINGS),
        )
        op.success(done).failure(failed).finally_(lambda: self.buttons.setEnabled(True)).run()

    def reject(self) -> None:
        if not self.saving:
            super().reject()
