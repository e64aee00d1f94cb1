"""Meeting stories: open a meeting from the list, build and reorder its agenda by drag and by keyboard, copy the
previous meeting, and schedule a new one with Ctrl+Shift+N (its agenda brings forward the open actions)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from equitydesk.domain.carry_forward import REVIEW_TITLE
from equitydesk.gui.commands import CommandId
from equitydesk.gui.meeting.meeting_view import MeetingView
from equitydesk.gui.pages.meetings_page import MeetingsPage
from tests.gui.waiting import wait_for_writes


def meetings_page(window) -> MeetingsPage:
    page = window.show_page(MeetingsPage)
    assert isinstance(page, MeetingsPage)
    return page


def db_order(window, meeting_id: int) -> list[tuple[int, str]]:
    """Positions and titles as stored, read afresh from the database (not through the table)."""
    return [(line.item.position, line.item.title) for line in window.services.agenda.plan(meeting_id=meeting_id).lines]


@pytest.fixture
def december(window, committee) -> int:
    """The committee's upcoming meeting, with a five-item agenda (6:00 to 8:00 PM)."""
    meeting_id = committee.meetings[2]
    s = window.services
    s.meetings.update_meeting(meeting_id=meeting_id, ends_at=s.meetings.get(meeting_id).starts_at + timedelta(hours=2))
    for title, minutes in (("Welcome", 10), ("Approval of the agenda", 5), ("Student voice panel", 30),
                           ("Interpreters at conferences", 20), ("Public comment", 10)):  # fmt: skip
        s.agenda.add(meeting_id=meeting_id, title=title, minutes_allotted=minutes)
    page = meetings_page(window)
    page.refresh()
    return meeting_id


def open_by_keyboard(qtbot, window, meeting_id: int) -> MeetingView:
    page = meetings_page(window)
    assert page.select_id(meeting_id)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.view is not None and page.stack.currentWidget() is page.view)
    assert page.view is not None
    return page.view


def test_enter_opens_the_meeting_in_the_window_and_back_returns_to_the_list(qtbot, window, december):
    page = meetings_page(window)
    view = open_by_keyboard(qtbot, window, december)
    assert view.title_label.text() == "December meeting"
    assert "6:00 PM – 8:00 PM (America/Chicago)" in view.when_label.text()
    assert [view.tabs.tabText(i).replace("&", "") for i in range(view.tabs.count())] == [
        "Agenda", "Attendance", "Minutes and decisions", "Packet",
    ]  # fmt: skip
    assert view.agenda.titles()[0] == "Welcome"
    assert [view.agenda.model.index(r, 0).data() for r in range(5)] == [
        "6:00 PM", "6:10 PM", "6:15 PM", "6:45 PM", "7:05 PM",
    ]  # fmt: skip
    assert view.agenda.end_label.text() == "Ends at 7:15 PM, 45 minutes before the scheduled end, 8:00 PM."
    qtbot.mouseClick(view.back_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.list_box and page.view is None
    assert page.selected_id() == december  # back where the chair was


def test_double_click_opens_a_meeting(qtbot, window, december):
    page = meetings_page(window)
    index = page.model.index(page.model.row_of(december), page.model.column_of("title"))
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.view is not None)
    assert page.view.meeting_id == december


