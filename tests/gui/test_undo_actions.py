"""Undo stories on the Action items page: three items bulk-completed come back with one Edit › Undo, their
progress-log entries with them, and Redo completes them again; a new item is taken back; a note is taken out."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel

from equitydesk.domain.enums import ActionStatus
from equitydesk.gui.pages.actions_page import ActionsPage
from equitydesk.gui.pages.roster_page import RosterPage
from tests.gui.test_undo import menu_texts, redo, undo
from tests.gui.waiting import wait_for_writes


def actions_page(window) -> ActionsPage:
    page = window.show_page(ActionsPage)
    assert isinstance(page, ActionsPage)
    page.view_combo.setCurrentIndex(page.view_combo.findData("all"))
    return page


def select(page: ActionsPage, ids: list[int]) -> None:
    chosen = QItemSelection()
    for action_id in ids:
        row = page.model.row_of(action_id)
        chosen.select(page.model.index(row, 0), page.model.index(row, page.model.columnCount() - 1))
    page.table.selectionModel().select(chosen, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def test_bulk_complete_three_then_undo_and_redo_from_the_edit_menu(qtbot, window, committee):
    svc = window.services
    ids = committee.actions[:3]  # open, in progress, blocked
    before = {i: (svc.actions.get(i).status, svc.actions.get(i).completed_on) for i in ids}
    log_before = {i: svc.actions.updates(i) for i in ids}
    page = actions_page(window)
    select(page, ids)
    assert sorted(page.selected_ids()) == sorted(ids)
    dialog = page.open_bulk("status", ActionStatus.DONE)
    assert dialog is not None
    dialog.accept()
    wait_for_writes(qtbot)
    assert {svc.actions.get(i).status for i in ids} == {ActionStatus.DONE}
    assert all(len(svc.actions.updates(i)) == len(log_before[i]) + 1 for i in ids), "each move was logged"
    assert menu_texts(window)[0] == "&Undo Mark 3 items done"

    window.show_page(RosterPage)  # the step is the window's, not the page's
    undo(qtbot, window)
    assert {i: (svc.actions.get(i).status, svc.actions.get(i).completed_on) for i in ids} == before
    # Decided: the log entries the bulk edit wrote are taken out (not answered by "done → open" entries), so the
    # progress log reads as if the edit had not happened; the change log keeps both for accountability.
    assert {i: svc.actions.updates(i) for i in ids} == log_before
    assert menu_texts(window)[1] == "&Redo Mark 3 items done"

    redo(qtbot, window)
    assert {svc.actions.get(i).status for i in ids} == {ActionStatus.DONE}
    assert all(svc.actions.get(i).completed_on == svc.ctx.today() for i in ids)
    assert all(
        [(u.status_from, u.status_to) for u in svc.actions.updates(i)][-1] == (before[i][0], ActionStatus.DONE)
        for i in ids
    )
    undo(qtbot, window)
    assert {i: svc.actions.get(i).status for i in ids} == {i: s for i, (s, _c) in before.items()}, "undo again"


def test_a_new_item_is_taken_back_and_a_change_restored(qtbot, window, committee):
    svc = window.services
    page = actions_page(window)
    page.committee_combo.setCurrentIndex(page.committee_combo.findData(committee.committees["eac"]))
    dialog = page.add_action()
    assert dialog is not None
    qtbot.keyClicks(dialog.title, "Survey the students")
    dialog.accept()
    wait_for_writes(qtbot)
    (made,) = set(svc.actions.list_ids()) - set(committee.actions)
    assert menu_texts(window)[0] == "&Undo Add action item “Survey the students”"
    undo(qtbot, window)
    assert set(svc.actions.list_ids()) == set(committee.actions)
    redo(qtbot, window)
    assert svc.actions.get(made).title == "Survey the students", "back under the same id"

    target = committee.actions[1]
    dialog = page.edit_action(target)
    assert dialog is not None
    dialog.title.clear()
    qtbot.keyClicks(dialog.title, "Draft the guidelines")
    dialog.due.set_value(None)
    dialog.accept()
    wait_for_writes(qtbot)
    assert svc.actions.get(target).title == "Draft the guidelines" and svc.actions.get(target).due_on is None
    assert len(svc.actions.updates(target)) == 1, "the due date change was logged"
    undo(qtbot, window)
    assert svc.actions.get(target).title == "Draft the student voice guidelines"
    assert svc.actions.get(target).due_on is not None and svc.actions.updates(target) == []


def test_a_note_is_taken_out(qtbot, window, committee):
    svc = window.services
    target = committee.actions[0]
    page = actions_page(window)
    select(page, [target])
    dialog = page.open_bulk("note")
    assert dialog is not None
    qtbot.keyClicks(dialog.note, "Called the interpreters' agency")
    dialog.accept()
    wait_for_writes(qtbot)
    assert [u.note for u in svc.actions.updates(target)] == ["Called the interpreters' agency"]
    assert menu_texts(window)[0] == "&Undo Add progress note"
    undo(qtbot, window)
    assert svc.actions.updates(target) == []
    redo(qtbot, window)
    assert [u.note for u in svc.actions.updates(target)] == ["Called the interpreters' agency"]
