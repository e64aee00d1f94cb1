"""Recognise roster column headings ("E-mail Address", "Cell #", "Term Begins") and find the heading row."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from equitydesk.domain.normalize import Cell, clean_text

# The canonical field keys, in the order a wizard should offer them. interpreter_needed is a yes/no column
# ("Interpreter Needed?"): the import service turns yes into interpreter_language = the first home language.
FIELD_LABELS: dict[str, str] = {
    "full_name": "Full name", "given_name": "First name", "family_name": "Last name",
    "preferred_name": "Preferred name", "pronouns": "Pronouns", "email": "E-mail", "phone": "Phone",
    "organization": "School/organization", "languages": "Languages", "interpreter_needed": "Interpreter needed",
    "interpreter_language": "Interpreter language", "accessibility_needs": "Accessibility needs", "notes": "Notes",
    "role": "Role", "stakeholder_group": "Stakeholder group", "voting": "Voting", "term_start": "Term start",
    "term_end": "Term end",
}  # fmt: skip
FIELDS: tuple[str, ...] = tuple(FIELD_LABELS)
NAME_FIELDS = frozenset({"full_name", "given_name", "family_name"})

_SYNONYMS: dict[str, str] = {
    "full_name": "name | full name | member name | person name | participant name | contact name | your name"
    " | name last first | last name first name | name first last | first and last name | first last name"
    " | committee member name | representative name",
    "given_name": "first name | first | given name | given | fname | first nm | forename | legal first name",
    "family_name": "last name | last | surname | family name | lname | last nm | legal last name",
    "preferred_name": "preferred name | preferred first name | goes by | nickname | nick name | known as"
    " | chosen name | preferred",
    "pronouns": "pronouns | pronoun | preferred pronouns | gender pronouns | my pronouns",
    "email": "email | email address | emailaddress | personal email | work email | school email | contact email"
    " | email addresses | preferred email",
    "phone": "phone | phone number | phone numbers | cell | cell phone | cell number | cellphone | cell no | mobile"
    " | mobile phone"
    " | mobile number | telephone | tel | home phone | work phone | primary phone | contact number | phone no"
    " | best phone",
    "organization": "organization | organisation | school | building | site | school building | school site"
    " | school name | employer | agency | affiliation | company | school organization | organization school"
    " | location | campus | school or organization",
    "languages": "languages | language | home language | primary language | languages spoken | preferred language"
    " | spoken languages | native language | language spoken at home | home languages",
    "interpreter_needed": "interpreter needed | interpreter | need interpreter | needs interpreter"
    " | interpreter required | interpretation needed | do you need an interpreter | interpreter yes no"
    " | interpretation | need an interpreter",
    "interpreter_language": "interpreter language | interpretation language | language for interpreter"
    " | interpreter language needed | language of interpretation",
    "accessibility_needs": "accessibility needs | accessibility | accommodations | accommodation | access needs"
    " | accommodations needed | special accommodations | disability accommodations | accessibility accommodations",
    "notes": "notes | note | comments | comment | remarks | additional information | additional notes",
    "role": "role | position | committee role | role on committee | membership role | committee position"
    " | committee office | office held",
    "stakeholder_group": "stakeholder group | stakeholder | group | constituency | constituent group"
    " | which group do you represent | representing | represents | representation | category | member type"
    " | membership type | stakeholder category | seat | group represented",
    "voting": "voting | voting member | voter | vote | voting status | voting rights | voting yes no | voting y n",
    "term_start": "term start | term begins | term begin | term start date | start date | start | term from"
    " | appointed | appointment date | date appointed | joined | date joined | member since | start of term",
    "term_end": "term end | term ends | term end date | term expires | term expiration | expiration | expires"
    " | end date | end | term to | end of term | term expiration date",
}
SYNONYMS: dict[str, str] = {
    alias.strip(): field for field, aliases in _SYNONYMS.items() for alias in aliases.split("|")
}

# Columns the roster must never hold (DESIGN.md: no citizenship, immigration status or ID numbers): they are
# listed as ignored, and cannot be mapped to any field, not even to notes, not even by hand.
_PRIVATE_PHRASES = (
    "ssn", "social security", "date of birth", "dob", "birth", "birthday", "birthdate", "citizenship", "citizen",
    "immigration", "visa", "passport", "alien", "a number", "country of origin", "address", "street", "zip",
    "postal", "city", "student id", "student number", "id", "id number", "employee id", "state id", "ssid",
    "marss", "lunch", "frl", "iep", "504", "gender", "sex", "race", "ethnicity", "income", "salary", "password",
    "driver license", "drivers license", "medicaid", "insurance", "diagnosis", "medical", "age",
)  # fmt: skip
_PRIVATE = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in _PRIVATE_PHRASES) + r")s?\b")
# Headings about somebody else, or meaning the opposite of a field ("Non-voting"), are never guessed.
_NEVER_GUESS = frozenset({"emergency", "non", "nonvoting", "spouse"})

# Single words (after dropping a plural s) that settle a heading no synonym matches, most specific first.
_KEYWORDS: tuple[tuple[frozenset[str], str], ...] = tuple(
    (frozenset(words.split()), field)
    for words, field in (
        ("interpreter language", "interpreter_language"), ("interpreter", "interpreter_needed"),
        ("interpretation", "interpreter_needed"), ("preferred name", "preferred_name"), ("nickname", "preferred_name"),
        ("first", "given_name"), ("given", "given_name"), ("last", "family_name"), ("surname", "family_name"),
        ("family name", "family_name"), ("email", "email"), ("mail", "email"), ("phone", "phone"),
        ("mobile", "phone"), ("telephone", "phone"), ("pronoun", "pronouns"),
        ("language", "languages"), ("accommodation", "accessibility_needs"),
        ("accessibility", "accessibility_needs"), ("term start", "term_start"), ("term begin", "term_start"),
        ("term end", "term_end"), ("term expire", "term_end"), ("expiration", "term_end"), ("voting", "voting"),
        ("vote", "voting"), ("stakeholder", "stakeholder_group"), ("constituency", "stakeholder_group"),
        ("represent", "stakeholder_group"), ("group", "stakeholder_group"), ("role", "role"), ("position", "role"),
        ("school", "organization"), ("building", "organization"), ("organization", "organization"),
        ("organisation", "organization"), ("employer", "organization"), ("agency", "organization"),
        ("note", "notes"), ("comment", "notes"), ("name", "full_name"),
    )
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class HeaderMatch:
    """What a heading means: a field (exact synonym or a guess from its words), private, or nothing known."""

    field: str | None
    exact: bool = False
    private: bool = False


def header_key(text: str) -> str:
    """A heading reduced for lookup: words split at camelCase, case-folded, punctuation (#:?*/) removed."""
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", clean_text(text)).casefold()
    text = text.replace("e-mail", "email").replace("e mail", "email")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def match_header(value: Cell) -> HeaderMatch:
    """Recognise one heading cell; only short text can be a heading."""
    if not isinstance(value, str) or not value.strip() or len(value) > 80:
        return HeaderMatch(None)
    key = header_key(value)
    if key in SYNONYMS:
        return HeaderMatch(SYNONYMS[key], exact=True)
    words = key.split()
    if not words or len(words) > 8:
        return HeaderMatch(None)
    if _PRIVATE.search(key) and "email" not in words and "mail" not in words:
        return HeaderMatch(None, private=True)
    stems = {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words}
    if stems & _NEVER_GUESS:
        return HeaderMatch(None)
    for needed, field in _KEYWORDS:
        if needed <= stems:
            return HeaderMatch(field)
    return HeaderMatch(None)


def guess_columns(headers: Sequence[Cell]) -> list[HeaderMatch]:
    """Match every heading; when two columns claim one field, an exact synonym beats a guess, then the leftmost."""
    matches = [match_header(h) for h in headers]
    owner: dict[str, int] = {}
    for i, m in enumerate(matches):
        if m.field is None:
            continue
        j = owner.get(m.field)
        if j is None or (m.exact and not matches[j].exact):
            owner[m.field] = i
    return [m if m.field is None or owner[m.field] == i else HeaderMatch(None) for i, m in enumerate(matches)]


def score_header_row(row: Sequence[Cell]) -> tuple[int, int, int]:
    """(headings recognised, exact synonyms among them, fields among them); private headings count as recognised."""
    fields: set[str] = set()
    exact = private = 0
    for value in row:
        m = match_header(value)
        if m.field is not None and m.field not in fields:
            fields.add(m.field)
            exact += m.exact
        private += m.private
    return len(fields) + private, exact, len(fields)


def find_header_row(rows: Sequence[Sequence[Cell]], *, limit: int = 30) -> tuple[int, tuple[int, int, int]] | None:
    """Index of the heading row among the first `limit` rows (title rows above are skipped), with its score.

    A row needs two recognised headings, one of them a field (private headings alone say nothing about a roster);
    the best score wins, the first of equals.
    """
    best: tuple[int, tuple[int, int, int]] | None = None
    for i, row in enumerate(rows[:limit]):
        score = score_header_row(row)
        if score[0] >= 2 and score[2] >= 1 and (best is None or score > best[1]):
            best = (i, score)
    return best
