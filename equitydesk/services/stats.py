"""Counts of every kind of record, for `equitydesk stats` and the status bar."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from equitydesk.db import tables as t

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
