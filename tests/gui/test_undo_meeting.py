"""Undo stories at a meeting: an agenda item moved by Ctrl+Down comes back with Ctrl+Z; "mark everyone present"
is one step; a deleted decision returns with its roll call; an undo refused once the minutes are approved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from equitydesk.domain.carry_forward import REVIEW_TITLE
from equitydesk.domain.enums import AttendanceStatus
from equitydesk.gui.commands import CommandId
from equitydesk.gui.meeting.attendance_tab import AttendanceTab
from equitydesk.gui.meeting.minutes_tab import MinutesTab
from equitydesk.gui.pages.meetings_page import MeetingsPage
from tests.gui.test_meeting_agenda import db_order, december, open_by_keyboard  # noqa: F401 (a fixture)
from tests.gui.test_meeting_minutes import click, host, sample  # noqa: F401 (a fixture)
from tests.gui.waiting import wait_for_writes

ORDER = ["Welcome", "Approval of the agenda", "Student voice panel", "Interpreters at conferences", "Public comment"]


def undo_in(qtbot, workspace, parent) -> None:
    assert workspace.history.can_undo()
    workspace.history.undo(parent)
    wait_for_writes(qtbot)


def test_ctrl_down_then_ctrl_z_puts_the_item_back(qtbot, window, december):  # noqa: F811
    view = open_by_keyboard(qtbot, window, december)
    agenda = view.agenda
    moved = agenda.model.id_at(2)  # Student voice panel
    agenda.select_id(moved)
    agenda.table.setFocus()
    qtbot.keyClick(agenda.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    wait_for_writes(qtbot)
    assert agenda.titles()[3] == "Student voice panel"
    assert window.commands[CommandId.UNDO].text().replace("&", "") == "Undo Move agenda item down"
    qtbot.keyClick(agenda.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_for_writes(qtbot)
    assert agenda.titles() == ORDER
    assert db_order(window, december) == list(enumerate(ORDER, start=1))
    window.commands[CommandId.REDO].trigger()
    wait_for_writes(qtbot)
    assert agenda.titles()[3] == "Student voice panel" and db_order(window, december)[3] == (4, "Student voice panel")


def test_mark_everyone_present_is_one_step_back(qtbot, services, workspace, sample):  # noqa: F811
    linda, sarah = sample.people["Linda"], sample.people["Sarah"]
    services.attendance.set_statuses(
        meeting_id=sample.meeting_id, statuses={linda: AttendanceStatus.EXCUSED, sarah: AttendanceStatus.REMOTE}
    )
    before = {a.person_id: a.status for a in services.attendance.sheet(sample.meeting_id).attendees}
    tab = host(qtbot, AttendanceTab(workspace, sample.meeting_id))
    click(qtbot, tab.all_present_button)
    wait_for_writes(qtbot)
    assert services.attendance.quorum(sample.meeting_id).present == 7
    assert workspace.history.stack.undoText() == "Mark everyone present"
    undo_in(qtbot, workspace, tab)
    assert {a.person_id: a.status for a in services.attendance.sheet(sample.meeting_id).attendees} == before
    assert tab.combo(tab.row_of("Linda Anderson")).currentData() == AttendanceStatus.EXCUSED.value
    assert tab.quorum_label.text() == "Quorum: 1 of 4 needed — not met"
    assert not workspace.history.can_undo(), "the whole sheet was one step"


def test_a_deleted_decision_comes_back_with_its_roll_call(qtbot, services, workspace, sample):  # noqa: F811
    voters = ("Linda", "Hodan", "Chue", "Sarah", "Amina")
    services.attendance.set_statuses(
        meeting_id=sample.meeting_id, statuses={sample.people[k]: AttendanceStatus.PRESENT for k in voters}
    )
    decision = services.decisions.save(
        meeting_id=sample.meeting_id, motion="Adopt the three-year plan.", vote_rule="majority_cast",
        roll_call={sample.people[k]: "yes" if k != "Chue" else "no" for k in voters},
    )  # fmt: skip
    roll_call = services.decisions.roll_call(decision.id)
    tab = host(qtbot, MinutesTab(workspace, sample.meeting_id))
    tab.decision_list.setCurrentRow(0)
    click(qtbot, tab.remove_decision_button)
    wait_for_writes(qtbot)
    assert services.decisions.of_meeting(sample.meeting_id) == [] and tab.decision_list.count() == 0
    assert workspace.history.stack.undoText() == "Remove decision"
    undo_in(qtbot, workspace, tab)
    (back,) = services.decisions.of_meeting(sample.meeting_id)
    assert back.id == decision.id and services.decisions.roll_call(decision.id) == roll_call
    assert tab.decision_list.count() == 1 and "roll call" in tab.decision_list.item(0).text()


def test_an_edit_made_before_approval_cannot_be_undone_after(qtbot, services, workspace, sample, monkeypatch):  # noqa: F811
    tab = host(qtbot, AttendanceTab(workspace, sample.meeting_id))
    click(qtbot, tab.all_present_button)
    wait_for_writes(qtbot)
    services.minutes.approve(meeting_id=sample.meeting_id, approved_at_meeting_id=sample.next_meeting_id)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: said.append(text))
    undo_in(qtbot, workspace, tab)
    assert said and "approved and locked" in said[0] and said[0].endswith("could not be undone and is off the list.")
    assert not workspace.history.can_undo()
    assert services.attendance.quorum(sample.meeting_id).present == 7


def test_approving_is_undone_first_then_the_notes_before_it(qtbot, services, workspace, sample):  # noqa: F811
    tab = host(qtbot, MinutesTab(workspace, sample.meeting_id))
    tab.items_list.setCurrentRow(0)
    qtbot.keyClicks(tab.notes_edit, "The chair welcomed families.")
    click(qtbot, tab.save_notes_button)
    wait_for_writes(qtbot)
    click(qtbot, tab.approve_button)
    dialog = tab.dialog
    click(qtbot, next(b for b in dialog.buttons.buttons() if b.text().replace("&", "") == "Approve and lock"))
    wait_for_writes(qtbot)
    assert services.minutes.state(sample.meeting_id).locked and tab.amend_button.isVisible()
    assert workspace.history.stack.undoText() == "Approve minutes"
    undo_in(qtbot, workspace, tab)
    assert not services.minutes.state(sample.meeting_id).locked and tab.save_notes_button.isVisible()
    if workspace.history.stack.undoText() == "Save minutes":  # the text on screen was saved before approval
        undo_in(qtbot, workspace, tab)
    assert workspace.history.stack.undoText() == "Save notes on “Welcome and introductions”"
    undo_in(qtbot, workspace, tab)
    assert services.minutes.state(sample.meeting_id).items[0].notes is None


def test_a_removed_item_comes_back_at_its_place_under_its_id(qtbot, window, december, monkeypatch):  # noqa: F811
    view = open_by_keyboard(qtbot, window, december)
    agenda = view.agenda
    removed = agenda.model.id_at(1)
    agenda.select_id(removed)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    agenda.remove_item()
    wait_for_writes(qtbot)
    assert "Approval of the agenda" not in agenda.titles()
    assert window.commands[CommandId.UNDO].text().replace("&", "") == "Undo Remove “Approval of the agenda”"
    window.commands[CommandId.UNDO].trigger()
    wait_for_writes(qtbot)
    assert agenda.titles() == ORDER and agenda.model.id_at(1) == removed
    assert db_order(window, december) == list(enumerate(ORDER, start=1))


def test_a_new_meeting_is_taken_back_with_its_agenda_and_redone_under_its_id(qtbot, window, committee):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    page = window.show_page(MeetingsPage)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    dialog.title_edit.clear()
    qtbot.keyClicks(dialog.title_edit, "January listening session")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    qtbot.waitUntil(lambda: page.view is not None)
    new_id = page.view.meeting_id
    assert window.commands[CommandId.UNDO].text().replace("&", "") == "Undo New meeting"
    window.commands[CommandId.UNDO].trigger()
    wait_for_writes(qtbot)
    titles = [m.title for m in window.services.meetings.of_committee(committee_id=committee.committees["eac"])]
    assert "January listening session" not in titles
    assert page.view.title_label.text() == "This meeting no longer exists" and not page.view.tabs.isEnabled()
    window.commands[CommandId.REDO].trigger()
    wait_for_writes(qtbot)
    assert window.services.meetings.get(new_id).title == "January listening session"
    assert page.view.title_label.text() == "January listening session" and page.view.tabs.isEnabled()
    assert page.view.agenda.titles() == [REVIEW_TITLE]
    assert [line.item.title for line in window.services.agenda.plan(meeting_id=new_id).lines] == [REVIEW_TITLE]


def test_an_amendment_is_one_step_back_and_then_the_approval_can_go(qtbot, services, workspace, sample):  # noqa: F811
    def press(dialog, text: str) -> None:
        click(qtbot, next(b for b in dialog.buttons.buttons() if b.text().replace("&", "") == text))
        wait_for_writes(qtbot)

    tab = host(qtbot, MinutesTab(workspace, sample.meeting_id))
    click(qtbot, tab.approve_button)
    press(tab.dialog, "Approve and lock")
    click(qtbot, tab.amend_button)
    tab.dialog.text_edit.setPlainText("Item 2: Chue Thao attended remotely, not in person.")
    press(tab.dialog, "Record amendment")
    (amendment,) = services.minutes.state(sample.meeting_id).amendments
    assert workspace.history.stack.undoText() == "Record amendment"
    undo_in(qtbot, workspace, tab)
    assert services.minutes.state(sample.meeting_id).amendments == ()
    workspace.history.redo(tab)
    wait_for_writes(qtbot)
    assert services.minutes.state(sample.meeting_id).amendments == (amendment,), "the same one, under its id"
    undo_in(qtbot, workspace, tab)
    assert workspace.history.stack.undoText() == "Approve minutes"
    undo_in(qtbot, workspace, tab)
    assert not services.minutes.state(sample.meeting_id).locked, "with the amendment gone, the approval can go too"


def test_bringing_forward_open_actions_is_one_step_back(qtbot, window, december):  # noqa: F811
    def agenda_rows() -> list[tuple[int, int, str, str | None]]:
        plan = window.services.agenda.plan(meeting_id=december)
        return [(ln.item.id, ln.item.position, ln.item.title, ln.item.description) for ln in plan.lines]

    view = open_by_keyboard(qtbot, window, december)
    before = agenda_rows()
    view.agenda.carry_forward()
    wait_for_writes(qtbot)
    after = agenda_rows()
    assert REVIEW_TITLE in [title for _i, _p, title, _d in after] and after != before
    assert window.commands[CommandId.UNDO].text().replace("&", "") == "Undo Bring forward open actions"
    window.commands[CommandId.UNDO].trigger()
    wait_for_writes(qtbot)
    assert agenda_rows() == before and view.agenda.titles() == [t for _i, _p, t, _d in before]
    window.commands[CommandId.REDO].trigger()
    wait_for_writes(qtbot)
    assert agenda_rows() == after, "the same items, under the same ids"
