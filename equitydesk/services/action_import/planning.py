"""What each tracker row will do: a new item, an update of the item of the same title, or nothing; owners matched
to people by e-mail or name ("Last, First" too), the rest kept as free-text owners. Pure over a snapshot."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from equitydesk.db.tables import ActionItem, ActionUpdate, Person, Strategy
from equitydesk.domain.enums import ActionStatus, Priority
from equitydesk.domain.keys import email_key, person_name_key
from equitydesk.domain.normalize import split_full_name
from equitydesk.services.imports.plan import ImportRow, Outcome, Plan, RowOutcome
from equitydesk.services.roster_import.snapshot import committee_id_named

OwnerSpec = int | str
# What an update may change on an item that is already in EquityDesk (owners stay as they are there).
UPDATABLE = ("details", "due_on", "status", "status_reason", "priority", "completed_on", "strategy_id")


@dataclass(frozen=True)
class ActionSnapshot:
    committee_id: int | None
    people_by_email: Mapping[str, int]
    people_by_name: Mapping[str, int]  # name_key of given and of preferred name → id (ambiguous names left out)
    items_by_title: Mapping[str, dict[str, Any]]  # folded title → the item's updatable values and id
    strategies: Mapping[str, int]  # folded code and folded title → id
    notes: Mapping[int, set[str]] = field(default_factory=dict)  # item id → its progress notes (not added twice)


def title_key(title: str) -> str:
    return " ".join(title.casefold().split())


def read_snapshot(session: Session, committee_name: str) -> ActionSnapshot:
    committee_id = committee_id_named(session, committee_name)
    by_email: dict[str, int] = {}
    by_name: dict[str, int | None] = {}
    for pid, given, preferred, family, email in session.execute(
        select(Person.id, Person.given_name, Person.preferred_name, Person.family_name, Person.email).where(
            Person.archived.is_(False)
        )
    ):
        if key := email_key(email):
            by_email.setdefault(key, pid)
        for first in {given, preferred} - {None, ""}:
            key = person_name_key(first, family)
            by_name[key] = pid if by_name.get(key, pid) == pid else None  # two people of one name: match neither
    items: dict[str, dict[str, Any]] = {}
    notes: dict[int, set[str]] = {}
    if committee_id is not None:
        columns = [ActionItem.id, ActionItem.title, *(getattr(ActionItem, f) for f in UPDATABLE)]
        for row in session.execute(select(*columns).where(ActionItem.committee_id == committee_id)).mappings():
            items.setdefault(title_key(row["title"]), dict(row))
        logged = (
            select(ActionUpdate.action_item_id, ActionUpdate.note)
            .join(ActionItem, ActionItem.id == ActionUpdate.action_item_id)
            .where(ActionItem.committee_id == committee_id, ActionUpdate.note.is_not(None))
        )
        for item_id, note in session.execute(logged):
            notes.setdefault(item_id, set()).add(str(note))
    strategies: dict[str, int] = {}
    for sid, code, title in session.execute(select(Strategy.id, Strategy.code, Strategy.title)):
        for key in (code, title):
            if key:
                strategies.setdefault(func_key(key), sid)
    names = {k: v for k, v in by_name.items() if v is not None}
    return ActionSnapshot(committee_id, by_email, names, items, strategies, notes)


def func_key(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass(slots=True)
class ActionRowPlan(RowOutcome):
    title: str = ""
    values: dict[str, Any] = field(default_factory=dict)  # for a new item: every field; for an update: what changes
    owners: list[OwnerSpec] = field(default_factory=list)
    note: str | None = None
    existing_id: int | None = None


@dataclass
class ActionImportPlan(Plan[ActionRowPlan]):
    committee_name: str = ""
    committee_exists: bool = False


def match_owner(text: str, snapshot: ActionSnapshot) -> int | None:
    """A person by e-mail, "First Last", or "Last, First"; None when nobody (or more than one person) fits."""
    if "@" in text and (key := email_key(text.strip("<> "))) and key in snapshot.people_by_email:
        return snapshot.people_by_email[key]
    given, family = split_full_name(text)
    return snapshot.people_by_name.get(person_name_key(given, family))


def resolve_owners(parts: Iterable[str], snapshot: ActionSnapshot) -> list[OwnerSpec]:
    """Each written owner as a person's id, else as free text. "Vang, Mai" is one person when she is on the roster;
    "Mai Vang, Facilities" is two owners."""
    found: list[OwnerSpec] = []
    for part in parts:
        whole = match_owner(part, snapshot) if part.count(",") == 1 else None
        pieces = [part] if whole is not None or "," not in part else [p.strip() for p in part.split(",") if p.strip()]
        for piece in pieces:
            person = whole if whole is not None else match_owner(piece, snapshot)
            spec: OwnerSpec = person if person is not None else piece
            if spec not in found:
                found.append(spec)
    return found


def plan_actions(
    rows: Iterable[ImportRow], snapshot: ActionSnapshot, *, committee_name: str, today: date
) -> ActionImportPlan:
    plan = ActionImportPlan([], committee_name=committee_name, committee_exists=snapshot.committee_id is not None)
    first_row: dict[str, int] = {}
    for row in rows:
        outcome = ActionRowPlan(row.row_number)
        outcome.take_problems(row.problems)
        plan.rows.append(outcome)
        if outcome.action is Outcome.ERROR:
            continue
        values = dict(row.values)
        outcome.title = str(values["title"])
        key = title_key(outcome.title)
        if key in first_row:
            outcome.merge_into(first_row[key], f"The same action as row {first_row[key]}; only that row was imported.")
            continue
        first_row[key] = row.row_number
        wanted = _values(values, row, outcome, snapshot, today)
        outcome.owners = resolve_owners(values.get("owners", []), snapshot)
        note = values.get("note")
        raw: Mapping[str, str] = getattr(row, "raw", {})
        typed_status = raw.get("status") if "status" not in values else None
        if typed_status:
            note = f"Status in the tracker: {typed_status}" + (f". {note}" if note else "")
        outcome.note = note
        existing = snapshot.items_by_title.get(key)
        if existing is None:
            outcome.values = wanted
            continue
        outcome.existing_id = int(existing["id"])
        if outcome.note in snapshot.notes.get(outcome.existing_id, set()):
            outcome.note = None  # imported before: the log has it already
        if "completed_on" not in values:
            wanted.pop("completed_on", None)  # the tracker does not say when: keep the day EquityDesk has
        outcome.values = {k: v for k, v in wanted.items() if k in UPDATABLE and v != existing.get(k)}
        outcome.action = Outcome.UPDATE if outcome.values or outcome.note else Outcome.UNCHANGED
        outcome.changes = {k: (existing.get(k), v) for k, v in outcome.values.items()}
    return plan


def _values(
    values: dict[str, Any], row: ImportRow, outcome: ActionRowPlan, snapshot: ActionSnapshot, today: date
) -> dict[str, Any]:
    status = values.get("status") or ActionStatus.OPEN
    wanted: dict[str, Any] = {
        "title": outcome.title,
        "details": values.get("details"),
        "due_on": values.get("due_on"),
        "status": status,
        "priority": values.get("priority") or Priority.NORMAL,
        "completed_on": values.get("completed_on") if status == ActionStatus.DONE else None,
    }
    if status == ActionStatus.DONE and wanted["completed_on"] is None:
        wanted["completed_on"] = today  # done before the import, on a day the tracker does not say
    if status in (ActionStatus.BLOCKED, ActionStatus.DROPPED):
        wanted["status_reason"] = (
            values.get("note") or f"As the tracker said ({getattr(row, 'raw', {}).get('status', status.label)})"
        )
    strategy = values.get("strategy")
    if strategy:
        found = snapshot.strategies.get(func_key(str(strategy)))
        if found is None:
            outcome.warn(f"No strategy is called “{strategy}”; the item was imported without one.")
        wanted["strategy_id"] = found
    return {k: v for k, v in wanted.items() if v is not None or k in ("completed_on",)}
