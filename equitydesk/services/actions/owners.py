"""Who owns an action item: members and free-text owners ("Facilities"), several per item, first one mirrored."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, delete, func, insert, or_, select
from sqlalchemy.orm import Session, aliased

from equitydesk.db.tables import ActionItem, ActionOwner, Person
from equitydesk.services.errors import DomainError
from equitydesk.services.fields import Field

# An owner as callers name one: a person's id, or free text for someone who is not on the roster.
OwnerSpec = int | str
_TEXT = Field("Owner", max_len=200)


@dataclass(frozen=True, slots=True)
class OwnerRecord:
    person_id: int | None
    text: str | None
    name: str  # as listed: the member's name, or the free text

    @property
    def spec(self) -> OwnerSpec:
        return self.person_id if self.person_id is not None else str(self.text)


def person_name(person: Any) -> ColumnElement[Any]:
    """A person's listed name in SQL: preferred (else given) name and family name."""
    return func.trim(func.coalesce(person.preferred_name, person.given_name) + " " + person.family_name)


def owners_expr() -> ColumnElement[Any]:
    """Every owner's name, comma-separated, for the list (and for sorting and searching by owner).

    SQLite's group_concat follows the scan order; owners are inserted in their order, so the index on
    action_item_id yields them in it. An item whose owners were never written in action_owner (a row another
    feature inserted with the single owner columns only) shows that single owner.
    """
    who = aliased(Person)
    listed = (
        select(func.group_concat(func.coalesce(person_name(who), ActionOwner.text), ", "))
        .select_from(ActionOwner)
        .outerjoin(who, who.id == ActionOwner.person_id)
        .where(ActionOwner.action_item_id == ActionItem.id)
        .correlate(ActionItem)
        .scalar_subquery()
    )
    legacy = aliased(Person)
    single = (
        select(person_name(legacy)).where(legacy.id == ActionItem.owner_person_id).correlate(ActionItem)
    ).scalar_subquery()
    return func.coalesce(listed, func.nullif(single, ""), ActionItem.owner_text)


def owner_sort_expr() -> ColumnElement[Any]:
    """The first owner as a roster sorts people: family name, then first name (free text as it is written).

    "By owner" then groups the Vangs together, as a chair reading a printed roster expects, whatever first names.
    """
    who = aliased(Person)
    first = (
        select(func.coalesce(func.trim(who.family_name + " " + func.coalesce(who.preferred_name, who.given_name)),
                             ActionOwner.text))
        .select_from(ActionOwner)
        .outerjoin(who, who.id == ActionOwner.person_id)
        .where(ActionOwner.action_item_id == ActionItem.id)
        .order_by(ActionOwner.position, ActionOwner.id)
        .limit(1)
        .correlate(ActionItem)
        .scalar_subquery()
    )  # fmt: skip
    legacy = aliased(Person)
    single = (
        select(func.trim(legacy.family_name + " " + func.coalesce(legacy.preferred_name, legacy.given_name)))
        .where(legacy.id == ActionItem.owner_person_id)
        .correlate(ActionItem)
        .scalar_subquery()
    )
    return func.lower(func.coalesce(first, func.nullif(single, ""), ActionItem.owner_text))


def owner_filter(value: Any) -> ColumnElement[bool]:
    """Items one of whose owners is this person (an id) or whose owners' names contain this text."""
    if isinstance(value, int) and not isinstance(value, bool):
        owns = select(ActionOwner.id).where(ActionOwner.action_item_id == ActionItem.id, ActionOwner.person_id == value)
        return or_(owns.exists(), ActionItem.owner_person_id == value)
    text = str(value).strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return owners_expr().ilike(f"%{text}%", escape="\\")


def clean_owners(session: Session, owners: Sequence[OwnerSpec]) -> list[tuple[int | None, str | None]]:
    """(person_id, text) pairs in order, without repeats; a person who does not exist is refused."""
    cleaned: list[tuple[int | None, str | None]] = []
    for owner in owners:
        if isinstance(owner, int) and not isinstance(owner, bool):
            if session.get(Person, owner) is None:
                raise DomainError("An owner is no longer on the roster; choose the owners again.", field="owners")
            pair: tuple[int | None, str | None] = (owner, None)
        else:
            text = _TEXT.clean("owners", owner)
            if not text:
                continue
            pair = (None, text)
        if pair not in cleaned:
            cleaned.append(pair)
    return cleaned


def read_owners(session: Session, item_ids: Sequence[int]) -> dict[int, list[OwnerRecord]]:
    """Each item's owners in order (the single-owner columns for an item with no owner rows)."""
    if not item_ids:
        return {}
    stmt = (
        select(ActionOwner.action_item_id, ActionOwner.person_id, ActionOwner.text, person_name(Person))
        .outerjoin(Person, Person.id == ActionOwner.person_id)
        .where(ActionOwner.action_item_id.in_(item_ids))
        .order_by(ActionOwner.action_item_id, ActionOwner.position, ActionOwner.id)
    )
    found: dict[int, list[OwnerRecord]] = {i: [] for i in item_ids}
    for item_id, person_id, text, name in session.execute(stmt):
        found[item_id].append(OwnerRecord(person_id, text, name or text or ""))
    bare = [i for i, owners in found.items() if not owners]
    if bare:
        legacy = (
            select(ActionItem.id, ActionItem.owner_person_id, ActionItem.owner_text, person_name(Person))
            .outerjoin(Person, Person.id == ActionItem.owner_person_id)
            .where(ActionItem.id.in_(bare))
        )
        for item_id, person_id, text, name in session.execute(legacy):
            if person_id is not None:
                found[item_id].append(OwnerRecord(person_id, None, name or ""))
            if text:
                found[item_id].append(OwnerRecord(None, text, text))
    return found


def write_owners(session: Session, item: ActionItem, owners: list[tuple[int | None, str | None]]) -> None:
    """Replace the item's owners; the single-owner columns keep the first member and the first free text."""
    session.execute(delete(ActionOwner).where(ActionOwner.action_item_id == item.id))
    if owners:
        session.execute(
            insert(ActionOwner),
            [{"action_item_id": item.id, "position": n, "person_id": p, "text": t} for n, (p, t) in enumerate(owners)],
        )
    item.owner_person_id = next((p for p, _t in owners if p is not None), None)
    item.owner_text = next((t for _p, t in owners if t is not None), None)


def legacy_owners(item: ActionItem) -> list[tuple[int | None, str | None]]:
    """The owners the single-owner columns name, for items created or edited through them."""
    pairs: list[tuple[int | None, str | None]] = []
    if item.owner_person_id is not None:
        pairs.append((item.owner_person_id, None))
    if item.owner_text:
        pairs.append((None, item.owner_text))
    return pairs
