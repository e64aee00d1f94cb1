"""Action items and their dated progress updates; a status change is always written as an update too."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from equitydesk.db.tables import ActionItem, ActionUpdate, Committee, Person, Strategy
from equitydesk.domain.enums import OPEN_ACTION_STATUSES, ActionStatus, Priority
from equitydesk.services.crud import Column, EntityService, SqlExpr
from equitydesk.services.errors import DomainError
from equitydesk.services.fields import Field
from equitydesk.services.records import ActionItemRecord, ActionUpdateRecord

_owner = aliased(Person)


class ActionItemService(EntityService[ActionItem, ActionItemRecord]):
    table = ActionItem
    record = ActionItemRecord
    entity = "action_item"
    noun = "action item"
    fields = {
        "committee_id": Field("Committee", kind="ref", required=True),
        "title": Field("Title", required=True, max_len=300),
        "details": Field("Details", kind="longtext", max_len=20000),
        "owner_person_id": Field("Owner", kind="ref"),
        "owner_text": Field("Owner (not on the roster)", max_len=200),
        "due_on": Field("Due", kind="date"),
        "status": Field("Status", kind="enum", enum=ActionStatus),
        "priority": Field("Priority", kind="enum", enum=Priority),
        "meeting_id": Field("Meeting", kind="ref"),
        "agenda_item_id": Field("Agenda item", kind="ref"),
        "strategy_id": Field("Strategy", kind="ref"),
        "goal_id": Field("Goal", kind="ref"),
        "completed_on": Field("Completed on", kind="date"),
    }

    def columns(self) -> dict[str, Column]:
        owner = func.coalesce(
            func.nullif(
                func.trim(func.coalesce(_owner.preferred_name, _owner.given_name) + " " + _owner.family_name), ""
            ),
            ActionItem.owner_text,
        )
        return {
            "title": Column("Action", ActionItem.title),
            "owner": Column("Owner", owner),
            "due_on": Column("Due", ActionItem.due_on),
            "status": Column("Status", ActionItem.status),
            "priority": Column("Priority", ActionItem.priority),
            "committee": Column("Committee", Committee.name),
            "strategy": Column("Strategy", func.trim(func.coalesce(Strategy.code, "") + " " + Strategy.title)),
        }

    def base_select(self) -> Select[Any]:
        return (
            select(ActionItem.id)
            .join(Committee, Committee.id == ActionItem.committee_id)
            .outerjoin(_owner, _owner.id == ActionItem.owner_person_id)
            .outerjoin(Strategy, Strategy.id == ActionItem.strategy_id)
        )

    def search_exprs(self) -> Sequence[SqlExpr]:
        return [
            ActionItem.title,
            func.coalesce(ActionItem.details, ""),
            func.coalesce(ActionItem.owner_text, ""),
            func.coalesce(_owner.given_name, ""),
            func.coalesce(_owner.family_name, ""),
        ]

    def apply_filter(self, stmt: Select[Any], name: str, value: Any) -> Select[Any]:
        if name == "open":
            cond = ActionItem.status.in_(OPEN_ACTION_STATUSES)
            return stmt.where(cond if value else ~cond)
        if name == "overdue" and value:
            return stmt.where(ActionItem.status.in_(OPEN_ACTION_STATUSES), ActionItem.due_on < self.ctx.today())
        return super().apply_filter(stmt, name, value)

    def prepare(self, session: Session, values: dict[str, Any], obj: ActionItem | None) -> None:
        new_status = values.get("status")
        if new_status == ActionStatus.DONE and not values.get("completed_on") and not (obj and obj.completed_on):
            values["completed_on"] = self.ctx.today()
        if new_status is not None and new_status != ActionStatus.DONE and "completed_on" not in values:
            values["completed_on"] = None
        if obj is not None and new_status is not None and new_status != obj.status:
            session.add(
                ActionUpdate(
                    action_item_id=obj.id,
                    on=self.ctx.today(),
                    status_from=obj.status,
                    status_to=new_status,
                    author=self.ctx.actor,
                )
            )

    def validate(self, session: Session, obj: ActionItem) -> None:
        # A new item given no status is open: the column default is only applied when the row is inserted.
        if obj.completed_on and (obj.status or ActionStatus.OPEN) != ActionStatus.DONE:
            raise DomainError("Only a done action item has a completion date.", field="completed_on")

    def updates(self, action_item_id: int) -> list[ActionUpdateRecord]:
        """An action item's progress notes and status changes, oldest first."""
        with self.ctx.sessions() as session:
            rows = session.scalars(
                select(ActionUpdate)
                .where(ActionUpdate.action_item_id == action_item_id)
                .order_by(ActionUpdate.on, ActionUpdate.id)
            )
            return [ActionUpdateRecord.of(row) for row in rows]


class ActionUpdateService(EntityService[ActionUpdate, ActionUpdateRecord]):
    table = ActionUpdate
    record = ActionUpdateRecord
    entity = "action_update"
    noun = "progress note"
    fields = {
        "action_item_id": Field("Action item", kind="ref", required=True),
        "on": Field("Date", kind="date", required=True),
        "note": Field("Note", kind="longtext", max_len=20000),
        "status_from": Field("Status before", kind="enum", enum=ActionStatus),
        "status_to": Field("Status after", kind="enum", enum=ActionStatus),
        "author": Field("Author", max_len=200),
    }

    def columns(self) -> dict[str, Column]:
        return {"on": Column("Date", ActionUpdate.on), "note": Column("Note", ActionUpdate.note)}

    def validate(self, session: Session, obj: ActionUpdate) -> None:
        if not obj.note and obj.status_to is None:
            raise DomainError("A progress note needs some text or a status change.", field="note")
