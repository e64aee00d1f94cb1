"""Approving minutes at a later meeting (which locks them), and recording an amendment to approved minutes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from equitydesk.gui.dialogs.field_errors import FieldErrors
from equitydesk.gui.jobs import user_message
from equitydesk.gui.workspace import Change
from equitydesk.services.errors import DomainError

if TYPE_CHECKING:
    from collections.abc import Callable

    from equitydesk.gui.workspace import Workspace
    from equitydesk.services.registry import Services


class _WriteDialog(QDialog):
    """A small form whose Save is one service call; an error keeps it open with what was typed."""

    saved = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)

    def _save(self, errors: FieldErrors, write: Callable[[Services], Any], *, title: str, **undo: Any) -> None:
        """One service call; given `undo=` it is one step of the Edit menu's undo, named `title`."""
        if not self.buttons.isEnabled():
            return
        errors.clear()

        def done(_result: Any) -> None:
            self.saved.emit()
            QDialog.accept(self)

        def failed(error: BaseException) -> None:
            errors.show(error if isinstance(error, DomainError) else DomainError(user_message(error)))

        self.buttons.setEnabled(False)
        if undo:
            op = self.workspace.undoable(self, title, do=write, changes=(Change.MEETINGS,), **undo)
        else:
            op = self.workspace.op(self, write, changes=(Change.MEETINGS,), title=title)
        op.success(done).failure(failed).finally_(lambda: self.buttons.setEnabled(True)).run()

    def reject(self) -> None:
        if self.buttons.isEnabled():
            super().reject()


class ApproveMinutesDialog(_WriteDialog):
    def __init__(self, workspace: Workspace, *, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.meeting_id = meeting_id
        self.setWindowTitle("Approve minutes")
        state = workspace.services.minutes.state(meeting_id)
        self.meeting_combo = QComboBox()
        for later_id, label in workspace.services.minutes.approval_meetings(meeting_id):
            self.meeting_combo.addItem(label, later_id)
        note = QLabel(
            f"The minutes of “{state.title}” are approved at a later meeting of the committee. Once approved they are "
            "locked: corrections are then recorded as dated amendments."
        )
        note.setWordWrap(True)
        if self.meeting_combo.count() == 0:
            self.error_label.setText("Schedule the committee's next meeting first: minutes are approved there.")
        approve = self.buttons.addButton("&Approve and lock", QDialogButtonBox.ButtonRole.AcceptRole)
        approve.setEnabled(self.meeting_combo.count() > 0)
        self.buttons.accepted.connect(self.accept)
        form = QFormLayout()
        form.addRow("Approved at", self.meeting_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.errors = FieldErrors(self.error_label, {"approved_at_meeting_id": self.meeting_combo})
        self.setMinimumWidth(460)
        if self.meeting_combo.count() == 0:
            self.error_label.show()

    def accept(self) -> None:
        meeting_id, at = self.meeting_id, self.meeting_combo.currentData()
        if at is None:
            return
        self._save(
            self.errors,
            lambda s: s.minutes.approve_returning(meeting_id=meeting_id, approved_at_meeting_id=int(at)),
            title="Approve minutes",
            undo=lambda s, approval: s.minutes.withdraw_approval(approval=approval),  # refused once amended
        )


class AmendmentDialog(_WriteDialog):
    def __init__(self, workspace: Workspace, *, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.meeting_id = meeting_id
        self.setWindowTitle("Record amendment")
        note = QLabel("Approved minutes are not edited: the amendment is kept beside them, dated today.")
        note.setWordWrap(True)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setPlaceholderText("e.g. Item 2: Chue Thao attended remotely, not in person.")
        self.meeting_combo = QComboBox()
        self.meeting_combo.addItem("(not recorded)", None)
        for later_id, label in workspace.services.minutes.approval_meetings(meeting_id):
            self.meeting_combo.addItem(label, later_id)
        self.buttons.addButton("&Record amendment", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        form = QFormLayout()
        form.addRow("&Amendment", self.text_edit)
        form.addRow("Adopted at", self.meeting_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.errors = FieldErrors(
            self.error_label, {"text": self.text_edit, "adopted_at_meeting_id": self.meeting_combo}
        )
        self.resize(480, 260)

    def accept(self) -> None:
        meeting_id, text, at = self.meeting_id, self.text_edit.toPlainText(), self.meeting_combo.currentData()
        self._save(
            self.errors,
            lambda s: s.minutes.record_amendment(meeting_id=meeting_id, text=text, adopted_at_meeting_id=at),
            title="Record amendment",
            undo=lambda s, amendment: s.minutes.withdraw_amendment(amendment_id=amendment.id),
            redo=lambda s, row: s.minutes.restore_amendment(row=row),
        )
