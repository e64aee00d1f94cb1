"""The import wizard's first and preview pages: a path can be typed, and the committee placeholder is whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from roster_import_samples import messy_roster

from equitydesk.gui.jobs import job_pool
from equitydesk.gui.roster_import.wizard import ImportWizard, PageId

FILE, SHEET, COLUMNS, PREVIEW, RESULT = PageId


@pytest.fixture(autouse=True)
def idle_jobs():
    yield
    job_pool().waitForDone(10_000)


def new_wizard(qtbot, workspace) -> ImportWizard:
    wizard = ImportWizard(workspace)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def type_path(qtbot, wizard: ImportWizard, text: str) -> None:
    edit = wizard.file_page.path_edit
    edit.setFocus()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not wizard.state.busy, timeout=10_000)


def test_a_path_typed_into_the_file_field_is_read(qtbot, workspace, tmp_path: Path):
    wizard = new_wizard(qtbot, workspace)
    page = wizard.file_page
    assert not page.path_edit.isReadOnly()
    type_path(qtbot, wizard, str(tmp_path / "gone.xlsx"))
    assert "gone.xlsx was not found" in page.status.text() and not page.isComplete()

    roster = messy_roster(tmp_path / "EAC roster 2025.xlsx")
    page.path_edit.clear()
    type_path(qtbot, wizard, f'"{roster}"')  # as Windows' "Copy as path" puts it, in quotes
    qtbot.waitUntil(page.isComplete, timeout=10_000)
    assert wizard.state.path == roster
    assert "Read EAC roster 2025.xlsx" in page.status.text()
    page.path_edit.editingFinished.emit()  # leaving the field unchanged reads nothing again
    assert not wizard.state.busy


def test_the_committee_placeholder_is_not_cut(qtbot, workspace, tmp_path: Path, monkeypatch):
    wizard = new_wizard(qtbot, workspace)
    type_path(qtbot, wizard, str(messy_roster(tmp_path / "roster.xlsx")))
    for expected in (SHEET, COLUMNS, PREVIEW):
        qtbot.waitUntil(lambda: wizard.currentPage().isComplete(), timeout=10_000)
        wizard.next()
        assert wizard.currentId() == expected
    edit = wizard.preview_page.committee_combo.lineEdit()
    edit.clear()
    text = edit.placeholderText()
    assert text.startswith("Choose a committee")
    # QLineEdit draws the placeholder in its contents rect less a 2-pixel margin each side, eliding what is left over.
    room = edit.contentsRect().width() - edit.textMargins().left() - edit.textMargins().right() - 4
    assert room >= edit.fontMetrics().horizontalAdvance(text), f"{room} px for {text!r}"
