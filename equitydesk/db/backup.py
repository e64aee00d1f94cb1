"""Backups of a database file through SQLite's backup API: copied, verified, renamed into place, then thinned.

A backup is never a file copy: an open WAL database keeps its latest commits in the -wal file, which a copy of
the main file misses. The backup API reads the database as SQLite sees it, in one read snapshot, and the row
counts checked afterwards are taken in that same snapshot.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import socket
import sqlite3
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from equitydesk.db.errors import DatabaseError, is_damage, plain_database_error
from equitydesk.db.sqlite_file import APPLICATION_ID, SQLITE_MAGIC, tidy_wal, wal_files
from equitydesk.domain.retention import backups_to_keep

BACKUP_FOLDER = "backups"
_STAMP = "%Y-%m-%dT%H-%M-%SZ"  # UTC, so that names sort by time across daylight-saving changes and journeys
_STAMP_RE = r"(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ)"
_TEMP_PREFIX = ".~equitydesk-backup-"
_TEMP_RE = re.compile(re.escape(_TEMP_PREFIX) + r".*\.([0-9a-f]{8})-(\d+)\.partial(-journal|-wal|-shm)?\Z")
_HOST = hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]
STALE_AFTER_S = 24 * 3600
# How long a copy waits for a database another program is writing to, before it gives up with a sentence.
GIVE_UP_AFTER_S = 10.0
_BUSY_CODES = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED: Python's backup() would retry them forever

VerifyHook = Callable[[Path], None]
DAMAGED = "SQLite found damage in it"  # quick_check's findings, or a file too damaged to read that far


class BackupError(DatabaseError):
    """A backup or a restore that could not be made or did not check out; str() is one plain sentence."""


class TargetTaken(BackupError):
    """The backup's name was taken by another process between choosing it and placing the finished copy."""


_NAME_ATTEMPTS = 10


class CopyRejected(Exception):
    """The copy did not check out; str() says how, as a phrase to put in a sentence."""


@dataclass(frozen=True)
class BackupFile:
    """A backup that was written and verified: where, when (UTC), how big, and the rows of every table in it."""

    path: Path
    created: datetime
    size: int
    counts: Mapping[str, int]


# --- names -------------------------------------------------------------------------------------------------------


def backup_folder(db_path: Path) -> Path:
    """Backups live in a `backups` folder beside the database, so they travel with it and are easy to find."""
    return db_path.parent / BACKUP_FOLDER


def backup_path(db_path: Path, at: datetime) -> Path:
    """`eac-2026-12-01T21-58-03Z.sqlite` for eac.sqlite: the database's name, then the time (UTC) it was made."""
    stamp = at.astimezone(UTC).strftime(_STAMP)
    return backup_folder(db_path) / f"{db_path.stem}-{stamp}{db_path.suffix or '.sqlite'}"


def backup_time(db_path: Path, name: str) -> datetime | None:
    """When the backup called `name` was made, if it is one of this database's backups; None otherwise."""
    pattern = re.escape(db_path.stem) + "-" + _STAMP_RE + re.escape(db_path.suffix or ".sqlite")
    found = re.fullmatch(pattern, name)
    if found is None:
        return None
    return datetime.strptime(found[1], _STAMP).replace(tzinfo=UTC)


def existing_backups(db_path: Path) -> list[tuple[Path, datetime]]:
    """This database's backups, newest first. Other files in the folder (someone's own) are never listed."""
    found: list[tuple[Path, datetime]] = []
    try:
        entries = list(os.scandir(backup_folder(db_path)))
    except OSError:
        return found
    for entry in entries:
        when = backup_time(db_path, entry.name)
        if when is not None and entry.is_file(follow_symlinks=False):
            found.append((Path(entry.path), when))
    return sorted(found, key=lambda item: item[1], reverse=True)


def _free_path(db_path: Path, now: datetime) -> tuple[Path, datetime]:
    # Two backups in one second (before an import, then on closing) get the next second: names stay unique.
    at = now.astimezone(UTC).replace(microsecond=0)
    while backup_path(db_path, at).exists():
        at += timedelta(seconds=1)
    return backup_path(db_path, at), at


# --- reading a database ----------------------------------------------------------------------------------------


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows in every table of the database (SQLite's own tables aside)."""
    names = [
        str(row[0])
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
            "ORDER BY name"
        )
    ]
    return {name: int(conn.execute(f'SELECT count(*) FROM "{_quoted(name)}"').fetchone()[0]) for name in names}


