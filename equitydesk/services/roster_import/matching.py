"""When two records with the same name are one person: only when nothing tells them apart.

A district roster of thousands has several Mohamed Alis and Maria Garcias. Matched by e-mail they are one person;
matched by name alone they are one person only when no e-mail, phone or school says otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from equitydesk.domain.keys import email_key
from equitydesk.services.roster_import.schools import same_school

if TYPE_CHECKING:
    from equitydesk.services.roster_import.planning import RowPlan

_DIGITS = re.compile(r"\d")


def phone_key(phone: Any) -> str:
    """The number's ten digits (a leading country code 1 dropped, an extension ignored), or all its digits."""
    digits = "".join(_DIGITS.findall(str(phone or "")))
    if len(digits) >= 11 and digits[0] == "1":
        digits = digits[1:]
    return digits[:10]


def contradiction(first: Mapping[str, Any], second: Mapping[str, Any]) -> str | None:
    """What says these two same-name records are different people ("e-mail", "phone", "school"), or None.

    A detail only one of them has is no contradiction: a row without a phone may well be the person with one.
    """
    a, b = email_key(first.get("email")), email_key(second.get("email"))
    if a and b and a != b:
        return "e-mail"
    a, b = phone_key(first.get("phone")), phone_key(second.get("phone"))
    if a and b and a != b:
        return "phone"
    school, other = first.get("organization"), second.get("organization")
    if school and other and not same_school(str(school), str(other)):
        return "school"
    return None


T = TypeVar("T")


class Namesakes(Generic[T]):
    """The records of one name (rows of the file, or people of the roster), indexed so that those a new record could
    be are found without comparing it with all of them: a district roster may hold hundreds of one name."""

    __slots__ = ("_by_phone", "_no_phone", "_unindexed", "everyone", "no_email")

    def __init__(self) -> None:
        self.everyone: list[T] = []
        self.no_email: list[T] = []
        # The phone index is built when first needed: in most files every row has an e-mail and it never is.
        self._unindexed: list[tuple[T, Any]] = []
        self._by_phone: dict[str, list[T]] = {}
        self._no_phone: list[T] = []

    def add(self, item: T, values: Mapping[str, Any], email: str | None) -> None:
        """Another record of this name; `email` is its e-mail's key (None: it has none)."""
        self.everyone.append(item)
        if not email:
            self.no_email.append(item)
        self._unindexed.append((item, values.get("phone")))

    def could_be(self, values: Mapping[str, Any], email: str | None) -> Iterable[T]:
        """Those whose e-mail and phone do not rule this record out (school still to be compared). One with the same
        e-mail was matched by it already, so a record with an e-mail can only be one without."""
        if email:
            return self.no_email
        phone = phone_key(values.get("phone"))
        if not phone:
            return self.everyone
        for item, raw in self._unindexed:
            key = phone_key(raw)
            (self._by_phone.setdefault(key, []) if key else self._no_phone).append(item)
        self._unindexed.clear()
        return [*self._by_phone.get(phone, ()), *self._no_phone]


def _listed(rows: Sequence[int], total: int) -> str:
    """ "23 and 24", "23, 24 and 25", "23, 24, 25 and 757 more" (rows: the first few of `total`)."""
    shown = [str(r) for r in rows[:3]]
    if total > len(shown):
        return f"{', '.join(shown)} and {total - len(shown):,} more"
    return f"{', '.join(shown[:-1])} and {shown[-1]}"


def kept_apart_in_file(name: str, others: Sequence[int], total: int, what: str | None = None) -> str:
    """The warning on a row kept apart from the `total` other rows of its name, the first of them `others` (and the
    detail that differs, when there is one other)."""
    if total == 1:
        return (f"Another {name} is in row {others[0]} with a different {what or 'e-mail, phone or school'}: kept "
                "apart. Merge them later if they are one person.")  # fmt: skip
    return (f"Other people called {name} are in rows {_listed(others, total)}, each with a different e-mail, phone "
            "or school: kept apart. Merge them later if one of them is this person.")  # fmt: skip


def kept_apart_on_roster(name: str, what: str) -> str:
    return (f"Another {name} is already on the roster with a different {what}: kept apart. Merge them later if they "
            "are one person.")  # fmt: skip


def which_row(name: str, rows: Sequence[int]) -> str:
    listed = ", ".join(str(r) for r in rows[:-1]) + f" or {rows[-1]}" if len(rows) <= 3 else (
        f"{', '.join(str(r) for r in rows[:3])} or {len(rows) - 3:,} others")  # fmt: skip
    return (f"This {name} could be the one in row {listed}; add an e-mail or phone to the row so EquityDesk knows "
            "which, or delete the row.")  # fmt: skip


def which_person(name: str, count: int) -> str:
    return (f"{count} people called {name} are already in the roster. Add this person's e-mail to the row so "
            "EquityDesk knows which one it is.")  # fmt: skip


def same_name_in_file(plan: RowPlan, namesakes: Namesakes[RowPlan] | None, ekey: str | None) -> RowPlan | None:
    """The earlier row of the same name this row is the same person as, or None (kept apart: another person)."""
    if namesakes is None:
        return None
    values = plan.person_values
    fits = [e for e in namesakes.could_be(values, ekey) if contradiction(e.person_values, values) is None]
    if len(fits) == 1:
        return fits[0]
    if fits:
        plan.fail(which_row(plan.name, [e.row for e in fits]))
    return None


def flag_kept_apart(people: list[RowPlan]) -> None:
    """Each of several people of one name in the file (none could be another) is told of the others."""
    if len(people) < 2:
        return
    what = contradiction(people[0].person_values, people[1].person_values) if len(people) == 2 else None
    first = [p.row for p in people[:4]]
    shared = None  # the same sentence for every row past the first few: one string, however many rows
    for i, plan in enumerate(people):
        if i >= 4 and shared is not None:
            plan.warn(shared)
            continue
        others = [r for r in first if r != plan.row][:3]  # a few are named: a name may have hundreds of rows
        message = kept_apart_in_file(plan.name, others, len(people) - 1, what)
        if i >= 4:
            shared = message
        plan.warn(message)
