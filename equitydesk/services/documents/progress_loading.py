"""What the progress report prints, read in one session: the plan's status, its actions, owners and meetings."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from equitydesk.db.tables import ActionItem, Committee, Measurement, Meeting, Person
from equitydesk.domain.enums import ActionStatus, MeetingStatus
from equitydesk.services import roadmap_snapshot as snapshot
from equitydesk.services.actions.owners import read_owners
from equitydesk.services.documents import loading
from equitydesk.services.roadmap_snapshot import PlanStatus, Snapshot


@dataclass(frozen=True)
class Owner:
    name: str
    person: Person | None


@dataclass(frozen=True)
class ActionLine:
    """An action item of a strategy as the report lists it, with its owners and whether it came from closed session."""

    item: ActionItem
    owners: tuple[Owner, ...]
    confidential: bool


@dataclass(frozen=True)
class ProgressData:
    snap: Snapshot
    status: PlanStatus
    committee: Committee | None
    actions: dict[int, list[ActionLine]]  # by strategy id
    notes: dict[int, list[tuple[dt.date, str]]]  # measurement notes by indicator id, oldest first
    meetings: list[Meeting]  # the committee's meetings from a year back on, for the A&I checklist


def load_progress(session: Session, plan_id: int, today: dt.date) -> ProgressData:
    snap = snapshot.load(session, plan_id)
    # The one status computation every reader shares: the Roadmap page, the packet and `status --plan` say the same.
    status = snapshot.compute(snap, today)
    committee = session.get(Committee, snap.plan.committee_id) if snap.plan.committee_id else None
    strategy_of_goal = {g.id: s_id for s_id, goals in snap.goals.items() for g in goals}
    strategy_ids = [s.id for s in snap.strategies]
    items = list(
        session.scalars(
            select(ActionItem)
            .where(ActionItem.strategy_id.in_(strategy_ids) | ActionItem.goal_id.in_(list(strategy_of_goal)))
            .order_by(ActionItem.due_on.is_(None), ActionItem.due_on, ActionItem.id)
        )
    )
    owners = read_owners(session, [x.id for x in items])
    people = loading.people_by_id(session, {o.person_id for rows in owners.values() for o in rows if o.person_id})
    hidden = loading.confidential_item_ids(session, {x.agenda_item_id for x in items if x.agenda_item_id})
    actions: dict[int, list[ActionLine]] = defaultdict(list)
    for item in items:
        strategy_id = item.strategy_id if item.strategy_id in strategy_ids else strategy_of_goal.get(item.goal_id or 0)
        if strategy_id is None:
            continue
        found = tuple(Owner(o.name, people.get(o.person_id) if o.person_id else None) for o in owners.get(item.id, []))
        actions[strategy_id].append(ActionLine(item, found, item.agenda_item_id in hidden))
    indicator_ids = [i.id for rows in snap.indicators.values() for i in rows]
    notes: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    for ind_id, on, note in session.execute(
        select(Measurement.indicator_id, Measurement.measured_on, Measurement.note)
        .where(Measurement.indicator_id.in_(indicator_ids), Measurement.note.is_not(None), Measurement.note != "")
        .order_by(Measurement.measured_on, Measurement.id)
    ):
        notes[ind_id].append((on, note or ""))
    meetings: list[Meeting] = []
    if committee is not None:
        meetings = list(
            session.scalars(
                select(Meeting)
                .where(
                    Meeting.committee_id == committee.id,
                    Meeting.status != MeetingStatus.CANCELLED,
                    Meeting.starts_at >= dt.datetime.combine(today - dt.timedelta(days=366), dt.time()),
                )
                .order_by(Meeting.starts_at)
            )
        )
    return ProgressData(snap, status, committee, dict(actions), dict(notes), meetings)


def completed_within(line: ActionLine, start: dt.date, end: dt.date) -> bool:
    done = line.item.completed_on
    return line.item.status == ActionStatus.DONE and done is not None and start < done <= end
