"""Putting a backup back: refuse anything that is not a sound EquityDesk database, then copy it in through SQLite."""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from equitydesk.db.backup import (
    BackupError,
    CopyRejected,
    copy_database,
    copy_pages,
    copy_problem,
    table_counts,
)
from equitydesk.db.errors import plain_database_error
from equitydesk.db.integrity import is_damage
from equitydesk.db.sqlite_file import APPLICATION_ID, SQLITE_MAGIC, tidy_wal, wal_files


@dataclass(frozen=True)
class SourceFacts:
    """A file that may be restored: its schema revision and the rows of every table in it."""

    path: Path
    revision: str
    counts: dict[str, int]


def check_restorable(source: Path, *, db_path: Path | None = None) -> SourceFacts:
    """Refuse (BackupError, one sentence) a file that is not a verified EquityDesk database; read nothing else.

    Verified means: a regular SQLite file, marked as ours (or one of ours from before the marking), at a schema
    revision this version knows (not a newer one), and passing SQLite's quick_check. The file is only read.
    """

    def refuse(why: str) -> BackupError:
        return BackupError(f"{source} cannot be restored: {why}. The database was left as it was.")

    try:
        info = os.stat(source)
    except FileNotFoundError:
        raise refuse("there is no such file") from None
    except OSError as exc:
        raise refuse((exc.strerror or str(exc)).lower()) from exc
    if not stat.S_ISREG(info.st_mode):
        raise refuse("it is a folder" if stat.S_ISDIR(info.st_mode) else "it is not a regular file")
    if db_path is not None and db_path.exists() and os.path.samefile(source, db_path):
        raise refuse("it is the database itself")
    if info.st_size == 0:
        raise refuse("it is empty")
    with source.open("rb") as fh:
        if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise refuse("it is not an EquityDesk database (it is some other kind of file)")
    created = not any(p.exists() for p in wal_files(source))
    try:
        conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
            counts = table_counts(conn)
            row = (
                conn.execute("SELECT version_num FROM alembic_version").fetchone()
                if "alembic_version" in counts
                else None
            )
            sound = [str(r[0]) for r in conn.execute("PRAGMA quick_check")] == ["ok"]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if is_damage(exc):
            raise refuse("it is damaged") from exc
        raise BackupError(f"{source} cannot be restored: {plain_database_error(exc, path=source)}") from exc
    finally:
        if created:
            tidy_wal(source)
    from equitydesk.db.migrate import known_revisions  # Alembic is slow to import: only when there is work

    revision = str(row[0]) if row else None
    known = known_revisions()
    if app_id != APPLICATION_ID and not (app_id == 0 and revision in known):
        raise refuse("it is another program's SQLite database, not an EquityDesk one")
    if revision is None:
        raise refuse("it holds no EquityDesk data")
    if revision not in known:
        raise refuse("it was made by a newer version of EquityDesk; install that version to open it")
    if not sound:
        raise refuse("it is damaged (SQLite's quick check found errors in it)")
    return SourceFacts(path=source, revision=revision, counts=counts)


def restore_into(facts: SourceFacts, db_path: Path) -> None:
    """Make the database at db_path hold exactly what facts.path holds, and check that it does.

    An existing database is overwritten through the backup API, under SQLite's own locks, so that a program
    still reading it sees either the old pages or the new ones. Where there is no database (a new name, or a
    damaged file set aside), the copy is built beside it and renamed into place, verified, like a backup.
    """
    src = sqlite3.connect(f"{facts.path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    try:
        if not db_path.exists():
            try:
                copy_database(src, db_path)
            except CopyRejected as exc:
                raise BackupError(f"{facts.path} could not be restored ({exc}); nothing was changed.") from exc
            return
        dest = sqlite3.connect(db_path, isolation_level=None, timeout=10)
        try:
            copy_pages(src, dest)
            if int(dest.execute("PRAGMA application_id").fetchone()[0]) != APPLICATION_ID:
                dest.execute(f"PRAGMA application_id={APPLICATION_ID}")  # ours from before the marking: now marked
        except sqlite3.Error as exc:
            raise BackupError(f"{db_path} could not be restored: {plain_database_error(exc, path=db_path)}") from exc
        finally:
            dest.close()
    finally:
        src.close()
    problem = copy_problem(db_path, facts.counts)
    if problem is not None:
        raise BackupError(
            f"{db_path} did not match {facts.path.name} after the restore ({problem}); restore the backup made "
            "just before it."
        )
