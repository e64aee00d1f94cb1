"""Home page stories: the first page, its committee chosen there or on the roster, figures on a pinned day that
follow edits, each figure a click away from the list behind it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from equitydesk.gui.pages.actions_page import ActionsPage
from equitydesk.gui.pages.home_page import HomePage
from equitydesk.gui.pages.meetings_page import MeetingsPage
from equitydesk.gui.pages.roadmap_page import RoadmapPage
from equitydesk.gui.pages.roster_page import RosterPage
from equitydesk.gui.workspace import Change
from tests.gui.waiting import wait_for_writes

DAY = date(2025, 11, 3)


def home(window) -> HomePage:
    page = window.show_page(HomePage)
    assert isinstance(page, HomePage)
    return page


def choose(page: HomePage, committee_id: int) -> None:
    page.committee_combo.setCurrentIndex(page.committee_combo.findData(committee_id))


def shown(page: HomePage, key: str) -> tuple[str, str]:
    button = page.buttons[key]
    assert button.isVisible()
    return button.figure.text(), button.caption.text()


@pytest.mark.parametrize("today", [DAY])
def test_the_figures_of_the_chosen_committee(qtbot, window, committee, today):
    page = window.current_page
    assert isinstance(page, HomePage), "the first page on start"
    assert page.note.text().startswith("Choose a committee"), "two committees, none chosen yet"
    assert not page.buttons["overdue"].isVisible()
    window.services.representation.set_targets(committee_id=committee.committees["eac"], targets={"student": 0.3})

    choose(page, committee.committees["eac"])
    assert page.note.text() == "Equity Advisory Committee on Nov 3, 2025: 3 open action items."
    assert shown(page, "overdue") == ("1", "action item overdue")
    assert shown(page, "due_week") == ("0", "action items due in the next 7 days")
    assert shown(page, "meeting") == (
        "in 28 days",
        "December meeting, Dec 1, 2025, 6:00 PM; quorum needs 5 of 9 voting members",
    )
    assert shown(page, "targets") == ("1", "of 1 target share not met: Student 11%, target 30%")
    assert shown(page, "roadmap") == (
        "1",
        "of 3 strategies off track or at risk: 1 at risk · 1 on track · 1 with no data yet",
    )
    assert page.buttons["overdue"].accessibleName() == "Overdue: 1 action item overdue"
    assert window.page(RosterPage).chosen_committee() == committee.committees["eac"], "the roster follows"


@pytest.mark.parametrize("today", [DAY])
def test_figures_follow_an_undoable_edit_of_another_engineer_and_its_undo(qtbot, window, committee, today):
    page = home(window)
    choose(page, committee.committees["eac"])
    late = committee.actions[1]  # due in 14 days
    window.workspace.undoable(
        None,
        "Move a due date",
        do=lambda s: s.actions.edit(late, due_on=date(2025, 11, 1)),
        undo=lambda s, edited: s.actions.update(late, **edited.before),
        changes=(Change.ACTIONS,),
    ).run()
    wait_for_writes(qtbot)
    assert shown(page, "overdue")[0] == "2", "the page reads its figures again after a write"
    window.edit_commands.undo()
    wait_for_writes(qtbot)
    assert shown(page, "overdue")[0] == "1"


def test_a_committee_chosen_on_the_roster_is_the_home_page_committee(qtbot, window, committee):
    roster = window.show_page(RosterPage)
    roster.committee_combo.setCurrentIndex(roster.committee_combo.findData(committee.committees["ai"]))
    page = home(window)
    assert page.committee_combo.currentData() == committee.committees["ai"]
    assert page.note.text().startswith("Achievement and Integration Plan Team on ")


def test_each_figure_clicks_through_to_its_list(qtbot, window, committee):
    page = home(window)
    choose(page, committee.committees["eac"])
    actions = window.page(ActionsPage)
    actions.view_combo.setCurrentIndex(actions.view_combo.findData("all"))  # left on another view and a filter
    actions.status_combo.setCurrentIndex(actions.status_combo.findData("done"))
    qtbot.mouseClick(page.buttons["overdue"], Qt.MouseButton.LeftButton)
    assert window.current_page is actions
    assert actions.view_combo.currentData() == "overdue" and actions.status_combo.currentData() is None
    assert actions.committee_combo.currentData() == committee.committees["eac"]
    listed = [actions.model.id_at(r) for r in range(actions.model.rowCount())]
    assert listed == [committee.actions[0]], "the one overdue item of the committee: what the figure counted"
    home(window)
    qtbot.mouseClick(page.buttons["due_week"], Qt.MouseButton.LeftButton)
    assert window.current_page is actions and actions.view_combo.currentData() == "due_7"
    home(window)
    qtbot.mouseClick(page.buttons["meeting"], Qt.MouseButton.LeftButton)
    meetings = window.current_page
    assert isinstance(meetings, MeetingsPage)
    upcoming = window.services.home.figures(committee_id=committee.committees["eac"]).next_meeting
    assert upcoming is not None and meetings.selected_id() == upcoming.id, "the next meeting is selected"
    home(window)
    qtbot.mouseClick(page.buttons["roadmap"], Qt.MouseButton.LeftButton)
    assert isinstance(window.current_page, RoadmapPage)
    home(window)
    qtbot.mouseClick(page.buttons["targets"], Qt.MouseButton.LeftButton)
    roster = window.current_page
    assert isinstance(roster, RosterPage)
    dialog = roster.representation_dialog
    assert dialog is not None and dialog.isVisible(), "the roster applies the view: Representation… opens"
    assert roster.chosen_committee() == committee.committees["eac"]
    dialog.reject()
