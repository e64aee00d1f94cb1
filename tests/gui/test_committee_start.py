"""Story: export, print and representation dialogs start on the roster's committee, else the last one used."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFileDialog

from equitydesk.gui.commands import CommandId
from equitydesk.gui.pages.roster_page import RosterPage
from equitydesk.gui.settings import committee_to_start, last_committee

EAC = "Equity Advisory Committee"
AI = "Achievement and Integration Plan Team"  # the alphabetically first


def cancel_save_as(monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))


def roster(window) -> RosterPage:
    page = window.show_page(RosterPage)
    assert isinstance(page, RosterPage)
    return page


def filter_roster(window, name: str | None) -> None:
    combo = roster(window).committee_combo
    combo.setCurrentIndex(combo.findText(name) if name else 0)


def open_export(qtbot, window, command: CommandId):
    window.commands[command].trigger()
    dialog = window.exports.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def committee_of_export(qtbot, window, command: CommandId) -> str:
    dialog = open_export(qtbot, window, command)
    name = dialog.committee_name
    dialog.reject()
    qtbot.waitUntil(lambda: window.exports.dialog is None)
    return name


def committee_of_representation(qtbot, window) -> str:
    dialog = roster(window).show_representation()
    assert dialog is not None
    name = dialog.ui.committeeCombo.currentText()
    dialog.done(QDialog.DialogCode.Rejected)
    return name


def test_the_roster_filter_wins(qtbot, window, committee, monkeypatch):
    cancel_save_as(monkeypatch)
    filter_roster(window, EAC)
    assert committee_of_export(qtbot, window, CommandId.PRINT_DIRECTORY) == EAC
    assert committee_of_export(qtbot, window, CommandId.PRINT_SIGNIN) == EAC
    assert committee_of_representation(qtbot, window) == EAC


def test_without_a_filter_the_last_committee_used_comes_back(qtbot, window, committee, monkeypatch):
    cancel_save_as(monkeypatch)
    filter_roster(window, None)
    dialog = open_export(qtbot, window, CommandId.PRINT_SIGNIN)
    assert dialog.committee_name == AI, "nothing used yet: the list's first"
    dialog.committee_combo.setCurrentIndex(dialog.committee_combo.findText(EAC))
    dialog.accept()  # then Cancel in the file dialog: the committee was still the one chosen
    qtbot.waitUntil(lambda: window.exports.dialog is None)

    assert committee_of_export(qtbot, window, CommandId.PRINT_DIRECTORY) == EAC
    assert committee_of_export(qtbot, window, CommandId.EXPORT_ROSTER) == EAC
    assert committee_of_representation(qtbot, window) == EAC

    representation = roster(window).show_representation()
    assert representation is not None
    representation.ui.committeeCombo.setCurrentIndex(representation.ui.committeeCombo.findText(AI))
    representation.done(QDialog.DialogCode.Rejected)
    assert committee_of_export(qtbot, window, CommandId.PRINT_SIGNIN) == AI, "the summary looked at counts as used"

    filter_roster(window, EAC)
    assert committee_of_export(qtbot, window, CommandId.PRINT_DIRECTORY) == EAC, "the filter still comes first"


def test_the_last_committee_is_remembered_per_database(qtbot):
    last_committee("/data/a.sqlite").write(7)
    assert committee_to_start("/data/a.sqlite", None) == 7
    assert committee_to_start("/data/b.sqlite", None) is None, "ids of one file mean nothing in another"
    assert committee_to_start("/data/a.sqlite", 3) == 3
    last_committee("/data/b.sqlite").write("not a number")
    assert committee_to_start("/data/b.sqlite", None) is None
