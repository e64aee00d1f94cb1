"""Starting the window: the default, a given and the demo database; a file that cannot be used; giving up."""

from __future__ import annotations

import importlib.util

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from equitydesk.gui.application import EXIT_GAVE_UP, launch, run_gui
from equitydesk.gui.pages.actions_page import ActionsPage
from equitydesk.gui.pages.home_page import HomePage
from equitydesk.gui.pages.meetings_page import MeetingsPage
from equitydesk.gui.pages.roadmap_page import RoadmapPage
from equitydesk.gui.pages.roster_page import RosterPage
from equitydesk.paths import default_db_path, demo_db_path

HAS_DEMO = importlib.util.find_spec("equitydesk.services.demo") is not None


@pytest.fixture
def answers(monkeypatch):
    """Scripted answers to the start-up questions: what the message box returns, then which file is chosen."""

    class Script:
        warnings: list[str] = []
        button = QMessageBox.StandardButton.Close
        chosen = ""

    def warning(parent, title, text, *args, **kwargs):
        Script.warnings.append(text)
        return Script.button

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (Script.chosen, "")))
    return Script


def close(window) -> None:
    if window is not None:
        window.close()
        window.deleteLater()


def test_default_database_is_made_in_the_data_folder(qtbot):
    window = launch(None)
    try:
        assert window is not None and window.isVisible()
        assert window.db.path == default_db_path() and default_db_path().exists()
        assert isinstance(window.current_page, HomePage), "the home page comes first"
        assert window.show_page(RosterPage).empty_label.isVisible()
    finally:
        close(window)


def test_a_text_file_offers_another_choice(qtbot, tmp_path, db_path, committee, answers):
    notes = tmp_path / "minutes.txt"
    notes.write_text("not a database")
    answers.button = QMessageBox.StandardButton.Open
    answers.chosen = str(db_path)
    window = launch(notes)
    try:
        assert len(answers.warnings) == 1 and "is not an EquityDesk database" in answers.warnings[0]
        assert window is not None and window.db.path == db_path
        assert window.page(RosterPage).model.rowCount() == len(committee.people)
    finally:
        close(window)


def test_giving_up_exits_with_code_2(qtbot, tmp_path, answers):
    folder = tmp_path / "a folder"
    folder.mkdir()
    assert run_gui(str(folder)) == EXIT_GAVE_UP
    assert "is a folder, not a database file" in answers.warnings[0]
    answers.warnings.clear()
    answers.button = QMessageBox.StandardButton.Open
    answers.chosen = ""  # the file dialog cancelled
    assert run_gui(str(folder)) == EXIT_GAVE_UP
    assert len(answers.warnings) == 1


def test_run_gui_runs_until_the_window_closes(qtbot, db_path, committee):
    def close_main_window() -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "MainWindow":
                widget.close()

    QTimer.singleShot(300, close_main_window)
    assert run_gui(str(db_path)) == 0


@pytest.mark.skipif(not HAS_DEMO, reason="the demo dataset (equitydesk.services.demo) is not installed")
def test_open_the_demo_database(qtbot):
    """First use creates and fills the demo file; the second start opens the same file without filling again."""
    window = launch(None, demo=True)
    try:
        assert window is not None and window.db.path == demo_db_path()
        for page_class in (RosterPage, MeetingsPage, ActionsPage, RoadmapPage):
            assert window.page(page_class).model.rowCount() > 0, page_class.__name__
        people = window.page(RosterPage).model.rowCount()
    finally:
        close(window)
    again = launch(None, demo=True)
    try:
        assert again.page(RosterPage).model.rowCount() == people
    finally:
        close(again)


@pytest.mark.skipif(not HAS_DEMO, reason="the demo dataset (equitydesk.services.demo) is not installed")
def test_demo_that_cannot_be_prepared_leaves_no_half_file(qtbot, monkeypatch, answers):
    def broken(services, *, today=None):
        raise RuntimeError("disk full")

    monkeypatch.setattr("equitydesk.services.demo_file.fill_demo", broken)
    assert launch(None, demo=True) is None
    assert "could not be prepared: disk full" in answers.warnings[0]
    assert not demo_db_path().exists()
    assert not [p for p in demo_db_path().parent.iterdir() if p.name.startswith(f".{demo_db_path().name}")]
