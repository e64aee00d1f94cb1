"""Taking back what scheduling did, for undo: a meeting or a whole series unscheduled, an agenda put back as it was."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from equitydesk.db.tables import (
    ActionItem,
    AgendaItem,
    Attendance,
    Committee,
    Decision,
    Meeting,
    MeetingGuest,
    MinutesAmendment,
)
from equitydesk.domain.enums import ChangeAction, MinutesStatus
from equitydesk.services import changelog
from equitydesk.services.agenda import item_order
from equitydesk.services.crud import EntityService, Row, row_of
from equitydesk.services.errors import DomainError
from equitydesk.services.records import MeetingRecord


@dataclass(frozen=True)
class Unscheduled:
    """A meeting taken back by unschedule(): its row and its agenda's rows, which reschedule() puts back."""

    meeting: Row
    items: tuple[Row, ...]


@dataclass(frozen=True)
class AgendaRows:
    """A meeting's agenda as stored at one moment: what put_agenda() makes it again (and what it replaced)."""

    meeting_id: int
    items: tuple[Row, ...]


class MeetingTakeBack(EntityService[Meeting, MeetingRecord]):
    """The inverses the window's undo calls; each is one transaction, all or nothing."""

    def unschedule(self, *, meeting_id: int) -> Unscheduled:
        """Undo of schedule(): delete the meeting and its agenda, refused once anything else refers to it
        (attendance, guests, decisions, actions, minutes, amendments, an item carried on from it)."""
        with self.ctx.sessions.begin() as session:
            return self._unschedule_in(session, meeting_id)

    def unschedule_all(self, *, meeting_ids: tuple[int, ...]) -> tuple[Unscheduled, ...]:
        """Undo of create_series(): every meeting of the series goes, or, when one of them is in use, none."""
        with self.ctx.sessions.begin() as session:
            return tuple(self._unschedule_in(session, meeting_id) for meeting_id in meeting_ids)

    def reschedule(self, *, removed: Unscheduled) -> int:
        """Redo of schedule() after unschedule(): the meeting and its agenda come back under their ids."""
        with self.ctx.sessions.begin() as session:
            return self._reschedule_in(session, removed)

    def reschedule_all(self, *, removed: tuple[Unscheduled, ...]) -> tuple[int, ...]:
        """Redo of create_series() after unschedule_all(): the whole series comes back under its ids."""
        with self.ctx.sessions.begin() as session:
            return tuple(self._reschedule_in(session, one) for one in removed)

    def carry_forward_returning(self, *, meeting_id: int) -> AgendaRows:
        """carry_forward(), giving back the agenda as it was before, for put_agenda()."""
        with self.ctx.sessions.begin() as session:
            meeting = self._load(session, meeting_id)
            if meeting.minutes_status == MinutesStatus.APPROVED:
                raise DomainError("The minutes of this meeting are approved and locked. Reopen them to make changes.")
            before = _agenda_rows(session, meeting_id)
            self._carry_forward(session, meeting, only_if_next=False)  # type: ignore[attr-defined]  # MeetingScheduling's
            return before

    def put_agenda(self, *, rows: AgendaRows) -> AgendaRows:
        """Make the meeting's agenda what `rows` holds (items added since go, changed ones get their values back),
        and give back the agenda it replaced, so that undo and redo are the same call."""
        with self.ctx.sessions.begin() as session:
            meeting = self._load(session, rows.meeting_id)
            if meeting.minutes_status == MinutesStatus.APPROVED:
                raise DomainError("The minutes of this meeting are approved and locked. Reopen them to make changes.")
            now = _agenda_rows(session, rows.meeting_id)
            keep = {row["id"] for row in rows.items}
            gone = [row["id"] for row in now.items if row["id"] not in keep]
            if gone:
                if session.scalar(select(AgendaItem.id).where(AgendaItem.carried_from_id.in_(gone)).limit(1)):
                    raise DomainError("A later meeting carried one of these agenda items forward, so it stays.")
                session.execute(
                    delete(AgendaItem).where(AgendaItem.id.in_(gone)).execution_options(synchronize_session=False)
                )
            for row in rows.items:
                item = session.get(AgendaItem, row["id"])
                if item is None:
                    session.add(AgendaItem(**row))
                else:
                    for name, value in row.items():
                        setattr(item, name, value)
            self._flush(session)
            changelog.record(
                session, actor=self.ctx.actor, entity="meeting", entity_id=rows.meeting_id,
                action=ChangeAction.UPDATE, changes={"agenda_items": (len(now.items), len(rows.items))},
            )  # fmt: skip
            return now

    def _unschedule_in(self, session: Session, meeting_id: int) -> Unscheduled:
        meeting = self._load(session, meeting_id)
        record = self.record.of(meeting)
        items = list(session.scalars(item_order(meeting_id)))
        removed = Unscheduled(meeting=row_of(meeting), items=tuple(row_of(i) for i in items))
        item_ids = [i.id for i in items]
        used = [
            select(Attendance.id).where(Attendance.meeting_id == meeting_id),
            select(MeetingGuest.id).where(MeetingGuest.meeting_id == meeting_id),
            select(Decision.id).where(Decision.meeting_id == meeting_id),
            select(MinutesAmendment.id).where(MinutesAmendment.meeting_id == meeting_id),
            select(ActionItem.id).where(ActionItem.meeting_id == meeting_id),
            select(Meeting.id).where(Meeting.minutes_approved_at_meeting_id == meeting_id),
            select(AgendaItem.id).where(AgendaItem.carried_from_id.in_(item_ids)),
        ]
        kept = meeting.minutes_draft or meeting.called_to_order_at or any(i.minutes_text for i in items)
        if kept or any(session.scalar(q.limit(1)) is not None for q in used):
            raise DomainError(
                f"“{meeting.title}” already has attendance, minutes, decisions or actions, so it stays; "
                "delete those first to take the meeting back."
            )
        for item in items:
            session.delete(item)
        session.delete(meeting)
        session.flush()
        changelog.record(
            session, actor=self.ctx.actor, entity="meeting", entity_id=meeting_id, action=ChangeAction.DELETE,
            changes={"title": (record.title, None), "starts_at": (record.starts_at, None)},
        )  # fmt: skip
        return removed

    def _reschedule_in(self, session: Session, removed: Unscheduled) -> int:
        if session.get(Meeting, removed.meeting["id"]) is not None:
            raise DomainError("Another meeting took this one's place meanwhile, so it cannot come back.")
        if session.get(Committee, removed.meeting["committee_id"]) is None:
            raise DomainError("The committee of this meeting no longer exists, so the meeting cannot come back.")
        session.add(Meeting(**removed.meeting))
        session.flush()
        session.add_all(AgendaItem(**row) for row in removed.items)
        self._flush(session)
        changelog.record(
            session, actor=self.ctx.actor, entity="meeting", entity_id=removed.meeting["id"],
            action=ChangeAction.CREATE, changes={"title": (None, removed.meeting["title"])},
        )  # fmt: skip
        return int(removed.meeting["id"])


def _agenda_rows(session: Session, meeting_id: int) -> AgendaRows:
    return AgendaRows(meeting_id, tuple(row_of(i) for i in session.scalars(item_order(meeting_id))))
