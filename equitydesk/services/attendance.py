"""Attendance at a meeting: who is expected (the committee's current members), who came, guests, and the quorum."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from equitydesk.db.tables import Attendance, Committee, Meeting, MeetingGuest, Membership, Person
from equitydesk.domain.enums import AttendanceStatus, ChangeAction, MembershipStatus, MinutesStatus, Role
from equitydesk.domain.quorum import Quorum, quorum
from equitydesk.services import changelog
from equitydesk.services.crud import Column, EntityService
from equitydesk.services.errors import DomainError, NotFound
from equitydesk.services.fields import Field
from equitydesk.services.meetings import LockedByApprovedMinutes
from equitydesk.services.records import AttendanceRecord

PRESENT = (AttendanceStatus.PRESENT, AttendanceStatus.REMOTE)


@dataclass(frozen=True, slots=True)
class Attendee:
    """One expected person at a meeting, with their status (None: not recorded yet)."""

    person_id: int
    name: str
    role: Role | None  # None: not a current member (recorded earlier, since left)
    voting: bool
    status: AttendanceStatus | None
    interpreter_language: str | None


@dataclass(frozen=True, slots=True)
class Guest:
    id: int
    meeting_id: int
    name: str
    affiliation: str | None


@dataclass(frozen=True, slots=True)
class AttendanceSheet:
    meeting_id: int
    locked: bool
    attendees: tuple[Attendee, ...]
    guests: tuple[Guest, ...]
    quorum: Quorum
    interpreter_languages: tuple[str, ...]  # needed by who is expected, in alphabetical order


@dataclass(frozen=True)
class StatusesChanged:
    """What change_statuses did: the meeting, each person's status before (None: none recorded) and the sheet."""

    meeting_id: int
    before: dict[int, AttendanceStatus | None]
    sheet: AttendanceSheet


