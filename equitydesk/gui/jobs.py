"""Background work for the GUI: one call runs a function off the GUI thread with progress, cancel and callbacks."""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable
from enum import Enum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

log = logging.getLogger(__name__)

Progress = Callable[..., None]  # progress(done, total=None, text=None)
IsCancelled = Callable[[], bool]
JobFn = Callable[[Progress, IsCancelled], Any]

POOL_NAME = "equitydesk-jobs"
PROGRESS_INTERVAL_S = 0.05  # a job reporting every row would flood the event queue; the eye needs ~20 updates/s
SHOW_PROGRESS_AFTER_MS = 400  # quick jobs finish before a dialog would flash up


T = TypeVar("T")


class JobState(Enum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


class JobCancelled(Exception):
    """Raised by a job function that stopped because `is_cancelled()` said so; it has undone its own work."""


def job_pool() -> QThreadPool:
    """The one lane for jobs: a single thread, so two jobs never write to the database at the same time."""
    app = QCoreApplication.instance()
    assert app is not None, "run_job needs a QApplication"
    pool = app.findChild(QThreadPool, POOL_NAME)
    if pool is None:
        pool = QThreadPool(app)
        pool.setObjectName(POOL_NAME)
        pool.setMaxThreadCount(1)
    return pool


def lane_busy() -> bool:
    """Whether a job is running or queued on the lane (a new one would wait its turn)."""
    return job_pool().activeThreadCount() > 0 or _running.title is not None


def wait_for_lane(msecs: int = -1) -> bool:
    """Block until every job on the lane has finished (closing a database, tests); their callbacks come later."""
    return job_pool().waitForDone(msecs)


class _Running:
    """The title of the job the lane is running now, so that a job waiting behind it can say what it waits for;
    and how many jobs have not yet delivered their result to the GUI thread."""

    title: str | None = None
    pending: int = 0


def pending_jobs() -> int:
    """Jobs started whose callback has not run yet (tests wait for 0; closing the window could, too)."""
    return _running.pending


_running = _Running()


class _Relay(QObject):
    """Lives in the GUI thread; signals emitted from the worker thread reach its slots queued, on the GUI thread."""

    started = Signal()  # the job's turn on the lane has come
    progressed = Signal(int, int, str)  # done, total (-1: unknown), text
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class _Worker(QRunnable):
    def __init__(self, fn: JobFn, relay: _Relay, cancel: threading.Event, title: str) -> None:
        super().__init__()
        self.fn, self.relay, self.cancel, self.title = fn, relay, cancel, title
        self._last = 0.0

    def progress(self, done: int, total: int | None = None, text: str | None = None) -> None:
        now = time.monotonic()
        if now - self._last < PROGRESS_INTERVAL_S and (total is None or done < total):
            return
        self._last = now
        self.relay.progressed.emit(int(done), -1 if total is None else int(total), text or "")

    def run(self) -> None:
        _running.title = self.title
        try:
            try:
                if self.cancel.is_set():
                    raise JobCancelled  # cancelled while it waited for its turn: nothing was started
                self.relay.started.emit()
                result = self.fn(self.progress, self.cancel.is_set)
            except JobCancelled:
                self.relay.cancelled.emit()
            except Exception as exc:  # every failure reaches on_failure; a worker must never die silently
                self.relay.failed.emit(exc)
            else:
                self.relay.succeeded.emit(result)
        except RuntimeError:
            # The window that started the job was closed, taking the relay with it: nobody is left to tell.
            log.warning("Job finished after its window closed:\n%s", traceback.format_exc())
        finally:
            _running.title = None


class Job(QObject):
    """A running job: the only owner of its progress dialog. Keep it to cancel or to wait in tests."""

    finished = Signal()  # after the callback, whatever the outcome

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        fn: JobFn,
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
        on_cancelled: Callable[[], None] | None,
        *,
        show_progress: bool,
    ) -> None:
        # Without a parent the application owns the job, so it lives until its callback ran.
        super().__init__(parent if parent is not None else QCoreApplication.instance())
        self.title = title
        self.on_success, self.on_failure, self.on_cancelled = on_success, on_failure, on_cancelled
        self.state = JobState.RUNNING
        self.result: Any = None
        self.error: BaseException | None = None
        self._cancel = threading.Event()
        self._relay = _Relay(self)
        self._relay.started.connect(self._on_started, Qt.ConnectionType.QueuedConnection)
        self._relay.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._relay.succeeded.connect(self._on_succeeded, Qt.ConnectionType.QueuedConnection)
        self._relay.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self._relay.cancelled.connect(self._on_cancelled, Qt.ConnectionType.QueuedConnection)
        self.dialog: QProgressDialog | None = None
        if show_progress:
            self.dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
            self.dialog.setWindowTitle(title)
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
            self.dialog.canceled.connect(self.cancel)
            # QProgressDialog shows itself after minimumDuration only when its value changes; a job that
            # reports nothing for a while still deserves the dialog and its Cancel button.
            QTimer.singleShot(SHOW_PROGRESS_AFTER_MS, self, self._show_if_running)
        self._worker = _Worker(fn, self._relay, self._cancel, title)
        self._worker.setAutoDelete(False)  # Python keeps it alive through self._worker

    def start(self) -> Job:
        _running.pending += 1
        ahead = _running.title if lane_busy() else None
        if ahead is not None and self.dialog is not None:
            # An edit made while an import commits waits its turn; the window stays live and says why.
            self.dialog.setLabelText(f"{self.title}\nWaiting for “{ahead}” to finish…")
        job_pool().start(self._worker)
        return self

    @property
    def running(self) -> bool:
        return self.state is JobState.RUNNING

    def cancel(self) -> None:
        """Ask the job to stop; it is cancelled once its function notices and raises JobCancelled."""
        self._cancel.set()
        if self.dialog is not None:
            self.dialog.setLabelText(f"{self.title}\nStopping…")
            self.dialog.setCancelButton(None)  # type: ignore[arg-type]

    def is_cancel_requested(self) -> bool:
        return self._cancel.is_set()

    @Slot()
    def _show_if_running(self) -> None:
        if self.running and self.dialog is not None:
            self.dialog.show()

    @Slot()
    def _on_started(self) -> None:
        if self.dialog is not None and self.running:
            self.dialog.setLabelText(self.title)

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        dialog = self.dialog
        if dialog is None or not self.running:
            return
        # The label first: a modal QProgressDialog's setValue() processes events, and the job may finish (and
        # drop its dialog) inside that call.
        if text:
            dialog.setLabelText(text)
        if total >= 0:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, max(total, 1)))

    @Slot(object)
    def _on_succeeded(self, result: Any) -> None:
        self.result = result
        self._finish(JobState.SUCCEEDED, self.on_success, result)

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self.error = error
        self._finish(JobState.FAILED, self.on_failure, error)

    @Slot()
    def _on_cancelled(self) -> None:
        self._finish(JobState.CANCELLED, self.on_cancelled)

    def _finish(self, state: JobState, callback: Callable[..., None] | None, *args: Any) -> None:
        self.state = state
        _running.pending -= 1
        if self.dialog is not None:
            # QProgressDialog emits canceled when it is closed: the job is over, so that is not a request to stop.
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.reset()  # stops the dialog's own show timer too
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        try:
            if callback is not None:
                callback(*args)
        finally:
            self.finished.emit()
            self.deleteLater()


