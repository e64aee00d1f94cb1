"""File menu exports as one table of specs: what each writes, how it is asked for and named; each runs as a job."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox, QWidget

from equitydesk.formats.errors import ExportError, TargetLocked
from equitydesk.gui.commands import CommandId, CommandRegistry
from equitydesk.gui.dialogs.export_options_dialog import ExportChoice, ExportOptionsDialog
from equitydesk.gui.display import plural
from equitydesk.gui.jobs import Job, run_job
from equitydesk.gui.settings import EXPORT_FOLDER, committee_to_start, remember_committee

if TYPE_CHECKING:
    from equitydesk.gui.workspace import Workspace
    from equitydesk.services.registry import Services
    from equitydesk.services.roster_export import ExportResult

log = logging.getLogger(__name__)

XLSX_FILTER = "Excel workbooks (*.xlsx)"
PDF_FILTER = "PDF documents (*.pdf)"
UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')  # not allowed in a file name on Windows, or anywhere
STATUS_MS = 15000


def file_name(*parts: str, suffix: str) -> str:
    """A default file name a person would type: 'Equity Advisory Committee roster 2025-11-23.xlsx'."""
    stem = UNSAFE.sub("-", " ".join(p for p in parts if p)).strip(" .")
    return f"{stem or 'export'}{suffix}"


def show_status(widget: QWidget, text: str) -> None:
    """Say in the main window's status bar (for a while) what an export did; nothing when there is no window."""
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, STATUS_MS)


def with_suffix(path: Path, suffix: str) -> Path:
    """The chosen name, with the right suffix added when it is missing (never replaced: 'A.B. Smith' stays)."""
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


@dataclass(frozen=True)
class ExportSpec:
    """One export of the File menu. The packet, agenda, minutes, calendar and action exports join this table."""

    command: CommandId
    title: str  # the dialog titles and the heading of its messages
    file_filter: str
    suffix: str
    progress: str  # what the progress dialog says while it writes
    name_parts: Callable[[ExportChoice, str], tuple[str, ...]]  # (choice, today) -> the default file name's words
    call: Callable[[Services, ExportChoice, Path], ExportResult]
    describe: Callable[[ExportChoice, ExportResult], str]  # the status bar's sentence once it is written
    options: dict[str, bool]  # which choices ExportOptionsDialog offers (directory=…, signin=…)
    ask_committee: bool = True  # False: the committee chosen on the roster is exported without asking


def _version(choice: ExportChoice) -> str:
    return "internal" if choice.include_contact else "public"


