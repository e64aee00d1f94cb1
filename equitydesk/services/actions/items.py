"""Action items as a list: the columns, the ready views and free filters, sorting and counts, all in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, literal, select
from sqlalchemy.orm import aliased

from equitydesk.db.tables import ActionItem, Committee, Goal, Meeting, Strategy
from equitydesk.domain.enums import OPEN_ACTION_STATUSES, ActionStatus, Priority
from equitydesk.services.actions.owners import owner_filter, owner_sort_expr, owners_expr
from equitydesk.services.actions.views import VIEWS_BY_KEY, school_year_start
from equitydesk.services.crud import Column, EntityService, ListQuery, SqlExpr
from equitydesk.services.errors import DomainError
from equitydesk.services.records import ActionItemRecord

DUE_SOON_DAYS = 7
OVERDUE, DUE_TODAY, DUE_SOON = "Overdue", "Due today", "Due soon"
_goal_strategy = aliased(Strategy)
# Sorting by status follows the work (open → in progress → blocked → done → dropped), not the alphabet.
_STATUS_ORDER = {s: n for n, s in enumerate(ActionStatus)}
_PRIORITY_ORDER = {Priority.HIGH: 0, Priority.NORMAL: 1, Priority.LOW: 2}


def _is_open() -> ColumnElement[bool]:
    return ActionItem.status.in_(OPEN_ACTION_STATUSES)


class ActionListing(EntityService[ActionItem, ActionItemRecord]):
    """The list half of ActionItemService: what the page, the exports and the CLI read."""

    def columns(self) -> dict[str, Column]:
        today = self.ctx.today()
        strategy = func.coalesce(Strategy.id, _goal_strategy.id)
        strategy_name = case(
            (strategy.is_(None), None),
            else_=func.trim(
                func.coalesce(func.coalesce(Strategy.code, _goal_strategy.code), "")
                + " "
                + func.coalesce(Strategy.title, _goal_strategy.title)
            ),
        )
        meeting = case(
            (Meeting.id.is_(None), None),
            else_=func.strftime("%Y-%m-%d", Meeting.starts_at) + " " + Meeting.title,
        )
        return {
            "title": Column("Action", ActionItem.title),
            "due_state": Column("When", self.due_state(today)),
            "owner": Column("Owners", owners_expr(), sort=owner_sort_expr()),
            "due_on": Column("Due", ActionItem.due_on),
            "status": Column("Status", ActionItem.status),
            "priority": Column("Priority", ActionItem.priority),
            "committee": Column("Committee", Committee.name),
            "strategy": Column("Strategy or goal", strategy_name),
            "meeting": Column("From meeting", meeting),
            "completed_on": Column("Done on", ActionItem.completed_on),
            "status_reason": Column("Reason", ActionItem.status_reason),
        }

    @staticmethod
    def due_state(today: date) -> ColumnElement[Any]:
        """A word for how close an open item's due date is, so the list can be read without reading dates."""
        return case(
            (~_is_open() | ActionItem.due_on.is_(None), literal(None)),
            (ActionItem.due_on < today, literal(OVERDUE)),
            (ActionItem.due_on == today, literal(DUE_TODAY)),
            (ActionItem.due_on <= today + timedelta(days=DUE_SOON_DAYS), literal(DUE_SOON)),
            else_=literal(None),
        )

    def sort_exprs(self) -> dict[str, SqlExpr]:
        """Sort keys whose order is not the displayed value's own."""
        today = self.ctx.today()
        return {
            "status": case(_STATUS_ORDER, value=ActionItem.status),
            "priority": case(_PRIORITY_ORDER, value=ActionItem.priority),
            # Overdue first, then due today, due soon, the rest; by due date within each.
            "due_state": case(
                (~_is_open() | ActionItem.due_on.is_(None), 4),
                (ActionItem.due_on < today, 0),
                (ActionItem.due_on == today, 1),
                (ActionItem.due_on <= today + timedelta(days=DUE_SOON_DAYS), 2),
                else_=3,
            ),
            "meeting": Meeting.starts_at,
        }

    def base_select(self) -> Select[Any]:
        return (
            select(ActionItem.id)
            .join(Committee, Committee.id == ActionItem.committee_id)
            .outerjoin(Strategy, Strategy.id == ActionItem.strategy_id)
            .outerjoin(Goal, Goal.id == ActionItem.goal_id)
            .outerjoin(_goal_strategy, _goal_strategy.id == Goal.strategy_id)
            .outerjoin(Meeting, Meeting.id == ActionItem.meeting_id)
        )

    def search_exprs(self) -> Sequence[SqlExpr]:
        return [ActionItem.title, func.coalesce(ActionItem.details, ""), func.coalesce(owners_expr(), "")]

    def apply_filter(self, stmt: Select[Any], name: str, value: Any) -> Select[Any]:
        today = self.ctx.today()
        if name == "view":
            view = VIEWS_BY_KEY.get(str(value))
            if view is None:
                raise DomainError(f"There is no view called “{value}”; the views are: {', '.join(VIEWS_BY_KEY)}.")
            for key, wanted in view.filters.items():
                stmt = self.apply_filter(stmt, key, wanted)
            return stmt
        if name == "open":
            return stmt.where(_is_open() if value else ~_is_open())
        if name == "overdue":
            return stmt.where(_is_open(), ActionItem.due_on < today) if value else stmt
        if name == "due_within":
            return stmt.where(_is_open(), ActionItem.due_on.between(today, today + timedelta(days=int(value))))
        if name == "done_this_year":
            since = school_year_start(today)
            return stmt.where(ActionItem.status == ActionStatus.DONE, ActionItem.completed_on >= since)
        if name == "status":
            wanted = value if isinstance(value, list | tuple | set | frozenset) else [value]
            return stmt.where(ActionItem.status.in_([ActionStatus(v) for v in wanted]))
        if name == "owner":
            return stmt.where(owner_filter(value))
        if name == "due_from":
            return stmt.where(ActionItem.due_on >= value)
        if name == "due_to":
            return stmt.where(ActionItem.due_on <= value)
        if name == "priority":
            return stmt.where(ActionItem.priority == Priority(value))
        if name == "committee_id":
            return stmt.where(ActionItem.committee_id == int(value))
        if name == "committee":
            return stmt.where(func.lower(Committee.name) == str(value).strip().lower())
        if name == "strategy_id":
            return stmt.where((ActionItem.strategy_id == value) | (Goal.strategy_id == value))
        col = getattr(ActionItem, name, None)
        if col is None:
            raise DomainError(f"Unknown filter '{name}'.")
        return stmt.where(col == value)

    def list_ids(self, query: ListQuery = ListQuery()) -> list[int]:  # noqa: B008 - frozen
        """Every matching id in display order (the ready views' sorts included), sorted in SQL."""
        stmt = self._filtered(query)
        order: list[Any] = []
        if query.sort:
            expr = self.sort_exprs().get(query.sort)
            if expr is None and query.sort in (cols := self.columns()):
                column = cols[query.sort]
                expr = column.sort if column.sort is not None else column.expr
            if expr is not None:
                order.append(expr.desc().nulls_last() if query.descending else expr.asc().nulls_last())
        order += [ActionItem.due_on.asc().nulls_last(), ActionItem.id]
        with self.ctx.sessions() as session:
            return list(session.scalars(stmt.order_by(*order)))

    def status_counts(self, query: ListQuery = ListQuery()) -> dict[ActionStatus, int]:  # noqa: B008 - frozen
        """How many of the items this query lists have each status (every status is a key)."""
        stmt = self._filtered(query).with_only_columns(ActionItem.status, func.count())
        stmt = stmt.group_by(ActionItem.status)
        counts = dict.fromkeys(ActionStatus, 0)
        with self.ctx.sessions() as session:
            for status, n in session.execute(stmt):
                counts[ActionStatus(status)] = int(n)
        return counts

    def overdue_count(self, query: ListQuery = ListQuery()) -> int:  # noqa: B008 - frozen
        """How many of the items this query lists are overdue."""
        stmt = self._filtered(query).where(_is_open(), ActionItem.due_on < self.ctx.today())
        with self.ctx.sessions() as session:
            return int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)