def has_data(counts: Mapping[str, int]) -> bool:
    """Whether a database holds anything worth a backup: rows in any table besides the schema's revision."""
    return any(n for name, n in counts.items() if name != "alembic_version")


def main_file(conn: sqlite3.Connection) -> Path | None:
    """The file a connection's main database lives in; None for an in-memory or temporary database."""
    for _seq, name, file in conn.execute("PRAGMA database_list"):
        if name == "main":
            return Path(file) if file else None
    return None


def _quoted(name: str) -> str:
    return name.replace('"', '""')


# --- copying and verifying -------------------------------------------------------------------------------------


class _GiveUpWhenBusy:
    """The backup's progress callback: Python retries a busy step without end, so we stop it after a while."""

    def __init__(self) -> None:
        self.since: float | None = None

    def __call__(self, status: int, _remaining: int, _total: int) -> None:
        if status not in _BUSY_CODES:
            self.since = None
            return
        now = time.monotonic()
        if self.since is None:
            self.since = now
        elif now - self.since > GIVE_UP_AFTER_S:
            raise sqlite3.OperationalError("database is locked")


def copy_pages(source: sqlite3.Connection, dest: sqlite3.Connection) -> None:
    """Copy every page of source into dest through the backup API, giving up if either stays busy."""
    source.backup(dest, pages=-1, progress=_GiveUpWhenBusy())


def copy_database(
    source: sqlite3.Connection, target: Path, *, before_verify: VerifyHook | None = None
) -> dict[str, int]:
    """Write a verified copy of `source` to `target` (which must not exist) and return its row counts.

    The copy is built under a temporary name beside the target and renamed into place only once it has passed
    its check, so the target is either a whole, verified backup or absent. Raises CopyRejected when the copy
    did not check out, BackupError when it could not be written; either way nothing is left behind.
    `before_verify` sees the finished copy before it is checked (tests damage it there).
    """
    # The name says which computer and process writes it, so a later backup can tell a leftover from a live one.
    temp = target.with_name(f"{_TEMP_PREFIX}{target.name}.{_HOST}-{os.getpid()}.partial")
    try:
        counts = _copy_into(source, temp)
        if before_verify is not None:
            before_verify(temp)
        problem = copy_problem(temp, counts)
        if problem is not None:
            raise CopyRejected(problem)
        _fsync(temp)
        _place(temp, target)
        _fsync(target.parent)
    except BaseException as exc:
        for leftover in (temp, *(temp.with_name(temp.name + s) for s in ("-journal", "-wal", "-shm"))):
            with contextlib.suppress(OSError):
                leftover.unlink()
        if isinstance(exc, sqlite3.Error | OSError):
            raise _write_failure(target, exc) from exc
        raise
    return counts


def _place(temp: Path, target: Path) -> None:
    # A hard link fails if the name exists, so two processes backing up in the same second cannot both take it;
    # where links are not allowed (some network or FAT drives) a check before the rename is the best there is.
    try:
        os.link(temp, target)
    except FileExistsError:
        raise TargetTaken(f"{target} appeared while the backup was being made; it was left as it is.") from None
    except OSError:
        if target.exists():
            raise TargetTaken(f"{target} appeared while the backup was being made; it was left as it is.") from None
        os.replace(temp, target)
    else:
        temp.unlink()


def _copy_into(source: sqlite3.Connection, temp: Path) -> dict[str, int]:
    began = not source.in_transaction
    if began:
        source.execute("BEGIN")  # one read snapshot for both the counts and the pages copied
    try:
        counts = table_counts(source)
        stamp = int(source.execute("PRAGMA application_id").fetchone()[0]) != APPLICATION_ID
        dest = sqlite3.connect(temp, isolation_level=None)
        try:
            copy_pages(source, dest)
            if stamp:  # an EquityDesk database from before databases were marked: its backups are marked
                dest.execute(f"PRAGMA application_id={APPLICATION_ID}")
            # The copy carries the source's WAL flag; a backup is one self-contained file, with no -wal beside it.
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
    finally:
        if began:
            source.execute("ROLLBACK")
    return counts


