"""A meeting's minutes: times, notes per item, the generated draft, approval at a later meeting, and amendments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from equitydesk.db.tables import ActionItem, ActionUpdate, AgendaItem, Committee, Meeting, MinutesAmendment, Person
from equitydesk.domain.enums import ChangeAction, MinutesStatus
from equitydesk.services import changelog
from equitydesk.services.actions import ActionItemService
from equitydesk.services.attendance import attendance_sheet
from equitydesk.services.context import ServiceContext
from equitydesk.services.crud import Row, row_of
from equitydesk.services.decisions import decisions_of
from equitydesk.services.errors import DomainError, NotFound
from equitydesk.services.meetings import AgendaItemService
from equitydesk.services.minutes_draft import DraftAction, DraftItem, DraftRecord, draft_text
from equitydesk.services.records import ActionItemRecord, AgendaItemRecord

# What approving changes on the meeting: what undoing an approval puts back.
APPROVAL_FIELDS = ("minutes_draft", "minutes_status", "minutes_approved_on", "minutes_approved_at_meeting_id")
LOCKED = "The minutes of this meeting are approved and locked: record an amendment instead."
MAX_TEXT = 200_000


@dataclass(frozen=True)
class Approval:
    """An approval and the minutes' record before it (draft text, status, when and where approved)."""

    meeting_id: int
    before: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Amendment:
    id: int
    meeting_id: int
    on: date
    text: str
    adopted_at_meeting_id: int | None
    author: str | None


@dataclass(frozen=True, slots=True)
class MinutesItem:
    id: int
    position: int
    title: str
    confidential: bool
    notes: str | None


@dataclass(frozen=True, slots=True)
class MinutesState:
    meeting_id: int
    committee_id: int
    title: str
    starts_at: datetime
    status: MinutesStatus
    called_to_order_at: datetime | None
    adjourned_at: datetime | None
    draft: str | None
    approved_on: date | None
    approved_at_meeting_id: int | None
    approved_at_title: str | None
    items: tuple[MinutesItem, ...]
    amendments: tuple[Amendment, ...]

    @property
    def locked(self) -> bool:
        return self.status == MinutesStatus.APPROVED


