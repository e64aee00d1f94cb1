"""Add or edit one agenda item: title, kind, presenter (a member or free text), minutes, strategy, closed session."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from equitydesk.domain.enums import AgendaKind
from equitydesk.gui.dialogs.field_errors import FieldErrors
from equitydesk.gui.jobs import user_message
from equitydesk.gui.workspace import Change
from equitydesk.services.errors import DomainError

if TYPE_CHECKING:
    from equitydesk.gui.workspace import Workspace
    from equitydesk.services.records import AgendaItemRecord


class AgendaItemDialog(QDialog):
    """A new item (inserted at `index`, None: last) when item_id is None; one service call on OK."""

    saved = Signal(int)  # the item's id

    def __init__(
        self,
        workspace: Workspace,
        *,
        meeting_id: int,
        item_id: int | None = None,
        index: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("AgendaItemDialog")
        self.workspace = workspace
        self.meeting_id = meeting_id
        self.item_id = item_id
        self.index = index
        services = workspace.services
        self.setWindowTitle("Add agenda item" if item_id is None else "Edit agenda item")

        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("titleEdit")
        self.title_edit.setPlaceholderText("e.g. Student voice panel")
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kindCombo")
        for value, label in AgendaKind.choices():
            self.kind_combo.addItem(label, value)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(AgendaKind.DISCUSSION.value))
        self.presenter_combo = QComboBox()
        self.presenter_combo.setObjectName("presenterCombo")
        self.presenter_combo.setEditable(True)
        self.presenter_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.presenter_combo.addItem("", None)
        for person_id, name in services.agenda.presenter_choices(meeting_id=meeting_id):
            self.presenter_combo.addItem(name, person_id)
        self.presenter_combo.lineEdit().setPlaceholderText("Choose a member, or type a name or department")
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setObjectName("minutesSpin")
        self.minutes_spin.setRange(0, 600)
        self.minutes_spin.setSingleStep(5)
        self.minutes_spin.setSuffix(" min")
        self.minutes_spin.setValue(15)
        self.strategy_combo = QComboBox()
        self.strategy_combo.setObjectName("strategyCombo")
        self.strategy_combo.addItem("No strategy", None)
        for strategy_id, label in services.agenda.strategy_choices():
            self.strategy_combo.addItem(label, strategy_id)
        self.confidential_check = QCheckBox("Closed session: leave this item and its outcome out of public documents")
        self.confidential_check.setObjectName("confidentialCheck")
        self.description_edit = QPlainTextEdit()
        self.description_edit.setObjectName("descriptionEdit")
        self.description_edit.setPlaceholderText("What members should read or bring (optional)")
        self.description_edit.setTabChangesFocus(True)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("&Title:", self.title_edit)
        form.addRow("&Kind:", self.kind_combo)
        form.addRow("&Presenter:", self.presenter_combo)
        form.addRow("L&ength:", self.minutes_spin)
        form.addRow("&Strategy:", self.strategy_combo)
        form.addRow("", self.confidential_check)
        form.addRow("&Description:", self.description_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.errors = FieldErrors(
            self.error_label,
            {
                "title": self.title_edit,
                "kind": self.kind_combo,
                "presenter": self.presenter_combo,
                "presenter_person_id": self.presenter_combo,
                "minutes_allotted": self.minutes_spin,
                "strategy_id": self.strategy_combo,
                "description": self.description_edit,
            },
        )
        if item_id is not None:
            self._load(services.agenda.get(item_id))
        self.resize(560, self.sizeHint().height())

    def _load(self, item: AgendaItemRecord) -> None:
        self.title_edit.setText(item.title)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(item.kind.value)))
        if item.presenter_person_id is not None and self.presenter_combo.findData(item.presenter_person_id) >= 0:
            self.presenter_combo.setCurrentIndex(self.presenter_combo.findData(item.presenter_person_id))
        elif item.presenter_person_id is not None:
            # A presenter who has left the committee keeps the item; their name shows as it was chosen.
            name = self.workspace.services.people.get(item.presenter_person_id).display_name
            self.presenter_combo.addItem(name, item.presenter_person_id)
            self.presenter_combo.setCurrentIndex(self.presenter_combo.count() - 1)
        else:
            self.presenter_combo.setEditText(item.presenter or "")
        self.minutes_spin.setValue(item.minutes_allotted or 0)
        self.strategy_combo.setCurrentIndex(max(0, self.strategy_combo.findData(item.strategy_id)))
        self.confidential_check.setChecked(item.confidential)
        self.description_edit.setPlainText(item.description or "")

    def values(self) -> dict[str, Any]:
        text = " ".join(self.presenter_combo.currentText().split())
        index = self.presenter_combo.currentIndex()
        if index <= 0 or self.presenter_combo.itemText(index) != text:  # typed, not picked: match the words
            index = self.presenter_combo.findText(text) if text else -1
        person_id = self.presenter_combo.itemData(index) if index > 0 else None
        return {
            "title": self.title_edit.text(),
            "kind": self.kind_combo.currentData(),
            "presenter_person_id": person_id,
            "presenter": None if person_id is not None else (text or None),
            "minutes_allotted": self.minutes_spin.value(),
            "strategy_id": self.strategy_combo.currentData(),
            "confidential": self.confidential_check.isChecked(),
            "description": self.description_edit.toPlainText(),
        }

    @property
    def saving(self) -> bool:
        return not self.buttons.isEnabled()

    def accept(self) -> None:
        if self.saving:
            return
        self.errors.clear()
        values = self.values()
        if not values["title"].strip():
            self.errors.show(DomainError("Give the item a title.", field="title"))
            return
        meeting_id, item_id, index = self.meeting_id, self.item_id, self.index

        def done(result: Any) -> None:
            saved_id = int(result.id if item_id is None else result.record.id)
            self.item_id = saved_id
            self.saved.emit(saved_id)
            super(AgendaItemDialog, self).accept()

        def failed(error: BaseException) -> None:
            self.errors.show(error if isinstance(error, DomainError) else DomainError(user_message(error)))

        self.buttons.setEnabled(False)
        title = f"Add “{values['title'].strip()}” to the agenda" if item_id is None else "Edit agenda item"
        if item_id is None:  # undo takes the new item off again; redo puts it back under its id
            op = self.workspace.undoable(
                self, title, do=lambda s: s.agenda.add(meeting_id=meeting_id, index=index, **values),
                undo=lambda s, r: s.agenda.remove_added(record=r),
                redo=lambda s, removed: s.agenda.restore(removed=removed), changes=(Change.MEETINGS,),
            )  # fmt: skip
        else:  # each step hands the other the values it replaced
            op = self.workspace.undoable(
                self, title, do=lambda s: s.agenda.revise(item_id=item_id, **values),
                undo=lambda s, e: s.agenda.edit(e.record.id, **e.before),
                redo=lambda s, e: s.agenda.edit(e.record.id, **e.before), changes=(Change.MEETINGS,),
            )  # fmt: skip
        op.success(done).failure(failed).finally_(lambda: self.buttons.setEnabled(True)).run()

    def reject(self) -> None:
        if not self.saving:
            super().reject()
