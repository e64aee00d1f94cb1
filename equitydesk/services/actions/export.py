"""Action exports: the items a filter lists (and their progress log) to .xlsx, or a report PDF by owner or strategy."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from equitydesk.db.tables import ActionUpdate, Committee
from equitydesk.domain.enums import ActionStatus
from equitydesk.formats.action_rows import ActionExportRow, ActionLogRow
from equitydesk.services.actions.owners import read_owners
from equitydesk.services.actions.service import ActionItemService
from equitydesk.services.context import ServiceContext
from equitydesk.services.crud import ListQuery
from equitydesk.services.errors import DomainError, NotFound
from equitydesk.services.roster_export import ExportResult

CHUNK = 500
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(day: date | None) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}" if day else "none"


def change_text(update: ActionUpdate) -> str:
    """ "Open → Done; due Nov 30, 2025 → Dec 5, 2025": what an update changed, in the list's words."""
    parts = []
    if update.status_to is not None:
        before = ActionStatus(update.status_from).label if update.status_from else "New"
        parts.append(f"{before} → {ActionStatus(update.status_to).label}")
    if update.due_from is not None or update.due_to is not None:
        parts.append(f"due {short_date(update.due_from)} → {short_date(update.due_to)}")
    return "; ".join(parts)


class ActionExportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.items = ActionItemService(ctx)

    def rows(self, *, filters: dict[str, Any] | None = None) -> list[ActionExportRow]:
        """The items these list filters select, by due date, as the exports print them."""
        ids = self.items.list_ids(ListQuery(filters=dict(filters or {}), sort="due_on"))
        records = self.items.get_many(ids)
        rows: list[ActionExportRow] = []
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            shown = self.items.fetch_rows(chunk)
            with self.ctx.sessions() as session:
                owners = read_owners(session, chunk)
            for item_id in chunk:
                record, row = records.get(item_id), shown.get(item_id)
                if record is None or row is None:
                    continue
                rows.append(
                    ActionExportRow(
                        id=item_id, title=record.title, details=record.details,
                        owners=tuple(o.name for o in owners.get(item_id, [])), due_on=record.due_on,
                        status=record.status.label, open=record.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS,
                                                                            ActionStatus.BLOCKED),
                        status_reason=record.status_reason, priority=record.priority.label,
                        committee=row["committee"], strategy=row["strategy"], meeting=row["meeting"],
                        completed_on=record.completed_on, due_state=row["due_state"],
                    )
                )  # fmt: skip
        return rows

    def log(self, rows: Sequence[ActionExportRow]) -> list[ActionLogRow]:
        titles = {r.id: r.title for r in rows}
        found: list[ActionLogRow] = []
        ids = list(titles)
        with self.ctx.sessions() as session:
            for start in range(0, len(ids), CHUNK):
                stmt = (
                    select(ActionUpdate)
                    .where(ActionUpdate.action_item_id.in_(ids[start : start + CHUNK]))
                    .order_by(ActionUpdate.action_item_id, ActionUpdate.on, ActionUpdate.id)
                )
                for u in session.scalars(stmt):
                    found.append(ActionLogRow(u.action_item_id, titles[u.action_item_id], u.on, change_text(u),
                                              u.note, u.author))  # fmt: skip
        order = {item_id: n for n, item_id in enumerate(ids)}
        return sorted(found, key=lambda r: order[r.action_id])

    def export_xlsx(
        self, *, target: Path, committee_id: int | None = None, status: str | None = None, owner: str | None = None
    ) -> ExportResult:
        from equitydesk.formats.action_xlsx import write_actions_xlsx

        filters: dict[str, Any] = {"committee_id": committee_id, "status": status, "owner": owner}
        rows = self.rows(filters={k: v for k, v in filters.items() if v})
        scope = self._committee_name(committee_id) if committee_id is not None else "every committee"
        if status:
            scope += f", {ActionStatus(status).label.lower()} items"
        if owner:
            scope += f", owned by {owner}"
        warnings = write_actions_xlsx(target, rows, self.log(rows), scope=scope)
        return ExportResult(target, len(rows), warnings)

    def report_pdf(self, *, target: Path, committee_id: int, group_by: str = "owner") -> ExportResult:
        """Open items and those done this school year, grouped; overdue first in each group."""
        from equitydesk.formats.pdf.action_report import GROUPINGS, write_action_report

        if group_by not in GROUPINGS:
            raise DomainError("Group the report by owner or by strategy.", field="group_by")
        name = self._committee_name(committee_id)
        rows = self.rows(filters={"committee_id": committee_id, "view": "open"})
        rows += self.rows(filters={"committee_id": committee_id, "view": "done_year"})
        warnings = write_action_report(
            target, rows, committee_name=name, generated_on=self.ctx.today(), group_by=group_by
        )
        return ExportResult(target, len(rows), warnings)

    def _committee_name(self, committee_id: int) -> str:
        with self.ctx.sessions() as session:
            committee = session.get(Committee, committee_id)
            if committee is None:
                raise NotFound("This committee no longer exists (it may have been deleted).", field="committee")
            return committee.name
