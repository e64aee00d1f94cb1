"""Entry point of `equitydesk` and `python -m equitydesk`: run a command, or open the window when none is given."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from equitydesk.cli import main as run_command_line


def open_window(db_target: str | None, demo: bool) -> int:
    # Imported here, not at the top: commands must start without loading Qt (and work where it is missing).
    from equitydesk.app import run_gui

    return run_gui(db_target, demo=demo)


def main(argv: Sequence[str] | None = None) -> int:
    return run_command_line(argv, open_window=open_window)


if __name__ == "__main__":
    sys.exit(main())