def run_job(
    parent: QWidget | None,
    title: str,
    fn: JobFn,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    *,
    on_cancelled: Callable[[], None] | None = None,
    show_progress: bool = True,
) -> Job:
    """Run `fn(progress, is_cancelled)` on the job thread; exactly one callback then runs on the GUI thread.

    `progress(done, total=None, text=None)` may be called as often as the job likes (it is throttled).
    The job checks `is_cancelled()` and raises JobCancelled to stop; a job that finishes anyway succeeds.
    A progress dialog with Cancel appears when the job takes longer than SHOW_PROGRESS_AFTER_MS.
    """
    return Job(parent, title, fn, on_success, on_failure, on_cancelled, show_progress=show_progress).start()


def user_message(error: BaseException) -> str:
    """The sentence to show for a failed write: the services' own, or one in our words for anything else."""
    from equitydesk.services.errors import DomainError

    if isinstance(error, DomainError):
        return error.message
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return "The database is busy with another program's work. Wait a moment and try again; nothing was changed."
    if "readonly" in text or "read-only" in text:
        return "The database file cannot be written to (it is read-only). Nothing was changed."
    if "full" in text:
        return "The disk is full, so nothing could be saved. Free some space and try again; nothing was changed."
    log.error("A write failed", exc_info=error)
    return f"This could not be saved ({type(error).__name__}). Nothing was changed; try again."


class Op(Generic[T]):
    """One user action written on the lane, Anki's CollectionOp in small: `Op(parent, fn).success(cb).run()`.

    `fn()` runs on the job thread and waits for its turn behind an import; `success(result)` or `failure(error)`
    then runs on the GUI thread. Without a failure callback the error is shown to the user in a message box.
    Usually made by `Workspace.op`, which also announces what the write changed.
    """

    def __init__(self, parent: QWidget | None, fn: Callable[[], T], *, title: str = "Saving") -> None:
        self.parent, self.fn, self.title = parent, fn, title
        self._after: list[Callable[[T], None]] = []
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._finally: Callable[[], None] | None = None
        self._show_progress = True

    def success(self, callback: Callable[[T], None]) -> Op[T]:
        self._success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Op[T]:
        self._failure = callback
        return self

    def after(self, callback: Callable[[T], None]) -> Op[T]:
        """Run before `success` once the write has committed (the workspace announces changes here)."""
        self._after.append(callback)
        return self

    def finally_(self, callback: Callable[[], None]) -> Op[T]:
        """Run last, whatever happened (re-enable a button)."""
        self._finally = callback
        return self

    def without_progress(self) -> Op[T]:
        self._show_progress = False
        return self

    def run(self) -> Job:
        def succeeded(result: T) -> None:
            try:
                for callback in self._after:
                    callback(result)
                if self._success is not None:
                    self._success(result)
            finally:
                if self._finally is not None:
                    self._finally()

        def failed(error: BaseException) -> None:
            try:
                if self._failure is not None:
                    self._failure(error)
                else:
                    QMessageBox.warning(self.parent, self.title, user_message(error))
            finally:
                if self._finally is not None:
                    self._finally()

        def cancelled() -> None:
            if self._finally is not None:
                self._finally()

        return run_job(
            self.parent,
            self.title,
            lambda _progress, _cancelled: self.fn(),
            succeeded,
            failed,
            on_cancelled=cancelled,
            show_progress=self._show_progress,
        )
