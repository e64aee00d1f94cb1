"""Read what a roster import is planned against: the committee by name, everyone's matching keys, its members, and
the other committees people sit on."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from equitydesk.db.tables import Committee, Membership, Person
from equitydesk.services.roster import PERSON_FIELDS
from equitydesk.services.roster_import.planning import MEMBERSHIP_FIELDS, RosterSnapshot


def committee_id_named(session: Session, name: str) -> int | None:
    """The committee of this name, ignoring case; archived committees count (the import adds people to them)."""
    return session.scalar(select(Committee.id).where(func.lower(Committee.name) == name.lower()))


def read_snapshot(session: Session, committee_name: str) -> RosterSnapshot:
    committee_id = committee_id_named(session, committee_name)
    columns = [Person.id, Person.email_key, Person.name_key, *(getattr(Person, f) for f in PERSON_FIELDS)]
    people = [dict(row) for row in session.execute(select(*columns)).mappings()]
    members: dict[int, dict[str, Any]] = {}
    if committee_id is not None:
        query = select(Membership.person_id, *(getattr(Membership, f) for f in MEMBERSHIP_FIELDS)).where(
            Membership.committee_id == committee_id
        )
        members = {m["person_id"]: dict(m) for m in session.execute(query).mappings()}
    return RosterSnapshot.of(
        people, committee_id=committee_id, members=members, elsewhere=_other_committees(session, committee_id)
    )


def _other_committees(session: Session, committee_id: int | None) -> dict[int, tuple[str, ...]]:
    """Person id → the names of the committees they sit on besides this one (a change of their details shows there)."""
    query = (
        select(Membership.person_id, Committee.name)
        .join(Committee, Committee.id == Membership.committee_id)
        .order_by(Membership.person_id, Committee.name)
    )
    if committee_id is not None:
        query = query.where(Membership.committee_id != committee_id)
    found: dict[int, list[str]] = {}
    for person_id, name in session.execute(query):
        found.setdefault(person_id, []).append(name)
    return {pid: tuple(names) for pid, names in found.items()}
