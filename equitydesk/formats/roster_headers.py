"""Recognise roster column headings ("E-mail Address", "Cell #", "Teléfono", "first_name") and find the heading row.

Headings are compared folded (case, accents, spaces, underscores, hyphens and camelCase set aside), first against
the known headings of heading_words, then by the words they hold; whole exports of Google Contacts and Outlook
are recognised by their headings (contact_layouts) and mapped as those programs mean them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from equitydesk.domain.normalize import Cell, clean_text
from equitydesk.domain.vocabulary import STAKEHOLDER_WORDS
from equitydesk.formats import heading_words as hw
from equitydesk.formats.contact_layouts import LAYOUTS, NUMBERED_FIELDS, LayoutSpec

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

# Columns the roster must never hold (DESIGN.md: no citizenship, immigration status or ID numbers): they are
# listed as ignored, and cannot be mapped to any field, not even to notes, not even by hand.
_PRIVATE_PHRASES = (
    "ssn", "social security", "date of birth", "dob", "birth", "birthday", "birthdate", "citizenship", "citizen",
    "immigration", "visa", "passport", "alien", "a number", "country of origin", "address", "street", "zip",
    "postal", "city", "student id", "student number", "id", "id number", "employee id", "state id", "ssid",
    "marss", "lunch", "frl", "iep", "504", "gender", "sex", "race", "ethnicity", "income", "salary", "password",
    "driver license", "drivers license", "medicaid", "insurance", "diagnosis", "medical", "age", "bday",
    # The same in the other languages of contact exports (Outlook's German export has a social security column).
    "direccion", "calle", "ciudad", "codigo postal", "fecha de nacimiento", "nacimiento", "sexo", "genero", "edad",
    "nacionalidad", "seguro social", "adresse", "rue", "ville", "code postal", "date de naissance", "naissance",
    "anniversaire", "sexe", "nationalite", "securite sociale", "strasse", "ort", "plz", "postleitzahl",
    "geburtstag", "geburtsdatum", "geburtsjahr", "geschlecht", "staatsangehorigkeit", "sozialversicherungsnr",
    "sozialversicherungsnummer",
)  # fmt: skip
_PRIVATE = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in _PRIVATE_PHRASES) + r")s?\b")
# Citizenship and immigration status: private, and more: designed out, dropped unread (see heading_words).
_STATUS = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in sorted(hw.STATUS_PHRASES, key=len, reverse=True)) + r")\b"
)


def _fold_words(text: str) -> str:
    """Case-folded words without accents or punctuation: "Teléfono (casa)" → "telefono casa"."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("e-mail", "email").replace("e mail", "email")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def header_key(text: str) -> str:
    """A heading reduced for lookup: words split at camelCase, case and accents folded, "'s" and punctuation
    (#:?*/-_) removed, so "E-Mail-Adresse", "Manager's Name" and "firstName" become "email adresse", "manager
    name" and "first name"."""
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", clean_text(text))
    return _fold_words(re.sub(r"['’]s\b", "", text))


def fold_heading(text: str) -> str:
    """A heading folded all the way, spaces too: "first_name", "First Name" and "FirstName" are one heading."""
    return header_key(text).replace(" ", "")


def _synonyms() -> tuple[dict[str, str], dict[str, str]]:
    spaced: dict[str, str] = {}
    for field, aliases in hw.SYNONYMS_BY_FIELD.items():
        for alias in aliases.split("|"):
            key = header_key(alias)
            if spaced.setdefault(key, field) != field:
                raise ValueError(f"heading {alias!r} is listed for {spaced[key]} and {field}")
    folded = {k.replace(" ", ""): f for k, f in spaced.items()}
    return spaced, folded


