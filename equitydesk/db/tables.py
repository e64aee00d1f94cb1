"""The data model of DESIGN.md as typed SQLAlchemy tables: rosters, meetings, actions, roadmaps, audit trail."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from equitydesk.db.base import Base, enum_column, utcnow
from equitydesk.domain.enums import (
    ActionStatus,
    AgendaKind,
    AttendanceStatus,
    ChangeAction,
    DecisionOutcome,
    Direction,
    GoalType,
    IndicatorKind,
    MeasurementSeries,
    MeetingStatus,
    MembershipStatus,
    MinutesStatus,
    PlanKind,
    Priority,
    QuorumKind,
    RagStatus,
    Role,
    StakeholderGroup,
    StatusSource,
    UnitKind,
)
from equitydesk.domain.votes import VoteChoice, VoteRule


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


# --- rosters -------------------------------------------------------------------------------------------------


class Person(Timestamped, Base):
    """Someone on one or more committees. Deliberately no citizenship, immigration status or student ID."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    given_name: Mapped[str] = mapped_column(String(200), default="")
    family_name: Mapped[str] = mapped_column(String(200), default="")
    preferred_name: Mapped[str | None] = mapped_column(String(200))
    pronouns: Mapped[str | None] = mapped_column(String(60))
    email: Mapped[str | None] = mapped_column(String(320))
    # Lower-cased e-mail, for duplicate matching that ignores case.
    email_key: Mapped[str | None] = mapped_column(String(320), index=True)
    # Case-folded "family|given", for duplicate matching of people without an e-mail. Not indexed: matching loads
    # the keys once per import, and every index costs a bulk import of 100,000 people about a third of a second.
    name_key: Mapped[str] = mapped_column(String(420), default="")
    phone: Mapped[str | None] = mapped_column(String(60))
    organization: Mapped[str | None] = mapped_column(String(200))
    languages: Mapped[str | None] = mapped_column(String(300))
    interpreter_language: Mapped[str | None] = mapped_column(String(100))
    accessibility_needs: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    # The import that created this person, so that an import can be undone whole (undo scans; it is rare).
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id", ondelete="SET NULL"))

    memberships: Mapped[list[Membership]] = relationship(back_populates="person", passive_deletes=True)

    __table_args__ = (CheckConstraint("given_name <> '' OR family_name <> ''", name="has_name"),)

    @property
    def display_name(self) -> str:
        first = self.preferred_name or self.given_name
        return " ".join(p for p in (first, self.family_name) if p)


class Committee(Timestamped, Base):
    __tablename__ = "committee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    purpose: Mapped[str | None] = mapped_column(Text)
    quorum_kind: Mapped[QuorumKind] = mapped_column(enum_column(QuorumKind, "quorum_kind"), default=QuorumKind.SHARE)
    # A head count for COUNT, a share of voting members (0-1) for SHARE.
    quorum_value: Mapped[float] = mapped_column(Float, default=0.51)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)

    memberships: Mapped[list[Membership]] = relationship(back_populates="committee", passive_deletes=True)


class Membership(Timestamped, Base):
    __tablename__ = "membership"

    id: Mapped[int] = mapped_column(primary_key=True)
    # No index of its own: the unique (person_id, committee_id) index serves lookups by person.
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"), default=Role.MEMBER)
    stakeholder_group: Mapped[StakeholderGroup | None] = mapped_column(
        enum_column(StakeholderGroup, "stakeholder_group")
    )
    voting: Mapped[bool] = mapped_column(Boolean, default=True)
    term_start: Mapped[date | None] = mapped_column(Date)
    term_end: Mapped[date | None] = mapped_column(Date)
    status: Mapped[MembershipStatus] = mapped_column(
        enum_column(MembershipStatus, "membership_status"), default=MembershipStatus.ACTIVE
    )
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id", ondelete="SET NULL"))

    person: Mapped[Person] = relationship(back_populates="memberships")
    committee: Mapped[Committee] = relationship(back_populates="memberships")

    __table_args__ = (
        UniqueConstraint("person_id", "committee_id"),
        CheckConstraint("term_end IS NULL OR term_start IS NULL OR term_end >= term_start", name="term_order"),
    )


