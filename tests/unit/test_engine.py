"""Opening a database: the pragmas every connection gets, and plain refusals that leave a bad target untouched."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from equitydesk.db.engine import Database, open_database, resolve_url
from equitydesk.db.errors import DatabaseError

PROC_TARGET = Path("/proc/equitydesk-test.sqlite")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_plain(message: str) -> None:
    """One sentence for a person: no newline, no traceback, no driver jargon."""
    assert message and "\n" not in message
    assert "Traceback" not in message and "sqlite3." not in message and "(Background" not in message


def test_every_connection_gets_the_pragmas(db: Database) -> None:
    with db.engine.connect() as conn:
        pragma = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("foreign_keys", "journal_mode", "busy_timeout", "secure_delete", "synchronous")
        }
    assert pragma["foreign_keys"] == 1
    assert pragma["journal_mode"] == "wal"
    assert pragma["busy_timeout"] >= 5000
    assert pragma["secure_delete"] == 1
    assert pragma["synchronous"] == 1  # NORMAL


def test_a_text_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("given,family\nHodan,Abdi Warsame\n", encoding="utf-8")
    before = digest(path)
    with pytest.raises(DatabaseError, match="is not an EquityDesk database") as info:
        open_database(path)
    assert_plain(str(info.value))
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roster.csv"]  # no -wal or -shm beside it


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="is a folder") as info:
        open_database(tmp_path)
    assert_plain(str(info.value))
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_refused_and_not_created(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "eac.sqlite"
    with pytest.raises(DatabaseError, match="does not exist") as info:
        open_database(target)
    assert_plain(str(info.value))
    assert not (tmp_path / "no").exists()


def test_a_place_that_cannot_be_written_is_refused() -> None:
    # chmod does not stop root, so use a file system that refuses new files to everyone.
    assert not PROC_TARGET.exists()
    with pytest.raises(DatabaseError) as info:
        open_database(PROC_TARGET)
    assert_plain(str(info.value))
    assert str(PROC_TARGET.parent) in str(info.value)
    assert not PROC_TARGET.exists()  # the fault really happened: nothing was created
    if os.access(PROC_TARGET.parent, os.W_OK):  # as root our own check passes, so SQLite itself must have failed
        cause = info.value.__cause__
        assert isinstance(getattr(cause, "orig", cause), sqlite3.Error)


def test_an_existing_file_is_opened_read_only_when_asked_not_to_create(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="does not exist"):
        open_database(tmp_path / "eac.sqlite", create=False)
    assert list(tmp_path.iterdir()) == []


def _newer(path: Path) -> None:
    open_database(path).dispose()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()


def test_a_database_from_a_newer_version_is_refused_and_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite"
    _newer(path)
    before = digest(path)
    with pytest.raises(DatabaseError, match="newer version of EquityDesk") as info:
        open_database(path)
    assert_plain(str(info.value))
    assert digest(path) == before


def test_a_newer_database_not_in_wal_mode_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite"
    _newer(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseError):
        open_database(path)
    assert digest(path) == before


def test_urls_and_paths_resolve(tmp_path: Path) -> None:
    url, path = resolve_url(f"sqlite:///{tmp_path / 'a.sqlite'}")
    assert path == tmp_path / "a.sqlite" and url.get_backend_name() == "sqlite"
    assert resolve_url(":memory:")[1] is None
    with pytest.raises(DatabaseError, match="not a database address"):
        resolve_url("not a url://")
    memory = open_database(":memory:")
    try:
        assert memory.path is None
    finally:
        memory.dispose()
