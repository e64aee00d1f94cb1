"""Story: what the roster shows and offers for the selected person follows the selection through every re-filter."""

from __future__ import annotations

from PySide6.QtCore import Qt

from equitydesk.gui.commands import CommandId
from equitydesk.gui.pages.roster_page import RosterPage

NOBODY_MEMBERSHIPS = "Memberships — select a person to see their committees"
NOBODY_ATTENDANCE = "Attendance — select a person to see the meetings they attended"


def roster(window) -> RosterPage:
    page = window.show_page(RosterPage)
    assert isinstance(page, RosterPage)
    return page


def click_person(qtbot, page: RosterPage, person_id: int) -> None:
    index = page.model.index(page.model.row_of(person_id), page.model.column_of("email"))
    page.table.scrollTo(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=page.table.visualRect(index).center())
    assert page.selected_ids() == [person_id]


def search(qtbot, page: RosterPage, text: str, count: str) -> None:
    page.search.clear()
    qtbot.keyClicks(page.search, text)
    qtbot.waitUntil(lambda: page.count_label.text() == count, timeout=2000)


def test_a_search_that_hides_the_selected_person_empties_the_panels_and_disables_her_commands(qtbot, window, committee):
    page = roster(window)
    commands = page.commands
    click_person(qtbot, page, committee.people["Linda"])
    assert page.memberships.heading.text() == "Memberships of Anderson, Linda"
    assert commands[CommandId.EDIT_PERSON].isEnabled() and commands[CommandId.EDIT_MEMBERSHIP].isEnabled()

    search(qtbot, page, "somali", "3 people")  # Linda speaks English only

    assert page.selected_ids() == []
    assert page.memberships.heading.text() == NOBODY_MEMBERSHIPS
    assert page.attendance.heading.text() == NOBODY_ATTENDANCE
    assert page.memberships.table.rowCount() == 0 and page.details.tabText(0) == "Memberships"
    assert not commands[CommandId.EDIT_PERSON].isEnabled()
    assert not commands[CommandId.EDIT_MEMBERSHIP].isEnabled()
    assert not commands[CommandId.ADD_MEMBERSHIP].isEnabled()
    commands[CommandId.EDIT_MEMBERSHIP].trigger()
    commands[CommandId.EDIT_PERSON].trigger()
    assert page.memberships.dialog is None, "Edit membership must not open the hidden person's record"
    assert page.dialog is None
    assert page.memberships.edit_membership() is None and page.edit_person() is None


def test_the_selection_stays_while_the_person_is_still_listed(qtbot, window, committee):
    page = roster(window)
    hodan = committee.people["Hodan"]
    search(qtbot, page, "somali", "3 people")
    click_person(qtbot, page, hodan)

    search(qtbot, page, "somali roosevelt", "2 people")  # Hodan and Amina
    assert page.selected_ids() == [hodan]
    assert page.memberships.heading.text() == "Memberships of Abdi Warsame, Hodan"
    assert page.commands[CommandId.EDIT_PERSON].isEnabled()

    page.table.sortByColumn(page.model.column_of("email"), Qt.SortOrder.DescendingOrder)  # a sort resets too
    assert page.selected_ids() == [hodan]
    assert page.table.currentIndex().row() == page.model.row_of(hodan)
    assert page.memberships.heading.text() == "Memberships of Abdi Warsame, Hodan"


def test_a_filter_a_refresh_and_another_database_each_clear_or_keep_the_selection(qtbot, window, committee, fresh_db):
    page = roster(window)
    thomas, linda = committee.people["Thomas"], committee.people["Linda"]
    click_person(qtbot, page, thomas)
    page.committee_combo.setCurrentIndex(page.committee_combo.findText("Equity Advisory Committee"))
    assert page.selected_ids() == []  # Thomas sits on the A&I team only
    assert page.memberships.heading.text() == NOBODY_MEMBERSHIPS
    assert not page.commands[CommandId.EDIT_PERSON].isEnabled()

    click_person(qtbot, page, linda)
    page.refresh()
    assert page.selected_ids() == [linda]
    assert page.attendance.heading.text() == "Attendance of Anderson, Linda"

    assert window.open_path(fresh_db("other.sqlite"))
    assert page.selected_ids() == []
    assert page.memberships.heading.text() == NOBODY_MEMBERSHIPS