SYNONYMS, _FOLDED_SYNONYMS = _synonyms()
_KEYWORDS = tuple((frozenset(words.split()), field) for words, field in hw.KEYWORDS)
_GROUP_WORDS = {**STAKEHOLDER_WORDS, "staff": "staff"}
# Words known to headings, to split a run-together heading ("homelanguage", "parentemail") into them.
_VOCABULARY = frozenset(
    w
    for words in (
        *SYNONYMS, *(" ".join(k) for k, _ in _KEYWORDS), *_PRIVATE_PHRASES, *hw.STATUS_PHRASES, *_GROUP_WORDS,
        " ".join(hw.NAME_WORDS | hw.GIVEN_WORDS | hw.FAMILY_WORDS | hw.PREFERRED_WORDS | hw.ORGANISATION_WORDS),
        " ".join(hw.LOGIN_WORDS | hw.PERSON_WORDS | hw.NEVER_GUESS | hw.OTHER_NAME_PARTS | hw.EMAIL_WORDS),
        "home work number address value",
    )
    for w in words.split()
    if len(w) >= 2
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class HeaderMatch:
    """What a heading means: a field (a known heading, or a guess from its words), private, or nothing known.

    rank orders columns that claim one field, lower first: a mobile number before a work number, "E-mail 1"
    before "E-mail 2".
    """

    field: str | None
    exact: bool = False
    private: bool = False
    rank: int = 0
    designed_out: bool = False  # citizenship or immigration status: the column's values are dropped unread


def match_header(value: Cell) -> HeaderMatch:
    """Recognise one heading cell; only short text can be a heading."""
    if not isinstance(value, str) or not value.strip() or len(value) > 80:
        return HeaderMatch(None)
    return _match_key(header_key(value))


@lru_cache(maxsize=4096)
def _match_key(key: str) -> HeaderMatch:
    if not key:
        return HeaderMatch(None)
    if _STATUS.search(key) or _STATUS.search(" ".join(_split_run_ons(key.split()))):
        return HeaderMatch(None, private=True, designed_out=True)
    known = SYNONYMS.get(key) or _FOLDED_SYNONYMS.get(key.replace(" ", ""))
    if known:
        return HeaderMatch(known, exact=True, rank=_rank(known, set(key.split())))
    words = _split_run_ons(key.split())
    if not words or len(words) > 8:
        return HeaderMatch(None)
    if _PRIVATE.search(" ".join(words)) and not hw.EMAIL_WORDS & set(words):
        return HeaderMatch(None, private=True)
    stems = {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words} | set(words)
    if stems & hw.NEVER_GUESS or (stems & hw.KIND_WORDS and stems & hw.CONTACT_WORDS):
        return HeaderMatch(None)
    if _lists_groups(stems):
        return HeaderMatch("stakeholder_group")
    if stems & hw.NAME_WORDS:
        return HeaderMatch(_name_field(stems))
    for needed, field in _KEYWORDS:
        if needed <= stems:
            return HeaderMatch(field, rank=_rank(field, stems))
    return HeaderMatch(None)


def _split_run_ons(words: list[str]) -> list[str]:
    """Each unknown long word split into known words when it can be ("emailaddress" → "email", "address")."""
    out: list[str] = []
    for word in words:
        out.extend(_split_word(word) if len(word) >= 6 and word not in _VOCABULARY else (word,))
    return out


@lru_cache(maxsize=4096)
def _split_word(word: str) -> tuple[str, ...]:
    """The fewest known words, of two letters or more, that spell the word; the word itself when none do."""
    best: list[tuple[str, ...] | None] = [()] + [None] * len(word)
    for end in range(2, len(word) + 1):
        for start in range(end - 1):
            before, piece, now = best[start], word[start:end], best[end]
            if before is not None and piece in _VOCABULARY and (now is None or len(before) + 1 < len(now)):
                best[end] = (*before, piece)
    return best[-1] or (word,)


def _lists_groups(stems: set[str]) -> bool:
    """A heading that names several stakeholder groups ("Parent/Student/Staff", "Role: student, parent, staff")."""
    groups = {_GROUP_WORDS[w] for w in stems if w in _GROUP_WORDS}
    if "community_member" in groups and "community_organization" in groups:
        groups.discard("community_member")
    others = {w for w in stems if w not in _GROUP_WORDS and not w.isdigit()}
    return len(groups) >= 2 and others <= hw.GROUP_HEADING_FILLERS


def _name_field(stems: set[str]) -> str | None:
    """The field of a heading that holds a name word: only the person's own name is a name; a company's name is
    the organisation; a login, a manager's name, a file name or a name part the roster does not keep is nothing."""
    if stems & (hw.OTHER_NAME_PARTS | hw.EMAIL_WORDS | hw.LOGIN_WORDS):
        return None
    given, family = stems & hw.GIVEN_WORDS, stems & hw.FAMILY_WORDS
    if given or family:
        return "full_name" if given and family else "given_name" if given else "family_name"
    if stems & hw.PREFERRED_WORDS:
        return "preferred_name"
    if stems & hw.ORGANISATION_WORDS:
        return "organization"
    if stems - hw.NAME_WORDS <= hw.PERSON_WORDS:
        return "full_name"
    return None


def _rank(field: str, words: set[str]) -> int:
    numbers = [int(w) for w in words if w.isdigit() and len(w) < 3]
    rank = max(min(numbers, default=1) - 1, 0)
    if field == "phone":
        unknown = 4 if {w for w in words if not w.isdigit()} - hw.PLAIN_PHONE_WORDS else 0
        rank += next((r for kinds, r in hw.PHONE_RANKS if words & kinds), unknown) * 10
    return rank


@dataclass(frozen=True, slots=True)
class Layout:
    """A program's export, folded for lookup (see contact_layouts.LayoutSpec)."""

    name: str
    fields: dict[str, tuple[str, int]]
    headings: frozenset[str]
    marks: frozenset[str]
    numbered: bool


def _layout(spec: LayoutSpec) -> Layout:
    fields: dict[str, tuple[str, int]] = {}
    for heading, field in spec.fields:
        # On the scale of _rank's phone ranks, so that a column added to the export is weighed fairly.
        fields[fold_heading(heading)] = (field, 10 * sum(f == field for f, _ in fields.values()))
    others = {fold_heading(h) for h in spec.others.split("|")}
    marks = frozenset(fold_heading(h) for h in spec.marks.split("|"))
    return Layout(spec.name, fields, frozenset(fields) | others, marks, spec.numbered)


_LAYOUTS = tuple(_layout(spec) for spec in LAYOUTS)
_NUMBERED = re.compile(r"(\D+?) ?(\d{1,2}) ?(\D+)")


def detect_layout(headers: Sequence[Cell]) -> Layout | None:
    """The export these headings come from: at least two headings only it writes, and at least half of the
    headings its own; None for a roster of any other shape."""
    keys = [k for k in (header_key(h) for h in headers if isinstance(h, str)) if k]
    numbered = [n for n in map(_numbered, keys) if n is not None]
    best: tuple[int, Layout] | None = None
    for layout in _LAYOUTS:
        folded = [k.replace(" ", "") for k in keys]
        own = sum(k in layout.headings for k in folded) + (len(numbered) if layout.numbered else 0)
        marks = sum(k in layout.marks for k in folded)
        if layout.numbered:
            marks += sum(kind in ("email", "phone") for kind, _, _ in numbered)
        if marks >= 2 and own * 2 >= len(keys) and (best is None or own > best[0]):
            best = (own, layout)
    return best[1] if best else None


def _numbered(key: str) -> tuple[str, int, str] | None:
    m = _NUMBERED.fullmatch(key)
    return (m[1].strip(), int(m[2]), m[3].strip()) if m else None


def _layout_match(layout: Layout, value: Cell) -> HeaderMatch:
    generic = match_header(value)
    if generic.private or not isinstance(value, str):
        return generic
    key = header_key(value)
    if key.replace(" ", "") in layout.fields:
        field, rank = layout.fields[key.replace(" ", "")]
        return HeaderMatch(field, exact=True, rank=rank)
    if key.replace(" ", "") in layout.headings:
        return HeaderMatch(None)
    numbered = _numbered(key) if layout.numbered else None
    if numbered is not None:
        kind, number, part = numbered
        kept = NUMBERED_FIELDS.get((kind, part))
        return HeaderMatch(kept, exact=True, rank=number - 1) if kept else HeaderMatch(None)
    return generic  # a column someone added to the export


def guess_columns(headers: Sequence[Cell]) -> list[HeaderMatch]:
    """Match every heading, as its export means it when the headings are a known export's.

    When several columns claim one field the best ranked wins, then a known heading over a guess, then the
    leftmost. A bare "Name" ("Nombre", "Nom") beside only a last-name column is the first name, beside only a
    first-name column the last name; a full name guessed from a heading's words gives way to a first and a last
    name column, which say more (a known full-name heading stays, to fill rows where they are blank).
    """
    layout = detect_layout(headers)
    matches = [_layout_match(layout, h) if layout else match_header(h) for h in headers]
    owner: dict[str, int] = {}
    for i, m in enumerate(matches):
        j = owner.get(m.field) if m.field is not None else None
        if m.field is not None and (j is None or (m.rank, not m.exact) < (matches[j].rank, not matches[j].exact)):
            owner[m.field] = i
    full = owner.get("full_name")
    if full is not None:
        halves = {"given_name", "family_name"} - set(owner)
        if len(halves) == 1 and header_key(str(headers[full])) in hw.BARE_NAMES:
            del owner["full_name"]
            owner[halves.pop()] = full
        elif not halves and not matches[full].exact:
            del owner["full_name"]
    field_of = {i: f for f, i in owner.items()}
    return [
        HeaderMatch(field_of[i], m.exact or m.field != field_of[i], rank=m.rank) if i in field_of else _unmapped(m)
        for i, m in enumerate(matches)
    ]


def _unmapped(match: HeaderMatch) -> HeaderMatch:
    return match if match.field is None else HeaderMatch(None)


def layout_name(headers: Sequence[Cell]) -> str | None:
    """The name of the export these headings come from ("Google Contacts", "Outlook"), or None."""
    layout = detect_layout(headers)
    return layout.name if layout else None


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
