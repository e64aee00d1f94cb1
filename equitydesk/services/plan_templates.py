"""Plans from the shipped templates: list them, and create a plan with a template's whole tree in one transaction."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from equitydesk.formats.plan_templates import MilestoneSpec, PlanTemplate, TemplateError, load_templates
from equitydesk.services.context import ServiceContext
from equitydesk.services.errors import DomainError
from equitydesk.services.records import PlanRecord


def list_templates() -> list[PlanTemplate]:
    try:
        return load_templates()
    except TemplateError as exc:
        raise DomainError(str(exc)) from exc


def find_template(name: str) -> PlanTemplate:
    """A template by its file name (ai_plan) or its name (Achievement and Integration plan), ignoring case."""
    wanted = " ".join(name.split()).casefold()
    templates = list_templates()
    for t in templates:
        if wanted in (t.key.casefold(), t.name.casefold()):
            return t
    known = ", ".join(f"“{t.name}” ({t.key})" for t in templates)
    raise DomainError(f"There is no plan template named “{name}”. The templates are: {known}.", field="template")


def plan_start(today: date) -> date:
    """July 1 of the school year `today` is in: when Minnesota plans and fiscal years begin."""
    return date(today.year if today.month >= 7 else today.year - 1, 7, 1)


def due_date(start: date, spec: MilestoneSpec) -> date | None:
    if spec.due_month is None:
        return None
    index = start.year * 12 + start.month - 1 + spec.due_month - 1
    year, month = divmod(index, 12)
    return date(year, month + 1, calendar.monthrange(year, month + 1)[1])


def create_plan_from_template(
    ctx: ServiceContext, *, template: str, name: str, committee_id: int | None = None
) -> PlanRecord:
    from equitydesk.services.roadmap import (
        GoalService,
        IndicatorService,
        MilestoneService,
        PlanService,
        StrategyService,
    )
    from equitydesk.services.roadmap_tree import letter_code

    spec = find_template(template)
    plans, strategies, goals = PlanService(ctx), StrategyService(ctx), GoalService(ctx)
    indicators, milestones = IndicatorService(ctx), MilestoneService(ctx)
    start = plan_start(ctx.today())
    end = date(start.year + spec.years, start.month, start.day) - timedelta(days=1) if spec.years else None
    with ctx.sessions.begin() as session:

        def add(service: object, **values: object) -> int:
            s = service  # the entity services share create_in and clean
            return s.create_in(session, s.clean(values, partial=False)).id  # type: ignore[attr-defined, no-any-return]

        plan = plans.create_in(session, plans.clean({
            "name": name, "kind": spec.kind, "committee_id": committee_id, "period_start": start,
            "period_end": end, "description": spec.description, "template": spec.key,
            "racially_identifiable_schools": spec.racially_identifiable_schools,
            "collaborating_districts": spec.collaborating_districts,
        }, partial=False))  # fmt: skip
        for s_index, s in enumerate(spec.strategies):
            code = s.code or letter_code(s_index)
            strategy_id = add(strategies, plan_id=plan.id, position=s_index + 1, code=code, title=s.title,
                              description=s.description)  # fmt: skip
            position = 0
            for g_index, g in enumerate(s.goals, start=1):
                goal_code = f"{code}.{g_index}"
                goal_id = add(goals, strategy_id=strategy_id, position=g_index, code=goal_code, statement=g.statement,
                              goal_type=g.goal_type, description=g.description)  # fmt: skip
                for i_index, i in enumerate(g.indicators, start=1):
                    add(indicators, goal_id=goal_id, position=i_index, code=f"{goal_code}.{i_index}", name=i.name,
                        kind=i.kind, unit_kind=i.unit_kind, unit=i.unit, direction=i.direction,
                        student_group=i.student_group, comparison_group=i.comparison_group,
                        notes=i.notes)  # fmt: skip
                for m in g.milestones:
                    position += 1
                    add(milestones, strategy_id=strategy_id, goal_id=goal_id, title=m.title,
                        due_on=due_date(start, m), notes=m.notes, position=position)  # fmt: skip
            for m in s.milestones:
                position += 1
                add(milestones, strategy_id=strategy_id, title=m.title, due_on=due_date(start, m), notes=m.notes,
                    position=position)  # fmt: skip
        return plan
