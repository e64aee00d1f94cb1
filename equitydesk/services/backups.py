"""Backups as the window and the command line use them: make one, list them, restore one, recover a damaged file.

The copying, checking and thinning are in db/backup.py and db/restore.py; this is where they meet the user:
which file, which backup, what to say, and when the window makes its automatic ones (BackupSchedule).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from equitydesk.db.backup import (
    BackupError,
    BackupFile,
    CopyRejected,
    backup_folder,
    backup_path,
    copy_database,
    copy_problem,
    existing_backups,
    has_data,
    make_backup,
    table_counts,
)
from equitydesk.db.changes import ChangeWatcher
from equitydesk.db.engine import open_database, resolve_url
from equitydesk.db.integrity import DatabaseDamaged, examine, set_aside
from equitydesk.db.restore import check_restorable, restore_into
from equitydesk.db.sqlite_file import tidy_wal, wal_files
from equitydesk.services.context import ServiceContext
from equitydesk.services.errors import DomainError

BACKUP_EVERY = timedelta(minutes=30)
# The figures a list of backups shows for each, by the table they count.
SHOWN_COUNTS = {"people": "person", "committees": "committee", "meetings": "meeting", "action_items": "action_item"}

__all__ = [
    "BackupError",
    "BackupRecord",
    "BackupSchedule",
    "BackupService",
    "Recovery",
    "RestoreResult",
    "back_up",
    "back_up_to",
    "backup_before",
    "database_path",
    "describe",
    "list_backups",
    "newest_good_backup",
    "recovery_for",
    "restore",
]


@dataclass(frozen=True)
class BackupRecord:
    """One backup file as a list shows it. Counts are None when the file cannot be read."""

    path: Path
    created: datetime  # aware, in this computer's time zone
    size: int
    people: int | None
    committees: int | None
    meetings: int | None
    action_items: int | None
    verified: bool | None = None  # None: not checked this time
    problem: str | None = None  # what the check found, as a phrase


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    restored: BackupRecord  # the database as it now is
    safety_backup: Path | None  # the database as it was, backed up first (None: there was nothing in it)
    set_aside: Path | None  # the damaged file, renamed, when the database was damaged
    upgraded: bool  # the backup was from an older version and has been brought up to date


@dataclass(frozen=True)
class Recovery:
    """A damaged database and what can be done: the newest backup of it that passes the check, if any."""

    damaged: Path
    backup: BackupRecord | None
    folder: Path


# --- making backups ----------------------------------------------------------------------------------------------


def back_up(db_path: Path, *, now: datetime | None = None, read_only: bool = False) -> BackupRecord | None:
    """A verified backup into the backups folder, then the older ones thinned; None when there is nothing in it."""
    with _source(db_path, read_only=read_only) as conn:
        if not has_data(table_counts(conn)):
            return None
        made = make_backup(conn, db_path, now=now)
    return _made(made)


def back_up_to(db_path: Path, out: Path, *, now: datetime | None = None) -> BackupRecord:
    """A verified backup to a file of the user's choosing, or a dated file in the folder they name. Never overwrites."""
    at = (now or datetime.now(UTC)).replace(microsecond=0)
    if out.is_dir():
        target = out / backup_path(db_path, at).name
        while target.exists():
            at += timedelta(seconds=1)
            target = out / backup_path(db_path, at).name
    elif os.path.lexists(out):
        raise BackupError(
            f"{out} already exists, and EquityDesk does not overwrite files: give a new file name, or a folder to put "
            "a dated backup in."
        )
    elif not out.parent.is_dir():
        raise BackupError(f"The folder {out.parent} does not exist; create it first, or choose another place.")
    else:
        target = out
    try:
        with _source(db_path, read_only=True) as conn:
            counts = copy_database(conn, target)
    except CopyRejected as exc:
        raise BackupError(f"The backup of {db_path.name} failed its check ({exc}), so it was deleted.") from exc
    return _made(BackupFile(path=target, created=at, size=target.stat().st_size, counts=counts))


