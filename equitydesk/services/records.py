"""Frozen copies of stored rows: what services hand across their boundary instead of live or detached ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any, Self

from equitydesk.domain.enums import (
    ActionStatus,
    AgendaKind,
    AttendanceStatus,
    DecisionOutcome,
    Direction,
    GoalType,
    MeetingStatus,
    MembershipStatus,
    MinutesStatus,
    PlanKind,
    Priority,
    QuorumKind,
    RagStatus,
    Role,
    StakeholderGroup,
)


@dataclass(frozen=True, slots=True)
class Record:
    """A row as plain values; each subclass names its fields after its table's columns, so callers read the same."""

    id: int

    @classmethod
    def of(cls, row: Any, **extra: Any) -> Self:
        """Copy a loaded row (call it inside the session, before the row can expire); `extra` gives the rest."""
        # Loaded values sit in the instance's __dict__; reading them there skips the ORM's attribute machinery,
        # which doubled the cost of reading 20,000 people. An expired or deferred value is still fetched by getattr.
        loaded = row.__dict__
        return cls(
            **{n: loaded[n] if n in loaded else getattr(row, n) for n in _field_names(cls) if n not in extra}, **extra
        )

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return _field_names(cls)


_FIELD_NAMES: dict[type[Record], tuple[str, ...]] = {}


def _field_names(cls: type[Record]) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


# --- rosters -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonRecord(Record):
    given_name: str
    family_name: str
    preferred_name: str | None
    pronouns: str | None
    email: str | None
    email_key: str | None
    name_key: str
    phone: str | None
    organization: str | None
    languages: str | None
    interpreter_language: str | None
    accessibility_needs: str | None
    notes: str | None
    archived: bool
    import_batch_id: int | None
    created_at: datetime
    updated_at: datetime

    @property
    def display_name(self) -> str:
        first = self.preferred_name or self.given_name
        return " ".join(p for p in (first, self.family_name) if p)


@dataclass(frozen=True, slots=True)
class CommitteeRecord(Record):
    name: str
    purpose: str | None
    quorum_kind: QuorumKind
    quorum_value: float
    archived: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class MembershipRecord(Record):
    person_id: int
    committee_id: int
    role: Role
    stakeholder_group: StakeholderGroup | None
    voting: bool
    term_start: date | None
    term_end: date | None
    status: MembershipStatus
    import_batch_id: int | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class PersonMembership(MembershipRecord):
    """A membership as a person's page lists it: with the committee's name."""

    committee_name: str


# --- meetings ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MeetingRecord(Record):
    committee_id: int
    title: str
    starts_at: datetime
    ends_at: datetime | None
    location: str | None
    virtual_link: str | None
    status: MeetingStatus
    minutes_status: MinutesStatus
    minutes_approved_on: date | None
    notes: str | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class AgendaItemRecord(Record):
    meeting_id: int
    position: int
    title: str
    kind: AgendaKind
    presenter: str | None
    minutes_allotted: int | None
    strategy_id: int | None
    description: str | None
    minutes_text: str | None
    confidential: bool
    presenter_person_id: int | None
    carried_from_id: int | None


@dataclass(frozen=True, slots=True)
class AttendanceRecord(Record):
    meeting_id: int
    person_id: int
    status: AttendanceStatus


@dataclass(frozen=True, slots=True)
class DecisionRecord(Record):
    meeting_id: int
    agenda_item_id: int | None
    motion: str
    moved_by_id: int | None
    seconded_by_id: int | None
    votes_for: int | None
    votes_against: int | None
    votes_abstain: int | None
    outcome: DecisionOutcome


# --- action items --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActionItemRecord(Record):
    committee_id: int
    title: str
    details: str | None
    owner_person_id: int | None
    owner_text: str | None
    due_on: date | None
    status: ActionStatus
    priority: Priority
    meeting_id: int | None
    agenda_item_id: int | None
    strategy_id: int | None
    goal_id: int | None
    completed_on: date | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class ActionUpdateRecord(Record):
    action_item_id: int
    on: date
    note: str | None
    status_from: ActionStatus | None
    status_to: ActionStatus | None
    author: str | None
    created_at: datetime


# --- roadmap -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlanRecord(Record):
    name: str
    kind: PlanKind
    committee_id: int | None
    period_start: date | None
    period_end: date | None
    description: str | None
    archived: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class StrategyRecord(Record):
    plan_id: int
    position: int
    code: str | None
    title: str
    description: str | None
    lead: str | None


@dataclass(frozen=True, slots=True)
class GoalRecord(Record):
    strategy_id: int
    position: int
    statement: str
    goal_type: GoalType


@dataclass(frozen=True, slots=True)
class IndicatorRecord(Record):
    goal_id: int
    name: str
    unit: str | None
    direction: Direction
    baseline_value: float | None
    baseline_on: date | None
    target_value: float | None
    target_on: date | None
    student_group: str | None
    comparison_group: str | None
    source: str | None
    notes: str | None


@dataclass(frozen=True, slots=True)
class MeasurementRecord(Record):
    indicator_id: int
    measured_on: date
    value: float
    source: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class MilestoneRecord(Record):
    strategy_id: int
    goal_id: int | None
    title: str
    due_on: date | None
    done_on: date | None
    notes: str | None


@dataclass(frozen=True, slots=True)
class StatusUpdateRecord(Record):
    strategy_id: int | None
    goal_id: int | None
    indicator_id: int | None
    on: date
    status: RagStatus
    is_override: bool
    reason: str | None
    created_at: datetime
