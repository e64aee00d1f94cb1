"""The agenda builder: add, edit, duplicate, remove and move items (positions stay 1, 2, 3 …), and the timed agenda."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from equitydesk.db.tables import AgendaItem, Meeting, Membership, Person, Plan, Strategy
from equitydesk.domain.agenda_times import AgendaTimes, agenda_times
from equitydesk.domain.enums import ChangeAction, MembershipStatus
from equitydesk.services import changelog
from equitydesk.services.crud import Edited, EntityService, Row, row_of
from equitydesk.services.errors import DomainError, NotFound
from equitydesk.services.records import AgendaItemRecord, MeetingRecord


@dataclass(frozen=True)
class StrategyAgendaItem:
    """An agenda item that serves a strategy, with the meeting it is on."""

    item_id: int
    title: str
    confidential: bool
    meeting_id: int
    meeting_title: str
    starts_at: datetime


# What the agenda builder edits on an item; where it sits and which meeting it belongs to move by their own calls.
EDITABLE = frozenset(
    {
        "title",
        "kind",
        "presenter",
        "presenter_person_id",
        "minutes_allotted",
        "strategy_id",
        "description",
        "confidential",
    }
)
# Copied when an item is duplicated or a meeting is copied: the plan of the item, never what happened at it.
PLAN_FIELDS = ("title", "kind", "presenter", "presenter_person_id", "minutes_allotted", "strategy_id", "description",
               "confidential")  # fmt: skip


@dataclass(frozen=True)
class AgendaLine:
    """One item as the agenda shows it: the stored item, its computed times and the names it refers to."""

    item: AgendaItemRecord
    starts_at: datetime
    ends_at: datetime
    presenter_name: str | None  # the member's name when a member presents, else the free text
    strategy_label: str | None
    carried_from: str | None  # "October meeting, October 14, 2025" when it was not reached there


@dataclass(frozen=True)
class RemovedItem:
    """A removed item's stored row and where it stood (0 is first): what `restore` puts back."""

    row: Row
    index: int


@dataclass(frozen=True)
class AgendaPlan:
    meeting: MeetingRecord
    lines: list[AgendaLine]
    times: AgendaTimes

    @property
    def words(self) -> str:
        return self.times.words()

    @property
    def runs_over(self) -> bool:
        return self.times.runs_over


def item_order(meeting_id: int) -> Any:
    return select(AgendaItem).where(AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position, AgendaItem.id)


def meeting_label(meeting: Meeting) -> str:
    day = meeting.starts_at
    return f"{meeting.title}, {day:%B} {day.day}, {day.year}"