SPECS: tuple[ExportSpec, ...] = (
    ExportSpec(
        CommandId.EXPORT_ROSTER,
        "Export roster to Excel",
        XLSX_FILTER,
        ".xlsx",
        "Exporting the roster…",
        lambda c, today: (c.committee_name, "roster", today),
        lambda s, c, target: s.roster_export.export_xlsx(committee_id=c.committee_id, target=target),
        lambda c, r: f"Exported {plural(r.rows, 'membership')} of {c.committee_name} to {r.path}",
        {},
        ask_committee=False,
    ),
    ExportSpec(
        CommandId.PRINT_DIRECTORY,
        "Print member directory",
        PDF_FILTER,
        ".pdf",
        "Writing the member directory…",
        lambda c, today: (c.committee_name, f"directory ({_version(c)})", today),
        lambda s, c, target: s.roster_export.directory_pdf(
            committee_id=c.committee_id, target=target, include_contact=c.include_contact
        ),
        lambda c, r: (
            f"Saved the {_version(c)} member directory of {c.committee_name} ({plural(r.rows, 'member')}) to {r.path}"
        ),
        {"directory": True},
    ),
    ExportSpec(
        CommandId.PRINT_SIGNIN,
        "Print sign-in sheet",
        PDF_FILTER,
        ".pdf",
        "Writing the sign-in sheet…",
        lambda c, today: (
            c.committee_name,
            "sign-in sheet",
            "large print" if c.large_print else "",
            c.meeting_day or today,
        ),
        lambda s, c, target: s.roster_export.signin_pdf(
            committee_id=c.committee_id, target=target, meeting_id=c.meeting_id, large_print=c.large_print
        ),
        lambda c, r: f"Saved the sign-in sheet of {c.committee_name} ({plural(r.rows, 'name')}) to {r.path}",
        {"signin": True},
    ),
    ExportSpec(
        CommandId.EXPORT_ACTIONS,
        "Export action items to Excel",
        XLSX_FILTER,
        ".xlsx",
        "Exporting the action items…",
        lambda c, today: (c.committee_name, "action items", today),
        lambda s, c, target: s.action_export.export_xlsx(committee_id=c.committee_id, target=target),
        lambda c, r: f"Exported {plural(r.rows, 'action item')} of {c.committee_name} to {r.path}",
        {},
    ),
    *(
        ExportSpec(
            command,
            f"Print action report by {group}",
            PDF_FILTER,
            ".pdf",
            "Writing the action report…",
            lambda c, today, group=group: (c.committee_name, f"action items by {group}", today),
            lambda s, c, target, group=group: s.action_export.report_pdf(
                committee_id=c.committee_id, target=target, group_by=group
            ),
            lambda c, r: f"Saved the action report of {c.committee_name} ({plural(r.rows, 'item')}) to {r.path}",
            {},
        )
        for command, group in ((CommandId.PRINT_ACTIONS, "owner"), (CommandId.PRINT_ACTIONS_BY_STRATEGY, "strategy"))
    ),
)


