"""Stories of the chair's follow-up list: write an item, change its status with a note, complete three at once,
and see the overdue view change when the days pass."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt

from equitydesk.domain.enums import ActionStatus
from equitydesk.gui.pages.actions_page import ActionsPage
from equitydesk.gui.workspace import Workspace
from equitydesk.services.context import ServiceContext
from equitydesk.services.registry import Services
from tests.factories import make_committee, make_person
from tests.gui.waiting import wait_for_writes


class Clock:
    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


@pytest.fixture
def clock() -> Clock:
    return Clock(date(2025, 11, 12))


@pytest.fixture
def svc(db, clock: Clock) -> Services:
    return Services.build(ServiceContext(db.sessions, actor="tester", today=clock))


@pytest.fixture
def page(qtbot, db, svc: Services) -> ActionsPage:
    page = ActionsPage()
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.set_workspace(Workspace(db, svc))
    page.show()
    return page


def choose_view(page: ActionsPage, key: str) -> None:
    page.view_combo.setCurrentIndex(page.view_combo.findData(key))


def titles(page: ActionsPage) -> list[str]:
    column = page.model.column_of("title")
    return [page.model.index(r, column).data() for r in range(page.model.rowCount())]


def select_rows(page: ActionsPage, rows: list[int]) -> None:
    chosen = QItemSelection()
    for row in rows:
        chosen.select(page.model.index(row, 0), page.model.index(row, page.model.columnCount() - 1))
    page.table.selectionModel().select(chosen, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def test_write_a_new_action_item_with_a_member_and_a_free_text_owner(qtbot, page: ActionsPage, svc: Services) -> None:
    eac = make_committee(svc, name="EAC")
    make_person(svc, given_name="Mai", family_name="Vang", email="mai@example.org")
    page.reload()
    page.committee_combo.setCurrentIndex(page.committee_combo.findData(eac.id))
    dialog = page.add_action()
    assert dialog is not None
    qtbot.keyClicks(dialog.title, "Book the library for the listening session")
    qtbot.keyClicks(dialog.owners.combo.lineEdit(), "Mai Vang")
    dialog.owners.add_button.click()
    qtbot.keyClicks(dialog.owners.combo.lineEdit(), "Facilities")  # not on the roster; Save takes it as typed
    dialog.due.set_value(date(2025, 11, 20))
    dialog.accept()
    wait_for_writes(qtbot)
    (item_id,) = svc.actions.list_ids()
    item = svc.actions.get(item_id)
    assert item.title == "Book the library for the listening session" and item.due_on == date(2025, 11, 20)
    assert [o.name for o in svc.actions.owners(item_id)] == ["Mai Vang", "Facilities"]
    assert titles(page) == ["Book the library for the listening session"]
    assert page.selected_id() == item_id


def test_change_the_status_with_a_note(qtbot, page: ActionsPage, svc: Services) -> None:
    eac = make_committee(svc)
    item = svc.actions.create(committee_id=eac.id, title="Translate the survey", due_on=date(2025, 11, 30))
    page.refresh()
    assert page.select_id(item.id)
    dialog = page.edit_action()
    assert dialog is not None
    dialog.status.setCurrentIndex(dialog.status.findData("blocked"))
    assert dialog.reason.isEnabled()
    qtbot.keyClicks(dialog.note, "Asked the district office twice.")
    dialog.accept()
    wait_for_writes(qtbot)
    assert dialog.error_label.isVisible() and "reason" in dialog.error_label.text()  # blocked needs a why
    qtbot.keyClicks(dialog.reason, "Waiting for the translation budget")
    dialog.accept()
    wait_for_writes(qtbot)
    saved = svc.actions.get(item.id)
    assert saved.status == ActionStatus.BLOCKED and saved.status_reason == "Waiting for the translation budget"
    (update,) = svc.actions.updates(item.id)
    assert (update.status_from, update.status_to, update.note) == (
        "open",
        "blocked",
        "Asked the district office twice.",
    )
    assert page.log.row_count == 1
    assert page.log.table.item(0, 2).text() == "Asked the district office twice."


def test_bulk_complete_three_items(qtbot, page: ActionsPage, svc: Services, clock: Clock) -> None:
    eac = make_committee(svc)
    for n in range(4):
        svc.actions.create(committee_id=eac.id, title=f"Item {n}", due_on=clock.day + timedelta(days=n))
    page.refresh()
    select_rows(page, [0, 1, 2])
    assert page.commands[page_command("ACTION_STATUS")].isEnabled()
    dialog = page.open_bulk("status", ActionStatus.DONE)
    assert dialog is not None and dialog.windowTitle() == "Set the status of 3 items"
    assert dialog.write()[1] == "Mark 3 items done"  # the name the undo menu will show
    dialog.accept()
    wait_for_writes(qtbot)
    done = {svc.actions.get(i).title: svc.actions.get(i) for i in svc.actions.list_ids()}
    assert [t for t, r in sorted(done.items()) if r.status == ActionStatus.DONE] == ["Item 0", "Item 1", "Item 2"]
    assert {r.completed_on for t, r in done.items() if t != "Item 3"} == {clock.day}
    assert done["Item 3"].status == ActionStatus.OPEN
    assert page.model.rowCount() == 1, "the open view no longer lists them"
    assert "Done 3" in page.status_counts.text() or "Done 0" in page.status_counts.text()


def test_the_overdue_view_after_the_days_pass(qtbot, page: ActionsPage, svc: Services, clock: Clock) -> None:
    eac = make_committee(svc)
    svc.actions.create(committee_id=eac.id, title="Call families", due_on=clock.day + timedelta(days=3))
    svc.actions.create(committee_id=eac.id, title="Board memo", due_on=clock.day + timedelta(days=30))
    page.reload()
    choose_view(page, "overdue")
    assert titles(page) == []
    choose_view(page, "open")
    when = page.model.index(0, page.model.column_of("due_state"))
    assert when.data() == "Due soon" and when.data(Qt.ItemDataRole.ForegroundRole) is not None
    clock.day += timedelta(days=10)
    page.reload()
    choose_view(page, "overdue")
    assert titles(page) == ["Call families"]
    assert page.model.index(0, page.model.column_of("due_state")).data() == "Overdue"
    assert "1 overdue" in page.status_counts.text()


def page_command(name: str):
    from equitydesk.gui.commands import CommandId

    return CommandId[name]


@pytest.mark.parametrize("command", ["EXPORT_ACTIONS", "PRINT_ACTIONS", "PRINT_ACTIONS_BY_STRATEGY"])
def test_the_file_menu_writes_the_action_exports(qtbot, db, svc: Services, tmp_path, command: str) -> None:
    from PySide6.QtWidgets import QWidget

    from equitydesk.gui.commands import CommandRegistry
    from equitydesk.gui.dialogs.export_options_dialog import ExportChoice
    from equitydesk.gui.exports import ExportCommands

    eac = make_committee(svc, name="EAC")
    svc.actions.create(committee_id=eac.id, title="Call families", due_on=date(2025, 11, 1), owner_text="Facilities")
    host = QWidget()
    qtbot.addWidget(host)
    exports = ExportCommands(CommandRegistry(host), host)
    exports.set_workspace(Workspace(db, svc))
    spec = exports.spec(page_command(command))
    target = tmp_path / f"out{spec.suffix}"
    exports.write(spec, ExportChoice(committee_id=eac.id, committee_name="EAC"), target)
    wait_for_writes(qtbot)
    assert target.stat().st_size > 0


def test_import_a_tracker_from_the_file_menu(qtbot, page: ActionsPage, svc: Services, tmp_path) -> None:
    make_person(svc, given_name="Mai", family_name="Vang")
    tracker = tmp_path / "tracker.csv"
    tracker.write_text("Action,Owner,Due,Status\nCall families,\"Vang, Mai\",12/1/2025,In Progress\n"
                       "Book room,Facilities,45992,Waiting on principal\n", encoding="utf-8")  # fmt: skip
    dialog = page.import_tracker(tracker)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.parsed is not None, timeout=10_000)
    assert "Choose or type the committee" in dialog.summary.text() and not dialog.import_button.isEnabled()
    dialog.committee.setCurrentText("Site Council")
    assert "will be started" in dialog.summary.text() and dialog.table.rowCount() == 2
    assert "Row 3, column D (Status)" in dialog.problems.toPlainText()
    dialog.accept()
    wait_for_writes(qtbot)
    assert [svc.actions.get(i).title for i in svc.actions.list_ids()] == ["Call families", "Book room"]
    assert svc.committees.by_name("Site Council") is not None
    assert page.model.rowCount() == 2, "the page heard of the import"

    history = page.workspace.history
    assert history.stack.undoText() == "Import action items from tracker.csv", "one step of Edit › Undo"
    history.undo(page)
    wait_for_writes(qtbot)
    assert svc.actions.list_ids() == [] and page.model.rowCount() == 0, "the whole import taken back"
    history.redo(page)
    wait_for_writes(qtbot)
    assert [svc.actions.get(i).title for i in svc.actions.list_ids()] == ["Call families", "Book room"]
