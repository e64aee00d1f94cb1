"""Every enumeration of the data model, defined once: stored values, and the labels people read."""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A string enum whose members carry a human label; the stored value is the member's value."""

    @property
    def label(self) -> str:
        return _LABELS.get(self, self.value.replace("_", " ").capitalize())

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]

    @classmethod
    def parse(cls, value: str) -> LabelledEnum:
        """Accept a stored value or a label, ignoring case and spacing; raise ValueError otherwise."""
        key = " ".join(str(value).replace("_", " ").replace("-", " ").split()).casefold()
        for m in cls:
            if key in (m.value.replace("_", " ").casefold(), m.label.replace("-", " ").casefold()):
                return m
        raise ValueError(f"{value!r} is not one of: {', '.join(m.label for m in cls)}")


class Role(LabelledEnum):
    CHAIR = "chair"
    CO_CHAIR = "co_chair"
    SECRETARY = "secretary"
    MEMBER = "member"
    EX_OFFICIO = "ex_officio"
    STAFF_LIAISON = "staff_liaison"
    ALTERNATE = "alternate"


class StakeholderGroup(LabelledEnum):
    STUDENT = "student"
    PARENT_GUARDIAN = "parent_guardian"
    TEACHER = "teacher"
    SUPPORT_STAFF = "support_staff"
    ADMINISTRATOR = "administrator"
    COMMUNITY_MEMBER = "community_member"
    COMMUNITY_ORGANIZATION = "community_organization"
    BOARD_MEMBER = "board_member"


class MembershipStatus(LabelledEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"


class QuorumKind(LabelledEnum):
    COUNT = "count"
    SHARE = "share"


class MeetingStatus(LabelledEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class MinutesStatus(LabelledEnum):
    DRAFT = "draft"
    APPROVED = "approved"


class AgendaKind(LabelledEnum):
    INFORMATION = "information"
    DISCUSSION = "discussion"
    ACTION = "action"
    PUBLIC_COMMENT = "public_comment"


class AttendanceStatus(LabelledEnum):
    PRESENT = "present"
    REMOTE = "remote"
    ABSENT = "absent"
    EXCUSED = "excused"


class DecisionOutcome(LabelledEnum):
    CARRIED = "carried"
    FAILED = "failed"
    TABLED = "tabled"
    CONSENSUS = "consensus"


class ActionStatus(LabelledEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    BLOCKED = "blocked"
    DONE = "done"
    DROPPED = "dropped"


class Priority(LabelledEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"


class PlanKind(LabelledEnum):
    AI_PLAN = "ai_plan"
    STRATEGIC_ROADMAP = "strategic_roadmap"
    EQUITY_AUDIT = "equity_audit"


class GoalType(LabelledEnum):
    INTEGRATION = "integration"
    ACHIEVEMENT_DISPARITIES = "achievement_disparities"
    EFFECTIVE_DIVERSE_TEACHERS = "effective_diverse_teachers"
    OTHER = "other"


class Direction(LabelledEnum):
    INCREASE = "increase"
    DECREASE = "decrease"


class RagStatus(LabelledEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NOT_STARTED = "not_started"
    ACHIEVED = "achieved"
    NO_DATA = "no_data"


class IndicatorKind(LabelledEnum):
    """A value measured for everyone (or one group), or the gap between a student group and its comparison."""

    VALUE = "value"
    GAP = "gap"


class UnitKind(LabelledEnum):
    PERCENT = "percent"
    COUNT = "count"
    RATE = "rate"
    SCORE_POINTS = "score_points"


class MeasurementSeries(LabelledEnum):
    """Which series a measurement belongs to: a plain indicator's own, or one side of a gap indicator."""

    VALUE = "value"
    GROUP = "group"
    COMPARISON = "comparison"


class StatusSource(LabelledEnum):
    RULE = "rule"
    PERSON = "person"


class ChangeAction(LabelledEnum):
    CREATE = "create"
    UPDATE = "update"
    ARCHIVE = "archive"
    RESTORE = "restore"
    DELETE = "delete"


OPEN_ACTION_STATUSES = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.BLOCKED})

_LABELS: dict[StrEnum, str] = {
    Role.CO_CHAIR: "Co-chair",
    Role.EX_OFFICIO: "Ex officio",
    Role.STAFF_LIAISON: "Staff liaison",
    StakeholderGroup.PARENT_GUARDIAN: "Parent/guardian",
    PlanKind.AI_PLAN: "Achievement and Integration plan",
    PlanKind.STRATEGIC_ROADMAP: "Strategic roadmap",
    PlanKind.EQUITY_AUDIT: "Equity audit",
    GoalType.INTEGRATION: "Racial and economic integration",
    GoalType.ACHIEVEMENT_DISPARITIES: "Reducing achievement disparities",
    GoalType.EFFECTIVE_DIVERSE_TEACHERS: "Access to effective and diverse teachers",
    RagStatus.ON_TRACK: "On track",
    RagStatus.AT_RISK: "At risk",
    RagStatus.OFF_TRACK: "Off track",
    RagStatus.NOT_STARTED: "Not started",
    RagStatus.ACHIEVED: "Achieved",
    RagStatus.NO_DATA: "No data",
    UnitKind.SCORE_POINTS: "Score points",
    MeasurementSeries.GROUP: "Student group",
    MeasurementSeries.COMPARISON: "Comparison group",
    ActionStatus.IN_PROGRESS: "In progress",
    AgendaKind.PUBLIC_COMMENT: "Public comment",
}
