"""Composition root of the window: `run_gui` opens EquityDesk's window; the Qt code itself is in gui/application.py."""

from __future__ import annotations


def run_gui(db_target: str | None, *, demo: bool = False) -> int:
    """Open the window on a database (None: the default one; demo: the demo one) and run until it closes."""
    # Imported on call: the command line imports this package without wanting Qt loaded.
    from equitydesk.gui.application import run_gui as run_window

    return run_window(db_target, demo=demo)