def copy_problem(path: Path, counts: Mapping[str, int] | None = None) -> str | None:
    """What is wrong with a backup file, as a phrase ("SQLite found damage in it"); None when it is sound.

    Sound means: an SQLite file marked as ours, SQLite's quick_check says ok, and (when `counts` is given) every
    table has exactly the rows the database had when it was copied.
    """
    created = not any(p.exists() for p in wal_files(path))
    try:
        with path.open("rb") as fh:
            if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                return "it is not an SQLite database file"
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if int(conn.execute("PRAGMA application_id").fetchone()[0]) != APPLICATION_ID:
                return "it is not marked as an EquityDesk database"
            if [str(row[0]) for row in conn.execute("PRAGMA quick_check")] != ["ok"]:
                return DAMAGED
            found = table_counts(conn) if counts is not None else None
        finally:
            conn.close()
    except (sqlite3.Error, OSError) as exc:
        return DAMAGED if is_damage(exc) else "it cannot be read back"
    finally:
        if created:
            tidy_wal(path)
    if counts is not None and found != dict(counts):
        return _count_difference(dict(counts), found or {})
    return None


def _count_difference(expected: dict[str, int], found: dict[str, int]) -> str:
    for name in sorted(set(expected) | set(found)):
        if name not in found:
            return f"the table {name} is missing from it"
        if name not in expected:
            return f"it has a table {name} the database does not"
        if found[name] != expected[name]:
            return f"it has {found[name]:,} rows in {name} instead of {expected[name]:,}"
    return "its row counts differ from the database's"


def _write_failure(target: Path, exc: BaseException) -> BackupError:
    if isinstance(exc, OSError):
        reason = (exc.strerror or str(exc)).lower()
        return BackupError(f"No backup could be written to {target.parent} ({reason}); nothing was changed.")
    return BackupError(f"No backup could be written to {target.parent}: {plain_database_error(exc)}")


def _fsync(path: Path) -> None:
    # The rename only survives a power cut once both the file and its folder entry are on disk.
    if path.is_dir() and os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# --- backups in the backups folder ------------------------------------------------------------------------------


def make_backup(
    source: sqlite3.Connection,
    db_path: Path,
    *,
    now: datetime | None = None,
    before_verify: VerifyHook | None = None,
) -> BackupFile:
    """Back `source` (the database at db_path) up into its backups folder, verify it, then thin the older ones.

    A backup that fails its check is deleted and older backups are left as they were: BackupError says so.
    """
    now = now or datetime.now(UTC)
    folder = backup_folder(db_path)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise BackupError(
            f"EquityDesk cannot make the folder {folder} for backups ({(exc.strerror or str(exc)).lower()})."
        ) from exc
    remove_stale_temps(folder)
    for attempt in range(_NAME_ATTEMPTS):
        target, at = _free_path(db_path, now)
        try:
            counts = copy_database(source, target, before_verify=before_verify)
            break
        except TargetTaken:
            # Another EquityDesk backed this database up in the same second: take the next free name.
            if attempt == _NAME_ATTEMPTS - 1:
                raise
            now = at + timedelta(seconds=1)
        except CopyRejected as exc:
            raise BackupError(
                f"The backup of {db_path.name} failed its check ({exc}), so it was deleted and the older backups "
                "were kept."
            ) from exc
    thin_backups(db_path, now=now)
    return BackupFile(path=target, created=at, size=target.stat().st_size, counts=counts)


def thin_backups(db_path: Path, *, now: datetime) -> list[Path]:
    """Delete the backups the retention rule no longer keeps (see domain/retention.py); return those deleted."""
    found = existing_backups(db_path)
    local = {when.astimezone(): path for path, when in found}  # the user's days, weeks and months
    keep = backups_to_keep(local, now.astimezone())
    removed: list[Path] = []
    for when, path in local.items():
        if when not in keep:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def remove_stale_temps(folder: Path) -> None:
    """Remove half-written backups that a killed EquityDesk left: their process is gone, or they are a day old."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        found = _TEMP_RE.fullmatch(entry.name)
        if found is None:
            continue
        with contextlib.suppress(OSError):
            old = time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER_S
            if old or (found[1] == _HOST and not _process_alive(int(found[2]))):
                os.unlink(entry.path)


def _process_alive(pid: int) -> bool:
    if os.name != "posix" or pid == os.getpid():
        return True  # on Windows os.kill would end the process: rely on the age rule there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
