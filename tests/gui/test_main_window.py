"""Main window stories: open a database, visit every page, open another file (or a wrong one), remember things."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from equitydesk.db.engine import open_database
from equitydesk.gui.commands import CommandId
from equitydesk.gui.pages.actions_page import ActionsPage
from equitydesk.gui.pages.home_page import HomePage
from equitydesk.gui.pages.meetings_page import MeetingsPage
from equitydesk.gui.pages.roadmap_page import RoadmapPage
from equitydesk.gui.pages.roster_page import RosterPage
from equitydesk.gui.settings import recent_files
from equitydesk.services.registry import services_for


class Boxes:
    """Stands in for QMessageBox's static functions; remembers what would have been shown."""

    def __init__(self, monkeypatch, answer=QMessageBox.StandardButton.Yes) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.answer = answer
        for kind in ("warning", "critical", "information", "question"):
            monkeypatch.setattr(QMessageBox, kind, self._box(kind))

    def _box(self, kind):
        def show(parent, title, text, *args, **kwargs):
            self.shown.append((kind, title, text))
            return self.answer

        return staticmethod(show)


def visible_texts(page, key: str) -> list[str]:
    column = page.model.column_of(key)
    return [page.model.index(r, column).data() for r in range(page.model.rowCount())]


def test_every_page_shows_the_open_database(qtbot, window, db_path, committee):
    assert window.windowTitle() == "t.sqlite — EquityDesk"
    assert window.db_label.text() == f"Database: {db_path}"
    counts = window.counts_label.text()
    assert "12 people" in counts and "2 committees" in counts and "3 meetings" in counts
    assert "3 open action items" in counts

    expected = {RosterPage: 12, MeetingsPage: 3, ActionsPage: 3, RoadmapPage: 3}
    assert isinstance(window.current_page, HomePage)
    for index, (page_class, rows) in enumerate(expected.items(), start=1):
        window.nav.setCurrentRow(index)
        page = window.current_page
        assert isinstance(page, page_class)
        assert page.isVisible()
        assert page.model.rowCount() == rows, page_class.__name__
        assert page.count_label.text().startswith(f"{rows} ")
        assert not page.empty_label.isVisible()
        first = page.table.viewport().grab()  # painting asks the model for every visible cell
        assert not first.isNull()
    assert visible_texts(window.page(MeetingsPage), "title")[0] == "December meeting", "newest meeting first"
    assert "Map community organizations" in visible_texts(window.page(ActionsPage), "title")
    assert set(visible_texts(window.page(RoadmapPage), "status")) == {"On track", "At risk", "No data"}


@pytest.mark.parametrize("today", [date(2031, 2, 3)])
def test_a_story_on_another_day_sees_the_committee_made_on_that_day(window, services, committee, today):
    """Overriding `today` moves the committee, the window's services and the test's services together."""
    assert window.services.ctx.today() == services.ctx.today() == today
    page = window.show_page(ActionsPage)
    page.view_combo.setCurrentIndex(page.view_combo.findText("Overdue"))
    assert visible_texts(page, "title") == ["Book interpreters for the listening sessions"]
    hodan = window.services.people.memberships_of(committee.people["Hodan"])[0]
    assert hodan.term_end == date(2031, 3, 5), "made 30 days after the story's day"


def test_pages_say_a_database_is_on_its_way_until_it_is_open(qtbot, new_window, db_path, committee):
    win = new_window()
    assert win.page(RosterPage).empty_label.text().startswith("No database is open")
    assert not win.commands[CommandId.ADD_PERSON].isEnabled()
    win.show_opening(str(db_path))
    assert win.page(MeetingsPage).empty_label.text() == f"Opening {db_path}…"
    assert win.db_label.text() == f"Opening {db_path}…"
    assert win.open_path(db_path)
    assert win.page(MeetingsPage).model.rowCount() == 3
    assert win.commands[CommandId.ADD_PERSON].isEnabled()


def test_keyboard_shortcuts_move_between_pages(qtbot, window):
    window.commands[CommandId.GO_ACTIONS].trigger()
    assert isinstance(window.current_page, ActionsPage)
    window.commands[CommandId.GO_ROSTER].trigger()
    assert isinstance(window.current_page, RosterPage)
    assert window.commands[CommandId.GO_MEETINGS].shortcut().toString() == "Ctrl+2"


