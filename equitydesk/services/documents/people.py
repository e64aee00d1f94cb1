"""How documents name people and what an audience may see of them: one place for the public/internal rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from equitydesk.db.tables import Person

# "public" or "internal"; a plain str so that it crosses the service boundary as ordinary data.
Audience = str
AUDIENCES: tuple[Audience, ...] = ("public", "internal")


def person_name(person: Person | None) -> str:
    """The name someone goes by, first name first; a former given name never prints beside a preferred one."""
    if person is None:
        return ""
    first = (person.preferred_name or "").strip() or (person.given_name or "").strip()
    return " ".join(part for part in (first, (person.family_name or "").strip()) if part)


def long_date(day: dt.date) -> str:
    """ "March 5, 2025": spelled out so nobody misreads 03/05 as the 3rd of May."""
    return f"{day:%B} {day.day}, {day.year}"


def clock(moment: dt.datetime | dt.time) -> str:
    """ "6:30 pm", as an agenda says it."""
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'am' if moment.hour < 12 else 'pm'}"


@dataclass
class Withheld:
    """What the public version leaves out, counted while the document is assembled, so the summary cannot drift."""

    emails: int = 0
    phones: int = 0
    interpreter_needs: int = 0
    accessibility_needs: int = 0
    private_notes: int = 0
    student_contacts: int = 0
    confidential_items: int = 0
    confidential_titles: list[str] = field(default_factory=list)
    _seen: set[int] = field(default_factory=set)

    def person(self, person: Person, *, student: bool = False) -> None:
        """Count what is left out of someone's details once, however many sections list them."""
        if person.id in self._seen:
            return
        self._seen.add(person.id)
        self.emails += bool(person.email)
        self.phones += bool(person.phone)
        self.interpreter_needs += bool(person.interpreter_language)
        self.accessibility_needs += bool(person.accessibility_needs)
        self.private_notes += bool(person.notes)
        self.student_contacts += bool(student and (person.email or person.phone))


@dataclass(frozen=True, slots=True)
class WithheldSummary:
    """The counts of what a public document left out, and the same in sentences for the window and the console."""

    emails: int
    phones: int
    interpreter_needs: int
    accessibility_needs: int
    private_notes: int
    student_contacts: int
    confidential_items: int
    confidential_titles: tuple[str, ...]

    @classmethod
    def of(cls, withheld: Withheld) -> WithheldSummary:
        return cls(
            withheld.emails,
            withheld.phones,
            withheld.interpreter_needs,
            withheld.accessibility_needs,
            withheld.private_notes,
            withheld.student_contacts,
            withheld.confidential_items,
            tuple(dict.fromkeys(withheld.confidential_titles)),
        )

    @property
    def anything(self) -> bool:
        return any((self.emails, self.phones, self.interpreter_needs, self.accessibility_needs, self.private_notes,
                    self.confidential_items))  # fmt: skip

    def lines(self) -> list[str]:
        """One plain sentence per kind of thing left out; empty when nothing was."""
        from equitydesk.domain.wording import plural

        out = []
        if self.emails or self.phones:
            kinds = [plural(n, one, many) for n, one, many in ((self.emails, "e-mail address", "e-mail addresses"),
                     (self.phones, "phone number", "phone numbers")) if n]  # fmt: skip
            students = self.student_contacts
            out.append(
                f"Contact details: {' and '.join(kinds)}"
                + (f", including those of {plural(students, 'student')}" if students else "")
                + "."
            )
        if self.interpreter_needs:
            out.append(f"Interpreter needs of {plural(self.interpreter_needs, 'person', 'people')}.")
        if self.accessibility_needs:
            out.append(f"Accessibility needs of {plural(self.accessibility_needs, 'person', 'people')}.")
        if self.private_notes:
            out.append(f"{plural(self.private_notes, 'private note')}.")
        if self.confidential_items:
            titles = "; ".join(f"“{t}”" for t in self.confidential_titles)
            out.append(f"{plural(self.confidential_items, 'confidential agenda item')} and their outcomes: {titles}.")
        return out
