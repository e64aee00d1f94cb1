"""File menu exports: a committee's roster to Excel, its member directory and a sign-in sheet to PDF, as jobs."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from equitydesk.gui.commands import CommandId
from equitydesk.gui.display import format_date, plural
from equitydesk.gui.jobs import Job, run_job
from equitydesk.gui.settings import app_settings

if TYPE_CHECKING:
    from equitydesk.gui.main_window import MainWindow
    from equitydesk.services.registry import Services
    from equitydesk.services.roster_export import ExportResult

log = logging.getLogger(__name__)

FOLDER_KEY = "exports/folder"
XLSX_FILTER = "Excel workbooks (*.xlsx)"
PDF_FILTER = "PDF documents (*.pdf)"
UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')  # not allowed in a file name on Windows, or anywhere
STATUS_MS = 15000


def file_name(*parts: str, suffix: str) -> str:
    """A default file name a person would type: 'Equity Advisory Committee roster 2025-11-23.xlsx'."""
    stem = UNSAFE.sub("-", " ".join(p for p in parts if p)).strip(" .")
    return f"{stem or 'export'}{suffix}"


def with_suffix(path: Path, suffix: str) -> Path:
    """The chosen name, with the right suffix added when it is missing (never replaced: 'A.B. Smith' stays)."""
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


class ExportOptionsDialog(QDialog):
    """Which committee, and for a directory or a sign-in sheet the choices that change what is printed."""

    def __init__(
        self,
        services: Services,
        title: str,
        committee_id: int | None,
        *,
        directory: bool = False,
        signin: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.services = services
        self.committee_combo = QComboBox()
        self.committee_combo.setObjectName("exportCommitteeCombo")
        for committee in services.committees.all():
            if not committee.archived:
                self.committee_combo.addItem(committee.name, committee.id)
        if committee_id is not None:
            self.committee_combo.setCurrentIndex(max(self.committee_combo.findData(committee_id), 0))
        form = QFormLayout()
        form.addRow("&Committee", self.committee_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)

        self.public_radio = QRadioButton("&Public: names, roles, groups, schools and languages; no e-mail or phone")
        self.internal_radio = QRadioButton("&Internal: with e-mail and phone, for the committee's own use only")
        self.public_radio.setChecked(True)  # the version safe to hand out is the one chosen without thinking
        if directory:
            layout.addWidget(QLabel("Which version?"))
            layout.addWidget(self.public_radio)
            layout.addWidget(self.internal_radio)

        self.meeting_combo = QComboBox()
        self.meeting_combo.setObjectName("meetingCombo")
        self.large_print_check = QCheckBox("&Large print (18 pt, landscape)")
        if signin:
            form.addRow("&Meeting", self.meeting_combo)
            form.addRow("", self.large_print_check)
            self.committee_combo.currentIndexChanged.connect(lambda _i: self._fill_meetings())
            self._fill_meetings()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Save as…")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _fill_meetings(self) -> None:
        """The committee's meetings newest first; the next one coming up is chosen, as its sheet is the one needed."""
        from equitydesk.services.crud import ListQuery

        combo = self.meeting_combo
        combo.clear()
        combo.addItem("No particular meeting (all active members)", None)
        cid = self.committee_id
        if cid is None:
            return
        query = ListQuery(filters={"committee_id": cid}, sort="starts_at", descending=True)
        today = self.services.ctx.today()
        upcoming = -1
        for row in self.services.meetings.list(query, limit=200).rows:
            combo.addItem(f"{format_date(row['starts_at'].date())} — {row['title']}", row["id"])
            if row["starts_at"].date() >= today:
                upcoming = combo.count() - 1  # the list runs newest first, so the last one seen is the nearest
        combo.setCurrentIndex(max(upcoming, 0))

    @property
    def committee_id(self) -> int | None:
        data = self.committee_combo.currentData()
        return int(data) if data is not None else None

    @property
    def committee_name(self) -> str:
        return self.committee_combo.currentText()

    @property
    def include_contact(self) -> bool:
        return self.internal_radio.isChecked()

    @property
    def meeting_id(self) -> int | None:
        data = self.meeting_combo.currentData()
        return int(data) if data is not None else None

    @property
    def meeting_day(self) -> str:
        text = self.meeting_combo.currentText()
        return text.split(" — ", 1)[0] if self.meeting_id is not None else ""


