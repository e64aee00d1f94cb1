"""The window's automatic backups: at most every 30 minutes while the database changes, and on closing it changed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox

from equitydesk.gui.jobs import Job, run_job

if TYPE_CHECKING:
    from equitydesk.gui.workspace import Workspace
    from equitydesk.services.backups import BackupRecord

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


class AutoBackup(QObject):
    """Owned by a Workspace. The rules live in services.backups.BackupSchedule; this only runs them in the window.

    A backup runs as a job on the one lane, so it never overlaps a write. Whether the database changed is read
    from SQLite itself (db/changes.py), so a write that forgot to announce itself is still backed up on closing.
    A failed automatic backup is reported once per session; the next one is tried 30 minutes later.
    """

    def __init__(self, workspace: Workspace, *, clock: Clock | None = None) -> None:
        super().__init__(workspace)
        from equitydesk.services.backups import BackupSchedule  # late: the window shows before SQLAlchemy loads

        self.workspace = workspace
        self.clock: Clock = clock or (lambda: datetime.now(UTC))
        backups = workspace.services.backups
        self.watcher = None if workspace.db.read_only else backups.watch()
        # The first is due 30 minutes into the session: what the file held when it was opened is in the backup made
        # when it was last closed, and a short session is backed up once, on closing.
        self.schedule = BackupSchedule(last_backup=self.clock())
        self.job: Job | None = None
        self.made: list[BackupRecord] = []
        self.error: str | None = None
        self._warned = False
        self._closed = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._back_up_if_due)
        workspace.changed.connect(self._changed)

    @property
    def enabled(self) -> bool:
        return self.watcher is not None and not self._closed

    def _changed(self, _changes: object = None) -> None:
        if self.enabled:
            self.schedule.note_change(self.clock())
            self._back_up_if_due()

    def _back_up_if_due(self) -> None:
        if not self.enabled or self.job is not None:
            return
        wait = self.schedule.wait(self.clock())
        if wait is None:
            return
        if wait > timedelta(0):
            self.timer.start(max(int(wait.total_seconds() * 1000), 1))
            return
        self.timer.stop()
        self.job = run_job(
            None, "Backing up", lambda _p, _c: self.back_up(), self._done, self._failed, show_progress=False
        )

    def back_up(self) -> BackupRecord | None:
        """Make a verified backup now (on the job lane); the changes it holds are no longer pending."""
        watcher = self.watcher
        seen = watcher.version() if watcher else 0  # read first: a commit landing during the copy is still pending
        record = self.workspace.services.backups.back_up()
        if watcher is not None:
            watcher.mark(seen)
        return record

    def _done(self, record: BackupRecord | None) -> None:
        self.job = None
        if record is not None:
            self.made.append(record)
        if self._closed or self.watcher is None:
            return
        self.schedule.backed_up(self.clock(), changed_since=self.watcher.changed())
        self._back_up_if_due()

    def _failed(self, error: BaseException) -> None:
        self.job = None
        self._report(error, "An automatic backup")
        if not self._closed:
            self.schedule.backed_up(self.clock(), changed_since=True)  # try again in 30 minutes, not at once
            self._back_up_if_due()

    def _report(self, error: BaseException, what: str) -> None:
        from equitydesk.gui.jobs import user_message
        from equitydesk.services.backups import BackupError

        self.error = str(error) if isinstance(error, BackupError) else user_message(error)
        log.warning("%s failed: %s", what, self.error, exc_info=error)
        if not self._warned:
            self._warned = True
            QMessageBox.warning(None, "Backup", self.error)

    def restored(self) -> None:
        """The database was just replaced by a backup (and its state before backed up): nothing new to back up."""
        if self.watcher is not None:
            self.watcher.mark()
        self.schedule.backed_up(self.clock())

    def close(self) -> None:
        """Called by Workspace.close once the lane is idle: one last backup if anything changed since the last."""
        if self._closed:
            return
        self._closed = True
        self.timer.stop()
        watcher = self.watcher
        if watcher is None:
            return
        try:
            if watcher.changed():
                record = self.workspace.services.backups.back_up()
                if record is not None:
                    self.made.append(record)
        except Exception as error:  # closing goes on: the database itself is safe, only its backup is missing
            self._report(error, "The backup made on closing")
        finally:
            watcher.close()
