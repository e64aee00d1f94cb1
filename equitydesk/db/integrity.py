"""Is a database file sound: checks before opening it, damage told from other refusals, a damaged file set aside."""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path

from equitydesk.db.backup import BackupError, existing_backups
from equitydesk.db.errors import DatabaseError, is_damage, plain_database_error
from equitydesk.db.sqlite_file import FileFacts, NotADatabaseFile, check_sqlite_file, inspect_file, tidy_wal, wal_files

__all__ = ["DatabaseDamaged", "examine", "is_damage", "quick_check", "set_aside"]


class DatabaseDamaged(DatabaseError):
    """The database file is damaged (or is no database at all where one of ours was); `path` names it."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is damaged, so EquityDesk cannot open it. Restore it from a backup, or choose another file."
        )
        self.path = path


def examine(path: Path, *, create: bool, read_only: bool) -> FileFacts | None:
    """Check a database file before the engine opens it: its kind, whose it is, and (to write) SQLite's quick_check.

    Returns None when there is no file yet. Damage raises DatabaseDamaged: a file SQLite calls malformed, one that
    fails quick_check, and a file that is empty or not SQLite at all where this database has backups (it was
    ours). Without backups such a file is someone's document, refused as before and never called damaged.
    Only the writable path pays for quick_check; a read-only look changes nothing, so it needs no such care.
    """
    try:
        check_sqlite_file(path, create=create, read_only=read_only)
    except NotADatabaseFile as exc:
        if existing_backups(path):
            raise DatabaseDamaged(path) from exc
        raise
    if not path.exists():
        return None
    try:
        facts = inspect_file(path)
    except DatabaseError as exc:
        if is_damage(exc):
            raise DatabaseDamaged(path) from exc
        raise
    if facts.empty and existing_backups(path):
        raise DatabaseDamaged(path)  # our database's file, emptied: starting afresh in it would hide the loss
    if not read_only and not facts.empty and quick_check(path) != ["ok"]:
        raise DatabaseDamaged(path)
    return facts


def quick_check(path: Path) -> list[str]:
    """SQLite's quick_check of a file, read-only: ["ok"] when sound, else what it found (or why it could not)."""
    created = not any(p.exists() for p in wal_files(path))
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return [str(row[0]) for row in conn.execute("PRAGMA quick_check")]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if is_damage(exc):
            return [str(exc)]
        raise plain_database_error(exc, path=path) from exc
    finally:
        if created:
            tidy_wal(path)


def set_aside(path: Path, *, today: date | None = None) -> Path:
    """Rename a damaged database to `NAME.damaged-YYYY-MM-DD` (with its -wal and -shm), never deleting a byte of it.

    At most one damaged copy a day: when today's exists already, BackupError asks the user to move it first
    rather than replacing it or piling up copies of a file that keeps being damaged.
    """
    aside = path.with_name(f"{path.name}.damaged-{(today or date.today()).isoformat()}")
    if os.path.lexists(aside):
        raise BackupError(
            f"A damaged copy of {path.name} was already set aside today ({aside.name}); move that file to another "
            "folder, then try again."
        )
    wal, shm = wal_files(path)
    journal = path.with_name(path.name + "-journal")
    try:
        # The -wal first: were it left behind, a new file at this name would have the damaged pages replayed into it.
        for companion in (wal, journal, shm):
            if companion.exists():
                os.rename(companion, aside.with_name(aside.name + companion.name[len(path.name) :]))
        os.rename(path, aside)
    except OSError as exc:
        raise BackupError(
            f"{path} could not be set aside ({(exc.strerror or str(exc)).lower()}), so nothing was restored."
        ) from exc
    return aside
