"""Stories of a chair at a meeting: attendance and the quorum, a vote that does not add up, an action from an agenda
item, and minutes approved and locked with an amendment recorded afterwards."""

from __future__ import annotations

import pytest
from meeting_samples import MeetingSample, build_meeting
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMainWindow, QPushButton
from sqlalchemy import select

from equitydesk.db.tables import ActionItem, Decision
from equitydesk.domain.enums import AttendanceStatus, DecisionOutcome, MinutesStatus
from equitydesk.gui.meeting.action_from_item_dialog import ActionFromItemDialog
from equitydesk.gui.meeting.approve_minutes_dialog import AmendmentDialog, ApproveMinutesDialog
from equitydesk.gui.meeting.attendance_tab import AttendanceTab
from equitydesk.gui.meeting.decision_dialog import DecisionDialog
from equitydesk.gui.meeting.minutes_tab import MinutesTab
from equitydesk.services.errors import DomainError
from tests.gui.waiting import wait_for_writes


@pytest.fixture
def sample(services) -> MeetingSample:
    return build_meeting(services)


def host(qtbot, widget):
    """The tab alone in a window, as the meeting shell will hold it."""
    window = QMainWindow()
    window.setCentralWidget(widget)
    window.resize(1100, 760)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    widget.test_window = window  # the window lives as long as the story holds the tab
    return widget


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def dialog_button(dialog, text: str) -> QPushButton:
    for button in dialog.buttons.buttons():
        if button.text().replace("&", "") == text:
            return button
    raise AssertionError(f"no {text!r} button")


def test_ticking_attendance_updates_the_quorum_in_words(qtbot, services, workspace, sample):
    tab = host(qtbot, AttendanceTab(workspace, sample.meeting_id))
    assert tab.quorum_label.text() == "Quorum: 0 of 4 needed — not met"
    assert tab.languages_label.text() == "Interpreters needed: Hmong, Somali, Spanish, Vietnamese"
    # Keyboard only: focus a member's combo and step from "Not recorded" to "Present" (and on to "Remote").
    for name, steps in [("Linda Anderson", 1), ("Hodan Abdi Warsame", 1), ("Jennifer Larson", 1), ("Chue Thao", 1)]:
        combo = tab.combo(tab.row_of(name))
        combo.setFocus()
        for _ in range(steps):
            qtbot.keyClick(combo, Qt.Key.Key_Down)
    # The line follows at once, before the writes land; Jennifer Larson does not vote, so she does not count.
    assert tab.quorum_label.text() == "Quorum: 3 of 4 needed — not met"
    wait_for_writes(qtbot)
    assert tab.quorum_label.text() == "Quorum: 3 of 4 needed — not met"
    combo = tab.combo(tab.row_of("Sarah Johnson"))
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # Remote counts towards quorum too
    wait_for_writes(qtbot)
    assert tab.quorum_label.text() == "Quorum: 4 of 4 needed — met"
    statuses = {a.name: a.status for a in services.attendance.sheet(sample.meeting_id).attendees}
    assert statuses["Sarah Johnson"] == AttendanceStatus.REMOTE
    assert statuses["Jennifer Larson"] == AttendanceStatus.PRESENT
    assert statuses["Amina Abdullahi Jama"] is None

    click(qtbot, tab.all_present_button)
    wait_for_writes(qtbot)
    assert tab.quorum_label.text() == "Quorum: 7 of 4 needed — met"
    assert services.attendance.quorum(sample.meeting_id).present == 7

    qtbot.keyClicks(tab.guest_name, "Omar Farah")
    qtbot.keyClicks(tab.guest_affiliation, "Somali Parents Network")
    qtbot.keyClick(tab.guest_affiliation, Qt.Key.Key_Return)
    wait_for_writes(qtbot)
    assert tab.guest_table.rowCount() == 1 and tab.guest_table.item(0, 0).text() == "Omar Farah"
    assert tab.guest_name.text() == ""
    assert "1 guest" in tab.counts_label.text()


