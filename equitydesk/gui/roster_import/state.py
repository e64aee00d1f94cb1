"""What the import wizard holds (file, sheet, mapping, committee, plan, result) and the background jobs that fill it.

The pages read this state and call its setters; none of them knows the wizard. Every job runs on the one job lane
through run_job; a newer job supersedes an older one, whose result is then dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from equitydesk.domain.wording import plural
from equitydesk.formats.errors import FileRefused, ReadCancelled, short_detail
from equitydesk.gui.jobs import Job, JobCancelled, run_job, user_message
from equitydesk.gui.workspace import Change
from equitydesk.services.errors import DomainError

if TYPE_CHECKING:
    from equitydesk.formats.roster_columns import ParsedRoster, RosterSheet
    from equitydesk.gui.workspace import Workspace
    from equitydesk.services.registry import Services
    from equitydesk.services.roster_import import ImportPlan, ImportResult, OpenedSheet, UndoResult

log = logging.getLogger(__name__)

PREVIEW_DELAY_MS = 250  # a burst of changes (typing a committee name) starts one preview, not one per key


class JobKind(Enum):
    READ = "read"  # the file, or another sheet of it
    PREVIEW = "preview"  # map the rows and plan them against the roster
    COMMIT = "commit"
    UNDO = "undo"


WRITES = frozenset({JobKind.COMMIT, JobKind.UNDO})


class ImportState(QObject):
    """One import on its way: each choice the user makes, what was read and planned from it, and what was written."""

    sheet_loaded = Signal()  # a new file, sheet or heading row: the mapping was guessed afresh
    preview_ready = Signal()  # parsed (and plan, when a committee is named) match the current choices
    busy_changed = Signal(bool)
    read_failed = Signal(str)  # a plain sentence saying why the file or sheet could not be read
    committed = Signal(bool)  # the import was written (result is set); True when Cancel came too late to stop it
    undone = Signal()  # the import just written was undone (undo_result is set)
    job_failed = Signal(object, str)  # JobKind, a plain sentence: a preview, commit or undo did not happen
    written = Signal()  # an import or an undo wrote to the database; the workspace has been told

    def __init__(self, workspace: Workspace, parent: QWidget, *, committee: str = "") -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._dialog_parent = parent  # progress dialogs open over it
        self.path: Path | None = None
        self.sheet: RosterSheet | None = None
        self.sheet_note = ""  # why the heading row was not found, when it had to be guessed
        self.mapping: dict[int, str | None] = {}
        self.committee = committee
        self.accept_role_changes = False  # the preview's "Apply the role and term changes listed"
        self.parsed: ParsedRoster | None = None
        self.plan: ImportPlan | None = None
        self.result: ImportResult | None = None
        self.undo_result: UndoResult | None = None
        self.job: Job | None = None
        self.job_kind: JobKind | None = None
        self._generation = 0  # bumped by every new job: results of older ones are dropped
        self._parsed_key: tuple[Any, ...] | None = None
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._start_preview)

    @property
    def services(self) -> Services:
        return self.workspace.services

    # --- what the pages ask ----------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """A job runs, or a preview is about to start: pages wait before letting the user go on."""
        return (self.job is not None and self.job.running) or self._preview_timer.isActive()

    def _running(self, kinds: frozenset[JobKind]) -> bool:
        return self.job is not None and self.job.running and self.job_kind in kinds

    @property
    def reading(self) -> bool:
        return self._running(frozenset({JobKind.READ}))

    @property
    def writing(self) -> bool:
        return self._running(WRITES)

    def duplicates(self) -> dict[str, list[int]]:
        """Fields chosen for more than one column, with those columns' indexes."""
        seen: dict[str, list[int]] = {}
        for index, field in sorted(self.mapping.items()):
            if field is not None:
                seen.setdefault(field, []).append(index)
        return {field: columns for field, columns in seen.items() if len(columns) > 1}

    @property
    def names_missing(self) -> bool:
        """No column holds names: the sheet cannot be imported until one does."""
        return self.parsed is not None and any(p.is_error for p in self.parsed.problems)

    # --- the user's choices ----------------------------------------------------------------------------------

    def set_mapping(self, index: int, field: str | None) -> None:
        if self.mapping.get(index) == field:
            return
        self.mapping[index] = field
        self.accept_role_changes = False  # a yes to the changes listed is not a yes to others
        self.schedule_preview()

    def set_committee(self, name: str) -> None:
        if name.strip() == self.committee.strip():
            return
        self.committee = name
        self.accept_role_changes = False  # ticked for one committee's officers, not for another's
        self.schedule_preview()

    def set_accept_role_changes(self, accept: bool) -> None:
        """Whether the import changes officers' roles and shortens terms as the file says (planned afresh)."""
        if accept == self.accept_role_changes:
            return
        self.accept_role_changes = accept
        self.schedule_preview(0)

    def set_header_row(self, row: int) -> None:
        """Take the headings from another row of the same sheet: nothing is read again."""
        if self.sheet is None or row == self.sheet.header_row:
            return
        try:
            self.sheet = self.sheet.with_header_row(row)
        except ValueError:
            return  # outside the rows read: the spin box's range keeps users out, so this is a stale signal
        self._sheet_changed()

    def choose_sheet(self, name: str) -> None:
        if self.path is not None and self.sheet is not None and name != self.sheet.sheet:
            self.read_file(self.path, sheet=name)

    def _sheet_changed(self) -> None:
        assert self.sheet is not None
        self.mapping = self.sheet.guessed_mapping()
        self.parsed, self.plan = None, None
        self.accept_role_changes = False
        self.sheet_loaded.emit()
        self.schedule_preview(0)

    # --- jobs ------------------------------------------------------------------------------------------------

    def _run(
        self,
        kind: JobKind,
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
            self._dialog_parent,
            title,
            work,
            current(on_success),
            current(on_failure),
            on_cancelled=current(on_cancelled or _nothing),
        )
        self.job, self.job_kind = job, kind
        job.finished.connect(lambda: self._job_finished(job))
        self.busy_changed.emit(True)
        return job

    def _job_finished(self, job: Job) -> None:
        if self.job is job:
            self.job, self.job_kind = None, None
            self.busy_changed.emit(False)

    def stop_jobs(self) -> None:
        """Forget the running job's result (the wizard is closing); a write in progress still completes."""
        self._generation += 1
        self._preview_timer.stop()
        if self.job is not None and self.job.running and self.job_kind is not JobKind.COMMIT:
            self.job.cancel()

    # --- reading the file ------------------------------------------------------------------------------------

    def read_file(self, path: Path, *, sheet: str | None = None) -> Job:
        """Read the file (or another sheet of it) in the background; on success the mapping is guessed afresh."""
        path = Path(path)
        importer = self.services.roster_import

        def work(progress: Any, cancelled: Any) -> OpenedSheet:
            try:
                return importer.open(
                    path, sheet=sheet, progress=lambda p: progress(p, 100, f"Reading {path.name}…"),
                    should_cancel=cancelled,
                )  # fmt: skip
            except ReadCancelled:
                raise JobCancelled from None

        def done(opened: OpenedSheet) -> None:
            self.path, self.sheet, self.sheet_note = path, opened.sheet, opened.note
            self._parsed_key = None
            self._sheet_changed()

        def forget() -> None:
            if sheet is None:  # a new file: the one read before is no longer what the pages show
                self.path = self.sheet = self.parsed = self.plan = None

        def failed(error: BaseException) -> None:
            forget()
            self.read_failed.emit(plain(error, path))

        def cancelled() -> None:
            forget()
            self.read_failed.emit(f"Reading {path.name} was stopped. Choose the file again to read it.")

        return self._run(JobKind.READ, f"Reading {path.name}", work, done, failed, cancelled)

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
        mapping, committee, accept = dict(self.mapping), self.committee.strip(), self.accept_role_changes
        key = (id(sheet), sheet.header_row, tuple(sorted(mapping.items())))
        reuse = self.parsed if self._parsed_key == key else None
        importer = self.services.roster_import

        def work(progress: Any, cancelled: Any) -> tuple[ParsedRoster, ImportPlan | None]:
            parsed = reuse
            if parsed is None:
                try:
                    parsed = importer.map(
                        sheet, mapping=mapping, progress=lambda p: progress(p // 2, 100, "Reading the rows…"),
                        should_cancel=cancelled,
                    )  # fmt: skip
                except ReadCancelled:
                    raise JobCancelled from None
            if cancelled():
                raise JobCancelled
            if not committee or any(p.is_error for p in parsed.problems):
                return parsed, None
            progress(50, 100, "Comparing with the roster…")
            return parsed, importer.plan(parsed.rows, committee=committee, accept_role_changes=accept)

        def done(found: tuple[ParsedRoster, ImportPlan | None]) -> None:
            self.parsed, self.plan = found
            self._parsed_key = key
            self.preview_ready.emit()

        def failed(error: BaseException) -> None:
            log.error("Import preview failed", exc_info=error)
            self.parsed, self.plan = None, None
            self.preview_ready.emit()
            self.job_failed.emit(JobKind.PREVIEW, plain(error, self.path))

        self._run(JobKind.PREVIEW, "Preparing the preview", work, done, failed)

    # --- writing ---------------------------------------------------------------------------------------------

    def start_commit(self) -> None:
        """Write the import in the background; `committed` says when it is done."""
        parsed, committee, path = self.parsed, self.committee.strip(), self.path
        if parsed is None or self.plan is None or path is None or self.busy:
            return
        accept = self.plan.accept_role_changes  # what the preview the user saw was planned with
        importer = self.services.roster_import
        mapping = importer.batch_mapping(parsed)

        def work(progress: Any, cancelled: Any) -> tuple[ImportResult, bool]:
            if cancelled():
                raise JobCancelled  # nothing has been written yet
            progress(0, 0, f"Importing {plural(len(parsed.rows), 'row')} into {committee}…")
            result = importer.commit(
                parsed.rows,
                committee=committee,
                file_name=path.name,
                sheet=parsed.sheet,
                header_row=parsed.header_row,
                mapping=mapping,
                rows_read=len(parsed.rows),
                accept_role_changes=accept,
            )
            # Asked here, on the job thread: once the job is over its progress dialog's closing counts as a cancel.
            return result, cancelled()

        def done(outcome: tuple[ImportResult, bool]) -> None:
            self.result, late_cancel = outcome
            kinds = [Change.PEOPLE, Change.MEMBERSHIPS] + ([Change.COMMITTEES] if self.result.committee_created else [])
            self._announce(kinds, self.result.committee_id)
            # The import is one step of its own, taken back whole by Roster › Undo an import…, not by Edit › Undo.
            self.workspace.history.clear("the import changed the roster; Roster › Undo an import… takes it back")
            self.committed.emit(late_cancel)

        def failed(error: BaseException) -> None:
            log.error("Import failed", exc_info=error)
            self.job_failed.emit(JobKind.COMMIT, _nothing_changed(user_message(error)))

        self._run(JobKind.COMMIT, "Importing the roster", work, done, failed)

    def start_undo(self) -> None:
        """Undo the import just written, in the background; `undone` or `job_failed` says how it went."""
        if self.result is None or self.result.batch_id is None:
            return
        batch_id, importer = self.result.batch_id, self.services.roster_import

        def done(result: UndoResult) -> None:
            self.undo_result = result
            self._announce([Change.PEOPLE, Change.MEMBERSHIPS], result.committee_id)
            self.workspace.history.clear("an import was undone, which changed the database under it")
            self.undone.emit()

        def failed(error: BaseException) -> None:
            self.job_failed.emit(JobKind.UNDO, _nothing_changed(user_message(error)))

        self._run(JobKind.UNDO, "Undoing the import", lambda _p, _c: importer.undo(batch_id), done, failed)

    def _announce(self, kinds: list[Change], committee_id: int | None) -> None:
        self.workspace.notify(*kinds, committee_ids=[committee_id] if committee_id is not None else [])
        self.written.emit()


def plain(error: BaseException, path: Path | None) -> str:
    """The sentence to show: the reader's and the services' own are already plain; anything else gets one."""
    if isinstance(error, FileRefused):
        return str(error)
    if isinstance(error, DomainError):
        return error.message
    name = path.name if path is not None else "the file"
    return f"Something went wrong with {name} ({type(error).__name__}: {short_detail(error)})."


def _nothing_changed(message: str) -> str:
    # A write that failed left nothing behind; the user should not have to wonder.
    return message if "nothing was changed" in message.lower() else f"{message} Nothing was changed."


def _nothing() -> None:
    pass
