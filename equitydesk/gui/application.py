"""The window's start: the QApplication, the main window and the database it opens; no feature logic."""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from equitydesk.gui.settings import APPLICATION, ORGANIZATION

if TYPE_CHECKING:
    from equitydesk.gui.main_window import MainWindow

EXIT_GAVE_UP = 2  # no usable database: the user closed the "choose another file" question
EXIT_BROKEN_QT = 3  # the installed PySide6 would crash while painting lists
EXPOSE_WAIT_S = 0.3


def application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])  # our own options are parsed by the command line, not by Qt
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("EquityDesk")
    from equitydesk.gui.commands import icon

    app.setWindowIcon(icon("equitydesk"))
    return app


def run_gui(db_target: str | None, *, demo: bool = False) -> int:
    """Open the window on a database (None: the default one; demo: the demo one) and run until it closes."""
    app = application()
    from equitydesk.gui.compat import none_refcount_leaks

    if none_refcount_leaks():
        QMessageBox.critical(
            None,
            "EquityDesk cannot run with this Qt",
            "The installed PySide6 has a bug that crashes EquityDesk while it draws lists "
            "(PySide6 6.12.0 with Python 3.11). Install PySide6-Essentials 6.11, or use Python 3.12 or newer.",
        )
        return EXIT_BROKEN_QT
    window = launch(db_target, demo=demo)
    if window is None:
        return EXIT_GAVE_UP
    try:
        return app.exec()
    finally:
        window.close()


def launch(db_target: str | Path | None, *, demo: bool = False) -> MainWindow | None:
    """Show the window, then open the database in it; None if the user gave up on finding one."""
    application()
    from equitydesk.gui.main_window import MainWindow

    window = MainWindow()
    window.show_opening("the demo committee" if demo else str(db_target or "your database"))
    window.show()
    # Paint the empty window first: loading SQLAlchemy and checking the database is the slow part of start-up.
    settle(window)
    target = demo_database(window) if demo else (Path(db_target) if db_target else default_database())
    if target is None or not open_first_database(window, target):
        window.close()
        window.deleteLater()
        return None
    return window


def settle(window: MainWindow) -> None:
    """Process events until the window is on screen and painted (bounded: a slow X server does not hold us)."""
    app = QApplication.instance()
    deadline = time.monotonic() + EXPOSE_WAIT_S
    handle = window.windowHandle()
    while handle is not None and not handle.isExposed() and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    app.processEvents()


def default_database() -> Path:
    from equitydesk.paths import default_db_path

    path = default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def demo_database(window: MainWindow) -> Path | None:
    """The demo database in the data folder, created and filled the first time it is asked for."""
    from equitydesk.paths import demo_db_path

    path = demo_db_path()
    if path.exists():
        return path
    try:
        from equitydesk.services.demo_file import build_demo_file
    except ImportError:
        QMessageBox.warning(window, "No demo committee", "The demo committee is not part of this installation yet.")
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    window.statusBar().showMessage("Preparing the demo committee…")
    try:
        build_demo_file(path, today=date.today())
    except Exception as error:
        QMessageBox.warning(window, "No demo committee", f"The demo database could not be prepared: {error}")
        return None
    finally:
        window.statusBar().clearMessage()
    return path


def open_first_database(window: MainWindow, target: str | Path) -> bool:
    """Open the start-up database; if it cannot be used, say why and offer to choose another file until one works.

    A damaged database gets the recovery question instead: restore its newest sound backup, choose another file,
    or quit.
    """
    from equitydesk.db.errors import DatabaseError
    from equitydesk.db.integrity import DatabaseDamaged
    from equitydesk.gui.opening import open_for_window

    while True:
        try:
            opened = open_for_window(window, target, create=True)
        except DatabaseDamaged as error:
            from equitydesk.gui.dialogs.recovery_dialog import RecoveryChoice, offer_recovery

            choice = offer_recovery(window, error.path)
            if choice is RecoveryChoice.QUIT:
                return False
            if choice is RecoveryChoice.RETRY:
                continue
        except DatabaseError as error:
            answer = QMessageBox.warning(
                window,
                "Cannot open the database",
                f"{error}\n\nChoose Open to pick another database file (or type a new name to start one), "
                "or Close to quit.",
                QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
                QMessageBox.StandardButton.Open,
            )
            if answer != QMessageBox.StandardButton.Open:
                return False
        else:
            if opened is not None:
                window.set_database(opened.db, opened)
                return True
        chosen = choose_database_file(window, target)
        if not chosen:
            return False
        target = chosen
        window.show_opening(chosen)


def choose_database_file(window: MainWindow, near: str | Path) -> str:
    """Ask for another database file (or a new name to start one); "" when the user cancels."""
    from equitydesk.gui.main_window import DB_FILTER

    chosen, _filter = QFileDialog.getSaveFileName(
        window,
        "Choose a database",
        str(Path(near).parent),
        DB_FILTER,
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    return chosen
