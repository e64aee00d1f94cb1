"""Everything a meeting document prints, read in one session into plain values before any section is assembled."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from equitydesk.db.tables import (
    ActionItem,
    AgendaItem,
    Attendance,
    Committee,
    Decision,
    Meeting,
    Membership,
    Person,
)
from equitydesk.domain.enums import OPEN_ACTION_STATUSES, MeetingStatus, MembershipStatus, StakeholderGroup
from equitydesk.domain.quorum import Quorum
from equitydesk.services.attendance import attendance_sheet
from equitydesk.services.errors import NotFound


@dataclass(frozen=True)
class Seat:
    """A current member as documents list them."""

    person: Person
    membership: Membership

    @property
    def is_student(self) -> bool:
        return self.membership.stakeholder_group == StakeholderGroup.STUDENT


@dataclass(frozen=True)
class MeetingRecordSet:
    """One meeting with its agenda, attendance, decisions and the actions it created."""

    meeting: Meeting
    items: list[AgendaItem]
    attendance: list[tuple[Attendance, Person]]
    decisions: list[Decision]
    actions: list[ActionItem]
    quorum: Quorum  # the attendance sheet's own, so that the printed minutes and the window agree


def load_meeting(session: Session, meeting_id: int) -> MeetingRecordSet:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(
            f"There is no meeting {meeting_id}; `equitydesk list meetings` shows their numbers.", field="meeting"
        )
    items = list(
        session.scalars(
            select(AgendaItem).where(AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position, AgendaItem.id)
        )
    )
    attendance = [
        (a, p)
        for a, p in session.execute(
            select(Attendance, Person)
            .join(Person, Person.id == Attendance.person_id)
            .where(Attendance.meeting_id == meeting_id)
        )
    ]
    decisions = list(session.scalars(select(Decision).where(Decision.meeting_id == meeting_id).order_by(Decision.id)))
    actions = list(
        session.scalars(select(ActionItem).where(ActionItem.meeting_id == meeting_id).order_by(ActionItem.id))
    )
    quorum = attendance_sheet(session, meeting_id).quorum
    return MeetingRecordSet(meeting, items, attendance, decisions, actions, quorum)


def committee_of(session: Session, meeting: Meeting) -> Committee:
    committee = session.get(Committee, meeting.committee_id)
    assert committee is not None  # a foreign key with ON DELETE CASCADE
    return committee


def previous_meeting(session: Session, meeting: Meeting) -> Meeting | None:
    """The committee's last meeting before this one that was not cancelled: the one whose minutes are read."""
    return session.scalar(
        select(Meeting)
        .where(
            Meeting.committee_id == meeting.committee_id,
            Meeting.starts_at < meeting.starts_at,
            Meeting.status != MeetingStatus.CANCELLED,
        )
        .order_by(Meeting.starts_at.desc())
        .limit(1)
    )


def seats(session: Session, committee_id: int) -> list[Seat]:
    rows = session.execute(
        select(Person, Membership)
        .join(Membership, Membership.person_id == Person.id)
        .where(
            Membership.committee_id == committee_id,
            Membership.status == MembershipStatus.ACTIVE,
            Person.archived.is_(False),
        )
    )
    found = [Seat(p, m) for p, m in rows]
    found.sort(key=lambda s: (_collate(s.person.family_name or s.person.given_name), _collate(s.person.given_name)))
    return found


def open_actions(session: Session, committee_id: int) -> list[tuple[ActionItem, Person | None]]:
    rows = session.execute(
        select(ActionItem, Person)
        .outerjoin(Person, Person.id == ActionItem.owner_person_id)
        .where(ActionItem.committee_id == committee_id, ActionItem.status.in_(OPEN_ACTION_STATUSES))
        .order_by(ActionItem.due_on.is_(None), ActionItem.due_on, ActionItem.id)
    )
    return list(rows)


def confidential_item_ids(session: Session, item_ids: set[int]) -> set[int]:
    if not item_ids:
        return set()
    return set(
        session.scalars(select(AgendaItem.id).where(AgendaItem.id.in_(item_ids), AgendaItem.confidential.is_(True)))
    )


def people_by_id(session: Session, ids: set[int]) -> dict[int, Person]:
    if not ids:
        return {}
    return {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(ids)))}


def _collate(text: str | None) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", (text or "").strip())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def interpreter_languages(seats_: list[Seat], guests: list[Person]) -> list[str]:
    """The languages to book interpreters for, from who is expected; a language, never who needs it."""
    found: dict[str, str] = {}
    for person in [s.person for s in seats_] + guests:
        language = (person.interpreter_language or "").strip()
        if language:
            found.setdefault(language.casefold(), language)
    return sorted(found.values(), key=str.casefold)


def carried_meetings(session: Session, item_ids: set[int]) -> dict[int, str]:
    """For items carried forward: the earlier item's id → the meeting it came from, as an agenda names it."""
    if not item_ids:
        return {}
    rows = session.execute(
        select(AgendaItem.id, Meeting.title, Meeting.starts_at)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(AgendaItem.id.in_(item_ids))
    )
    return {item_id: f"{title} ({starts:%B} {starts.day}, {starts.year})" for item_id, title, starts in rows}
