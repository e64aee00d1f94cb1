"""The background-work helper: results on the GUI thread, failures reported, progress shown, cancel honoured."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from equitydesk.gui.jobs import SHOW_PROGRESS_AFTER_MS, JobCancelled, JobState, job_pool, run_job


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    job_pool().waitForDone(5000)


class Recorder:
    """Callbacks that remember what they got and on which thread."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object, bool]] = []

    def _record(self, kind: str, value: object = None) -> None:
        self.calls.append((kind, value, threading.current_thread() is threading.main_thread()))

    def success(self, value: object) -> None:
        self._record("success", value)

    def failure(self, error: BaseException) -> None:
        self._record("failure", error)

    def cancelled(self) -> None:
        self._record("cancelled")


def test_result_arrives_on_the_gui_thread(qtbot, parent):
    rec = Recorder()
    worker_threads = []

    def work(progress, is_cancelled):
        worker_threads.append(threading.current_thread() is threading.main_thread())
        for n in range(5):
            progress(n + 1, 5, f"Row {n + 1} of 5")
        return 42

    job = run_job(parent, "Counting", work, rec.success, rec.failure, on_cancelled=rec.cancelled)
    qtbot.waitUntil(lambda: bool(rec.calls), timeout=5000)
    assert rec.calls == [("success", 42, True)]
    assert worker_threads == [False], "the work ran off the GUI thread"
    assert job.state is JobState.SUCCEEDED and job.result == 42


def test_failure_is_reported_not_lost(qtbot, parent):
    rec = Recorder()

    def work(progress, is_cancelled):
        raise ValueError("Row 7: the e-mail column is empty")

    job = run_job(parent, "Importing", work, rec.success, rec.failure)
    qtbot.waitUntil(lambda: bool(rec.calls), timeout=5000)
    kind, error, on_gui = rec.calls[0]
    assert kind == "failure" and on_gui
    assert isinstance(error, ValueError) and "Row 7" in str(error)
    assert job.state is JobState.FAILED


def test_long_job_shows_progress_and_can_be_cancelled(qtbot, parent):
    rec = Recorder()
    started = threading.Event()

    def work(progress, is_cancelled):
        started.set()
        for n in range(1000):
            if is_cancelled():
                raise JobCancelled
            progress(n, 1000, "Reading the roster…")
            time.sleep(0.01)
        return "finished"

    job = run_job(parent, "Importing roster", work, rec.success, rec.failure, on_cancelled=rec.cancelled)
    assert started.wait(5)
    qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.isVisible(), timeout=SHOW_PROGRESS_AFTER_MS + 3000)
    qtbot.waitUntil(lambda: job.dialog.value() > 0, timeout=3000)
    assert job.dialog.maximum() == 1000
    assert job.dialog.labelText() == "Reading the roster…"
    cancel_button = job.dialog.findChild(QPushButton)
    assert cancel_button.text() == "Cancel"
    qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(rec.calls), timeout=5000)
    assert rec.calls == [("cancelled", None, True)]
    assert job.state is JobState.CANCELLED and job.dialog is None


def test_quick_job_never_flashes_a_dialog(qtbot, parent):
    rec = Recorder()
    job = run_job(parent, "Quick", lambda progress, is_cancelled: "done", rec.success)
    qtbot.waitUntil(lambda: bool(rec.calls), timeout=5000)
    assert job.dialog is None
    assert not any(w.isVisible() for w in parent.findChildren(QWidget) if w.windowTitle() == "Quick")


def test_jobs_run_one_at_a_time(qtbot, parent):
    """One lane: two jobs never overlap, so two writers never contend for the database."""
    active, overlaps, done = [0], [], []
    lock = threading.Lock()

    def work(progress, is_cancelled):
        with lock:
            active[0] += 1
            overlaps.append(active[0])
        time.sleep(0.05)
        with lock:
            active[0] -= 1
        return True

    for _ in range(3):
        run_job(parent, "Lane", work, done.append, show_progress=False)
    qtbot.waitUntil(lambda: len(done) == 3, timeout=5000)
    assert max(overlaps) == 1


def test_job_without_a_parent_survives_until_it_reports(qtbot):
    rec = Recorder()
    run_job(None, "Orphan", lambda progress, is_cancelled: "kept", rec.success, show_progress=False)
    qtbot.waitUntil(lambda: bool(rec.calls), timeout=5000)
    assert rec.calls == [("success", "kept", True)]


def test_closing_the_progress_dialog_at_the_end_is_not_a_cancel(qtbot):
    from PySide6.QtWidgets import QWidget

    from equitydesk.gui.jobs import run_job

    parent = QWidget()
    qtbot.addWidget(parent)
    results = []
    job = run_job(parent, "Working", lambda progress, cancelled: 42, results.append)
    job.dialog.show()  # as if the job had run long enough to show it
    qtbot.waitUntil(lambda: results == [42])
    assert job.state is JobState.SUCCEEDED and not job.is_cancel_requested()