def test_a_vote_that_does_not_add_up_keeps_the_dialog_open_with_what_was_typed(qtbot, services, workspace, sample):
    services.attendance.set_statuses(
        meeting_id=sample.meeting_id,
        statuses={sample.people[k]: AttendanceStatus.PRESENT for k in ("Linda", "Hodan", "Chue", "Sarah")},
    )
    tab = host(qtbot, MinutesTab(workspace, sample.meeting_id))
    tab.items_list.setCurrentRow(1)  # Interpreters at parent conferences
    click(qtbot, tab.item_decision_button)
    dialog = tab.dialog
    assert isinstance(dialog, DecisionDialog)
    qtbot.keyClicks(dialog.motion_edit, "Ask the district to fund interpreters at conferences.")
    dialog.for_spin.setValue(4)
    dialog.against_spin.setValue(1)  # five votes, four voting members present
    assert dialog.vote_error.isVisible()
    assert "only 4 voting members are present" in dialog.vote_error.text()

    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    wait_for_writes(qtbot)
    assert dialog.isVisible()
    assert dialog.vote_error.text() == (
        "5 members voted or abstained (4 for, 1 against) but only 4 voting members are present; "
        "correct the counts or the attendance."
    )
    assert dialog.vote_errors.field == "votes_for"
    assert dialog.motion_edit.toPlainText() == "Ask the district to fund interpreters at conferences."
    assert (dialog.for_spin.value(), dialog.against_spin.value()) == (4, 1)
    with services.ctx.sessions() as session:
        assert session.scalars(select(Decision)).all() == []

    dialog.for_spin.setValue(3)
    assert not dialog.vote_error.isVisible()
    assert dialog.preview.text() == "Carried: 3 for, 1 against; a majority of the 4 votes cast is 3."
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    wait_for_writes(qtbot)
    assert tab.dialog is None  # closed (and deleted)
    (decision,) = services.decisions.of_meeting(sample.meeting_id)
    assert decision.outcome == DecisionOutcome.CARRIED
    assert decision.agenda_item_id == sample.items["Interpreters at parent conferences"]
    assert tab.decision_list.count() == 1
    assert "Carried: 3 for, 1 against" in tab.decision_list.item(0).text()


def test_an_action_item_from_an_agenda_item(qtbot, services, workspace, sample):
    tab = host(qtbot, MinutesTab(workspace, sample.meeting_id))
    tab.items_list.setCurrentRow(1)
    click(qtbot, tab.action_button)
    dialog = tab.dialog
    assert isinstance(dialog, ActionFromItemDialog)
    assert dialog.item_label.text() == "From agenda item 2. Interpreters at parent conferences"
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    wait_for_writes(qtbot)
    assert dialog.isVisible() and dialog.errors.field == "title"  # no title yet: nothing saved, nothing lost
    qtbot.keyClicks(dialog.title_edit, "Ask HR for interpreter rates")
    qtbot.keyClicks(dialog.owner_combo.lineEdit(), "Hodan Abdi Warsame")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    wait_for_writes(qtbot)
    assert tab.dialog is None  # closed (and deleted)
    with services.ctx.sessions() as session:
        (row,) = session.scalars(select(ActionItem)).all()
        assert (row.title, row.meeting_id, row.agenda_item_id, row.committee_id) == (
            "Ask HR for interpreter rates",
            sample.meeting_id,
            sample.items["Interpreters at parent conferences"],
            sample.committee_id,
        )
        assert row.owner_person_id == sample.people["Hodan"] and row.owner_text is None
        assert row.due_on is not None
    click(qtbot, tab.generate_button)
    assert "Action: Ask HR for interpreter rates — Hodan Abdi Warsame" in tab.draft_edit.toPlainText()