class ExportActions(QObject):
    """Binds the export actions of the window; each asks what to write and where, then writes as a job."""

    IDS = (CommandId.EXPORT_ROSTER, CommandId.PRINT_DIRECTORY, CommandId.PRINT_SIGNIN)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: ExportOptionsDialog | None = None
        self.job: Job | None = None
        commands = window.commands
        commands.bind(CommandId.EXPORT_ROSTER, self.export_roster)
        commands.bind(CommandId.PRINT_DIRECTORY, self.print_directory)
        commands.bind(CommandId.PRINT_SIGNIN, self.print_signin)
        window.database_changed.connect(self._update_enabled)
        self._update_enabled()

    def add_to(self, menu: QMenu) -> None:
        for action_id in self.IDS:
            menu.addAction(self.window.commands[action_id])

    def _update_enabled(self) -> None:
        self.window.commands.enable(self.window.services is not None, *self.IDS)

    def _chosen_committee(self) -> int | None:
        """The committee in the roster page's filter, if one is chosen there."""
        from equitydesk.gui.pages.roster_page import RosterPage

        data = self.window.page(RosterPage).committee_combo.currentData()
        return int(data) if data is not None else None

    # --- the three commands ----------------------------------------------------------------------------------

    def export_roster(self) -> None:
        chosen = self._chosen_committee()
        if chosen is not None:  # nothing to ask: the committee is the one on screen
            self._ask_where_roster(self._name_of(chosen), chosen)
            return
        self._ask("Export roster to Excel", lambda d: self._ask_where_roster(d.committee_name, d.committee_id))

    def print_directory(self) -> None:
        self._ask("Print member directory", self._ask_where_directory, directory=True)

    def print_signin(self) -> None:
        self._ask("Print sign-in sheet", self._ask_where_signin, signin=True)

    # --- asking ----------------------------------------------------------------------------------------------

    def _ask(self, title: str, then: Callable[[ExportOptionsDialog], None], **kinds: bool) -> None:
        services = self.window.services
        if services is None:
            return
        dialog = ExportOptionsDialog(services, title, self._chosen_committee(), parent=self.window, **kinds)
        if dialog.committee_id is None:
            QMessageBox.information(self.window, title, "There are no committees yet. Add a committee first.")
            return
        dialog.accepted.connect(lambda: then(dialog))
        dialog.finished.connect(lambda _r: (setattr(self, "dialog", None), dialog.deleteLater()))
        self.dialog = dialog
        dialog.open()  # window-modal but not blocking, like the other dialogs (and tests keep running)

    def _ask_where_roster(self, committee: str, committee_id: int | None) -> None:
        default = file_name(committee, "roster", self._today(), suffix=".xlsx")
        target = self._save_as("Export roster to Excel", default, XLSX_FILTER, ".xlsx")
        if target is None:
            return
        self._run(
            "Export roster to Excel",
            "Exporting the roster…",
            lambda s: s.roster_export.export_xlsx(committee_id=committee_id, target=target),
            target,
            lambda r: f"Exported {plural(r.rows, 'membership')} of {committee} to {r.path}",
        )

    def _ask_where_directory(self, d: ExportOptionsDialog) -> None:
        committee, committee_id, contact = d.committee_name, d.committee_id, d.include_contact
        version = "internal" if contact else "public"
        default = file_name(committee, f"directory ({version})", self._today(), suffix=".pdf")
        target = self._save_as("Print member directory", default, PDF_FILTER, ".pdf")
        if target is None:
            return
        self._run(
            "Print member directory",
            "Writing the member directory…",
            lambda s: s.roster_export.directory_pdf(committee_id=committee_id, target=target, include_contact=contact),
            target,
            lambda r: f"Saved the {version} member directory of {committee} ({plural(r.rows, 'member')}) to {r.path}",
        )

    def _ask_where_signin(self, d: ExportOptionsDialog) -> None:
        committee, committee_id, meeting_id = d.committee_name, d.committee_id, d.meeting_id
        large = d.large_print_check.isChecked()
        when = d.meeting_day or self._today()
        default = file_name(committee, "sign-in sheet", "large print" if large else "", when, suffix=".pdf")
        target = self._save_as("Print sign-in sheet", default, PDF_FILTER, ".pdf")
        if target is None:
            return
        self._run(
            "Print sign-in sheet",
            "Writing the sign-in sheet…",
            lambda s: s.roster_export.signin_pdf(
                committee_id=committee_id, target=target, meeting_id=meeting_id, large_print=large
            ),
            target,
            lambda r: f"Saved the sign-in sheet of {committee} ({plural(r.rows, 'name')}) to {r.path}",
        )

    def _save_as(self, title: str, default: str, filter_: str, suffix: str) -> Path | None:
        """The file the user chooses, or None when they cancel (then nothing at all is written)."""
        path, _filter = QFileDialog.getSaveFileName(self.window, title, str(self._folder() / default), filter_)
        return with_suffix(Path(path), suffix) if path else None

    # --- writing ---------------------------------------------------------------------------------------------

    def _run(
        self,
        heading: str,
        title: str,
        write: Callable[[Services], ExportResult],
        target: Path,
        describe: Callable[[ExportResult], str],
    ) -> None:
        services = self.window.services
        if services is None:
            return

        def done(result: ExportResult) -> None:
            app_settings().setValue(FOLDER_KEY, str(result.path.parent))
            self.window.statusBar().showMessage(describe(result), STATUS_MS)
            if result.warnings:
                QMessageBox.warning(
                    self.window,
                    "Saved, with warnings",
                    f"{result.path.name} was saved. Please check:\n\n" + "\n".join(f"• {w}" for w in result.warnings),
                )

        def failed(error: BaseException) -> None:
            QMessageBox.warning(self.window, heading, failure_message(error, target))

        self.job = run_job(self.window, title, lambda _progress, _cancelled: write(services), done, failed)

    # --- small things ----------------------------------------------------------------------------------------

    def _name_of(self, committee_id: int) -> str:
        assert self.window.services is not None
        return str(self.window.services.committees.get(committee_id).name)

    def _today(self) -> str:
        services = self.window.services
        return (services.ctx.today() if services is not None else date.today()).isoformat()

    def _folder(self) -> Path:
        """Where the last export went, else Documents, else home."""
        stored = app_settings().value(FOLDER_KEY)
        if stored and Path(str(stored)).is_dir():
            return Path(str(stored))
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def failure_message(error: BaseException, target: Path) -> str:
    """The plain sentence services and writers raise; anything else still names the file and a next step."""
    from equitydesk.formats.errors import ExportError, short_detail
    from equitydesk.services.errors import DomainError

    if isinstance(error, DomainError):
        return error.message
    if isinstance(error, ExportError):
        return str(error)
    log.error("Export to %s failed", target, exc_info=error)
    return f"Could not save “{target.name}”: {short_detail(error)}. Try again, or choose another folder."
