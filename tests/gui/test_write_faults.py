"""Busy, full, read-only: each fault, really hit, gives a plain sentence; the person dialog stays open with what was
typed, and the database is as it was (integrity_check ok, every table's row count unchanged)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import event

from equitydesk.db import engine as engine_module
from equitydesk.db.engine import Database, open_database
from equitydesk.gui.dialogs.person_dialog import PersonDialog
from equitydesk.gui.workspace import Workspace
from equitydesk.services.registry import Services
from tests.gui.waiting import wait_for_writes

NOTES = "Needs the agenda in large print and a Somali interpreter at every meeting. " * 260  # ~19,500 characters


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def sqlite_code(error: BaseException | None) -> str:
    """SQLite's own error name behind what the dialog was told: proof that the injected fault was hit."""
    for _ in range(8):
        if error is None:
            return ""
        if isinstance(error, sqlite3.Error):
            return str(getattr(error, "sqlite_errorname", ""))
        orig = getattr(error, "orig", None)
        error = orig if isinstance(orig, BaseException) else error.__cause__
    return ""


@pytest.fixture
def faults(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """SQLite's error name behind each message the person dialog showed (it words them with user_message)."""
    from equitydesk.gui.jobs import user_message

    seen: list[str] = []

    def wording(error: BaseException) -> str:
        seen.append(sqlite_code(error))
        return user_message(error)

    monkeypatch.setattr("equitydesk.gui.dialogs.person_dialog.user_message", wording)
    return seen


@pytest.fixture
def opened(db_path: Path, committee, service_context) -> Iterator[Callable[..., Workspace]]:
    """open(**kw) -> a workspace over the test database opened with open_database(**kw); all closed at the end."""
    made: list[tuple[Database, Workspace]] = []

    def open_workspace(**kw) -> Workspace:
        db = open_database(db_path, **kw)
        workspace = Workspace(db, Services.build(service_context(db)))
        made.append((db, workspace))
        return workspace

    yield open_workspace
    for _db, workspace in made:
        workspace.close()


def edit_and_save(qtbot, workspace: Workspace, person_id: int) -> PersonDialog:
    """Type a phone number and long notes into the person's dialog and press OK."""
    dialog = PersonDialog(workspace, person_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.ui.phoneEdit, "612-555-0199")
    dialog.ui.notesEdit.setPlainText(NOTES)
    qtbot.mouseClick(dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    return dialog


def assert_kept(dialog: PersonDialog, *, words: str) -> None:
    assert dialog.isVisible(), "the dialog stays open"
    assert dialog.ui.errorLabel.isVisible() and words in dialog.ui.errorLabel.text()
    assert "sqlite" not in dialog.ui.errorLabel.text().lower() and "Traceback" not in dialog.ui.errorLabel.text()
    assert dialog.ui.phoneEdit.text() == "612-555-0199" and dialog.ui.notesEdit.toPlainText() == NOTES
    assert dialog.ui.buttonBox.isEnabled(), "the user can press OK again"


def test_a_busy_database_keeps_the_edit(qtbot, opened, faults, db_path: Path, committee, monkeypatch) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 200)  # the real 10 s would only make the test slow
    workspace = opened()
    before = counts(db_path)
    person_id = committee.people["Hodan"]
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock past the busy timeout
    try:
        dialog = edit_and_save(qtbot, workspace, person_id)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert faults == ["SQLITE_BUSY"]
    assert_kept(dialog, words="busy")
    assert integrity(db_path) == "ok" and counts(db_path) == before
    assert workspace.services.people.get(person_id).phone is None
    retry(qtbot, dialog, workspace, person_id)


def test_a_full_disk_keeps_the_edit(qtbot, opened, faults, db_path: Path, committee, monkeypatch) -> None:
    workspace = opened()
    engine = workspace.db.engine
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
        free = conn.exec_driver_sql("PRAGMA freelist_count").scalar()
    assert free < 3  # the notes need more pages than the file has spare

    def cap(dbapi_conn, _record) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")  # the database may not grow: a full disk, for SQLite

    event.listen(engine, "connect", cap)
    engine.dispose()
    before = counts(db_path)
    person_id = committee.people["Linda"]
    dialog = edit_and_save(qtbot, workspace, person_id)
    assert faults == ["SQLITE_FULL"]
    assert_kept(dialog, words="disk is full")
    assert integrity(db_path) == "ok" and counts(db_path) == before
    event.remove(engine, "connect", cap)
    engine.dispose()
    retry(qtbot, dialog, workspace, person_id)


def test_a_read_only_database_keeps_the_edit(qtbot, opened, faults, db_path: Path, committee, monkeypatch) -> None:
    before_bytes = db_path.read_bytes()
    workspace = opened(read_only=True)  # SQLite's mode=ro: as on a locked USB stick, whoever the user is (even root)
    before = counts(db_path)
    person_id = committee.people["Yer"]
    dialog = edit_and_save(qtbot, workspace, person_id)
    assert faults and faults[0].startswith("SQLITE_READONLY")
    assert_kept(dialog, words="read-only")
    assert integrity(db_path) == "ok" and counts(db_path) == before
    assert db_path.read_bytes() == before_bytes


def retry(qtbot, dialog: PersonDialog, workspace: Workspace, person_id: int) -> None:
    """Once the fault is gone, OK saves exactly what was kept in the dialog."""
    qtbot.mouseClick(dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    assert not dialog.isVisible()
    person = workspace.services.people.get(person_id)
    assert person.phone == "612-555-0199" and person.notes == NOTES.strip()
