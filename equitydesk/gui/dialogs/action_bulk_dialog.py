"""Changing several action items at once (status, owners, due date) or noting progress on one: one write each."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from equitydesk.domain.enums import ActionStatus
from equitydesk.gui.dialogs.action_dialog import ACTIONS, NEEDS_REASON, DueDate
from equitydesk.gui.dialogs.field_errors import FieldErrors
from equitydesk.gui.display import plural
from equitydesk.gui.jobs import user_message
from equitydesk.gui.widgets.owners_picker import OwnersPicker
from equitydesk.services.errors import DomainError

if TYPE_CHECKING:
    from equitydesk.gui.workspace import Workspace
    from equitydesk.services.actions import BulkResult
    from equitydesk.services.registry import Services

STATUS, OWNERS, DUE, NOTE = "status", "owners", "due", "note"
_VERBS = {
    ActionStatus.OPEN: ("Reopen", ""), ActionStatus.IN_PROGRESS: ("Start", ""), ActionStatus.DROPPED: ("Drop", ""),
    ActionStatus.BLOCKED: ("Mark", " blocked"), ActionStatus.DONE: ("Mark", " done"),
}  # fmt: skip


def items_phrase(count: int) -> str:
    return plural(count, "item")


def status_title(status: ActionStatus, count: int) -> str:
    """What the undo menu will say: "Mark 3 items done", "Reopen 1 item"."""
    verb, tail = _VERBS[status]
    return f"{verb} {items_phrase(count)}{tail}"


def _put_back(s: Services, result: BulkResult) -> BulkResult:
    """Undo of a bulk edit: the items as they were, and the progress-log rows it wrote taken out."""
    return s.actions.restore(result.before, unlog=result.logged)


class ActionBulkDialog(QDialog):
    """One kind of change for the selected items; the write runs through the workspace when Save is pressed."""

    saved = Signal(object)

    def __init__(
        self, workspace: Workspace, ids: Sequence[int], kind: str, *, committee_id: int | None = None,
        status: ActionStatus | None = None, parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("ActionBulkDialog")
        self.workspace, self.ids, self.kind = workspace, list(ids), kind
        self.committee_id = committee_id
        services = workspace.services
        count = items_phrase(len(self.ids))
        form = QFormLayout()
        self.status = QComboBox()
        self.status.setObjectName("statusCombo")
        self.reason = QLineEdit()
        self.reason.setObjectName("reasonEdit")
        self.note = QPlainTextEdit() if kind == NOTE else QLineEdit()
        self.note.setObjectName("noteEdit")
        self.owners: OwnersPicker | None = None
        self.due: DueDate | None = None
        if kind == STATUS:
            self.setWindowTitle(f"Set the status of {count}")
            for value, label in ActionStatus.choices():
                self.status.addItem(label, value)
            if status is not None:
                self.status.setCurrentIndex(self.status.findData(status.value))
            self.status.currentIndexChanged.connect(self._status_changed)
            self.reason.setPlaceholderText("Why they are blocked or dropped")
            form.addRow("&Status", self.status)
            form.addRow("&Reason", self.reason)
            form.addRow("&Note", self.note)
            self._status_changed()
        elif kind == OWNERS:
            self.setWindowTitle(f"Set the owners of {count}")
            self.owners = OwnersPicker(services.actions.choices.people(committee_id=committee_id))
            if len(self.ids) == 1:
                self.owners.set_owners(services.actions.owners(self.ids[0]))
            form.addRow(QLabel("These owners replace the current ones."))
            form.addRow("&Owners", self.owners)
        elif kind == DUE:
            self.setWindowTitle(f"Move the due date of {count}")
            self.due = DueDate(services.ctx.today())
            form.addRow("&Due", self.due)
            form.addRow("&Note", self.note)
        else:
            self.setWindowTitle("Add a progress note")
            form.addRow("&Note", self.note)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        widgets: dict[str, QWidget] = {"status_reason": self.reason, "note": self.note}
        if self.owners is not None:
            widgets["owners"] = self.owners.combo
        self.errors = FieldErrors(self.error_label, widgets)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def _status_changed(self) -> None:
        self.reason.setEnabled(self.status.currentData() in NEEDS_REASON)

    def _note(self) -> str | None:
        text = self.note.toPlainText() if isinstance(self.note, QPlainTextEdit) else self.note.text()
        return text.strip() or None

    def write(self) -> tuple[Callable[[Services], Any], str]:
        """The one service call this dialog makes, and its title (what Undo will name); undo() is its inverse."""
        ids, note, count = self.ids, self._note(), len(self.ids)
        if self.kind == STATUS:
            status = ActionStatus(self.status.currentData())
            reason = self.reason.text().strip() or None if status in NEEDS_REASON else None
            return (lambda s: s.actions.set_status_many(ids, status=status, reason=reason, note=note)), status_title(
                status, count
            )
        if self.kind == OWNERS:
            assert self.owners is not None
            owners = self.owners.owners()
            return (lambda s: s.actions.set_owners_many(ids, owners=owners)), f"Set owners of {items_phrase(count)}"
        if self.kind == DUE:
            assert self.due is not None
            due = self.due.value()
            return (
                lambda s: s.actions.set_due_many(ids, due_on=due, note=note)
            ), f"Move due date of {items_phrase(count)}"
        return (lambda s: s.actions.add_note(ids[0], note=note or "")), "Add progress note"

    def undo(self) -> Callable[[Services, Any], Any]:
        """Takes back what write()'s call did, given what it returned (redo runs the call again)."""
        if self.kind == NOTE:
            return lambda s, note: s.actions.remove_update(note.id)
        return _put_back

    def accept(self) -> None:
        if not self.buttons.isEnabled():
            return
        self.errors.clear()
        fn, title = self.write()

        def done(result: object) -> None:
            self.saved.emit(result)
            super(ActionBulkDialog, self).accept()

        def failed(error: BaseException) -> None:
            self.errors.show(error if isinstance(error, DomainError) else DomainError(user_message(error)))

        self.buttons.setEnabled(False)
        self.workspace.undoable(
            self, title, do=fn, undo=self.undo(), changes=ACTIONS, committee_ids=[self.committee_id]
        ).success(done).failure(failed).finally_(lambda: self.buttons.setEnabled(True)).run()

    def reject(self) -> None:
        if self.buttons.isEnabled():
            super().reject()
