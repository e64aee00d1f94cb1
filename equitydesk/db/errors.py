"""Errors of the database layer, and the one place where SQLite's own words become a plain sentence for the user."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

BUSY = (
    "The database is busy: another EquityDesk or program is writing to it. Try again in a moment; nothing was changed."
)
FULL = (
    "The disk is full (or the database reached the size it may grow to), so nothing was saved. "
    "Free some space and try again; nothing was changed."
)
READ_ONLY = (
    "The database cannot be changed here: it was opened for reading only, or its file or folder is read-only. "
    "Nothing was changed."
)
DAMAGED = (
    "The database file is damaged, so EquityDesk cannot use it. Restore it from a backup, or run "
    "`equitydesk check` on it to see what is wrong."
)
DISK = (
    "The computer could not read or write the database file (a disk, USB stick or network drive problem). "
    "Check the drive and try again."
)
UNEXPECTED = (
    "The database could not do this because of an unexpected problem in the file; nothing was changed. "
    "Run `equitydesk check` on it, or restore it from a backup."
)


class DatabaseError(Exception):
    """A database that cannot be used; str() is one plain sentence for the user."""


def plain_database_error(exc: BaseException, *, path: Path | None = None) -> DatabaseError:
    """Any sqlite3 or SQLAlchemy database failure as a DatabaseError whose text is one sentence in our words.

    The cause is kept as __cause__ for logs and tests; the message never carries SQLite's own text.
    """
    if isinstance(exc, DatabaseError):
        return exc
    orig = getattr(exc, "orig", None)
    cause = orig if isinstance(orig, BaseException) else exc
    error = DatabaseError(_sentence(cause, path))
    error.__cause__ = exc
    return error


def is_database_failure(exc: BaseException) -> bool:
    """Whether plain_database_error knows what to say: sqlite3's errors and SQLAlchemy's wrappers of them."""
    if isinstance(exc, sqlite3.Error | DatabaseError):
        return True
    from sqlalchemy.exc import SQLAlchemyError  # SQLAlchemy is loaded by then; keep this module light to import

    return isinstance(exc, SQLAlchemyError)


def is_damage(exc: BaseException | None) -> bool:
    """Whether an error (or what caused it) is SQLite finding a damaged file, rather than a busy or full one."""
    for _ in range(8):  # through SQLAlchemy's wrapper and our own DatabaseError to the sqlite3 error
        if exc is None:
            return False
        if isinstance(exc, sqlite3.DatabaseError):
            code = getattr(exc, "sqlite_errorname", "") or ""
            text = str(exc).lower()
            if code.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or any(w in text for w in _DAMAGE_WORDS):
                return True
        orig = getattr(exc, "orig", None)
        exc = orig if isinstance(orig, BaseException) else exc.__cause__
    return False


_DAMAGE_WORDS = ("malformed", "not a database", "corrupt")


def _sentence(exc: BaseException, path: Path | None) -> str:
    text = str(exc).lower()
    code = getattr(exc, "sqlite_errorname", "") or ""
    if "locked" in text or code.startswith("SQLITE_BUSY") or code.startswith("SQLITE_LOCKED"):
        return BUSY
    if "disk is full" in text or code == "SQLITE_FULL":
        return FULL
    if "readonly" in text or "read-only" in text or code.startswith("SQLITE_READONLY"):
        return READ_ONLY
    if "not a database" in text or "malformed" in text or "corrupt" in text or code.startswith("SQLITE_CORRUPT"):
        if path is not None:
            return f"{path} is damaged, or is not a database file. Restore it from a backup, or choose another file."
        return DAMAGED
    if "unable to open" in text or code.startswith("SQLITE_CANTOPEN"):
        if path is not None:
            return (
                f"EquityDesk cannot create or open {path}: check that the folder {path.parent} exists, is on a "
                "connected drive, and can be written to."
            )
        return "The database file cannot be opened: check that its drive is connected and its folder exists."
    if "disk i/o" in text or code.startswith("SQLITE_IOERR"):
        return DISK
    if isinstance(exc, sqlite3.IntegrityError) or "constraint failed" in text:
        return _constraint(str(exc))
    return UNEXPECTED


_CONSTRAINT = re.compile(r"(UNIQUE|NOT NULL|FOREIGN KEY|CHECK) constraint failed:?\s*(.*)", re.IGNORECASE)


def _constraint(text: str) -> str:
    found = _CONSTRAINT.search(text)
    kind = found[1].upper() if found else ""
    columns = [c.strip() for c in (found[2] if found else "").split(",") if c.strip()]
    table = _words(columns[0].split(".")[0]) if columns and "." in columns[0] else "record"
    names = " and ".join(_words(c.split(".")[-1]) for c in columns) or "details"
    if kind == "UNIQUE":
        return f"Another {table} already has the same {names}; choose another. Nothing was changed."
    if kind == "NOT NULL":
        return f"The {table} needs its {names}; nothing was changed."
    if kind == "FOREIGN KEY":
        return (
            "This refers to a record that no longer exists (it may have just been deleted elsewhere); "
            "nothing was changed. Refresh and try again."
        )
    return "A value is outside what EquityDesk allows here; nothing was changed."


def _words(name: str) -> str:
    name = name.strip().strip('"')
    return (name[:-3] if name.endswith("_id") else name).replace("_", " ")
