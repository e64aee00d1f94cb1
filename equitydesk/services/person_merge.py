"""Merging two records of the same person: one is kept, the other's details, memberships and history move to it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from equitydesk.db.tables import ActionItem, ActionOwner, Attendance, ChangeLog, Committee, Decision, Membership, Person
from equitydesk.domain.enums import ChangeAction
from equitydesk.domain.keys import email_key, person_name_key
from equitydesk.services import changelog
from equitydesk.services.context import ServiceContext
from equitydesk.services.crud import Row, row_of
from equitydesk.services.errors import DomainError, NotFound
from equitydesk.services.person_unmerge import MergeToken, UnmergeResult, unmerge
from equitydesk.services.records import PersonRecord
from equitydesk.services.roster import PERSON_FIELDS

SAME, FILLED, COMBINED, KEPT = "same", "filled", "combined", "kept"


def merged_value(name: str, mine: Any, theirs: Any) -> tuple[Any, str]:
    """A detail after a merge, and how it came about; the one rule that both the merge and its preview follow.

    Blanks are filled from the other record; where both differ the kept record's value stays, except languages:
    someone who speaks the languages of both records speaks all of them, so the lists are combined.
    """
    if theirs in (None, "") or mine == theirs:
        return mine, SAME
    if mine in (None, ""):
        return theirs, FILLED
    if name == "languages":
        combined = _union(str(mine), str(theirs))
        return (mine, SAME) if combined == mine else (combined, COMBINED)
    return mine, KEPT


@dataclass(frozen=True)
class MergeResult:
    kept_id: int
    filled: dict[str, str]
    memberships_moved: int
    conflicts: list[str]
    token: MergeToken | None = None  # what unmerge(token=...) takes to put the removed person back


@dataclass(frozen=True)
class FieldOutcome:
    """One detail in a merge preview: each record's value, the value after the merge, and how (SAME, FILLED…)."""

    name: str
    label: str
    kept: Any
    removed: Any
    after: Any
    how: str


@dataclass(frozen=True)
class MergeSide:
    """One of the two records, with what hangs on it."""

    person: PersonRecord
    committees: tuple[str, ...]
    meetings_attended: int
    action_items_owned: int

    @property
    def weight(self) -> tuple[int, int, int]:
        """Which record to keep by default: more committees and attendance, then more details, then the older."""
        filled = sum(1 for name in PERSON_FIELDS if getattr(self.person, name) not in (None, ""))
        return (len(self.committees) + self.meetings_attended, filled, -self.person.id)


@dataclass(frozen=True)
class MergePreview:
    """What merge(keep_id, remove_id) would do, by the same rules, computed without changing anything."""

    kept: MergeSide
    removed: MergeSide
    fields: tuple[FieldOutcome, ...]  # every person field, in PERSON_FIELDS order
    memberships_moved: tuple[str, ...]  # committees whose membership moves to the kept record
    memberships_dropped: tuple[str, ...]  # committees both are on: the kept record's membership stays
    meetings_merged: int  # meetings both attended: one attendance record stays
    suggested_keep_id: int

    @property
    def filled(self) -> list[str]:
        """Labels of details the kept record gains (blanks filled, languages combined)."""
        return [f.label for f in self.fields if f.how in (FILLED, COMBINED)]

    @property
    def conflicts(self) -> list[str]:
        """Labels of details that differ, where the kept record's value stays."""
        return [f.label for f in self.fields if f.how == KEPT]

    @property
    def committees_after(self) -> tuple[str, ...]:
        return tuple(sorted({*self.kept.committees, *self.memberships_moved}, key=str.casefold))

    @property
    def meetings_after(self) -> int:
        return self.kept.meetings_attended + self.removed.meetings_attended - self.meetings_merged

    @property
    def action_items_after(self) -> int:
        return self.kept.action_items_owned + self.removed.action_items_owned


class PersonMergeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def preview(self, *, keep_id: int, remove_id: int) -> MergePreview:
        """What merging these two records would do; nothing is changed."""
        _check_pair(keep_id, remove_id)
        with self.ctx.sessions() as session:
            keep, other = _side(session, keep_id), _side(session, remove_id)
        fields: list[FieldOutcome] = []
        for name, spec in PERSON_FIELDS.items():
            mine, theirs = getattr(keep.person, name), getattr(other.person, name)
            after, how = merged_value(name, mine, theirs)
            fields.append(FieldOutcome(name, spec.label, mine, theirs, after, how))
        shared = {cid for cid in other.committee_ids if cid in keep.committee_ids}
        return MergePreview(
            kept=keep.side,
            removed=other.side,
            fields=tuple(fields),
            memberships_moved=tuple(n for cid, n in other.committee_ids.items() if cid not in shared),
            memberships_dropped=tuple(n for cid, n in other.committee_ids.items() if cid in shared),
            meetings_merged=len(keep.meeting_ids & other.meeting_ids),
            suggested_keep_id=_heavier(keep.side, other.side),
        )

    def suggest_keep(self, *, first_id: int, second_id: int) -> int:
        """The record to keep by default: the one with more committees and attendance, more details, or older."""
        _check_pair(first_id, second_id)
        with self.ctx.sessions() as session:
            return _heavier(_side(session, first_id).side, _side(session, second_id).side)

    def merge(self, *, keep_id: int, remove_id: int) -> MergeResult:
        """Blank fields of the kept record are filled from the other; where both have a value, the kept one wins.

        A committee both belong to keeps the kept record's membership; a meeting both attended keeps its record.
        """
        _check_pair(keep_id, remove_id)
        with self.ctx.sessions.begin() as session:
            keep = session.get(Person, keep_id)
            other = session.get(Person, remove_id)
            if keep is None or other is None:
                raise NotFound("One of these people no longer exists.")
            removed_row = row_of(other)
            kept_before = {name: getattr(keep, name) for name in (*PERSON_FIELDS, "email_key", "name_key")}
            filled: dict[str, str] = {}
            conflicts: list[str] = []
            for name in PERSON_FIELDS:
                value, how = merged_value(name, getattr(keep, name), getattr(other, name))
                if how in (FILLED, COMBINED):
                    setattr(keep, name, value)
                    filled[name] = value
                elif how == KEPT:
                    conflicts.append(
                        f"{PERSON_FIELDS[name].label}: kept '{getattr(keep, name)}', not '{getattr(other, name)}'"
                    )
            other_email = other.email
            other.email, other.email_key = None, None
            session.flush()
            keep.email_key = email_key(keep.email)
            keep.name_key = person_name_key(keep.given_name, keep.family_name)

            kept_committees = set(
                session.scalars(select(Membership.committee_id).where(Membership.person_id == keep_id))
            )
            moved_ids: list[int] = []
            dropped: list[Row] = []
            for membership in session.scalars(select(Membership).where(Membership.person_id == remove_id)).all():
                if membership.committee_id in kept_committees:
                    dropped.append(row_of(membership))
                    session.delete(membership)
                else:
                    membership.person_id = keep_id
                    moved_ids.append(membership.id)
            moved = len(moved_ids)
            attended = set(session.scalars(select(Attendance.meeting_id).where(Attendance.person_id == keep_id)))
            attendance_moved: list[int] = []
            attendance_dropped: list[Row] = []
            for record in session.scalars(select(Attendance).where(Attendance.person_id == remove_id)).all():
                if record.meeting_id in attended:
                    attendance_dropped.append(row_of(record))
                    session.delete(record)
                else:
                    record.person_id = keep_id
                    attendance_moved.append(record.id)
            token = MergeToken(
                kept_id=keep_id,
                removed=removed_row,
                kept_before={k: v for k, v in kept_before.items() if v != getattr(keep, k)},
                memberships_moved=tuple(moved_ids),
                memberships_dropped=tuple(dropped),
                attendance_moved=tuple(attendance_moved),
                attendance_dropped=tuple(attendance_dropped),
                actions_owned=_ids(session, ActionItem.id, ActionItem.owner_person_id == remove_id),
                decisions_moved=_ids(session, Decision.id, Decision.moved_by_id == remove_id),
                decisions_seconded=_ids(session, Decision.id, Decision.seconded_by_id == remove_id),
                log_entries=_ids(session, ChangeLog.id, ChangeLog.subject_person_id == remove_id),
                action_owners_moved=_ids(session, ActionOwner.id, ActionOwner.person_id == remove_id),
            )
            session.execute(
                update(ActionItem).where(ActionItem.owner_person_id == remove_id).values(owner_person_id=keep_id)
            )
            # The owner rows would go with the removed person (ON DELETE CASCADE): they move to the one kept.
            session.execute(update(ActionOwner).where(ActionOwner.person_id == remove_id).values(person_id=keep_id))
            session.execute(update(Decision).where(Decision.moved_by_id == remove_id).values(moved_by_id=keep_id))
            session.execute(update(Decision).where(Decision.seconded_by_id == remove_id).values(seconded_by_id=keep_id))
            session.execute(
                update(ChangeLog).where(ChangeLog.subject_person_id == remove_id).values(subject_person_id=keep_id)
            )
            session.flush()
            session.delete(other)
            changelog.record(
                session,
                actor=self.ctx.actor,
                entity="person",
                entity_id=keep_id,
                action=ChangeAction.UPDATE,
                changes={
                    **{k: (None, v) for k, v in filled.items()},
                    "merged_from": (None, f"#{remove_id} {other.given_name} {other.family_name} {other_email or ''}"),
                },
                subject_person_id=keep_id,
            )
        return MergeResult(keep_id, filled, moved, conflicts, token)

    def unmerge(self, *, token: MergeToken) -> UnmergeResult:
        """Take a merge back: the removed person, their details, memberships, attendance, action items and decisions
        return as they were, and the kept record loses what it gained. All or nothing (see person_unmerge)."""
        return unmerge(self.ctx, token=token)