class MinutesService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._agenda = AgendaItemService(ctx)
        self._actions = ActionItemService(ctx)

    # --- reading ---------------------------------------------------------------------------------------------

    def state(self, meeting_id: int) -> MinutesState:
        with self.ctx.sessions() as session:
            return _state(session, _meeting(session, meeting_id))

    def generate_draft(self, meeting_id: int, *, include_confidential: bool = False) -> str:
        """The minutes as the record tells them; closed-session items appear only as such unless asked for."""
        with self.ctx.sessions() as session:
            return _draft(session, meeting_id, include_confidential=include_confidential)

    def approval_meetings(self, meeting_id: int) -> list[tuple[int, str]]:
        """The committee's later meetings, at which these minutes can be approved, soonest first."""
        with self.ctx.sessions() as session:
            meeting = _meeting(session, meeting_id)
            rows = session.execute(
                select(Meeting.id, Meeting.title, Meeting.starts_at)
                .where(Meeting.committee_id == meeting.committee_id, Meeting.starts_at > meeting.starts_at)
                .order_by(Meeting.starts_at)
            )
            return [(i, f"{t} ({s:%Y-%m-%d})") for i, t, s in rows]

    # --- writing ---------------------------------------------------------------------------------------------

    def set_times(
        self, *, meeting_id: int, called_to_order_at: datetime | None, adjourned_at: datetime | None
    ) -> MinutesState:
        if called_to_order_at and adjourned_at and adjourned_at < called_to_order_at:
            raise DomainError("The meeting cannot adjourn before it was called to order.", field="adjourned_at")
        with self.ctx.sessions.begin() as session:
            meeting = _unlocked(session, meeting_id)
            self._set(session, meeting, called_to_order_at=called_to_order_at, adjourned_at=adjourned_at)
            return _state(session, meeting)

    def save_item_notes(self, *, agenda_item_id: int, text: str | None) -> AgendaItemRecord:
        """An agenda item's minutes (the lock on approved minutes is the agenda service's own)."""
        return self._agenda.update(agenda_item_id, minutes_text=(text or "").strip() or None)

    def save_draft(self, *, meeting_id: int, text: str | None) -> MinutesState:
        text = (text or "").rstrip() or None
        if text and len(text) > MAX_TEXT:
            raise DomainError(f"The minutes can be at most {MAX_TEXT:,} characters.", field="minutes_draft")
        with self.ctx.sessions.begin() as session:
            meeting = _unlocked(session, meeting_id)
            self._set(session, meeting, minutes_draft=text)
            return _state(session, meeting)

    def approve(self, *, meeting_id: int, approved_at_meeting_id: int) -> MinutesState:
        """Approve the minutes at a later meeting of the committee; the text is frozen and the record locked."""
        with self.ctx.sessions.begin() as session:
            meeting = self._approve_in(session, meeting_id, approved_at_meeting_id)
            return _state(session, meeting)

    def approve_returning(self, *, meeting_id: int, approved_at_meeting_id: int) -> Approval:
        """approve(), also returning the minutes' record before it, which `withdraw_approval` puts back."""
        with self.ctx.sessions.begin() as session:
            before = {name: getattr(_meeting(session, meeting_id), name) for name in APPROVAL_FIELDS}
            self._approve_in(session, meeting_id, approved_at_meeting_id)
            return Approval(meeting_id=meeting_id, before=before)

    def withdraw_approval(self, *, approval: Approval) -> Approval:
        """Undo of an approval: the minutes are a draft again, as they were; refused once an amendment was recorded
        (the amendment was made to the approved text, so the approval stays)."""
        with self.ctx.sessions.begin() as session:
            meeting = _meeting(session, approval.meeting_id)
            if meeting.minutes_status != MinutesStatus.APPROVED:
                raise DomainError("These minutes are no longer approved.")
            amended = select(MinutesAmendment.id).where(MinutesAmendment.meeting_id == meeting.id).limit(1)
            if session.scalar(amended) is not None:
                raise DomainError("An amendment was recorded after the minutes were approved, so the approval stays.")
            self._set(session, meeting, **approval.before)
            return approval

    def _approve_in(self, session: Session, meeting_id: int, approved_at_meeting_id: int) -> Meeting:
        meeting = _unlocked(session, meeting_id)
        at = session.get(Meeting, approved_at_meeting_id)
        if at is None or at.committee_id != meeting.committee_id or at.starts_at <= meeting.starts_at:
            raise DomainError(
                "Minutes are approved at a later meeting of the same committee: choose one.",
                field="approved_at_meeting_id",
            )
        text = meeting.minutes_draft
        if not (text or "").strip():
            text = _draft(session, meeting_id, include_confidential=False)  # what was approved is kept as it was
        self._set(
            session,
            meeting,
            minutes_draft=text,
            minutes_status=MinutesStatus.APPROVED,
            minutes_approved_on=at.starts_at.date(),
            minutes_approved_at_meeting_id=at.id,
        )
        return meeting

    def record_amendment(self, *, meeting_id: int, text: str, adopted_at_meeting_id: int | None = None) -> Amendment:
        text = (text or "").strip()
        if not text:
            raise DomainError("Type the amendment to the minutes.", field="text")
        if len(text) > MAX_TEXT:
            raise DomainError(f"An amendment can be at most {MAX_TEXT:,} characters.", field="text")
        with self.ctx.sessions.begin() as session:
            meeting = _meeting(session, meeting_id)
            if meeting.minutes_status != MinutesStatus.APPROVED:
                raise DomainError("These minutes are still a draft: change them directly instead.", field="text")
            if adopted_at_meeting_id is not None and session.get(Meeting, adopted_at_meeting_id) is None:
                raise DomainError("That meeting no longer exists.", field="adopted_at_meeting_id")
            row = MinutesAmendment(
                meeting_id=meeting_id,
                on=self.ctx.today(),
                text=text,
                adopted_at_meeting_id=adopted_at_meeting_id,
                author=self.ctx.actor,
            )
            session.add(row)
            session.flush()
            changelog.record(
                session,
                actor=self.ctx.actor,
                entity="minutes_amendment",
                entity_id=row.id,
                action=ChangeAction.CREATE,
                changes={"meeting_id": (None, meeting_id), "text": (None, text)},
            )
            return _amendment(row)

    def withdraw_amendment(self, *, amendment_id: int) -> Row:
        """Undo of record_amendment(): the amendment goes, its row given back for restore_amendment()."""
        with self.ctx.sessions.begin() as session:
            row = session.get(MinutesAmendment, amendment_id)
            if row is None:
                raise DomainError("This amendment no longer exists.")
            kept = row_of(row)
            session.delete(row)
            session.flush()
            changelog.record(session, actor=self.ctx.actor, entity="minutes_amendment", entity_id=amendment_id,
                             action=ChangeAction.DELETE, changes={"text": (kept["text"], None)})  # fmt: skip
            return kept

    def restore_amendment(self, *, row: Row) -> Amendment:
        """Redo of record_amendment() after withdraw_amendment(): the same amendment, under its id and date."""
        with self.ctx.sessions.begin() as session:
            if _meeting(session, row["meeting_id"]).minutes_status != MinutesStatus.APPROVED:
                raise DomainError("These minutes are no longer approved, so the amendment cannot come back.")
            amendment = MinutesAmendment(**row)
            session.add(amendment)
            session.flush()
            changelog.record(session, actor=self.ctx.actor, entity="minutes_amendment", entity_id=amendment.id,
                             action=ChangeAction.CREATE, changes={"text": (None, row["text"])})  # fmt: skip
            return _amendment(amendment)

    def create_action(
        self,
        *,
        agenda_item_id: int,
        title: str,
        owner_person_id: int | None = None,
        owner_text: str | None = None,
        due_on: date | None = None,
        details: str | None = None,
    ) -> ActionItemRecord:
        """An action item handed out at an agenda item: linked to the item, its meeting and the committee."""
        if owner_person_id is not None and (owner_text or "").strip():
            raise DomainError("Choose a member or type an owner, not both.", field="owner_text")
        with self.ctx.sessions.begin() as session:
            item = session.get(AgendaItem, agenda_item_id)
            if item is None:
                raise NotFound("This agenda item no longer exists (it may have been deleted).")
            meeting = _meeting(session, item.meeting_id)
            values: dict[str, Any] = {
                "committee_id": meeting.committee_id,
                "meeting_id": meeting.id,
                "agenda_item_id": item.id,
                "title": title,
                "owner_person_id": owner_person_id,
                "owner_text": (owner_text or "").strip() or None,
                "due_on": due_on,
                "details": details,
            }
            return self._actions.create_in(session, self._actions.clean(values, partial=False))

    def take_back_action(self, *, action_id: int) -> Row:
        """Undo of create_action: the action goes (its row returned for `actions.reinsert`), unless progress was
        recorded on it since, which deleting it would lose."""
        with self.ctx.sessions() as session:
            noted = select(ActionUpdate.id).where(ActionUpdate.action_item_id == action_id).limit(1)
            if session.scalar(noted) is not None:
                raise DomainError("Progress was recorded on this action since, so it stays; mark it dropped instead.")
        return self._actions.delete_returning_row(action_id)

    def _set(self, session: Session, meeting: Meeting, **values: Any) -> None:
        diff = {k: (getattr(meeting, k), v) for k, v in values.items() if getattr(meeting, k) != v}
        if not diff:
            return
        for name, (_, value) in diff.items():
            setattr(meeting, name, value)
        session.flush()
        changelog.record(
            session,
            actor=self.ctx.actor,
            entity="meeting",
            entity_id=meeting.id,
            action=ChangeAction.UPDATE,
            changes=diff,
        )