def test_approved_minutes_are_locked_and_amended_not_edited(qtbot, services, workspace, sample):
    tab = host(qtbot, MinutesTab(workspace, sample.meeting_id))
    tab.items_list.setCurrentRow(0)
    qtbot.keyClicks(tab.notes_edit, "The chair welcomed families.")
    click(qtbot, tab.save_notes_button)
    wait_for_writes(qtbot)
    click(qtbot, tab.generate_button)
    assert "The chair welcomed families." in tab.draft_edit.toPlainText()
    assert "3. Closed session" in tab.draft_edit.toPlainText()  # the personnel item stays out of the minutes
    tab.draft_edit.appendPlainText("Corrected by the secretary.")
    click(qtbot, tab.approve_button)
    dialog = tab.dialog
    assert isinstance(dialog, ApproveMinutesDialog)
    assert dialog.meeting_combo.currentText() == "November meeting (2025-11-11)"
    click(qtbot, dialog_button(dialog, "Approve and lock"))
    wait_for_writes(qtbot)
    assert tab.dialog is None  # closed (and deleted)

    state = services.minutes.state(sample.meeting_id)
    assert state.status == MinutesStatus.APPROVED and state.approved_at_meeting_id == sample.next_meeting_id
    assert state.draft is not None and state.draft.endswith("Corrected by the secretary.")  # the text on screen
    assert tab.status_label.text() == (
        "Minutes approved on November 11, 2025 at the November meeting. They are locked: record amendments instead."
    )
    assert tab.draft_edit.isReadOnly() and tab.notes_edit.isReadOnly()
    assert not tab.approve_button.isVisible() and not tab.save_draft_button.isVisible()
    assert not tab.item_decision_button.isVisible()
    qtbot.keyClicks(tab.notes_edit, "sneaky edit")
    assert tab.notes_edit.toPlainText() == "The chair welcomed families."
    with pytest.raises(DomainError, match="approved and locked"):
        services.agenda.update(sample.items["Welcome and introductions"], minutes_text="rewritten")
    with pytest.raises(DomainError, match="approved and locked"):
        services.minutes.save_draft(meeting_id=sample.meeting_id, text="rewritten")

    click(qtbot, tab.amend_button)
    dialog = tab.dialog
    assert isinstance(dialog, AmendmentDialog)
    qtbot.keyClicks(dialog.text_edit, "Item 1: Chue Thao attended remotely.")
    click(qtbot, dialog_button(dialog, "Record amendment"))
    wait_for_writes(qtbot)
    assert tab.dialog is None  # closed (and deleted)
    assert tab.amendments_label.text() == "Amendments\n2025-11-12: Item 1: Chue Thao attended remotely."
    assert services.minutes.state(sample.meeting_id).draft.endswith("Corrected by the secretary.")


def test_a_roll_call_vote_under_the_members_rule(qtbot, services, workspace, sample):
    services.attendance.set_statuses(
        meeting_id=sample.meeting_id,
        statuses={sample.people[k]: AttendanceStatus.PRESENT for k in ("Linda", "Hodan", "Chue", "Sarah", "Amina")},
    )
    tab = host(qtbot, MinutesTab(workspace, sample.meeting_id))
    click(qtbot, tab.item_decision_button)
    dialog = tab.dialog
    assert isinstance(dialog, DecisionDialog)
    qtbot.keyClicks(dialog.motion_edit, "Adopt the three-year plan.")
    dialog.rule_combo.setCurrentIndex(dialog.rule_combo.findText("Majority of all voting members"))
    click(qtbot, dialog.mode_group.button(1))
    assert dialog.roll_table.isVisible() and not dialog.for_spin.isVisible()
    votes = {dialog.roll_table.item(r, 0).text(): dialog.roll_combo(r) for r in range(dialog.roll_table.rowCount())}
    assert votes["Nguyễn Thị Hoa"].currentText() == "Absent"  # not present: absent from the vote to begin with
    votes["Chue Thao"].setCurrentIndex(votes["Chue Thao"].findText("No"))
    # Four of seven voting members for is a majority of all of them: carried, with one against.
    assert dialog.preview.text() == "Carried: 4 for, 1 against; a majority of all 7 voting members is 4."
    votes["Sarah Johnson"].setCurrentIndex(votes["Sarah Johnson"].findText("Abstain"))
    assert dialog.preview.text().startswith("Failed: 3 for, 1 against, 1 abstaining; a majority of all 7")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    wait_for_writes(qtbot)
    assert tab.dialog is None
    (decision,) = services.decisions.of_meeting(sample.meeting_id)
    assert decision.roll_call and decision.outcome == DecisionOutcome.FAILED
    assert services.decisions.roll_call(decision.id)[sample.people["Chue"]].value == "no"
    assert "Majority of all voting members, roll call. Failed" in tab.decision_list.item(0).text()
