"""File › Backups… and the window's own backups: Back up now, Restore (after a question, the state before backed up
first, every page reading the restored file), a backup every 30 minutes while changes happen, and one on closing."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from equitydesk.db.backup import existing_backups
from equitydesk.gui.dialogs import backups_dialog
from equitydesk.gui.jobs import job_pool
from equitydesk.gui.pages.roster_page import RosterPage
from equitydesk.gui.workspace import Change
from tests.gui.waiting import wait_for_writes

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def idle_jobs():
    yield
    job_pool().waitForDone(10_000)


def people_in(path: Path) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM person").fetchone()[0])
    finally:
        conn.close()


def add_person(qtbot, workspace, name: str = "Mai") -> None:
    workspace.op(None, lambda s: s.people.create(given_name=name, family_name="Vang")).run()
    wait_for_writes(qtbot)


def answer(monkeypatch, button, asked: list[str]) -> None:
    def question(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return button

    monkeypatch.setattr(backups_dialog.QMessageBox, "question", question)


def test_back_up_now_adds_a_checked_backup_to_the_list(qtbot, window, db_path, committee):
    dialog = window.show_backups()
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() == 0 and "no backups" in dialog.note.text()
    assert not dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == str(len(committee.people))
    assert dialog.table.item(0, 2).text() == "2" and dialog.table.item(0, 3).text() == "3"
    assert "Backed up and checked" in dialog.note.text() and dialog.restore_button.isEnabled()
    (made,) = existing_backups(db_path)
    assert people_in(made[0]) == len(committee.people)


def test_restore_asks_backs_up_first_and_every_page_reads_the_restored_database(
    qtbot, window, db_path, committee, monkeypatch
):
    backup = window.services.backups.back_up()
    assert backup is not None
    add_person(qtbot, window.workspace)
    before = window.workspace
    roster = window.page(RosterPage)
    assert roster.model.rowCount() == len(committee.people) + 1
    dialog = window.show_backups()
    dialog.table.selectRow(0)
    asked: list[str] = []
    answer(monkeypatch, QMessageBox.StandardButton.No, asked)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert asked and "first backs up the database as it is now" in asked[0] and "12 people" in asked[0]
    assert people_in(db_path) == len(committee.people) + 1, "No restores nothing"

    answer(monkeypatch, QMessageBox.StandardButton.Yes, asked)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.workspace is not before, timeout=10_000)
    wait_for_writes(qtbot)
    assert people_in(db_path) == len(committee.people)
    assert roster.model.rowCount() == len(committee.people), "the page reads the restored file"
    assert "Restored the backup" in window.statusBar().currentMessage()
    counts = sorted(people_in(p) for p, _when in existing_backups(db_path))
    assert counts == [len(committee.people), len(committee.people) + 1], "the state before was backed up first"
    window.close()
    assert len(existing_backups(db_path)) == 2, "nothing changed after the restore, so nothing more on closing"


def test_a_failed_restore_is_one_plain_message_and_changes_nothing(qtbot, window, db_path, monkeypatch):
    backup = window.services.backups.back_up()
    assert backup is not None
    backup.path.write_text("overwritten by something else", encoding="utf-8")
    dialog = window.show_backups()
    dialog.table.selectRow(0)
    answer(monkeypatch, QMessageBox.StandardButton.Yes, [])
    warned: list[str] = []
    monkeypatch.setattr(backups_dialog.QMessageBox, "warning", lambda _p, _t, text, *a, **k: warned.append(text))
    before = window.workspace
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    assert warned and "cannot be restored" in warned[0] and "\n" not in warned[0]
    assert window.workspace is before and dialog.isVisible()


def test_closing_a_changed_database_backs_it_up_and_an_unchanged_one_is_not(qtbot, window, db_path, committee):
    window.set_database(None)  # what closing the window or opening another file does to the workspace
    assert existing_backups(db_path) == [], "opened and closed without a change: nothing to back up"
    assert window.open_path(db_path)
    add_person(qtbot, window.workspace)
    window.close()
    (made,) = existing_backups(db_path)
    assert people_in(made[0]) == len(committee.people) + 1


def test_a_write_nobody_announced_is_still_backed_up_on_closing(qtbot, window, db_path, committee):
    window.services.people.create(given_name="Quiet", family_name="Write")  # straight through the services
    window.close()
    (made,) = existing_backups(db_path)
    assert people_in(made[0]) == len(committee.people) + 1


def test_changes_are_backed_up_at_most_every_thirty_minutes(qtbot, window, db_path):
    auto = window.workspace.auto_backup
    now = [T0]
    auto.clock = lambda: now[0]
    auto.schedule.last_backup = T0  # as if the window had opened at T0

    now[0] = T0 + timedelta(minutes=10)
    add_person(qtbot, window.workspace, "Ten")
    assert existing_backups(db_path) == [] and auto.job is None
    assert auto.timer.isActive() and auto.timer.interval() == 20 * 60 * 1000, "due 30 minutes after the last"

    now[0] = T0 + timedelta(minutes=31)
    add_person(qtbot, window.workspace, "Thirty-one")
    wait_for_writes(qtbot)
    assert len(existing_backups(db_path)) == 1 and len(auto.made) == 1
    assert not auto.timer.isActive(), "nothing pending after the backup"

    now[0] = T0 + timedelta(minutes=40)
    window.workspace.notify(Change.PEOPLE)  # another write
    assert len(existing_backups(db_path)) == 1 and auto.timer.interval() == 21 * 60 * 1000

    now[0] = T0 + timedelta(minutes=61)
    auto.timer.timeout.emit()  # the timer's moment has come, with no further change meanwhile
    wait_for_writes(qtbot)
    assert len(auto.made) == 2


def test_a_failing_automatic_backup_is_said_once_and_tried_again_later(qtbot, window, db_path, monkeypatch):
    from equitydesk.gui import auto_backup
    from equitydesk.services import backups

    def fails(*_a, **_k):
        raise backups.BackupError("No backup could be written to the backups folder (no space left on device).")

    monkeypatch.setattr(backups, "make_backup", fails)
    said: list[str] = []
    monkeypatch.setattr(auto_backup.QMessageBox, "warning", lambda _p, _t, text, *a, **k: said.append(text))
    auto = window.workspace.auto_backup
    now = [T0 + timedelta(hours=1)]
    auto.clock = lambda: now[0]
    auto.schedule.last_backup = T0
    add_person(qtbot, window.workspace)
    wait_for_writes(qtbot)
    assert said == ["No backup could be written to the backups folder (no space left on device)."]
    assert auto.schedule.pending and auto.timer.interval() == 30 * 60 * 1000
    window.close()
    assert len(said) == 1, "said once a session, though closing failed to back up too"