def _draft(session: Session, meeting_id: int, *, include_confidential: bool) -> str:
    meeting = _meeting(session, meeting_id)
    committee = session.get(Committee, meeting.committee_id)
    assert committee is not None
    items = [
        DraftItem(i.id, i.position, i.title, i.confidential, i.minutes_text)
        for i in session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id))
    ]
    record = DraftRecord(
        committee=committee.name,
        title=meeting.title,
        starts_at=meeting.starts_at,
        location=meeting.location,
        called_to_order_at=meeting.called_to_order_at,
        adjourned_at=meeting.adjourned_at,
        sheet=attendance_sheet(session, meeting_id),
        items=items,
        decisions=decisions_of(session, meeting_id),
        actions=_actions_of(session, meeting_id),
    )
    return draft_text(record, include_confidential=include_confidential)


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("This meeting no longer exists (it may have been deleted).")
    return meeting


def _unlocked(session: Session, meeting_id: int) -> Meeting:
    meeting = _meeting(session, meeting_id)
    if meeting.minutes_status == MinutesStatus.APPROVED:
        raise DomainError(LOCKED)
    return meeting


def _amendment(row: MinutesAmendment) -> Amendment:
    return Amendment(row.id, row.meeting_id, row.on, row.text, row.adopted_at_meeting_id, row.author)


def _state(session: Session, meeting: Meeting) -> MinutesState:
    at = (
        session.get(Meeting, meeting.minutes_approved_at_meeting_id) if meeting.minutes_approved_at_meeting_id else None
    )
    items = tuple(
        MinutesItem(i.id, i.position, i.title, i.confidential, i.minutes_text)
        for i in session.scalars(
            select(AgendaItem).where(AgendaItem.meeting_id == meeting.id).order_by(AgendaItem.position, AgendaItem.id)
        )
    )
    amendments = tuple(
        _amendment(a)
        for a in session.scalars(
            select(MinutesAmendment)
            .where(MinutesAmendment.meeting_id == meeting.id)
            .order_by(MinutesAmendment.on, MinutesAmendment.id)
        )
    )
    return MinutesState(
        meeting_id=meeting.id,
        committee_id=meeting.committee_id,
        title=meeting.title,
        starts_at=meeting.starts_at,
        status=meeting.minutes_status,
        called_to_order_at=meeting.called_to_order_at,
        adjourned_at=meeting.adjourned_at,
        draft=meeting.minutes_draft,
        approved_on=meeting.minutes_approved_on,
        approved_at_meeting_id=meeting.minutes_approved_at_meeting_id,
        approved_at_title=at.title if at else None,
        items=items,
        amendments=amendments,
    )


def _actions_of(session: Session, meeting_id: int) -> list[DraftAction]:
    rows = session.execute(
        select(ActionItem, Person)
        .outerjoin(Person, Person.id == ActionItem.owner_person_id)
        .where(ActionItem.meeting_id == meeting_id)
        .order_by(ActionItem.id)
    )
    out = []
    for action, person in rows:
        owner = (
            " ".join(x for x in (person.preferred_name or person.given_name, person.family_name) if x)
            if person is not None
            else action.owner_text
        )
        out.append(DraftAction(action.agenda_item_id, action.title, owner, action.due_on))
    return out
