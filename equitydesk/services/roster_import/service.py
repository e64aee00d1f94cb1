"""The roster import as the window and the command line call it: open, map, preview, commit, undo, list."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from equitydesk.formats.errors import FileRefused
from equitydesk.formats.roster_columns import ParsedRoster, RosterSheet
from equitydesk.formats.sheet_reader import Progress, ShouldCancel
from equitydesk.services.backups import backup_before
from equitydesk.services.context import ServiceContext
from equitydesk.services.errors import DomainError
from equitydesk.services.imports.batches import BatchRecord, BatchSource, close_batch, list_batches, open_batch
from equitydesk.services.imports.plan import ImportRow
from equitydesk.services.imports.summary import ImportSummary
from equitydesk.services.roster_import.planning import ImportPlan, plan_roster
from equitydesk.services.roster_import.reading import OpenedSheet, batch_mapping, open_sheet
from equitydesk.services.roster_import.snapshot import read_snapshot
from equitydesk.services.roster_import.undo import UndoResult, undo_roster_batch
from equitydesk.services.roster_import.writing import create_committee, write_plan


@dataclass(frozen=True)
class ImportResult:
    batch_id: int | None
    committee_id: int | None
    committee_created: bool
    plan: ImportPlan

    @property
    def summary(self) -> ImportSummary:
        return self.plan.summary()


class RosterImportService:
    """Each step is one call; nothing is written before commit(), and commit() writes everything or nothing."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- reading ---------------------------------------------------------------------------------------------

    def open(
        self,
        path: Path | str,
        *,
        sheet: str | None = None,
        progress: Progress | None = None,
        should_cancel: ShouldCancel | None = None,
    ) -> OpenedSheet:
        """Read the file (the given sheet, else the one most like a roster) and find its heading row.

        When no heading row is recognised the sheet is still returned, headed by its first row, with the reader's
        sentence as its note: a person can then point at the headings; a script should refuse the file.
        Raises FileRefused (one plain sentence) or ReadCancelled (should_cancel said so).
        """
        return open_sheet(Path(path), sheet=sheet, progress=progress, should_cancel=should_cancel)

    def map(
        self,
        sheet: RosterSheet,
        *,
        mapping: Mapping[int, str | None] | None = None,
        progress: Progress | None = None,
        should_cancel: ShouldCancel | None = None,
    ) -> ParsedRoster:
        """The sheet's rows under this column mapping (index → field; None: the guessed one), without reading the
        file again: call it whenever the mapping or the heading row changes."""
        return sheet.map(mapping, progress=progress, should_cancel=should_cancel)

    @staticmethod
    def batch_mapping(parsed: ParsedRoster) -> dict[str, str]:
        """The mapping as the import batch records it: heading (or "Column X") → field, mapped columns only."""
        return batch_mapping(parsed)

    def read_file(self, path: Path | str, *, sheet: str | None = None) -> ParsedRoster:
        """Open and map in one go, for scripts: a sheet whose heading row is not recognised is refused."""
        opened = self.open(path, sheet=sheet)
        if not opened.headings_found:
            raise FileRefused(opened.note)
        return self.map(opened.sheet)

    # --- planning and writing --------------------------------------------------------------------------------

    def plan(self, rows: Iterable[ImportRow], *, committee: str, accept_role_changes: bool = False) -> ImportPlan:
        """The preview: what each row would do now. Nothing is written.

        accept_role_changes: a change of an officer's role (chair, co-chair, secretary) or a term made shorter is
        written too; by default the current role and term are kept, and the row says so.
        """
        name = _committee_name(committee)
        with self.ctx.sessions() as session:
            snapshot = read_snapshot(session, name)
        with _collector_paused():
            return plan_roster(rows, snapshot, committee_name=name, accept_role_changes=accept_role_changes)

    def commit(
        self,
        rows: Iterable[ImportRow],
        *,
        committee: str,
        file_name: str,
        sheet: str | None = None,
        header_row: int | None = None,
        mapping: Mapping[str, str] | None = None,
        rows_read: int | None = None,
        accept_role_changes: bool = False,
    ) -> ImportResult:
        """Plan again inside one write transaction (the database may have changed since the preview) and write.

        accept_role_changes as for plan(): pass what the preview was made with.
        """
        name = _committee_name(committee)
        row_list = list(rows)
        source = BatchSource(
            file_name, sheet, header_row, dict(mapping or {}), rows_read if rows_read is not None else len(row_list)
        )
        actor = self.ctx.actor
        backup_before(self.ctx, action="imported")
        with self.ctx.sessions.begin() as session, _collector_paused():
            batch_id = open_batch(session, source, actor=actor)  # the write lock is held from here to the commit
            snapshot = read_snapshot(session, name)
            plan = plan_roster(row_list, snapshot, committee_name=name, accept_role_changes=accept_role_changes)
            committee_id = snapshot.committee_id
            if committee_id is None:
                committee_id = create_committee(session, name, actor=actor)
            close_batch(session, batch_id, plan, committee_id=committee_id)
            write_plan(session, plan, committee_id=committee_id, batch_id=batch_id, actor=actor)
        return ImportResult(batch_id, committee_id, snapshot.committee_id is None, plan)

    # --- undoing ---------------------------------------------------------------------------------------------

    def undo(self, batch_id: int) -> UndoResult:
        """Remove what the import created and put back what it changed, in one transaction."""
        from equitydesk.services.action_import import ActionImportService  # late: it builds on this package

        actions = ActionImportService(self.ctx)
        if actions.is_action_batch(batch_id):  # a tracker of action items, listed with the roster imports
            actions.undo(batch_id)
            return UndoResult(0, 0, 0, 0, None)
        from equitydesk.services.measurement_import import MeasurementImportService  # late, as above

        measurements = MeasurementImportService(self.ctx)
        if measurements.is_measurement_batch(batch_id):  # indicator values, listed with the roster imports too
            measurements.undo(batch_id)
            return UndoResult(0, 0, 0, 0, None)
        with self.ctx.sessions.begin() as session:
            return undo_roster_batch(session, batch_id, actor=self.ctx.actor)

    def batches(self, *, limit: int = 50) -> list[BatchRecord]:
        """The latest imports, newest first."""
        with self.ctx.sessions() as session:
            return list_batches(session, limit=limit)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A plan of 100,000 rows, their warnings and the tuples written are hundreds of thousands of objects, none of
    them garbage: the collector's full passes over all the program holds, set off again and again while they are
    made, would find nothing (the sheet reader pauses it for the same reason)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _committee_name(committee: str) -> str:
    name = committee.strip()
    if not name:
        raise DomainError("Choose the committee these people belong to.", field="committee")
    return name
