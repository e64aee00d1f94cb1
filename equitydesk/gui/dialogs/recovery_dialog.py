"""A damaged database: restore its newest sound backup (the damaged file set aside), choose another file, or quit."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from equitydesk.gui.display import plural

if TYPE_CHECKING:
    from equitydesk.services.backups import Recovery


class RecoveryChoice(Enum):
    RETRY = "retry"  # a backup was restored (or restoring failed and was explained): open the file again
    CHOOSE = "choose"  # the user wants to pick another database file
    QUIT = "quit"  # at start-up: quit; later: leave things as they are


class RecoveryDialog(QMessageBox):
    """The question, with one button per way out; `choice()` runs it and says which was taken."""

    def __init__(self, recovery: Recovery, parent: QWidget | None = None, *, at_start: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("RecoveryDialog")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle("The database is damaged")
        self.recovery = recovery
        damaged = recovery.damaged
        self.setText(f"{damaged} is damaged, so EquityDesk cannot open it.")
        backup = recovery.backup
        self.restore_button: QPushButton | None = None
        if backup is not None:
            when = backup.created.strftime("%d %B %Y, %H:%M")
            counts = f"{plural(backup.people or 0, 'person', 'people')}, {plural(backup.meetings or 0, 'meeting')}"
            self.setInformativeText(
                f"The newest sound backup is from {when}, with {counts}. Restoring it puts it in the damaged file's "
                f"place; the damaged file is kept, renamed to {damaged.name}.damaged-DATE, and nothing is deleted. "
                "Work done after that backup is not in it."
            )
            self.restore_button = self.addButton(
                f"Restore the backup of {when} ({counts})", QMessageBox.ButtonRole.AcceptRole
            )
            self.restore_button.setObjectName("restoreBackupButton")
        else:
            self.setInformativeText(
                f"There is no sound backup of it in {recovery.folder}. Choose another database file (or a new name "
                "to start one); the damaged file stays as it is."
            )
        self.choose_button = self.addButton("Choose another file…", QMessageBox.ButtonRole.ActionRole)
        self.choose_button.setObjectName("chooseFileButton")
        self.quit_button = self.addButton("Quit" if at_start else "Cancel", QMessageBox.ButtonRole.RejectRole)
        self.quit_button.setObjectName("quitButton")
        self.setDefaultButton(self.restore_button or self.choose_button)
        self.setEscapeButton(self.quit_button)

    def choice(self) -> RecoveryChoice:
        self.exec()
        clicked = self.clickedButton()
        if clicked is not None and clicked is self.restore_button:
            return RecoveryChoice.RETRY
        if clicked is self.choose_button:
            return RecoveryChoice.CHOOSE
        return RecoveryChoice.QUIT


def offer_recovery(parent: QWidget | None, damaged: Path, *, at_start: bool = True) -> RecoveryChoice:
    """Ask what to do about a damaged database; when the answer is its backup, restore it before returning RETRY."""
    from equitydesk.services.backups import BackupError, recovery_for, restore

    with _busy():
        recovery = recovery_for(damaged)  # checks backups newest first until one is sound
    choice = RecoveryDialog(recovery, parent, at_start=at_start).choice()
    if choice is not RecoveryChoice.RETRY or recovery.backup is None:
        return choice
    from equitydesk.db.file_lock import COMMAND, DatabaseInUse, acquire

    try:
        # Restoring writes the file: it takes the writer's lock like any other write, so that a second window
        # opening the same damaged file meanwhile cannot restore over the first one's restore.
        with _busy(), acquire(damaged, purpose=COMMAND):
            restore(damaged, recovery.backup.path)
    except (BackupError, DatabaseInUse) as error:
        QMessageBox.warning(parent, "Cannot restore the backup", str(error))
    return RecoveryChoice.RETRY


class _busy:
    """A wait cursor while the backups are checked or one is restored (it happens before the window is usable)."""

    def __enter__(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *_exc: object) -> None:
        QGuiApplication.restoreOverrideCursor()
