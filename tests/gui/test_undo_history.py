"""The undo history's rules, on a workspace without a window: the stack moves only once a write has committed,
a failed write never stays on it, and one undo at a time."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from equitydesk.gui.jobs import run_job
from equitydesk.gui.pages.roster_page import RosterPage
from equitydesk.gui.workspace import ROSTER
from equitydesk.services.errors import DomainError
from tests.gui.waiting import wait_for_writes


@pytest.fixture
def warned(monkeypatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text, *a, **k: shown.append((title, text)))
    return shown


def pronouns(workspace, person_id: int, text: str | None, name: str = "Edit"):
    return workspace.undoable(
        None,
        name,
        do=lambda s: s.people.edit(person_id, pronouns=text),
        undo=lambda s, edited: s.people.update(person_id, **edited.before),
        changes=ROSTER,
    )


def test_a_write_that_fails_never_reaches_the_stack(qtbot, workspace, committee, warned):
    def refuse(_s):
        raise DomainError("This person no longer exists (they may have been deleted or merged).")

    workspace.undoable(None, "Edit Yer Lor", do=refuse, undo=lambda s, r: None, changes=ROSTER).run()
    wait_for_writes(qtbot)
    assert workspace.history.stack.count() == 0
    assert warned == [("Edit Yer Lor", "This person no longer exists (they may have been deleted or merged).")]


def test_the_stack_moves_only_after_the_write_committed(qtbot, workspace, committee):
    release = threading.Event()
    run_job(None, "A long import", lambda _p, _c: release.wait(10), show_progress=False)
    pronouns(workspace, committee.people["Yer"], "she/her").without_progress().run()
    qtbot.wait(50)
    assert workspace.history.stack.count() == 0, "still waiting its turn: nothing to undo yet"
    release.set()
    wait_for_writes(qtbot)
    assert workspace.history.stack.count() == 1 and workspace.history.undo_text() == "Edit"


def test_one_undo_at_a_time(qtbot, workspace, committee):
    yer = committee.people["Yer"]
    pronouns(workspace, yer, "she/her", "First").run()
    pronouns(workspace, yer, "they/them", "Second").run()
    wait_for_writes(qtbot)
    history = workspace.history
    assert history.undo() is not None
    assert history.busy and not history.can_undo() and history.undo() is None, "a second press waits"
    wait_for_writes(qtbot)
    assert workspace.services.people.get(yer).pronouns == "she/her" and history.undo_text() == "First"


def test_a_redo_that_fails_takes_the_steps_above_it_off_too(qtbot, workspace, committee, warned):
    yer = committee.people["Yer"]
    pronouns(workspace, yer, "she/her", "First").run()
    pronouns(workspace, yer, "they/them", "Second").run()
    wait_for_writes(qtbot)
    history = workspace.history
    for _ in range(2):
        history.undo()
        wait_for_writes(qtbot)
    assert history.redo_text() == "First" and history.stack.count() == 2
    workspace.services.people.delete(yer)
    history.redo()
    wait_for_writes(qtbot)
    assert history.stack.count() == 0, "Second built on First: both are off the list"
    assert len(warned) == 1 and warned[0][1].endswith("so “First” could not be redone and is off the list.")


def test_removing_a_membership_is_undone_with_its_id(qtbot, window, committee, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page = window.show_page(RosterPage)
    hodan = committee.people["Hodan"]
    page.select_id(hodan)
    panel = page.memberships
    qtbot.waitUntil(lambda: panel.selected_membership_id() is not None)
    membership = panel.selected_membership_id()
    panel.remove_membership()
    wait_for_writes(qtbot)
    assert window.services.people.memberships_of(hodan) == []
    assert window.edit_menu.actions()[0].text() == "&Undo Remove membership in Equity Advisory Committee"
    window.edit_commands.undo()
    wait_for_writes(qtbot)
    back = window.services.people.memberships_of(hodan)
    assert [m.id for m in back] == [membership] and back[0].role.value == "member"
    assert panel.table.rowCount() == 1
    assert panel.table.item(0, 0).data(Qt.ItemDataRole.UserRole) == membership


def test_a_membership_that_started_a_committee_is_undone_with_it(qtbot, window, committee):
    page = window.show_page(RosterPage)
    yer = committee.people["Yer"]
    page.select_id(yer)
    dialog = page.memberships.add_membership()
    dialog.ui.committeeCombo.setEditText("Student Advisory Council")
    qtbot.mouseClick(dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    s = window.services
    assert s.committees.by_name("Student Advisory Council") is not None
    assert window.edit_menu.actions()[0].text() == "&Undo Add membership in Student Advisory Council"
    window.edit_commands.undo()
    wait_for_writes(qtbot)
    assert s.committees.by_name("Student Advisory Council") is None, "no empty committee left behind"
    assert [m.committee_name for m in s.people.memberships_of(yer)] == ["Achievement and Integration Plan Team"]
    window.edit_commands.redo()
    wait_for_writes(qtbot)
    assert {m.committee_name for m in s.people.memberships_of(yer)} == {
        "Achievement and Integration Plan Team",
        "Student Advisory Council",
    }
