"""Waiting in GUI stories for writes on the job lane: an edit is saved when its callback has run."""

from __future__ import annotations

from equitydesk.gui.jobs import pending_jobs


def wait_for_writes(qtbot, timeout: int = 10_000) -> None:
    """Until every job started (edits, imports, exports) has finished and its callback has run."""
    qtbot.waitUntil(lambda: pending_jobs() == 0, timeout=timeout)