class AttendanceService(LockedByApprovedMinutes, EntityService[Attendance, AttendanceRecord]):
    table = Attendance
    record = AttendanceRecord
    entity = "attendance"
    noun = "attendance record"
    fields = {
        "meeting_id": Field("Meeting", kind="ref", required=True),
        "person_id": Field("Person", kind="ref", required=True),
        "status": Field("Attendance", kind="enum", enum=AttendanceStatus, required=True),
    }

    def columns(self) -> dict[str, Column]:
        return {"meeting_id": Column("Meeting", Attendance.meeting_id), "status": Column("Status", Attendance.status)}

    def subject_person_id(self, obj: Attendance) -> int | None:
        return obj.person_id

    def history_of(self, person_id: int) -> list[dict[str, Any]]:
        """A person's attendance, newest meeting first."""
        with self.ctx.sessions() as session:
            rows = session.execute(
                select(Meeting.starts_at, Meeting.title, Committee.name, Attendance.status)
                .join(Meeting, Meeting.id == Attendance.meeting_id)
                .join(Committee, Committee.id == Meeting.committee_id)
                .where(Attendance.person_id == person_id)
                .order_by(Meeting.starts_at.desc())
            )
            return [{"starts_at": s, "meeting": t, "committee": c, "status": st} for s, t, c, st in rows]

    # --- the meeting's sheet ---------------------------------------------------------------------------------

    def sheet(self, meeting_id: int) -> AttendanceSheet:
        """Everyone expected with their status, the guests, the quorum and the interpreters needed."""
        with self.ctx.sessions() as session:
            return attendance_sheet(session, meeting_id)

    def quorum(self, meeting_id: int) -> Quorum:
        return self.sheet(meeting_id).quorum

    def set_statuses(
        self, *, meeting_id: int, statuses: Mapping[int, AttendanceStatus | str | None]
    ) -> AttendanceSheet:
        """Set several people's status in one transaction (None clears it); "mark all present" is one call."""
        with self.ctx.sessions.begin() as session:
            return self._set_statuses_in(session, meeting_id, statuses)

    def _set_statuses_in(
        self, session: Session, meeting_id: int, statuses: Mapping[int, AttendanceStatus | str | None]
    ) -> AttendanceSheet:
        cleaned = {int(p): None if s in (None, "") else AttendanceStatus(s) for p, s in statuses.items()}
        self._check_unlocked(session, meeting_id)
        existing = {
            a.person_id: a for a in session.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id))
        }
        for person_id, status in cleaned.items():
            row = existing.get(person_id)
            if row is None and status is not None:
                self.create_in(session, {"meeting_id": meeting_id, "person_id": person_id, "status": status})
            elif row is not None and status is None:
                self._delete_in(session, row)
            elif row is not None and status != row.status:
                self.update_in(session, row.id, {"status": status})
        session.flush()
        return attendance_sheet(session, meeting_id)

    def change_statuses(
        self, *, meeting_id: int, statuses: Mapping[int, AttendanceStatus | str | None]
    ) -> StatusesChanged:
        """set_statuses(), also returning the statuses before (None: no record), which undo passes back in."""
        with self.ctx.sessions.begin() as session:
            rows = session.execute(
                select(Attendance.person_id, Attendance.status).where(Attendance.meeting_id == meeting_id)
            )
            stored = {p: s for p, s in rows}
            before = {int(p): stored.get(int(p)) for p in statuses}
            sheet = self._set_statuses_in(session, meeting_id, statuses)
            return StatusesChanged(meeting_id=meeting_id, before=before, sheet=sheet)

    def change_statuses_back(self, *, changed: StatusesChanged) -> StatusesChanged:
        """Undo (and redo) of change_statuses: the statuses it replaced come back, in one transaction."""
        return self.change_statuses(meeting_id=changed.meeting_id, statuses=changed.before)

    def set_status(self, *, meeting_id: int, person_id: int, status: AttendanceStatus | str | None) -> AttendanceSheet:
        return self.set_statuses(meeting_id=meeting_id, statuses={person_id: status})

    def _delete_in(self, session: Session, row: Attendance) -> None:
        changelog.record(
            session,
            actor=self.ctx.actor,
            entity=self.entity,
            entity_id=row.id,
            action=ChangeAction.DELETE,
            changes={"meeting_id": (row.meeting_id, None), "status": (row.status, None)},
            subject_person_id=row.person_id,
        )
        session.delete(row)

    # --- guests ----------------------------------------------------------------------------------------------

    def add_guest(self, *, meeting_id: int, name: str, affiliation: str | None = None) -> Guest:
        name = " ".join((name or "").split())
        affiliation = " ".join((affiliation or "").split()) or None
        if not name:
            raise DomainError("Type the guest's name.", field="name")
        if len(name) > 200 or (affiliation and len(affiliation) > 200):
            raise DomainError("A guest's name and affiliation can be at most 200 characters each.", field="name")
        with self.ctx.sessions.begin() as session:
            if session.get(Meeting, meeting_id) is None:
                raise NotFound("This meeting no longer exists (it may have been deleted).")
            self._check_unlocked(session, meeting_id)
            guest = MeetingGuest(meeting_id=meeting_id, name=name, affiliation=affiliation)
            session.add(guest)
            session.flush()
            changelog.record(
                session,
                actor=self.ctx.actor,
                entity="meeting_guest",
                entity_id=guest.id,
                action=ChangeAction.CREATE,
                changes={"meeting_id": (None, meeting_id), "name": (None, name), "affiliation": (None, affiliation)},
            )
            return Guest(guest.id, meeting_id, name, affiliation)

    def remove_guest(self, *, guest_id: int) -> Guest:
        """Take the guest off the list; returns the guest, whom `restore_guest` puts back."""
        with self.ctx.sessions.begin() as session:
            guest = session.get(MeetingGuest, guest_id)
            if guest is None:
                raise NotFound("This guest is no longer on the meeting's list.")
            self._check_unlocked(session, guest.meeting_id)
            removed = Guest(guest.id, guest.meeting_id, guest.name, guest.affiliation)
            changelog.record(
                session,
                actor=self.ctx.actor,
                entity="meeting_guest",
                entity_id=guest.id,
                action=ChangeAction.DELETE,
                changes={"meeting_id": (guest.meeting_id, None), "name": (guest.name, None)},
            )
            session.delete(guest)
            return removed

    def restore_guest(self, *, guest: Guest) -> Guest:
        """Put a removed guest back, under the old id when it is still free (undo of remove_guest)."""
        with self.ctx.sessions.begin() as session:
            self._check_unlocked(session, guest.meeting_id)
            free = session.get(MeetingGuest, guest.id) is None
            row = MeetingGuest(meeting_id=guest.meeting_id, name=guest.name, affiliation=guest.affiliation)
            if free:
                row.id = guest.id
            session.add(row)
            session.flush()
            changelog.record(
                session,
                actor=self.ctx.actor,
                entity="meeting_guest",
                entity_id=row.id,
                action=ChangeAction.CREATE,
                changes={"meeting_id": (None, guest.meeting_id), "name": (None, guest.name)},
            )
            return Guest(row.id, guest.meeting_id, guest.name, guest.affiliation)


