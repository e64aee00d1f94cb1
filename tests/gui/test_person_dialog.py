"""The person editor: loads a person, saves through the service, keeps the dialog open on a rule broken."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from equitydesk.gui.dialogs.person_dialog import PersonDialog
from tests.gui.waiting import wait_for_writes


def click_ok(qtbot, dialog: PersonDialog) -> None:
    qtbot.mouseClick(dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)


def open_dialog(qtbot, workspace, person_id=None) -> PersonDialog:
    dialog = PersonDialog(workspace, person_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_it_shows_the_person(qtbot, services, workspace, committee):
    dialog = open_dialog(qtbot, workspace, committee.people["María José"])
    assert dialog.windowTitle() == "Edit María José Hernández López"
    assert dialog.ui.emailEdit.text() == "maria@example.org"
    assert dialog.ui.interpreterLanguageEdit.text() == "Spanish"
    assert dialog.ui.pronounsEdit.text() == ""
    assert not dialog.ui.errorLabel.isVisible()


def test_typed_changes_are_saved(qtbot, services, workspace, committee):
    person_id = committee.people["Yer"]
    dialog = open_dialog(qtbot, workspace, person_id)
    saved = []
    dialog.saved.connect(saved.append)
    dialog.ui.pronounsEdit.setFocus()
    qtbot.keyClicks(dialog.ui.pronounsEdit, "she/her")
    dialog.ui.accessibilityNeedsEdit.setPlainText("Large print agenda")
    assert dialog.values() == {"pronouns": "she/her", "accessibility_needs": "Large print agenda"}
    click_ok(qtbot, dialog)
    assert saved == [person_id]
    assert not dialog.isVisible()
    person = services.people.get(person_id)
    assert person.pronouns == "she/her" and person.accessibility_needs == "Large print agenda"
    assert person.email == "yer@example.org", "fields not touched stay as they were"


def test_bad_email_is_shown_beside_the_field_and_nothing_changes(qtbot, services, workspace, committee):
    person_id = committee.people["Linda"]
    dialog = open_dialog(qtbot, workspace, person_id)
    dialog.ui.emailEdit.clear()
    qtbot.keyClicks(dialog.ui.emailEdit, "linda at example dot org")
    qtbot.keyClicks(dialog.ui.phoneEdit, "612-555-0100")
    click_ok(qtbot, dialog)
    assert dialog.isVisible(), "the dialog stays open so the user can fix it"
    assert dialog.ui.errorLabel.isVisible()
    assert "is not an e-mail address" in dialog.ui.errorLabel.text()
    assert dialog.errors.field == "email"
    assert dialog.focusWidget() is dialog.ui.emailEdit
    assert dialog.ui.emailEdit.text() == "linda at example dot org", "typed values are kept"
    assert dialog.ui.phoneEdit.text() == "612-555-0100"
    person = services.people.get(person_id)
    assert person.email == "linda@example.org" and person.phone is None, "nothing was written"
    dialog.ui.emailEdit.setText("linda.anderson@example.org")
    click_ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert services.people.get(person_id).phone == "612-555-0100"


def test_someone_elses_email_is_refused(qtbot, services, workspace, committee):
    dialog = open_dialog(qtbot, workspace, committee.people["Linda"])
    dialog.ui.emailEdit.setText("MARIA@example.org")
    click_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert "Another person already has the e-mail" in dialog.ui.errorLabel.text()
    assert dialog.errors.field == "email"


def test_a_new_person_needs_a_name(qtbot, services, workspace):
    dialog = open_dialog(qtbot, workspace)
    assert dialog.windowTitle() == "Add person"
    qtbot.keyClicks(dialog.ui.emailEdit, "new@example.org")
    click_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.errors.field == "given_name"
    assert dialog.focusWidget() is dialog.ui.givenNameEdit
    qtbot.keyClicks(dialog.ui.givenNameEdit, "Ayaan")
    qtbot.keyClicks(dialog.ui.familyNameEdit, "Farah")
    click_ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert not dialog.ui.errorLabel.isVisible()
    person = services.people.get(dialog.person_id)
    assert (person.given_name, person.family_name, person.email) == ("Ayaan", "Farah", "new@example.org")


def test_cancel_writes_nothing(qtbot, services, workspace, committee):
    person_id = committee.people["Sarah"]
    dialog = open_dialog(qtbot, workspace, person_id)
    dialog.ui.notesEdit.setPlainText("Should not be saved")
    qtbot.mouseClick(dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert services.people.get(person_id).notes is None
