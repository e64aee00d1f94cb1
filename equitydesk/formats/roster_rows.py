"""Plain rows the roster writers print: one per membership, already turned into the labels people read."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RosterExportRow:
    """One person's membership in one committee, every field as it should appear in a file.

    Role, stakeholder group and membership status are display labels ("Co-chair", "Parent/guardian"), not stored
    values: the writers print what they are given and know nothing about the database.
    """

    family_name: str
    given_name: str
    preferred_name: str | None = None
    pronouns: str | None = None
    email: str | None = None
    phone: str | None = None
    school_or_organization: str | None = None
    languages: str | None = None
    interpreter_language: str | None = None
    accessibility_needs: str | None = None
    role: str | None = None
    stakeholder_group: str | None = None
    voting: bool = False
    term_start: dt.date | None = None
    term_end: dt.date | None = None
    membership_status: str | None = None
    notes: str | None = None

    @property
    def first_name(self) -> str:
        """The name to call someone by: the preferred name when there is one, else the given name.

        Printed documents show only this, never both: a given name someone has stopped using (a trans student's
        former name, an anglicised name) must not appear beside the name they asked for.
        """
        preferred = (self.preferred_name or "").strip()
        return preferred or (self.given_name or "").strip()

    @property
    def display_name(self) -> str:
        """First name then family name, as on a name tag: "Mai Vang"."""
        return " ".join(part for part in (self.first_name, (self.family_name or "").strip()) if part)

    @property
    def listed_name(self) -> str:
        """Family name first, as in a sorted list: "Vang, Mai"; one-word names stay as they are."""
        family = (self.family_name or "").strip()
        first = self.first_name
        return f"{family}, {first}" if family and first else family or first

    @property
    def sort_key(self) -> tuple[str, str, str]:
        """The name a list is read by (family name, or the only name someone has), then first name, ignoring case.

        Many Karen and some Somali names have no family name ("Naw Paw Say"); they file under their own name
        rather than all at the top of the list.
        """
        return (_collate(self.listed_name), _collate(self.first_name), self.display_name)


def _collate(text: str | None) -> str:
    # Accents ignored so that "Émile" files under E rather than after Z; no locale needed for a printed list.
    decomposed = unicodedata.normalize("NFKD", (text or "").strip())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


# The directory and the sign-in sheet print a subset of the same fields; one row type keeps callers simple.
DirectoryRow = RosterExportRow
SigninRow = RosterExportRow
