"""What an update does to a person already on the roster, field by field, and which changes wait for a yes.

A blank cell never erases a value; languages combine by the merge rule; a change of an officer's role or a term
made shorter is held back unless the user accepts the role and term changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from equitydesk.domain.enums import Role
from equitydesk.domain.keys import email_key
from equitydesk.formats.roster_headers import FIELD_LABELS
from equitydesk.services.fields import to_json
from equitydesk.services.person_merge import COMBINED, FILLED, KEPT, merged_value

OFFICERS = frozenset({Role.CHAIR, Role.CO_CHAIR, Role.SECRETARY})
MEMBERSHIP = "membership."
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
EMPTY = "(empty)"


def label(key: str) -> str:
    """A change's field as people read it: "Role", "Term end", "Languages"."""
    name = key.removeprefix(MEMBERSHIP)
    return FIELD_LABELS.get(name, name.replace("_", " ").capitalize())


def value_text(value: Any) -> str:
    """A value as the preview and the command line both print it: "Chair", "Jun 30, 2026", "(empty)"."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Enum):
        return str(getattr(value, "label", value.value))
    if isinstance(value, date):
        return f"{_MONTHS[value.month - 1]} {value.day}, {value.year}"
    return str(value)


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of one row that differs from the roster: what it was, what the file says, and what happens.

    `held`: an officer's role or a shorter term, kept as it is because the role and term changes were not accepted.
    `shared`: a detail of the person (not of this membership), so it shows on every committee they sit on.
    """

    row: int
    person_id: int | None
    key: str  # "phone", "membership.role"
    old: Any
    new: Any
    held: bool = False
    needs_consent: bool = False
    shared: bool = False

    @property
    def field(self) -> str:
        return self.key.removeprefix(MEMBERSHIP)

    @property
    def label(self) -> str:
        return label(self.key)

    @property
    def text(self) -> str:
        """ "Role: Chair → Member"."""
        return f"{self.label}: {value_text(self.old)} → {value_text(self.new)}"

    @property
    def kept_text(self) -> str:
        """A change held back, as kept: "the role Chair (the file says Member)"."""
        return f"the {self.label.lower()} {value_text(self.old)} (the file says {value_text(self.new)})"

    def to_json(self) -> dict[str, Any]:
        """{row, person_id, field, old, new} with plain JSON values (enum values, ISO dates)."""
        return {"row": self.row, "person_id": self.person_id, "field": self.field, "old": to_json(self.old),
                "new": to_json(self.new)}  # fmt: skip


def person_changes(current: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """The person's details the row changes, by the merge rule: blanks filled, languages combined, and where both
    have a value and they differ, the file's (it is the newer word); a blank cell changes nothing."""
    changes: dict[str, tuple[Any, Any]] = {}
    for key, value in values.items():
        before = current.get(key)
        if key == "email" and email_key(before) == email_key(value):
            continue
        after, how = merged_value(key, before, value)
        if how in (FILLED, COMBINED):
            changes[key] = (before, after)
        elif how == KEPT:
            changes[key] = (before, value)
    return changes


def membership_changes(current: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """The membership fields the row changes (keys prefixed "membership."); a blank cell changes nothing."""
    return {
        MEMBERSHIP + key: (current.get(key), value)
        for key, value in values.items()
        if value is not None and value != "" and current.get(key) != value
    }


def needs_consent(key: str, old: Any, new: Any) -> bool:
    """A change that takes something away from a member and must be accepted: an officer's role changed (or a
    member made an officer), or a term that would end earlier than it does now (an open term given an end)."""
    if key == MEMBERSHIP + "role":
        return old is not None and old != new and (old in OFFICERS or new in OFFICERS)
    if key == MEMBERSHIP + "term_end":
        return new is not None and (old is None or new < old)
    return False


def held_message(key: str, old: Any, new: Any) -> str:
    """The row's warning when such a change is held back: it says what was kept, and how to apply it."""
    if key == MEMBERSHIP + "role":
        return (f"Kept the role {value_text(old)}: the file says {value_text(new)}. An officer's role changes only "
                "when you choose to apply the role and term changes.")  # fmt: skip
    kept = "no end" if old is None else value_text(old)
    return (f"Kept the term end ({kept}): the file's {value_text(new)} would shorten the term. A term is shortened "
            "only when you choose to apply the role and term changes.")  # fmt: skip


def also_on_text(committees: tuple[str, ...], changes: int = 1) -> str:
    """ "also on Equity Advisory Committee: the change applies there too" ("" when on no other committee)."""
    if not committees:
        return ""
    names = committees[0] if len(committees) == 1 else ", ".join(committees[:-1]) + " and " + committees[-1]
    return f"also on {names}: " + ("the change applies there too" if changes == 1 else "the changes apply there too")


def changes_text(changes: list[FieldChange], also_on: tuple[str, ...]) -> str:
    """The changes of one row on one line, the membership's first (an officer's role before anything else), then the
    person's details with where else they show: "Role: Chair → Member; Phone: (empty) → 612-555-0199 (also on …: the
    change applies there too)"."""
    own = [c.text for c in sorted((c for c in changes if not c.shared), key=lambda c: not c.needs_consent)]
    shared = [c.text for c in changes if c.shared]
    if shared:
        where = also_on_text(also_on, len(shared))
        own.append("; ".join(shared) + (f" ({where})" if where else ""))
    return "; ".join(own)
