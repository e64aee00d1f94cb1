"""The demo dataset: deterministic, realistic in size and shape, every name intact, only the fields of the design."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, inspect, select

from equitydesk.db import tables as t
from equitydesk.db.engine import Database, open_database
from equitydesk.domain.enums import OPEN_ACTION_STATUSES, ActionStatus, GoalType, MeetingStatus, MinutesStatus
from equitydesk.services import demo_data
from equitydesk.services.context import ServiceContext
from equitydesk.services.crud import ListQuery
from equitydesk.services.demo import fill_demo
from equitydesk.services.errors import DomainError
from equitydesk.services.registry import Services
from equitydesk.services.stats import counts

# What the roster may hold about a person (DESIGN.md): no citizenship, immigration status or student ID.
PERSON_COLUMNS = {
    "id", "given_name", "family_name", "preferred_name", "pronouns", "email", "email_key", "name_key", "phone",
    "organization", "languages", "interpreter_language", "accessibility_needs", "notes", "archived",
    "created_at", "updated_at", "import_batch_id",
}  # fmt: skip


@pytest.fixture
def filled(services: Services, today: date) -> dict[str, int]:
    return fill_demo(services, today=today)


def dump(services: Services) -> list[tuple[Any, ...]]:
    """Everything a person would see of the dataset, without ids or write times."""
    with services.ctx.sessions() as s:
        rows: list[tuple[Any, ...]] = []
        rows += s.execute(select(t.Person.given_name, t.Person.family_name, t.Person.email).order_by(t.Person.id)).all()
        rows += s.execute(select(t.Meeting.title, t.Meeting.starts_at, t.Meeting.status).order_by(t.Meeting.id)).all()
        rows += s.execute(select(t.AgendaItem.title, t.AgendaItem.minutes_text).order_by(t.AgendaItem.id)).all()
        rows += s.execute(select(t.Attendance.person_id, t.Attendance.status).order_by(t.Attendance.id)).all()
        rows += s.execute(
            select(t.Decision.motion, t.Decision.outcome, t.Decision.votes_for).order_by(t.Decision.id)
        ).all()
        rows += s.execute(
            select(t.ActionItem.title, t.ActionItem.due_on, t.ActionItem.status, t.ActionItem.completed_on).order_by(
                t.ActionItem.id
            )
        ).all()
        rows += s.execute(select(t.ActionUpdate.on, t.ActionUpdate.note).order_by(t.ActionUpdate.id)).all()
        rows += s.execute(select(t.Membership.term_start, t.Membership.term_end).order_by(t.Membership.id)).all()
        rows += s.execute(select(t.Measurement.measured_on, t.Measurement.value).order_by(t.Measurement.id)).all()
        rows += s.execute(
            select(t.Milestone.title, t.Milestone.due_on, t.Milestone.done_on).order_by(t.Milestone.id)
        ).all()
        return [tuple(r) for r in rows]


@pytest.fixture
def fresh_services(tmp_path: Path) -> Iterator[Callable[[str, date], Services]]:
    """Services over a new database file in tmp_path, with their own idea of today."""
    opened: list[Database] = []

    def make(name: str, today: date) -> Services:
        opened.append(open_database(tmp_path / name))
        return Services.build(ServiceContext(opened[-1].sessions, actor="demo", today=lambda: today))

    yield make
    for db in opened:
        db.dispose()


def test_two_fills_on_the_same_day_are_identical(fresh_services: Callable[[str, date], Services], today: date) -> None:
    first, second = fresh_services("a.sqlite", today), fresh_services("b.sqlite", today)
    assert fill_demo(first, today=today) == fill_demo(second, today=today)
    assert dump(first) == dump(second)


def test_counts_are_those_of_a_real_committee_year(services: Services, filled: dict[str, int]) -> None:
    with services.ctx.sessions() as session:
        assert filled == counts(session)
        members = Counter(
            session.scalars(select(t.Committee.name).join(t.Membership, t.Membership.committee_id == t.Committee.id))
        )
    assert 22 <= members["Equity Advisory Committee"] <= 28
    assert 8 <= members["Achievement and Integration Plan Team"] <= 12
    assert filled["committees"] == 2
    assert 10 <= filled["meetings"] <= 14
    assert 55 <= filled["action_items"] <= 65
    assert filled["plans"] == 2
    assert filled["attendance"] > 50 and filled["decisions"] >= 5 and filled["action_updates"] >= 60


def test_every_change_is_in_the_change_log(services: Services, filled: dict[str, int]) -> None:
    with services.ctx.sessions() as s:
        logged = s.scalar(select(func.count()).select_from(t.ChangeLog).where(t.ChangeLog.action == "create"))
        status_updates = s.scalar(select(func.count()).select_from(t.StatusUpdate))
    assert logged == sum(filled.values()) + status_updates


def test_meetings_past_and_upcoming_with_minutes_and_agendas(services: Services, today: date, filled: Any) -> None:
    with services.ctx.sessions() as s:
        meetings = s.scalars(select(t.Meeting).order_by(t.Meeting.starts_at)).all()
        items = Counter(s.scalars(select(t.AgendaItem.meeting_id)))
        linked = s.scalar(select(func.count()).where(t.AgendaItem.strategy_id.is_not(None)))
        attended = {m for m in s.scalars(select(t.Attendance.meeting_id))}
    held = [m for m in meetings if m.status == MeetingStatus.HELD]
    assert [m.status for m in meetings].count(MeetingStatus.CANCELLED) == 1
    assert held and all(m.starts_at.date() < today for m in held)
    assert any(m.status == MeetingStatus.PLANNED and m.starts_at.date() >= today for m in meetings)
    assert all(3 <= items[m.id] <= 6 for m in meetings)
    assert linked and attended == {m.id for m in held}
    for committee_id in {m.committee_id for m in held}:
        mine = [m for m in held if m.committee_id == committee_id]
        assert [m.minutes_status for m in mine] == [MinutesStatus.APPROVED] * (len(mine) - 1) + [MinutesStatus.DRAFT]
        assert all(m.minutes_approved_on and m.minutes_approved_on <= today for m in mine[:-1])


def test_actions_in_every_status_some_overdue(services: Services, today: date, filled: Any) -> None:
    with services.ctx.sessions() as s:
        actions = s.scalars(select(t.ActionItem)).all()
        changes = s.scalar(select(func.count()).where(t.ActionUpdate.status_to.is_not(None)))
        notes = s.scalar(select(func.count()).where(t.ActionUpdate.note.is_not(None)))
    assert set(Counter(a.status for a in actions)) == set(ActionStatus)
    overdue = services.actions.list_ids(ListQuery(filters={"overdue": True}))
    assert len(overdue) >= 5
    assert any(a.status in OPEN_ACTION_STATUSES and a.due_on and a.due_on > today for a in actions)
    assert all((a.completed_on is not None) == (a.status == ActionStatus.DONE) for a in actions)
    assert all(a.completed_on <= today for a in actions if a.completed_on)
    assert sum(a.owner_text is not None for a in actions) >= 3
    assert sum(a.owner_person_id is not None for a in actions) >= 30
    assert sum(a.strategy_id is not None for a in actions) >= 30
    assert changes and notes


def test_reimagine_minnesota_and_the_ai_plan(services: Services, filled: Any) -> None:
    with services.ctx.sessions() as s:
        roadmap = s.scalar(select(t.Plan).where(t.Plan.name.like("Reimagine Minnesota%")))
        assert roadmap is not None
        strategies = s.scalars(select(t.Strategy).where(t.Strategy.plan_id == roadmap.id)).all()
        goals = s.scalars(select(t.Goal)).all()
        gap = s.scalar(select(t.Indicator).where(t.Indicator.student_group.is_not(None)))
        assert gap is not None
        measured = s.scalar(select(func.count()).where(t.Measurement.indicator_id == gap.id))
        override = s.scalar(select(t.StatusUpdate).where(t.StatusUpdate.is_override.is_(True)))
        milestones = s.scalar(select(func.count()).select_from(t.Milestone))
        ai_plan = s.scalar(select(t.Plan).where(t.Plan.kind == "ai_plan"))
    assert [(st.code, st.title) for st in strategies] == [(f"{i}", title) for i, title in enumerate(
        ["Cultural competence", "Personalized education", "Cultural inclusivity",
         "Recruitment and retention of staff of color", "Student voice", "Adult behaviors", "Community bridges",
         "Shared understanding", "Statewide funding"], start=1)]  # fmt: skip
    assert all(st.description and st.lead for st in strategies)
    assert {g.goal_type for g in goals} >= {
        GoalType.INTEGRATION,
        GoalType.ACHIEVEMENT_DISPARITIES,
        GoalType.EFFECTIVE_DIVERSE_TEACHERS,
    }
    assert gap.comparison_group and gap.direction.value == "decrease"
    assert "Black students vs. white students" in gap.name
    assert 3 <= measured <= 4
    assert override is not None and override.reason
    assert milestones >= 8
    assert ai_plan is not None and ai_plan.period_start and ai_plan.period_end
    assert round((ai_plan.period_end - ai_plan.period_start).days / 365) == 3


def test_every_name_survives_as_written(services: Services, filled: Any) -> None:
    with services.ctx.sessions() as s:
        stored = {(p.given_name, p.family_name, p.preferred_name) for p in s.scalars(select(t.Person))}
    seeds = {(p.given_name, p.family_name, p.preferred_name) for p in demo_data.PEOPLE}
    assert stored == seeds
    for parts in stored:
        for part in parts:
            assert part is None or unicodedata.is_normalized("NFC", part)
    for expected in [("Thị Ánh", "Nguyễn", "Ánh"), ("Văn Minh", "Trần", "Minh"), ("Saw Eh Htoo", "", None),
                     ("María José", "Hernández López", None), ("Hodan", "Abdi Warsame", None)]:  # fmt: skip
        assert expected in stored


def test_roster_variety(services: Services, today: date, filled: Any) -> None:
    people = services.people

    def ids(**filters: Any) -> list[int]:
        return people.list_ids(ListQuery(filters=filters))

    interpreters = {r["interpreter_language"] for r in people.list(ListQuery(), limit=100).rows}
    assert {"Somali", "Hmong", "Spanish", "Karen", "Vietnamese"} <= interpreters
    assert len(ids(term="ending_soon")) >= 2
    assert len(ids(term="past")) == 1
    with services.ctx.sessions() as s:
        roles = {r.value for r in s.scalars(select(t.Membership.role))}
        groups = {g.value for g in s.scalars(select(t.Membership.stakeholder_group))}
        with_email = s.scalar(select(func.count()).where(t.Person.email.is_not(None)))
        with_pronouns = s.scalar(select(func.count()).where(t.Person.pronouns.is_not(None)))
    assert roles == {"chair", "co_chair", "secretary", "member", "ex_officio", "staff_liaison", "alternate"}
    assert len(groups) == 8
    assert with_email and with_email > filled["people"] * 0.7
    assert with_pronouns and with_pronouns < filled["people"]


def test_no_person_has_fields_outside_the_design(db: Any) -> None:
    columns = {c["name"] for c in inspect(db.engine).get_columns("person")}
    assert columns <= PERSON_COLUMNS
    forbidden = ("citizen", "immigra", "student_id", "ssn", "visa", "birth")
    assert not [c for c in columns if any(word in c for word in forbidden)]
    assert set(demo_data.PersonSeed._fields) - {"key"} <= columns


@pytest.mark.parametrize("day", ["2025-09-02", "2026-01-10", "2026-06-30", "2026-07-15", "2028-02-29"])
def test_any_day_gives_past_and_upcoming_meetings_and_overdue_actions(
    fresh_services: Callable[[str, date], Services], day: str
) -> None:
    today = date.fromisoformat(day)
    services = fresh_services("d.sqlite", today)
    fill_demo(services, today=today)
    with services.ctx.sessions() as s:
        starts = [d.date() for d in s.scalars(select(t.Meeting.starts_at))]
        updates = list(s.scalars(select(t.ActionUpdate.on)))
    assert any(d < today for d in starts) and any(d >= today for d in starts)
    assert services.actions.list_ids(ListQuery(filters={"overdue": True}))
    assert max(updates) <= today


def test_only_an_empty_database_is_filled_and_a_failure_leaves_it_empty(
    services: Services, today: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    from equitydesk.services import demo

    def broken(self: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(demo._Builder, "action_items", broken)
    with pytest.raises(RuntimeError):
        fill_demo(services, today=today)
    with services.ctx.sessions() as s:
        assert not any(counts(s).values())
        assert s.scalar(select(func.count()).select_from(t.ChangeLog)) == 0
    monkeypatch.undo()
    fill_demo(services, today=today)
    with pytest.raises(DomainError, match="already has data"):
        fill_demo(services, today=today)
