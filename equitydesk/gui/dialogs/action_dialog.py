"""The action item editor: title, details, owners, due date with a calendar, priority, status with a reason, link."""

from __future__ import annotations

from datetime import date
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
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from equitydesk.domain.enums import ActionStatus, Priority
from equitydesk.gui.dialogs.field_errors import FieldErrors
from equitydesk.gui.jobs import user_message
from equitydesk.gui.widgets.owners_picker import OwnersPicker
from equitydesk.gui.workspace import Change
from equitydesk.services.errors import DomainError

if TYPE_CHECKING:
    from equitydesk.gui.workspace import Workspace
    from equitydesk.services.actions import EditResult
    from equitydesk.services.registry import Services

NEEDS_REASON = (ActionStatus.BLOCKED, ActionStatus.DROPPED)
ACTIONS = (Change.ACTIONS,)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class DueDate(QWidget):
    """A date with a calendar, and a box to say there is none."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QDateEdit(qdate(today))
        self.edit.setObjectName("dueEdit")
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("MMM d, yyyy")
        self.none = QCheckBox("No due date")
        self.none.setObjectName("noDueCheck")
        self.none.toggled.connect(lambda on: self.edit.setEnabled(not on))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.none)
        row.addStretch(1)

    def value(self) -> date | None:
        return None if self.none.isChecked() else pydate(self.edit.date())

    def set_value(self, day: date | None) -> None:
        self.none.setChecked(day is None)
        if day is not None:
            self.edit.setDate(qdate(day))


class ActionDialog(QDialog):
    saved = Signal(int)

    def __init__(
        self, workspace: Workspace, action_id: int | None = None, *, committee_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("ActionDialog")
        self.workspace = workspace
        self.action_id = action_id
        services = workspace.services
        record = services.actions.get(action_id) if action_id is not None else None
        committee_id = record.committee_id if record is not None else committee_id
        self.setWindowTitle("Edit action item" if record else "New action item")
        today = services.ctx.today()

        self.committee = QComboBox()
        self.committee.setObjectName("committeeCombo")
        for cid, name in services.committees.choices():
            self.committee.addItem(name, cid)
        if committee_id is not None:
            self.committee.setCurrentIndex(max(self.committee.findData(committee_id), 0))
        self.committee.setEnabled(record is None)  # an item stays with its committee
        self.title = QLineEdit()
        self.title.setObjectName("titleEdit")
        self.title.setPlaceholderText("What is to be done, in a few words")
        self.details = QPlainTextEdit()
        self.details.setObjectName("detailsEdit")
        self.details.setMaximumHeight(90)
        self.owners = OwnersPicker(services.actions.choices.people(committee_id=committee_id))
        self.due = DueDate(today)
        self.priority = QComboBox()
        self.priority.setObjectName("priorityCombo")
        for value, label in Priority.choices():
            self.priority.addItem(label, value)
        self.status = QComboBox()
        self.status.setObjectName("statusCombo")
        for value, label in ActionStatus.choices():
            self.status.addItem(label, value)
        self.reason = QLineEdit()
        self.reason.setObjectName("reasonEdit")
        self.reason.setPlaceholderText("Why it is blocked or dropped")
        self.status.currentIndexChanged.connect(self._status_changed)
        self.link = QComboBox()
        self.link.setObjectName("linkCombo")
        self.link.addItem("None", None)
        links = services.actions.choices.links(committee_id=committee_id)
        for choice in links.strategies:
            self.link.addItem(f"Strategy: {choice.label}", f"strategy_id:{choice.id}")
        for choice in links.goals:
            self.link.addItem(f"Goal: {choice.label}", f"goal_id:{choice.id}")
        self.note = QLineEdit()
        self.note.setObjectName("noteEdit")
        self.note.setPlaceholderText("Optional: a note for the progress log")
        origin = services.actions.choices.origin(
            meeting_id=record.meeting_id if record else None, agenda_item_id=record.agenda_item_id if record else None
        )
        self.origin = QLabel(origin)
        self.origin.setObjectName("originLabel")
        self.origin.setWordWrap(True)

        form = QFormLayout()
        form.addRow("Committee", self.committee)
        form.addRow("&Title", self.title)
        form.addRow("&Details", self.details)
        form.addRow("&Owners", self.owners)
        form.addRow("D&ue", self.due)
        form.addRow("&Priority", self.priority)
        form.addRow("&Status", self.status)
        form.addRow("&Reason", self.reason)
        form.addRow("Strategy or &goal", self.link)
        if origin:
            form.addRow("From", self.origin)
        form.addRow("&Note", self.note)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.errors = FieldErrors(
            self.error_label,
            {"title": self.title, "status_reason": self.reason, "owners": self.owners.combo, "note": self.note,
             "committee_id": self.committee},
        )  # fmt: skip
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(620, self.sizeHint().height())

        self._loaded: dict[str, Any] = {}
        if record is not None:
            self.title.setText(record.title)
            self.details.setPlainText(record.details or "")
            self.owners.set_owners(services.actions.owners(record.id))
            self.due.set_value(record.due_on)
            self.priority.setCurrentIndex(self.priority.findData(record.priority.value))
            self.status.setCurrentIndex(self.status.findData(record.status.value))
            self.reason.setText(record.status_reason or "")
            key = f"strategy_id:{record.strategy_id}" if record.strategy_id else f"goal_id:{record.goal_id}"
            self.link.setCurrentIndex(max(self.link.findData(key), 0))
        else:
            self.priority.setCurrentIndex(self.priority.findData(Priority.NORMAL.value))
            self.due.set_value(None)
        self._initial_owners = self.owners.owners()
        self._loaded = self.values()
        self._status_changed()

    def _status_changed(self) -> None:
        self.reason.setEnabled(self.status.currentData() in NEEDS_REASON)

    def values(self) -> dict[str, Any]:
        kind, _, chosen = str(self.link.currentData() or "").partition(":")
        status = self.status.currentData()
        values: dict[str, Any] = {
            "committee_id": self.committee.currentData(),
            "title": self.title.text(),
            "details": self.details.toPlainText(),
            "due_on": self.due.value(),
            "priority": self.priority.currentData(),
            "status": status,
            "status_reason": self.reason.text() if status in NEEDS_REASON else None,
            "strategy_id": int(chosen) if kind == "strategy_id" else None,
            "goal_id": int(chosen) if kind == "goal_id" else None,
        }
        if self.action_id is None or not self._loaded:
            return values  # a new item: everything
        return {k: v for k, v in values.items() if v != self._loaded.get(k)}

    @property
    def saving(self) -> bool:
        return not self.buttons.isEnabled()

    def accept(self) -> None:
        if self.saving:
            return
        self.errors.clear()
        values, action_id, note = self.values(), self.action_id, self.note.text().strip() or None
        owners = self.owners.owners()
        owners_changed = owners != self._initial_owners
        if action_id is not None and not values and not owners_changed and not note:
            super().accept()
            return

        def write(s: Services) -> EditResult:
            return s.actions.save(action_id, values=values, owners=owners if owners_changed else None, note=note)

        def done(result: EditResult) -> None:
            self.action_id = result.record.id
            self.saved.emit(result.record.id)
            super(ActionDialog, self).accept()

        def failed(error: BaseException) -> None:
            self.errors.show(error if isinstance(error, DomainError) else DomainError(user_message(error)))

        def undo(s: Services, result: EditResult) -> object:
            if result.before is None:  # a new item: taken out whole (its owners and log go with it)
                return s.actions.delete(result.record.id)
            return s.actions.restore([result.before], unlog=result.logged)

        self.buttons.setEnabled(False)
        name = self.title.text().strip()
        title = f"Add action item “{name}”" if action_id is None else f"Edit action item “{name}”"
        committee_id = values.get("committee_id", self._loaded.get("committee_id"))
        self.workspace.undoable(
            self, title, do=write, undo=undo, changes=ACTIONS, committee_ids=[committee_id]
        ).success(done).failure(failed).finally_(lambda: self.buttons.setEnabled(True)).run()

    def reject(self) -> None:
        if not self.saving:
            super().reject()
