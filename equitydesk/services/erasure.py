"""Erasing a person for good (not archiving): their rows, and the bytes of their name and e-mail in the files.

A DELETE alone leaves the deleted row readable in the file's free space and in the -wal until a checkpoint
copies it back; `secure_delete` zeroes what is deleted and a TRUNCATE checkpoint empties the -wal. Backups
still hold the person: they are counted, and on request rewritten without them, each verified before it
replaces the old one. Action items they owned stay, owned by "Former member".
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from equitydesk.db.backup import _HOST, _TEMP_PREFIX, CopyRejected, copy_database, existing_backups
from equitydesk.db.errors import plain_database_error
from equitydesk.domain.enums import ChangeAction
from equitydesk.services import changelog
from equitydesk.services.backups import BackupError, backup_before, database_path
from equitydesk.services.context import ServiceContext
from equitydesk.services.errors import DomainError, NotFound

FORMER_MEMBER = "Former member"
_CHECKPOINT_TRIES = 20
# Set on the erasing connection itself, not left to the engine: without it the deleted row stays in the file.
SECURE_DELETE = "PRAGMA secure_delete=ON"

# Runs one statement with ? parameters and returns the rows it changed: a SQLAlchemy connection in the database,
# a plain sqlite3 connection in a backup being rewritten. One list of statements serves both.
Execute = Callable[[str, tuple[Any, ...]], int]


@dataclass(frozen=True)
class PersonIdentity:
    """How to recognise the person in a backup: the same id with the same name or e-mail key."""

    person_id: int
    name: str
    name_key: str
    email_key: str | None


@dataclass(frozen=True)
class ErasureResult:
    person_id: int
    name: str
    memberships: int
    attendance: int
    actions_reassigned: int  # action items now owned by "Former member"
    log_entries: int
    checkpointed: bool  # the -wal was emptied into the file; False when another program kept it open
    backups_holding: int  # backups that still hold the person afterwards
    backups_purged: int


def identity_of(ctx: ServiceContext, person_id: int) -> PersonIdentity:
    with ctx.sessions() as session:
        row = (
            session.connection()
            .exec_driver_sql(
                "SELECT given_name, family_name, preferred_name, name_key, email_key FROM person WHERE id = ?",
                (person_id,),
            )
            .first()
        )
    if row is None:
        raise NotFound("This person no longer exists (they may have been erased or merged).")
    given, family, preferred, name_key, key = row
    name = " ".join(p for p in (preferred or given, family) if p)
    return PersonIdentity(person_id=person_id, name=name, name_key=str(name_key or ""), email_key=key)


def erase_rows(execute: Execute, person_id: int) -> dict[str, int]:
    """Remove the person and everything that is only about them; what each step removed or changed."""
    counts = {
        "memberships": execute("DELETE FROM membership WHERE person_id = ?", (person_id,)),
        "attendance": execute("DELETE FROM attendance WHERE person_id = ?", (person_id,)),
        # Ownership stays visible (a promise made is still on the record), but not who made it.
        "actions": execute(
            "UPDATE action_item SET owner_person_id = NULL, owner_text = ? WHERE owner_person_id = ?",
            (FORMER_MEMBER, person_id),
        ),
        "log": execute(
            "DELETE FROM change_log WHERE subject_person_id = ? OR (entity = 'person' AND entity_id = ?)",
            (person_id, person_id),
        ),
    }
    execute("UPDATE agenda_item SET presenter_person_id = NULL WHERE presenter_person_id = ?", (person_id,))
    execute("UPDATE decision SET moved_by_id = NULL WHERE moved_by_id = ?", (person_id,))
    execute("UPDATE decision SET seconded_by_id = NULL WHERE seconded_by_id = ?", (person_id,))
    counts["person"] = execute("DELETE FROM person WHERE id = ?", (person_id,))
    return counts


def erase_person(ctx: ServiceContext, *, person_id: int, purge_backups: bool = False) -> ErasureResult:
    """Back up, erase in one transaction, empty the -wal; count (and on request purge) the backups holding them."""
    who = identity_of(ctx, person_id)
    backup_before(ctx, action="erased")
    with ctx.sessions.begin() as session:
        conn = session.connection()
        conn.exec_driver_sql(SECURE_DELETE)

        def execute(sql: str, params: tuple[Any, ...]) -> int:
            return int(conn.exec_driver_sql(sql, params).rowcount)

        counts = erase_rows(execute, person_id)
        if counts["person"] != 1:
            raise NotFound("This person no longer exists (they may have been erased or merged).")
        # The log keeps that someone was erased, and by whom, but nothing about who they were.
        changelog.record(session, actor=ctx.actor, entity="person", entity_id=person_id, action=ChangeAction.DELETE)
    bind = ctx.sessions.kw.get("bind")
    checkpointed = checkpoint(bind) if isinstance(bind, Engine) else True
    db_path = database_path(ctx.sessions)
    purged = 0
    if db_path is not None and purge_backups:
        purged = len(purge_from_backups(db_path, who))
    holding = len(backups_holding(db_path, who)) if db_path is not None else 0
    return ErasureResult(
        person_id=person_id,
        name=who.name,
        memberships=counts["memberships"],
        attendance=counts["attendance"],
        actions_reassigned=counts["actions"],
        log_entries=counts["log"],
        checkpointed=checkpointed,
        backups_holding=holding,
        backups_purged=purged,
    )


def checkpoint(engine: Engine) -> bool:
    """Copy the -wal into the file and truncate it to nothing; False if a reader elsewhere kept it from finishing."""
    if engine.dialect.name != "sqlite":
        return True
    raw = engine.raw_connection()
    try:
        driver = raw.driver_connection
        assert driver is not None
        for _ in range(_CHECKPOINT_TRIES):
            busy, _log, _done = driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if busy == 0:
                return True
            time.sleep(0.05)
        return False
    finally:
        raw.close()


# --- backups --------------------------------------------------------------------------------------------------


def _holds(conn: sqlite3.Connection, who: PersonIdentity) -> bool:
    row = conn.execute(
        "SELECT 1 FROM person WHERE id = ? AND (name_key = ? OR (email_key IS NOT NULL AND email_key = ?))",
        (who.person_id, who.name_key, who.email_key),
    ).fetchone()
    return row is not None


def _reader(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def backups_holding(db_path: Path, who: PersonIdentity) -> list[Path]:
    """The backups of the database that still hold the person (an unreadable backup is not counted)."""
    found = []
    for path, _when in existing_backups(db_path):
        with contextlib.suppress(sqlite3.Error, OSError):
            conn = _reader(path)
            try:
                if _holds(conn, who):
                    found.append(path)
            finally:
                conn.close()
    return found


def purge_from_backups(db_path: Path, who: PersonIdentity) -> list[Path]:
    """Rewrite every backup holding the person without them; each copy is verified before it replaces the old."""
    done = []
    for path in backups_holding(db_path, who):
        purge_backup(path, who)
        done.append(path)
    return done


def purge_backup(path: Path, who: PersonIdentity) -> None:
    """The backup rebuilt in memory without the person, compacted, written beside it, verified, renamed over it."""
    mem = sqlite3.connect(":memory:", isolation_level=None)
    target = path.with_name(f"{_TEMP_PREFIX}{path.name}.erased.{_HOST}-{os.getpid()}.partial")
    try:
        source = _reader(path)
        try:
            source.backup(mem)
        finally:
            source.close()
        mem.execute("PRAGMA foreign_keys=ON")
        mem.execute("PRAGMA secure_delete=ON")
        mem.execute("BEGIN")
        erase_rows(lambda sql, params: mem.execute(sql, params).rowcount, who.person_id)
        mem.execute("COMMIT")
        mem.execute("VACUUM")  # free pages gone too: the copy holds only what is still in the database
        copy_database(mem, target)
        check = _reader(target)
        try:
            still = _holds(check, who)
        finally:
            check.close()
        if still:
            raise CopyRejected("the person was still in it")
        stat = path.stat()
        os.replace(target, path)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    except (CopyRejected, BackupError) as exc:
        raise DomainError(
            f"The backup {path.name} could not be rewritten without {who.name} ({exc}); it was left as it was."
        ) from exc
    except sqlite3.Error as exc:
        raise DomainError(
            f"The backup {path.name} could not be rewritten without {who.name}: {plain_database_error(exc, path=path)}"
        ) from exc
    finally:
        mem.close()
        with contextlib.suppress(OSError):
            target.unlink()
