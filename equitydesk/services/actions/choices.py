"""What the action editor offers to choose from: members, strategies and goals, and the origin's wording."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from equitydesk.db.tables import AgendaItem, Goal, Meeting, Membership, Person, Plan, Strategy
from equitydesk.services.actions.owners import person_name
from equitydesk.services.context import ServiceContext

GOAL_WORDS = 12  # a goal's statement is a sentence or two: the chooser shows its first words


@dataclass(frozen=True, slots=True)
class Choice:
    id: int
    label: str


@dataclass(frozen=True, slots=True)
class LinkChoices:
    strategies: list[Choice]
    goals: list[Choice]


class ActionChoices:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def people(self, *, committee_id: int | None = None) -> list[Choice]:
        """Everyone not archived, by name (the committee's members first when one is given), with their e-mail."""
        name = person_name(Person)
        stmt = select(Person.id, name, Person.email).where(Person.archived.is_(False))
        with self.ctx.sessions() as session:
            members: set[int] = set()
            if committee_id is not None:
                members = set(
                    session.scalars(select(Membership.person_id).where(Membership.committee_id == committee_id))
                )
            rows = session.execute(stmt.order_by(Person.family_name, Person.given_name, Person.id)).all()
        found = [Choice(pid, f"{n} <{e}>" if e else str(n)) for pid, n, e in rows]
        return sorted(found, key=lambda c: c.id not in members) if members else found

    def links(self, *, committee_id: int | None = None) -> LinkChoices:
        """Strategies and goals of the plans (the committee's own plans first)."""
        with self.ctx.sessions() as session:
            plans = session.execute(select(Plan.id, Plan.committee_id).where(Plan.archived.is_(False))).all()
            order = {pid: (0 if cid == committee_id else 1) for pid, cid in plans}
            strategies = session.execute(
                select(Strategy.id, Strategy.plan_id, Strategy.code, Strategy.title).order_by(Strategy.position)
            ).all()
            goals = session.execute(
                select(Goal.id, Strategy.plan_id, Strategy.code, Goal.statement)
                .join(Strategy, Strategy.id == Goal.strategy_id)
                .order_by(Strategy.position, Goal.position)
            ).all()
        ranked = sorted(strategies, key=lambda s: order.get(s.plan_id, 2))
        goal_rows = sorted(goals, key=lambda g: order.get(g.plan_id, 2))
        return LinkChoices(
            [Choice(s.id, " ".join(p for p in (s.code, s.title) if p)) for s in ranked if s.plan_id in order],
            [Choice(g.id, f"{g.code + ': ' if g.code else ''}{_first_words(g.statement)}") for g in goal_rows
             if g.plan_id in order],
        )  # fmt: skip

    def origin(self, *, meeting_id: int | None, agenda_item_id: int | None) -> str:
        """ "Regular meeting, Oct 14, 2025 — item: Budget review", or "" when the item came from no meeting."""
        if meeting_id is None and agenda_item_id is None:
            return ""
        with self.ctx.sessions() as session:
            meeting = session.get(Meeting, meeting_id) if meeting_id is not None else None
            item = session.get(AgendaItem, agenda_item_id) if agenda_item_id is not None else None
            parts = []
            if meeting is not None:
                parts.append(
                    f"{meeting.title}, {meeting.starts_at:%b} {meeting.starts_at.day}, {meeting.starts_at.year}"
                )
            if item is not None:
                parts.append(f"agenda item: {item.title}")
        return " — ".join(parts)


def _first_words(text: str) -> str:
    words = text.split()
    return " ".join(words[:GOAL_WORDS]) + ("…" if len(words) > GOAL_WORDS else "")