def test_action_items_page_filters_open_and_overdue(qtbot, window):
    page = window.show_page(ActionsPage)
    assert page.model.rowCount() == 3
    page.view_combo.setCurrentIndex(page.view_combo.findText("Overdue"))
    assert visible_texts(page, "title") == ["Book interpreters for the listening sessions"]
    overdue = page.model.index(0, page.model.column_of("due_on"))
    assert overdue.data(Qt.ItemDataRole.ForegroundRole) is not None, "an overdue date is shown in red"
    page.view_combo.setCurrentIndex(page.view_combo.findText("All items"))
    assert page.model.rowCount() == 4
    qtbot.keyClicks(page.search, "board")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)


def test_open_a_text_file_says_so_plainly_and_keeps_the_database(
    qtbot, window, db_path, committee, tmp_path, monkeypatch
):
    notes = tmp_path / "notes.txt"
    notes.write_text("Agenda ideas for October\n")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(notes), "")))
    boxes = Boxes(monkeypatch)
    window.commands[CommandId.OPEN_DATABASE].trigger()
    assert len(boxes.shown) == 1
    kind, title, text = boxes.shown[0]
    assert kind == "warning" and title == "Cannot open this database"
    assert str(notes) in text and "is not an EquityDesk database" in text
    assert "Traceback" not in text and "sqlite3" not in text
    assert window.db.path == db_path, "the database that was open stays open"
    assert window.page(RosterPage).model.rowCount() == len(committee.people)
    assert notes.read_text() == "Agenda ideas for October\n", "the text file is not touched"


def test_open_another_database_swaps_every_page(qtbot, window, db_path, fresh_db, monkeypatch):
    other_path = fresh_db("other.sqlite")
    other = open_database(other_path)
    services = services_for(other)
    services.committees.create(name="Equity Audit Steering Committee")
    services.people.create(given_name="Nia", family_name="Brooks")
    other.dispose()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(other_path), "")))
    old_db = window.db
    window.commands[CommandId.OPEN_DATABASE].trigger()
    assert window.db.path == other_path and window.db is not old_db
    assert visible_texts(window.page(RosterPage), "name") == ["Brooks, Nia"]
    assert window.page(MeetingsPage).model.rowCount() == 0
    assert window.page(MeetingsPage).empty_label.text() == "No meetings yet."
    roster = window.page(RosterPage)
    assert [roster.committee_combo.itemText(i) for i in range(roster.committee_combo.count())] == [
        "All committees",
        "Equity Audit Steering Committee",
    ]
    assert "1 person" in window.counts_label.text()
    assert recent_files()[:2] == [other_path.resolve(), db_path.resolve()]


def test_new_database_starts_empty_and_never_overwrites(qtbot, window, db_path, tmp_path, monkeypatch):
    boxes = Boxes(monkeypatch)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(db_path), "")))
    assert window.choose_new_database() is False
    assert boxes.shown and boxes.shown[0][1] == "File already exists"
    assert window.db.path == db_path

    fresh = tmp_path / "committee"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(fresh), "")))
    window.commands[CommandId.NEW_DATABASE].trigger()
    assert window.db.path == fresh.with_suffix(".sqlite")
    roster = window.page(RosterPage)
    assert roster.model.rowCount() == 0
    assert roster.empty_label.text() == "No one is on the roster yet. Use Add person to start it."
    assert "0 people" in window.counts_label.text()


def test_open_recent_lists_files_and_forgets_missing_ones(qtbot, window, db_path, fresh_db):
    second = fresh_db("second.sqlite")
    assert window.open_path(second)
    gone = fresh_db("gone.sqlite")
    assert window.open_path(gone)
    gone.unlink()
    window.recent_menu.aboutToShow.emit()
    entries = [a for a in window.recent_menu.actions() if a.data()]
    assert [Path(a.data()) for a in entries] == [second.resolve(), db_path.resolve()]
    entries[1].trigger()
    assert window.db.path == db_path
    window.commands[CommandId.CLEAR_RECENT].trigger()
    assert recent_files() == []


def test_recent_list_keeps_eight(qtbot, window, fresh_db):
    for n in range(10):
        assert window.open_path(fresh_db(f"db{n}.sqlite"))
    files = recent_files()
    assert len(files) == 8 and files[0].name == "db9.sqlite"


def test_window_remembers_its_size_and_starts_at_home(qtbot, new_window, db_path, committee):
    first = new_window()
    first.show()
    assert first.height() != 540
    first.resize(first.width(), 540)
    first.show_page(RoadmapPage)
    first.close()
    second = new_window()
    # Height only: the offscreen screen is 800 px wide, narrower than the window may be, and restoring clamps to it.
    assert second.height() == 540
    assert isinstance(second.current_page, HomePage), "what needs attention comes first, whichever page was last"


def test_closing_the_window_closes_the_database(qtbot, window):
    db = window.db
    window.close()
    assert window.db is None
    assert db.engine.pool.checkedout() == 0
