"""The measurement import as the window and the command line call it: open, map, preview, commit, undo."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from equitydesk.db.bulk import insert_tuples, sql_date
from equitydesk.db.tables import ChangeLog, ImportBatch, Measurement
from equitydesk.domain.enums import ChangeAction
from equitydesk.formats.measurement_sheet import MeasurementSheet, ParsedMeasurements
from equitydesk.formats.sheet_reader import Progress, ShouldCancel
from equitydesk.services import changelog
from equitydesk.services.backups import backup_before
from equitydesk.services.context import ServiceContext
from equitydesk.services.errors import DomainError
from equitydesk.services.fields import to_json
from equitydesk.services.imports.batches import BatchSource, close_batch, open_batch
from equitydesk.services.imports.plan import Outcome
from equitydesk.services.imports.undo import Restorable, begin_undo, chunks, finish_undo, restore_updates
from equitydesk.services.measurement_import.planning import MeasurementImportPlan, plan_measurements, read_snapshot
from equitydesk.services.roadmap import MeasurementService
from equitydesk.services.roadmap_status import RoadmapStatusService, plan_of

# What a measurement batch's mapping always holds, and a roster's or a tracker's never does.
MARK = "value"
_COLUMNS = ("id", "indicator_id", "measured_on", "value", "source", "note", "series")


@dataclass(frozen=True)
class MeasurementImportResult:
    batch_id: int
    plan_id: int
    plan: MeasurementImportPlan


@dataclass(frozen=True)
class MeasurementUndoResult:
    batch_id: int
    removed: int  # measurements the import had added
    restored: int  # measurements whose earlier values were put back


class MeasurementImportService:
    """Each step is one call; nothing is written before commit(), and commit() writes everything or nothing."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.measurements = MeasurementService(ctx)
        self.status = RoadmapStatusService(ctx)

    def open(
        self, path: Path | str, *, sheet: str | None = None, progress: Progress | None = None,
        should_cancel: ShouldCancel | None = None,
    ) -> MeasurementSheet:  # fmt: skip
        """Read the file and find the heading row (under any title rows). Raises FileRefused in a sentence."""
        return MeasurementSheet.open(Path(path), sheet=sheet, progress=progress, should_cancel=should_cancel)

    def map(self, sheet: MeasurementSheet, *, mapping: Mapping[int, str | None] | None = None) -> ParsedMeasurements:
        return sheet.map(mapping)

    def plan(self, parsed: ParsedMeasurements, *, plan_id: int) -> MeasurementImportPlan:
        """The preview: what each row would do now. Nothing is written."""
        with self.ctx.sessions() as session:
            snapshot = read_snapshot(session, plan_id)
        return plan_measurements(parsed.rows, snapshot, file_name=parsed.file_name, sheet=parsed.sheet)

    def commit(
        self, parsed: ParsedMeasurements, *, plan_id: int, file_name: str | None = None
    ) -> MeasurementImportResult:
        """Plan again inside one write transaction (the database may have changed since the preview) and write it,
        then keep the plan's status history as a measurement added in the window does."""
        refused = next((p for p in parsed.problems if p.is_error), None)
        if refused is not None:  # a sheet without the columns has no row to write: refused before anything is
            raise DomainError(f"{file_name or parsed.file_name}: {refused.message}")
        source = BatchSource(file_name or parsed.file_name, parsed.sheet, parsed.header_row, parsed.batch_mapping(),
                             len(parsed.rows))  # fmt: skip
        backup_before(self.ctx, action="imported")
        with self.ctx.sessions.begin() as session:
            batch_id = open_batch(session, source, actor=self.ctx.actor)
            snapshot = read_snapshot(session, plan_id)
            plan = plan_measurements(parsed.rows, snapshot, file_name=source.file_name, sheet=parsed.sheet)
            close_batch(session, batch_id, plan, committee_id=snapshot.committee_id)
            self._insert_new(session, plan, batch_id=batch_id)
            for row in plan.rows:
                if row.action is Outcome.UPDATE and row.existing_id is not None:
                    self.measurements.update_in(
                        session, row.existing_id, self.measurements.clean(row.values, partial=True), batch_id=batch_id
                    )
            self.status.refresh_in(session, plan_id)
        return MeasurementImportResult(batch_id, plan_id, plan)

    def _insert_new(self, session: Session, plan: MeasurementImportPlan, *, batch_id: int) -> None:
        """The new measurements in one executemany, each logged as created by the batch (what undo removes).

        The planner has checked what the service's validate() would (the indicator is the plan's, a plain indicator
        gets no group), and the write lock is held, so explicit ids cannot be taken by anyone else meanwhile.
        """
        next_id = (session.scalar(select(func.max(Measurement.id))) or 0) + 1
        rows: list[tuple[Any, ...]] = []
        log: list[dict[str, Any]] = []
        for row in plan.rows:
            if row.action is not Outcome.NEW:
                continue
            values = self.measurements.clean(row.values, partial=False)
            rows.append((next_id, values["indicator_id"], sql_date(values["measured_on"]), values["value"],
                         values.get("source"), values.get("note"), values["series"].value))  # fmt: skip
            log.append({"actor": self.ctx.actor, "entity": "measurement", "entity_id": next_id,
                        "action": ChangeAction.CREATE, "subject_person_id": None, "batch_id": batch_id,
                        "changes": {k: [None, to_json(v)] for k, v in values.items() if v is not None}})  # fmt: skip
            next_id += 1
        insert_tuples(session, "measurement", _COLUMNS, rows)
        changelog.record_many(session, log)

    def is_measurement_batch(self, batch_id: int) -> bool:
        """Whether this import brought in measurements (its undo is this service's, not the roster's)."""
        with self.ctx.sessions() as session:
            made = session.scalar(
                select(ChangeLog.id).where(ChangeLog.batch_id == batch_id, ChangeLog.entity == "measurement").limit(1)
            )
            batch = session.get(ImportBatch, batch_id)
            mapping = dict(batch.mapping or {}) if batch is not None else {}
            return made is not None or (MARK in mapping.values() and "measured_on" in mapping.values())

    def undo(self, batch_id: int) -> MeasurementUndoResult:
        """Remove the measurements the import added and put back the values it changed, in one transaction; the
        statuses follow, and their change is kept in the history."""
        actor = self.ctx.actor
        with self.ctx.sessions.begin() as session:
            batch = begin_undo(session, batch_id)
            made = list(session.scalars(select(ChangeLog.entity_id).where(
                ChangeLog.batch_id == batch_id, ChangeLog.entity == "measurement",
                ChangeLog.action == ChangeAction.CREATE)))  # fmt: skip
            changed = set(session.scalars(select(ChangeLog.entity_id).where(
                ChangeLog.batch_id == batch_id, ChangeLog.entity == "measurement",
                ChangeLog.action == ChangeAction.UPDATE)))  # fmt: skip
            touched = [*made, *changed]
            indicators: set[int] = set()
            for part in chunks(touched):
                indicators.update(session.scalars(select(Measurement.indicator_id).where(Measurement.id.in_(part))))
            plans = {plan_of(session, "indicator", i) for i in indicators}
            for part in chunks(made):
                session.execute(delete(Measurement).where(Measurement.id.in_(part)))
            restored = restore_updates(session, batch_id, actor=actor, tables={"measurement": Restorable(Measurement)})
            kept = restored.get("measurement", set()) - set(made)
            finish_undo(session, batch, actor=actor, changes={"measurements_removed": (len(made), 0)})
            for plan_id in sorted(plans):
                self.status.refresh_in(session, plan_id)
        return MeasurementUndoResult(batch_id, len(made), len(kept))
