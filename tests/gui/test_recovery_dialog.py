"""Story: EquityDesk starts on a damaged database. It offers the newest sound backup by date and counts; restoring
sets the damaged file aside (kept) and opens the backup's data; or the user chooses another file, or quits."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from equitydesk.gui.application import launch
from equitydesk.gui.dialogs.recovery_dialog import RecoveryDialog
from equitydesk.gui.pages.roster_page import RosterPage
from equitydesk.paths import default_db_path
from equitydesk.services.backups import back_up


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def garble_people(path: Path) -> None:
    conn = sqlite3.connect(path)  # not read-only: closing it removes the -wal and -shm it makes
    root, size = conn.execute(
        "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master WHERE name = 'person'"
    ).fetchone()
    conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * size : root * size] = b"\x55" * size
    path.write_bytes(bytes(data))


@pytest.fixture
def damaged(db_path: Path, committee) -> Path:
    """The default database, filled, backed up on 30 November, then damaged."""
    path = default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(db_path.read_bytes())  # this test's copy of the filled template
    assert back_up(path, now=datetime(2026, 11, 30, 17, 5, tzinfo=UTC)) is not None
    garble_people(path)
    return path


@pytest.fixture(autouse=True)
def no_other_question(monkeypatch):
    """Any other warning at start-up is answered Close (were the recovery question lost, the story ends, not hangs)."""
    asked: list[str] = []

    def warning(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Close

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    return asked


class Answer:
    """Clicks a button of the recovery question when it shows, and remembers what it said."""

    def __init__(self, button: str) -> None:
        self.button, self.texts, self.buttons = button, [], []
        self._poll()

    def _poll(self) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, RecoveryDialog):
            self.texts.append(f"{box.text()} {box.informativeText()}")
            self.buttons.append([b.text() for b in box.buttons()])
            getattr(box, self.button).click()
            return
        QTimer.singleShot(20, self._poll)


def close(window) -> None:
    if window is not None:
        window.close()
        window.deleteLater()


def test_a_damaged_database_is_restored_from_its_newest_sound_backup(qtbot, damaged, templates):
    before = digest(damaged)
    answer = Answer("restore_button")
    window = launch(None)
    try:
        assert answer.texts and f"{damaged} is damaged" in answer.texts[0]
        when = datetime(2026, 11, 30, 17, 5, tzinfo=UTC).astimezone().strftime("%d %B %Y, %H:%M")
        assert f"Restore the backup of {when} (12 people, 3 meetings)" in answer.buttons[0]
        assert window is not None and window.db.path == damaged
        assert window.page(RosterPage).model.rowCount() == 12
        aside = damaged.with_name(f"{damaged.name}.damaged-{date.today().isoformat()}")
        assert digest(aside) == before, "the damaged file is kept, byte for byte"
    finally:
        close(window)


def test_quitting_leaves_the_damaged_file_where_it_is(qtbot, damaged):
    before = digest(damaged)
    answer = Answer("quit_button")  # kept: Qt holds no reference to what its timer calls
    assert launch(None) is None and answer.texts
    assert digest(damaged) == before
    assert sorted(p.name for p in damaged.parent.iterdir()) == ["backups", damaged.name]


def test_without_a_sound_backup_another_file_can_be_chosen(qtbot, damaged, tmp_path, monkeypatch):
    for backup in (damaged.parent / "backups").iterdir():
        garble_people(backup)
    other = tmp_path / "another.sqlite"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(other), "")))
    answer = Answer("choose_button")
    window = launch(None)
    try:
        assert "There is no sound backup of it" in answer.texts[0]
        assert not [b for b in answer.buttons[0] if b.startswith("Restore")]
        assert window is not None and window.db.path == other
    finally:
        close(window)


def test_opening_a_damaged_file_from_the_menu_offers_its_backup_too(qtbot, window, damaged, db_path):
    before = window.workspace
    answer = Answer("quit_button")
    assert window.open_path(damaged) is False
    assert "Cancel" in answer.buttons[0], "later on, the way out keeps the database that is open"
    assert window.workspace is before and window.db.path == db_path
    answer = Answer("restore_button")
    assert window.open_path(damaged) is True
    assert window.db.path == damaged and window.page(RosterPage).model.rowCount() == 12


def test_no_restore_over_a_file_another_computer_opened_while_the_question_was_up(
    qtbot, damaged, no_other_question, monkeypatch
):
    import json

    from equitydesk.db.file_lock import lock_path
    from equitydesk.gui.opening import InUseChoice

    in_use: list[str] = []
    monkeypatch.setattr("equitydesk.gui.opening.ask_when_in_use",
                        lambda _p, busy: in_use.append(str(busy)) or InUseChoice.CANCEL)  # fmt: skip
    monkeypatch.setattr("equitydesk.gui.application.choose_database_file", lambda *_a: "")

    class AnswerLate(Answer):
        def _poll(self) -> None:
            if isinstance(QApplication.activeModalWidget(), RecoveryDialog) and not lock_path(damaged).exists():
                lock_path(damaged).write_text(json.dumps({"host": "library-laptop", "user": "mvang", "pid": 4242,
                                                          "since": "2026-12-01T15:00:00+00:00"}))  # fmt: skip
            super()._poll()

    before = digest(damaged)
    answer = AnswerLate("restore_button")  # kept: its timer lives as long as it does
    assert answer.button == "restore_button"
    window = launch(None)
    try:
        assert any("open on library-laptop by mvang" in text for text in no_other_question), no_other_question
        assert in_use, "opening again then finds it in use, and asks"
        assert digest(damaged) == before, "nothing restored over a file another computer has open"
        assert not damaged.with_name(f"{damaged.name}.damaged-{date.today().isoformat()}").exists()
    finally:
        close(window)
