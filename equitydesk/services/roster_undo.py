"""Taking back the adding of a person: erased while nothing refers to them yet, archived when something does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from equitydesk.db.tables import ActionItem, Attendance, Decision, Membership
from equitydesk.services.crud import Row, row_of

if TYPE_CHECKING:
    from equitydesk.services.records import PersonRecord
    from equitydesk.services.roster import PersonService


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
