"""GUI story fixtures: offscreen Qt, settings in tmp_path, a small committee, the main window on the tests' day.

The database, its services and the day (`db`, `services`, `today`) come from tests/conftest.py; the committee
and the window here use the same day, so what build_committee made "in 30 days" is in 30 days for the window too.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads

import pytest
from PySide6.QtCore import QSettings

from equitydesk.services.registry import Services

if TYPE_CHECKING:
    from equitydesk.gui.main_window import MainWindow


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path) -> Path:
    """Every test gets its own QSettings folder, so no test sees another's recent files or window size."""
    folder = tmp_path / "settings"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@dataclass
class Built:
    """Ids of what build_committee made, by a readable key."""

    committees: dict[str, int] = field(default_factory=dict)
    people: dict[str, int] = field(default_factory=dict)
    meetings: list[int] = field(default_factory=list)
    actions: list[int] = field(default_factory=list)
    strategies: list[int] = field(default_factory=list)


# given, family, e-mail, organization, languages, interpreter, committee, role, group, term end (days from today)
PEOPLE = [
    ("María José", "Hernández López", "maria@example.org", "Lincoln Elementary", "Spanish", "Spanish", "eac",
     "co_chair", "parent_guardian", 400),
    ("Hodan", "Abdi Warsame", "hodan@example.org", "Roosevelt High", "Somali, English", None, "eac", "member",
     "parent_guardian", 30),
    ("Linda", "Anderson", "linda@example.org", None, "English", None, "eac", "chair", "community_member", 200),
    ("Thomas", "Bearheart", "thomas@example.org", "District Office", "English, Ojibwe", None, "ai", "member",
     "administrator", -20),
    ("Yer", "Lor", "yer@example.org", "District Office", "Hmong, English", "Hmong", "ai", "staff_liaison",
     "administrator", None),
    ("Sarah", "Johnson", "sarah@example.org", "Lincoln Elementary", "English", None, "eac", "member", "teacher",
     500),
    ("Fadumo", "Hassan Ali", None, "Northside Middle", "Somali", "Somali", "eac", "member", "parent_guardian", 60),
    ("Carlos", "Mendoza Ruiz", "carlos@example.org", "Northside Middle", "Spanish, English", None, "eac",
     "member", "student", 100),
    ("Erik", "Lindqvist", "erik@example.org", "District Office", "English", None, "ai", "member", "administrator",
     300),
    ("Amina", "Abdullahi Jama", "amina@example.org", "Roosevelt High", "Somali, Arabic, English", None, "eac",
     "secretary", "community_organization", 700),
    ("Chue", "Thao", "chue@example.org", "Community partner", "Hmong", "Hmong", "eac", "member",
     "community_member", -100),
    ("Jennifer", "Larson", "jennifer@example.org", "School Board", "English", None, "eac", "ex_officio",
     "board_member", 365),
]  # fmt: skip


def build_committee(services: Services, *, today: date) -> Built:
    """Two committees, twelve people with memberships, meetings, action items and a plan with strategies."""
    made = Built()
    eac = services.committees.create(name="Equity Advisory Committee", purpose="Advise the board on equity.")
    ai = services.committees.create(name="Achievement and Integration Plan Team")
    made.committees = {"eac": eac.id, "ai": ai.id}
    for given, family, email, org, langs, interp, committee, role, group, term_days in PEOPLE:
        person = services.people.create(
            given_name=given,
            family_name=family,
            email=email,
            organization=org,
            languages=langs,
            interpreter_language=interp,
        )
        made.people[given] = person.id
        services.memberships.create(
            person_id=person.id,
            committee_id=made.committees[committee],
            role=role,
            stakeholder_group=group,
            term_start=today - timedelta(days=730),
            term_end=today + timedelta(days=term_days) if term_days is not None else None,
        )
    for offset, title in ((-30, "October meeting"), (-2, "November meeting"), (28, "December meeting")):
        when = datetime.combine(today + timedelta(days=offset), datetime.min.time()).replace(hour=18)
        meeting = services.meetings.create(
            committee_id=eac.id,
            title=title,
            starts_at=when,
            location="District Office, Board Room",
            status="held" if offset < 0 else "planned",
        )
        made.meetings.append(meeting.id)
    plan = services.plans.create(name="Reimagine Minnesota roadmap", kind="strategic_roadmap")
    for number, title in enumerate(("Cultural competence", "Student voice", "Community bridges"), start=1):
        strategy = services.strategies.create(plan_id=plan.id, code=str(number), title=title, position=number)
        made.strategies.append(strategy.id)
    # No indicators yet, so the chair sets these two by hand, with reasons; the third has no data.
    services.roadmap_status.override(kind="strategy", node_id=made.strategies[0], status="on_track",
                                     reason="Training began in September as planned.")  # fmt: skip
    services.roadmap_status.override(kind="strategy", node_id=made.strategies[1], status="at_risk",
                                     reason="The student panel has not met yet.")  # fmt: skip
    for title, owner, due, status in (
        ("Book interpreters for the listening sessions", "Chue", -10, "open"),
        ("Draft the student voice guidelines", "Carlos", 14, "in_progress"),
        ("Map community organizations", "Linda", 30, "blocked"),
        ("Send the annual report to the board", "Jennifer", -40, "done"),
    ):
        action = services.actions.create(
            committee_id=eac.id,
            title=title,
            owner_person_id=made.people[owner],
            due_on=today + timedelta(days=due),
            status=status,
            strategy_id=made.strategies[0],
        )
        made.actions.append(action.id)
    return made


@pytest.fixture
def committee_template(templates, service_context, today: date) -> tuple[Path, Built]:
    """A database file holding build_committee's records made on `today`, and their ids (filled once per day)."""
    return templates.filled(("committee", today), lambda s: build_committee(s, today=today), context=service_context)


@pytest.fixture
def db_template(request: pytest.FixtureRequest, templates) -> Path:
    """A test asking for `committee` starts from a copy of the filled template, the others from an empty one."""
    if "committee" in request.fixturenames:
        return request.getfixturevalue("committee_template")[0]
    return templates.empty


@pytest.fixture
def committee(committee_template: tuple[Path, Built], db_path: Path) -> Built:
    """The ids of build_committee's records, already in this test's database (see db_template)."""
    return committee_template[1]


@pytest.fixture
def new_window(qtbot, service_context) -> Callable[[], MainWindow]:
    """new_window() -> a main window (not shown, no database yet) whose services act on the tests' day."""
    from equitydesk.gui.main_window import MainWindow

    def make() -> MainWindow:
        win = MainWindow(context=service_context)
        qtbot.addWidget(win)
        return win

    return make


@pytest.fixture
def window(qtbot, new_window, db_path: Path, committee: Built):
    """The main window, shown, with the test database open in it."""
    win = new_window()
    win.show()
    qtbot.waitExposed(win)
    assert win.open_path(db_path)
    return win


@pytest.fixture
def workspace(db, services):
    """The window's view of the test database, for dialogs built on their own (their writes go through it)."""
    from equitydesk.gui.workspace import Workspace

    return Workspace(db, services)
