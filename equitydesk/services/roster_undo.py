"""Undoing roster edits that need more than an update back: adding a person, removing or adding a membership."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from equitydesk.db.tables import (
    ActionItem,
    Attendance,
    Committee,
    Decision,
    GroupTarget,
    ImportBatch,
    Meeting,
    Membership,
    Plan,
)
from equitydesk.domain.enums import ChangeAction
from equitydesk.services import changelog
from equitydesk.services.crud import Row, row_of

if TYPE_CHECKING:
    from equitydesk.services.records import MembershipRecord, PersonRecord
    from equitydesk.services.roster import MembershipService, PersonService


@dataclass(frozen=True)
class CreateUndone:
    """What undo_create did: the person's row as it was, and whether they were erased (else archived)."""

    row: Row
    erased: bool


def undo_create(people: PersonService, *, person_id: int) -> CreateUndone:
    """A membership, attendance, an action item or a decision naming the person (written by something outside the
    undo history, such as another program) keeps them, archived; otherwise they are erased as by delete()."""
    with people.ctx.sessions() as session:
        row = row_of(people._load(session, person_id))
        used = any(
            session.scalar(select(column).where(column == person_id).limit(1)) is not None
            for column in (
                Membership.person_id,
                Attendance.person_id,
                ActionItem.owner_person_id,
                Decision.moved_by_id,
                Decision.seconded_by_id,
            )
        )
    if used:
        people.archive(person_id, archived=True)
    else:
        people.delete(person_id)
    return CreateUndone(row=row, erased=not used)


def redo_create(people: PersonService, *, undone: CreateUndone) -> PersonRecord:
    if undone.erased:
        return people.reinsert(row=undone.row)
    return people.archive(int(undone.row["id"]), archived=False)


@dataclass(frozen=True)
class MembershipRemoved:
    """What remove_membership took away: the membership's row, and its committee's when that went too."""

    row: Row
    committee: Row | None = None


def remove_membership(
    memberships: MembershipService, membership_id: int, *, with_committee: bool = False
) -> MembershipRemoved:
    """Delete a membership in one transaction; with_committee (the undo of adding a membership that started its
    committee) also deletes that committee while nothing else uses it: no member, meeting, action item, plan,
    target or import names it."""
    ctx = memberships.ctx
    with ctx.sessions.begin() as session:
        membership = memberships._load(session, membership_id)
        memberships.before_delete(session, membership)
        row = row_of(membership)
        committee_id = membership.committee_id
        session.delete(membership)
        session.flush()
        changelog.record(
            session,
            actor=ctx.actor,
            entity=memberships.entity,
            entity_id=membership_id,
            action=ChangeAction.DELETE,
            changes={k: (row[k], None) for k in memberships.fields if row.get(k) is not None},
            subject_person_id=row["person_id"],
        )
        if not with_committee or _committee_used(session, committee_id):
            return MembershipRemoved(row)
        committee = session.get(Committee, committee_id)
        assert committee is not None
        committee_row = row_of(committee)
        session.delete(committee)
        changelog.record(
            session, actor=ctx.actor, entity="committee", entity_id=committee_id, action=ChangeAction.DELETE
        )
        return MembershipRemoved(row, committee_row)


def put_back_membership(memberships: MembershipService, *, removed: MembershipRemoved) -> MembershipRecord:
    """Undo remove_membership: the committee first (under its id, when it went too), then the membership."""
    ctx = memberships.ctx
    with ctx.sessions.begin() as session:
        row = dict(removed.row)
        if removed.committee is not None:
            committee = dict(removed.committee)
            if session.get(Committee, committee["id"]) is not None:
                committee.pop("id")
            started = Committee(**committee)
            session.add(started)
            session.flush()
            row["committee_id"] = started.id
            changelog.record(
                session, actor=ctx.actor, entity="committee", entity_id=started.id, action=ChangeAction.CREATE,
                changes={"name": (None, started.name)},
            )  # fmt: skip
        if session.get(Membership, row["id"]) is not None:
            row.pop("id")
        membership = Membership(**row)
        session.add(membership)
        memberships._flush(session)
        changelog.record(
            session,
            actor=ctx.actor,
            entity=memberships.entity,
            entity_id=membership.id,
            action=ChangeAction.CREATE,
            changes={k: (None, row[k]) for k in memberships.fields if row.get(k) is not None},
            subject_person_id=membership.person_id,
        )
        return memberships.record.of(membership)


def _committee_used(session: Session, committee_id: int) -> bool:
    columns = (
        Membership.committee_id,
        Meeting.committee_id,
        ActionItem.committee_id,
        Plan.committee_id,
        GroupTarget.committee_id,
        ImportBatch.committee_id,
    )
    return any(session.scalar(select(c).where(c == committee_id).limit(1)) is not None for c in columns)