class GroupTarget(Base):
    """An optional target share of a committee's members for one stakeholder group."""

    __tablename__ = "group_target"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id", ondelete="CASCADE"), index=True)
    stakeholder_group: Mapped[StakeholderGroup] = mapped_column(enum_column(StakeholderGroup, "target_group"))
    share: Mapped[float] = mapped_column(Float)

    __table_args__ = (
        UniqueConstraint("committee_id", "stakeholder_group"),
        CheckConstraint("share >= 0 AND share <= 1", name="share_range"),
    )


# --- meetings ------------------------------------------------------------------------------------------------


class Meeting(Timestamped, Base):
    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    starts_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    ends_at: Mapped[datetime | None] = mapped_column(DateTime)
    location: Mapped[str | None] = mapped_column(String(300))
    virtual_link: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[MeetingStatus] = mapped_column(
        enum_column(MeetingStatus, "meeting_status"), default=MeetingStatus.PLANNED
    )
    minutes_status: Mapped[MinutesStatus] = mapped_column(
        enum_column(MinutesStatus, "minutes_status"), default=MinutesStatus.DRAFT
    )
    minutes_approved_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    called_to_order_at: Mapped[datetime | None] = mapped_column(DateTime)
    adjourned_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Minutes are approved at a later meeting; that meeting is named here (and minutes_approved_on is its date).
    minutes_approved_at_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"))
    # The secretary's text of the minutes, started from the generated draft; frozen once the minutes are approved.
    minutes_draft: Mapped[str | None] = mapped_column(Text)
    # An IANA name (America/Chicago); None: the default, domain.agenda_times.DEFAULT_TIME_ZONE.
    time_zone: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (CheckConstraint("ends_at IS NULL OR ends_at >= starts_at", name="time_order"),)


class AgendaItem(Base):
    __tablename__ = "agenda_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[AgendaKind] = mapped_column(enum_column(AgendaKind, "agenda_kind"), default=AgendaKind.DISCUSSION)
    presenter: Mapped[str | None] = mapped_column(String(200))
    minutes_allotted: Mapped[int | None] = mapped_column(Integer)
    strategy_id: Mapped[int | None] = mapped_column(ForeignKey("strategy.id", ondelete="SET NULL"), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    minutes_text: Mapped[str | None] = mapped_column(Text)
    # Closed session: the item and its outcome never reach a public document.
    confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # A member presenting (their name follows them); `presenter` holds free text such as "District staff".
    presenter_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    # An item not reached at an earlier meeting and carried into this one.
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id", ondelete="SET NULL"))
    # None: not marked; False: not reached, so the next meeting's draft agenda carries it forward.
    reached: Mapped[bool | None] = mapped_column(Boolean)


class Attendance(Base):
    __tablename__ = "attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    status: Mapped[AttendanceStatus] = mapped_column(enum_column(AttendanceStatus, "attendance_status"))

    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)


class Decision(Base):
    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id", ondelete="SET NULL"), index=True)
    motion: Mapped[str] = mapped_column(Text)
    moved_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), index=True)
    seconded_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), index=True)
    votes_for: Mapped[int | None] = mapped_column(Integer)
    votes_against: Mapped[int | None] = mapped_column(Integer)
    votes_abstain: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[DecisionOutcome] = mapped_column(enum_column(DecisionOutcome, "decision_outcome"))
    vote_rule: Mapped[VoteRule] = mapped_column(
        enum_column(VoteRule, "vote_rule"), default=VoteRule.MAJORITY_CAST, server_default=VoteRule.MAJORITY_CAST.value
    )


class DecisionVote(Base):
    """One voting member's part in a roll-call vote; the decision's counts are worked out from these rows."""

    __tablename__ = "decision_vote"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    choice: Mapped[VoteChoice] = mapped_column(enum_column(VoteChoice, "vote_choice"))

    __table_args__ = (UniqueConstraint("decision_id", "person_id"),)


class MeetingGuest(Base):
    """Someone at a meeting who is not on the committee (a presenter, district staff, a family member)."""

    __tablename__ = "meeting_guest"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    affiliation: Mapped[str | None] = mapped_column(String(200))


class MinutesAmendment(Base):
    """A dated correction to approved minutes: approved text is never edited, amendments are added beside it."""

    __tablename__ = "minutes_amendment"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    # The meeting at which the amendment was adopted, when it was.
    adopted_at_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"))
    author: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


