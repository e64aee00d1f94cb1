"""Status of a plan for anyone who shows it (roadmap page, packet, home page, CLI): statuses, overrides, history."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from equitydesk.db.tables import Goal, Indicator, Milestone, Plan, StatusUpdate, Strategy
from equitydesk.domain.enums import ChangeAction, RagStatus, StatusSource
from equitydesk.domain.roadmap_status import IndicatorFacts, check_override_reason
from equitydesk.services import changelog
from equitydesk.services import roadmap_snapshot as snapshot
from equitydesk.services.context import ServiceContext
from equitydesk.services.crud import row_of
from equitydesk.services.errors import DomainError, NotFound
from equitydesk.services.records import StatusUpdateRecord
from equitydesk.services.roadmap_snapshot import NodeStatus, PlanStatus

_SUBJECT_TABLES: dict[str, Any] = {"strategy": Strategy, "goal": Goal, "indicator": Indicator}


@dataclass(frozen=True, slots=True)
class StatusSummary:
    """Strategies by status across the plans asked about: the home page's roadmap figure in one call."""

    plans: int
    strategies: int
    by_status: tuple[tuple[RagStatus, int], ...]

    def count(self, status: RagStatus) -> int:
        return dict(self.by_status).get(status, 0)

    def as_json(self) -> dict[str, Any]:
        return {
            "plans": self.plans,
            "strategies": self.strategies,
            "by_status": {s.value: n for s, n in self.by_status},
        }


@dataclass(frozen=True, slots=True)
class IndicatorView:
    """What a chart and a report need of one indicator: its facts, its status, and its plan's name."""

    indicator_id: int
    plan_id: int
    facts: IndicatorFacts
    status: NodeStatus


@dataclass(frozen=True, slots=True)
class IndicatorChart:
    indicator_id: int
    svg: str
    description: str