def _ids(session: Session, column: Any, condition: Any) -> tuple[int, ...]:
    return tuple(session.scalars(select(column).where(condition)))


def _union(first: str, second: str) -> str:
    seen: dict[str, str] = {}
    for part in f"{first},{second}".replace(";", ",").split(","):
        if part.strip():
            seen.setdefault(part.strip().casefold(), part.strip())
    return ", ".join(seen.values())


def _check_pair(first_id: int, second_id: int) -> None:
    if first_id == second_id:
        raise DomainError("Choose two different people to merge.")


@dataclass(frozen=True)
class _Loaded:
    side: MergeSide
    committee_ids: dict[int, str]  # committee id → name, by name
    meeting_ids: frozenset[int]

    @property
    def person(self) -> PersonRecord:
        return self.side.person


def _side(session: Session, person_id: int) -> _Loaded:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("One of these people no longer exists.")
    by_name = (
        select(Committee.id, Committee.name)
        .join(Membership, Membership.committee_id == Committee.id)
        .where(Membership.person_id == person_id)
        .order_by(Committee.name)
    )
    committees = {cid: name for cid, name in session.execute(by_name)}
    meetings = frozenset(session.scalars(select(Attendance.meeting_id).where(Attendance.person_id == person_id)))
    owned = session.scalar(select(func.count(ActionItem.id)).where(ActionItem.owner_person_id == person_id)) or 0
    side = MergeSide(PersonRecord.of(person), tuple(committees.values()), len(meetings), int(owned))
    return _Loaded(side, committees, meetings)


def _heavier(first: MergeSide, second: MergeSide) -> int:
    return first.person.id if first.weight >= second.weight else second.person.id
