"""Representation stories: who is at the committee's table, by group, school and language, against targets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from equitydesk.domain.enums import StakeholderGroup
from equitydesk.gui.commands import CommandId
from equitydesk.gui.pages.roster_page import RosterPage
from tests.gui.waiting import wait_for_writes


def open_dialog(qtbot, window, committee_name: str | None = "Equity Advisory Committee"):
    page = window.show_page(RosterPage)
    if committee_name is not None:
        page.committee_combo.setCurrentIndex(page.committee_combo.findText(committee_name))
    assert window.commands[CommandId.REPRESENTATION].isEnabled()
    window.commands[CommandId.REPRESENTATION].trigger()
    qtbot.waitUntil(lambda: page.representation_dialog is not None and page.representation_dialog.isVisible())
    return page.representation_dialog


def rows(table) -> dict[str, list[str]]:
    """Each row's texts by its first cell."""
    out = {}
    for r in range(table.rowCount()):
        cells = [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        out[cells[0]] = cells[1:]
    return out


def targets(window, committee) -> dict[str, float | None]:
    summary = window.services.representation.summary(committee.committees["eac"])
    return {s.label: s.target for s in summary.by_group}


def test_the_committee_in_the_filter_is_summarised(qtbot, window, committee):
    dialog = open_dialog(qtbot, window)
    ui = dialog.ui
    assert ui.committeeCombo.currentText() == "Equity Advisory Committee"
    assert ui.membersLabel.text() == "9 active members"
    groups = rows(ui.groupTable)
    assert list(groups) == [g.label for g in StakeholderGroup], "every group, represented or not"
    assert groups["Parent/guardian"] == ["3", "33%", "", "No target"]
    assert groups["Student"] == ["1", "11%", "", "No target"]
    assert groups["Support staff"] == ["0", "0%", "", "No target"], "a group nobody represents shows as 0"
    schools = rows(ui.schoolTable)
    assert schools["Lincoln Elementary"] == ["2", "22%"] and schools["Not recorded"] == ["1", "11%"]
    assert rows(ui.languageTable)["Somali"] == ["3", "33%"]
    terms = [ui.termsTable.item(r, 0).text() for r in range(ui.termsTable.rowCount())]
    assert terms == ["Hodan Abdi Warsame", "Fadumo Hassan Ali"], "ending within 90 days, soonest first"
    assert ui.termsTable.item(0, 2).text().endswith("(in 30 days)")
    assert "No target shares are set" in ui.missedLabel.text()
    assert not dialog.save_button.isEnabled()

    ui.committeeCombo.setCurrentIndex(ui.committeeCombo.findText("Achievement and Integration Plan Team"))
    assert ui.membersLabel.text() == "3 active members"
    assert rows(ui.groupTable)["Administrator"][:2] == ["3", "100%"]
    assert ui.termsTable.item(0, 0).text() == "No terms end in the next 90 days"
    dialog.reject()


def test_saving_a_target_updates_met_and_not_met(qtbot, window, committee):
    dialog = open_dialog(qtbot, window)
    student = dialog.spins[StakeholderGroup.STUDENT]
    assert student.text() == "No target"
    student.setValue(20)
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    assert targets(window, committee)["Student"] == 0.2
    status = dialog.ui.groupTable.item(0, 4)
    assert status.text() == "✗ Not met" and status.foreground().color().name() == "#b00020"
    missed = dialog.ui.missedLabel.text()
    assert "1 target not met:" in missed and "Student 11% (target 20%)" in missed
    assert not dialog.save_button.isEnabled()

    dialog.spins[StakeholderGroup.STUDENT].setValue(10)
    dialog.spins[StakeholderGroup.PARENT_GUARDIAN].setValue(30)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    groups = rows(dialog.ui.groupTable)
    assert groups["Student"][3] == "✓ Met" and groups["Parent/guardian"][3] == "✓ Met"
    assert "Every target share is met" in dialog.ui.missedLabel.text()
    assert targets(window, committee)["Parent/guardian"] == 0.3

    dialog.spins[StakeholderGroup.STUDENT].setValue(-1)  # down to "No target"
    assert dialog.spins[StakeholderGroup.STUDENT].text() == "No target"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    assert targets(window, committee)["Student"] is None
    dialog.reject()


def test_closing_with_unsaved_targets_asks(qtbot, window, committee, monkeypatch):
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda _p, title, *a: asked.append(title) or answers.pop(0))
    )
    dialog = open_dialog(qtbot, window, None)
    assert dialog.ui.committeeCombo.currentText() == "Achievement and Integration Plan Team", "first by name"
    dialog.spins[StakeholderGroup.TEACHER].setValue(25)
    dialog.reject()
    assert asked == ["Unsaved targets"] and dialog.isVisible(), "Cancel keeps the dialog open"
    dialog.reject()
    assert not dialog.isVisible()
    summary = window.services.representation.summary(committee.committees["ai"])
    assert all(s.target is None for s in summary.by_group), "Discard saved nothing"


def test_save_when_closing_saves_then_closes(qtbot, window, committee, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a: QMessageBox.StandardButton.Save))
    dialog = open_dialog(qtbot, window)
    dialog.spins[StakeholderGroup.TEACHER].setValue(25)
    closed: list[int] = []
    dialog.finished.connect(closed.append)  # the dialog deletes itself on close: ask its signal, not the widget
    dialog.reject()
    wait_for_writes(qtbot)
    assert closed, "closed once the targets were saved"
    assert targets(window, committee)["Teacher"] == 0.25
