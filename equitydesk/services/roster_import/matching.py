"""When two records with the same name are one person: only when nothing tells them apart.

A district roster of thousands has several Mohamed Alis and Maria Garcias. Matched by e-mail they are one person;
matched by name alone they are one person only when no e-mail, phone or school says otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from equitydesk.domain.keys import email_key
from equitydesk.services.roster_import.schools import same_school

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


def kept_apart_in_file(name: str, others: Mapping[int, str]) -> str:
    """The warning on a row kept apart from the same-name rows of the file (row → the detail that differs)."""
    rows = sorted(others)
    if len(rows) == 1:
        return (f"Another {name} is in row {rows[0]} with a different {others[rows[0]]}: kept apart. Merge them "
                "later if they are one person.")  # fmt: skip
    whats = list(dict.fromkeys(others[r] for r in rows))
    listed = ", ".join(str(r) for r in rows[:-1]) + f" and {rows[-1]}"
    return (f"Other people called {name} are in rows {listed}, each with a different {' or '.join(whats)}: kept "
            "apart. Merge them later if one of them is this person.")  # fmt: skip


def kept_apart_on_roster(name: str, what: str) -> str:
    return (f"Another {name} is already on the roster with a different {what}: kept apart. Merge them later if they "
            "are one person.")  # fmt: skip


def which_row(name: str, rows: list[int]) -> str:
    listed = ", ".join(str(r) for r in rows[:-1]) + f" or {rows[-1]}"
    return (f"This {name} could be the one in row {listed}; add an e-mail or phone to the row so EquityDesk knows "
            "which, or delete the row.")  # fmt: skip


def which_person(name: str, count: int) -> str:
    return (f"{count} people called {name} are already in the roster. Add this person's e-mail to the row so "
            "EquityDesk knows which one it is.")  # fmt: skip
