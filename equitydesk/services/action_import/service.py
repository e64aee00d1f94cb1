"""The action-item import as the window and the command line call it: open, map, preview, commit, undo."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, func, select

from equitydesk.db.tables import ActionItem, ActionUpdate, ImportBatch
from equitydesk.formats.action_sheet import ActionSheet, ParsedTracker
from equitydesk.formats.sheet_reader import Progress, ShouldCancel
from equitydesk.services.action_import.planning import ActionImportPlan, plan_actions, read_snapshot
from equitydesk.services.actions.owners import clean_owners, write_owners
from equitydesk.services.actions.service import ActionItemService
from equitydesk.services.backups import backup_before
from equitydesk.services.context import ServiceContext
from equitydesk.services.errors import DomainError
from equitydesk.services.imports.batches import BatchSource, close_batch, open_batch
from equitydesk.services.imports.plan import Outcome
from equitydesk.services.imports.undo import Restorable, begin_undo, finish_undo, restore_updates
from equitydesk.services.roster_import.writing import create_committee


@dataclass(frozen=True)
class ActionImportResult:
    batch_id: int | None
    committee_id: int | None
    committee_created: bool
    plan: ActionImportPlan


@dataclass(frozen=True)
class ActionUndoResult:
    items_removed: int
    items_restored: int


class ActionImportService:
    """Each step is one call; nothing is written before commit(), and commit() writes everything or nothing."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.items = ActionItemService(ctx)

    def open(
        self, path: Path | str, *, sheet: str | None = None, progress: Progress | None = None,
        should_cancel: ShouldCancel | None = None,
    ) -> ActionSheet:  # fmt: skip
        """Read the file and find the heading row (under any title rows). Raises FileRefused in a sentence."""
        return ActionSheet.open(Path(path), sheet=sheet, progress=progress, should_cancel=should_cancel)

    def map(self, sheet: ActionSheet, *, mapping: Mapping[int, str | None] | None = None) -> ParsedTracker:
        return sheet.map(mapping, today=self.ctx.today())

    def plan(self, parsed: ParsedTracker, *, committee: str) -> ActionImportPlan:
        """The preview: what each row would do now. Nothing is written."""
        name = _committee_name(committee)
        with self.ctx.sessions() as session:
            snapshot = read_snapshot(session, name)
        return plan_actions(parsed.rows, snapshot, committee_name=name, today=self.ctx.today())

    def commit(self, parsed: ParsedTracker, *, committee: str, file_name: str | None = None) -> ActionImportResult:
        """Plan again inside one write transaction (the database may have changed since the preview) and write."""
        name = _committee_name(committee)
        source = BatchSource(file_name or parsed.file_name, parsed.sheet, parsed.header_row, parsed.batch_mapping(),
                             len(parsed.rows))  # fmt: skip
        actor, today = self.ctx.actor, self.ctx.today()
        backup_before(self.ctx, action="imported")
        with self.ctx.sessions.begin() as session:
            batch_id = open_batch(session, source, actor=actor)
            snapshot = read_snapshot(session, name)
            plan = plan_actions(parsed.rows, snapshot, committee_name=name, today=today)
            committee_id = snapshot.committee_id
            if committee_id is None:
                committee_id = create_committee(session, name, actor=actor)
            close_batch(session, batch_id, plan, committee_id=committee_id)
            for row in plan.rows:
                item: ActionItem | None
                if row.action is Outcome.NEW:
                    values = {**self.items.clean(row.values, partial=True), "committee_id": committee_id}
                    item = self.items._create(session, values, batch_id=batch_id)
                    item.import_batch_id = batch_id
                    write_owners(session, item, clean_owners(session, row.owners))
                elif row.action is Outcome.UPDATE and row.existing_id is not None:
                    self.items.update_in(session, row.existing_id, self.items.clean(row.values, partial=True),
                                         batch_id=batch_id)  # fmt: skip
                    item = session.get(ActionItem, row.existing_id)
                else:
                    continue
                if row.note and item is not None:
                    session.add(ActionUpdate(action_item_id=item.id, on=today, note=row.note, author=actor))
            session.flush()
        return ActionImportResult(batch_id, committee_id, snapshot.committee_id is None, plan)

    def is_action_batch(self, batch_id: int) -> bool:
        """Whether this import brought in action items (its undo is this service's, not the roster's)."""
        with self.ctx.sessions() as session:
            made = session.scalar(select(func.count()).where(ActionItem.import_batch_id == batch_id)) or 0
            batch = session.get(ImportBatch, batch_id)
            return bool(made) or bool(batch and batch.mapping and "title" in batch.mapping.values())

    def undo(self, batch_id: int) -> ActionUndoResult:
        """Remove the items the import created and put back what it changed, in one transaction."""
        actor = self.ctx.actor
        with self.ctx.sessions.begin() as session:
            batch = begin_undo(session, batch_id)
            made = list(session.scalars(select(ActionItem.id).where(ActionItem.import_batch_id == batch_id)))
            if made:
                session.execute(delete(ActionItem).where(ActionItem.id.in_(made)))
            restored = restore_updates(session, batch_id, actor=actor, tables={"action_item": Restorable(ActionItem)})
            kept = restored.get("action_item", set()) - set(made)
            finish_undo(session, batch, actor=actor, changes={"action_items_removed": (len(made), 0)})
        return ActionUndoResult(len(made), len(kept))


def _committee_name(committee: str) -> str:
    name = committee.strip()
    if not name:
        raise DomainError("Choose the committee these action items belong to.", field="committee")
    return name
