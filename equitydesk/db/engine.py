"""Opening a database: resolve --db, check the file before touching it, set the pragmas, run migrations."""

from __future__ import annotations

import contextlib
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from equitydesk.db.errors import DatabaseError, is_database_failure, plain_database_error
from equitydesk.db.integrity import DatabaseDamaged, examine, is_damage
from equitydesk.db.schema_head import SCHEMA_HEAD
from equitydesk.db.sqlite_file import SQLITE_MAGIC, check_sqlite_file, tidy_wal, wal_files

__all__ = [
    "BUSY_TIMEOUT_MS",
    "SQLITE_MAGIC",
    "Database",
    "Sessions",
    "check_sqlite_file",
    "make_engine",
    "open_database",
    "resolve_url",
]

BUSY_TIMEOUT_MS = 10_000
# The execution option the "begin" listener reads: how a transaction on that connection starts.
BEGIN_OPTION = "sqlite_begin"


class Sessions(sessionmaker[Session]):
    """The session factory: `sessions()` reads, `sessions.begin()` writes holding SQLite's write lock throughout.

    pysqlite would otherwise begin a transaction only at its first INSERT, so a write transaction that reads
    first (an import planning who is new) could plan on data another writer is about to change: two imports of
    one file at once would both add everyone. Plain sessions stay DEFERRED, so reading never blocks a writer.
    """

    def __init__(self, engine: Engine, **kw: Any) -> None:
        super().__init__(engine, **kw)
        immediate = engine.dialect.name == "sqlite"
        self._writer = engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"}) if immediate else engine

    @contextlib.contextmanager
    def begin(self) -> Iterator[Session]:
        with self(bind=self._writer) as session, session.begin():
            yield session


@dataclass(frozen=True)
class Database:
    """An open database: its engine, a session factory, and where it lives."""

    engine: Engine
    sessions: sessionmaker[Session]
    url: URL
    path: Path | None
    read_only: bool = False
    tidy_on_dispose: bool = False  # a read-only look at a WAL file leaves -wal/-shm files that were not there

    @property
    def label(self) -> str:
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()
        if self.tidy_on_dispose and self.path is not None:
            tidy_wal(self.path)


def resolve_url(target: str | Path) -> tuple[URL, Path | None]:
    """A file path or any SQLAlchemy URL (an SQLite `file:` URI too); ':memory:' for a throwaway database."""
    text = str(target)
    if "://" in text:
        try:
            url = make_url(text)
        except Exception as exc:  # SQLAlchemy raises ArgumentError with a technical text
            raise DatabaseError(f"'{text}' is not a database address EquityDesk understands.") from exc
        if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
            return url, None
        return url, _file_of(str(url.database), url)
    if text == ":memory:":
        return make_url("sqlite://"), None
    path = Path(text).expanduser()
    return URL.create("sqlite+pysqlite", database=str(path)), path


def _file_of(database: str, url: URL) -> Path | None:
    """The file an SQLite URL names: `sqlite:///file:PATH?mode=ro&uri=true` names PATH, not 'file:PATH'."""
    if not (database.startswith("file:") and str(url.query.get("uri", "")).lower() in ("true", "1")):
        return Path(database).expanduser()
    parts = urllib.parse.urlsplit(database)
    if parts.netloc not in ("", "localhost") or url.query.get("mode") == "memory":
        return None
    name = urllib.parse.unquote(parts.path)
    return None if name in ("", ":memory:") else Path(name).expanduser()


def url_is_read_only(url: URL) -> bool:
    return url.query.get("mode") == "ro" or str(url.query.get("immutable", "")) == "1"


def read_only_url(url: URL, path: Path) -> URL:
    """The same database opened with SQLite's mode=ro: nothing, not even a journal mode switch, can write."""
    query = {k: v for k, v in url.query.items() if k not in ("mode", "uri")}
    return url.set(database=path.resolve().as_uri(), query={**query, "mode": "ro", "uri": "true"})


