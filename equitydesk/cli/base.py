"""What every command is built from: the Command base class, the per-run context that opens the database, output."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any, ClassVar, TextIO

from equitydesk.db.changes import ChangeWatcher
from equitydesk.db.engine import Database, open_database, resolve_url
from equitydesk.db.file_lock import COMMAND, WriterLock, acquire
from equitydesk.db.locations import location_problem
from equitydesk.db.sqlite_file import NotADatabaseFile, check_sqlite_file
from equitydesk.paths import default_db_path, demo_db_path
from equitydesk.services.backups import BackupError, back_up
from equitydesk.services.registry import Services, services_for

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
# How long a writing command waits for another command's lock (two scripted imports at once queue up).
COMMAND_WAIT_S = 300.0


class UsageError(Exception):
    """The command cannot do what was asked with this input; str() is one plain line, and the exit code is 2."""


class Command:
    """One subcommand. Subclass it, set `name` and `help`, and add an instance to COMMANDS in cli/registry.py.

    A name with a space ("report roster") becomes a subcommand of a group ("report"); the group is made for you.
    """

    name: ClassVar[str]
    help: ClassVar[str]
    description: ClassVar[str | None] = None
    # A command that only reads opens the database with SQLite's mode=ro, so that it cannot change a byte of it.
    read_only: ClassVar[bool] = False

    def opens_read_only(self, args: argparse.Namespace) -> bool:
        """Whether this run only reads: read-only commands, and any command's --dry-run."""
        return self.read_only or bool(getattr(args, "dry_run", False))

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        """Declare this command's own options; the global --db and --demo are already there."""

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        """Do the work; return an exit code (EXIT_OK, EXIT_FINDINGS) or raise UsageError, DomainError, DatabaseError."""
        raise NotImplementedError


@dataclass
class CommandContext:
    """One run of one command: which database was asked for, where output goes, and the database once opened."""

    db_target: str | None
    demo: bool = False
    out: TextIO | None = None
    err: TextIO | None = None
    actor: str | None = None
    read_only: bool = False
    db: Database | None = field(default=None, init=False, repr=False)
    _opened: list[Database] = field(default_factory=list, init=False, repr=False)
    _services: Services | None = field(default=None, init=False, repr=False)
    _watchers: list[tuple[Path, ChangeWatcher]] = field(default_factory=list, init=False, repr=False)
    _locks: list[WriterLock] = field(default_factory=list, init=False, repr=False)

    def target(self, *, create: bool) -> str:
        """--db as given, else the demo or default file; only our own default folder is ever created."""
        if self.db_target is not None:
            return self.db_target
        path = demo_db_path() if self.demo else default_db_path()
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        return str(path)

    def open(self, *, create: bool = False, migrate: bool = True) -> Database:
        """Open the database now (commands open it only when they need it); it is closed when the command ends."""
        target = self.target(create=create)
        _url, path = resolve_url(target)
        if path is not None and not create and not path.exists():
            raise UsageError(f"{path} does not exist. Run `equitydesk init` to create it, or give --db another file.")
        if path is not None and not self.read_only:
            self.hold_lock(path, create=create)
        db = open_database(target, create=create and not self.read_only, migrate=migrate, read_only=self.read_only)
        self._opened.append(db)
        if not db.read_only and db.path is not None:
            self._watchers.append((db.path, ChangeWatcher(db.path)))
        return db

    def hold_lock(self, path: Path, *, create: bool = False) -> None:
        """Before writing: the database's lock (DatabaseInUse, exit 2, while a window has it) and a warning
        on stderr when the file is on a network share or in a synced folder."""
        if any(lock.db_path == path for lock in self._locks):
            return
        # What is wrong with the file itself is said first; a regular file that is damaged or not ours is left to
        # opening, which says so (and restore replaces it, under the lock).
        with contextlib.suppress(NotADatabaseFile):
            check_sqlite_file(path, create=create)
        self._locks.append(acquire(path, purpose=COMMAND, wait_for_commands_s=COMMAND_WAIT_S))
        problem = location_problem(path)
        if problem is not None:
            self.warn("equitydesk: warning: " + problem)

    def services(self, *, create: bool = False) -> Services:
        """The services over the database (opened on first use); `self.db` is then that database."""
        if self._services is None:
            self.db = self.open(create=create)
            self._services = services_for(self.db, actor=self.actor)
        return self._services

    @property
    def where(self) -> Path | None:
        """The database file this run opened last, for messages about it."""
        return self._opened[-1].path if self._opened else None

    def close(self) -> None:
        self._back_up_changes()
        for db in self._opened:
            db.dispose()
        self._opened.clear()
        for lock in self._locks:
            lock.release()
        self._locks.clear()
        self._services = None
        self.db = None

    def _back_up_changes(self) -> None:
        """A command that changed the database leaves a verified backup of what it wrote, as closing the window does."""
        changed = {path for path, watcher in self._watchers if watcher.changed()}
        for _path, watcher in self._watchers:
            watcher.close()
        self._watchers.clear()
        for path in sorted(changed):
            try:
                back_up(path)
            except BackupError as exc:
                self.warn("equitydesk: " + " ".join(str(exc).split()))

    def echo(self, text: str = "") -> None:
        print(text, file=self.out if self.out is not None else sys.stdout)

    def warn(self, text: str) -> None:
        print(text, file=self.err if self.err is not None else sys.stderr)


def iso_date(text: str) -> date:
    """An argparse type for dates written as 2025-09-01, with a message people understand."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (write it as 2025-09-01)") from None


# --- output ----------------------------------------------------------------------------------------------------


def jsonable(value: Any) -> Any:
    """Dates as ISO text and enums by their stored value, so scripts get stable plain JSON."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def dump_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=jsonable)


def cell_text(value: Any, *, max_width: int = 48) -> str:
    """A value as a table cell: enums by label, dates as ISO, long text cut with an ellipsis."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    label = getattr(value, "label", None)
    if isinstance(value, Enum) and isinstance(label, str):
        text = label
    elif isinstance(value, datetime):
        text = value.strftime("%Y-%m-%d %H:%M")
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, float):
        text = f"{value:g}"
    else:
        text = " ".join(str(value).split())
    if display_width(text) > max_width:
        while display_width(text) > max_width - 1:
            text = text[:-1]
        text = text.rstrip() + "…"
    return text


def display_width(text: str) -> int:
    """Terminal columns: wide East Asian characters take two, combining marks none."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, right: Sequence[int] = ()) -> str:
    """Columns padded to their widest cell; numbers (the `right` column indexes) aligned right."""
    widths = [display_width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], display_width(cell))

    def line(cells: Sequence[str]) -> str:
        parts = []
        for i, cell in enumerate(cells):
            pad = " " * (widths[i] - display_width(cell))
            parts.append(pad + cell if i in right else cell + pad)
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])
