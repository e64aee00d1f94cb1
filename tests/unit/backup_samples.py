"""Databases and damage for the backup tests: small EquityDesk files built in code, and ways to break a copy."""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from equitydesk.db.engine import open_database
from equitydesk.db.sqlite_file import tidy_wal, wal_files
from equitydesk.services.registry import services_for


def make_database(path: Path, *, people: int = 3, committee: str = "Equity Advisory Committee") -> Path:
    """A closed database with one committee and `people` people (no -wal beside it)."""
    db = open_database(path)
    try:
        services = services_for(db, actor="test")
        services.committees.create(name=committee)
        for n in range(people):
            services.people.create(given_name=f"Hodan {n}", family_name="Abdi Warsame" * 4)
    finally:
        db.dispose()
    return path


def add_people(path: Path, *names: str) -> None:
    db = open_database(path)
    try:
        services = services_for(db, actor="test")
        for name in names:
            services.people.create(given_name=name, family_name="Added later")
    finally:
        db.dispose()


@contextlib.contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only look that leaves no -wal or -shm behind (they would be set aside with a damaged file)."""
    made = not any(p.exists() for p in wal_files(path))
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        yield conn
    finally:
        conn.close()
        if made:
            tidy_wal(path)


def count(path: Path, table: str = "person") -> int:
    with reading(path) as conn:
        return int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])


def names(path: Path) -> set[str]:
    with reading(path) as conn:
        return {str(r[0]) for r in conn.execute("SELECT given_name FROM person")}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def garble_table(path: Path, table: str = "person") -> None:
    """Overwrite the root page of a table with junk: the schema still reads, SQLite's quick_check does not pass."""
    with reading(path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    data[(root - 1) * size : root * size] = b"\x55" * size
    path.write_bytes(bytes(data))


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def unmark(path: Path) -> None:
    """Zero the application id in the header (bytes 68-71): SQLite reads the file, but it is not marked as ours."""
    data = bytearray(path.read_bytes())
    data[68:72] = b"\x00\x00\x00\x00"
    path.write_bytes(bytes(data))


def drop_a_row(path: Path) -> None:
    """A sound SQLite file with one person fewer than the database had: only the row counts tell."""
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM person WHERE id = (SELECT max(id) FROM person)")
    conn.commit()
    conn.close()


def break_overflow(path: Path) -> None:
    """Point a long note's overflow chain at a page that does not exist: every row still counts, quick_check fails.

    Counting rows never reads overflow pages, so only SQLite's own check finds this kind of damage.
    """
    marker = b"OVERFLOW-MARKER-"
    db = open_database(path)
    try:
        services_for(db, actor="test").people.create(
            given_name="Long", family_name="Notes", notes=(marker.decode() * 1200)[:19_000]
        )
    finally:
        db.dispose()
    with reading(path) as conn:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    pages = [n for n in range(len(data) // size) if data[n * size + 4 : n * size + 4 + 8] in marker * 2]
    assert pages, "the note spilled onto overflow pages"
    start = pages[0] * size
    data[start : start + 4] = b"\xff\xff\xff\x00"  # "next overflow page": far beyond the end of the file
    path.write_bytes(bytes(data))
