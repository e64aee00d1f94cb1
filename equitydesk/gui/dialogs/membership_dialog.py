"""Put a person on a committee or change their membership, on the form ui/dialogs/membership_dialog.ui."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QWidget

from equitydesk.domain.enums import MembershipStatus, Role, StakeholderGroup
from equitydesk.gui.dialogs.field_errors import FieldErrors
from equitydesk.gui.forms.ui_membership_dialog import Ui_MembershipDialog
from equitydesk.gui.jobs import user_message
from equitydesk.gui.workspace import ROSTER, Change
from equitydesk.services.errors import DomainError

if TYPE_CHECKING:
    from equitydesk.gui.workspace import Workspace
    from equitydesk.services.records import MembershipRecord
    from equitydesk.services.registry import Services

NOT_RECORDED = "Not recorded"


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def fill_combo(combo: QComboBox, choices: list[tuple[str, str]], *, empty: str | None = None) -> None:
    combo.clear()
    if empty is not None:
        combo.addItem(empty, "")
    for value, label in choices:
        combo.addItem(label, value)


def select_data(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


class MembershipDialog(QDialog):
    """A new membership when membership_id is None; typing a committee name that does not exist starts it."""

    saved = Signal(int)  # the membership's id

    def __init__(
        self,
        workspace: Workspace,
        *,
        person_id: int,
        membership_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_MembershipDialog()
        self.ui.setupUi(self)
        self.workspace = workspace
        self.services = services = workspace.services
        self.person_id = person_id
        self.membership_id = membership_id
        ui = self.ui
        self.errors = FieldErrors(
            ui.errorLabel,
            {
                "committee_id": ui.committeeCombo,
                "role": ui.roleCombo,
                "stakeholder_group": ui.groupCombo,
                "voting": ui.votingCheck,
                "term_start": ui.termStartEdit,
                "term_end": ui.termEndEdit,
                "status": ui.statusCombo,
            },
        )
        ui.personLabel.setText(services.people.get(person_id).display_name)
        ui.committeeCombo.setEditable(True)
        ui.committeeCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        ui.committeeCombo.lineEdit().setPlaceholderText("Choose a committee, or type a new one's name")
        for committee_id, name in services.committees.choices():
            ui.committeeCombo.addItem(name, committee_id)
        fill_combo(ui.roleCombo, Role.choices())
        fill_combo(ui.groupCombo, StakeholderGroup.choices(), empty=NOT_RECORDED)
        fill_combo(ui.statusCombo, MembershipStatus.choices())
        if membership_id is None:
            self.setWindowTitle("Add membership")
            self._load(None)
        else:
            self.setWindowTitle("Edit membership")
            self._load(services.memberships.get(membership_id))

    def _load(self, membership: Any) -> None:
        ui = self.ui
        if membership is None:
            select_data(ui.roleCombo, Role.MEMBER.value)
            select_data(ui.statusCombo, MembershipStatus.ACTIVE.value)
            self._set_date(ui.termStartEdit, ui.termStartNone, date.today())
            self._set_date(ui.termEndEdit, ui.termEndNone, None)
            return
        index = ui.committeeCombo.findData(membership.committee_id)
        if index < 0:  # an archived committee: still shown for the membership that has it
            committee = self.services.committees.get(membership.committee_id)
            ui.committeeCombo.addItem(committee.name, committee.id)
            index = ui.committeeCombo.count() - 1
        ui.committeeCombo.setCurrentIndex(index)
        select_data(ui.roleCombo, membership.role.value)
        select_data(ui.groupCombo, membership.stakeholder_group.value if membership.stakeholder_group else "")
        ui.votingCheck.setChecked(bool(membership.voting))
        self._set_date(ui.termStartEdit, ui.termStartNone, membership.term_start)
        self._set_date(ui.termEndEdit, ui.termEndNone, membership.term_end)
        select_data(ui.statusCombo, membership.status.value)

    @staticmethod
    def _set_date(edit: QDateEdit, none_box: Any, value: date | None) -> None:
        none_box.setChecked(value is None)
        edit.setEnabled(value is not None)
        edit.setDate(to_qdate(value or date.today()))

    @staticmethod
    def _date(edit: QDateEdit, none_box: Any) -> date | None:
        return None if none_box.isChecked() else edit.date().toPython()

    def committee_id(self) -> int | None:
        """The chosen committee; a typed name that matches one (ignoring case) chooses it."""
        combo = self.ui.committeeCombo
        text = " ".join(combo.currentText().split())
        if not text:
            return None
        for i in range(combo.count()):
            if combo.itemText(i).casefold() == text.casefold():
                return int(combo.itemData(i))
        return None

    def values(self) -> dict[str, Any]:
        ui = self.ui
        return {
            "person_id": self.person_id,
            "committee_id": self.committee_id(),
            "role": ui.roleCombo.currentData(),
            "stakeholder_group": ui.groupCombo.currentData() or None,
            "voting": ui.votingCheck.isChecked(),
            "term_start": self._date(ui.termStartEdit, ui.termStartNone),
            "term_end": self._date(ui.termEndEdit, ui.termEndNone),
            "status": ui.statusCombo.currentData(),
        }

    @property
    def saving(self) -> bool:
        return not self.ui.buttonBox.isEnabled()

    def accept(self) -> None:
        """One service call: a typed name that is no committee yet starts one in the same transaction."""
        if self.saving:
            return
        self.errors.clear()
        values = self.values()
        membership_id = self.membership_id
        new_name = " ".join(self.ui.committeeCombo.currentText().split()) if values["committee_id"] is None else ""
        if values["committee_id"] is None and not new_name:
            self.errors.show(DomainError("Choose the committee, or type the name of a new one.", field="committee_id"))
            return
        if new_name:
            values.pop("committee_id")

        named = {"committee_name": new_name} if new_name else {}
        if membership_id is not None:
            values.pop("person_id")
        committee = " ".join(self.ui.committeeCombo.currentText().split())

        def done(saved_id: int) -> None:
            self.membership_id = saved_id
            self.saved.emit(saved_id)
            super(MembershipDialog, self).accept()

        def failed(error: BaseException) -> None:
            self.errors.show(error if isinstance(error, DomainError) else DomainError(user_message(error)))

        changes = (*ROSTER, Change.COMMITTEES) if new_name else ROSTER
        self.ui.buttonBox.setEnabled(False)
        title = "Add membership" if membership_id is None else "Save membership"

        def add(s: Services) -> tuple[MembershipRecord, bool]:
            """The new membership, and whether it started its committee (which its undo then removes too)."""
            started = bool(new_name) and s.committees.by_name(new_name) is None
            return s.memberships.create(**values, **named), started

        if membership_id is None:
            op = self.workspace.undoable(
                self,
                f"Add membership in {committee}",
                do=add,
                undo=lambda s, made: s.memberships.remove(made[0].id, with_committee=made[1]),
                redo=lambda s, removed: (s.memberships.put_back(removed=removed), removed.committee is not None),
                changes=changes,
                committee_ids=[values.get("committee_id")],
                title=title,
            )
        else:
            mid = membership_id
            op = self.workspace.undoable(
                self,
                f"Edit membership in {committee}",
                do=lambda s: s.memberships.edit(mid, **values, **named),
                undo=lambda s, edited: s.memberships.update(mid, **edited.before),
                redo=lambda s, _record: s.memberships.edit(mid, **values, **named),
                changes=changes,
                committee_ids=[values.get("committee_id")],
                title=title,
            )
        op.success(lambda r: done(int(r[0].id if membership_id is None else r.record.id))).failure(failed).finally_(
            lambda: self.ui.buttonBox.setEnabled(True)
        ).run()

    def reject(self) -> None:
        if not self.saving:
            super().reject()