class ExportCommands(QObject):
    """Binds every spec's command; each asks what to write and where, then writes as a job on the lane."""

    def __init__(self, commands: CommandRegistry, window: QWidget, specs: tuple[ExportSpec, ...] = SPECS) -> None:
        super().__init__(window)
        self.window = window
        self.commands = commands
        self.specs = specs
        self.workspace: Workspace | None = None
        self.dialog: ExportOptionsDialog | None = None
        self.job: Job | None = None
        for spec in specs:
            commands.bind(spec.command, lambda spec=spec: self.start(spec))
        self.set_workspace(None)

    def add_to(self, menu: QMenu) -> None:
        for spec in self.specs:
            menu.addAction(self.commands[spec.command])

    def set_workspace(self, workspace: Workspace | None) -> None:
        self.workspace = workspace
        self.commands.enable(workspace is not None, *(spec.command for spec in self.specs))

    def spec(self, command: CommandId) -> ExportSpec:
        return next(spec for spec in self.specs if spec.command == command)

    # --- asking ----------------------------------------------------------------------------------------------

    def start(self, spec: ExportSpec) -> None:
        workspace = self.workspace
        if workspace is None:
            return
        chosen = workspace.chosen_committee()
        if chosen is not None and not spec.ask_committee:  # nothing to ask: the committee is the one on screen
            name = str(workspace.services.committees.get(chosen).name)
            self._ask_where(spec, ExportChoice(committee_id=chosen, committee_name=name))
            return
        start = committee_to_start(workspace.db.label, chosen)
        dialog = ExportOptionsDialog(workspace.services, spec.title, start, parent=self.window, **spec.options)
        if dialog.committee_id is None:
            QMessageBox.information(self.window, spec.title, "There are no committees yet. Add a committee first.")
            return
        dialog.accepted.connect(lambda: self._ask_where(spec, dialog.choice()))
        dialog.finished.connect(lambda _r: (setattr(self, "dialog", None), dialog.deleteLater()))
        self.dialog = dialog
        dialog.open()  # window-modal but not blocking, like the other dialogs (and tests keep running)

    def _ask_where(self, spec: ExportSpec, choice: ExportChoice) -> None:
        if self.workspace is not None:
            remember_committee(self.workspace.db.label, choice.committee_id)
        default = file_name(*spec.name_parts(choice, self._today()), suffix=spec.suffix)
        path, _filter = QFileDialog.getSaveFileName(
            self.window, spec.title, str(self._folder() / default), spec.file_filter
        )
        if path:  # on Cancel nothing at all is written
            self.write(spec, choice, with_suffix(Path(path), spec.suffix))

    # --- writing ---------------------------------------------------------------------------------------------

    def write(self, spec: ExportSpec, choice: ExportChoice, target: Path) -> Job | None:
        workspace = self.workspace
        if workspace is None:
            return None
        services = workspace.services

        def done(result: ExportResult) -> None:
            EXPORT_FOLDER.write(str(result.path.parent))
            self._status(spec.describe(choice, result))
            if result.warnings:
                QMessageBox.warning(
                    self.window,
                    "Saved, with warnings",
                    f"{result.path.name} was saved. Please check:\n\n" + "\n".join(f"• {w}" for w in result.warnings),
                )

        def failed(error: BaseException) -> None:
            if isinstance(error, TargetLocked):
                self.resolve_locked(spec, error)
                return
            QMessageBox.warning(self.window, spec.title, failure_message(error, target))

        def work(_progress: Any, _cancelled: Any) -> ExportResult:
            return spec.call(services, choice, target)

        self.job = run_job(self.window, spec.progress, work, done, failed)
        return self.job

    # --- a target another program holds -------------------------------------------------------------------

    def resolve_locked(self, spec: ExportSpec, locked: TargetLocked) -> Path | None:
        """Offer Retry and Save as… until the finished export is in place, saved elsewhere, or left where it is."""
        workspace = self.workspace
        if workspace is None:
            return None
        exports = workspace.services.roster_export
        message = str(locked)
        while True:
            answer = self.ask_locked(spec, message)
            try:
                if answer == "retry":
                    placed = exports.replace_locked(locked=locked)
                elif answer == "save_as":
                    chosen, _filter = QFileDialog.getSaveFileName(
                        self.window, spec.title, str(Path(locked.target).parent), spec.file_filter
                    )
                    if not chosen:
                        continue
                    placed = exports.save_locked_as(locked=locked, destination=with_suffix(Path(chosen), spec.suffix))
                else:
                    self._status(f"The finished export was left as {locked.finished}")
                    return None
            except TargetLocked as again:
                message = str(again)
                continue
            except ExportError as error:
                QMessageBox.warning(self.window, spec.title, str(error))
                return None
            EXPORT_FOLDER.write(str(placed.parent))
            self._status(f"Saved {placed}")
            return placed

    def ask_locked(self, spec: ExportSpec, message: str) -> str:
        """'retry', 'save_as' or 'cancel', from a message box naming where the finished export is."""
        box = QMessageBox(QMessageBox.Icon.Warning, spec.title, message, parent=self.window)
        retry = box.addButton("Retry", QMessageBox.ButtonRole.AcceptRole)
        save_as = box.addButton("Save as…", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(retry)
        box.exec()
        clicked = box.clickedButton()
        return "retry" if clicked is retry else "save_as" if clicked is save_as else "cancel"

    # --- small things ----------------------------------------------------------------------------------------

    def _status(self, text: str) -> None:
        show_status(self.window, text)

    def _today(self) -> str:
        return (self.workspace.services.ctx.today() if self.workspace is not None else date.today()).isoformat()

    def _folder(self) -> Path:
        """Where the last export went, else Documents, else home."""
        stored = EXPORT_FOLDER.read()
        if stored and Path(str(stored)).is_dir():
            return Path(str(stored))
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def failure_message(error: BaseException, target: Path) -> str:
    """The plain sentence services and writers raise; anything else still names the file and a next step."""
    from equitydesk.formats.errors import short_detail
    from equitydesk.services.errors import DomainError

    if isinstance(error, DomainError):
        return error.message
    if isinstance(error, ExportError):
        return str(error)
    log.error("Export to %s failed", target, exc_info=error)
    return f"Could not save “{target.name}”: {short_detail(error)}. Try again, or choose another folder."
