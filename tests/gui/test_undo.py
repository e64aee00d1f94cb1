"""Undo stories: take a roster edit back from the Edit menu and make it again; a merge; three people archived;
undo after switching pages; a failed undo said plainly; the list emptied, and why, after a roster import."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWizard
from roster_import_samples import EAC, messy_roster

from equitydesk.gui.commands import CommandId
from equitydesk.gui.pages.actions_page import ActionsPage
from equitydesk.gui.pages.home_page import HomePage
from equitydesk.gui.pages.roster_page import RosterPage
from equitydesk.services.errors import NotFound
from tests.gui.test_roster_import_wizard import COLUMNS, PREVIEW, RESULT, SHEET, choose_committee, go_next, open_wizard
from tests.gui.waiting import wait_for_writes


def roster(window) -> RosterPage:
    page = window.show_page(RosterPage)
    assert isinstance(page, RosterPage)
    return page


def menu_texts(window) -> tuple[str, str]:
    texts = [a.text() for a in window.edit_menu.actions()]
    return texts[0], texts[1]


def undo(qtbot, window) -> None:
    action = window.commands[CommandId.UNDO]
    assert action.isEnabled()
    action.trigger()
    wait_for_writes(qtbot)


def redo(qtbot, window) -> None:
    action = window.commands[CommandId.REDO]
    assert action.isEnabled()
    action.trigger()
    wait_for_writes(qtbot)


def edit_pronouns(qtbot, window, person_id: int, text: str) -> None:
    dialog = roster(window).edit_person(person_id)
    dialog.ui.pronounsEdit.clear()
    qtbot.keyClicks(dialog.ui.pronounsEdit, text)
    qtbot.mouseClick(dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)


def click_row(qtbot, page: RosterPage, person_id: int, *, add: bool = False) -> None:
    index = page.model.index(page.model.row_of(person_id), page.model.column_of("email"))
    page.table.scrollTo(index)
    modifier = Qt.KeyboardModifier.ControlModifier if add else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, modifier, page.table.visualRect(index).center())


def test_a_roster_edit_is_undone_and_redone_from_the_edit_menu(qtbot, window, committee):
    yer = committee.people["Yer"]
    assert menu_texts(window) == ("&Undo", "&Redo") and not window.commands[CommandId.UNDO].isEnabled()
    assert window.commands[CommandId.UNDO].shortcut().toString() == "Ctrl+Z"
    assert {"Ctrl+Shift+Z", "Ctrl+Y"} <= {k.toString() for k in window.commands[CommandId.REDO].shortcuts()}
    edit_pronouns(qtbot, window, yer, "she/her")
    assert window.services.people.get(yer).pronouns == "she/her"
    assert menu_texts(window) == ("&Undo Edit Yer Lor", "&Redo")

    undo(qtbot, window)
    assert window.services.people.get(yer).pronouns is None
    assert menu_texts(window) == ("&Undo", "&Redo Edit Yer Lor")
    assert window.statusBar().currentMessage() == "Undone: Edit Yer Lor."

    redo(qtbot, window)
    assert window.services.people.get(yer).pronouns == "she/her"
    assert menu_texts(window) == ("&Undo Edit Yer Lor", "&Redo")


def test_adding_a_person_is_undone_and_they_come_back_under_their_id(qtbot, window, committee):
    page = roster(window)
    dialog = page.add_person()
    qtbot.keyClicks(dialog.ui.givenNameEdit, "Nyakim")
    qtbot.keyClicks(dialog.ui.familyNameEdit, "Gatwech")
    qtbot.mouseClick(dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    added = dialog.person_id
    assert page.count_label.text() == "13 people" and menu_texts(window)[0] == "&Undo Add Nyakim Gatwech"
    undo(qtbot, window)
    assert page.count_label.text() == "12 people"
    with pytest.raises(NotFound):
        window.services.people.get(added)
    redo(qtbot, window)
    assert window.services.people.get(added).given_name == "Nyakim"


def test_a_merge_is_undone(qtbot, window, committee):
    s = window.services
    hodan = committee.people["Hodan"]
    dup = s.people.create(given_name="Hodan", family_name="Abdi Warsame", phone="612-555-0199")
    s.memberships.create(person_id=dup.id, committee_id=committee.committees["ai"], role="member")
    s.attendance.create(meeting_id=committee.meetings[0], person_id=dup.id, status="present")
    page = roster(window)
    page.refresh()
    click_row(qtbot, page, hodan)
    click_row(qtbot, page, dup.id, add=True)
    dialog = page.merge_people()
    dialog.keep(hodan)
    assert "Edit › Undo takes the merge back." in dialog.ui.previewLabel.text()
    qtbot.mouseClick(dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.merge_dialog is None)
    wait_for_writes(qtbot)
    assert page.count_label.text() == "12 people"
    assert menu_texts(window)[0] == "&Undo Merge two records of Hodan Abdi Warsame"

    undo(qtbot, window)
    assert page.count_label.text() == "13 people"
    back = s.people.get(dup.id)
    assert (back.phone, back.email) == ("612-555-0199", None)
    assert s.people.get(hodan).phone is None, "the kept record gives back what it gained"
    assert [m.committee_name for m in s.people.memberships_of(dup.id)] == ["Achievement and Integration Plan Team"]
    assert [r["meeting"] for r in s.attendance.history_of(dup.id)] == ["October meeting"]
    redo(qtbot, window)
    assert page.count_label.text() == "12 people" and s.people.get(hodan).phone == "612-555-0199"


def test_three_people_archived_come_back_with_one_undo(qtbot, window, committee, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page = roster(window)
    three = [committee.people[name] for name in ("Hodan", "Linda", "Sarah")]
    click_row(qtbot, page, three[0])
    for person_id in three[1:]:
        click_row(qtbot, page, person_id, add=True)
    window.commands[CommandId.ARCHIVE_PERSON].trigger()
    wait_for_writes(qtbot)
    assert page.count_label.text() == "9 people"
    assert menu_texts(window)[0] == "&Undo Archive 3 people"
    undo(qtbot, window)
    assert page.count_label.text() == "12 people"
    assert not any(window.services.people.get(p).archived for p in three)
    assert menu_texts(window) == ("&Undo", "&Redo Archive 3 people")


def test_undo_survives_switching_pages(qtbot, window, committee):
    yer = committee.people["Yer"]
    edit_pronouns(qtbot, window, yer, "they/them")
    window.show_page(ActionsPage)
    window.show_page(HomePage)
    assert menu_texts(window)[0] == "&Undo Edit Yer Lor"
    undo(qtbot, window)
    assert window.services.people.get(yer).pronouns is None


def test_an_undo_that_cannot_be_done_says_why_and_leaves_the_list(qtbot, window, committee, monkeypatch):
    warned: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text, *a, **k: warned.append((title, text)))
    yer, linda = committee.people["Yer"], committee.people["Linda"]
    edit_pronouns(qtbot, window, linda, "she/her")
    edit_pronouns(qtbot, window, yer, "she/her")
    window.services.people.delete(yer)  # another program erased her meanwhile
    undo(qtbot, window)
    assert len(warned) == 1
    title, text = warned[0]
    assert title == "Undo Edit Yer Lor"
    assert text.endswith("so “Edit Yer Lor” could not be undone and is off the list.")
    assert "Traceback" not in text
    assert menu_texts(window) == ("&Undo Edit Linda Anderson", "&Redo"), "the failed step is gone, not redoable"
    undo(qtbot, window)
    assert window.services.people.get(linda).pronouns is None


def test_a_roster_import_empties_the_undo_list_and_points_to_undo_import(
    qtbot, window, committee, tmp_path, monkeypatch
):
    edit_pronouns(qtbot, window, committee.people["Yer"], "she/her")
    assert window.commands[CommandId.UNDO].isEnabled()
    wizard = open_wizard(qtbot, window, monkeypatch, messy_roster(tmp_path / "EAC roster 2025.xlsx"))
    go_next(qtbot, wizard, SHEET)
    go_next(qtbot, wizard, COLUMNS)
    go_next(qtbot, wizard, PREVIEW)
    choose_committee(qtbot, wizard, EAC)
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=5000)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT, timeout=10_000)
    assert not window.commands[CommandId.UNDO].isEnabled() and menu_texts(window) == ("&Undo", "&Redo")
    assert window.statusBar().currentMessage() == (
        "The undo list was emptied: the import changed the roster; Roster › Undo an import… takes it back."
    )
    wizard.reject()


def test_opening_another_database_starts_an_empty_list(qtbot, window, committee, fresh_db):
    edit_pronouns(qtbot, window, committee.people["Yer"], "she/her")
    assert window.open_path(fresh_db("other.sqlite"))
    assert not window.commands[CommandId.UNDO].isEnabled()
    assert window.statusBar().currentMessage() == "The undo list was emptied: another database is open."
