"""The demo dataset: a Minnesota district's equity committees, a year of meetings, action items and two plans."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from equitydesk.domain.enums import (
    OPEN_ACTION_STATUSES,
    ActionStatus,
    AgendaKind,
    AttendanceStatus,
    Direction,
    MeetingStatus,
    MinutesStatus,
    PlanKind,
)
from equitydesk.services import demo_data as data
from equitydesk.services.crud import EntityService
from equitydesk.services.errors import DomainError
from equitydesk.services.records import PersonRecord
from equitydesk.services.registry import Services
from equitydesk.services.stats import counts, is_empty

SEED = 2025
EAC_PAST_MEETINGS = 6
EAC_FUTURE_MEETINGS = 4
SUMMER = (7, 8)  # no committee meetings in July and August
# Not calendar.month_name: it follows the process locale, which the window changes.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip
# 60 action items in every status, most of them still open, as on a real committee's list.
STATUS_PLAN = (
    [ActionStatus.OPEN] * 14
    + [ActionStatus.IN_PROGRESS] * 18
    + [ActionStatus.BLOCKED] * 7
    + [ActionStatus.DONE] * 16
    + [ActionStatus.DROPPED] * 5
)
# Outcomes of the substantive motions in turn; the routine approval of agenda and minutes always carries.
OUTCOMES = ("carried", "tabled", "carried", "failed", "consensus")
ATTENDANCE = (AttendanceStatus.PRESENT, AttendanceStatus.REMOTE, AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT)


def fill_demo(services: Services, *, today: date | None = None) -> dict[str, int]:
    """Write the demo dataset into an empty database in one transaction; return the counts of stats.counts."""
    today = today or date.today()
    with services.ctx.sessions.begin() as session:
        if not is_empty(session):
            raise DomainError("This database already has data; the demo dataset only goes into an empty database.")
        builder = _Builder(services, session, today)
        builder.build()
        session.flush()
        return counts(session)


def school_year_start(today: date) -> date:
    """September 1 of the school year `today` belongs to (summer counts with the year that just ended)."""
    return date(today.year if today.month >= 9 else today.year - 1, 9, 1)


def second_tuesday(year: int, month: int) -> date:
    eighth = date(year, month, 8)
    return eighth + timedelta(days=(1 - eighth.weekday()) % 7)


def eac_meeting_dates(today: date) -> list[date]:
    """Monthly dates around today, skipping summer: always some past and some upcoming, oldest first."""
    past: list[date] = []
    future: list[date] = []
    year, month = today.year, today.month
    while len(past) < EAC_PAST_MEETINGS:
        day = second_tuesday(year, month)
        if month not in SUMMER and day < today:
            past.append(day)
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    year, month = today.year, today.month
    while len(future) < EAC_FUTURE_MEETINGS:
        day = second_tuesday(year, month)
        if month not in SUMMER and day >= today:
            future.append(day)
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    return sorted(past) + future


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, min(day.day, 28))


def first_thursday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7)


@dataclass(frozen=True)
class _HeldMeeting:
    id: int
    day: date
    committee_id: int


class _Builder:
    """Builds the dataset row by row through the services, so every rule and the change log apply as usual."""

    def __init__(self, services: Services, session: Session, today: date) -> None:
        self.s = services
        self.session = session
        self.today = today
        self.rng = random.Random(SEED)
        self.sy = school_year_start(today)
        self.people: dict[str, PersonRecord] = {}
        self.committees: dict[str, int] = {}
        # (person key, committee id) → (term start, term end, voting)
        self.seats: dict[tuple[str, int], tuple[date | None, date | None, bool]] = {}
        self.strategies: dict[str, int] = {}
        self.goals: dict[str, int] = {}  # the first goal of each goal type
        self.held: list[_HeldMeeting] = []
        self.motions = 0

    def add(self, service: EntityService[Any, Any], **values: Any) -> Any:
        return service.create_in(self.session, service.clean(values, partial=False))

    def name(self, key: str) -> str:
        return self.people[key].display_name if key in self.people else key

    def build(self) -> None:
        self.roster()
        self.roadmap()
        self.ai_plan()
        self.roadmap_tracking()
        self.meeting_year()
        self.action_items()

    # --- people and committees -------------------------------------------------------------------------------

    def roster(self) -> None:
        for p in data.PEOPLE:
            self.people[p.key] = self.add(self.s.people, **_without_key(p))
        for key, values in data.COMMITTEES.items():
            self.committees[key] = self.add(self.s.committees, **values).id
        for key, seeds in (("eac", data.EAC), ("ai", data.AI_TEAM)):
            committee_id = self.committees[key]
            for m in seeds:
                start, end = self.term(m.term)
                self.seats[(m.key, committee_id)] = (start, end, m.voting)
                person_id = self.people[m.key].id
                self.add(self.s.memberships, person_id=person_id, committee_id=committee_id, role=m.role,
                         stakeholder_group=m.group, voting=m.voting, term_start=start, term_end=end)  # fmt: skip

    def term(self, kind: str) -> tuple[date | None, date | None]:
        two_years = timedelta(days=730)
        if kind == "long":
            return add_months(self.sy, -12), add_months(self.sy, 24) - timedelta(days=1)
        if kind == "new":
            return self.sy, add_months(self.sy, 24) - timedelta(days=1)
        if kind == "student":
            return self.sy, add_months(self.sy, 12) - timedelta(days=1)
        if kind == "open":
            return add_months(self.sy, -36), None
        if kind.startswith("soon"):
            end = self.today + timedelta(days=int(kind[4:]))
            return end - two_years, end
        assert kind == "past"
        end = self.today - timedelta(days=20)
        return end - two_years, end

    def seated(self, committee_id: int, day: date) -> list[tuple[str, bool]]:
        """(person key, voting) of everyone whose term on the committee covers that day."""
        return [
            (key, voting)
            for (key, cid), (start, end, voting) in self.seats.items()
            if cid == committee_id and (start is None or start <= day) and (end is None or end >= day)
        ]

    # --- plans -----------------------------------------------------------------------------------------------

    def roadmap(self) -> None:
        plan = self.add(self.s.plans, name=data.ROADMAP_NAME, kind=PlanKind.STRATEGIC_ROADMAP,
                        committee_id=self.committees["eac"], period_start=add_months(self.sy, -12),
                        period_end=add_months(self.sy, 48) - timedelta(days=1),
                        description=data.ROADMAP_DESCRIPTION)  # fmt: skip
        for position, st in enumerate(data.STRATEGIES, start=1):
            self.strategies[st.code] = self.add(
                self.s.strategies, plan_id=plan.id, position=position, **st._asdict()
            ).id
        for code, title, months, done in data.ROADMAP_MILESTONES:
            self.milestone(self.strategies[code], None, title, months, done)
        for code, status in data.ROADMAP_STATUS.items():
            strategy_id = self.strategies[code]
            if code in data.EARLIER_ON_TRACK:
                self.add(self.s.status_updates, strategy_id=strategy_id, status="on_track", on=self.days_ago(150))
            self.add(self.s.status_updates, strategy_id=strategy_id, status=status,
                     on=self.days_ago(self.rng.randint(10, 40)))  # fmt: skip

    def ai_plan(self) -> None:
        start, end = date(self.sy.year - 1, 7, 1), date(self.sy.year + 2, 6, 30)
        plan = self.add(self.s.plans, name=f"Achievement and Integration Plan {start.year}–{end.year}",
                        kind=PlanKind.AI_PLAN, committee_id=self.committees["ai"], period_start=start,
                        period_end=end, description=data.AI_PLAN_DESCRIPTION)  # fmt: skip
        areas: dict[str, int] = {}
        goals_in: dict[str, list[int]] = {}
        years = [date(self.sy.year - 3 + i, 9, 1) for i in range(4)]  # state test results arrive each late summer
        reviewed = min(years[-1] + timedelta(days=14), self.today)
        for g in data.AI_GOALS:
            if g.code not in areas:
                areas[g.code] = self.add(self.s.strategies, plan_id=plan.id, position=len(areas) + 1, code=g.code,
                                         title=g.area, lead=self.name("keisha")).id  # fmt: skip
            goals = goals_in.setdefault(g.code, [])
            goal = self.add(self.s.goals, strategy_id=areas[g.code], statement=g.statement, goal_type=g.goal_type,
                            position=len(goals) + 1)  # fmt: skip
            goals.append(goal.id)
            self.goals.setdefault(g.goal_type.value, goal.id)
            for ind in g.indicators:
                self.indicator(goal.id, ind, years, end, reviewed)
            status = "at_risk" if g.goal_type.value == "achievement_disparities" else "on_track"
            self.add(self.s.status_updates, goal_id=goal.id, on=reviewed, status=status)
        for code, title, months, done in data.AI_MILESTONES:
            self.milestone(areas[code], goals_in[code][0], title, months, done)

    def indicator(self, goal_id: int, ind: data.IndicatorSeed, years: list[date], end: date, reviewed: date) -> None:
        student, comparison = ind.groups or (None, None)
        row = self.add(self.s.indicators, goal_id=goal_id, name=ind.name, unit=ind.unit,
                       kind="gap" if ind.groups else "value",
                       unit_kind="count" if ind.unit == "students" else "percent",
                       direction=Direction.INCREASE if ind.increase else Direction.DECREASE,
                       baseline_value=ind.values[0], baseline_on=years[0], target_value=ind.target, target_on=end,
                       student_group=student, comparison_group=comparison, source=ind.source)  # fmt: skip
        for day, value in zip(years, ind.values, strict=True):
            self.add(self.s.measurements, indicator_id=row.id, measured_on=day, value=value, source=ind.source)
        if ind.groups:
            self.add(self.s.status_updates, indicator_id=row.id, status="at_risk", on=reviewed)
        if ind.name.startswith("Licensed teachers"):  # the computed status said on track; a person knew better
            self.add(self.s.status_updates, indicator_id=row.id, status="on_track", on=reviewed)
            self.add(self.s.status_updates, indicator_id=row.id, status="off_track", is_override=True,
                     on=max(reviewed, self.days_ago(2)), reason=data.OVERRIDE_REASON)  # fmt: skip

    def roadmap_tracking(self) -> None:
        """Goals and indicators with three years of measurements on the roadmap, so that every status shows."""
        start = date(self.sy.year - 2, 9, 1)
        days = [date(self.sy.year - 2 + i, 9, 1) for i in range(3)]
        target_on = date(self.sy.year + 2, 6, 30)
        for position, seed in enumerate(data.TRACKED, start=1):
            strategy_id = self.strategies[seed.strategy]
            goal = self.add(self.s.goals, strategy_id=strategy_id, statement=seed.goal, position=position,
                            code=f"{seed.strategy}.1")  # fmt: skip
            student, comparison = seed.groups or (None, None)
            row = self.add(self.s.indicators, goal_id=goal.id, code=f"{seed.strategy}.1.1", name=seed.name,
                           kind="gap" if seed.groups else "value", unit_kind=seed.unit_kind, unit=seed.unit,
                           direction=Direction.INCREASE if seed.increase else Direction.DECREASE,
                           baseline_value=seed.baseline, baseline_on=start, target_value=seed.target,
                           target_on=target_on, student_group=student, comparison_group=comparison,
                           source=seed.source)  # fmt: skip
            series = (
                (("group", seed.values), ("comparison", seed.comparison)) if seed.groups else (("value", seed.values),)
            )
            for name, values in series:
                for day, value in zip(days, values, strict=False):
                    self.add(self.s.measurements, indicator_id=row.id, measured_on=day, value=value, series=name,
                             source=seed.source)  # fmt: skip
        # The computed statuses into the history as of today, as any edit in the window would leave them.
        from sqlalchemy import select

        from equitydesk.db.tables import Plan

        for plan_id in self.session.scalars(select(Plan.id)).all():
            self.s.roadmap_status.refresh_in(self.session, plan_id)

    def milestone(self, strategy_id: int, goal_id: int | None, title: str, months: int, done: bool) -> None:
        due = add_months(self.sy, months) + timedelta(days=14)
        done_on = due - timedelta(days=self.rng.randint(1, 10)) if done and due <= self.today else None
        self.add(self.s.milestones, strategy_id=strategy_id, goal_id=goal_id, title=title, due_on=due, done_on=done_on)

    # --- meetings --------------------------------------------------------------------------------------------

    def meeting_year(self) -> None:
        days = eac_meeting_dates(self.today)
        past = [d for d in days if d < self.today]
        cancelled = past[len(past) // 2]
        topics = list(data.EAC_TOPICS)
        self.rng.shuffle(topics)
        for n, day in enumerate(days):
            picked = [topics[(2 * n + i) % len(topics)] for i in range(self.rng.choice((1, 2, 2, 3)))]
            self.meeting("eac", n, day, picked, [d for d in past if d != cancelled], cancelled=day == cancelled)
        team_days = [first_thursday(m.year, m.month) for m in (add_months(self.today, k) for k in (-4, -1, 1))]
        for n, day in enumerate(team_days):
            picked = [data.AI_TOPICS[(2 * n + i) % len(data.AI_TOPICS)] for i in range(2)]
            self.meeting("ai", n, day, picked, [d for d in team_days if d < self.today])

    def meeting(
        self, committee: str, n: int, day: date, topics: list[data.TopicSeed], held_days: list[date], *,
        cancelled: bool = False,
    ) -> None:  # fmt: skip
        eac = committee == "eac"
        committee_id = self.committees[committee]
        starts = datetime.combine(day, time(18, 0) if eac else time(15, 30))
        held = day in held_days
        later = [d for d in held_days if d > day]
        approved_on = later[0] if held and later else None  # minutes are approved at the next meeting
        status = MeetingStatus.CANCELLED if cancelled else MeetingStatus.HELD if held else MeetingStatus.PLANNED
        winter = day.month in (12, 1, 2, 3)
        row = self.add(self.s.meetings, committee_id=committee_id, starts_at=starts, status=status,
                       title=f"{MONTHS[day.month - 1]} meeting" if eac else f"Plan team: {MONTHS[day.month - 1]}",
                       ends_at=starts + timedelta(minutes=120 if eac else 90),
                       location=data.LOCATIONS[n % len(data.LOCATIONS)] if eac else data.TEAM_ROOM,
                       virtual_link=f"https://meet.example.org/eac-{day:%Y-%m}" if eac and n % 2 == 0 else None,
                       notes=(data.CANCELLED_WINTER if winter else data.CANCELLED_QUORUM) if cancelled else None,
                       minutes_status=MinutesStatus.DRAFT)  # fmt: skip
        present = self.attendance(row.id, committee_id, day) if held else []
        chair = "hodan" if eac else "keisha"
        opening = data.OPENING._replace(
            summary=data.OPENING.summary.format(chair=self.name(chair), time=f"{starts:%H:%M}")
        )
        items = [opening, data.APPROVAL, *topics]
        if eac:
            items.append(data.TopicSeed("Public comment", AgendaKind.PUBLIC_COMMENT, None, "", 10,
                                        self.rng.choice(data.PUBLIC_COMMENTS)))  # fmt: skip
        for position, t in enumerate(items, start=1):
            item = self.add(self.s.agenda, meeting_id=row.id, position=position, title=t.title, kind=t.kind,
                            presenter=self.name(t.presenter or chair), minutes_allotted=t.minutes,
                            strategy_id=self.strategies.get(t.strategy) if t.strategy else None,
                            minutes_text=t.summary if held else None)  # fmt: skip
            if held and t.motion:
                self.decision(row.id, item.id, t.motion, present, routine=t is data.APPROVAL)
        if approved_on:  # approval locks the meeting's records, so it comes after them, as in real life
            self.s.meetings.update_in(
                self.session, row.id, {"minutes_status": MinutesStatus.APPROVED, "minutes_approved_on": approved_on}
            )
        if held:
            self.held.append(_HeldMeeting(row.id, day, committee_id))

    def attendance(self, meeting_id: int, committee_id: int, day: date) -> list[int]:
        """Record who came; return the ids of the voting members present (in person or remotely)."""
        present: list[int] = []
        for key, voting in self.seated(committee_id, day):
            status = self.rng.choices(ATTENDANCE, weights=(72, 12, 10, 6))[0]
            person_id = self.people[key].id
            self.add(self.s.attendance, meeting_id=meeting_id, person_id=person_id, status=status)
            if voting and status in (AttendanceStatus.PRESENT, AttendanceStatus.REMOTE):
                present.append(person_id)
        return present

    def decision(self, meeting_id: int, item_id: int, motion: str, present: list[int], *, routine: bool) -> None:
        outcome = "carried" if routine else OUTCOMES[self.motions % len(OUTCOMES)]
        self.motions += 0 if routine else 1
        n = len(present)
        votes: dict[str, int] = {}
        if outcome == "carried":
            against, abstain = self.rng.randint(0, 2), self.rng.randint(0, 1)
            votes = {"votes_for": n - against - abstain, "votes_against": against, "votes_abstain": abstain}
        elif outcome == "failed":
            votes = {"votes_for": n // 3, "votes_against": n - n // 3 - 1, "votes_abstain": 1}
        moved, seconded = self.rng.sample(present, 2) if n >= 2 else (None, None)
        self.add(self.s.decisions, meeting_id=meeting_id, agenda_item_id=item_id, motion=motion, moved_by_id=moved,
                 seconded_by_id=seconded, outcome=outcome, **votes)  # fmt: skip

    # --- action items ----------------------------------------------------------------------------------------

    def action_items(self) -> None:
        statuses = list(STATUS_PLAN)
        self.rng.shuffle(statuses)
        still_open = 0
        for seed, status in zip(data.ACTIONS, statuses, strict=True):
            team = bool(seed.link and seed.link.startswith("ai:"))
            link = (seed.link or "").removeprefix("ai:") or None
            committee_id = self.committees["ai" if team else "eac"]
            held = [m for m in self.held if m.committee_id == committee_id]
            origin = self.rng.choice(held)
            completed: date | None = None
            if status in OPEN_ACTION_STATUSES:
                still_open += 1
                if still_open % 3 == 0:  # every third item still open is overdue
                    origin = self.rng.choice([m for m in held if m.day <= self.days_ago(21)])
                    due = self.between(origin.day + timedelta(days=14), self.days_ago(1))
                else:
                    due = self.today + timedelta(days=self.rng.randint(7, 100))
            elif status == ActionStatus.DONE:
                completed = self.between(origin.day + timedelta(days=1), self.today)
                due = completed + timedelta(days=self.rng.randint(-10, 14))
            else:
                due = origin.day + timedelta(days=self.rng.randint(20, 90))
            owner = self.people.get(seed.owner)
            row = self.add(self.s.actions, committee_id=committee_id, title=seed.title, due_on=due, status=status,
                           owner_person_id=owner.id if owner else None, owner_text=None if owner else seed.owner,
                           priority=seed.priority, meeting_id=origin.id, completed_on=completed,
                           strategy_id=self.strategies[link] if link and not team else None,
                           goal_id=self.goals.get(link) if link and team else None)  # fmt: skip
            author = self.name(seed.owner if owner else "keisha" if team else "hodan")
            self.progress(row.id, status, origin.day, completed, author)

    def progress(self, action_id: int, status: ActionStatus, assigned: date, done: date | None, author: str) -> None:
        """The dated history that leads to the item's status: starting, notes, being blocked, finishing."""
        rng = self.rng
        end = done or self.today
        started = self.between(assigned + timedelta(days=2), min(end, assigned + timedelta(days=12)))

        def update(on: date, note: str | None, before: str | None = None, after: str | None = None) -> None:
            self.add(self.s.action_updates, action_item_id=action_id, on=on, note=note, status_from=before,
                     status_to=after, author=author)  # fmt: skip

        if status == ActionStatus.OPEN:
            if rng.random() < 0.4:
                update(started, rng.choice(data.PROGRESS_NOTES))
        elif status == ActionStatus.DROPPED:
            update(started, rng.choice(data.DROPPED_NOTES), "open", "dropped")
        else:
            update(started, None, "open", "in_progress")
            if status == ActionStatus.IN_PROGRESS:
                for _ in range(rng.randint(1, 2)):
                    update(self.between(started, end), rng.choice(data.PROGRESS_NOTES))
            elif status == ActionStatus.BLOCKED:
                update(self.between(started, end), rng.choice(data.BLOCKED_NOTES), "in_progress", "blocked")
            else:
                update(end, rng.choice(data.DONE_NOTES), "in_progress", "done")

    def days_ago(self, days: int) -> date:
        return self.today - timedelta(days=days)

    def between(self, first: date, last: date) -> date:
        """A random day from first to last (first when the range is empty), never after today."""
        span = max(0, (last - first).days)
        return min(first + timedelta(days=self.rng.randint(0, span)), self.today)


def _without_key(seed: data.PersonSeed) -> dict[str, Any]:
    values = seed._asdict()
    del values["key"]
    return values
