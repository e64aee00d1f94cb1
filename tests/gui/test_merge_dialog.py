"""Stories about people's records on the roster: merge two records, archive and restore, read attendance."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from equitydesk.gui.commands import CommandId
from equitydesk.gui.pages.roster_page import RosterPage
from equitydesk.services.errors import NotFound
from tests.gui.waiting import wait_for_writes


def roster(window) -> RosterPage:
    page = window.show_page(RosterPage)
    assert isinstance(page, RosterPage)
    return page


def click_row(qtbot, page: RosterPage, person_id: int, *, add: bool = False) -> None:
    index = page.model.index(page.model.row_of(person_id), page.model.column_of("email"))
    page.table.scrollTo(index)
    modifier = Qt.KeyboardModifier.ControlModifier if add else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, modifier, page.table.visualRect(index).center())


def table_text(table) -> list[list[str]]:
    return [
        [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


@pytest.fixture
def duplicate(window, committee) -> int:
    """Hodan entered a second time, by a sign-up form: another phone, fewer languages, on the other committee,
    and at the October meeting."""
    s = window.services
    dup = s.people.create(given_name="Hodan", family_name="Abdi Warsame", phone="612-555-0199", languages="Somali")
    s.memberships.create(person_id=dup.id, committee_id=committee.committees["ai"], role="member")
    s.attendance.create(meeting_id=committee.meetings[0], person_id=dup.id, status="present")
    roster(window).refresh()
    return dup.id


def test_merge_two_records_of_one_person(qtbot, window, committee, duplicate):
    page = roster(window)
    hodan = committee.people["Hodan"]
    assert not window.commands[CommandId.MERGE_PEOPLE].isEnabled()
    click_row(qtbot, page, hodan)
    click_row(qtbot, page, duplicate, add=True)
    assert sorted(page.selected_ids()) == sorted([hodan, duplicate])
    assert page.selected_id() is None and not window.commands[CommandId.EDIT_PERSON].isEnabled()
    assert "2 people selected" in page.memberships.heading.text()
    assert window.commands[CommandId.MERGE_PEOPLE].isEnabled()

    window.commands[CommandId.MERGE_PEOPLE].trigger()
    qtbot.waitUntil(lambda: page.merge_dialog is not None and page.merge_dialog.isVisible())
    dialog = page.merge_dialog
    # The record with the e-mail is the one to keep here; the chair says so with the radio button.
    radio = dialog.ui.keepFirstRadio if dialog.ids[0] == hodan else dialog.ui.keepSecondRadio
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton)
    assert dialog.preview.kept.person.id == hodan
    rows = {row[0]: row for row in table_text(dialog.ui.comparisonTable)}
    assert rows["Phone"][3:] == ["612-555-0199", "filled in"]
    # Languages combine rather than conflict: "Somali" adds nothing to "Somali, English", so nothing to flag.
    assert rows["Languages"][3:] == ["Somali, English", ""]
    assert rows["Committees"][3] == "2: Achievement and Integration Plan Team, Equity Advisory Committee"
    assert rows["Attendance"][3] == "1 meeting recorded"
    preview = dialog.ui.previewLabel.text()
    assert "Filled in from the other record:</span> Phone." in preview
    assert "Languages" not in preview

    qtbot.mouseClick(dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.merge_dialog is None)

    s = window.services
    kept = s.people.get(hodan)
    assert (kept.email, kept.phone, kept.languages) == ("hodan@example.org", "612-555-0199", "Somali, English")
    with pytest.raises(NotFound):
        s.people.get(duplicate)
    assert {m.committee_name for m in s.people.memberships_of(hodan)} == {
        "Equity Advisory Committee",
        "Achievement and Integration Plan Team",
    }
    assert [r["meeting"] for r in s.attendance.history_of(hodan)] == ["October meeting"]
    assert page.count_label.text() == "12 people" and page.selected_id() == hodan
    message = window.statusBar().currentMessage()
    assert message.startswith("Merged into Hodan Abdi Warsame: filled in Phone; 1 membership moved")
    assert page.memberships.table.rowCount() == 2


def test_choosing_the_other_record_swaps_the_preview(qtbot, window, committee, duplicate):
    page = roster(window)
    click_row(qtbot, page, committee.people["Hodan"])
    click_row(qtbot, page, duplicate, add=True)
    dialog = page.merge_people()
    dialog.keep(duplicate)
    header = dialog.ui.comparisonTable.horizontalHeaderItem
    kept_column = 1 if dialog.ids[0] == duplicate else 2
    assert header(kept_column).text().endswith("(kept)") and header(3 - kept_column).text().endswith("(removed)")
    assert "E-mail" in dialog.ui.previewLabel.text().split("Filled in from the other record:")[1]
    dialog.reject()
    assert window.services.people.get(duplicate).email is None, "cancel merges nothing"


def test_a_record_gone_meanwhile_says_so_and_keeps_the_other(qtbot, window, committee, duplicate):
    page = roster(window)
    click_row(qtbot, page, committee.people["Hodan"])
    click_row(qtbot, page, duplicate, add=True)
    dialog = page.merge_people()
    dialog.keep(committee.people["Hodan"])
    window.services.people.delete(duplicate)  # another window, or an undone import
    dialog.accept()
    wait_for_writes(qtbot)
    assert dialog.isVisible() and dialog.ui.errorLabel.text() == "One of these people no longer exists."
    assert window.services.people.get(committee.people["Hodan"]).phone is None
    dialog.reject()


def test_archive_then_find_with_show_archived_and_restore(qtbot, window, committee, monkeypatch):
    page = roster(window)
    questions = []
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda _p, _t, text, *a: questions.append(text) or QMessageBox.Yes)
    )
    chue, linda = committee.people["Chue"], committee.people["Linda"]
    click_row(qtbot, page, chue)
    click_row(qtbot, page, linda, add=True)
    window.commands[CommandId.ARCHIVE_PERSON].trigger()
    wait_for_writes(qtbot)
    assert questions == [
        "Archive these 2 people? They leave the roster lists; their memberships, attendance and history are "
        "kept. Tick Show archived to find and restore them."
    ]
    assert page.count_label.text() == "10 people" and page.model.row_of(chue) == -1
    assert window.services.people.get(chue).archived and window.services.people.get(linda).archived
    assert not page.restore_button.isVisible()

    qtbot.mouseClick(page.archived_check, Qt.MouseButton.LeftButton)
    assert page.count_label.text() == "12 people"
    assert page.restore_button.isVisible()
    header = page.table.horizontalHeader()
    assert not header.isSectionHidden(page.model.column_of("archived")), "the Archived column says which are"
    row = page.model.row_of(chue)
    assert page.model.index(row, page.model.column_of("archived")).data() == "Yes"
    assert page.model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None, "and they are greyed"
    click_row(qtbot, page, chue)
    assert page.memberships.heading.text() == "Memberships of Thao, Chue (archived)"
    assert window.commands[CommandId.RESTORE_PERSON].isEnabled()
    assert not window.commands[CommandId.ARCHIVE_PERSON].isEnabled()

    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    assert window.services.people.get(chue).archived is False
    assert window.services.people.get(linda).archived is True
    assert page.selected_id() == chue and window.commands[CommandId.ARCHIVE_PERSON].isEnabled()
    assert window.statusBar().currentMessage() == "Restored 1 person."

    qtbot.mouseClick(page.archived_check, Qt.MouseButton.LeftButton)
    assert page.count_label.text() == "11 people" and page.model.row_of(chue) >= 0
    assert header.isSectionHidden(page.model.column_of("archived"))


def test_attendance_tab_lists_a_persons_meetings_newest_first(qtbot, window, committee):
    s = window.services
    hodan = committee.people["Hodan"]
    october, november = committee.meetings[:2]
    s.attendance.create(meeting_id=october, person_id=hodan, status="present")
    s.attendance.create(meeting_id=november, person_id=hodan, status="absent")
    page = roster(window)
    page.refresh()
    click_row(qtbot, page, hodan)
    page.details.setCurrentWidget(page.attendance)
    assert page.attendance.isVisible()
    assert page.details.tabText(1) == "Attendance (2)" and page.details.tabText(0) == "Memberships (1)"
    assert page.attendance.heading.text() == "Attendance of Abdi Warsame, Hodan"
    assert page.attendance.summary.text() == "Attended 1 of 2 meetings (50%)"
    rows = table_text(page.attendance.table)
    assert [r[1:] for r in rows] == [
        ["Equity Advisory Committee", "November meeting", "Absent"],
        ["Equity Advisory Committee", "October meeting", "Present"],
    ]
    assert page.attendance.table.item(0, 3).foreground().color().name() == "#b00020"

    click_row(qtbot, page, committee.people["Linda"])
    assert page.attendance.summary.text() == "No attendance recorded yet"
    assert page.attendance.table.rowCount() == 0
