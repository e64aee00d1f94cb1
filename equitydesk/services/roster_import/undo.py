"""Undo a roster import: remove the people and memberships it added, unless used since, and restore the rest."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from equitydesk.db.tables import ActionItem, ActionOwner, Attendance, Membership, Person
from equitydesk.domain.keys import email_key, person_name_key
from equitydesk.services.imports.undo import Restorable, begin_undo, chunks, finish_undo, restore_updates


@dataclass(frozen=True)
class UndoResult:
    people_removed: int
    memberships_removed: int
    people_restored: int
    people_kept: int
    committee_id: int | None = None  # the committee the import went into (None: it has been deleted since)


def _person_keys(before: dict[str, Any]) -> dict[str, Any]:
    return {"email_key": email_key(before["email"])} if "email" in before else {}


RESTORABLE = {"person": Restorable(Person, _person_keys), "membership": Restorable(Membership)}


def undo_roster_batch(session: Session, batch_id: int, *, actor: str) -> UndoResult:
    """All of it in the caller's transaction.

    A person the import created who has since been given other committees, attendance or actions is kept
    (only the import's membership goes), so undoing an import never deletes someone else's work.
    """
    batch = begin_undo(session, batch_id)
    memberships = session.execute(
        delete(Membership).where(Membership.import_batch_id == batch_id).returning(Membership.id)
    ).all()
    created = list(session.scalars(select(Person.id).where(Person.import_batch_id == batch_id)))
    in_use = _people_in_use(session, created)
    removable = [pid for pid in created if pid not in in_use]
    for chunk in chunks(removable):
        session.execute(delete(Person).where(Person.id.in_(chunk)))
    restored = restore_updates(session, batch_id, actor=actor, tables=RESTORABLE).get("person", set())
    _refresh_name_keys(session, sorted(restored))
    finish_undo(
        session, batch, actor=actor,
        changes={"people_removed": (len(removable), None), "memberships_removed": (len(memberships), None)},
    )  # fmt: skip
    return UndoResult(len(removable), len(memberships), len(restored), len(in_use), batch.committee_id)


def _refresh_name_keys(session: Session, person_ids: list[int]) -> None:
    # A restored given or family name changes the key people are matched by.
    for chunk in chunks(person_ids):
        names = session.execute(
            select(Person.id, Person.given_name, Person.family_name).where(Person.id.in_(chunk))
        ).all()
        for pid, given, family in names:
            session.execute(update(Person).where(Person.id == pid).values(name_key=person_name_key(given, family)))


def _people_in_use(session: Session, person_ids: list[int]) -> set[int]:
    used: set[int] = set()
    for chunk in chunks(person_ids):
        used.update(session.scalars(select(Membership.person_id).where(Membership.person_id.in_(chunk))))
        used.update(session.scalars(select(Attendance.person_id).where(Attendance.person_id.in_(chunk))))
        owners = session.scalars(select(ActionItem.owner_person_id).where(ActionItem.owner_person_id.in_(chunk)))
        used.update(o for o in owners if o is not None)
        used.update(session.scalars(select(ActionOwner.person_id).where(ActionOwner.person_id.in_(chunk))))
    return used
