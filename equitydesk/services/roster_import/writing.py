"""Write a planned roster import inside the caller's transaction: bulk inserts, and updates logged for undo."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from equitydesk.db.base import utcnow
from equitydesk.db.bulk import insert_tuples, sql_date, sql_datetime
from equitydesk.db.tables import Committee, Membership, Person
from equitydesk.domain.enums import ChangeAction, MembershipStatus, Role
from equitydesk.domain.keys import email_key, person_name_key
from equitydesk.services import changelog
from equitydesk.services.fields import to_json
from equitydesk.services.imports.plan import Outcome
from equitydesk.services.roster import PERSON_FIELDS
from equitydesk.services.roster_import.planning import ImportPlan, RowPlan

_PERSON_REST = tuple(PERSON_FIELDS)[2:]
_PERSON_COLUMNS = ("id", "given_name", "family_name", *_PERSON_REST, "email_key", "name_key", "archived",
                   "import_batch_id", "created_at", "updated_at")  # fmt: skip
_MEMBERSHIP_COLUMNS = ("id", "person_id", "committee_id", "role", "stakeholder_group", "voting", "term_start",
                       "term_end", "status", "import_batch_id", "created_at", "updated_at")  # fmt: skip


def create_committee(session: Session, name: str, *, actor: str) -> int:
    committee = Committee(name=name)
    session.add(committee)
    session.flush()
    changelog.record(
        session, actor=actor, entity="committee", entity_id=committee.id, action=ChangeAction.CREATE,
        changes={"name": (None, name)},
    )  # fmt: skip
    return committee.id


def write_plan(session: Session, plan: ImportPlan, *, committee_id: int, batch_id: int, actor: str) -> None:
    """Write every row the plan imports; the rows' person ids are filled in for the result."""
    now = sql_datetime(utcnow())
    next_person = (session.scalar(select(func.max(Person.id))) or 0) + 1
    next_membership = (session.scalar(select(func.max(Membership.id))) or 0) + 1
    people: list[tuple[Any, ...]] = []
    memberships: list[tuple[Any, ...]] = []
    log: list[dict[str, Any]] = []
    person_of_row: dict[int, int] = {}
    for row in plan.rows:
        if row.action is Outcome.NEW:
            row.person_id = next_person
            next_person += 1
            pv = row.person_values
            people.append(
                (row.person_id, pv.get("given_name") or "", pv.get("family_name") or "",
                 *[pv.get(f) for f in _PERSON_REST], row.email_key, row.name_key, 0, batch_id, now, now)
            )  # fmt: skip
        elif row.action is Outcome.UPDATE and row.person_id is not None:
            _apply_update(session, row, committee_id, log, batch_id, actor)
        if row.action in (Outcome.NEW, Outcome.UPDATE) and row.new_membership and row.person_id is not None:
            mv = row.membership_values
            role, group = mv.get("role") or Role.MEMBER, mv.get("stakeholder_group")
            memberships.append(
                (next_membership, row.person_id, committee_id, role.value, group.value if group else None,
                 int(mv.get("voting", True)), sql_date(mv.get("term_start")), sql_date(mv.get("term_end")),
                 MembershipStatus.ACTIVE.value, batch_id, now, now)
            )  # fmt: skip
            next_membership += 1
        if row.person_id is not None:
            person_of_row[row.row] = row.person_id
    for row in plan.rows:
        if row.action is Outcome.MERGED and row.merged_into is not None:
            row.person_id = person_of_row.get(row.merged_into)
    # Explicit ids: within this write transaction nobody else can take them, and no RETURNING round trip.
    insert_tuples(session, "person", _PERSON_COLUMNS, people)
    insert_tuples(session, "membership", _MEMBERSHIP_COLUMNS, memberships)
    changelog.record_many(session, log)
    # New people are linked to the batch (person.import_batch_id) rather than logged one by one: the batch says
    # who imported what and when, and a 100,000-row import stays fast.
    changelog.record(
        session, actor=actor, entity="import_batch", entity_id=batch_id, action=ChangeAction.CREATE,
        changes={"people_created": (None, len(people)), "memberships_created": (None, len(memberships))},
        batch_id=batch_id,
    )  # fmt: skip


def _apply_update(
    session: Session, row: RowPlan, committee_id: int, log: list[dict[str, Any]], batch_id: int, actor: str
) -> None:
    person_changes = {k: v for k, v in row.changes.items() if not k.startswith("membership.")}
    member_changes = {k.split(".", 1)[1]: v for k, v in row.changes.items() if k.startswith("membership.")}
    if person_changes:
        values = {k: after for k, (_before, after) in person_changes.items()}
        if "email" in values:
            values["email_key"] = email_key(values["email"])
        if "given_name" in values or "family_name" in values:
            current = session.execute(
                select(Person.given_name, Person.family_name).where(Person.id == row.person_id)
            ).one()
            values["name_key"] = person_name_key(
                values.get("given_name", current.given_name), values.get("family_name", current.family_name)
            )
        session.execute(update(Person).where(Person.id == row.person_id).values(**values, updated_at=utcnow()))
        log.append(_log_row("person", row.person_id, person_changes, row.person_id, batch_id, actor))
    if member_changes and not row.new_membership:
        membership_id = session.scalar(
            select(Membership.id).where(Membership.person_id == row.person_id, Membership.committee_id == committee_id)
        )
        values = {k: after for k, (_b, after) in member_changes.items()}
        session.execute(update(Membership).where(Membership.id == membership_id).values(**values))
        log.append(_log_row("membership", membership_id, member_changes, row.person_id, batch_id, actor))


def _log_row(
    entity: str, entity_id: Any, changes: Mapping[str, tuple[Any, Any]], person_id: Any, batch_id: int, actor: str
) -> dict[str, Any]:
    return {
        "actor": actor,
        "entity": entity,
        "entity_id": entity_id,
        "action": ChangeAction.UPDATE,
        "changes": {k: [to_json(b), to_json(a)] for k, (b, a) in changes.items()},
        "subject_person_id": person_id,
        "batch_id": batch_id,
    }
