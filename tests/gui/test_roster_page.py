"""Roster stories: search and filter the people, edit a person by double-click, archive, manage memberships."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from equitydesk.db.engine import open_database
from equitydesk.gui.commands import CommandId
from equitydesk.gui.pages.roster_page import RosterPage
from equitydesk.services.registry import services_for
from tests.gui.waiting import wait_for_writes


def roster(window) -> RosterPage:
    page = window.show_page(RosterPage)
    assert isinstance(page, RosterPage)
    return page


def names(page: RosterPage) -> list[str]:
    column = page.model.column_of("name")
    return [page.model.index(r, column).data() for r in range(page.model.rowCount())]


def cell_rect(page: RosterPage, person_id: int):
    index = page.model.index(page.model.row_of(person_id), page.model.column_of("email"))
    page.table.scrollTo(index)
    return page.table.visualRect(index)


def double_click(qtbot, page: RosterPage, person_id: int):
    rect = cell_rect(page, person_id)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    return page.dialog


def test_typing_in_search_narrows_the_list(qtbot, window, committee):
    page = roster(window)
    assert page.count_label.text() == "12 people"
    qtbot.keyClicks(page.search, "somali")
    assert page.model.rowCount() == 12, "nothing happens while the user is still typing"
    qtbot.waitUntil(lambda: page.count_label.text() == "3 people", timeout=2000)
    assert sorted(names(page)) == ["Abdi Warsame, Hodan", "Abdullahi Jama, Amina", "Hassan Ali, Fadumo"]
    page.search.clear()
    qtbot.keyClicks(page.search, "lincoln elem")
    qtbot.waitUntil(lambda: page.count_label.text() == "2 people", timeout=2000)
    qtbot.keyClicks(page.search, "zzz")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=2000)
    assert page.empty_label.isVisible()
    assert page.empty_label.text() == "No people match the search and filters."
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    assert page.search.text() == "" and page.model.rowCount() == 12


def test_filters_narrow_by_committee_group_term_and_language(qtbot, window, committee):
    page = roster(window)
    page.committee_combo.setCurrentIndex(page.committee_combo.findText("Achievement and Integration Plan Team"))
    assert sorted(names(page)) == ["Bearheart, Thomas", "Lindqvist, Erik", "Lor, Yer"]
    page.term_combo.setCurrentIndex(page.term_combo.findText("Past term"))
    assert names(page) == ["Bearheart, Thomas"]
    page.committee_combo.setCurrentIndex(0)
    assert sorted(names(page)) == ["Bearheart, Thomas", "Thao, Chue"]
    page.term_combo.setCurrentIndex(page.term_combo.findText("Term ending soon"))
    assert sorted(names(page)) == ["Abdi Warsame, Hodan", "Hassan Ali, Fadumo"]
    page.term_combo.setCurrentIndex(0)
    page.group_combo.setCurrentIndex(page.group_combo.findText("Parent/guardian"))
    assert page.model.rowCount() == 3
    page.group_combo.setCurrentIndex(0)
    qtbot.mouseClick(page.interpreter_check, Qt.MouseButton.LeftButton)
    assert sorted(names(page)) == ["Hassan Ali, Fadumo", "Hernández López, María José", "Lor, Yer", "Thao, Chue"]
    qtbot.keyClicks(page.language_field, "hmong")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=2000)
    page.interpreter_check.setChecked(False)
    page.language_field.clear()
    page.language_field.flush()
    assert page.model.rowCount() == 12


def test_edit_a_persons_email_and_it_is_in_the_file(qtbot, window, db_path, committee):
    page = roster(window)
    hodan = committee.people["Hodan"]
    dialog = double_click(qtbot, page, hodan)
    assert dialog.windowTitle() == "Edit Hodan Abdi Warsame"
    dialog.ui.emailEdit.selectAll()
    qtbot.keyClicks(dialog.ui.emailEdit, "hodan.abdi@example.org")
    qtbot.mouseClick(dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert page.selected_id() == hodan, "the edited person stays selected"
    row = page.model.row_of(hodan)
    assert page.model.index(row, page.model.column_of("email")).data() == "hodan.abdi@example.org"

    window.close()  # close the window's database, then read the file afresh
    reopened = open_database(db_path)
    try:
        assert services_for(reopened).people.get(hodan).email == "hodan.abdi@example.org"
    finally:
        reopened.dispose()


def test_a_bad_email_shows_an_error_and_changes_nothing(qtbot, window, db_path, committee):
    page = roster(window)
    linda = committee.people["Linda"]
    dialog = double_click(qtbot, page, linda)
    dialog.ui.emailEdit.selectAll()
    qtbot.keyClicks(dialog.ui.emailEdit, "linda@@example")
    qtbot.mouseClick(dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    assert dialog.isVisible()
    assert "is not an e-mail address" in dialog.ui.errorLabel.text()
    assert dialog.ui.emailEdit.text() == "linda@@example"
    qtbot.mouseClick(dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    window.close()
    reopened = open_database(db_path)
    try:
        assert services_for(reopened).people.get(linda).email == "linda@example.org"
    finally:
        reopened.dispose()


def test_enter_opens_the_selected_person(qtbot, window, committee):
    page = roster(window)
    page.select_id(committee.people["Yer"])
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.dialog is not None)
    assert page.dialog.windowTitle() == "Edit Yer Lor"
    page.dialog.reject()


def test_add_a_person(qtbot, window, committee):
    page = roster(window)
    window.commands[CommandId.ADD_PERSON].trigger()
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    qtbot.keyClicks(dialog.ui.givenNameEdit, "Ayaan")
    qtbot.keyClicks(dialog.ui.familyNameEdit, "Abdi")
    qtbot.keyClicks(dialog.ui.languagesEdit, "Somali")
    dialog.accept()
    wait_for_writes(qtbot)
    assert page.count_label.text() == "13 people"
    assert page.model.row_values(page.model.row_of(page.selected_id()))["name"] == "Abdi, Ayaan"
    assert "13 people" in window.counts_label.text()


def test_archive_takes_a_person_off_the_list(qtbot, window, committee, monkeypatch):
    page = roster(window)
    questions = []

    def answer(parent, title, text, *args):
        questions.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer))
    chue = committee.people["Chue"]
    page.select_id(chue)
    assert window.commands[CommandId.ARCHIVE_PERSON].isEnabled()
    window.commands[CommandId.ARCHIVE_PERSON].trigger()
    wait_for_writes(qtbot)
    assert questions and "Chue Thao" in questions[0]
    assert page.model.row_of(chue) == -1 and page.model.rowCount() == 11
    assert page.selected_id() is None and not window.commands[CommandId.EDIT_PERSON].isEnabled()
    assert window.services.people.get(chue).archived is True


def test_memberships_panel_follows_the_selection(qtbot, window, committee, monkeypatch):
    page = roster(window)
    panel = page.memberships
    assert not window.commands[CommandId.ADD_MEMBERSHIP].isEnabled()
    page.select_id(committee.people["María José"])
    assert panel.heading.text() == "Memberships of Hernández López, María José"
    assert panel.table.rowCount() == 1
    assert [panel.table.item(0, c).text() for c in range(3)] == ["Equity Advisory Committee", "Co-chair",
                                                                 "Parent/guardian"]  # fmt: skip

    dialog = panel.add_membership()
    qtbot.waitUntil(lambda: dialog.isVisible())
    dialog.ui.committeeCombo.setCurrentIndex(dialog.ui.committeeCombo.findText("Achievement and Integration Plan Team"))
    dialog.accept()
    wait_for_writes(qtbot)
    assert panel.table.rowCount() == 2
    committees_cell = page.model.row_values(page.model.row_of(committee.people["María José"]))["committees"]
    assert "Achievement and Integration Plan Team" in committees_cell, "the roster's Committees column follows"

    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a: QMessageBox.StandardButton.Yes))
    panel.table.selectRow(0)
    window.commands[CommandId.REMOVE_MEMBERSHIP].trigger()
    wait_for_writes(qtbot)
    assert panel.table.rowCount() == 1
    assert len(window.services.people.memberships_of(committee.people["María José"])) == 1


def test_edit_a_membership_from_the_panel(qtbot, window, committee):
    page = roster(window)
    page.select_id(committee.people["Linda"])
    page.memberships.table.selectRow(0)
    dialog = page.memberships.edit_membership()
    qtbot.waitUntil(lambda: dialog.isVisible())
    dialog.ui.roleCombo.setCurrentIndex(dialog.ui.roleCombo.findText("Co-chair"))
    dialog.accept()
    wait_for_writes(qtbot)
    assert page.memberships.table.item(0, 1).text() == "Co-chair"


def test_a_dropped_roster_file_goes_to_the_import_wizard(qtbot, window, tmp_path):
    page = RosterPage()  # a page of its own: the window's page already has the import wizard listening
    qtbot.addWidget(page)
    page.set_workspace(window.workspace)
    sheet = tmp_path / "roster from HR.xlsx"
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(sheet))])
    assert page.dropped_roster_file(mime) is None, "no wizard listening yet: the drop is refused"
    received = []
    page.roster_file_dropped.connect(received.append)
    assert page.dropped_roster_file(mime) == sheet
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)  # fmt: skip
    page.dropEvent(drop)
    assert received == [sheet] and drop.isAccepted()
    notes = QMimeData()
    notes.setUrls([QUrl.fromLocalFile(str(tmp_path / "notes.txt"))])
    assert page.dropped_roster_file(notes) is None


def test_clicking_a_header_sorts_in_sql(qtbot, window, committee):
    page = roster(window)
    header = page.table.horizontalHeader()
    column = page.model.column_of("email")
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert page.model.sort_key == "email"
    emails = [page.model.row_values(r)["email"] for r in range(page.model.rowCount())]
    assert emails[0] == "amina@example.org" and emails[-1] is None, "ascending, people without e-mail last"
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert page.model.row_values(0)["email"] == "yer@example.org"


def test_hidden_columns_stay_hidden_next_time(qtbot, window, new_window, db_path):
    page = roster(window)
    header = page.table.horizontalHeader()
    assert header.isSectionHidden(page.model.column_of("preferred_name")), "hidden until asked for"
    page.set_column_visible("phone", False)
    page.set_column_visible("preferred_name", True)
    window.close()
    again = new_window()
    assert again.open_path(db_path)
    page = roster(again)
    header = page.table.horizontalHeader()
    assert header.isSectionHidden(page.model.column_of("phone"))
    assert not header.isSectionHidden(page.model.column_of("preferred_name"))