def _on_connect(read_only: bool) -> Any:
    def set_pragmas(dbapi_conn: Any, _record: Any) -> None:
        # pysqlite's own transaction handling stays out: the "begin" listener below says BEGIN, and how.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA secure_delete=ON")
        if not read_only:  # switching to WAL rewrites the file header: never when only reading
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        # 32 MiB of page cache instead of 2: bulk imports touch several indexes at once.
        cur.execute("PRAGMA cache_size=-32768")
        cur.close()

    return set_pragmas


def _begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get(BEGIN_OPTION, "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {'IMMEDIATE' if mode == 'IMMEDIATE' else 'DEFERRED'}")


def make_engine(url: URL, *, read_only: bool = False) -> Engine:
    if url.get_backend_name() != "sqlite":
        return create_engine(url)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _on_connect(read_only))
    event.listen(engine, "begin", _begin)
    return engine


def open_database(
    target: str | Path, *, create: bool = True, migrate: bool = True, read_only: bool = False
) -> Database:
    """Open (creating if allowed) and upgrade a database; raise DatabaseError with a plain message otherwise.

    A file that is damaged (SQLite's quick_check, on the writable path) raises DatabaseDamaged, which the window
    and the command line turn into an offer to restore the newest good backup.
    read_only opens with SQLite's mode=ro and changes no byte of the file: no migration, no WAL switch, and the
    -wal/-shm files a look creates are removed again on dispose. A database that would need upgrading is then
    refused, unless migrate=False (`check` looks at a database as it is). A `mode=ro` URL is read-only too.
    """
    url, path = resolve_url(target)
    read_only = read_only or url_is_read_only(url)
    up_to_date, tidy = False, False
    if path is not None:
        facts = examine(path, create=create and not read_only, read_only=read_only)
        if facts is not None:
            if facts.revision is not None and facts.revision != SCHEMA_HEAD:
                _refuse_newer(path, facts.revision)
            up_to_date = facts.revision == SCHEMA_HEAD and facts.marked
            if read_only and migrate and facts.revision != SCHEMA_HEAD:
                raise DatabaseError(_needs_upgrade(path, facts.empty))
            tidy = read_only and not any(p.exists() for p in wal_files(path))
        if read_only:
            url = read_only_url(url, path)
    try:
        engine = make_engine(url, read_only=read_only)
    except Exception as exc:  # an unknown driver or dialect in a URL
        raise DatabaseError(f"'{target}' is not a database EquityDesk can open.") from exc
    try:
        if migrate and not read_only and not up_to_date:
            from equitydesk.db.migrate import upgrade

            upgrade(engine)
        else:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
    except BaseException as exc:
        engine.dispose()
        if tidy and path is not None:
            tidy_wal(path)
        if path is not None and not isinstance(exc, DatabaseError) and is_damage(exc):
            raise DatabaseDamaged(path) from exc
        if is_database_failure(exc) and not isinstance(exc, DatabaseError):
            raise plain_database_error(exc, path=path) from exc
        raise
    sessions = Sessions(engine, expire_on_commit=False)
    return Database(engine=engine, sessions=sessions, url=url, path=path, read_only=read_only, tidy_on_dispose=tidy)


def _refuse_newer(path: Path, revision: str) -> None:
    from equitydesk.db.migrate import known_revisions  # Alembic is slow to import: only when there is work

    if revision not in known_revisions():
        raise DatabaseError(
            f"{path} was made by a newer version of EquityDesk. Install the newer version to open it; "
            "the file has not been changed."
        )


def _needs_upgrade(path: Path, empty: bool) -> str:
    if empty:
        return f"{path} has no EquityDesk data yet. Run `equitydesk init` to set it up, or give --db another file."
    return f"{path} was made by an older version of EquityDesk. Run `equitydesk init` to upgrade it first."
