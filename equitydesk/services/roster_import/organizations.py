"""Rows that are organizations, not people: the companies of a CRM or address-book export that mixes both."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from equitydesk.domain.normalize import parse_yes_no
from equitydesk.services.roster_import.schools import SchoolIndex

# A column saying what kind of contact a row is ("Is a Company", "Contact Type", "Record Type"), under whichever of
# these keys its heading was mapped to. Without one, a row with a company and no person's name is an organization.
ORGANIZATION_FLAGS = ("is_organization", "is_company", "contact_type", "record_type")
_ORGANIZATION_WORDS = frozenset({"organization", "organisation", "company", "business", "account", "org"})


def is_organization(
    values: Mapping[str, Any], person: Mapping[str, Any], membership: Mapping[str, Any], schools: SchoolIndex
) -> bool:
    """A company or organization row of a contacts export: flagged so, or a company with no person's name.

    A row with no name but a stakeholder group, a role or a term, or a school people on the roster belong to, is
    a person whose name is missing (a school roster's gap), not an organization.
    """
    for key in ORGANIZATION_FLAGS:
        flag = values.get(key)
        if flag is None or flag == "":
            continue
        if isinstance(flag, bool):
            return flag
        word = str(flag).strip().casefold()
        if word in _ORGANIZATION_WORDS:
            return True
        try:
            return parse_yes_no(word)
        except ValueError:
            return False  # "Individual", "Person": the flag says a person, whatever the names say
    company = person.get("organization")
    if not company:
        return False
    given, family = person.get("given_name"), person.get("family_name")
    if not (given or family):
        return not membership and not schools.knows(str(company))
    # A company row whose name column repeats the company ("Acme Corp" in both) is no person either.
    name = f"{given} {family}" if given and family else str(given or family)
    return len(name) == len(str(company)) and name.casefold() == str(company).casefold()
