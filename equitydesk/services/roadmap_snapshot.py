"""One plan read whole into plain values, and its status computed node by node: what every status reader shares."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from equitydesk.db.tables import Goal, Indicator, IndicatorStep, Measurement, Milestone, Plan, StatusUpdate, Strategy
from equitydesk.domain.enums import ChangeAction, MeasurementSeries, RagStatus, StatusSource
from equitydesk.domain.roadmap_status import (
    IndicatorFacts,
    MilestoneFacts,
    NodeKey,
    Override,
    Point,
    Thresholds,
    Verdict,
    apply_override,
    indicator_status,
    milestone_status,
    roll_up,
)
from equitydesk.services import changelog
from equitydesk.services.errors import NotFound

# Subjects a status update can be about (plans and milestones are always computed, never stored).
STORED_KINDS = ("strategy", "goal", "indicator")


@dataclass(frozen=True, slots=True)
class NodeStatus:
    """One node of a plan with its status, the reason in words, and which child decided it (for roll-ups)."""

    kind: str
    id: int
    parent_kind: str | None
    parent_id: int | None
    depth: int
    code: str | None
    title: str
    status: RagStatus
    reason: str
    rule_status: RagStatus
    rule_reason: str
    overridden: bool
    decided_by_kind: str | None
    decided_by_id: int | None
    decided_by_title: str | None

    @property
    def key(self) -> NodeKey:
        return NodeKey(self.kind, self.id)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "code": self.code,
            "title": self.title,
            "status": self.status.value,
            "reason": self.reason,
            "rule_status": self.rule_status.value,
            "overridden": self.overridden,
            "parent": {"kind": self.parent_kind, "id": self.parent_id} if self.parent_kind else None,
            "decided_by": (
                {"kind": self.decided_by_kind, "id": self.decided_by_id, "title": self.decided_by_title}
                if self.decided_by_kind
                else None
            ),
        }


@dataclass(frozen=True, slots=True)
class PlanStatus:
    plan_id: int
    plan_name: str
    thresholds: Thresholds
    thresholds_text: str
    as_of: date
    nodes: tuple[NodeStatus, ...]

    @property
    def plan(self) -> NodeStatus:
        return self.nodes[0]

    def node(self, kind: str, node_id: int) -> NodeStatus:
        for n in self.nodes:
            if n.kind == kind and n.id == node_id:
                return n
        raise NotFound(f"This {kind} is not part of the plan “{self.plan_name}” (it may have been deleted).")

    def children(self, kind: str, node_id: int) -> tuple[NodeStatus, ...]:
        return tuple(n for n in self.nodes if n.parent_kind == kind and n.parent_id == node_id)


@dataclass
class Snapshot:
    """The plan's rows as plain values, and the facts the rules read; built inside one session."""

    plan: Plan
    strategies: list[Strategy]
    goals: dict[int, list[Goal]]
    indicators: dict[int, list[Indicator]]
    milestones_of_goal: dict[int, list[Milestone]]
    milestones_of_strategy: dict[int, list[Milestone]]
    facts: dict[int, IndicatorFacts]
    overrides: dict[NodeKey, Override]
    last_rule: dict[NodeKey, RagStatus]