class AgendaOperations(EntityService[AgendaItem, AgendaItemRecord]):
    """Each method is one user action and one transaction; the rules of the subclass (locked minutes) apply."""

    def plan(self, *, meeting_id: int) -> AgendaPlan:
        """The meeting's agenda in order, each item with its start and end computed from the meeting's start."""
        with self.ctx.sessions() as session:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound("This meeting no longer exists (it may have been deleted).", field="meeting")
            items = list(session.scalars(item_order(meeting_id)))
            times = agenda_times(meeting.starts_at, [i.minutes_allotted for i in items], meeting.ends_at)
            people = _names(session, {i.presenter_person_id for i in items if i.presenter_person_id})
            strategies = {
                s.id: " ".join(p for p in (s.code, s.title) if p)
                for s in session.scalars(select(Strategy).where(Strategy.id.in_({i.strategy_id for i in items})))
            }
            sources = _carried_labels(session, {i.carried_from_id for i in items if i.carried_from_id})
            ends = [*times.starts[1:], times.planned_end] if items else []
            lines = [
                AgendaLine(
                    item=AgendaItemRecord.of(i),
                    starts_at=start,
                    ends_at=end,
                    presenter_name=people.get(i.presenter_person_id or 0) or i.presenter,
                    strategy_label=strategies.get(i.strategy_id or 0),
                    carried_from=sources.get(i.carried_from_id or 0),
                )
                for i, start, end in zip(items, times.starts, ends, strict=True)
            ]
            return AgendaPlan(MeetingRecord.of(meeting), lines, times)

    def add(self, *, meeting_id: int, index: int | None = None, **values: Any) -> AgendaItemRecord:
        """A new item at `index` (0 is first; None: last); the items after it move down one."""
        cleaned = self._editable(values, partial=False)
        with self.ctx.sessions.begin() as session:
            items = self._items(session, meeting_id)
            obj = self._create(
                session, {**cleaned, "meeting_id": meeting_id, "position": len(items) + 1}, batch_id=None
            )
            items.insert(len(items) if index is None else max(0, min(index, len(items))), obj)
            self._pack(session, items)
            return self.record.of(obj)

    def edit_item(self, *, item_id: int, **values: Any) -> AgendaItemRecord:
        """Change what an item says; a member chosen as presenter replaces the free-text presenter and back."""
        cleaned = self._editable(values, partial=True)
        if cleaned.get("presenter_person_id"):
            cleaned["presenter"] = None
        elif cleaned.get("presenter"):
            cleaned["presenter_person_id"] = None
        with self.ctx.sessions.begin() as session:
            return self.update_in(session, item_id, cleaned)

    def duplicate(self, *, item_id: int) -> AgendaItemRecord:
        """A copy of the item's plan right after it (not its minutes, nor whether it was reached)."""
        with self.ctx.sessions.begin() as session:
            source = self._load(session, item_id)
            items = self._items(session, source.meeting_id)
            values = {name: getattr(source, name) for name in PLAN_FIELDS}
            obj = self._create(
                session, {**values, "meeting_id": source.meeting_id, "position": len(items) + 1}, batch_id=None
            )
            items.insert(items.index(source) + 1, obj)
            self._pack(session, items)
            return self.record.of(obj)

    def remove(self, *, item_id: int) -> RemovedItem:
        """Delete the item; the items after it move up one. Returns what `restore` needs to put it back."""
        with self.ctx.sessions.begin() as session:
            obj = self._load(session, item_id)
            self.before_delete(session, obj)
            meeting_id = obj.meeting_id
            items = self._items(session, meeting_id)
            removed = RemovedItem(row=row_of(obj), index=items.index(obj))
            snapshot = {name: (getattr(obj, name), None) for name in self.fields if getattr(obj, name) is not None}
            session.delete(obj)
            self._flush(session)
            changelog.record(
                session,
                actor=self.ctx.actor,
                entity=self.entity,
                entity_id=item_id,
                action=ChangeAction.DELETE,
                changes=snapshot,
            )
            self._pack(session, self._items(session, meeting_id))
            return removed

    def restore(self, *, removed: RemovedItem) -> AgendaItemRecord:
        """Put a removed item back at its place, under its old id when that is still free (undo of remove/add)."""
        with self.ctx.sessions.begin() as session:
            values = dict(removed.row)
            self.prepare(session, values, None)  # approved minutes stay locked
            items = self._items(session, values["meeting_id"])
            if session.get(AgendaItem, values["id"]) is not None:
                values.pop("id")
            obj = AgendaItem(**{**values, "position": len(items) + 1})
            session.add(obj)
            self._flush(session)
            changelog.record(
                session,
                actor=self.ctx.actor,
                entity=self.entity,
                entity_id=obj.id,
                action=ChangeAction.CREATE,
                changes={k: (None, v) for k, v in removed.row.items() if k in self.fields and v is not None},
            )
            items.insert(max(0, min(removed.index, len(items))), obj)
            self._pack(session, items)
            return self.record.of(obj)

    def remove_added(self, *, record: AgendaItemRecord) -> RemovedItem:
        """Undo of add or duplicate (given what they returned): the item goes again."""
        return self.remove(item_id=record.id)

    def revise(self, *, item_id: int, **values: Any) -> Edited[AgendaItemRecord]:
        """edit_item(), also returning the values before and after: `edit(item_id, **before)` undoes it."""
        cleaned = self._editable(values, partial=True)
        if cleaned.get("presenter_person_id"):
            cleaned["presenter"] = None
        elif cleaned.get("presenter"):
            cleaned["presenter_person_id"] = None
        with self.ctx.sessions.begin() as session:
            obj = self._load(session, item_id)
            diff = self._update(session, obj, cleaned, batch_id=None)
            return Edited(
                self.record.of(obj), {k: b for k, (b, _a) in diff.items()}, {k: a for k, (_b, a) in diff.items()}
            )

    def move(self, *, item_id: int, index: int) -> AgendaItemRecord:
        """Put the item at `index` of its agenda (0 is first; past the end: last)."""
        with self.ctx.sessions.begin() as session:
            obj = self._load(session, item_id)
            items = self._items(session, obj.meeting_id)
            items.remove(obj)
            items.insert(max(0, min(index, len(items))), obj)
            self._pack(session, items)
            return self.record.of(obj)

    def set_reached(self, *, item_id: int, reached: bool | None) -> AgendaItemRecord:
        """Mark the item reached (True), not reached (False: the next meeting carries it forward) or unmarked."""
        with self.ctx.sessions.begin() as session:
            obj = self._load(session, item_id)
            self._update(session, obj, {"reached": reached}, batch_id=None)
            return self.record.of(obj)

    def presenter_choices(self, *, meeting_id: int) -> list[tuple[int, str]]:
        """(person id, name) of the meeting's committee's active members, by name: the presenters to pick from."""
        with self.ctx.sessions() as session:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound("This meeting no longer exists (it may have been deleted).", field="meeting")
            rows = session.execute(
                select(Person.id, Membership.stakeholder_group)
                .join(Membership, Membership.person_id == Person.id)
                .where(
                    Membership.committee_id == meeting.committee_id,
                    Membership.status == MembershipStatus.ACTIVE,
                    Person.archived.is_(False),
                )
            )
            groups = {pid: group for pid, group in rows}
            names = _names(session, set(groups))
        # Two members of one name are told apart in the list, by their group, else by their number.
        seen: dict[str, list[int]] = {}
        for pid, name in names.items():
            seen.setdefault(name.casefold(), []).append(pid)
        for same in (ids for ids in seen.values() if len(ids) > 1):
            labels = {pid: f"{names[pid]} ({group.label})" if (group := groups[pid]) else names[pid] for pid in same}
            clash = len(set(labels.values())) < len(labels)
            for pid in same:
                names[pid] = f"{names[pid]} (no. {pid})" if clash else labels[pid]
        return sorted(names.items(), key=lambda pair: (pair[1].casefold(), pair[0]))

    def of_strategy(self, *, strategy_id: int, limit: int = 20) -> list[StrategyAgendaItem]:
        """The agenda items that serve a strategy, newest meeting first: where the committee took it up."""
        with self.ctx.sessions() as session:
            rows = session.execute(
                select(AgendaItem.id, AgendaItem.title, AgendaItem.confidential, Meeting.id, Meeting.title,
                       Meeting.starts_at)
                .join(Meeting, Meeting.id == AgendaItem.meeting_id)
                .where(AgendaItem.strategy_id == strategy_id)
                .order_by(Meeting.starts_at.desc(), AgendaItem.position)
                .limit(limit)
            )  # fmt: skip
            return [StrategyAgendaItem(*row) for row in rows]

    def strategy_choices(self) -> list[tuple[int, str]]:
        """(strategy id, "code title") of every plan's strategies, in plan order."""
        with self.ctx.sessions() as session:
            rows = session.execute(
                select(Strategy.id, Strategy.code, Strategy.title, Plan.name)
                .join(Plan, Plan.id == Strategy.plan_id)
                .where(Plan.archived.is_(False))
                .order_by(Plan.name, Strategy.position, Strategy.id)
            )
            return [(sid, " ".join(p for p in (code, title) if p) + f" ({plan})") for sid, code, title, plan in rows]

    # --- helpers ---------------------------------------------------------------------------------------------

    def _editable(self, values: dict[str, Any], *, partial: bool) -> dict[str, Any]:
        fixed = set(values) - EDITABLE
        if fixed:
            raise DomainError(f"An agenda item's {', '.join(sorted(fixed))} cannot be set here.")
        return self.clean(values, partial=partial, supplied=("meeting_id",))

    def _items(self, session: Session, meeting_id: int) -> list[AgendaItem]:
        if session.get(Meeting, meeting_id) is None:
            raise NotFound("This meeting no longer exists (it may have been deleted).", field="meeting")
        return list(session.scalars(item_order(meeting_id)))

    def _pack(self, session: Session, items: list[AgendaItem]) -> None:
        """Number the items 1, 2, 3 … in this order, logging the ones whose position changed."""
        for position, item in enumerate(items, start=1):
            if item.position != position:
                self._update(session, item, {"position": position}, batch_id=None)
        self._flush(session)


def _names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(
        select(Person.id, Person.preferred_name, Person.given_name, Person.family_name).where(Person.id.in_(ids))
    )
    return {pid: " ".join(p for p in (pref or given, family) if p) for pid, pref, given, family in rows}


def _carried_labels(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(
        select(AgendaItem.id, Meeting).join(Meeting, Meeting.id == AgendaItem.meeting_id).where(AgendaItem.id.in_(ids))
    )
    return {item_id: meeting_label(meeting) for item_id, meeting in rows}
