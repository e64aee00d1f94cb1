"""Editing a plan's tree: strategies, goals, indicators, milestones, measurements, annual steps; each a transaction.

Every write also keeps the plan's status history: a change in any computed status is written in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from equitydesk.db.tables import Goal, Indicator, IndicatorStep, Measurement, Milestone, Plan, Strategy
from equitydesk.domain.enums import ChangeAction, IndicatorKind
from equitydesk.services import changelog
from equitydesk.services.context import ServiceContext
from equitydesk.services.crud import Edited, EntityService
from equitydesk.services.errors import DomainError
from equitydesk.services.fields import Field
from equitydesk.services.records import IndicatorStepRecord, MeasurementRecord, Record
from equitydesk.services.roadmap import (
    GoalService,
    IndicatorService,
    MeasurementService,
    MilestoneService,
    PlanService,
    StrategyService,
)
from equitydesk.services.roadmap_rows import RemovedRows, put_back, rows_touched
from equitydesk.services.roadmap_snapshot import PlanStatus
from equitydesk.services.roadmap_status import RoadmapStatusService, plan_of


def letter_code(index: int) -> str:
    """A, B, … Z, AA, AB …: the codes strategies get in order."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


class RoadmapTreeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.status = RoadmapStatusService(ctx)
        self._services: dict[str, EntityService[Any, Any]] = {
            "plan": PlanService(ctx),
            "strategy": StrategyService(ctx),
            "goal": GoalService(ctx),
            "indicator": IndicatorService(ctx),
            "milestone": MilestoneService(ctx),
        }
        self._measurements = MeasurementService(ctx)

    # --- nodes -------------------------------------------------------------------------------------------------

    def add_strategy(self, *, plan_id: int, title: str, **values: Any) -> Record:
        with self.ctx.sessions.begin() as session:
            siblings = self._siblings(session, "strategy", plan_id)
            values.setdefault("code", letter_code(len(siblings)))
            return self._add(session, "strategy", plan_id, plan_id=plan_id, title=title,
                             position=len(siblings) + 1, **values)  # fmt: skip

    def add_goal(self, *, strategy_id: int, statement: str, **values: Any) -> Record:
        with self.ctx.sessions.begin() as session:
            strategy = self._get(session, Strategy, strategy_id, "strategy")
            siblings = self._siblings(session, "goal", strategy_id)
            values.setdefault(
                "code", f"{strategy.code}.{len(siblings) + 1}" if strategy.code else str(len(siblings) + 1)
            )
            return self._add(session, "goal", strategy.plan_id, strategy_id=strategy_id, statement=statement,
                             position=len(siblings) + 1, **values)  # fmt: skip

    def add_indicator(self, *, goal_id: int, name: str, **values: Any) -> Record:
        with self.ctx.sessions.begin() as session:
            goal = self._get(session, Goal, goal_id, "goal")
            siblings = self._siblings(session, "indicator", goal_id)
            values.setdefault("code", f"{goal.code or ''}.{len(siblings) + 1}".lstrip("."))
            if values.get("student_group") and values.get("comparison_group"):
                values.setdefault("kind", IndicatorKind.GAP)
            plan_id = plan_of(session, "goal", goal_id)
            return self._add(session, "indicator", plan_id, goal_id=goal_id, name=name, position=len(siblings) + 1,
                             **values)  # fmt: skip

    def add_milestone(self, *, strategy_id: int, title: str, goal_id: int | None = None, **values: Any) -> Record:
        with self.ctx.sessions.begin() as session:
            strategy = self._get(session, Strategy, strategy_id, "strategy")
            if goal_id is not None and self._get(session, Goal, goal_id, "goal").strategy_id != strategy_id:
                raise DomainError("That goal belongs to another strategy.", field="goal_id")
            siblings = self._siblings(session, "milestone", strategy_id)
            return self._add(session, "milestone", strategy.plan_id, strategy_id=strategy_id, goal_id=goal_id,
                             title=title, position=len(siblings) + 1, **values)  # fmt: skip

    def edit(self, *, node_kind: str, node_id: int, **values: Any) -> Record:
        """Change fields of a plan, strategy, goal, indicator or milestone; statuses are recomputed.

        The node's kind is `node_kind`, not `kind`, which is a field of indicators (value or gap).
        """
        kind = node_kind
        service = self._service(kind)
        cleaned = service.clean(values, partial=True)
        with self.ctx.sessions.begin() as session:
            plan_id = plan_of(session, kind, node_id)
            record: Record = service.update_in(session, node_id, cleaned)
            self.status.refresh_in(session, plan_id)
            return record

    def edit_returning(self, *, node_kind: str, node_id: int, **values: Any) -> Edited[Record]:
        """edit(), also giving the changed fields before and after: `edit_returning(**before)` undoes it."""
        service = self._service(node_kind)
        cleaned = service.clean(values, partial=True)
        with self.ctx.sessions.begin() as session:
            plan_id = plan_of(session, node_kind, node_id)
            obj = self._get(session, service.table, node_id, node_kind)
            before = {name: getattr(obj, name) for name in cleaned}
            record: Record = service.update_in(session, node_id, cleaned)
            after = {name: getattr(obj, name) for name in cleaned}
            self.status.refresh_in(session, plan_id)
        changed = [name for name in cleaned if before[name] != after[name]]
        return Edited(record, {n: before[n] for n in changed}, {n: after[n] for n in changed})

    def remove_returning(self, *, node_kind: str, node_id: int) -> RemovedRows:
        """remove() (or remove_measurement()), giving back every row it deleted or changed, for `restore`."""
        with self.ctx.sessions.begin() as session:
            if node_kind == "measurement":
                obj = self._get(session, Measurement, node_id, "measurement")
                plan_id = plan_of(session, "indicator", obj.indicator_id)
                rows = rows_touched(session, "measurement", node_id)
                session.delete(obj)
                session.flush()
            else:
                plan_id = plan_of(session, node_kind, node_id)
                rows = rows_touched(session, self._service(node_kind).table.__tablename__, node_id)
                self._remove_in(session, node_kind, node_id)
            self.status.refresh_in(session, plan_id)
        return RemovedRows(node_kind, node_id, plan_id, rows)

    def remove_plan_returning(self, *, plan_id: int) -> RemovedRows:
        """Delete a whole plan (undoing its creation), giving back every row it took with it, for `restore`."""
        with self.ctx.sessions.begin() as session:
            plan = self._get(session, Plan, plan_id, "plan")
            rows = rows_touched(session, "plan", plan_id)
            session.delete(plan)
            session.flush()
            changelog.record(session, actor=self.ctx.actor, entity="plan", entity_id=plan_id,
                             action=ChangeAction.DELETE, changes={"name": (plan.name, None)})  # fmt: skip
        return RemovedRows("plan", plan_id, plan_id, rows)

    def restore(self, *, removed: RemovedRows) -> RemovedRows:
        """Put a removed node back with everything under it, under the same ids; statuses are recomputed."""
        with self.ctx.sessions.begin() as session:
            put_back(session, removed.rows)
            session.flush()
            changelog.record(session, actor=self.ctx.actor, entity=removed.kind, entity_id=removed.node_id,
                             action=ChangeAction.CREATE, changes={"restored": (None, "undo")})  # fmt: skip
            self.status.refresh_in(session, removed.plan_id)
        return removed

    def remove(self, *, node_kind: str, node_id: int) -> None:
        """Delete a strategy, goal, indicator or milestone with everything under it."""
        with self.ctx.sessions.begin() as session:
            plan_id = plan_of(session, node_kind, node_id) if node_kind != "plan" else 0
            self._remove_in(session, node_kind, node_id)
            self.status.refresh_in(session, plan_id)

    def _remove_in(self, session: Session, kind: str, node_id: int) -> None:
        if kind == "plan":
            raise DomainError("Delete a plan from the plan list, not from its tree.")
        service = self._service(kind)
        obj = session.get(service.table, node_id)
        if obj is None:
            raise DomainError(f"This {kind} no longer exists (it may have been deleted).")
        snapshot = {name: (getattr(obj, name), None) for name in service.fields if getattr(obj, name) is not None}
        session.delete(obj)
        session.flush()
        changelog.record(session, actor=self.ctx.actor, entity=service.entity, entity_id=node_id,
                         action=ChangeAction.DELETE, changes=snapshot)  # fmt: skip

    def move(self, *, node_kind: str, node_id: int, offset: int) -> int:
        """Move a node up (offset −1) or down (+1) among its siblings; positions are renumbered 1, 2, …

        Gives back the offset it really moved by (0 at the top or bottom): moving by its negative undoes it.
        """
        kind = node_kind
        model = _MODELS.get(kind)
        if model is None:
            raise DomainError(f"A {kind} cannot be moved.")
        with self.ctx.sessions.begin() as session:
            obj = self._get(session, model, node_id, kind)
            parent_id = getattr(obj, _PARENT[kind])
            siblings = self._siblings(session, kind, parent_id)
            index = [s.id for s in siblings].index(node_id)
            target = max(0, min(len(siblings) - 1, index + offset))
            siblings.insert(target, siblings.pop(index))
            for position, sibling in enumerate(siblings, start=1):
                sibling.position = position
            return target - index

    # --- measurements and steps --------------------------------------------------------------------------------

    def measurements(self, *, indicator_id: int) -> tuple[MeasurementRecord, ...]:
        with self.ctx.sessions() as session:
            rows = session.scalars(
                select(Measurement)
                .where(Measurement.indicator_id == indicator_id)
                .order_by(Measurement.measured_on, Measurement.series)
            )
            return tuple(MeasurementRecord.of(r) for r in rows)

    def add_measurement(self, *, indicator_id: int, measured_on: date | str, value: float | str,
                        **values: Any) -> MeasurementRecord:  # fmt: skip
        cleaned = self._measurements.clean(
            {"indicator_id": indicator_id, "measured_on": measured_on, "value": value, **values}, partial=False
        )
        with self.ctx.sessions.begin() as session:
            plan_id = plan_of(session, "indicator", indicator_id)
            record = self._measurements.create_in(session, cleaned)
            self.status.refresh_in(session, plan_id)
            return record

    def edit_measurement(self, *, measurement_id: int, **values: Any) -> MeasurementRecord:
        cleaned = self._measurements.clean(values, partial=True)
        with self.ctx.sessions.begin() as session:
            indicator_id = self._get(session, Measurement, measurement_id, "measurement").indicator_id
            record = self._measurements.update_in(session, measurement_id, cleaned)
            self.status.refresh_in(session, plan_of(session, "indicator", indicator_id))
            return record

    def edit_measurement_returning(self, *, measurement_id: int, **values: Any) -> Edited[MeasurementRecord]:
        """edit_measurement(), also giving the changed fields before and after (what undo and redo give back)."""
        cleaned = self._measurements.clean(values, partial=True)
        with self.ctx.sessions.begin() as session:
            obj = self._get(session, Measurement, measurement_id, "measurement")
            before = {name: getattr(obj, name) for name in cleaned}
            record = self._measurements.update_in(session, measurement_id, cleaned)
            after = {name: getattr(obj, name) for name in cleaned}
            self.status.refresh_in(session, plan_of(session, "indicator", obj.indicator_id))
        changed = [name for name in cleaned if before[name] != after[name]]
        return Edited(record, {n: before[n] for n in changed}, {n: after[n] for n in changed})

    def remove_measurement(self, *, measurement_id: int) -> None:
        with self.ctx.sessions.begin() as session:
            obj = self._get(session, Measurement, measurement_id, "measurement")
            plan_id = plan_of(session, "indicator", obj.indicator_id)
            session.delete(obj)
            session.flush()
            self.status.refresh_in(session, plan_id)

    def steps(self, *, indicator_id: int) -> tuple[IndicatorStepRecord, ...]:
        with self.ctx.sessions() as session:
            rows = session.scalars(
                select(IndicatorStep).where(IndicatorStep.indicator_id == indicator_id).order_by(IndicatorStep.on)
            )
            return tuple(IndicatorStepRecord.of(r) for r in rows)

    def set_steps(
        self, *, indicator_id: int, steps: Sequence[tuple[date | str, float | str]]
    ) -> tuple[IndicatorStepRecord, ...]:
        """Replace an indicator's annual steps (an empty list goes back to the straight line)."""
        steps = [(_STEP_DATE.clean("steps", d), _STEP_VALUE.clean("steps", v)) for d, v in steps]
        days = [day for day, _v in steps]
        if len(set(days)) != len(days):
            raise DomainError("Two annual steps have the same date; keep one value per date.", field="steps")
        with self.ctx.sessions.begin() as session:
            plan_id = plan_of(session, "indicator", indicator_id)
            session.execute(delete(IndicatorStep).where(IndicatorStep.indicator_id == indicator_id))
            session.add_all(IndicatorStep(indicator_id=indicator_id, on=d, value=float(v)) for d, v in steps)
            session.flush()
            self.status.refresh_in(session, plan_id)
        return self.steps(indicator_id=indicator_id)

    def set_steps_returning(
        self, *, indicator_id: int, steps: Sequence[tuple[date | str, float | str]]
    ) -> tuple[tuple[date, float], ...]:
        """set_steps(), giving back the steps before as (date, value) pairs: setting those undoes it."""
        before = tuple((s.on, s.value) for s in self.steps(indicator_id=indicator_id))
        self.set_steps(indicator_id=indicator_id, steps=steps)
        return before

    def set_thresholds(self, *, plan_id: int, on_track: float, at_risk: float) -> PlanStatus:
        """The plan's status thresholds as shares of expected progress (0.9 and 0.7 unless changed)."""
        self.edit(node_kind="plan", node_id=plan_id, on_track_threshold=on_track, at_risk_threshold=at_risk)
        return self.status.plan_status(plan_id=plan_id)

    # --- helpers -----------------------------------------------------------------------------------------------

    def _service(self, kind: str) -> EntityService[Any, Any]:
        service = self._services.get(kind)
        if service is None:
            raise DomainError(f"A plan has strategies, goals, indicators and milestones, not a {kind}.")
        return service

    def _add(self, session: Session, kind: str, in_plan: int, /, **values: Any) -> Record:
        service = self._service(kind)
        record: Record = service.create_in(session, service.clean(values, partial=False))
        self.status.refresh_in(session, in_plan)
        return record

    @staticmethod
    def _get(session: Session, model: Any, node_id: int, noun: str) -> Any:
        obj = session.get(model, node_id)
        if obj is None:
            raise DomainError(f"This {noun} no longer exists (it may have been deleted).")
        return obj

    @staticmethod
    def _siblings(session: Session, kind: str, parent_id: int) -> list[Any]:
        model = _MODELS[kind]
        column = getattr(model, _PARENT[kind])
        return list(session.scalars(select(model).where(column == parent_id).order_by(model.position, model.id)))


_STEP_DATE = Field("Annual step date", kind="date", required=True)
_STEP_VALUE = Field("Annual step value", kind="float", required=True)
_MODELS: dict[str, Any] = {"strategy": Strategy, "goal": Goal, "indicator": Indicator, "milestone": Milestone}
_PARENT = {"strategy": "plan_id", "goal": "strategy_id", "indicator": "goal_id", "milestone": "strategy_id"}
