"""Undo an import…: the list of imports, and one of them undone as a whole, announced through the workspace."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from roster_import_samples import EAC, messy_roster
from sqlalchemy import func, select

from equitydesk.db.tables import ImportBatch, Membership, Person
from equitydesk.gui.jobs import job_pool
from equitydesk.gui.pages.roster_page import RosterPage
from equitydesk.gui.roster_import import undo_dialog
from equitydesk.gui.roster_import.undo_dialog import UndoImportDialog
from equitydesk.gui.workspace import Change, Workspace


@pytest.fixture
def roster_file(tmp_path):
    return messy_roster(tmp_path / "EAC roster 2025.xlsx")


@pytest.fixture(autouse=True)
def idle_jobs():
    yield
    job_pool().waitForDone(10_000)


def counts(holder) -> tuple[int, int, int]:
    with holder.db.sessions() as session:
        return (
            session.scalar(select(func.count()).select_from(Person)),
            session.scalar(select(func.count()).select_from(Membership)),
            session.scalar(select(func.count()).select_from(ImportBatch)),
        )


def imported(services, roster_file):
    importer = services.roster_import
    parsed = importer.map(importer.open(roster_file).sheet)
    return importer.commit(parsed.rows, committee=EAC, file_name=roster_file.name)


def answer(monkeypatch, button, asked=None):
    def question(*args, **_kwargs):
        if asked is not None:
            asked.append(args[2])
        return button

    monkeypatch.setattr(undo_dialog.QMessageBox, "question", question)


def test_undo_an_import_from_the_list_of_imports(qtbot, window, committee, roster_file, monkeypatch):
    before = counts(window)
    result = imported(window.services, roster_file)
    window.refresh()
    dialog = window.undo_import()
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == roster_file.name
    assert dialog.table.item(0, 2).text() == EAC and dialog.table.item(0, 4).text() == "3"
    assert not dialog.undo_button.isEnabled(), "choose an import first"
    dialog.table.selectRow(0)
    assert dialog.undo_button.isEnabled()
    asked = []
    answer(monkeypatch, QMessageBox.StandardButton.No, asked)
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert asked and f"Undo import number {result.batch_id}" in asked[0]
    assert counts(window)[0] == before[0] + 3, "No keeps the import"
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "undone" in dialog.note.text(), timeout=10_000)
    assert counts(window)[:2] == before[:2]
    assert dialog.table.item(0, len(undo_dialog.HEADINGS) - 1).text() != "" and not dialog.undo_button.isEnabled()
    assert window.page(RosterPage).count_label.text() == f"{before[0]} people"


def test_the_dialog_undoes_through_the_workspace_and_says_when_an_import_is_gone(
    qtbot, db, services, committee, roster_file, monkeypatch
):
    workspace = Workspace(db, services)
    seen = []
    workspace.changed.connect(seen.append)
    before = counts(workspace)
    first = imported(services, roster_file)
    second = imported(services, roster_file)  # the same file again: nothing new, but a batch of its own
    dialog = UndoImportDialog(workspace)
    qtbot.addWidget(dialog)
    written = []
    dialog.written.connect(lambda: written.append(True))
    assert [b.id for b in dialog.batches] == [second.batch_id, first.batch_id], "newest first"
    assert dialog.batches[1].committee_name == EAC and not dialog.batches[1].undone

    services.roster_import.undo(second.batch_id)  # undone elsewhere (the command line) while the list was open
    dialog.select_batch(second.batch_id)
    warned = []
    monkeypatch.setattr(undo_dialog.QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog.undo_selected()
    qtbot.waitUntil(lambda: bool(warned), timeout=10_000)
    assert warned[0].startswith(f"Import {second.batch_id} was already undone")
    assert seen == [] and written == [], "a refused undo announces nothing"
    assert dialog.batches[0].undone, "the list was read again"

    dialog.select_batch(first.batch_id)
    dialog.undo_selected()
    qtbot.waitUntil(lambda: bool(written), timeout=10_000)
    assert len(seen) == 1 and seen[0].kinds == {Change.PEOPLE, Change.MEMBERSHIPS}
    assert seen[0].committee_ids == {committee.committees["eac"]}
    assert counts(workspace)[:2] == before[:2]
