"""Commands that only read change no byte of the database and leave no -wal, -shm or -journal they did not find."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from equitydesk.cli import main
from equitydesk.db.engine import open_database
from equitydesk.services.registry import services_for

ROSTER = "First name,Last name,Email\nMai,Vang,mai@example.org\nHodan,Abdi,hodan@example.org\n"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def made(tmp_path: Path, journal: str) -> Path:
    """A database of ours with a committee and people, closed, in the given journal mode."""
    path = tmp_path / f"{journal}.sqlite"
    db = open_database(path)
    services = services_for(db, actor="test")
    committee = services.committees.create(name="Equity Advisory Committee")
    person = services.people.create(given_name="Mai", family_name="Vang")
    services.memberships.create(person_id=person.id, committee_id=committee.id)
    db.dispose()
    conn = sqlite3.connect(path)
    assert conn.execute(f"PRAGMA journal_mode={journal}").fetchone()[0] == journal
    conn.close()
    return path


COMMANDS: dict[str, Callable[[Path], list[str]]] = {
    "stats": lambda _dir: ["stats", "--json"],
    "check": lambda _dir: ["check"],
    "list": lambda _dir: ["list", "people"],
    "dry-run": lambda folder: [
        "import-roster",
        str(folder / "incoming" / "roster.csv"),
        "--committee",
        "Equity Advisory Committee",
        "--dry-run",
    ],
}


@pytest.mark.parametrize("journal", ["wal", "delete"])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_read_commands_change_no_byte(tmp_path: Path, journal: str, command: str, capsys) -> None:
    (tmp_path / "incoming").mkdir()
    (tmp_path / "incoming" / "roster.csv").write_text(ROSTER, encoding="utf-8")
    path = made(tmp_path, journal)
    before, listing = digest(path), sorted(os.listdir(tmp_path))
    code = main(["--db", str(path), *COMMANDS[command](tmp_path)])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert digest(path) == before
    assert sorted(os.listdir(tmp_path)) == listing, "no -wal, -shm or -journal left behind"


def test_check_on_an_empty_file_writes_nothing_into_it(tmp_path: Path, capsys) -> None:
    path = tmp_path / "empty.sqlite"
    path.touch()
    assert main(["--db", str(path), "check"]) == 1
    assert "no EquityDesk schema" in capsys.readouterr().out
    assert path.stat().st_size == 0 and os.listdir(tmp_path) == ["empty.sqlite"]


def test_a_read_while_another_connection_is_open_keeps_its_wal(tmp_path: Path, capsys) -> None:
    path = made(tmp_path, "wal")
    keep = sqlite3.connect(path)  # the window, say, has it open: its -wal and -shm are in use
    try:
        keep.execute("SELECT count(*) FROM person").fetchone()
        assert main(["--db", str(path), "stats"]) == 0
        assert {"wal.sqlite-wal", "wal.sqlite-shm"} <= set(os.listdir(tmp_path))
        keep.execute("UPDATE person SET notes = 'still writable'")
        keep.commit()
    finally:
        keep.close()
    capsys.readouterr()


def test_a_read_only_database_is_refused_when_it_needs_an_upgrade(tmp_path: Path) -> None:
    path = made(tmp_path, "delete")
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM alembic_version")  # as if made before the first migration
    conn.commit()
    conn.close()
    before = digest(path)
    from equitydesk.db.errors import DatabaseError

    with pytest.raises(DatabaseError, match="equitydesk init"):
        open_database(path, read_only=True)
    assert digest(path) == before


def test_writes_on_a_read_only_database_say_so_plainly(tmp_path: Path) -> None:
    path = made(tmp_path, "wal")
    db = open_database(path, read_only=True)
    try:
        services = services_for(db, actor="test")
        with pytest.raises(Exception) as info:
            services.people.create(given_name="Hodan", family_name="Abdi")
        from equitydesk.db.errors import plain_database_error

        message = str(plain_database_error(info.value))
        assert "read" in message and "readonly" not in message
    finally:
        db.dispose()
