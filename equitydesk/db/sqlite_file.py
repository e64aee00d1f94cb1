"""The database file before SQLite opens it for real: what kind of file it is, whose database, and tidying after a look.

Everything here reads without writing: a FIFO is never opened, a device never touched, another program's SQLite
file is recognised and refused before any pragma or migration could change a byte of it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from equitydesk.db.errors import DatabaseError, plain_database_error

SQLITE_MAGIC = b"SQLite format 3\x00"
# Written into the file header (PRAGMA application_id) by our migrations: 'EqDk'. `file(1)` and other tools
# read it; we read it to tell our databases from other programs' SQLite files.
APPLICATION_ID = int.from_bytes(b"EqDk", "big")


class NotADatabaseFile(DatabaseError):
    """The file's first bytes are not SQLite's: someone's document, or a database of ours damaged beyond reading."""


@dataclass(frozen=True)
class FileFacts:
    """What a read-only look at an existing database file found."""

    empty: bool  # no bytes at all, or an SQLite file with nothing in it yet: ours to set up
    revision: str | None  # the Alembic revision, None when there is no alembic_version table
    marked: bool  # the header carries our application id


def check_sqlite_file(path: Path, *, create: bool, read_only: bool = False) -> None:
    """Refuse anything that is not an SQLite database (or a place one can be made), before SQLite writes to it."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise DatabaseError(f"{path} cannot be used: {_reason(exc)}.") from exc
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise DatabaseError(f"{path} is a folder, not a database file. Choose a file name inside it instead.")
        if not stat.S_ISREG(info.st_mode):
            # A FIFO would block the first read forever; a device would be overwritten or get a -journal beside it.
            raise DatabaseError(
                f"{path} is {_special_kind(info.st_mode)}, not a database file. Choose an EquityDesk database file."
            )
        if not os.access(path, os.R_OK):
            raise DatabaseError(f"{path} cannot be read: you do not have permission to open it.")
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
        if head and head != SQLITE_MAGIC:
            raise NotADatabaseFile(
                f"{path} is not an EquityDesk database (it is some other kind of file). "
                "Choose an EquityDesk database, or a new file name to start one."
            )
        if not read_only and not os.access(path, os.W_OK):
            raise DatabaseError(f"{path} is read-only. Copy it to a folder you can write to, and open the copy.")
        return
    folder = path.parent
    if not folder.exists():
        raise DatabaseError(f"The folder {folder} does not exist. Create it first, or choose another place.")
    if not create:
        raise DatabaseError(f"{path} does not exist.")
    if not os.access(folder, os.W_OK):
        raise DatabaseError(f"EquityDesk cannot create files in {folder}. Choose a folder you can write to.")


def inspect_file(path: Path) -> FileFacts:
    """Look into an existing file read-only: whose database it is and at which revision. Refuse other programs'."""
    if path.stat().st_size == 0:
        return FileFacts(empty=True, revision=None, marked=False)
    created = not any(p.exists() for p in wal_files(path))
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            user_version = conn.execute("PRAGMA user_version").fetchone()[0]
            names = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master")}
            row = None
            if "alembic_version" in names:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise plain_database_error(exc, path=path) from exc
    finally:
        if created:
            tidy_wal(path)
    revision = str(row[0]) if row else None
    if app_id == APPLICATION_ID:
        return FileFacts(empty=False, revision=revision, marked=True)
    if app_id == 0 and user_version == 0 and not names:
        return FileFacts(empty=True, revision=None, marked=False)
    if app_id == 0 and revision is not None and _is_ours(revision):
        # Made before databases were marked: the marking is added by the next upgrade.
        return FileFacts(empty=False, revision=revision, marked=False)
    raise DatabaseError(
        f"{path} is another program's SQLite database, not an EquityDesk one; EquityDesk has left it unchanged. "
        "Choose an EquityDesk database, or a new file name to start one."
    )


def wal_files(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def tidy_wal(path: Path) -> None:
    """Remove the empty -wal and -shm files that a read-only look at a WAL database leaves behind.

    A read-only connection cannot delete them. A plain connection that only reads, closed while it is the last
    one, has SQLite delete them under its own locks; while anyone else has the database open they stay, as
    they must. The database file itself is not written: there is nothing in the WAL to copy back.
    """
    wal, _shm = wal_files(path)
    try:
        if wal.stat().st_size:
            return  # somebody wrote meanwhile: their work, to be checkpointed by them
    except FileNotFoundError:
        pass
    with contextlib.suppress(sqlite3.Error, OSError):
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=0, isolation_level=None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()


def _is_ours(revision: str) -> bool:
    from equitydesk.db.migrate import known_revisions  # Alembic is slow to import: only for unmarked files

    return revision in known_revisions()


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _reason(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return reason[:1].lower() + reason[1:]
