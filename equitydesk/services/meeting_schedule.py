"""Scheduling meetings: a new one (with carry-forward), a copy of an earlier one, a monthly series, the calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from equitydesk.db.base import utcnow
from equitydesk.db.tables import (
    ActionItem,
    AgendaItem,
    Committee,
    Meeting,
    Membership,
    Person,
)
from equitydesk.domain.agenda_times import DEFAULT_TIME_ZONE
from equitydesk.domain.carry_forward import (
    REVIEW_MINUTES,
    REVIEW_TITLE,
    OpenAction,
    is_review_item,
    review_position,
    review_text,
)
from equitydesk.domain.enums import (
    OPEN_ACTION_STATUSES,
    AgendaKind,
    ChangeAction,
    MeetingStatus,
    MembershipStatus,
    MinutesStatus,
    Role,
)
from equitydesk.domain.meeting_series import MONTH_NAMES, MonthlyRule, series_dates
from equitydesk.formats.ics import CalendarEvent, write_ics
from equitydesk.services import changelog
from equitydesk.services.agenda import PLAN_FIELDS, item_order
from equitydesk.services.crud import EntityService
from equitydesk.services.errors import DomainError, NotFound
from equitydesk.services.records import MeetingRecord

# What a copied meeting takes from the one it copies, besides its agenda.
COPIED_FIELDS = ("location", "virtual_link", "time_zone")


@dataclass(frozen=True)
class SeriesResult:
    meetings: list[MeetingRecord]
    skipped_days: list[date]  # the committee already meets on these days
    missing_words: str  # months that have no such weekday, in a sentence ("" when none)


@dataclass(frozen=True)
class CalendarResult:
    path: Path
    meetings: int


def check_time_zone(name: str | None) -> None:
    if name is None:
        return
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise DomainError(
            f"“{name}” is not a time zone EquityDesk knows. Write it as Region/City, such as America/Chicago.",
            field="time_zone",
        ) from None


class MeetingScheduling(EntityService[Meeting, MeetingRecord]):
    """Each method is one user action and one transaction."""

    def schedule(self, *, committee_id: int, carry_forward: bool = True, **values: Any) -> MeetingRecord:
        """A new meeting; when it comes after every other meeting of the committee, its draft agenda gets a review
        of the open action items and the items the previous meeting did not reach."""
        cleaned = self.clean({**values, "committee_id": committee_id}, partial=False)
        with self.ctx.sessions.begin() as session:
            meeting = self._create(session, cleaned, batch_id=None)
            if carry_forward:
                self._carry_forward(session, meeting)
            return self.record.of(meeting)

    def update_meeting(self, *, meeting_id: int, **values: Any) -> MeetingRecord:
        """Change the schedule (title, date, start and end, place, link, time zone, status)."""
        return self.update(meeting_id, **values)

    def copy_previous(
        self, *, source_id: int, starts_at: datetime, ends_at: datetime | None = None, title: str | None = None
    ) -> MeetingRecord:
        """A new meeting of the same committee from an earlier one: its place, link and agenda (kinds, presenters,
        minutes, strategies), never its minutes or decisions. Items the previous meeting did not reach come back
        as carried forward, and the review of action items lists today's open ones."""
        with self.ctx.sessions.begin() as session:
            source = self._load(session, source_id)
            if ends_at is None and source.ends_at is not None:
                ends_at = starts_at + (source.ends_at - source.starts_at)
            values = {name: getattr(source, name) for name in COPIED_FIELDS}
            cleaned = self.clean(
                {**values, "committee_id": source.committee_id, "title": title or source.title,
                 "starts_at": starts_at, "ends_at": ends_at},
                partial=False,
            )  # fmt: skip
            meeting = self._create(session, cleaned, batch_id=None)
            previous = self._previous(session, meeting)
            items: list[AgendaItem] = []
            for item in session.scalars(item_order(source.id)):
                carried = source is previous and _not_reached(item, source)
                items.append(
                    self._add_item(session, meeting, {name: getattr(item, name) for name in PLAN_FIELDS},
                                   carried_from_id=item.id if carried else None, position=len(items) + 1)
                )  # fmt: skip
            self._carry_forward(session, meeting)
            return self.record.of(meeting)

    def create_series(
        self,
        *,
        committee_id: int,
        rule: MonthlyRule,
        start_time: time,
        end_time: time | None = None,
        location: str | None = None,
        virtual_link: str | None = None,
        time_zone: str | None = None,
        template_id: int | None = None,
    ) -> SeriesResult:
        """A meeting on each date of the rule (titled "September meeting" …), all or none; days the committee
        already meets are left alone. Each takes the agenda of `template_id` if given; the first one also gets the
        carry-forward."""
        try:
            planned = series_dates(rule)
        except ValueError as exc:
            raise DomainError(str(exc), field="series") from None
        if end_time is not None and end_time < start_time:
            raise DomainError("A meeting cannot end before it starts.", field="ends_at")
        with self.ctx.sessions.begin() as session:
            if session.get(Committee, committee_id) is None:
                raise NotFound("This committee no longer exists (it may have been deleted).", field="committee")
            taken = {
                d.date() if isinstance(d, datetime) else d
                for d in session.scalars(select(Meeting.starts_at).where(Meeting.committee_id == committee_id))
            }
            template = list(session.scalars(item_order(template_id))) if template_id is not None else []
            made: list[Meeting] = []
            skipped = [day for day in planned.dates if day in taken]
            for day in (d for d in planned.dates if d not in taken):
                cleaned = self.clean(
                    {"committee_id": committee_id, "title": f"{MONTH_NAMES[day.month - 1]} meeting",
                     "starts_at": datetime.combine(day, start_time),
                     "ends_at": datetime.combine(day, end_time) if end_time else None,
                     "location": location, "virtual_link": virtual_link, "time_zone": time_zone},
                    partial=False,
                )  # fmt: skip
                meeting = self._create(session, cleaned, batch_id=None)
                for position, item in enumerate(template, start=1):
                    values = {name: getattr(item, name) for name in PLAN_FIELDS}
                    self._add_item(session, meeting, values, position=position)
                if not made:
                    self._carry_forward(session, meeting)
                made.append(meeting)
            return SeriesResult([self.record.of(m) for m in made], skipped, planned.missing_words())

    def carry_forward(self, *, meeting_id: int) -> MeetingRecord:
        """Bring the review of action items up to date and add the previous meeting's items not reached
        (those already carried are not added twice)."""
        with self.ctx.sessions.begin() as session:
            meeting = self._load(session, meeting_id)
            if meeting.minutes_status == MinutesStatus.APPROVED:
                raise DomainError("The minutes of this meeting are approved and locked. Reopen them to make changes.")
            self._carry_forward(session, meeting, only_if_next=False)
            return self.record.of(meeting)

    def previous_meeting(self, *, committee_id: int, before: datetime | None = None) -> MeetingRecord | None:
        """The committee's latest meeting (before `before`, if given), the one a new meeting would follow."""
        with self.ctx.sessions() as session:
            stmt = select(Meeting).where(Meeting.committee_id == committee_id)
            if before is not None:
                stmt = stmt.where(Meeting.starts_at < before)
            found = session.scalars(stmt.order_by(Meeting.starts_at.desc(), Meeting.id.desc()).limit(1)).first()
            return self.record.of(found) if found is not None else None

    def of_committee(self, *, committee_id: int) -> list[MeetingRecord]:
        """A committee's meetings, newest first (the choice of a meeting to copy)."""
        with self.ctx.sessions() as session:
            rows = session.scalars(
                select(Meeting).where(Meeting.committee_id == committee_id).order_by(Meeting.starts_at.desc())
            )
            return [self.record.of(m) for m in rows]

    # --- the calendar ----------------------------------------------------------------------------------------

    def calendar_events(self, *, meeting_id: int | None = None, committee_id: int | None = None) -> list[CalendarEvent]:
        """One meeting, or every upcoming meeting not cancelled (of one committee, or of all)."""
        with self.ctx.sessions() as session:
            stmt = select(Meeting, Committee.name).join(Committee, Committee.id == Meeting.committee_id)
            if meeting_id is not None:
                meeting = session.get(Meeting, meeting_id)
                if meeting is None:
                    raise NotFound(f"There is no meeting {meeting_id}; `equitydesk list meetings` lists them.",
                                   field="meeting")  # fmt: skip
                if committee_id is not None and meeting.committee_id != committee_id:
                    raise DomainError(f"Meeting {meeting_id} is not a meeting of that committee.", field="meeting")
                stmt = stmt.where(Meeting.id == meeting_id)
            else:
                today = datetime.combine(self.ctx.today(), time.min)
                stmt = stmt.where(Meeting.starts_at >= today, Meeting.status != MeetingStatus.CANCELLED)
                if committee_id is not None:
                    stmt = stmt.where(Meeting.committee_id == committee_id)
            rows = session.execute(stmt.order_by(Meeting.starts_at, Meeting.id)).all()
            return [
                CalendarEvent(
                    uid=f"meeting-{m.id}-{m.created_at:%Y%m%dT%H%M%S}@equitydesk",
                    title=m.title if name.casefold() in m.title.casefold() else f"{name}: {m.title}",
                    starts_at=m.starts_at,
                    ends_at=m.ends_at,
                    time_zone=m.time_zone or DEFAULT_TIME_ZONE,
                    location=m.location,
                    url=m.virtual_link,
                    description=name,
                    cancelled=m.status == MeetingStatus.CANCELLED,
                    modified_at=m.updated_at,
                )
                for m, name in rows
            ]

    def export_ics(
        self, *, target: Path, meeting_id: int | None = None, committee_id: int | None = None
    ) -> CalendarResult:
        events = self.calendar_events(meeting_id=meeting_id, committee_id=committee_id)
        write_ics(target, events, name="EquityDesk meetings", stamp=utcnow())
        return CalendarResult(target, len(events))

    # --- carry-forward ---------------------------------------------------------------------------------------

    def _previous(self, session: Session, meeting: Meeting) -> Meeting | None:
        return session.scalars(
            select(Meeting)
            .where(Meeting.committee_id == meeting.committee_id, Meeting.id != meeting.id,
                   Meeting.starts_at < meeting.starts_at)
            .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
            .limit(1)
        ).first()  # fmt: skip

    def _carry_forward(self, session: Session, meeting: Meeting, *, only_if_next: bool = True) -> None:
        if only_if_next:
            later = session.scalar(
                select(func.count(Meeting.id)).where(
                    Meeting.committee_id == meeting.committee_id,
                    Meeting.id != meeting.id,
                    Meeting.starts_at > meeting.starts_at,
                )
            )
            if later:
                return  # a meeting slotted in before others is not "the next one": nothing to carry
        previous = self._previous(session, meeting)
        if previous is None:
            return
        items = list(session.scalars(item_order(meeting.id)))
        text = review_text(self._open_actions(session, meeting.committee_id), today=self.ctx.today())
        review = next((i for i in items if is_review_item(i.title)), None)
        if review is None:
            review = self._add_item(
                session, meeting,
                {"title": REVIEW_TITLE, "kind": AgendaKind.DISCUSSION, "minutes_allotted": REVIEW_MINUTES,
                 "description": text, "presenter_person_id": self._chair(session, meeting.committee_id)},
                position=len(items) + 1,
            )  # fmt: skip
            items.insert(review_position([i.title for i in items]), review)
        elif review.description != text:
            changelog.record(
                session,
                actor=self.ctx.actor,
                entity="agenda_item",
                entity_id=review.id,
                action=ChangeAction.UPDATE,
                changes={"description": (review.description, text)},
            )
            review.description = text
        already = {i.carried_from_id for i in items if i.carried_from_id is not None}
        at = items.index(review) + 1
        for item in session.scalars(item_order(previous.id)):
            if _not_reached(item, previous) and item.id not in already and not is_review_item(item.title):
                values = {name: getattr(item, name) for name in PLAN_FIELDS}
                items.insert(at, self._add_item(session, meeting, values, carried_from_id=item.id, position=0))
                at += 1
        for position, item in enumerate(items, start=1):
            item.position = position
        session.flush()

    def _chair(self, session: Session, committee_id: int) -> int | None:
        """The committee's chair (or co-chair), who usually leads the review of the action items."""
        return session.scalars(
            select(Membership.person_id)
            .where(Membership.committee_id == committee_id, Membership.status == MembershipStatus.ACTIVE,
                   Membership.role.in_([Role.CHAIR, Role.CO_CHAIR]))
            .order_by(Membership.role != Role.CHAIR, Membership.id)
            .limit(1)
        ).first()  # fmt: skip

    def _open_actions(self, session: Session, committee_id: int) -> list[OpenAction]:
        rows = session.execute(
            select(ActionItem, Person)
            .outerjoin(Person, Person.id == ActionItem.owner_person_id)
            .where(ActionItem.committee_id == committee_id, ActionItem.status.in_(OPEN_ACTION_STATUSES))
            .order_by(ActionItem.due_on.is_(None), ActionItem.due_on, ActionItem.title)
        )
        actions = []
        for action, person in rows:
            owner = (
                " ".join(p for p in (person.preferred_name or person.given_name, person.family_name) if p)
                if person is not None
                else action.owner_text
            )
            actions.append(OpenAction(action.title, owner, action.due_on, action.status.label))
        return actions

    def _add_item(
        self, session: Session, meeting: Meeting, values: dict[str, Any], *, position: int,
        carried_from_id: int | None = None,
    ) -> AgendaItem:  # fmt: skip
        item = AgendaItem(meeting_id=meeting.id, position=position, carried_from_id=carried_from_id, **values)
        session.add(item)
        session.flush()
        logged = {k: (None, v) for k, v in values.items() if v is not None and v is not False}
        if carried_from_id is not None:
            logged["carried_from_id"] = (None, carried_from_id)
        changelog.record(session, actor=self.ctx.actor, entity="agenda_item", entity_id=item.id,
                         action=ChangeAction.CREATE, changes=logged)  # fmt: skip
        return item


def _not_reached(item: AgendaItem, meeting: Meeting) -> bool:
    """Marked not reached, or on the agenda of a meeting that was cancelled and not marked reached."""
    return item.reached is False or (meeting.status == MeetingStatus.CANCELLED and item.reached is not True)