def test_ctrl_down_and_ctrl_up_move_the_item_and_the_selection_follows(qtbot, window, december):
    view = open_by_keyboard(qtbot, window, december)
    agenda = view.agenda
    moved = agenda.model.id_at(2)  # Student voice panel
    agenda.select_id(moved)
    agenda.table.setFocus()
    qtbot.keyClick(agenda.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    wait_for_writes(qtbot)
    assert agenda.titles() == ["Welcome", "Approval of the agenda", "Interpreters at conferences",
                               "Student voice panel", "Public comment"]  # fmt: skip
    assert db_order(window, december)[3] == (4, "Student voice panel")
    assert agenda.selected_id() == moved
    for _ in range(3):
        qtbot.keyClick(agenda.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
        wait_for_writes(qtbot)
    assert agenda.titles()[0] == "Student voice panel" and agenda.selected_id() == moved
    assert db_order(window, december) == [(1, "Student voice panel"), (2, "Welcome"), (3, "Approval of the agenda"),
                                          (4, "Interpreters at conferences"), (5, "Public comment")]  # fmt: skip
    qtbot.keyClick(agenda.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # already first: nothing
    wait_for_writes(qtbot)
    assert agenda.titles()[0] == "Student voice panel"
    assert [agenda.model.index(r, 0).data() for r in range(2)] == ["6:00 PM", "6:30 PM"]  # times follow the order


def drop(agenda, item_id: int, before_row: int) -> None:
    """A drop as Qt delivers it at the end of a drag: the dragged item's data, over the top half of a row."""
    table = agenda.table
    mime = agenda.model.mimeData([agenda.model.index(agenda.model.row_of(item_id), 0)])
    if before_row < agenda.model.rowCount():
        rect = table.visualRect(agenda.model.index(before_row, 1))
        point = QPointF(rect.center().x(), rect.top() + 2)
    else:
        rect = table.visualRect(agenda.model.index(agenda.model.rowCount() - 1, 1))
        point = QPointF(rect.center().x(), rect.bottom() + 8)
    buttons, keys, move = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, Qt.DropAction.MoveAction
    # The events a drag delivers, in order: Qt refuses a drop that no drag entered first.
    assert QApplication.sendEvent(table.viewport(), QDragEnterEvent(point.toPoint(), move, mime, buttons, keys))
    QApplication.sendEvent(table.viewport(), QDragMoveEvent(point.toPoint(), move, mime, buttons, keys))
    event = QDropEvent(point, move, mime, buttons, keys)
    assert QApplication.sendEvent(table.viewport(), event) and event.isAccepted()


def test_drag_and_drop_reorders_the_agenda(qtbot, window, december):
    view = open_by_keyboard(qtbot, window, december)
    agenda = view.agenda
    public = agenda.model.id_at(4)
    drop(agenda, public, 1)  # Public comment, dropped above the approval
    wait_for_writes(qtbot)
    assert agenda.titles() == ["Welcome", "Public comment", "Approval of the agenda", "Student voice panel",
                               "Interpreters at conferences"]  # fmt: skip
    assert db_order(window, december)[1] == (2, "Public comment")
    assert agenda.selected_id() == public
    welcome = agenda.model.id_at(0)
    drop(agenda, welcome, agenda.model.rowCount())  # below the last row: to the end
    wait_for_writes(qtbot)
    assert agenda.titles()[-1] == "Welcome"
    assert [p for p, _t in db_order(window, december)] == [1, 2, 3, 4, 5]


def test_adding_an_item_that_runs_over_says_so_in_red_words(qtbot, window, december):
    view = open_by_keyboard(qtbot, window, december)
    agenda = view.agenda
    agenda.select_id(agenda.model.id_at(2))
    dialog = agenda.add_item()
    qtbot.keyClicks(dialog.title_edit, "Budget recommendations")
    dialog.minutes_spin.setValue(60)
    dialog.presenter_combo.setEditText("Hodan Abdi Warsame")  # a member: chosen, not typed as free text
    dialog.confidential_check.setChecked(True)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    assert agenda.titles()[3] == "Budget recommendations"  # after the selected item
    item = agenda.model.lines[3].item
    assert item.presenter_person_id is not None and item.presenter is None and item.confidential
    assert agenda.model.index(3, 6).data() == "Closed session"
    assert agenda.end_label.text() == "Runs 15 minutes past the scheduled end, 8:00 PM."
    assert "#b00020" in agenda.end_label.styleSheet()


def test_copy_previous_meeting_takes_the_agenda_and_carries_what_was_not_reached(qtbot, window, december, monkeypatch):
    view = open_by_keyboard(qtbot, window, december)
    agenda = view.agenda
    panel = agenda.model.id_at(2)
    agenda.select_id(panel)
    qtbot.mouseClick(agenda.buttons["reached"], Qt.MouseButton.LeftButton)  # the panel ran out of time
    wait_for_writes(qtbot)
    assert agenda.model.index(2, 6).data() == "Not reached"
    window.commands[CommandId.COPY_MEETING].trigger()
    page = meetings_page(window)
    dialog = page.dialog
    assert dialog is not None and dialog.source_combo.currentData() == december
    assert dialog.title_edit.text() == "January meeting"  # the same slot next month
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    qtbot.waitUntil(lambda: page.view is not None and page.view.meeting_id != december)
    copied = page.view.agenda
    assert page.view.title_label.text() == "January meeting"
    assert copied.titles() == ["Welcome", "Approval of the agenda", REVIEW_TITLE, "Student voice panel",
                               "Interpreters at conferences", "Public comment"]  # fmt: skip
    carried = copied.model.lines[3]
    assert carried.item.carried_from_id == panel and copied.model.index(3, 6).data() == "Carried forward"
    review = copied.model.lines[2].item.description or ""
    assert "Book interpreters for the listening sessions" in review and "Send the annual report" not in review
    new_id = page.view.meeting_id
    meeting = window.services.meetings.get(new_id)
    assert meeting.location == "District Office, Board Room" and meeting.starts_at.hour == 18
    assert window.services.meetings.get(december).title == "December meeting"  # the source is unchanged


def test_ctrl_shift_n_schedules_the_next_meeting_with_its_open_actions(qtbot, window, committee, today: date):
    assert window.commands[CommandId.NEW_MEETING].shortcut().toString() == "Ctrl+Shift+N"
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    page = meetings_page(window)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    assert window.current_page is page
    dialog = page.dialog
    assert dialog.committee_combo.currentText() == "Equity Advisory Committee"
    assert "Review of action items" in dialog.note_label.text()
    dialog.title_edit.clear()
    qtbot.keyClicks(dialog.title_edit, "January listening session")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    qtbot.waitUntil(lambda: page.view is not None)
    view = page.view
    assert view.title_label.text() == "January listening session"
    assert view.agenda.titles() == [REVIEW_TITLE]
    review = view.agenda.model.lines[0].item.description or ""
    assert "Book interpreters for the listening sessions — Chue Thao" in review and "(overdue)" in review
    assert view.agenda.model.lines[0].presenter_name == "Linda Anderson"  # the chair leads it
    starts = window.services.meetings.get(view.meeting_id).starts_at
    assert starts > datetime.combine(today + timedelta(days=28), time(18))  # after December: the next one


def test_remove_asks_first_and_keeps_positions_dense(qtbot, window, december, monkeypatch):
    view = open_by_keyboard(qtbot, window, december)
    agenda = view.agenda
    agenda.select_id(agenda.model.id_at(1))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    agenda.remove_item()
    wait_for_writes(qtbot)
    assert len(agenda.titles()) == 5
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    agenda.remove_item()
    wait_for_writes(qtbot)
    assert "Approval of the agenda" not in agenda.titles()
    assert [p for p, _t in db_order(window, december)] == [1, 2, 3, 4]
    assert agenda.selected_id() == agenda.model.id_at(1)  # the next item is selected


def test_a_monthly_series_from_the_dialog(qtbot, window, committee):
    page = meetings_page(window)
    window.commands[CommandId.MEETING_SERIES].trigger()
    dialog = page.dialog
    assert dialog is not None
    dialog.committee_combo.setCurrentIndex(dialog.committee_combo.findText("Equity Advisory Committee"))
    dialog.first_edit.setDate(dialog.first_edit.date().fromString("2026-01-01", "yyyy-MM-dd"))
    dialog.last_edit.setDate(dialog.last_edit.date().fromString("2026-06-01", "yyyy-MM-dd"))
    assert dialog.preview_label.text() == "6 meetings: Jan 13, Feb 10, Mar 10, Apr 14, May 12, Jun 9."
    dialog.ordinal_combo.setCurrentIndex(dialog.ordinal_combo.findData(5))
    dialog.weekday_combo.setCurrentIndex(4)  # fifth Friday
    assert "No meeting in February 2026" in dialog.preview_label.text()
    dialog.ordinal_combo.setCurrentIndex(dialog.ordinal_combo.findData(2))
    dialog.weekday_combo.setCurrentIndex(1)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    qtbot.waitUntil(lambda: page.view is not None)
    assert page.view.title_label.text() == "January meeting"
    titles = [page.model.index(r, page.model.column_of("title")).data() for r in range(page.model.rowCount())]
    assert sorted(t for t in titles if t in ("January meeting", "June meeting")) == ["January meeting", "June meeting"]
    assert page.model.rowCount() == 3 + 6
    made = sorted(m["id"] for m in window.services.meetings.list().rows)

    assert window.commands[CommandId.UNDO].text().replace("&", "") == "Undo New series of meetings"
    window.commands[CommandId.UNDO].trigger()
    wait_for_writes(qtbot)
    assert window.services.meetings.list().total == 3, "the six meetings of the series go as one step"
    window.commands[CommandId.REDO].trigger()
    wait_for_writes(qtbot)
    assert sorted(m["id"] for m in window.services.meetings.list().rows) == made, "back under the same ids"


def test_editing_the_schedule_updates_the_heading_and_the_end_words(qtbot, window, december):
    view = open_by_keyboard(qtbot, window, december)
    dialog = view.edit_schedule()
    dialog.end_edit.setTime(dialog.end_edit.time().fromString("19:00", "HH:mm"))
    dialog.zone_combo.setEditText("America/Denver")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    assert "6:00 PM – 7:00 PM (America/Denver)" in view.when_label.text()
    assert view.agenda.end_label.text() == "Runs 15 minutes past the scheduled end, 7:00 PM."
    dialog = view.edit_schedule()
    dialog.zone_combo.setEditText("Minnesota time")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    assert dialog.isVisible() and "Region/City" in dialog.error_label.text()
    assert window.services.meetings.get(december).time_zone == "America/Denver"
