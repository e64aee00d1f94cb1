"""The membership editor: committee, role, group, voting, term with "no date", status; errors beside fields."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from equitydesk.domain.enums import MembershipStatus, Role, StakeholderGroup
from equitydesk.gui.dialogs.membership_dialog import MembershipDialog
from tests.gui.waiting import wait_for_writes


def open_dialog(qtbot, workspace, **kw) -> MembershipDialog:
    dialog = MembershipDialog(workspace, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def click_ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)


def choose(combo, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, f"{text!r} is not offered"
    combo.setCurrentIndex(index)


def test_put_a_person_on_a_second_committee(qtbot, services, workspace, committee):
    person_id = committee.people["Sarah"]
    dialog = open_dialog(qtbot, workspace, person_id=person_id)
    assert dialog.ui.personLabel.text() == "Sarah Johnson"
    assert dialog.ui.termEndNone.isChecked() and not dialog.ui.termEndEdit.isEnabled()
    choose(dialog.ui.committeeCombo, "Achievement and Integration Plan Team")
    choose(dialog.ui.roleCombo, "Co-chair")
    choose(dialog.ui.groupCombo, "Teacher")
    dialog.ui.votingCheck.setChecked(False)
    qtbot.mouseClick(dialog.ui.termEndNone, Qt.MouseButton.LeftButton)
    assert dialog.ui.termEndEdit.isEnabled()
    # A new term starts on the real date (the dialog reads the computer's clock): end it after that, on any day.
    start = dialog.ui.termStartEdit.date().toPython()
    assert start == date.today()
    end = start + timedelta(days=230)
    dialog.ui.termEndEdit.setDate(QDate(end.year, end.month, end.day))
    click_ok(qtbot, dialog)
    assert not dialog.isVisible(), dialog.ui.errorLabel.text()
    m = services.memberships.get(dialog.membership_id)
    assert m.committee_id == committee.committees["ai"]
    assert (m.role, m.stakeholder_group, m.voting) == (Role.CO_CHAIR, StakeholderGroup.TEACHER, False)
    assert (m.term_start, m.term_end, m.status) == (start, end, MembershipStatus.ACTIVE)


def test_edit_shows_the_membership_and_no_date_clears_a_term(qtbot, services, workspace, committee):
    person_id = committee.people["Linda"]
    (membership,) = services.people.memberships_of(person_id)
    dialog = open_dialog(qtbot, workspace, person_id=person_id, membership_id=membership.id)
    assert dialog.ui.committeeCombo.currentText() == "Equity Advisory Committee"
    assert dialog.ui.roleCombo.currentText() == "Chair"
    assert dialog.ui.groupCombo.currentText() == "Community member"
    assert not dialog.ui.termStartNone.isChecked()
    assert dialog.ui.termStartEdit.date().toPython() == membership.term_start
    dialog.ui.termStartNone.setChecked(True)
    choose(dialog.ui.statusCombo, "Inactive")
    click_ok(qtbot, dialog)
    assert not dialog.isVisible()
    m = services.memberships.get(membership.id)
    assert m.term_start is None and m.term_end == membership.term_end and m.status == MembershipStatus.INACTIVE


def test_a_term_ending_before_it_starts_is_refused(qtbot, services, workspace, committee):
    person_id = committee.people["Linda"]
    (membership,) = services.people.memberships_of(person_id)
    dialog = open_dialog(qtbot, workspace, person_id=person_id, membership_id=membership.id)
    dialog.ui.termEndNone.setChecked(False)
    start = dialog.ui.termStartEdit.date().toPython()
    dialog.ui.termEndEdit.setDate(QDate.fromString((start - timedelta(days=1)).isoformat(), Qt.DateFormat.ISODate))
    click_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.ui.errorLabel.text() == "The term cannot end before it starts."
    assert dialog.errors.field == "term_end"
    assert services.memberships.get(membership.id).term_end == membership.term_end


def test_a_second_membership_of_one_committee_is_refused(qtbot, services, workspace, committee):
    dialog = open_dialog(qtbot, workspace, person_id=committee.people["Linda"])
    choose(dialog.ui.committeeCombo, "Equity Advisory Committee")
    click_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert "already a member of that committee" in dialog.ui.errorLabel.text()


def test_typing_a_new_committee_starts_it(qtbot, services, workspace, committee):
    dialog = open_dialog(qtbot, workspace, person_id=committee.people["Chue"])
    dialog.ui.committeeCombo.setCurrentIndex(-1)
    dialog.ui.committeeCombo.lineEdit().clear()
    qtbot.keyClicks(dialog.ui.committeeCombo.lineEdit(), "Family Engagement Council")
    click_ok(qtbot, dialog)
    assert not dialog.isVisible(), dialog.ui.errorLabel.text()
    new = services.committees.by_name("family engagement council")
    assert new is not None
    assert services.memberships.get(dialog.membership_id).committee_id == new.id


def test_no_committee_chosen_is_explained(qtbot, services, workspace, committee):
    dialog = open_dialog(qtbot, workspace, person_id=committee.people["Chue"])
    dialog.ui.committeeCombo.setCurrentIndex(-1)
    dialog.ui.committeeCombo.lineEdit().clear()
    click_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.errors.field == "committee_id"
    assert "Choose the committee" in dialog.ui.errorLabel.text()
