"""The roster import wizard: what it holds (file, sheet, mapping, plan) and the background jobs that fill it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from equitydesk.formats.errors import FileRefused, ReadCancelled, short_detail
from equitydesk.formats.roster_columns import ParsedRoster, RosterSheet
from equitydesk.formats.sheet_reader import read_workbook
from equitydesk.gui.dialogs.import_pages import FilePage, SheetPage
from equitydesk.gui.dialogs.import_wizard_columns import ColumnsPage
from equitydesk.gui.dialogs.import_wizard_preview import PreviewPage, ResultPage
from equitydesk.gui.jobs import Job, JobCancelled, run_job
from equitydesk.services.errors import DomainError

if TYPE_CHECKING:
    from equitydesk.services.registry import Services
    from equitydesk.services.roster_import import ImportPlan, ImportResult, UndoResult

log = logging.getLogger(__name__)

FILE, SHEET, COLUMNS, PREVIEW, RESULT = range(5)
PREVIEW_DELAY_MS = 250  # a burst of changes (typing a committee name) starts one preview, not one per key


class ImportWizard(QWizard):
    """File → sheet and heading row → columns → committee and preview → result. Nothing is written before Import."""

    sheet_loaded = Signal()  # a new file, sheet or heading row: the mapping was guessed afresh
    preview_ready = Signal()  # parsed (and plan, when a committee is named) match the current choices
    busy_changed = Signal(bool)
    read_failed = Signal(str)  # a plain sentence saying why the file or sheet could not be read
    roster_changed = Signal()  # an import or an undo wrote to the database

    def __init__(self, services: Services, parent: QWidget | None = None, *, committee: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("ImportWizard")
        self.setWindowTitle("Import a roster")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)  # the same look on every platform, and in screenshots
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)  # once written, Finish is the way out
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Import")
        self.resize(1000, 680)
        self.services = services
        self.path: Path | None = None
        self.sheet: RosterSheet | None = None
        self.sheet_note = ""  # why the heading row was not found, when the wizard had to guess it
        self.mapping: dict[int, str | None] = {}
        self.committee = committee
        self.parsed: ParsedRoster | None = None
        self.plan: ImportPlan | None = None
        self.result: ImportResult | None = None
        self.undo_result: UndoResult | None = None
        self.job: Job | None = None
        self.job_kind = ""
        self._generation = 0  # bumped by every new job: results of older ones are dropped
        self._parsed_key: tuple[Any, ...] | None = None
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._start_preview)
        self.file_page, self.sheet_page, self.columns_page = FilePage(self), SheetPage(self), ColumnsPage(self)
        self.preview_page, self.result_page = PreviewPage(self), ResultPage(self)
        for number, page in enumerate(
            (self.file_page, self.sheet_page, self.columns_page, self.preview_page, self.result_page)
        ):
            self.setPage(number, page)

    # --- state -----------------------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """A job runs, or a preview is about to start: pages wait before letting the user go on."""
        return (self.job is not None and self.job.running) or self._preview_timer.isActive()

    @property
    def reading(self) -> bool:
        return self.job is not None and self.job.running and self.job_kind == "read"

    def duplicates(self) -> dict[str, list[int]]:
        """Fields chosen for more than one column, with those columns' indexes."""
        seen: dict[str, list[int]] = {}
        for index, field in sorted(self.mapping.items()):
            if field is not None:
                seen.setdefault(field, []).append(index)
        return {field: columns for field, columns in seen.items() if len(columns) > 1}

    def set_mapping(self, index: int, field: str | None) -> None:
        if self.mapping.get(index) == field:
            return
        self.mapping[index] = field
        self.schedule_preview()

    def set_committee(self, name: str) -> None:
        if name.strip() == self.committee.strip():
            return
        self.committee = name
        self.schedule_preview()

    def set_header_row(self, row: int) -> None:
        """Take the headings from another row of the same sheet: nothing is read again."""
        if self.sheet is None or row == self.sheet.header_row:
            return
        try:
            self.sheet = self.sheet.with_header_row(row)
        except ValueError:
            return  # outside the rows read: the spin box's range keeps users out, so this is a stale signal
        self._sheet_changed()

    def _sheet_changed(self) -> None:
        assert self.sheet is not None
        self.mapping = self.sheet.guessed_mapping()
        self.parsed, self.plan = None, None
        self.sheet_loaded.emit()
        self.schedule_preview(0)

    # --- jobs ------------------------------------------------------------------------------------------------

    def _run(
        self,
        kind: str,
        title: str,
        work: Callable[[Any, Any], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        on_cancelled: Callable[[], None] | None = None,
    ) -> Job:
        if self.job is not None and self.job.running:
            self.job.cancel()  # superseded: whatever it finds would describe choices the user has left behind
        self._generation += 1
        generation = self._generation

        def current(callback: Callable[..., None]) -> Callable[..., None]:
            return lambda *args: callback(*args) if generation == self._generation else None

        job = run_job(
            self, title, work, current(on_success), current(on_failure), on_cancelled=current(on_cancelled or _nothing)
        )
        self.job, self.job_kind = job, kind
        job.finished.connect(lambda: self._job_finished(job))
        self.busy_changed.emit(True)
        return job

    def _job_finished(self, job: Job) -> None:
        if self.job is job:
            self.job, self.job_kind = None, ""
            self.busy_changed.emit(False)

    def stop_jobs(self) -> None:
        """Forget the running job's result (the wizard is closing); a commit in progress still completes."""
        self._generation += 1
        self._preview_timer.stop()
        if self.job is not None and self.job.running and self.job_kind != "commit":
            self.job.cancel()

    # --- reading the file ------------------------------------------------------------------------------------

    def read_file(self, path: Path, *, sheet: str | None = None, advance: bool = False) -> Job:
        """Read the file (or another sheet of it) in the background; on success the mapping is guessed afresh."""
        path = Path(path)

        def work(progress: Any, cancelled: Any) -> tuple[RosterSheet, str]:
            return open_roster(path, sheet, lambda p: progress(p, 100, f"Reading {path.name}…"), cancelled)

        def done(found: tuple[RosterSheet, str]) -> None:
            self.path, (self.sheet, self.sheet_note) = path, found
            self._parsed_key = None
            self._sheet_changed()
            if advance and self.currentId() == FILE:
                self.next()

        def failed(error: BaseException) -> None:
            if sheet is None:  # a new file: the one read before is no longer what the pages show
                self.path = self.sheet = self.parsed = self.plan = None
            self.read_failed.emit(_plain(error, path))

        def cancelled() -> None:
            if sheet is None:
                self.path = self.sheet = self.parsed = self.plan = None
            self.read_failed.emit(f"Reading {path.name} was stopped. Choose the file again to read it.")

        return self._run("read", f"Reading {path.name}", work, done, failed, cancelled)

    def choose_sheet(self, name: str) -> None:
        if self.path is not None and self.sheet is not None and name != self.sheet.sheet:
            self.read_file(self.path, sheet=name)

    # --- the preview -----------------------------------------------------------------------------------------

    def schedule_preview(self, delay: int = PREVIEW_DELAY_MS) -> None:
        self.plan = None
        self.busy_changed.emit(True)  # Next and Import wait for the preview that is on its way
        self._preview_timer.start(delay)

    def _start_preview(self) -> None:
        sheet = self.sheet
        if sheet is None:
            return
        if self.duplicates():
            self.preview_ready.emit()
            self.busy_changed.emit(self.busy)
            return
        mapping, committee = dict(self.mapping), self.committee.strip()
        key = (id(sheet), sheet.header_row, tuple(sorted(mapping.items())))
        reuse = self.parsed if self._parsed_key == key else None
        importer = self.services.roster_import

        def work(progress: Any, cancelled: Any) -> tuple[ParsedRoster, ImportPlan | None]:
            parsed = reuse
            if parsed is None:
                try:
                    parsed = sheet.map(
                        mapping, progress=lambda p: progress(p // 2, 100, "Reading the rows…"), should_cancel=cancelled
                    )
                except ReadCancelled:
                    raise JobCancelled from None
            if cancelled():
                raise JobCancelled
            names_missing = any(p.severity == "error" for p in parsed.problems)
            if not committee or names_missing:
                return parsed, None
            progress(50, 100, "Comparing with the roster…")
            return parsed, importer.plan(parsed.rows, committee=committee)

        def done(found: tuple[ParsedRoster, ImportPlan | None]) -> None:
            self.parsed, self.plan = found
            self._parsed_key = key
            self.preview_ready.emit()

        def failed(error: BaseException) -> None:
            log.error("Import preview failed", exc_info=error)
            self.parsed, self.plan = None, None
            self.preview_ready.emit()
            QMessageBox.warning(self, "Import preview", _plain(error, self.path))

        self._run("preview", "Preparing the preview", work, done, failed)

    # --- writing ---------------------------------------------------------------------------------------------

    def start_commit(self) -> None:
        """Write the import in the background; the wizard moves to the result page when it is done."""
        parsed, committee, path = self.parsed, self.committee.strip(), self.path
        if parsed is None or self.plan is None or path is None or self.busy:
            return
        importer = self.services.roster_import
        mapping = {c.header or f"Column {c.letter}": c.field for c in parsed.columns if c.field}

        def work(progress: Any, cancelled: Any) -> tuple[ImportResult, bool]:
            if cancelled():
                raise JobCancelled  # nothing has been written yet
            progress(0, 0, f"Importing {len(parsed.rows):,} rows into {committee}…")
            result = importer.commit(
                parsed.rows,
                committee=committee,
                file_name=path.name,
                sheet=parsed.sheet,
                header_row=parsed.header_row,
                mapping=mapping,
                rows_read=len(parsed.rows),
            )
            # Asked here, on the job thread: once the job is over its progress dialog's closing counts as a cancel.
            return result, cancelled()

        def done(outcome: tuple[ImportResult, bool]) -> None:
            self.result, late_cancel = outcome
            self.roster_changed.emit()
            self.next()
            if late_cancel:
                QMessageBox.information(
                    self,
                    "Import finished",
                    "The import had already been saved when you pressed Cancel. To take it back, press "
                    "“Undo this import”.",
                )

        def failed(error: BaseException) -> None:
            log.error("Import failed", exc_info=error)
            QMessageBox.warning(self, "Import not saved", f"{_plain(error, path)} Nothing was changed.")

        self._run("commit", "Importing the roster", work, done, failed)

    def start_undo(self, on_done: Callable[[], None], on_failed: Callable[[], None]) -> None:
        """Undo the import just written, in the background."""
        if self.result is None or self.result.batch_id is None:
            return
        batch_id, importer = self.result.batch_id, self.services.roster_import

        def done(result: UndoResult) -> None:
            self.undo_result = result
            self.roster_changed.emit()
            on_done()

        def failed(error: BaseException) -> None:
            QMessageBox.warning(self, "Undo this import", _plain(error, self.path))
            on_failed()

        self._run("undo", "Undoing the import", lambda _p, _c: importer.undo(batch_id), done, failed)

    # --- closing ---------------------------------------------------------------------------------------------

    @property
    def writing(self) -> bool:
        return self.busy and self.job_kind in ("commit", "undo")

    def done(self, result: int) -> None:
        """Cancel, Finish, Escape and the close box all end here; a write in progress finishes first."""
        if self.writing:
            return
        self.stop_jobs()
        super().done(result)


def open_roster(
    path: Path, sheet: str | None, progress: Callable[[int], None], cancelled: Callable[[], bool]
) -> tuple[RosterSheet, str]:
    """The sheet and its heading row as the reader finds them; when no heading row is recognised, the sheet read
    from its first row together with the reader's sentence, so that the user can point at the headings instead."""
    try:
        return RosterSheet.open(path, sheet=sheet, progress=progress, should_cancel=cancelled), ""
    except ReadCancelled:
        raise JobCancelled from None
    except FileRefused as refused:
        try:
            with read_workbook(path) as book:
                name = sheet or book.sheet_names[0]
                first = book.read(name, progress=progress, should_cancel=cancelled)
            if not len(first):
                raise refused from None
            found = RosterSheet.open(
                path, sheet=name, header_row=first.first_row, progress=progress, should_cancel=cancelled
            )
        except ReadCancelled:
            raise JobCancelled from None
        except FileRefused:
            raise refused from None
        return found, str(refused)


def _plain(error: BaseException, path: Path | None) -> str:
    """The sentence to show: the reader's and the services' own are already plain; anything else gets one."""
    if isinstance(error, FileRefused):
        return str(error)
    if isinstance(error, DomainError):
        return error.message
    name = path.name if path is not None else "the file"
    return f"Something went wrong with {name} ({type(error).__name__}: {short_detail(error)})."


def _nothing() -> None:
    pass


def import_roster(window: Any, path: Path | None = None) -> ImportWizard | None:
    """Open the wizard over the main window (with a dropped file already being read); None without a database."""
    services = getattr(window, "services", None)
    if services is None:
        QMessageBox.information(window, "Import roster", "Open a database first (File › Open…).")
        return None
    from equitydesk.gui.pages.roster_page import RosterPage

    roster = next((p for p in getattr(window, "pages", []) if isinstance(p, RosterPage)), None)
    committee = roster.committee_combo.currentText() if roster and roster.committee_combo.currentData() else ""
    wizard = ImportWizard(services, window, committee=committee)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.roster_changed.connect(lambda: roster_written(getattr(window, "workspace", None)))
    wizard.open()  # window-modal and non-blocking, like the other dialogs
    if path is not None:
        wizard.file_page.show_path(path)
        wizard.read_file(path, advance=True)
    return wizard


def roster_written(workspace: Any) -> None:
    """An import or undo changed the people and perhaps the committees: everyone showing them reads them again."""
    from equitydesk.gui.workspace import Change

    if workspace is not None:
        workspace.notify(Change.PEOPLE, Change.MEMBERSHIPS, Change.COMMITTEES)
