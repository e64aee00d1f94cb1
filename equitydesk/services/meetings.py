"""Meetings with their agenda, attendance and decisions; quorum follows from attendance."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, case, func, null, select
from sqlalchemy.orm import Session

from equitydesk.db.tables import AgendaItem, Attendance, Committee, Meeting
from equitydesk.domain.enums import (
    AgendaKind,
    AttendanceStatus,
    MeetingStatus,
    MinutesStatus,
    QuorumKind,
)
from equitydesk.domain.quorum import quorum_needed
from equitydesk.services.agenda import AgendaOperations
from equitydesk.services.crud import Column, SqlExpr
from equitydesk.services.errors import DomainError
from equitydesk.services.fields import Field
from equitydesk.services.meeting_schedule import MeetingScheduling, check_time_zone
from equitydesk.services.meeting_takeback import MeetingTakeBack
from equitydesk.services.records import AgendaItemRecord, MeetingRecord


class MeetingService(MeetingScheduling, MeetingTakeBack):
    table = Meeting
    record = MeetingRecord
    entity = "meeting"
    noun = "meeting"
    fields = {
        "committee_id": Field("Committee", kind="ref", required=True),
        "title": Field("Title", required=True, max_len=300),
        "starts_at": Field("Starts", kind="datetime", required=True),
        "ends_at": Field("Ends", kind="datetime"),
        "location": Field("Location", max_len=300),
        "virtual_link": Field("Video link", max_len=500),
        "status": Field("Meeting status", kind="enum", enum=MeetingStatus),
        "minutes_status": Field("Minutes status", kind="enum", enum=MinutesStatus),
        "minutes_approved_on": Field("Minutes approved on", kind="date"),
        "notes": Field("Notes", kind="longtext", max_len=20000),
        "time_zone": Field("Time zone", max_len=64),
    }

    def columns(self) -> dict[str, Column]:
        present = (
            select(func.count(Attendance.id))
            .where(
                Attendance.meeting_id == Meeting.id,
                Attendance.status.in_([AttendanceStatus.PRESENT, AttendanceStatus.REMOTE]),
            )
            .correlate(Meeting)
            .scalar_subquery()
        )
        items = select(func.count(AgendaItem.id)).where(AgendaItem.meeting_id == Meeting.id).correlate(Meeting)
        return {
            "starts_at": Column("Date", Meeting.starts_at),
            "title": Column("Meeting", Meeting.title),
            "committee": Column("Committee", Committee.name),
            "location": Column("Location", Meeting.location),
            "status": Column("Status", Meeting.status),
            # Minutes exist only once a meeting is held: a planned or cancelled one shows no "Draft".
            "minutes_status": Column(
                "Minutes", case((Meeting.status == MeetingStatus.HELD, Meeting.minutes_status), else_=null())
            ),
            "agenda_items": Column("Agenda items", items.scalar_subquery()),
            "attended": Column("Attended", present),
        }

    def base_select(self) -> Select[Any]:
        return select(Meeting.id).join(Committee, Committee.id == Meeting.committee_id)

    def search_exprs(self) -> Sequence[SqlExpr]:
        return [Meeting.title, Committee.name, func.coalesce(Meeting.location, "")]

    def validate(self, session: Session, obj: Meeting) -> None:
        if obj.ends_at and obj.starts_at and obj.ends_at < obj.starts_at:
            raise DomainError("A meeting cannot end before it starts.", field="ends_at")
        check_time_zone(obj.time_zone)

    def prepare(self, session: Session, values: dict[str, Any], obj: Meeting | None) -> None:
        if obj is None or obj.minutes_status != MinutesStatus.APPROVED:
            return
        if set(values) - {"minutes_status", "minutes_approved_on"}:
            raise DomainError("The minutes of this meeting are approved and locked. Reopen them to make changes.")

    def quorum(self, meeting_id: int) -> QuorumResult:
        """The attendance sheet's quorum (members whose term covers the day), so that every screen says the same."""
        from equitydesk.services.attendance import attendance_sheet  # attendance builds on this module

        with self.ctx.sessions() as session:
            q = attendance_sheet(session, meeting_id).quorum
        return QuorumResult(q.voting_members, q.present, q.needed)


@dataclass(frozen=True)
class QuorumResult:
    voting_members: int
    voting_present: int
    needed: int

    @property
    def met(self) -> bool:
        return self.voting_present >= self.needed

    @classmethod
    def compute(cls, kind: QuorumKind, value: float, voting: int, present: int) -> QuorumResult:
        return cls(voting, present, quorum_needed(kind, value, voting))


class LockedByApprovedMinutes:
    """Agenda items, attendance and decisions of a meeting whose minutes are approved cannot change."""

    def _check_unlocked(self, session: Session, meeting_id: int | None) -> None:
        if meeting_id is None:
            return
        status = session.scalar(select(Meeting.minutes_status).where(Meeting.id == meeting_id))
        if status == MinutesStatus.APPROVED:
            raise DomainError("The minutes of this meeting are approved and locked. Reopen them to make changes.")

    def prepare(self, session: Session, values: dict[str, Any], obj: Any) -> None:
        self._check_unlocked(session, obj.meeting_id if obj is not None else values.get("meeting_id"))
        if obj is not None and "meeting_id" in values:
            self._check_unlocked(session, values["meeting_id"])

    def before_delete(self, session: Session, obj: Any) -> None:
        self._check_unlocked(session, obj.meeting_id)


class AgendaItemService(LockedByApprovedMinutes, AgendaOperations):
    table = AgendaItem
    record = AgendaItemRecord
    entity = "agenda_item"
    noun = "agenda item"
    fields = {
        "meeting_id": Field("Meeting", kind="ref", required=True),
        "position": Field("Position", kind="int", minimum=0),
        "title": Field("Title", required=True, max_len=300),
        "kind": Field("Kind", kind="enum", enum=AgendaKind),
        "presenter": Field("Presenter", max_len=200),
        "minutes_allotted": Field("Minutes allotted", kind="int", minimum=0, maximum=600),
        "strategy_id": Field("Strategy", kind="ref"),
        "description": Field("Description", kind="longtext", max_len=20000),
        "minutes_text": Field("Minutes", kind="longtext", max_len=100000),
        "presenter_person_id": Field("Presenter (a member)", kind="ref"),
        "confidential": Field("Closed session", kind="bool"),
    }

    def columns(self) -> dict[str, Column]:
        return {
            "position": Column("#", AgendaItem.position),
            "title": Column("Item", AgendaItem.title),
            "kind": Column("Kind", AgendaItem.kind),
            "presenter": Column("Presenter", AgendaItem.presenter),
            "minutes_allotted": Column("Minutes", AgendaItem.minutes_allotted),
        }

    def search_exprs(self) -> Sequence[SqlExpr]:
        return [AgendaItem.title, func.coalesce(AgendaItem.presenter, "")]
