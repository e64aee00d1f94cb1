"""Counts of every kind of record, for `equitydesk stats` and the status bar."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, ScalarSelect, func, select
from sqlalchemy.orm import Session

from equitydesk.db import tables as t
from equitydesk.db.base import Base
from equitydesk.domain.enums import OPEN_ACTION_STATUSES
from equitydesk.services.context import ServiceContext

COUNTED = {
    "people": t.Person,
    "committees": t.Committee,
    "memberships": t.Membership,
    "meetings": t.Meeting,
    "agenda_items": t.AgendaItem,
    "attendance": t.Attendance,
    "decisions": t.Decision,
    "action_items": t.ActionItem,
    "action_updates": t.ActionUpdate,
    "plans": t.Plan,
    "strategies": t.Strategy,
    "goals": t.Goal,
    "indicators": t.Indicator,
    "measurements": t.Measurement,
    "milestones": t.Milestone,
}


def counts(session: Session) -> dict[str, int]:
    return {name: int(session.scalar(select(func.count()).select_from(table)) or 0) for name, table in COUNTED.items()}


def is_empty(session: Session) -> bool:
    return all(v == 0 for v in counts(session).values())


@dataclass(frozen=True)
class WindowCounts:
    """What the window's status bar says: people and committees not archived, meetings, open action items."""

    people: int
    committees: int
    meetings: int
    open_actions: int


class StatsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def counts(self) -> dict[str, int]:
        with self.ctx.sessions() as session:
            return counts(session)

    def window_counts(self) -> WindowCounts:
        """One query for the four figures, so that the status bar costs one round trip after each write."""

        def count(table: type[Base], *where: ColumnElement[bool]) -> ScalarSelect[int]:
            return select(func.count()).select_from(table).where(*where).scalar_subquery()

        stmt = select(
            count(t.Person, t.Person.archived.is_(False)),
            count(t.Committee, t.Committee.archived.is_(False)),
            count(t.Meeting),
            count(t.ActionItem, t.ActionItem.status.in_(OPEN_ACTION_STATUSES)),
        )
        with self.ctx.sessions() as session:
            people, committees, meetings, actions = session.execute(stmt).one()
        return WindowCounts(int(people), int(committees), int(meetings), int(actions))