def attendance_sheet(session: Session, meeting_id: int) -> AttendanceSheet:
    """The sheet inside a caller's session (the minutes draft reads it too)."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("This meeting no longer exists (it may have been deleted).")
    committee = session.get(Committee, meeting.committee_id)
    assert committee is not None
    recorded = {
        a.person_id: a.status for a in session.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id))
    }
    members = {m.person_id: m for m in current_members(session, committee.id, meeting.starts_at.date())}
    ids = set(members) | set(recorded)
    people = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(ids)))} if ids else {}
    attendees = []
    for person_id in ids:
        person = people[person_id]
        m = members.get(person_id)
        attendees.append(
            Attendee(
                person_id=person_id,
                name=_name(person),
                role=m.role if m else None,
                voting=bool(m and m.voting),
                status=recorded.get(person_id),
                interpreter_language=(person.interpreter_language or "").strip() or None,
            )
        )
    attendees.sort(key=lambda a: (a.role is None, _family_first(people[a.person_id]), a.person_id))
    guests = tuple(
        Guest(g.id, g.meeting_id, g.name, g.affiliation)
        for g in session.scalars(
            select(MeetingGuest).where(MeetingGuest.meeting_id == meeting_id).order_by(MeetingGuest.id)
        )
    )
    voting = [a for a in attendees if a.voting]
    present = sum(1 for a in voting if a.status in PRESENT)
    q = quorum(committee.quorum_kind, committee.quorum_value, voting_members=len(voting), present=present)
    # Everyone expected counts, not only those ticked present: interpreters are booked before the meeting.
    languages = sorted(
        {a.interpreter_language for a in attendees if a.interpreter_language and a.role}, key=str.casefold
    )
    locked = meeting.minutes_status == MinutesStatus.APPROVED
    return AttendanceSheet(meeting_id, locked, tuple(attendees), guests, q, tuple(languages))


def current_members(session: Session, committee_id: int, day: date) -> list[Membership]:
    """Active memberships whose term covers the meeting's day."""
    return list(
        session.scalars(
            select(Membership).where(
                Membership.committee_id == committee_id,
                Membership.status == MembershipStatus.ACTIVE,
                or_(Membership.term_start.is_(None), Membership.term_start <= day),
                or_(Membership.term_end.is_(None), Membership.term_end >= day),
            )
        )
    )


def _name(person: Person) -> str:
    first = person.preferred_name or person.given_name
    return " ".join(p for p in (first, person.family_name) if p)


def _family_first(person: Person) -> str:
    # A single-part name (common in Karen and other naming traditions) sorts by the name there is.
    return f"{person.family_name or person.given_name} {person.given_name}".casefold()
