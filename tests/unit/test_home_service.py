"""The home page's figures: right on built data on a pinned day, and from a few statements however long the lists."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import event

from equitydesk.db.engine import open_database
from equitydesk.domain.enums import RagStatus
from equitydesk.services.context import ServiceContext
from equitydesk.services.crud import ListQuery
from equitydesk.services.registry import Services

TODAY = date(2025, 10, 6)  # a Monday


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "home.sqlite")
    yield database
    database.dispose()


@pytest.fixture
def clock():
    return {"today": TODAY}


@pytest.fixture
def svc(db, clock):
    return Services.build(ServiceContext(db.sessions, actor="test", today=lambda: clock["today"]))


def build(svc: Services, *, extra_actions: int = 0) -> int:
    eac = svc.committees.create(name="EAC", quorum_kind="share", quorum_value=0.5)
    other = svc.committees.create(name="Other")
    for n, (group, voting) in enumerate([("parent_guardian", True)] * 3 + [("student", True), ("teacher", False)]):
        person = svc.people.create(given_name=f"P{n}", family_name="Member")
        svc.memberships.create(person_id=person.id, committee_id=eac.id, stakeholder_group=group, voting=voting)
    svc.representation.set_targets(committee_id=eac.id, targets={"student": 0.4, "parent_guardian": 0.5})
    due = {"late": -3, "today": 0, "sunday": 6, "next monday": 7, "none": None}
    for title, days in due.items():
        svc.actions.create(
            committee_id=eac.id, title=title, due_on=TODAY + timedelta(days=days) if days is not None else None
        )
    svc.actions.create(committee_id=eac.id, title="done late", due_on=TODAY - timedelta(days=9), status="done")
    svc.actions.create(committee_id=other.id, title="other's", due_on=TODAY - timedelta(days=9))
    for n in range(extra_actions):
        svc.actions.create(committee_id=eac.id, title=f"late {n}", due_on=TODAY - timedelta(days=30))
    at = datetime.combine(TODAY, datetime.min.time())
    svc.meetings.create(committee_id=eac.id, title="Held", starts_at=at - timedelta(days=7), status="held")
    svc.meetings.create(committee_id=eac.id, title="Cancelled", starts_at=at + timedelta(days=2), status="cancelled")
    svc.meetings.create(committee_id=eac.id, title="November", starts_at=at + timedelta(days=30, hours=18))
    svc.meetings.create(committee_id=eac.id, title="October", starts_at=at + timedelta(days=9, hours=18))
    mine = svc.plans.create(name="EAC plan", kind="strategic_roadmap", committee_id=eac.id)
    district = svc.plans.create(name="District roadmap", kind="strategic_roadmap")
    theirs = svc.plans.create(name="Other plan", kind="strategic_roadmap", committee_id=other.id)
    # S0 was at risk and is on track now (its stored history must not count), S1 is off track, S2 has nothing yet.
    measured = [(mine, [(-400, 40.0), (-10, 48.0)]), (mine, [(-400, 40.0), (-10, 40.5)]), (district, None),
                (theirs, [(-400, 40.0), (-10, 40.0)])]  # fmt: skip
    for number, (plan, points) in enumerate(measured):
        strategy = svc.roadmap.add_strategy(plan_id=plan.id, title=f"S{number}")
        if number == 0:
            svc.status_updates.create(strategy_id=strategy.id, on=TODAY - timedelta(days=30), status="at_risk")
        if points is None:
            continue
        goal = svc.roadmap.add_goal(strategy_id=strategy.id, statement=f"Goal {number}")
        indicator = svc.roadmap.add_indicator(
            goal_id=goal.id, name=f"Rate {number}", unit_kind="percent", baseline_value=40.0,
            baseline_on=TODAY - timedelta(days=400), target_value=50.0, target_on=TODAY + timedelta(days=330),
        )  # fmt: skip
        for days, value in points:
            svc.roadmap.add_measurement(
                indicator_id=indicator.id, measured_on=TODAY + timedelta(days=days), value=value
            )
    return eac.id


def test_the_figures_of_one_committee(svc):
    eac = build(svc)
    f = svc.home.figures(committee_id=eac)
    assert (f.open_actions, f.overdue, f.due_this_week) == (5, 1, 3), "today, Sunday and next Monday: the next 7 days"
    listed = svc.actions.list_ids(ListQuery(filters={"view": "due_7", "committee_id": eac}, sort="due_on"))
    assert len(listed) == f.due_this_week, "the figure counts what its button's list shows"
    assert f.next_meeting is not None and f.next_meeting.title == "October", "the next planned one, not cancelled"
    assert (f.voting_members, f.quorum_needed, f.quorum_reachable) == (4, 2, True)
    assert [s.label for s in f.targets_missed] == ["Student"], "1 of 5 is 20%, below 40%; parents' 60% meets 50%"
    assert dict(f.roadmap) == {RagStatus.ON_TRACK: 1, RagStatus.OFF_TRACK: 1, RagStatus.NO_DATA: 1}, "the rules"
    assert [s for s, _n in f.roadmap] == [RagStatus.OFF_TRACK, RagStatus.ON_TRACK, RagStatus.NO_DATA], "worst first"
    assert f.strategies == 3, "the committee's plans and the district's, not another committee's"
    assert (f.targets_set, f.strategies_behind) == (2, 1)


def test_moving_the_clock_moves_the_figures(svc, clock):
    eac = build(svc)
    clock["today"] = TODAY + timedelta(days=8)
    f = svc.home.figures(committee_id=eac)
    assert (f.overdue, f.due_this_week) == (4, 0)
    assert f.next_meeting is not None and f.next_meeting.title == "October"


def test_figures_come_from_a_few_statements_whatever_the_size(svc, db):
    small = build(svc)
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    svc.home.figures(committee_id=small)
    queries = [s for s in statements if not s.startswith(("BEGIN", "COMMIT", "ROLLBACK"))]
    few = len(queries)
    plans = 2  # the committee's own and the district's; the status snapshot reads each in a fixed few statements
    assert few <= 5 + 9 * plans, queries
    svc.actions.create(committee_id=small, title="one more", due_on=TODAY)
    plan_id = svc.plans.id_by_name("EAC plan")
    for n in range(20):
        strategy = svc.roadmap.add_strategy(plan_id=plan_id, title=f"More {n}")
        goal = svc.roadmap.add_goal(strategy_id=strategy.id, statement=f"More goal {n}")
        indicator = svc.roadmap.add_indicator(goal_id=goal.id, name=f"More rate {n}", baseline_value=1.0,
                                              baseline_on=TODAY - timedelta(days=300), target_value=2.0,
                                              target_on=TODAY + timedelta(days=300))  # fmt: skip
        for days in (200, 100, 10):
            svc.roadmap.add_measurement(indicator_id=indicator.id, measured_on=TODAY - timedelta(days=days), value=1.2)
    for n in range(200):
        svc.actions.create(committee_id=small, title=f"late {n}", due_on=TODAY - timedelta(days=1))
    statements.clear()
    assert svc.home.figures(committee_id=small).overdue == 201
    assert len([s for s in statements if s.startswith("SELECT")]) == few, "no statement per action item or strategy"


def test_a_committee_with_nothing_yet(svc):
    empty = svc.committees.create(name="New committee")
    f = svc.home.figures(committee_id=empty.id)
    assert (f.open_actions, f.overdue, f.due_this_week, f.voting_members) == (0, 0, 0, 0)
    assert f.next_meeting is None and f.targets_missed == () and f.targets_set == 0 and f.roadmap == ()
