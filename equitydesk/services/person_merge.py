"""Merging two records of the same person: one is kept, the other's details, memberships and history move to it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from equitydesk.db.tables import ActionItem, Attendance, ChangeLog, Decision, Membership, Person
from equitydesk.domain.enums import ChangeAction
from equitydesk.domain.keys import email_key, person_name_key
from equitydesk.services import changelog
from equitydesk.services.context import ServiceContext
from equitydesk.services.errors import DomainError, NotFound
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


class PersonMergeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def merge(self, *, keep_id: int, remove_id: int) -> MergeResult:
        """Blank fields of the kept record are filled from the other; where both have a value, the kept one wins.

        A committee both belong to keeps the kept record's membership; a meeting both attended keeps its record.
        """
        if keep_id == remove_id:
            raise DomainError("Choose two different people to merge.")
        with self.ctx.sessions.begin() as session:
            keep = session.get(Person, keep_id)
            other = session.get(Person, remove_id)
            if keep is None or other is None:
                raise NotFound("One of these people no longer exists.")
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
            moved = 0
            for membership in session.scalars(select(Membership).where(Membership.person_id == remove_id)).all():
                if membership.committee_id in kept_committees:
                    session.delete(membership)
                else:
                    membership.person_id = keep_id
                    moved += 1
            attended = set(session.scalars(select(Attendance.meeting_id).where(Attendance.person_id == keep_id)))
            for record in session.scalars(select(Attendance).where(Attendance.person_id == remove_id)).all():
                if record.meeting_id in attended:
                    session.delete(record)
                else:
                    record.person_id = keep_id
            session.execute(
                update(ActionItem).where(ActionItem.owner_person_id == remove_id).values(owner_person_id=keep_id)
            )
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
        return MergeResult(keep_id, filled, moved, conflicts)


def _union(first: str, second: str) -> str:
    seen: dict[str, str] = {}
    for part in f"{first},{second}".replace(";", ",").split(","):
        if part.strip():
            seen.setdefault(part.strip().casefold(), part.strip())
    return ", ".join(seen.values())