# --- action items --------------------------------------------------------------------------------------------


class ActionItem(Timestamped, Base):
    __tablename__ = "action_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    details: Mapped[str | None] = mapped_column(Text)
    owner_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), index=True)
    # An owner who is not on the roster ("District communications office").
    owner_text: Mapped[str | None] = mapped_column(String(200))
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[ActionStatus] = mapped_column(
        enum_column(ActionStatus, "action_status"), default=ActionStatus.OPEN, index=True
    )
    priority: Mapped[Priority] = mapped_column(enum_column(Priority, "priority"), default=Priority.NORMAL)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id", ondelete="SET NULL"))
    strategy_id: Mapped[int | None] = mapped_column(ForeignKey("strategy.id", ondelete="SET NULL"), index=True)
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goal.id", ondelete="SET NULL"), index=True)
    completed_on: Mapped[date | None] = mapped_column(Date)
    # Why an item is blocked or dropped, kept while it stays so (cleared when it moves on).
    status_reason: Mapped[str | None] = mapped_column(String(500))
    # The import that created this item, so that an import of a tracker can be undone whole.
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id", ondelete="SET NULL"))


class ActionOwner(Base):
    """One of an action item's owners: a member (person_id) or free text ("Facilities"). owner_person_id and
    owner_text on action_item mirror the first owner, for readers written before several owners were allowed."""

    __tablename__ = "action_owner"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_item_id: Mapped[int] = mapped_column(ForeignKey("action_item.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    text: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (CheckConstraint("(person_id IS NULL) <> (text IS NULL)", name="person_or_text"),)


class ActionUpdate(Base):
    __tablename__ = "action_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_item_id: Mapped[int] = mapped_column(ForeignKey("action_item.id", ondelete="CASCADE"), index=True)
    on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    status_from: Mapped[ActionStatus | None] = mapped_column(enum_column(ActionStatus, "update_status_from"))
    status_to: Mapped[ActionStatus | None] = mapped_column(enum_column(ActionStatus, "update_status_to"))
    author: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # A change of due date, recorded as it happens (both None when the update did not move the date).
    due_from: Mapped[date | None] = mapped_column(Date)
    due_to: Mapped[date | None] = mapped_column(Date)


# --- roadmap -------------------------------------------------------------------------------------------------


class Plan(Timestamped, Base):
    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[PlanKind] = mapped_column(enum_column(PlanKind, "plan_kind"))
    committee_id: Mapped[int | None] = mapped_column(ForeignKey("committee.id", ondelete="SET NULL"), index=True)
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    description: Mapped[str | None] = mapped_column(Text)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    # The template the plan was made from (its file name without .toml), for what the template adds later.
    template: Mapped[str | None] = mapped_column(String(60))
    # Status thresholds as shares of expected progress: at least on_track is on track, at least at_risk at risk.
    on_track_threshold: Mapped[float] = mapped_column(Float, default=0.9, server_default="0.9")
    at_risk_threshold: Mapped[float] = mapped_column(Float, default=0.7, server_default="0.7")
    # What an A&I plan must name: its racially identifiable schools and the districts it collaborates with.
    racially_identifiable_schools: Mapped[str | None] = mapped_column(Text)
    collaborating_districts: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint(
            "at_risk_threshold >= 0 AND at_risk_threshold <= on_track_threshold AND on_track_threshold <= 1",
            name="threshold_order",
        ),
    )


class Strategy(Base):
    __tablename__ = "strategy"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    code: Mapped[str | None] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    lead: Mapped[str | None] = mapped_column(String(200))


class Goal(Base):
    __tablename__ = "goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    strategy_id: Mapped[int] = mapped_column(ForeignKey("strategy.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    statement: Mapped[str] = mapped_column(Text)
    goal_type: Mapped[GoalType] = mapped_column(enum_column(GoalType, "goal_type"), default=GoalType.OTHER)
    code: Mapped[str | None] = mapped_column(String(20))
    description: Mapped[str | None] = mapped_column(Text)
    lead: Mapped[str | None] = mapped_column(String(200))


class Indicator(Base):
    __tablename__ = "indicator"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    code: Mapped[str | None] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[IndicatorKind] = mapped_column(
        enum_column(IndicatorKind, "indicator_kind"), default=IndicatorKind.VALUE, server_default="value"
    )
    unit_kind: Mapped[UnitKind] = mapped_column(
        enum_column(UnitKind, "unit_kind"), default=UnitKind.PERCENT, server_default="percent"
    )
    # A word for the unit where the kind alone says too little ("students", "suspensions per 100").
    unit: Mapped[str | None] = mapped_column(String(40))
    direction: Mapped[Direction] = mapped_column(enum_column(Direction, "direction"), default=Direction.INCREASE)
    baseline_value: Mapped[float | None] = mapped_column(Float)
    baseline_on: Mapped[date | None] = mapped_column(Date)
    target_value: Mapped[float | None] = mapped_column(Float)
    target_on: Mapped[date | None] = mapped_column(Date)
    # For gap indicators: the value measured is the gap between these two groups.
    student_group: Mapped[str | None] = mapped_column(String(200))
    comparison_group: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)