def backup_before(ctx: ServiceContext, *, action: str) -> None:
    """A verified backup before a write that changes much at once (an import); `action` says what ("imported").

    Without a backup the write does not go ahead: DomainError says why, and that nothing was done.
    """
    path = database_path(ctx.sessions)
    if path is None:
        return
    try:
        back_up(path)
    except BackupError as exc:
        raise DomainError(
            f"Nothing was {action}, because the backup made first did not succeed: {_lower(exc)}"
        ) from exc


# --- listing -----------------------------------------------------------------------------------------------------


def describe(path: Path, *, verify: bool = False, created: datetime | None = None) -> BackupRecord:
    """What a backup (or database) file holds, read-only; with verify, whether it passes the check too."""
    when = created or _created(path)
    counts: dict[str, int | None] = dict.fromkeys(SHOWN_COUNTS)
    made = not any(p.exists() for p in wal_files(path))
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            for key, table in SHOWN_COUNTS.items():
                counts[key] = int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
        finally:
            conn.close()
    except (sqlite3.Error, OSError):
        pass
    finally:
        if made:
            tidy_wal(path)
    problem = copy_problem(path) if verify else None
    return BackupRecord(
        path=path,
        created=when,
        size=_size(path),
        people=counts["people"],
        committees=counts["committees"],
        meetings=counts["meetings"],
        action_items=counts["action_items"],
        verified=(problem is None) if verify else None,
        problem=problem,
    )


def list_backups(db_path: Path, *, verify: bool = False) -> list[BackupRecord]:
    """This database's backups in its backups folder, newest first."""
    return [describe(p, verify=verify, created=when.astimezone()) for p, when in existing_backups(db_path)]


def newest_good_backup(db_path: Path) -> BackupRecord | None:
    """The newest backup that passes the check (older ones are looked at only when newer ones fail it)."""
    for path, when in existing_backups(db_path):
        record = describe(path, verify=True, created=when.astimezone())
        if record.verified:
            return record
    return None


def recovery_for(db_path: Path) -> Recovery:
    return Recovery(damaged=db_path, backup=newest_good_backup(db_path), folder=backup_folder(db_path))


# --- restoring ---------------------------------------------------------------------------------------------------


def restore(db_path: Path, source: Path, *, now: datetime | None = None, today: date | None = None) -> RestoreResult:
    """Replace the database's content with a backup's, after backing up what it holds now.

    The source is checked first and refused (BackupError) unless it is a sound EquityDesk database; the
    database is then not touched at all. A damaged database is set aside (renamed, never deleted) instead of
    being backed up. A backup from an older version is brought up to date once restored.
    """
    facts = check_restorable(source, db_path=db_path)
    if not db_path.parent.is_dir():
        raise BackupError(f"The folder {db_path.parent} does not exist; create it first, or choose another place.")
    safety: BackupRecord | None = None
    aside: Path | None = None
    if os.path.lexists(db_path):
        try:
            examine(db_path, create=False, read_only=False)  # another program's file is refused here, untouched
        except DatabaseDamaged:
            aside = set_aside(db_path, today=today)
        else:
            try:
                safety = back_up(db_path, now=now)
            except BackupError as exc:
                raise BackupError(
                    f"Nothing was restored, because the backup made first did not succeed: {_lower(exc)}"
                ) from exc
    restore_into(facts, db_path)
    from equitydesk.db.migrate import current_revision  # Alembic is slow to import: only when there is work

    db = open_database(db_path)  # marks it, switches it to WAL, and migrates a backup from an older version
    try:
        revision = current_revision(db.engine)
    finally:
        db.dispose()
    return RestoreResult(
        source=source,
        restored=describe(db_path),
        safety_backup=safety.path if safety else None,
        set_aside=aside,
        upgraded=facts.revision != revision,
    )


# --- the service and the window's schedule -------------------------------------------------------------------------