class RoadmapStatusService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- reading -----------------------------------------------------------------------------------------------

    def plan_status(self, *, plan_id: int) -> PlanStatus:
        """Every node of the plan in tree order, the plan first, each with its status, reason and deciding child."""
        with self.ctx.sessions() as session:
            return snapshot.compute(snapshot.load(session, plan_id), self.ctx.today())

    def summary(self, *, plan_id: int | None = None, committee_id: int | None = None) -> StatusSummary:
        """Counts of strategies by status in one plan, in a committee's plans, or in every plan not archived."""
        stmt = select(Plan.id).where(Plan.archived.is_(False))
        if plan_id is not None:
            stmt = select(Plan.id).where(Plan.id == plan_id)
        if committee_id is not None:
            stmt = stmt.where(Plan.committee_id == committee_id)
        with self.ctx.sessions() as session:
            plan_ids = list(session.scalars(stmt.order_by(Plan.id)))
            counts = strategies_by_status(session, plan_ids, self.ctx.today())
        order = sorted(counts.items(), key=lambda c: list(RagStatus).index(c[0]))
        return StatusSummary(len(plan_ids), sum(counts.values()), tuple(order))

    def indicator(self, *, indicator_id: int) -> IndicatorView:
        with self.ctx.sessions() as session:
            plan_id = self._plan_of(session, "indicator", indicator_id)
            snap = snapshot.load(session, plan_id)
            status = snapshot.compute(snap, self.ctx.today())
        return IndicatorView(indicator_id, plan_id, snap.facts[indicator_id], status.node("indicator", indicator_id))

    def chart(self, *, indicator_id: int) -> IndicatorChart:
        """The indicator's chart as SVG for the window, with the sentence that describes it."""
        from equitydesk.formats.charts.indicator_chart import describe, drawing_svg, indicator_drawing

        view = self.indicator(indicator_id=indicator_id)
        return IndicatorChart(indicator_id, drawing_svg(indicator_drawing(view.facts)), describe(view.facts))

    def history(self, *, kind: str, node_id: int) -> tuple[StatusUpdateRecord, ...]:
        """Every status change of a strategy, goal or indicator, newest first: the rules' and people's."""
        column = self._subject_column(kind)
        with self.ctx.sessions() as session:
            rows = session.scalars(
                select(StatusUpdate).where(column == node_id).order_by(StatusUpdate.on.desc(), StatusUpdate.id.desc())
            )
            return tuple(StatusUpdateRecord.of(r) for r in rows)

    # --- writing -----------------------------------------------------------------------------------------------

    def override(self, *, kind: str, node_id: int, status: RagStatus | str, reason: str | None) -> NodeStatus:
        """Set a node's status by hand; the reason is required and kept in the history with who set it."""
        try:
            text = check_override_reason(reason)
            chosen = RagStatus(status)
        except ValueError as exc:
            raise DomainError(str(exc) if "Say why" in str(exc) else "Choose a status.", field="reason") from exc
        column = self._subject_column(kind)
        with self.ctx.sessions.begin() as session:
            plan_id = self._plan_of(session, kind, node_id)
            snapshot.add_logged(session, StatusUpdate(**{column.key: node_id}, on=self.ctx.today(), status=chosen,
                                reason=text, is_override=True, source=StatusSource.PERSON, set_by=self.ctx.actor),
                                actor=self.ctx.actor)  # fmt: skip
            return self.refresh_in(session, plan_id).node(kind, node_id)

    def clear_override(self, *, kind: str, node_id: int, reason: str | None = None) -> NodeStatus:
        """Go back to the computed status; the removal is kept in the history too."""
        column = self._subject_column(kind)
        with self.ctx.sessions.begin() as session:
            plan_id = self._plan_of(session, kind, node_id)
            current = snapshot.compute(snapshot.load(session, plan_id), self.ctx.today()).node(kind, node_id)
            if not current.overridden:
                raise DomainError("This status is not set by hand; there is nothing to clear.")
            text = " ".join((reason or "").split()) or "Back to the status computed from the data."
            snapshot.add_logged(session, StatusUpdate(**{column.key: node_id}, on=self.ctx.today(),
                                status=current.rule_status, reason=text, is_override=False,
                                source=StatusSource.PERSON, set_by=self.ctx.actor), actor=self.ctx.actor)  # fmt: skip
            return self.refresh_in(session, plan_id).node(kind, node_id)

    # Undoing a hand-set status (or its clearing) takes its history row back out rather than writing a counter
    # entry: the history then says what is in force, and the change log keeps that both happened.

    def override_returning(
        self, *, kind: str, node_id: int, status: RagStatus | str, reason: str | None
    ) -> tuple[NodeStatus, int]:
        """override(), also giving the id of the history row it wrote (what `take_back` removes)."""
        node = self.override(kind=kind, node_id=node_id, status=status, reason=reason)
        return node, self._latest_person_entry(kind, node_id)

    def clear_override_returning(self, *, kind: str, node_id: int, reason: str | None = None) -> tuple[NodeStatus, int]:
        """clear_override(), also giving the id of the history row it wrote (what `take_back` removes)."""
        node = self.clear_override(kind=kind, node_id=node_id, reason=reason)
        return node, self._latest_person_entry(kind, node_id)

    def take_back(self, *, update_id: int) -> dict[str, Any]:
        """Remove one status history row (to undo the override or clearing that wrote it); gives the row back."""
        with self.ctx.sessions.begin() as session:
            update = session.get(StatusUpdate, update_id)
            if update is None:
                raise DomainError("This status entry no longer exists; there is nothing to undo.")
            row = row_of(update)
            kind = next(k for k in _SUBJECT_TABLES if getattr(update, f"{k}_id") is not None)
            plan_id = self._plan_of(session, kind, getattr(update, f"{kind}_id"))
            session.delete(update)
            session.flush()
            changelog.record(session, actor=self.ctx.actor, entity="status_update", entity_id=update_id,
                             action=ChangeAction.DELETE, changes={"status": (update.status.value, None)})  # fmt: skip
            self.refresh_in(session, plan_id)
            return row

    def put_back(self, *, row: dict[str, Any]) -> tuple[NodeStatus, int]:
        """Put a taken-back status history row back under its id (to redo); gives the node's status and the id."""
        with self.ctx.sessions.begin() as session:
            update = StatusUpdate(**row)
            kind = next(k for k in _SUBJECT_TABLES if getattr(update, f"{k}_id") is not None)
            node_id = getattr(update, f"{kind}_id")
            plan_id = self._plan_of(session, kind, node_id)
            snapshot.add_logged(session, update, actor=self.ctx.actor)
            return self.refresh_in(session, plan_id).node(kind, node_id), update.id

    def _latest_person_entry(self, kind: str, node_id: int) -> int:
        column = self._subject_column(kind)
        with self.ctx.sessions() as session:
            found = session.scalar(
                select(StatusUpdate.id)
                .where(column == node_id, StatusUpdate.source == StatusSource.PERSON)
                .order_by(StatusUpdate.id.desc())
                .limit(1)
            )
        assert found is not None
        return int(found)

    def refresh_in(self, session: Session, plan_id: int) -> PlanStatus:
        """Inside a writer's transaction: compute the plan and keep each changed computed status in the history."""
        snap = snapshot.load(session, plan_id)
        status = snapshot.compute(snap, self.ctx.today())
        snapshot.record_changes(session, snap, status, self.ctx.today(), actor=self.ctx.actor)
        return status

    # --- helpers -----------------------------------------------------------------------------------------------

    @staticmethod
    def _subject_column(kind: str) -> Any:
        if kind not in _SUBJECT_TABLES:
            raise DomainError(f"A status is kept for strategies, goals and indicators, not for a {kind}.")
        return getattr(StatusUpdate, f"{kind}_id")

    @staticmethod
    def _plan_of(session: Session, kind: str, node_id: int) -> int:
        return plan_of(session, kind, node_id)


def strategies_by_status(session: Session, plan_ids: list[int], today: date) -> Counter[RagStatus]:
    """The strategies of these plans counted by the status the rules (and overrides) give them today.

    Everyone who shows a roadmap figure counts through here, so the home page, the packet and the Roadmap page agree.
    """
    counts: Counter[RagStatus] = Counter()
    for pid in plan_ids:
        status = snapshot.compute(snapshot.load(session, pid), today)
        counts.update(n.status for n in status.nodes if n.kind == "strategy")
    return counts


def plan_of(session: Session, kind: str, node_id: int) -> int:
    """The plan a node belongs to; NotFound when the node is gone."""
    if kind == "plan":
        stmt = select(Plan.id).where(Plan.id == node_id)
    elif kind == "strategy":
        stmt = select(Strategy.plan_id).where(Strategy.id == node_id)
    elif kind == "goal":
        stmt = select(Strategy.plan_id).join(Goal, Goal.strategy_id == Strategy.id).where(Goal.id == node_id)
    elif kind == "indicator":
        stmt = (
            select(Strategy.plan_id)
            .join(Goal, Goal.strategy_id == Strategy.id)
            .join(Indicator, Indicator.goal_id == Goal.id)
            .where(Indicator.id == node_id)
        )
    elif kind == "milestone":
        stmt = (
            select(Strategy.plan_id)
            .join(Milestone, Milestone.strategy_id == Strategy.id)
            .where(Milestone.id == node_id)
        )
    else:
        raise DomainError(f"A plan has strategies, goals, indicators and milestones, not a {kind}.")
    plan_id = session.scalar(stmt)
    if plan_id is None:
        raise NotFound(f"This {kind} no longer exists (it may have been deleted).")
    return int(plan_id)
