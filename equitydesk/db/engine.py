"""Opening a database: resolve --db, check the file before touching it, set the pragmas, run migrations."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from equitydesk.db.errors import DatabaseError
from equitydesk.db.schema_head import SCHEMA_HEAD

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000


@dataclass(frozen=True)
class Database:
    """An open database: its engine, a session factory, and where it lives."""

    engine: Engine
    sessions: sessionmaker[Session]
    url: URL
    path: Path | None

    @property
    def label(self) -> str:
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()


def resolve_url(target: str | Path) -> tuple[URL, Path | None]:
    """A file path or any SQLAlchemy URL; ':memory:' for a throwaway database."""
    text = str(target)
    if "://" in text:
        try:
            url = make_url(text)
        except Exception as exc:  # SQLAlchemy raises ArgumentError with a technical text
            raise DatabaseError(f"'{text}' is not a database address EquityDesk understands.") from exc
        is_file = url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")
        return url, (Path(str(url.database)) if is_file else None)
    if text == ":memory:":
        return make_url("sqlite://"), None
    path = Path(text).expanduser()
    return URL.create("sqlite+pysqlite", database=str(path)), path


def check_sqlite_file(path: Path, *, create: bool) -> None:
    """Refuse anything that is not an SQLite database (or a place one can be made), before SQLite writes to it."""
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a database file. Choose a file name inside it instead.")
    if path.exists():
        if not os.access(path, os.R_OK):
            raise DatabaseError(f"{path} cannot be read: you do not have permission to open it.")
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
        if head and head != SQLITE_MAGIC:
            raise DatabaseError(
                f"{path} is not an EquityDesk database (it is some other kind of file). "
                "Choose an EquityDesk database, or a new file name to start one."
            )
        if not os.access(path, os.W_OK):
            raise DatabaseError(f"{path} is read-only. Copy it to a folder you can write to, and open the copy.")
        return
    folder = path.parent
    if not folder.exists():
        raise DatabaseError(f"The folder {folder} does not exist. Create it first, or choose another place.")
    if not create:
        raise DatabaseError(f"{path} does not exist.")
    if not os.access(folder, os.W_OK):
        raise DatabaseError(f"EquityDesk cannot create files in {folder}. Choose a folder you can write to.")


def _set_sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA secure_delete=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    # 32 MiB of page cache instead of 2: bulk imports touch several indexes at once.
    cur.execute("PRAGMA cache_size=-32768")
    cur.close()


def make_engine(url: URL) -> Engine:
    if url.get_backend_name() != "sqlite":
        return create_engine(url)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def open_database(target: str | Path, *, create: bool = True, migrate: bool = True) -> Database:
    """Open (creating if allowed) and upgrade a database; raise DatabaseError with a plain message otherwise."""
    url, path = resolve_url(target)
    up_to_date = False
    if path is not None:
        check_sqlite_file(path, create=create)
        if path.exists() and path.stat().st_size > 0:
            up_to_date = _refuse_unknown_revision(path) == SCHEMA_HEAD
    try:
        engine = make_engine(url)
    except Exception as exc:  # an unknown driver or dialect in a URL
        raise DatabaseError(f"'{target}' is not a database EquityDesk can open: {exc}") from exc
    try:
        if migrate and not up_to_date:
            from equitydesk.db.migrate import upgrade

            upgrade(engine)
        else:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
    except DatabaseError:
        engine.dispose()
        raise
    except (sqlite3.Error, OSError) as exc:
        engine.dispose()
        raise DatabaseError(f"{path or url} could not be opened: {_plain(exc)}") from exc
    except Exception as exc:
        engine.dispose()
        orig = getattr(exc, "orig", None)
        if isinstance(orig, sqlite3.Error):
            raise DatabaseError(f"{path or url} could not be opened: {_plain(orig)}") from exc
        raise
    sessions = sessionmaker(engine, expire_on_commit=False)
    return Database(engine=engine, sessions=sessions, url=url, path=path)


def _refuse_unknown_revision(path: Path) -> str | None:
    """The file's schema revision, read read-only before any pragma (WAL) could rewrite the file's header."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            has_table = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone() if has_table else None
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise DatabaseError(f"{path} could not be opened: {_plain(exc)}") from exc
    if revision is None or revision[0] == SCHEMA_HEAD:
        return revision[0] if revision else None
    from equitydesk.db.migrate import known_revisions  # Alembic is slow to import: only when there is work

    if revision[0] not in known_revisions():
        raise DatabaseError(
            f"{path} was made by a newer version of EquityDesk. Install the newer version to open it; "
            "the file has not been changed."
        )
    return str(revision[0])


def _plain(exc: BaseException) -> str:
    text = str(exc)
    if "file is not a database" in text:
        return "it is not an SQLite database, or it is damaged."
    if "readonly" in text or "read-only" in text:
        return "the file or its folder is read-only."
    if "unable to open" in text:
        return "the file cannot be created or opened there."
    if "locked" in text:
        return "another program is using it right now. Close it there and try again."
    return text
