"""Shared fixtures: an isolated data folder for every test, and a fresh database with its services on a fixed day."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable, Hashable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from equitydesk.db.engine import Database, open_database
from equitydesk.services.context import ServiceContext
from equitydesk.services.registry import Services

# The day every test's services (and a GUI story's window) take for today, so that term, overdue and "ending
# soon" rules give the same answer on any day the suite runs. A test or module needing another day overrides
# the `today` fixture; that is the only knob.
TODAY = date(2025, 11, 12)

ContextFactory = Callable[[Database], ServiceContext]


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point EQUITYDESK_DATA_DIR at a temporary folder so no test touches the real default database."""
    # Outside tmp_path: tests that list their tmp_path expect to find only their own files there.
    folder = tmp_path_factory.mktemp("equitydesk-data")
    monkeypatch.setenv("EQUITYDESK_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def service_context(today: date) -> ContextFactory:
    """How this test's services see a database: acting as "tester", on the `today` clock."""
    return lambda database: ServiceContext(database.sessions, actor="tester", today=lambda: today)


class Templates:
    """Database files migrated (and filled) once per run; each test copies one, which beats migrating afresh."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._made: dict[Hashable, tuple[Path, Any]] = {}
        self._serial = itertools.count()

    @property
    def empty(self) -> Path:
        """A migrated database with nothing in it."""
        return self._make("empty", None)[0]

    def filled(self, key: Hashable, fill: Callable[[Services], Any], *, context: ContextFactory) -> tuple[Path, Any]:
        """The template called `key`, and what `fill` returned when it filled it (on first use) through services
        built by `context`: the key must name everything the filling depends on, the day included."""
        return self._make(key, lambda database: fill(Services.build(context(database))))

    def _make(self, key: Hashable, fill: Callable[[Database], Any] | None) -> tuple[Path, Any]:
        if key not in self._made:
            path = self._folder / f"template-{next(self._serial)}.sqlite"  # a fill that failed leaves its own file
            database = open_database(path)
            try:
                made = fill(database) if fill is not None else None
            finally:
                database.dispose()
            # Closing the last connection folds the WAL into the file; a copy of the file alone is then complete.
            assert not path.with_name(path.name + "-wal").exists()
            self._made[key] = (path, made)
        return self._made[key]


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Templates:
    return Templates(tmp_path_factory.mktemp("templates"))


@pytest.fixture
def db_template(templates: Templates) -> Path:
    """The file this test's database starts as: a migrated empty database (GUI stories may start from more)."""
    return templates.empty


@pytest.fixture
def db_path(tmp_path: Path, db_template: Path) -> Path:
    path = tmp_path / "t.sqlite"
    shutil.copyfile(db_template, path)
    return path


@pytest.fixture
def fresh_db(tmp_path: Path, templates: Templates) -> Callable[[str], Path]:
    """fresh_db(name) -> the path of another new, empty database file in this test's folder."""

    def make(name: str) -> Path:
        path = tmp_path / name
        shutil.copyfile(templates.empty, path)
        return path

    return make


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A fresh database for this test, at head revision, opened as the application opens one."""
    database = open_database(db_path)
    yield database
    database.dispose()


@pytest.fixture
def services(db: Database, service_context: ContextFactory) -> Services:
    return Services.build(service_context(db))
