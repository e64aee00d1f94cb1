"""Import wizard stories: a messy roster from the district office walked through to Import, then undone."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox, QPushButton, QWizard
from roster_import_samples import EAC, messy_roster
from sqlalchemy import func, select

from equitydesk.db.tables import ImportBatch, Membership, Person
from equitydesk.formats.errors import ReadCancelled
from equitydesk.formats.roster_columns import RosterSheet
from equitydesk.gui.jobs import JobState, job_pool, run_job
from equitydesk.gui.pages.roster_page import RosterPage
from equitydesk.gui.roster_import import file_page, preview_page, result_page
from equitydesk.gui.roster_import import wizard as wizard_module
from equitydesk.gui.roster_import.columns_page import PRIVATE
from equitydesk.gui.roster_import.preview_model import ImportPreviewModel
from equitydesk.gui.roster_import.state import JobKind
from equitydesk.gui.roster_import.wizard import ImportWizard, PageId
from equitydesk.gui.workspace import Change, Workspace
from equitydesk.services.roster_import import Outcome

FILE, SHEET, COLUMNS, PREVIEW, RESULT = PageId
ROW5_PROBLEM = "'next fall' is not a date I can read; write it like 9/1/2025. The term end was left empty."


@pytest.fixture
def roster_file(tmp_path: Path) -> Path:
    return messy_roster(tmp_path / "EAC roster 2025.xlsx")


@pytest.fixture(autouse=True)
def idle_jobs():
    yield
    job_pool().waitForDone(10_000)


@pytest.fixture
def workspace(db, services) -> Workspace:
    """The test database as a window would hold it, without the window: what the wizard is given."""
    return Workspace(db, services)


@pytest.fixture
def changes(workspace) -> list:
    """Every change the workspace announces, in order."""
    seen: list = []
    workspace.changed.connect(seen.append)
    return seen


def new_wizard(qtbot, workspace: Workspace, **kwargs) -> ImportWizard:
    wizard = ImportWizard(workspace, **kwargs)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def counts(holder) -> tuple[int, int, int]:
    with holder.db.sessions() as session:
        return (
            session.scalar(select(func.count()).select_from(Person)),
            session.scalar(select(func.count()).select_from(Membership)),
            session.scalar(select(func.count()).select_from(ImportBatch)),
        )


def open_wizard(qtbot, window, monkeypatch, path: Path) -> ImportWizard:
    """Roster › Import roster…, then Choose file… answered with `path`."""
    window.commands[import_wizard_action()].trigger()
    wizard = window.findChild(ImportWizard)
    assert wizard is not None and wizard.isVisible() and wizard.currentId() == FILE
    choose_file(qtbot, wizard, monkeypatch, path)
    return wizard


def choose_file(qtbot, wizard: ImportWizard, monkeypatch, path: Path) -> None:
    monkeypatch.setattr(file_page.QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(wizard.file_page.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.state.busy, timeout=10_000)


def import_wizard_action():
    from equitydesk.gui.commands import CommandId

    return CommandId.IMPORT_ROSTER


def go_next(qtbot, wizard: ImportWizard, expected: int) -> None:
    qtbot.waitUntil(lambda: wizard.currentPage().isComplete(), timeout=10_000)
    wizard.next()
    assert wizard.currentId() == expected


def choose_committee(qtbot, wizard: ImportWizard, name: str) -> None:
    combo = wizard.preview_page.committee_combo
    combo.lineEdit().clear()
    qtbot.keyClicks(combo.lineEdit(), name)
    qtbot.waitUntil(lambda: wizard.state.plan is not None and not wizard.state.busy, timeout=10_000)


def statuses(model: ImportPreviewModel) -> dict[int, str]:
    return {model.row_plan(r).row: model.index(r, 2).data() for r in range(model.rowCount())}


def test_a_messy_roster_is_previewed_imported_and_undone(qtbot, window, committee, roster_file, monkeypatch):
    before = counts(window)
    announced = []
    window.workspace.changed.connect(announced.append)
    wizard = open_wizard(qtbot, window, monkeypatch, roster_file)
    assert "Read EAC roster 2025.xlsx" in wizard.file_page.status.text()
    assert "headings on row 3" in wizard.file_page.status.text()

    go_next(qtbot, wizard, SHEET)
    page = wizard.sheet_page
    assert page.header_spin.value() == 3 and wizard.state.sheet.header_row == 3, "the title rows are skipped"
    assert [page.sheet_combo.itemText(i) for i in range(page.sheet_combo.count())] == ["EAC roster", "Notes"]
    assert page.sheet_combo.currentText() == "EAC roster"
    heading = page.table.item(2, 1)
    assert heading.text() == "First Name" and heading.font().bold(), "row 3 is shown as the heading row"
    assert page.table.verticalHeaderItem(2).text() == "3"

    go_next(qtbot, wizard, COLUMNS)
    columns = wizard.columns_page
    student_id = columns.combos[0]
    assert student_id.currentText() == PRIVATE and not student_id.isEnabled()
    assert columns.table.item(0, columns.NOTE).text() == "Private: never imported"
    assert columns.combos[4].currentText() == "Phone"
    assert "651-555-0101" in columns.table.item(4, columns.SAMPLES).text()
    qtbot.waitUntil(lambda: "7 rows to import" in columns.summary.text(), timeout=5000)

    go_next(qtbot, wizard, PREVIEW)
    preview = wizard.preview_page
    choose_committee(qtbot, wizard, EAC)
    assert preview.committee_note.text() == "People already on this committee are updated, not added twice."
    assert preview.counts.text() == "3 new · 1 updated · 1 unchanged · 1 duplicate merged · 1 skipped · 1 with warnings"
    assert statuses(preview.model) == {4: "New", 5: "Warning", 6: "Skipped", 7: "Merged", 8: "Update",
                                       9: "Unchanged", 10: "New"}  # fmt: skip
    row5 = preview.model.index(1, 3)
    assert "not a date I can read" in row5.data() and "Column K" in row5.data(Qt.ItemDataRole.ToolTipRole)
    assert preview.model.index(4, 3).data() == "Updates Phone: (empty) → 612-555-0199", "each change, in the row"
    assert preview.ignored.text() == "Columns not imported: Student ID #"
    shown = []
    monkeypatch.setattr(preview_page.QMessageBox, "information", lambda *a, **k: shown.append(a[1:3]))
    preview.show_details(row5)  # what a double-click shows
    assert shown == [("Row 5: Abdi Hassan", "Will be added to the roster.\n\nColumn K: " + ROW5_PROBLEM)]
    preview.filter_combo.setCurrentIndex(preview.filter_combo.findData(Outcome.ERROR.value))
    assert preview.model.rowCount() == 1 and preview.model.row_plan(0).row == 6
    assert counts(window) == before and announced == [], "nothing is written before Import"

    # Back to the columns: leaving out the phone numbers leaves nothing to update on Linda's row.
    wizard.back()
    wizard.columns_page.combos[4].setCurrentIndex(0)
    go_next(qtbot, wizard, PREVIEW)
    qtbot.waitUntil(lambda: wizard.state.plan is not None and not wizard.state.busy, timeout=10_000)
    assert preview.counts.text().startswith("3 new · 0 updated · 2 unchanged")
    wizard.back()
    wizard.columns_page.combos[4].setCurrentIndex(wizard.columns_page.combos[4].findText("Phone"))
    go_next(qtbot, wizard, PREVIEW)
    qtbot.waitUntil(lambda: preview.counts.text().startswith("3 new · 1 updated"), timeout=10_000)

    assert wizard.button(QWizard.WizardButton.CommitButton).text() == "&Import"
    qtbot.waitUntil(preview.isComplete, timeout=5000)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT, timeout=10_000)
    result = wizard.result_page
    batch_id = wizard.state.result.batch_id
    assert result.headline.text() == f"Import number {batch_id} is saved."
    assert "<b>3 new</b>: added to the roster" in result.details.text()
    assert "Row 6: This row has no name" in result.fix_list.toPlainText()
    assert counts(window) == (before[0] + 3, before[1] + 3, before[2] + 1)
    with window.db.sessions() as session:
        linda = session.scalars(select(Person).where(Person.email == "linda@example.org")).one()
        assert linda.phone == "612-555-0199"
        batch = session.get(ImportBatch, batch_id)
        assert (batch.file_name, batch.sheet, batch.header_row) == ("EAC roster 2025.xlsx", "EAC roster", 3)
        assert (batch.created, batch.updated, batch.rejected) == (3, 1, 1)
        assert batch.mapping["Cell #"] == "phone" and "Student ID #" not in batch.mapping
        assert session.scalar(select(func.count()).where(Person.given_name == "Mai")) == 1, "the duplicate merged"
    roster = window.page(RosterPage)
    assert roster.count_label.text() == f"{before[0] + 3} people"
    eac = {committee.committees["eac"]}
    assert [(c.kinds, c.committee_ids) for c in announced] == [({Change.PEOPLE, Change.MEMBERSHIPS}, eac)]

    monkeypatch.setattr(result_page.QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(result.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.state.undo_result is not None, timeout=10_000)
    assert "3 people and 3 committee memberships removed" in result.undo_note.text()
    assert not result.undo_button.isEnabled()
    assert counts(window) == (before[0], before[1], before[2] + 1)
    with window.db.sessions() as session:
        assert session.scalars(select(Person.phone).where(Person.email == "linda@example.org")).one() is None
        assert session.get(ImportBatch, batch_id).undone_at is not None
    assert roster.count_label.text() == f"{before[0]} people"
    assert len(announced) == 2 and (announced[1].kinds, announced[1].committee_ids) == (
        {Change.PEOPLE, Change.MEMBERSHIPS},
        eac,
    )
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert not wizard.isVisible()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "is not a spreadsheet"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "roster.xlsx"),
    ],
    ids=["pdf", "old-excel"],
)
def test_a_refused_file_says_why_and_stays_on_the_file_page(
    qtbot, window, committee, tmp_path, monkeypatch, content, expected
):
    fake = tmp_path / "roster.xlsx"
    fake.write_bytes(content)
    wizard = open_wizard(qtbot, window, monkeypatch, fake)
    status = wizard.file_page.status
    assert expected in status.text() and status.isVisible()
    assert "Traceback" not in status.text() and "Error" not in status.text()
    assert wizard.currentId() == FILE and not wizard.file_page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    monkeypatch.setattr(file_page.QFileDialog, "getOpenFileName", lambda *a, **k: (str(messy_roster(fake)), ""))
    qtbot.mouseClick(wizard.file_page.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.file_page.isComplete(), timeout=10_000)
    assert "Read roster.xlsx" in status.text(), "a good file after a bad one clears the refusal"


def test_cancelling_the_read_or_the_wizard_writes_nothing(qtbot, window, committee, roster_file, monkeypatch):
    before = counts(window)
    original = RosterSheet.open
    started = threading.Event()

    def slow_open(path, **kwargs):
        started.set()
        for _ in range(1000):  # a huge file: only Cancel ends it (or ten seconds, should the test go wrong)
            if kwargs["should_cancel"]():
                raise ReadCancelled
            threading.Event().wait(0.01)
        return original(path, **kwargs)

    monkeypatch.setattr(RosterSheet, "open", staticmethod(slow_open))
    wizard = window.import_roster(roster_file)
    qtbot.waitUntil(started.is_set, timeout=5000)
    assert wizard.state.reading and not wizard.file_page.isComplete()
    qtbot.waitUntil(lambda: wizard.state.job.dialog is not None and wizard.state.job.dialog.isVisible(), timeout=5000)
    qtbot.mouseClick(wizard.state.job.dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # its Cancel button
    qtbot.waitUntil(lambda: not wizard.state.busy, timeout=5000)
    assert wizard.state.sheet is None and wizard.currentId() == FILE
    assert "was stopped" in wizard.file_page.status.text()

    monkeypatch.setattr(RosterSheet, "open", original)
    wizard.state.read_file(roster_file)
    qtbot.waitUntil(lambda: wizard.state.sheet is not None and not wizard.state.busy, timeout=10_000)
    window.services.committees.archive(committee.committees["ai"])
    for page in (SHEET, COLUMNS, PREVIEW):
        go_next(qtbot, wizard, page)
    choose_committee(qtbot, wizard, "achievement and integration plan team")
    assert "is an archived committee" in wizard.preview_page.committee_note.text()
    assert wizard.state.plan.committee_exists, "the import matches archived committees too"
    choose_committee(qtbot, wizard, "Brand New Committee")
    assert "will be created" in wizard.preview_page.committee_note.text()

    # Import pressed while another job holds the one job thread, then Cancel before the write begins.
    release = threading.Event()
    blocker = run_job(window, "Busy", lambda _p, _c: release.wait(10), show_progress=False)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    assert wizard.state.job_kind is JobKind.COMMIT
    wizard.state.job.cancel()
    release.set()
    qtbot.waitUntil(lambda: blocker.state is JobState.SUCCEEDED and not wizard.state.busy, timeout=10_000)
    assert wizard.currentId() == PREVIEW and wizard.state.result is None
    assert counts(window) == before

    wizard.reject()  # the wizard's own Cancel
    assert not wizard.isVisible()
    assert counts(window) == before
    assert all(c.name != "Brand New Committee" for c in window.services.committees.all())


def test_a_dropped_file_opens_the_wizard_already_read(qtbot, window, committee, roster_file):
    page = window.show_page(RosterPage)
    page.committee_combo.setCurrentIndex(page.committee_combo.findData(committee.committees["eac"]))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(roster_file))])
    assert page.dropped_roster_file(mime) == roster_file, "the window listens, so drops are welcome"
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)  # fmt: skip
    page.dropEvent(drop)
    wizard = window.findChild(ImportWizard)
    assert wizard is not None and wizard.file_page.path_edit.text() == str(roster_file)
    qtbot.waitUntil(lambda: wizard.currentId() == SHEET, timeout=10_000)
    assert wizard.state.sheet.header_row == 3
    assert wizard.state.committee == EAC, "the committee the roster shows"


def test_choosing_the_heading_row_and_the_columns_by_hand(qtbot, workspace, committee, tmp_path, monkeypatch):
    book = Workbook()
    ws = book.active
    # Finnish headings: a language whose headings are not known, so the person points at them.
    for row in (("Roster",), ("Koko nimi", "Sähköposti"), ("Awa Diallo", "awa@example.org"),
                ("Kofi Mensah", "kofi@example.org")):  # fmt: skip
        ws.append(row)
    path = tmp_path / "liste.xlsx"
    book.save(path)
    wizard = new_wizard(qtbot, workspace)
    choose_file(qtbot, wizard, monkeypatch, path)
    go_next(qtbot, wizard, SHEET)
    sheet_page = wizard.sheet_page
    assert "could not find the column headings" in sheet_page.note.text()
    assert sheet_page.header_spin.value() == 1
    qtbot.mouseClick(
        sheet_page.table.viewport(), Qt.MouseButton.LeftButton, pos=sheet_page.table.visualItemRect(
            sheet_page.table.item(1, 0)).center()
    )  # fmt: skip
    assert sheet_page.header_spin.value() == 2 and wizard.state.sheet.header_row == 2
    go_next(qtbot, wizard, COLUMNS)
    columns = wizard.columns_page
    qtbot.waitUntil(lambda: not wizard.state.busy, timeout=5000)
    assert "no column holds names" in columns.problem.text() and not columns.isComplete()
    columns.combos[0].setCurrentIndex(columns.combos[0].findData("full_name"))
    columns.combos[1].setCurrentIndex(columns.combos[1].findData("full_name"))
    assert "Also chosen for column A" in columns.table.item(1, columns.NOTE).text()
    assert not columns.isComplete(), "two columns cannot both be the full name"
    columns.combos[1].setCurrentIndex(columns.combos[1].findData("email"))
    qtbot.waitUntil(columns.isComplete, timeout=5000)
    assert "2 rows to import" in columns.summary.text()
    go_next(qtbot, wizard, PREVIEW)
    choose_committee(qtbot, wizard, EAC)
    assert wizard.preview_page.counts.text().startswith("2 new")


def test_saving_the_blank_template(qtbot, workspace, tmp_path, monkeypatch):
    wizard = new_wizard(qtbot, workspace)
    target = tmp_path / "template"
    monkeypatch.setattr(file_page.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(wizard.file_page.template_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "template.xlsx"
    assert saved.exists() and saved.read_bytes()[:2] == b"PK"
    assert "Saved template.xlsx" in wizard.file_page.template_note.text()


def test_the_wizard_starts_from_the_workspace_and_announces_a_new_committee(
    qtbot, workspace, changes, committee, roster_file, monkeypatch
):
    workspace.set_chosen_committee(committee.committees["ai"])
    wizard = wizard_module.open_import_wizard(workspace, None, roster_file)
    qtbot.addWidget(wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == SHEET, timeout=10_000)
    for page in (COLUMNS, PREVIEW):
        go_next(qtbot, wizard, page)
    combo = wizard.preview_page.committee_combo
    assert combo.currentText() == "Achievement and Integration Plan Team", "the committee the roster shows"
    choose_committee(qtbot, wizard, "Family Advisory Council")
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=5000)
    written = []
    wizard.written.connect(lambda: written.append(True))
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT, timeout=10_000)
    assert "the committee “Family Advisory Council” was created" in wizard.result_page.details.text()
    new_id = wizard.state.result.committee_id
    assert written == [True] and len(changes) == 1
    assert changes[0].kinds == {Change.PEOPLE, Change.MEMBERSHIPS, Change.COMMITTEES}
    assert changes[0].committee_ids == {new_id}


def test_a_commit_that_fails_says_so_plainly_and_writes_nothing(
    qtbot, workspace, changes, committee, roster_file, monkeypatch
):
    before = counts(workspace)
    wizard = new_wizard(qtbot, workspace)
    choose_file(qtbot, wizard, monkeypatch, roster_file)
    for page in (SHEET, COLUMNS, PREVIEW):
        go_next(qtbot, wizard, page)
    choose_committee(qtbot, wizard, EAC)
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=5000)

    def locked(*_args, **_kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(workspace.services.roster_import, "commit", locked)
    warned = []
    monkeypatch.setattr(wizard_module.QMessageBox, "warning", lambda *a, **k: warned.append(a[1:3]))
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: bool(warned), timeout=10_000)
    title, message = warned[0]
    assert title == "Import not saved" and message.startswith("The database is busy with another program's work.")
    assert message.lower().count("nothing was changed") == 1 and "locked" not in message, "our words, not SQLite's"
    assert wizard.currentId() == PREVIEW and wizard.preview_page.isComplete(), "the user can press Import again"
    assert counts(workspace) == before and changes == []
