"""Opening a database in the window: its writer's lock, a read-only view when another EquityDesk has it, and a
warning (once per file) when it lives on a network share or in a synced folder."""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from enum import Enum, auto
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from equitydesk.gui.settings import Setting

if TYPE_CHECKING:
    from equitydesk.db.engine import Database
    from equitydesk.db.file_lock import LockHolder, WriterLock


class InUseChoice(Enum):
    READ_ONLY = auto()
    TAKE_OVER = auto()
    CANCEL = auto()


@dataclass(frozen=True)
class Opened:
    """A database the window opened: with our lock when writable, or with who holds it when read-only."""

    db: Database
    lock: WriterLock | None = None
    holder: LockHolder | None = None


def open_for_window(parent: QWidget | None, target: str | Path, *, create: bool = False) -> Opened | None:
    """Open `target` for the window; None when the user chose Cancel. DatabaseError / DatabaseDamaged as usual.

    The lock is taken before the database is opened, since opening may upgrade it (a write). A lock left by a
    crashed EquityDesk on this computer is taken over without asking (db/file_lock.py).
    """
    from equitydesk.db.engine import open_database, resolve_url
    from equitydesk.db.file_lock import DatabaseInUse, acquire
    from equitydesk.db.sqlite_file import NotADatabaseFile, check_sqlite_file

    _url, path = resolve_url(target)
    if path is None:
        return Opened(open_database(target, create=create))
    # A folder or a device is refused before any lock file is made; a regular file that is not a sound database
    # of ours is left to opening below, which leads to recovery under our lock.
    with contextlib.suppress(NotADatabaseFile):
        check_sqlite_file(path, create=create)
    try:
        lock = acquire(path)
    except DatabaseInUse as busy:
        choice = ask_when_in_use(parent, busy)
        if choice is InUseChoice.CANCEL:
            return None
        if choice is InUseChoice.READ_ONLY:
            return Opened(open_database(target, read_only=True), holder=busy.holder)
        if not confirm_take_over(parent, busy.holder):
            return None
        lock = acquire(path, take_over=busy.holder)
    try:
        warn_about_location(parent, path)
        return Opened(open_database(target, create=create), lock=lock)
    except BaseException:
        lock.release()
        raise


def ask_when_in_use(parent: QWidget | None, busy: Exception) -> InUseChoice:
    """'open on HOST by USER since TIME': read it without writing, take it over, or leave it."""
    holder: LockHolder = getattr(busy, "holder")  # noqa: B009 - DatabaseInUse, typed loosely to load late
    path: Path = getattr(busy, "db_path")  # noqa: B009
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("Database in use")
    box.setText(f"{path.name} is {holder.describe()}.")
    box.setInformativeText(
        "You can open it read-only: you see everything and can print and export, but cannot change anything "
        "until it is closed there."
    )
    read_only = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole)
    take_over = box.addButton("Take over…", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(read_only)
    box.exec()
    clicked = box.clickedButton()
    if clicked is read_only:
        return InUseChoice.READ_ONLY
    if clicked is take_over:
        return InUseChoice.TAKE_OVER
    return InUseChoice.CANCEL


def confirm_take_over(parent: QWidget | None, holder: LockHolder) -> bool:
    """The warning before breaking someone's lock: it names who has it, and says what is at stake."""
    where = "on this computer" if holder.on_this_computer else f"on {holder.host or 'another computer'}"
    answer = QMessageBox.warning(
        parent,
        "Take over the database",
        f"The database is {holder.describe()}. If EquityDesk is still running {where}, both of you writing at "
        "once can lose work or damage the file. Take it over only if you are sure it was closed there (for "
        "instance the computer crashed).",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def location_warned(path: Path) -> Setting:
    digest = hashlib.sha1(str(path.resolve()).encode("utf-8"), usedforsecurity=False).hexdigest()[:16]
    return Setting(f"locationWarned/{digest}", False)


def warn_about_location(parent: QWidget | None, path: Path) -> str | None:
    """Before the first write to a file on a network share or in a synced folder: say so, once per file."""
    from equitydesk.db.locations import location_problem

    problem = location_problem(path)
    setting = location_warned(path)
    if problem is None or str(setting.read()).lower() == "true":
        return problem
    setting.write(True)
    show_location_warning(parent, problem)
    return problem


def show_location_warning(parent: QWidget | None, problem: str) -> None:
    QMessageBox.warning(parent, "Keep the database on this computer", problem)
