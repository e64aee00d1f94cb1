"""Alembic, run from code: upgrade to head with foreign keys off, and refuse databases from a newer version."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from equitydesk.db.backup import BackupError, has_data, main_file, make_backup, table_counts
from equitydesk.db.errors import DatabaseError
from equitydesk.db.sqlite_file import APPLICATION_ID

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the schema to head and mark the file as ours, all in one transaction: a failure leaves nothing behind.

    SQLite's DDL is transactional, so the whole upgrade runs between one BEGIN IMMEDIATE and its COMMIT; holding
    the write lock from the start also means two programs opening a new file at once migrate it only once.
    Foreign keys are off during migrations (batch table rebuilds would cascade), and that pragma only takes
    effect outside a transaction.
    """
    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    head = script.get_current_head()
    sqlite = engine.dialect.name == "sqlite"
    writer = engine.execution_options(sqlite_begin="IMMEDIATE") if sqlite else engine
    if sqlite:
        _back_up_first(engine, known=known, head=head)
    with writer.connect() as conn:
        raw = conn.connection.driver_connection
        if sqlite:
            raw.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with conn.begin():
                current = MigrationContext.configure(conn).get_current_revision()
                if current is not None and current not in known:
                    raise DatabaseError(
                        "This database was made by a newer version of EquityDesk. Install the newer version to "
                        "open it; the file has not been changed."
                    )
                if sqlite and _application_id(conn) != APPLICATION_ID:
                    conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
                if current != head:
                    command.upgrade(alembic_config(conn), "head")
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def _back_up_first(engine: Engine, *, known: set[str], head: str | None) -> None:
    """A verified backup before a schema migration changes a database that holds data; none for a new file.

    It is made before the migration takes the write lock: SQLite's backup API cannot read through a connection
    that is writing. Should another program migrate meanwhile, it finds the work done, and the backup is spare.
    """
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        path = main_file(raw)
        if path is None:
            return
        current = MigrationContext.configure(conn).get_current_revision()  # begins the read snapshot copied
        if current is None or current == head or current not in known or not has_data(table_counts(raw)):
            return
        try:
            make_backup(raw, path)
        except BackupError as exc:
            raise BackupError(
                f"{path} was not upgraded for this version of EquityDesk, because the backup made first did not "
                f"succeed: {str(exc)[:1].lower()}{str(exc)[1:]}"
            ) from exc


def _application_id(conn: Connection) -> int:
    return int(conn.exec_driver_sql("PRAGMA application_id").scalar_one())
