"""The home page's figures for one committee, from a handful of aggregate queries: what needs attention now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from equitydesk.db.tables import ActionItem, Committee, GroupTarget, Meeting, Membership, Plan
from equitydesk.domain.enums import OPEN_ACTION_STATUSES, MeetingStatus, MembershipStatus, RagStatus, StakeholderGroup
from equitydesk.services.context import ServiceContext
from equitydesk.services.errors import NotFound
from equitydesk.services.meetings import QuorumResult
from equitydesk.services.representation import Share
from equitydesk.services.roadmap_status import strategies_by_status

# "Due in the next 7 days": today through the seventh day after it, as the Action items view of that name counts
# (services/actions/items.py, due_within), so the figure and the list its button opens always agree.
WEEK_DAYS = 7
# Worst first, as a chair reads the figure.
ROADMAP_ORDER = (RagStatus.OFF_TRACK, RagStatus.AT_RISK, RagStatus.ON_TRACK, RagStatus.ACHIEVED,
                 RagStatus.NOT_STARTED, RagStatus.NO_DATA)  # fmt: skip


@dataclass(frozen=True)
class NextMeeting:
    id: int
    title: str
    starts_at: datetime


@dataclass(frozen=True)
class HomeFigures:
    """One committee at a glance; the quorum outlook counts voting members, as no attendance exists yet."""

    committee_id: int
    committee: str
    today: date
    open_actions: int
    overdue: int
    due_this_week: int
    next_meeting: NextMeeting | None
    voting_members: int
    quorum_needed: int
    targets_set: int  # stakeholder groups given a target share
    targets_missed: tuple[Share, ...]  # stakeholder groups below their target share
    roadmap: tuple[tuple[RagStatus, int], ...]  # strategies by the status rules' verdict today, worst first

    @property
    def quorum_reachable(self) -> bool:
        return self.voting_members >= self.quorum_needed

    @property
    def strategies(self) -> int:
        return sum(n for _status, n in self.roadmap)

    @property
    def strategies_behind(self) -> int:
        """Off track or at risk: the ones a chair asks about."""
        return sum(n for status, n in self.roadmap if status in (RagStatus.OFF_TRACK, RagStatus.AT_RISK))


class HomeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def figures(self, *, committee_id: int) -> HomeFigures:
        """Five statements, and the status snapshot's few per plan, whatever the size of the committee's lists."""
        today = self.ctx.today()
        with self.ctx.sessions() as session:
            voting = (
                select(func.count(Membership.id))
                .where(
                    Membership.committee_id == Committee.id,
                    Membership.voting.is_(True),
                    Membership.status == MembershipStatus.ACTIVE,
                )
                .correlate(Committee)
                .scalar_subquery()
            )
            head = session.execute(
                select(Committee.name, Committee.quorum_kind, Committee.quorum_value, voting).where(
                    Committee.id == committee_id
                )
            ).first()
            if head is None:
                raise NotFound("This committee no longer exists.")
            name, kind, value, voting_members = head
            is_open = ActionItem.status.in_(OPEN_ACTION_STATUSES)
            due = ActionItem.due_on
            open_n, overdue, week = session.execute(
                select(
                    func.count(ActionItem.id),
                    func.count(case((due < today, 1))),
                    func.count(case((due.between(today, today + timedelta(days=WEEK_DAYS)), 1))),
                ).where(ActionItem.committee_id == committee_id, is_open)
            ).one()
            meeting = session.execute(
                select(Meeting.id, Meeting.title, Meeting.starts_at)
                .where(
                    Meeting.committee_id == committee_id,
                    Meeting.status == MeetingStatus.PLANNED,
                    Meeting.starts_at >= datetime.combine(today, datetime.min.time()),
                )
                .order_by(Meeting.starts_at, Meeting.id)
                .limit(1)
            ).first()
            targets_set, missed = _targets(session, committee_id)
            roadmap = roadmap_at_a_glance(session, committee_id=committee_id, today=today)
        quorum = QuorumResult.compute(kind, value, int(voting_members or 0), int(voting_members or 0))
        return HomeFigures(
            committee_id=committee_id,
            committee=name,
            today=today,
            open_actions=int(open_n),
            overdue=int(overdue),
            due_this_week=int(week),
            next_meeting=NextMeeting(*meeting) if meeting is not None else None,
            voting_members=quorum.voting_members,
            quorum_needed=quorum.needed,
            targets_set=targets_set,
            targets_missed=missed,
            roadmap=roadmap,
        )


def _targets(session: Session, committee_id: int) -> tuple[int, tuple[Share, ...]]:
    """Active members by stakeholder group against the targets, by the representation summary's rule (Share)."""
    counts = dict(
        session.execute(
            select(Membership.stakeholder_group, func.count(Membership.id))
            .where(Membership.committee_id == committee_id, Membership.status == MembershipStatus.ACTIVE)
            .group_by(Membership.stakeholder_group)
        ).all()
    )
    targets = dict(
        session.execute(
            select(GroupTarget.stakeholder_group, GroupTarget.share).where(GroupTarget.committee_id == committee_id)
        ).all()
    )
    total = sum(counts.values())
    shares = (
        Share(group.label, counts.get(group, 0), counts.get(group, 0) / total if total else 0.0, targets[group])
        for group in StakeholderGroup
        if group in targets
    )
    return len(targets), tuple(s for s in shares if s.target_met is False)


def roadmap_at_a_glance(session: Session, *, committee_id: int, today: date) -> tuple[tuple[RagStatus, int], ...]:
    """Strategies of the committee's plans and of district-wide plans (no committee), by the status service's rules.

    A statement for the plans, then the status snapshot's few per plan: never one per strategy or measurement.
    """
    plan_ids = list(
        session.scalars(
            select(Plan.id)
            .where(Plan.archived.is_(False), or_(Plan.committee_id == committee_id, Plan.committee_id.is_(None)))
            .order_by(Plan.id)
        )
    )
    found = strategies_by_status(session, plan_ids, today)
    return tuple((status, found[status]) for status in ROADMAP_ORDER if found.get(status))
