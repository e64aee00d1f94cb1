"""Which files EquityDesk opens as its database: its own (marked), never another program's, never a device or pipe."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from equitydesk.db import migrate
from equitydesk.db.engine import open_database, resolve_url
from equitydesk.db.errors import DatabaseError
from equitydesk.db.migrate import head_revision
from equitydesk.db.sqlite_file import APPLICATION_ID
from equitydesk.services.registry import services_for

# Two new steps: the first succeeds, the second fails half way. Run one transaction per step, the first would stay.
NEW_STEPS = {
    "0002_adds.py": '''"""A step that works: a new column."""
from alembic import op
import sqlalchemy as sa

revision = "0002_adds"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("committee", sa.Column("added_note", sa.Text))


def downgrade() -> None:
    pass
''',
    "0003_fails.py": '''"""A step that fails half way: it makes a table, then raises."""
from alembic import op
import sqlalchemy as sa

revision = "0003_fails"
down_revision = "0002_adds"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    raise RuntimeError("the migration step failed")


def downgrade() -> None:
    pass
''',
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tables(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return sorted(str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'"))
    finally:
        conn.close()


def pragma(path: Path, name: str) -> object:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


def another_programs_database(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT)")  # a name that clashes with ours
    conn.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY, total REAL)")
    conn.execute("INSERT INTO person VALUES (1, 'Ada')")
    conn.commit()
    conn.close()
    return path


def run_cli(*args: str, data_dir: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EQUITYDESK_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "equitydesk", *args], capture_output=True, text=True, env=env, timeout=timeout
    )


def test_a_new_database_is_marked_as_ours(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    open_database(path).dispose()
    assert pragma(path, "application_id") == APPLICATION_ID


def test_an_unmarked_database_of_ours_is_opened_and_marked(tmp_path: Path) -> None:
    path = tmp_path / "older.sqlite"
    open_database(path).dispose()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id=0")  # as every database made before the marking was
    conn.commit()
    conn.close()
    db = open_database(path)
    db.dispose()
    assert pragma(path, "application_id") == APPLICATION_ID


@pytest.mark.parametrize("command", [["stats"], ["check"], ["list", "people"], ["init"]])
def test_another_programs_sqlite_file_is_refused_and_unchanged(
    tmp_path: Path, data_dir: Path, command: list[str]
) -> None:
    path = another_programs_database(tmp_path / "accounts.db")
    before, listing = digest(path), sorted(os.listdir(tmp_path))
    result = run_cli("--db", str(path), *command, data_dir=data_dir)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "another program's SQLite database" in result.stderr and "Traceback" not in result.stderr
    assert digest(path) == before
    assert sorted(os.listdir(tmp_path)) == listing  # no -wal, -shm or -journal beside it
    assert tables(path) == ["invoice", "person"]


def test_an_import_into_another_programs_file_is_refused_and_unchanged(tmp_path: Path, data_dir: Path) -> None:
    path = another_programs_database(tmp_path / "accounts.db")
    sheet = tmp_path / "roster.csv"
    sheet.write_text("First name,Last name\nMai,Vang\n", encoding="utf-8")
    before = digest(path)
    result = run_cli("--db", str(path), "import-roster", str(sheet), "--committee", "EAC", data_dir=data_dir)
    assert result.returncode == 2 and "another program's SQLite database" in result.stderr
    assert digest(path) == before and tables(path) == ["invoice", "person"]


def test_an_sqlite_file_with_nothing_in_it_becomes_ours(tmp_path: Path) -> None:
    path = tmp_path / "blank.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA page_size=4096")
    conn.execute("VACUUM")  # a valid SQLite file, with no tables
    conn.close()
    assert path.stat().st_size > 0
    open_database(path).dispose()
    assert "person" in tables(path) and pragma(path, "application_id") == APPLICATION_ID


def add_failing_steps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Our migrations plus two new steps, the second failing after changing things, as a broken upgrade would."""
    folder = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    head = head_revision()
    for name, text in NEW_STEPS.items():
        (folder / "versions" / name).write_text(text.replace("{head}", head), encoding="utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", folder)
    monkeypatch.setattr("equitydesk.db.engine.SCHEMA_HEAD", "0003_fails")


def test_a_failing_migration_leaves_a_new_file_without_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "new.sqlite"
    add_failing_steps(tmp_path, monkeypatch)
    with pytest.raises(RuntimeError, match="migration step failed"):
        open_database(path)
    assert tables(path) == []  # the baseline's tables were rolled back with the failing step
    assert pragma(path, "application_id") == 0


def test_a_failing_upgrade_leaves_an_existing_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "kept.sqlite"
    db = open_database(path)
    services_for(db, actor="test").committees.create(name="EAC")
    db.dispose()
    before, head = tables(path), head_revision()
    add_failing_steps(tmp_path, monkeypatch)
    with pytest.raises(RuntimeError, match="migration step failed"):
        open_database(path)
    assert tables(path) == before
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head
        assert "added_note" not in [r[1] for r in conn.execute("PRAGMA table_info(committee)")]
        assert conn.execute("SELECT name FROM committee").fetchall() == [("EAC",)]
    finally:
        conn.close()


def test_a_fifo_is_refused_without_opening_it(tmp_path: Path, data_dir: Path) -> None:
    fifo = tmp_path / "pipe.sqlite"
    os.mkfifo(fifo)
    # Opening a FIFO for reading would block until a writer comes: the timeout is the failure.
    result = run_cli("--db", str(fifo), "stats", data_dir=data_dir, timeout=30)
    assert result.returncode == 2 and "is a pipe" in result.stderr
    assert sorted(os.listdir(tmp_path)) == ["pipe.sqlite"]


def test_a_device_is_refused_and_nothing_made_beside_it(tmp_path: Path) -> None:
    before = set(os.listdir("/dev"))
    try:
        for read_only in (False, True):
            with pytest.raises(DatabaseError, match="is a device") as info:
                open_database("/dev/null", read_only=read_only)
            assert "\n" not in str(info.value)
        assert set(os.listdir("/dev")) - before == set()  # no /dev/null-journal or -wal
    finally:
        for name in set(os.listdir("/dev")) - before:  # were the refusal lost, leave the machine as it was
            if name.startswith("null-"):
                os.unlink(f"/dev/{name}")
    assert Path("/dev/null").is_char_device()


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
        with pytest.raises(DatabaseError, match="is a socket"):
            open_database(path)
    finally:
        server.close()


def test_an_sqlite_file_uri_url_names_its_file_and_opens_read_only(tmp_path: Path, data_dir: Path) -> None:
    path = tmp_path / "eac.sqlite"
    open_database(path).dispose()
    url = f"sqlite:///file:{path}?mode=ro&uri=true"
    assert resolve_url(url)[1] == path
    db = open_database(url)
    try:
        assert db.read_only and db.path == path
    finally:
        db.dispose()
    before = digest(path)
    stats = run_cli("--db", url, "stats", "--json", data_dir=data_dir)
    assert stats.returncode == 0, stats.stderr
    sheet = tmp_path / "roster.csv"
    sheet.write_text("First name,Last name\nMai,Vang\n", encoding="utf-8")
    write = run_cli("--db", url, "import-roster", str(sheet), "--committee", "EAC", data_dir=data_dir)
    assert write.returncode == 2 and "read" in write.stderr and write.stderr.count("\n") == 1
    assert "readonly" not in write.stderr and "Traceback" not in write.stderr
    assert digest(path) == before
