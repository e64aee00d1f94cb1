"""GUI story fixtures: offscreen Qt, settings and data folder in tmp_path, a fresh database, a small committee."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads

import pytest
from PySide6.QtCore import QSettings

from equitydesk.db.engine import Database, open_database
from equitydesk.services.registry import Services, services_for

TODAY = date.today()


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own QSettings folder and data folder, so no test sees another's recent files."""
    folder = tmp_path / "settings"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    monkeypatch.setenv("EQUITYDESK_DATA_DIR", str(tmp_path / "data"))
    return folder


@pytest.fixture
def db_path(request: pytest.FixtureRequest, tmp_path: Path, templates: Templates) -> Path:
    """A fresh database file for this test: a copy of the empty template, or of the filled one when the
    test asks for `committee` (copying beats migrating and filling afresh for every test)."""
    path = tmp_path / "t.sqlite"
    source = templates.filled if "committee" in request.fixturenames else templates.empty
    shutil.copyfile(source, path)
    return path


@pytest.fixture
def fresh_db(tmp_path: Path, templates: Templates):
    """fresh_db(name) -> the path of another new, empty database file in this test's folder."""

    def make(name: str) -> Path:
        path = tmp_path / name
        shutil.copyfile(templates.empty, path)
        return path

    return make


@pytest.fixture
def db(db_path: Path):
    database = open_database(db_path)
    yield database
    database.dispose()


@pytest.fixture
def services(db: Database) -> Services:
    return services_for(db)


@dataclass
class Committee:
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


def build_committee(services: Services, *, today: date = TODAY) -> Committee:
    """Two committees, twelve people with memberships, meetings, action items and a plan with strategies."""
    made = Committee()
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
    services.status_updates.create(strategy_id=made.strategies[0], on=today, status="on_track")
    services.status_updates.create(strategy_id=made.strategies[1], on=today, status="at_risk")
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


@dataclass(frozen=True)
class Templates:
    empty: Path
    filled: Path
    committee: Committee


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Templates:
    folder = tmp_path_factory.mktemp("templates")
    empty, filled = folder / "empty.sqlite", folder / "filled.sqlite"
    made = None
    for path in (empty, filled):
        database = open_database(path)
        if path is filled:
            made = build_committee(services_for(database))
        database.dispose()
        # Closing the last connection folds the WAL into the file; a copy of the file alone is then complete.
        assert not path.with_name(path.name + "-wal").exists()
    assert made is not None
    return Templates(empty, filled, made)


@pytest.fixture
def committee(templates: Templates, db_path: Path) -> Committee:
    """The ids of build_committee's records, already in this test's database (see db_path)."""
    return templates.committee


@pytest.fixture
def window(qtbot, db_path: Path, committee: Committee):
    """The main window, shown, with the test database open in it."""
    from equitydesk.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_path(db_path)
    return win


@pytest.fixture
def workspace(db: Database, services: Services):
    """The window's view of the test database, for dialogs built on their own (their writes go through it)."""
    from equitydesk.gui.workspace import Workspace

    return Workspace(db, services)
