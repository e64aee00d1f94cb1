"""Fast bulk inserts for imports: one executemany on the session's own connection, inside its transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from equitydesk.db.errors import plain_database_error


def sql_datetime(value: datetime | None) -> str | None:
    """A datetime exactly as SQLAlchemy's SQLite DateTime stores it, so ORM reads see no difference."""
    return None if value is None else value.isoformat(sep=" ", timespec="microseconds")


def sql_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def insert_tuples(session: Session, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Insert many rows through the raw DB-API: about twice SQLAlchemy Core's speed on SQLite.

    Values must already be in their stored form (text dates, 0/1 booleans, enum values), and every column with a
    Python-side default must be given: none are applied here. It runs inside the session's transaction.
    """
    quoted = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    dbapi = session.connection().connection.driver_connection
    assert dbapi is not None
    try:
        dbapi.executemany(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', rows)
    except sqlite3.Error as exc:
        # The raw driver's errors pass SQLAlchemy by; a full disk here must read like one met anywhere else.
        raise plain_database_error(exc) from exc
