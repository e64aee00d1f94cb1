"""Every failure reaches a command-line user as one sentence in our words, exit 2: full disks, busy or damaged files."""

from __future__ import annotations

import os
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.exc import IntegrityError, OperationalError

from equitydesk.cli import main
from equitydesk.db import engine as engine_module
from equitydesk.db.engine import open_database
from equitydesk.db.errors import BUSY, FULL, plain_database_error
from equitydesk.services.registry import services_for

SQLITE_WORDS = (
    "database is locked",
    "constraint failed",
    "malformed",
    "database or disk is full",
    "sqlite",
    "OperationalError",
)


def assert_one_sentence(err: str) -> None:
    assert err.count("\n") == 1 and err.startswith("equitydesk: "), err
    assert "Traceback" not in err and "Exception ignored" not in err
    assert not [w for w in SQLITE_WORDS if w in err.removeprefix("equitydesk: ").lower()], err


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (sqlite3.OperationalError("database is locked"), BUSY),
        (sqlite3.OperationalError("database or disk is full"), FULL),
        (OperationalError("INSERT …", {}, sqlite3.OperationalError("database table is locked")), BUSY),
    ],
)
def test_sqlite_words_become_ours(error: Exception, expected: str) -> None:
    assert str(plain_database_error(error)) == expected


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (
            sqlite3.IntegrityError("UNIQUE constraint failed: committee.name"),
            "Another committee already has the same name",
        ),
        (sqlite3.OperationalError("malformed database schema (import_batch)"), "damaged"),
        (sqlite3.DatabaseError("file is not a database"), "damaged"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "read-only"),
        (sqlite3.OperationalError("disk I/O error"), "could not read or write"),
        (IntegrityError("INSERT …", {}, sqlite3.IntegrityError("FOREIGN KEY constraint failed")), "no longer exists"),
    ],
)
def test_each_kind_of_failure_has_a_plain_sentence(error: Exception, words: str) -> None:
    message = str(plain_database_error(error))
    assert words in message and "\n" not in message
    assert not [w for w in SQLITE_WORDS if w in message.lower()]


def fill_the_disk_soon(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on every connection may grow the file by only a few pages: a full disk, as root can still meet."""
    made = engine_module.make_engine

    def tight(url, **kw):  # type: ignore[no-untyped-def]
        engine = made(url, **kw)

        @event.listens_for(engine, "connect")
        def cap(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
            dbapi_conn.execute(f"PRAGMA max_page_count={pages + 8}")

        return engine

    monkeypatch.setattr(engine_module, "make_engine", tight)


def test_a_full_disk_during_an_import_is_one_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    path = tmp_path / "eac.sqlite"
    db = open_database(path)
    services_for(db, actor="test").committees.create(name="EAC")
    db.dispose()
    roster = tmp_path / "roster.csv"
    lines = ["First name,Last name,Email,Notes"]
    lines += [f"Given{i},Family{i},p{i}@example.org,{'a note that takes room ' * 8}" for i in range(3_000)]
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fill_the_disk_soon(monkeypatch)
    code = main(["--db", str(path), "import-roster", str(roster), "--committee", "EAC"])
    err = capsys.readouterr().err
    assert code == 2
    assert_one_sentence(err)
    assert "disk is full" in err
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == 0  # all or nothing
    finally:
        conn.close()


def test_a_busy_database_is_one_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    path = tmp_path / "eac.sqlite"
    open_database(path).dispose()
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 0)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code = main(["--db", str(path), "import-roster", str(_one_row(tmp_path)), "--committee", "EAC"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err
    assert code == 2
    assert_one_sentence(err)
    assert BUSY in err


def _one_row(folder: Path) -> Path:
    path = folder / "one.csv"
    path.write_text("First name,Last name\nMai,Vang\n", encoding="utf-8")
    return path


EXPORT = """
import resource, sys
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
from equitydesk.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("people", [1, 400])
def test_a_full_disk_during_an_xlsx_export_is_one_line(tmp_path: Path, data_dir: Path, people: int) -> None:
    # 1 person: the sheet's temporary file fits, the zip does not. 400: the sheet's temporary file is cut first.
    path = tmp_path / "eac.sqlite"
    db = open_database(path)
    services = services_for(db, actor="test")
    committee = services.committees.create(name="EAC")
    for i in range(people):
        person = services.people.create(given_name=f"Given{i}", family_name=f"Family{i}", notes="x " * 40)
        services.memberships.create(person_id=person.id, committee_id=committee.id)
    db.dispose()
    keep = sqlite3.connect(path)  # its -shm exists already, so the export needs to grow no file but its own
    keep.execute("SELECT count(*) FROM person").fetchone()
    limit = 4_000 if people == 1 else 20_000
    target = tmp_path / "roster.xlsx"
    env = {**os.environ, "EQUITYDESK_DATA_DIR": str(data_dir)}
    try:
        run = subprocess.run(
            [
                sys.executable,
                "-c",
                EXPORT.format(limit=limit),
                "--db",
                str(path),
                "export",
                "roster",
                str(target),
                "--committee",
                "EAC",
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
    finally:
        keep.close()
    assert run.returncode == 2, run.stderr
    assert_one_sentence(run.stderr)
    assert "roster.xlsx" in run.stderr and "larger than" in run.stderr
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~")] == []
    assert resource.getrlimit(resource.RLIMIT_FSIZE)  # the limit was only the child's
