"""Story: a chair edits a person while a large roster import is committing; the edit waits its turn, both land."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QProgressDialog, QWizard
from roster_import_samples import EAC, messy_roster
from sqlalchemy import func, select

from equitydesk.db.engine import open_database
from equitydesk.db.tables import Person
from equitydesk.gui.jobs import lane_busy, pending_jobs
from equitydesk.gui.pages.roster_page import RosterPage
from equitydesk.gui.roster_import import file_page
from equitydesk.gui.roster_import.wizard import ImportWizard, PageId
from equitydesk.services.registry import services_for
from equitydesk.services.roster_import import service as import_service
from tests.gui.waiting import wait_for_writes


def test_an_edit_made_while_an_import_commits_waits_and_both_land(
    qtbot, window, db_path, committee, tmp_path: Path, monkeypatch
):
    writing, release = threading.Event(), threading.Event()
    real_write = import_service.write_plan

    def slow_write(*args, **kwargs):
        real_write(*args, **kwargs)  # everything written, the write lock held, the commit not yet made
        writing.set()
        assert release.wait(30), "the test never let the import finish"

    monkeypatch.setattr(import_service, "write_plan", slow_write)
    people_before = window.services.stats.window_counts().people

    # The import, through the wizard as the office worker runs it.
    monkeypatch.setattr(file_page.QFileDialog, "getOpenFileName", lambda *a, **k: (str(roster), ""))
    roster = messy_roster(tmp_path / "EAC roster 2025.xlsx")
    wizard = window.import_roster()
    assert isinstance(wizard, ImportWizard)
    qtbot.mouseClick(wizard.file_page.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.state.busy, timeout=10_000)
    for page in (PageId.SHEET, PageId.COLUMNS, PageId.PREVIEW):
        qtbot.waitUntil(lambda: wizard.currentPage().isComplete(), timeout=10_000)
        wizard.next()
        assert wizard.currentId() == page
    combo = wizard.preview_page.committee_combo
    combo.lineEdit().clear()
    qtbot.keyClicks(combo.lineEdit(), EAC)
    qtbot.waitUntil(lambda: wizard.state.plan is not None and not wizard.state.busy, timeout=10_000)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(writing.is_set, timeout=10_000)

    # Meanwhile the chair fixes a phone number in the roster.
    page = window.page(RosterPage)
    linda = committee.people["Linda"]
    dialog = page.edit_person(linda)
    qtbot.waitUntil(lambda: dialog.isVisible())
    qtbot.keyClicks(dialog.ui.phoneEdit, "612-555-0142")
    qtbot.mouseClick(dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    # Pressing OK returned without touching the locked database: the edit is a job queued behind the import.
    assert lane_busy() and pending_jobs() == 2
    assert dialog.isVisible() and dialog.saving, "the dialog stays open, its text kept, until the edit lands"

    # The window stays live while it waits, and says what the edit waits for.
    qtbot.waitUntil(
        lambda: any(
            d.isVisible() and "Waiting for “Importing the roster” to finish" in d.labelText()
            for d in window.findChildren(QProgressDialog)
        ),
        timeout=5000,
    )
    assert window.services.people.get(linda).phone is None, "nothing of the edit is written yet"

    release.set()
    wait_for_writes(qtbot, timeout=20_000)
    assert page.dialog is None, "the dialog closed once its edit landed"
    assert wizard.currentId() == PageId.RESULT and wizard.state.result is not None

    reopened = open_database(db_path)
    try:
        s = services_for(reopened)
        assert s.people.get(linda).phone == "612-555-0142", "the edit is in the file"
        with reopened.sessions() as session:
            people_after = session.scalar(select(func.count()).select_from(Person).where(Person.archived.is_(False)))
        assert people_after == people_before + wizard.state.result.plan.created, "and so is the import"
        assert wizard.state.result.plan.created > 0
    finally:
        reopened.dispose()
