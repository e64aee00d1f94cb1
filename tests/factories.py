"""Small factories for tests: each makes one valid record through the services, with overridable fields."""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import Any

from equitydesk.db.tables import (
    ActionItem,
    AgendaItem,
    Committee,
    Goal,
    Indicator,
    Meeting,
    Membership,
    Person,
    Plan,
    Strategy,
)
from equitydesk.services.registry import Services

_serial = itertools.count(1)


def make_person(services: Services, **kw: Any) -> Person:
    n = next(_serial)
    values: dict[str, Any] = {"given_name": "Amina", "family_name": f"Person {n}"}
    values.update(kw)
    return services.people.create(**values)


def make_committee(services: Services, **kw: Any) -> Committee:
    values: dict[str, Any] = {"name": f"Committee {next(_serial)}"}
    values.update(kw)
    return services.committees.create(**values)


def make_membership(
    services: Services, *, person: Person | None = None, committee: Committee | None = None, **kw: Any
) -> Membership:
    person = person or make_person(services)
    committee = committee or make_committee(services)
    return services.memberships.create(person_id=person.id, committee_id=committee.id, **kw)


def make_meeting(services: Services, *, committee: Committee | None = None, **kw: Any) -> Meeting:
    committee = committee or make_committee(services)
    values: dict[str, Any] = {"title": "Regular meeting", "starts_at": datetime(2025, 10, 14, 18, 0)}
    values.update(kw)
    return services.meetings.create(committee_id=committee.id, **values)


def make_agenda_item(services: Services, *, meeting: Meeting | None = None, **kw: Any) -> AgendaItem:
    meeting = meeting or make_meeting(services)
    values: dict[str, Any] = {"title": f"Agenda item {next(_serial)}", "kind": "discussion"}
    values.update(kw)
    return services.agenda.create(meeting_id=meeting.id, **values)


def make_action(services: Services, *, committee: Committee | None = None, **kw: Any) -> ActionItem:
    committee = committee or make_committee(services)
    values: dict[str, Any] = {"title": f"Action {next(_serial)}"}
    values.update(kw)
    return services.actions.create(committee_id=committee.id, **values)


def make_plan(services: Services, **kw: Any) -> Plan:
    values: dict[str, Any] = {"name": f"Plan {next(_serial)}", "kind": "strategic_roadmap"}
    values.update(kw)
    return services.plans.create(**values)


def make_strategy(services: Services, *, plan: Plan | None = None, **kw: Any) -> Strategy:
    plan = plan or make_plan(services)
    values: dict[str, Any] = {"title": f"Strategy {next(_serial)}"}
    values.update(kw)
    return services.strategies.create(plan_id=plan.id, **values)


def make_goal(services: Services, *, strategy: Strategy | None = None, **kw: Any) -> Goal:
    strategy = strategy or make_strategy(services)
    values: dict[str, Any] = {"statement": f"Goal {next(_serial)}"}
    values.update(kw)
    return services.goals.create(strategy_id=strategy.id, **values)


def make_indicator(services: Services, *, goal: Goal | None = None, **kw: Any) -> Indicator:
    goal = goal or make_goal(services)
    values: dict[str, Any] = {"name": f"Indicator {next(_serial)}", "unit": "%"}
    values.update(kw)
    return services.indicators.create(goal_id=goal.id, **values)
