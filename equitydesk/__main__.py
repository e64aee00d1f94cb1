"""Entry point of `equitydesk` and `python -m equitydesk`: run a command, or open the window when none is given."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def open_window(db_target: str | None, demo: bool) -> int:
    # Imported here, not at the top: commands must start without loading Qt (and work where it is missing).
    from equitydesk.app import run_gui

    return run_gui(db_target, demo=demo)


def window_only(argv: Sequence[str]) -> tuple[str | None, bool] | None:
    """(db, demo) when the arguments ask for nothing but the window; None when the command line must decide."""
    db, demo, args, i = None, False, list(argv), 0
    while i < len(args):
        arg = args[i]
        if arg == "--demo":
            demo = True
        elif arg == "--db" and i + 1 < len(args):
            db, i = args[i + 1], i + 1
        elif arg.startswith("--db="):
            db = arg.removeprefix("--db=")
        else:
            return None
        i += 1
    return None if db is not None and demo else (db, demo)


def main(argv: Sequence[str] | None = None) -> int:
    # Straight to the window: the command line's imports (SQLAlchemy, Alembic, the demo) would delay it by ~1 s.
    window = window_only(sys.argv[1:] if argv is None else argv)
    if window is not None:
        return open_window(*window)
    from equitydesk.cli import main as run_command_line

    return run_command_line(argv, open_window=open_window)


if __name__ == "__main__":
    sys.exit(main())
