"""Shared fixtures: an isolated data folder for every test, and a fresh database with its services."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from equitydesk.db.engine import Database, open_database
from equitydesk.services.context import ServiceContext
from equitydesk.services.registry import Services

# A fixed "today" for services, so that term and overdue filters give the same answer on any day.
TODAY = date(2025, 11, 12)


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
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "t.sqlite")
    yield database
    database.dispose()


@pytest.fixture
def services(db: Database, today: date) -> Services:
    return Services.build(ServiceContext(db.sessions, actor="tester", today=lambda: today))
