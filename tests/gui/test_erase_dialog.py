"""Roster › Erase person…: the confirmation names the person and says it cannot be undone; the backups are counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from equitydesk.db.backup import existing_backups
from equitydesk.gui.commands import CommandId
from equitydesk.gui.dialogs import erase_dialog
from equitydesk.gui.dialogs.erase_dialog import EraseAnswer
from equitydesk.gui.pages.roster_page import RosterPage
from tests.gui.waiting import wait_for_writes


class Asked(list[tuple[str, int]]):
    """(name, backups holding them) each time the confirmation was asked; it answers `answer`."""

    answer = EraseAnswer(erase=True)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Asked:
    said = Asked()

    def confirm(_parent, name: str, holding: int) -> EraseAnswer:
        said.append((name, holding))
        return said.answer

    monkeypatch.setattr(erase_dialog, "confirm_erase", confirm)
    return said


def select(window, person_id: int) -> RosterPage:
    page = window.show_page(RosterPage)
    page.select_id(person_id)
    return page


def test_erasing_from_the_roster_names_them_and_leaves_no_byte(qtbot, window, committee, db_path: Path, asked):
    person_id = committee.people["Hodan"]
    window.workspace.services.backups.back_up()
    select(window, person_id)
    action = window.commands[CommandId.ERASE_PERSON]
    assert action.isEnabled() and action in window.page(RosterPage).table.actions()  # on the context menu too
    action.trigger()
    wait_for_writes(qtbot)
    assert asked == [("Hodan Abdi Warsame", 1)]
    assert "Erased Hodan Abdi Warsame. 2 backups still hold them" in window.statusBar().currentMessage()
    assert person_id not in window.workspace.services.people.list_ids()
    for path in (db_path, db_path.with_name(db_path.name + "-wal")):
        data = path.read_bytes() if path.exists() else b""
        assert data.count(b"Abdi Warsame") == data.count(b"hodan@example.org") == 0


def test_purging_the_backups_too(qtbot, window, committee, db_path: Path, asked):
    person_id = committee.people["Chue"]
    window.workspace.services.backups.back_up()
    asked.answer = EraseAnswer(erase=True, purge_backups=True)
    select(window, person_id)
    window.commands[CommandId.ERASE_PERSON].trigger()
    wait_for_writes(qtbot)
    assert "2 backups rewritten without them" in window.statusBar().currentMessage()
    for path, _when in existing_backups(db_path):
        assert path.read_bytes().count(b"chue@example.org") == 0


def test_cancel_erases_nobody(qtbot, window, committee, asked):
    person_id = committee.people["Linda"]
    asked.answer = EraseAnswer(erase=False)
    select(window, person_id)
    window.commands[CommandId.ERASE_PERSON].trigger()
    wait_for_writes(qtbot)
    assert window.workspace.services.people.get(person_id).display_name == "Linda Anderson"


def test_the_real_confirmation_says_who_and_that_it_cannot_be_undone(qtbot, monkeypatch: pytest.MonkeyPatch):
    from PySide6.QtWidgets import QMessageBox

    seen: dict[str, str] = {}

    def exec_(box: QMessageBox) -> int:
        seen.update(text=box.text(), more=box.informativeText(), check=box.checkBox().text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    answer = erase_dialog.confirm_erase(None, "Hodan Abdi Warsame", 3)
    assert answer == EraseAnswer(erase=False)  # closed without pressing Erase
    assert seen["text"].startswith("Erase Hodan Abdi Warsame for good?") and "cannot be undone" in seen["text"]
    assert seen["more"].startswith("3 backups still hold them") and "backups" in seen["check"]
