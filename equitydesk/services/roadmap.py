"""Roadmap tracking: plans, strategies, goals, indicators with their measurements, milestones and status history."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from equitydesk.db.tables import Goal, Indicator, Measurement, Milestone, Plan, StatusUpdate, Strategy
from equitydesk.domain.enums import (
    Direction,
    GoalType,
    IndicatorKind,
    MeasurementSeries,
    PlanKind,
    RagStatus,
    StatusSource,
    UnitKind,
)
from equitydesk.services.crud import Column, EntityService, SqlExpr
from equitydesk.services.errors import DomainError, NotFound
from equitydesk.services.fields import Field
from equitydesk.services.records import (
    GoalRecord,
    IndicatorRecord,
    MeasurementRecord,
    MilestoneRecord,
    PlanRecord,
    StatusUpdateRecord,
    StrategyRecord,
)


class PlanService(EntityService[Plan, PlanRecord]):
    table = Plan
    record = PlanRecord
    entity = "plan"
    noun = "plan"
    has_archive = True
    fields = {
        "name": Field("Plan name", required=True, max_len=300),
        "kind": Field("Kind of plan", kind="enum", enum=PlanKind, required=True),
        "committee_id": Field("Committee", kind="ref"),
        "period_start": Field("Period start", kind="date"),
        "period_end": Field("Period end", kind="date"),
        "description": Field("Description", kind="longtext", max_len=20000),
        "template": Field("Template", max_len=60),
        "on_track_threshold": Field("On track from (share of expected progress)", kind="float", minimum=0, maximum=1),
        "at_risk_threshold": Field("At risk from (share of expected progress)", kind="float", minimum=0, maximum=1),
        "racially_identifiable_schools": Field("Racially identifiable schools", kind="longtext", max_len=20000),
        "collaborating_districts": Field("Collaborating districts", kind="longtext", max_len=20000),
    }

    def columns(self) -> dict[str, Column]:
        strategies = select(func.count(Strategy.id)).where(Strategy.plan_id == Plan.id).correlate(Plan)
        in_plan = select(Strategy.id).where(Strategy.plan_id == Plan.id).correlate(Plan)
        goals = select(func.count(Goal.id)).where(Goal.strategy_id.in_(in_plan)).correlate(Plan)
        goals_in_plan = select(Goal.id).where(Goal.strategy_id.in_(in_plan)).correlate(Plan)
        indicators = select(func.count(Indicator.id)).where(Indicator.goal_id.in_(goals_in_plan)).correlate(Plan)
        return {
            "name": Column("Plan", Plan.name),
            "kind": Column("Kind", Plan.kind),
            "period_start": Column("From", Plan.period_start),
            "period_end": Column("To", Plan.period_end),
            "strategies": Column("Strategies", strategies.scalar_subquery()),
            "goals": Column("Goals", goals.scalar_subquery()),
            "indicators": Column("Indicators", indicators.scalar_subquery()),
        }

    def search_exprs(self) -> Sequence[SqlExpr]:
        return [Plan.name, func.coalesce(Plan.description, "")]

    def validate(self, session: Session, obj: Plan) -> None:
        if obj.period_start and obj.period_end and obj.period_end < obj.period_start:
            raise DomainError("A plan's period cannot end before it starts.", field="period_end")
        on_track = obj.on_track_threshold if obj.on_track_threshold is not None else 0.9
        at_risk = obj.at_risk_threshold if obj.at_risk_threshold is not None else 0.7
        if at_risk > on_track:
            raise DomainError(
                "The at-risk threshold must be at most the on-track threshold (for example 70 % and 90 %).",
                field="at_risk_threshold",
            )

    def create_from_template(self, *, template: str, name: str, committee_id: int | None = None) -> PlanRecord:
        """A new plan with the strategies, goals, indicators and milestones of a template, in one transaction."""
        from equitydesk.services.plan_templates import create_plan_from_template

        return create_plan_from_template(self.ctx, template=template, name=name, committee_id=committee_id)

    def id_by_name(self, name: str) -> int:
        """The plan with this name (ignoring case); a name no plan has is a plain refusal naming the plans."""
        with self.ctx.sessions() as session:
            rows = session.execute(select(Plan.id, Plan.name).order_by(Plan.name)).all()
        for plan_id, plan_name in rows:
            if plan_name.casefold() == " ".join(name.split()).casefold():
                return int(plan_id)
        known = ", ".join(f"“{n}”" for _i, n in rows) or "none yet"
        raise NotFound(f"There is no plan named “{name}”. The plans are: {known}.", field="plan")

    def integrity_message(self, exc: Any) -> str:
        if "UNIQUE" in str(exc.orig):
            return "There is already a plan with that name."
        return super().integrity_message(exc)


class StrategyService(EntityService[Strategy, StrategyRecord]):
    table = Strategy
    record = StrategyRecord
    entity = "strategy"
    noun = "strategy"
    fields = {
        "plan_id": Field("Plan", kind="ref", required=True),
        "position": Field("Position", kind="int", minimum=0),
        "code": Field("Code", max_len=20),
        "title": Field("Strategy", required=True, max_len=300),
        "description": Field("Description", kind="longtext", max_len=20000),
        "lead": Field("Lead", max_len=200),
    }

    def columns(self) -> dict[str, Column]:
        goals = select(func.count(Goal.id)).where(Goal.strategy_id == Strategy.id).correlate(Strategy)

        def newest(source: StatusSource, value: Any) -> Any:
            return (
                select(value)
                .where(StatusUpdate.strategy_id == Strategy.id, StatusUpdate.source == source)
                .order_by(StatusUpdate.on.desc(), StatusUpdate.id.desc())
                .limit(1)
                .correlate(Strategy)
                .scalar_subquery()
            )

        # As roadmap_snapshot reads the history: a person's override while it is in force, else the rules' last
        # verdict. Kept by every roadmap write; a milestone that turns late by the calendar alone shows at the next.
        override = newest(StatusSource.PERSON, case((StatusUpdate.is_override, StatusUpdate.status), else_=None))
        latest = func.coalesce(override, newest(StatusSource.RULE, StatusUpdate.status), RagStatus.NO_DATA.value)
        return {
            "position": Column("#", Strategy.position),
            "code": Column("Code", Strategy.code),
            "title": Column("Strategy", Strategy.title),
            "plan": Column("Plan", Plan.name),
            "lead": Column("Lead", Strategy.lead),
            "goals": Column("Goals", goals.scalar_subquery()),
            "status": Column("Status", latest),
        }

    def base_select(self) -> Select[Any]:
        return select(Strategy.id).join(Plan, Plan.id == Strategy.plan_id)

    def search_exprs(self) -> Sequence[SqlExpr]:
        return [Strategy.title, func.coalesce(Strategy.code, ""), Plan.name, func.coalesce(Strategy.lead, "")]


class GoalService(EntityService[Goal, GoalRecord]):
    table = Goal
    record = GoalRecord
    entity = "goal"
    noun = "goal"
    fields = {
        "strategy_id": Field("Strategy", kind="ref", required=True),
        "position": Field("Position", kind="int", minimum=0),
        "statement": Field("Goal", kind="longtext", required=True, max_len=4000),
        "goal_type": Field("Goal type", kind="enum", enum=GoalType),
        "code": Field("Code", max_len=20),
        "description": Field("Description", kind="longtext", max_len=20000),
        "lead": Field("Lead", max_len=200),
    }

    def columns(self) -> dict[str, Column]:
        return {"statement": Column("Goal", Goal.statement), "goal_type": Column("Type", Goal.goal_type)}


class IndicatorService(EntityService[Indicator, IndicatorRecord]):
    table = Indicator
    record = IndicatorRecord
    entity = "indicator"
    noun = "indicator"
    fields = {
        "goal_id": Field("Goal", kind="ref", required=True),
        "name": Field("Indicator", required=True, max_len=300),
        "position": Field("Position", kind="int", minimum=0),
        "code": Field("Code", max_len=20),
        "kind": Field("Kind of indicator", kind="enum", enum=IndicatorKind),
        "unit_kind": Field("Unit", kind="enum", enum=UnitKind),
        "unit": Field("Unit name", max_len=40),
        "direction": Field("Better when it", kind="enum", enum=Direction),
        "baseline_value": Field("Baseline", kind="float"),
        "baseline_on": Field("Baseline date", kind="date"),
        "target_value": Field("Target", kind="float"),
        "target_on": Field("Target date", kind="date"),
        "student_group": Field("Student group", max_len=200),
        "comparison_group": Field("Comparison group", max_len=200),
        "source": Field("Source", max_len=300),
        "notes": Field("Notes", kind="longtext", max_len=20000),
    }

    def columns(self) -> dict[str, Column]:
        return {
            "name": Column("Indicator", Indicator.name),
            "baseline_value": Column("Baseline", Indicator.baseline_value),
            "target_value": Column("Target", Indicator.target_value),
            "unit": Column("Unit", Indicator.unit),
        }

    def prepare(self, session: Session, values: dict[str, Any], obj: Indicator | None) -> None:
        # Two groups named and no kind said: a gap indicator, as every indicator with two groups was before kinds.
        if obj is None and values.get("kind") is None and values.get("comparison_group"):
            values["kind"] = IndicatorKind.GAP

    def validate(self, session: Session, obj: Indicator) -> None:
        if obj.baseline_on and obj.target_on and obj.target_on < obj.baseline_on:
            raise DomainError("The target date must come after the baseline date.", field="target_on")
        if obj.kind is IndicatorKind.GAP and not (obj.student_group and obj.comparison_group):
            raise DomainError(
                "A gap indicator needs both a student group and a comparison group.", field="comparison_group"
            )
        if obj.kind is not IndicatorKind.GAP and obj.comparison_group:
            raise DomainError(
                "Only a gap indicator has a comparison group: make it a gap indicator, or clear the comparison group.",
                field="comparison_group",
            )


class MeasurementService(EntityService[Measurement, MeasurementRecord]):
    table = Measurement
    record = MeasurementRecord
    entity = "measurement"
    noun = "measurement"
    fields = {
        "indicator_id": Field("Indicator", kind="ref", required=True),
        "measured_on": Field("Date", kind="date", required=True),
        "value": Field("Value", kind="float", required=True),
        "source": Field("Source", max_len=300),
        "note": Field("Note", kind="longtext", max_len=4000),
        "series": Field("Student group", kind="enum", enum=MeasurementSeries),
    }

    def columns(self) -> dict[str, Column]:
        return {"measured_on": Column("Date", Measurement.measured_on), "value": Column("Value", Measurement.value)}

    def integrity_message(self, exc: Any) -> str:
        if "UNIQUE" in str(exc.orig):
            return "This indicator already has a measurement on that date for that group. Edit it instead."
        return super().integrity_message(exc)

    def validate(self, session: Session, obj: Measurement) -> None:
        indicator = session.get(Indicator, obj.indicator_id)
        if indicator is None:
            raise NotFound("This indicator no longer exists (it may have been deleted).", field="indicator_id")
        series = obj.series or MeasurementSeries.VALUE
        # A gap indicator's measurement without a group is the gap itself, measured as one number.
        if indicator.kind is not IndicatorKind.GAP and series is not MeasurementSeries.VALUE:
            raise DomainError(f"“{indicator.name}” measures one group; it has no comparison group.", field="series")


class MilestoneService(EntityService[Milestone, MilestoneRecord]):
    table = Milestone
    record = MilestoneRecord
    entity = "milestone"
    noun = "milestone"
    fields = {
        "strategy_id": Field("Strategy", kind="ref", required=True),
        "goal_id": Field("Goal", kind="ref"),
        "title": Field("Milestone", required=True, max_len=300),
        "due_on": Field("Due", kind="date"),
        "done_on": Field("Done on", kind="date"),
        "notes": Field("Notes", kind="longtext", max_len=20000),
        "position": Field("Position", kind="int", minimum=0),
    }

    def columns(self) -> dict[str, Column]:
        return {
            "title": Column("Milestone", Milestone.title),
            "due_on": Column("Due", Milestone.due_on),
            "done_on": Column("Done", Milestone.done_on),
        }


class StatusUpdateService(EntityService[StatusUpdate, StatusUpdateRecord]):
    table = StatusUpdate
    record = StatusUpdateRecord
    entity = "status_update"
    noun = "status update"
    fields = {
        "strategy_id": Field("Strategy", kind="ref"),
        "goal_id": Field("Goal", kind="ref"),
        "indicator_id": Field("Indicator", kind="ref"),
        "on": Field("Date", kind="date", required=True),
        "status": Field("Status", kind="enum", enum=RagStatus, required=True),
        "is_override": Field("Set by hand", kind="bool"),
        "reason": Field("Reason", kind="longtext", max_len=4000),
        "source": Field("Set by", kind="enum", enum=StatusSource),
        "set_by": Field("Set by", max_len=200),
    }

    def prepare(self, session: Session, values: dict[str, Any], obj: StatusUpdate | None) -> None:
        if values.get("is_override"):
            # An override is a person's by definition; the history says so without a second flag to keep in step.
            values["source"] = StatusSource.PERSON
            values.setdefault("set_by", self.ctx.actor)

    def columns(self) -> dict[str, Column]:
        return {"on": Column("Date", StatusUpdate.on), "status": Column("Status", StatusUpdate.status)}

    def validate(self, session: Session, obj: StatusUpdate) -> None:
        subjects = [obj.strategy_id, obj.goal_id, obj.indicator_id]
        if sum(s is not None for s in subjects) != 1:
            raise DomainError("A status update is about exactly one strategy, goal or indicator.")
        if obj.is_override and not obj.reason:
            raise DomainError("Say why you are setting the status by hand.", field="reason")
