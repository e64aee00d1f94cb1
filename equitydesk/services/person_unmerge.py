"""Taking a merge of two people back: what the merge removed and moved, as plain data, and putting it back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from equitydesk.db.base import Base
from equitydesk.db.tables import ActionItem, ActionOwner, Attendance, ChangeLog, Decision, Membership, Person
from equitydesk.domain.enums import ChangeAction
from equitydesk.services import changelog
from equitydesk.services.context import ServiceContext
from equitydesk.services.crud import Row
from equitydesk.services.errors import DomainError, NotFound


@dataclass(frozen=True)
class MergeToken:
    """What one merge removed and moved, by id and as rows: what unmerge() needs and nothing live."""

    kept_id: int
    removed: Row  # the removed person's row as it was
    kept_before: dict[str, Any]  # the kept person's columns the merge changed, as they were
    memberships_moved: tuple[int, ...]
    memberships_dropped: tuple[Row, ...]  # on committees both were on: deleted, the kept one's stayed
    attendance_moved: tuple[int, ...]
    attendance_dropped: tuple[Row, ...]
    actions_owned: tuple[int, ...]
    decisions_moved: tuple[int, ...]
    decisions_seconded: tuple[int, ...]
    log_entries: tuple[int, ...]  # change-log entries about the removed person
    action_owners_moved: tuple[int, ...] = ()  # owner rows (several owners per action item) of the removed person

    @property
    def removed_id(self) -> int:
        return int(self.removed["id"])


@dataclass(frozen=True)
class UnmergeResult:
    kept_id: int
    restored_id: int  # the removed person's id again, unless another record took it meanwhile


def unmerge(ctx: ServiceContext, *, token: MergeToken) -> UnmergeResult:
    """One transaction: anything the merge moved that has since gone or moved again refuses the whole unmerge."""
    with ctx.sessions.begin() as session:
        keep = session.get(Person, token.kept_id)
        if keep is None:
            raise NotFound("The person kept by the merge no longer exists, so the merge cannot be taken back.")
        for name, value in token.kept_before.items():
            setattr(keep, name, value)
        session.flush()  # the kept record gives back the e-mail it gained before the other takes it again
        removed = dict(token.removed)
        if removed.get("email_key"):
            clash = session.scalar(select(Person.id).where(Person.email_key == removed["email_key"]))
            if clash is not None:
                raise DomainError(
                    f"Another person now has the e-mail {removed.get('email')}, so the merge cannot be taken back."
                )
        if session.get(Person, removed["id"]) is not None:
            removed.pop("id")
        person = Person(**removed)
        session.add(person)
        session.flush()
        pid = person.id
        _move_back(session, Membership, Membership.person_id, token.memberships_moved, token.kept_id, pid)
        _move_back(session, Attendance, Attendance.person_id, token.attendance_moved, token.kept_id, pid)
        for table, rows in ((Membership, token.memberships_dropped), (Attendance, token.attendance_dropped)):
            for row in rows:
                _reinsert(session, table, {**row, "person_id": pid})
        _move_back(session, ActionItem, ActionItem.owner_person_id, token.actions_owned, token.kept_id, pid)
        _move_back(session, ActionOwner, ActionOwner.person_id, token.action_owners_moved, token.kept_id, pid)
        _move_back(session, Decision, Decision.moved_by_id, token.decisions_moved, token.kept_id, pid)
        _move_back(session, Decision, Decision.seconded_by_id, token.decisions_seconded, token.kept_id, pid)
        if token.log_entries:
            session.execute(update(ChangeLog).where(ChangeLog.id.in_(token.log_entries)).values(subject_person_id=pid))
        session.flush()
        changelog.record(
            session,
            actor=ctx.actor,
            entity="person",
            entity_id=token.kept_id,
            action=ChangeAction.UPDATE,
            changes={"unmerged": (None, f"#{pid} {person.given_name} {person.family_name}")},
            subject_person_id=token.kept_id,
        )
        return UnmergeResult(token.kept_id, pid)


def _move_back(session: Session, table: type[Base], column: Any, ids: Sequence[int], kept: int, to: int) -> None:
    """Point these rows from the kept person back to the restored one; every one must still point at the kept."""
    if not ids:
        return
    id_column: Any = table.id  # type: ignore[attr-defined]
    found = session.scalar(select(func.count()).select_from(table).where(id_column.in_(ids), column == kept))
    if found != len(ids):
        raise DomainError(
            "Some of what the merge moved has changed since (a membership, attendance, action item or decision), "
            "so the merge cannot be taken back."
        )
    session.execute(update(table).where(id_column.in_(ids)).values({column.key: to}))


def _reinsert(session: Session, table: type[Base], row: Row) -> None:
    values = dict(row)
    if session.get(table, values["id"]) is not None:
        values.pop("id")
    session.add(table(**values))