def load(session: Session, plan_id: int) -> Snapshot:
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise NotFound("This plan no longer exists (it may have been deleted).", field="plan")
    strategies = list(
        session.scalars(select(Strategy).where(Strategy.plan_id == plan_id).order_by(Strategy.position, Strategy.id))
    )
    strategy_ids = [s.id for s in strategies]
    goals: dict[int, list[Goal]] = defaultdict(list)
    for g in session.scalars(select(Goal).where(Goal.strategy_id.in_(strategy_ids)).order_by(Goal.position, Goal.id)):
        goals[g.strategy_id].append(g)
    goal_ids = [g.id for gs in goals.values() for g in gs]
    indicators: dict[int, list[Indicator]] = defaultdict(list)
    for i in session.scalars(
        select(Indicator).where(Indicator.goal_id.in_(goal_ids)).order_by(Indicator.position, Indicator.id)
    ):
        indicators[i.goal_id].append(i)
    by_goal: dict[int, list[Milestone]] = defaultdict(list)
    by_strategy: dict[int, list[Milestone]] = defaultdict(list)
    for m in session.scalars(
        select(Milestone)
        .where(Milestone.strategy_id.in_(strategy_ids))
        .order_by(Milestone.position, Milestone.due_on.asc().nulls_last(), Milestone.id)
    ):
        (by_goal[m.goal_id] if m.goal_id is not None else by_strategy[m.strategy_id]).append(m)
    indicator_ids = [i.id for items in indicators.values() for i in items]
    points: dict[tuple[int, MeasurementSeries], list[Point]] = defaultdict(list)
    for ind_id, series, on, value in session.execute(
        select(Measurement.indicator_id, Measurement.series, Measurement.measured_on, Measurement.value).where(
            Measurement.indicator_id.in_(indicator_ids)
        )
    ):
        points[(ind_id, series)].append(Point(on, value))
    steps: dict[int, list[Point]] = defaultdict(list)
    for ind_id, on, value in session.execute(
        select(IndicatorStep.indicator_id, IndicatorStep.on, IndicatorStep.value).where(
            IndicatorStep.indicator_id.in_(indicator_ids)
        )
    ):
        steps[ind_id].append(Point(on, value))
    facts = {
        i.id: facts_of(i, steps[i.id], points[(i.id, MeasurementSeries.VALUE)],
                       points[(i.id, MeasurementSeries.GROUP)], points[(i.id, MeasurementSeries.COMPARISON)])
        for items in indicators.values()
        for i in items
    }  # fmt: skip
    overrides, last_rule = _stored_statuses(session, strategy_ids, goal_ids, indicator_ids)
    return Snapshot(plan, strategies, goals, indicators, by_goal, by_strategy, facts, overrides, last_rule)


def facts_of(
    i: Indicator, steps: list[Point], values: list[Point], group: list[Point], comparison: list[Point]
) -> IndicatorFacts:
    return IndicatorFacts(
        name=i.name,
        kind=i.kind,
        unit_kind=i.unit_kind,
        unit=i.unit,
        direction=i.direction,
        baseline=Point(i.baseline_on, i.baseline_value) if i.baseline_on and i.baseline_value is not None else None,
        target=Point(i.target_on, i.target_value) if i.target_on and i.target_value is not None else None,
        steps=tuple(sorted(steps, key=lambda p: p.on)),
        values=tuple(sorted(values, key=lambda p: p.on)),
        group=tuple(sorted(group, key=lambda p: p.on)),
        comparison=tuple(sorted(comparison, key=lambda p: p.on)),
        student_group=i.student_group,
        comparison_group=i.comparison_group,
    )


def _stored_statuses(
    session: Session, strategy_ids: list[int], goal_ids: list[int], indicator_ids: list[int]
) -> tuple[dict[NodeKey, Override], dict[NodeKey, RagStatus]]:
    """The override in force for each node (a person's latest entry, if it set one) and the last rule entry."""
    stmt = (
        select(StatusUpdate)
        .where(
            StatusUpdate.strategy_id.in_(strategy_ids)
            | StatusUpdate.goal_id.in_(goal_ids)
            | StatusUpdate.indicator_id.in_(indicator_ids)
        )
        .order_by(StatusUpdate.on, StatusUpdate.id)
    )
    overrides: dict[NodeKey, Override | None] = {}
    last_rule: dict[NodeKey, RagStatus] = {}
    for u in session.scalars(stmt):
        key = subject_of(u)
        if u.source is StatusSource.PERSON:
            overrides[key] = Override(u.status, u.reason or "", u.on, u.set_by) if u.is_override else None
        else:
            last_rule[key] = u.status
    return {k: v for k, v in overrides.items() if v is not None}, last_rule


def subject_of(u: StatusUpdate) -> NodeKey:
    if u.strategy_id is not None:
        return NodeKey("strategy", u.strategy_id)
    if u.goal_id is not None:
        return NodeKey("goal", u.goal_id)
    assert u.indicator_id is not None
    return NodeKey("indicator", u.indicator_id)


def thresholds_of(plan: Plan) -> Thresholds:
    return Thresholds(on_track=plan.on_track_threshold, at_risk=plan.at_risk_threshold)