class BackupService:
    """Backups of the database these services work on; every method says plainly when it is not a file."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @property
    def database(self) -> Path:
        path = database_path(self.ctx.sessions)
        if path is None:
            raise DomainError("This database is not kept in a file, so it has no backups.")
        return path

    @property
    def folder(self) -> Path:
        return backup_folder(self.database)

    @property
    def has_file(self) -> bool:
        return database_path(self.ctx.sessions) is not None

    def back_up(self, *, now: datetime | None = None) -> BackupRecord | None:
        return back_up(self.database, now=now)

    def list(self, *, verify: bool = False) -> list[BackupRecord]:
        return list_backups(self.database, verify=verify)

    def restore(self, source: Path | str, *, now: datetime | None = None) -> RestoreResult:
        return restore(self.database, Path(source), now=now)

    def newest_backup_time(self) -> datetime | None:
        found = existing_backups(self.database) if self.has_file else []
        return found[0][1] if found else None

    def watch(self) -> ChangeWatcher | None:
        """A watcher of commits to the file (see db/changes.py); None for a database that is not a file."""
        path = database_path(self.ctx.sessions)
        return ChangeWatcher(path) if path is not None and path.exists() else None


class BackupSchedule:
    """When the window backs up on its own: at most every 30 minutes while changes happen, and on closing.

    The window tells it of each write (`note_change`) and of each backup made (`backed_up`); it answers whether
    a backup is due, and when the next one will be, so that a change is never left unbacked for long.
    """

    def __init__(self, *, last_backup: datetime | None, every: timedelta = BACKUP_EVERY) -> None:
        self.last_backup = last_backup
        self.every = every
        self.pending = False  # changes made since the last backup

    def note_change(self, now: datetime) -> bool:
        """A write was made; True when a backup should be made now."""
        self.pending = True
        return self.due(now)

    def due(self, now: datetime) -> bool:
        return self.pending and (self.last_backup is None or now - self.last_backup >= self.every)

    def wait(self, now: datetime) -> timedelta | None:
        """How long until the pending changes are due to be backed up (zero: now); None when there are none."""
        if not self.pending:
            return None
        if self.last_backup is None:
            return timedelta(0)
        return max(self.last_backup + self.every - now, timedelta(0))

    def backed_up(self, at: datetime, *, changed_since: bool = False) -> None:
        self.last_backup = at
        self.pending = changed_since


# --- helpers -----------------------------------------------------------------------------------------------------


def database_path(sessions: sessionmaker[Session]) -> Path | None:
    """The SQLite file a session factory works on; None for an in-memory database or another kind of server."""
    bind = sessions.kw.get("bind")
    if not isinstance(bind, Engine) or bind.dialect.name != "sqlite":
        return None
    _url, path = resolve_url(bind.url.render_as_string(hide_password=False))
    return path


@contextlib.contextmanager
def _source(db_path: Path, *, read_only: bool) -> Iterator[sqlite3.Connection]:
    """A connection to copy from. A read-only one leaves no -wal or -shm behind that was not there before."""
    if not read_only:
        conn = sqlite3.connect(db_path, isolation_level=None, timeout=10)
        try:
            yield conn
        finally:
            conn.close()
        return
    made = not any(p.exists() for p in wal_files(db_path))
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None, timeout=10)
    try:
        yield conn
    finally:
        conn.close()
        if made:
            tidy_wal(db_path)


def _made(made: BackupFile) -> BackupRecord:
    counts = made.counts
    return BackupRecord(
        path=made.path,
        created=made.created.astimezone(),
        size=made.size,
        people=counts.get("person"),
        committees=counts.get("committee"),
        meetings=counts.get("meeting"),
        action_items=counts.get("action_item"),
        verified=True,
    )


def _created(path: Path) -> datetime:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC).astimezone()
    except OSError:
        return datetime.now(UTC).astimezone()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _lower(exc: BaseException) -> str:
    text = str(exc)
    return text[:1].lower() + text[1:]
