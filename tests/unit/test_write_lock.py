"""Write transactions hold SQLite's write lock from their first statement; reads never take it.

Without it two imports of one file at once both planned "everyone is new" and doubled the roster.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select, text

from equitydesk.db.bulk import insert_tuples
from equitydesk.db.engine import Database, open_database
from equitydesk.db.tables import Committee, Person

ROWS = 3_000
HOLD_S = 3.0


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "lock.sqlite")
    yield db
    db.dispose()


def other_writer_can_begin(path: Path) -> bool:
    """Whether a second connection, waiting for nobody, can take the write lock now."""
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("PRAGMA busy_timeout=0")
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError as exc:
        assert "locked" in str(exc)
        return False
    finally:
        other.close()


def test_a_write_transaction_holds_the_write_lock_from_its_first_read(database: Database) -> None:
    assert database.path is not None
    with database.sessions.begin() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0  # only a read so far
        assert not other_writer_can_begin(database.path)
    assert other_writer_can_begin(database.path)


def test_a_read_session_does_not_block_a_writer(database: Database) -> None:
    assert database.path is not None
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0
        assert other_writer_can_begin(database.path)


def test_sessions_stay_a_sessionmaker(database: Database) -> None:
    from sqlalchemy.orm import sessionmaker

    assert isinstance(database.sessions, sessionmaker)
    with database.sessions.begin() as session:
        session.add(Committee(name="Equity Advisory Committee"))
    with database.sessions() as session:
        assert session.scalar(select(Committee.name)) == "Equity Advisory Committee"


def test_bulk_inserts_run_inside_the_write_transaction(database: Database) -> None:
    row = ("Mai", "Vang", "mai vang", 0, "2025-01-01 00:00:00.000000", "2025-01-01 00:00:00.000000")
    columns = ("given_name", "family_name", "name_key", "archived", "created_at", "updated_at")
    with pytest.raises(RuntimeError), database.sessions.begin() as session:
        insert_tuples(session, "person", columns, [row])
        raw = session.connection().connection.driver_connection
        assert raw is not None and raw.in_transaction
        assert session.scalar(select(func.count()).select_from(Person)) == 1
        raise RuntimeError("a later step fails")
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0, "rolled back with the transaction"


def roster(path: Path, rows: int) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["First name", "Last name", "Email", "School"])
    for i in range(rows):
        sheet.append([f"Given{i}", f"Family{i}", f"person{i}@example.org", "Roosevelt High"])
    book.save(path)
    return path


def test_two_imports_of_one_file_at_once_add_each_person_once(tmp_path: Path, data_dir: Path) -> None:
    db = tmp_path / "shared.sqlite"
    file = roster(tmp_path / "roster.xlsx", ROWS)
    env = {**os.environ, "EQUITYDESK_DATA_DIR": str(data_dir)}
    command = [sys.executable, "-m", "equitydesk", "--db", str(db)]
    existing = open_database(db)  # the committee exists already, as in the report: no clash on its name
    try:
        with existing.sessions.begin() as session:
            session.add(Committee(name="Equity Advisory Committee"))
    finally:
        existing.dispose()
    # Another writer holds the lock while both start, so that both are surely under way at once when it goes.
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    runs = [
        subprocess.Popen(
            [*command, "import-roster", str(file), "--committee", "Equity Advisory Committee"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(2)
    ]
    time.sleep(HOLD_S)  # well inside their 10 s busy timeout: they wait, then go
    holder.execute("ROLLBACK")
    holder.close()
    outcomes = [(run.wait(timeout=120), run.stderr.read() if run.stderr else "") for run in runs]
    for run in runs:
        for stream in (run.stdout, run.stderr):
            if stream:
                stream.close()
    assert [code for code, _err in outcomes] == [0, 0], outcomes
    check = sqlite3.connect(db)
    try:
        people = check.execute("SELECT count(*) FROM person").fetchone()[0]
        members = check.execute("SELECT count(*) FROM membership").fetchone()[0]
        committees = check.execute("SELECT count(*) FROM committee").fetchone()[0]
        batches = check.execute("SELECT created FROM import_batch ORDER BY id").fetchall()
    finally:
        check.close()
    assert (people, members, committees) == (ROWS, ROWS, 1)
    assert sorted(created for (created,) in batches) == [0, ROWS], "the second import found everyone already there"


def test_plain_sessions_begin_deferred_and_writes_immediate(database: Database) -> None:
    seen: list[str] = []
    from sqlalchemy import event

    def remember(_conn: object, cursor: object, statement: str, *_args: object) -> None:
        if statement.startswith("BEGIN"):
            seen.append(statement)

    event.listen(database.engine, "before_cursor_execute", remember)
    with database.sessions() as session:
        session.execute(text("SELECT 1"))
    with database.sessions.begin() as session:
        session.execute(text("SELECT 1"))
    assert seen == ["BEGIN DEFERRED", "BEGIN IMMEDIATE"]