class Measurement(Base):
    __tablename__ = "measurement"

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"), index=True)
    measured_on: Mapped[date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str | None] = mapped_column(String(300))
    note: Mapped[str | None] = mapped_column(Text)
    # A gap indicator's measurements belong to its student group or to its comparison group.
    series: Mapped[MeasurementSeries] = mapped_column(
        enum_column(MeasurementSeries, "measurement_series"), default=MeasurementSeries.VALUE, server_default="value"
    )

    __table_args__ = (UniqueConstraint("indicator_id", "measured_on", "series"),)


class IndicatorStep(Base):
    """An annual step: the value an indicator should reach by a date, where the path to the target is not a line."""

    __tablename__ = "indicator_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"), index=True)
    on: Mapped[date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)

    __table_args__ = (UniqueConstraint("indicator_id", "on"),)


class Milestone(Base):
    __tablename__ = "milestone"

    id: Mapped[int] = mapped_column(primary_key=True)
    strategy_id: Mapped[int] = mapped_column(ForeignKey("strategy.id", ondelete="CASCADE"), index=True)
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goal.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    due_on: Mapped[date | None] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class StatusUpdate(Base):
    """A red/amber/green status of a strategy, goal or indicator at a date; the history is kept."""

    __tablename__ = "status_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    strategy_id: Mapped[int | None] = mapped_column(ForeignKey("strategy.id", ondelete="CASCADE"), index=True)
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"), index=True)
    indicator_id: Mapped[int | None] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"), index=True)
    on: Mapped[date] = mapped_column(Date)
    status: Mapped[RagStatus] = mapped_column(enum_column(RagStatus, "rag_status"))
    # True when a person overrode the status computed from data; the reason is then required.
    is_override: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Who set it: the status rules (a change in the computed status), or a person (an override, or its removal).
    source: Mapped[StatusSource] = mapped_column(
        enum_column(StatusSource, "status_source"), default=StatusSource.RULE, server_default="rule"
    )
    # Who set it by hand (the actor of the session), for "Set by hand by …" next to the status.
    set_by: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (
        CheckConstraint(
            "(strategy_id IS NOT NULL) + (goal_id IS NOT NULL) + (indicator_id IS NOT NULL) = 1", name="one_subject"
        ),
        CheckConstraint("NOT is_override OR reason IS NOT NULL", name="override_reason"),
    )


# --- audit ---------------------------------------------------------------------------------------------------


class ImportBatch(Base):
    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    sheet: Mapped[str | None] = mapped_column(String(200))
    header_row: Mapped[int | None] = mapped_column(Integer)
    committee_id: Mapped[int | None] = mapped_column(ForeignKey("committee.id", ondelete="SET NULL"))
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    # Rows by outcome as the import's summary words them (new, updated, unchanged, merged, skipped, warnings).
    counts: Mapped[dict[str, int] | None] = mapped_column(JSON)
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    imported_by: Mapped[str | None] = mapped_column(String(200))
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)


class ChangeLog(Base):
    """Who changed what and when. Entries about a person are erased with the person (subject_person_id)."""

    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[ChangeAction] = mapped_column(enum_column(ChangeAction, "change_action"))
    # {field: [before, after]} in JSON-friendly form.
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    subject_person_id: Mapped[int | None] = mapped_column(Integer, index=True)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id", ondelete="SET NULL"), index=True)

    __table_args__ = (Index("ix_change_log_entity", "entity", "entity_id"),)
