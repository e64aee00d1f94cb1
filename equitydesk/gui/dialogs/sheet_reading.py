"""Reading a file to import off the window's thread, for the import dialogs that preview it row by row."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from equitydesk.gui.jobs import run_job, user_message

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QWidget

    from equitydesk.gui.workspace import Workspace
    from equitydesk.services.registry import Services


def read_for_preview(
    dialog: QWidget, workspace: Workspace, title: str, read: Callable[[Services], Any],
    shown: Callable[[Any], None], summary: QLabel,
) -> None:  # fmt: skip
    """Run `read(services)` (open and map the sheet) as a job; `shown(parsed)` follows, or the refusal in `summary`."""
    services = workspace.services

    def failed(error: BaseException) -> None:
        summary.setText(str(error) if not hasattr(error, "message") else user_message(error))

    run_job(dialog, title, lambda _progress, _cancelled: read(services), shown, failed)