def compute(snap: Snapshot, today: date) -> PlanStatus:
    """Every node's status, parents after their children are judged, listed in tree order (plan first)."""
    thresholds = thresholds_of(snap.plan)
    rows: list[NodeStatus] = []
    titles: dict[NodeKey, str] = {}

    def node(key: NodeKey, parent: NodeKey | None, depth: int, code: str | None, title: str, v: Verdict) -> None:
        titles[key] = title
        decider = v.decided_by
        rows.append(NodeStatus(
            kind=key.kind, id=key.id, parent_kind=parent.kind if parent else None,
            parent_id=parent.id if parent else None, depth=depth, code=code, title=title, status=v.status,
            reason=v.reason, rule_status=v.computed, rule_reason=v.computed_reason, overridden=v.overridden,
            decided_by_kind=decider.kind if decider else None, decided_by_id=decider.id if decider else None,
            decided_by_title=titles.get(decider) if decider else None,
        ))  # fmt: skip

    def milestone(m: Milestone, parent: NodeKey, depth: int) -> tuple[NodeKey, str, Verdict]:
        v = milestone_status(MilestoneFacts(m.title, m.due_on, m.done_on), today)
        key = NodeKey("milestone", m.id)
        node(key, parent, depth, None, m.title, v)
        return key, m.title, v

    plan_key = NodeKey("plan", snap.plan.id)
    node(plan_key, None, 0, None, snap.plan.name, Verdict(RagStatus.NO_DATA, ""))  # replaced below
    strategy_parts = []
    for s in snap.strategies:
        skey = NodeKey("strategy", s.id)
        at = len(rows)
        node(skey, plan_key, 1, s.code, s.title, Verdict(RagStatus.NO_DATA, ""))
        parts = []
        for g in snap.goals.get(s.id, []):
            gkey = NodeKey("goal", g.id)
            gat = len(rows)
            node(gkey, skey, 2, g.code, g.statement, Verdict(RagStatus.NO_DATA, ""))
            goal_parts = []
            for i in snap.indicators.get(g.id, []):
                ikey = NodeKey("indicator", i.id)
                v = apply_override(indicator_status(snap.facts[i.id], thresholds), snap.overrides.get(ikey))
                node(ikey, gkey, 3, i.code, i.name, v)
                goal_parts.append((ikey, i.name, v))
            goal_parts += [milestone(m, gkey, 3) for m in snap.milestones_of_goal.get(g.id, [])]
            gv = apply_override(roll_up(goal_parts, empty="No indicators or milestones yet."), snap.overrides.get(gkey))
            rows[gat] = _replace(rows[gat], gv, titles)
            parts.append((gkey, g.statement, gv))
        parts += [milestone(m, skey, 2) for m in snap.milestones_of_strategy.get(s.id, [])]
        sv = apply_override(roll_up(parts, empty="No goals or milestones yet."), snap.overrides.get(skey))
        rows[at] = _replace(rows[at], sv, titles)
        strategy_parts.append((skey, s.title, sv))
    rows[0] = _replace(rows[0], roll_up(strategy_parts, empty="No strategies yet."), titles)
    return PlanStatus(snap.plan.id, snap.plan.name, thresholds, thresholds.describe(), today, tuple(rows))


def _replace(row: NodeStatus, v: Verdict, titles: dict[NodeKey, str]) -> NodeStatus:
    decider = v.decided_by
    return NodeStatus(
        kind=row.kind, id=row.id, parent_kind=row.parent_kind, parent_id=row.parent_id, depth=row.depth,
        code=row.code, title=row.title, status=v.status, reason=v.reason, rule_status=v.computed,
        rule_reason=v.computed_reason, overridden=v.overridden, decided_by_kind=decider.kind if decider else None,
        decided_by_id=decider.id if decider else None, decided_by_title=titles.get(decider) if decider else None,
    )  # fmt: skip


def record_changes(session: Session, snap: Snapshot, status: PlanStatus, today: date, *, actor: str) -> int:
    """Append a rule entry for every stored node whose computed status changed; return how many were written."""
    written = 0
    for n in status.nodes:
        if n.kind not in STORED_KINDS:
            continue
        before = snap.last_rule.get(n.key, RagStatus.NO_DATA)
        if before == n.rule_status:
            continue
        add_logged(session, StatusUpdate(**{f"{n.kind}_id": n.id}, on=today, status=n.rule_status,
                                         reason=n.rule_reason, source=StatusSource.RULE, is_override=False),
                   actor=actor)  # fmt: skip
        written += 1
    return written


def add_logged(session: Session, update: StatusUpdate, *, actor: str) -> None:
    """Store a status update and log it in the change log, as every row the services create is."""
    session.add(update)
    session.flush()
    changelog.record(session, actor=actor, entity="status_update", entity_id=update.id, action=ChangeAction.CREATE,
                     changes={"status": (None, update.status.value), "reason": (None, update.reason)})  # fmt: skip
