"""Turn what people type into roster cells into clean values, or say in plain words why a value can't be read."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta

from equitydesk.domain.enums import Role, StakeholderGroup
from equitydesk.domain.keys import email_key, person_name_key
from equitydesk.domain.vocabulary import (
    CAPITALISED_PARTICLES,
    LANGUAGE_ALIASES,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NAME_TITLES,
    ROLE_ALIASES,
    ROLE_WORDS,
    STAKEHOLDER_ALIASES,
    STAKEHOLDER_WORDS,
    UNSPECIFIED_STAFF,
)

__all__ = [
    "PLAIN_EMAIL",
    "PLAIN_PHONE",
    "AmbiguousValue",
    "BlankValue",
    "clean_multiline",
    "clean_text",
    "email_key",
    "name_key",
    "normalize_email",
    "normalize_language",
    "normalize_languages",
    "normalize_phone",
    "parse_date",
    "parse_role",
    "parse_stakeholder_group",
    "parse_yes_no",
    "pop_nickname",
    "split_full_name",
    "strip_bidi_controls",
]

# The matching key must equal the one stored on Person rows, so it is the one domain.keys defines. It keeps
# accents distinct ("Nguyễn" and "Nguyen" may be two people): a wrong match silently writes one family's details
# over another's, while a missed match only shows up as a possible duplicate in the import preview.
name_key = person_name_key

Cell = str | int | float | bool | date | datetime | time | timedelta | None


class BlankValue(ValueError):
    """The cell holds nothing but spaces: the field is simply absent, which is not a problem to report."""


class AmbiguousValue(ValueError):
    """The value could mean several things, so none was chosen; the message is a whole sentence saying so."""


def _stringify(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes") if value.time() != time() else value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


# Bidirectional controls (embeddings, overrides, isolates, LRM/RLM, the Arabic letter mark) reorder how text
# prints: "\u202eevaD" shows as "Dave". In a one-line field such as a name they can only mislead.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"))
# Control characters (a bell, an escape, DEL, the C1 block) print as nothing or as boxes, and a spreadsheet cannot
# hold most of them (an export would turn them into U+FFFD, so a re-import would change the person): pasted
# from another program, they are dropped. Whitespace controls (tab, line breaks, U+0085) are whitespace here.
_CONTROLS = dict.fromkeys(c for c in (*range(0x20), *range(0x7F, 0xA0)) if not chr(c).isspace())
_UNWANTED = {**_BIDI_CONTROLS, **_CONTROLS}
_ZERO_WIDTH_OR_SPACE = " \u200b\u200c\u200d\u2060\ufeff"


def strip_bidi_controls(text: str) -> str:
    """The text without bidirectional control characters, so it reads as it prints."""
    return text if text.isascii() else text.translate(_BIDI_CONTROLS)


def clean_text(value: Cell) -> str:
    """Trim, collapse inner whitespace (tabs, line breaks, non-breaking spaces) to one space, and apply NFC.

    Bidirectional controls are removed (a one-line value must read as it prints), as are zero-width characters
    and a byte-order mark at either end, which come along with text pasted from the web or Word.
    """
    text = value if type(value) is str else _stringify(value)
    if text.isascii():
        return " ".join((text if text.isprintable() else text.translate(_CONTROLS)).split())
    # Spaces and zero-width characters stripped together: "\u200b Mai" must not keep the space the mark hid.
    text = " ".join(text.translate(_UNWANTED).split()).strip(_ZERO_WIDTH_OR_SPACE)
    return unicodedata.normalize("NFC", text)


def clean_multiline(value: Cell) -> str:
    """Like clean_text, but keep line breaks: notes and accessibility needs are often written as short lists."""
    text = value if type(value) is str else _stringify(value)
    if not text.isprintable():
        text = text.translate(_CONTROLS)
    lines = (
        " ".join(line.split()).strip(_ZERO_WIDTH_OR_SPACE)
        for line in text.replace("\v", "\n").replace("\r", "\n").split("\n")
    )
    return unicodedata.normalize("NFC", "\n".join(line for line in lines if line))


def _text_or_blank(value: Cell) -> str:
    text = clean_text(value)
    if not text:
        raise BlankValue("blank")
    return text


_EMAIL = re.compile(r"[^\s@<>(),;:\"\[\]\\]+@[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)+")
# The usual address, checked first because a roster has one per row: plain ASCII, nothing to trim or unwrap.
# A cell that matches is already its own normalised value.
_ATOM = r"[\w!#$%&'*+/=?^`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
PLAIN_EMAIL = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})+", re.ASCII)


def normalize_email(value: Cell) -> str:
    """One e-mail address in lower case; 'mailto:' and 'Name <address>' wrappers are removed.

    Lower case because that is how an address is matched and how people expect to see it back; mail servers treat
    the part before @ as case-blind in practice, and one stored spelling keeps exports and duplicates tidy.
    """
    if type(value) is str and PLAIN_EMAIL.fullmatch(text := value.strip()):
        return text.lower()
    text = _text_or_blank(value)
    if _EMAIL.fullmatch(text) and ".." not in text:
        return text.lower()
    inner = text
    if "<" in inner and inner.endswith(">"):
        inner = inner[inner.rindex("<") + 1 : -1].strip()
    if inner[:7].casefold() == "mailto:":
        inner = inner[7:].strip()
    if _EMAIL.fullmatch(inner) and ".." not in inner:
        return inner.lower()
    if inner.count("@") > 1:
        raise ValueError(f"'{text}' holds more than one e-mail address; keep one here and put the others in notes")
    raise ValueError(f"'{text}' is not an e-mail address I can read; it should look like name@example.org")


_HAS_DIGIT = re.compile(r"\d").search
# Printable ASCII words with single spaces and at least one digit: already its own normalised value.
PLAIN_PHONE = re.compile(r"(?=\D*\d)[!-~]+(?: [!-~]+)*", re.ASCII)


def normalize_phone(value: Cell) -> str:
    """A phone number kept as typed (only trimmed), since people write extensions and notes we must not lose."""
    if type(value) is float or type(value) is int:
        # A phone column saved as numbers comes back as 6125551234.0; the digits are what was typed.
        return str(int(value)) if value == int(value) else repr(value)
    else:
        text = _text_or_blank(value)
    if not _HAS_DIGIT(text):
        raise ValueError(f"'{text}' has no digits, so it is not a phone number")
    return text


_YES = frozenset({"yes", "y", "true", "t", "1", "x", "✓", "✔", "☑", "si", "sí", "oui"})
_NO = frozenset({"no", "n", "false", "f", "0", "-", "none", "☐"})


def parse_yes_no(value: Cell) -> bool:
    """Yes/No, Y/N, True/False, 1/0, and a check mark or X for yes."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    key = _text_or_blank(value).casefold().rstrip(".!")
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise ValueError(f"'{clean_text(value)}' is not yes or no; write Yes or No")


_EXCEL_EPOCH = date(1899, 12, 30)
# Term dates outside these years are typing mistakes, and a plain number there is rarely a date at all.
_FIRST_SERIAL, _LAST_SERIAL = (date(1950, 1, 1) - _EXCEL_EPOCH).days, (date(2099, 12, 31) - _EXCEL_EPOCH).days
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ),
        start=1,
    )
    for name in names.split()
}
_TIME_TAIL = re.compile(r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?)?\Z", re.IGNORECASE)
_NUMERIC_US = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})")
_NUMERIC_ISO = re.compile(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})")
_MONTH_FIRST = re.compile(r"([a-z]+)\.?\s*(\d{1,2})(?:st|nd|rd|th)?,?\s*(\d{4})", re.IGNORECASE)
_DAY_FIRST = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[\s-]*([a-z]+)\.?[\s,-]*(\d{4}|\d{2})", re.IGNORECASE)


def excel_serial_to_date(serial: float) -> date:
    """A date from an Excel serial number in the 1900 system, which counts a 29 February 1900 that never was."""
    if serial == 60:
        raise ValueError("60 is Excel's 29 February 1900, a day that never existed")
    whole = int(serial)
    # Excel serials 1–59 count from 31 Dec 1899; from 61 on, the phantom leap day shifts them by one.
    return date(1899, 12, 31) + timedelta(days=whole) if whole < 60 else _EXCEL_EPOCH + timedelta(days=whole)


def parse_date(value: Cell) -> date:
    """A date from a real date cell, an Excel serial number, or US-style text such as 9/1/2025 or Sept 1, 2025."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _FIRST_SERIAL <= value <= _LAST_SERIAL:
            return excel_serial_to_date(value)
        raise ValueError(f"'{_stringify(value)}' is a number, not a date; write it like 9/1/2025")
    text = _text_or_blank(value)
    parsed = _parse_date_text(text)
    if parsed is None:
        m = _NUMERIC_US.fullmatch(text)
        if m and int(m[1]) > 12 >= int(m[2]):
            raise ValueError(f"'{text}' puts the day first; write the month first, like {int(m[2])}/{m[1]}/{m[3]}")
        raise ValueError(f"'{text}' is not a date I can read; write it like 9/1/2025")
    return parsed


def _parse_date_text(text: str) -> date | None:
    if text.isdigit() and len(text) == 5 and _FIRST_SERIAL <= int(text) <= _LAST_SERIAL:
        return excel_serial_to_date(int(text))
    tail = _TIME_TAIL.search(text)
    core = text[: tail.start()] if tail else text
    try:
        if m := _NUMERIC_ISO.fullmatch(core):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _NUMERIC_US.fullmatch(core):
            year = int(m[3])
            # Two-digit years on a roster are this century's, unless they can only be last century's.
            year += 0 if len(m[3]) == 4 else 2000 if year < 70 else 1900
            return date(year, int(m[1]), int(m[2]))
        if (m := _MONTH_FIRST.fullmatch(core)) and m[1].casefold() in _MONTHS:
            return date(int(m[3]), _MONTHS[m[1].casefold()], int(m[2]))
        if (m := _DAY_FIRST.fullmatch(core)) and m[2].casefold() in _MONTHS:
            year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
            return date(year, _MONTHS[m[2].casefold()], int(m[1]))
    except ValueError:
        return None
    return None


def _key_words(text: str) -> str:
    """Case-folded words with accents and punctuation removed, for looking people's wording up in alias tables."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("-", ""))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


_STAFF_KINDS = frozenset({"teacher", "support_staff", "administrator"})


def parse_stakeholder_group(value: Cell) -> StakeholderGroup:
    """The group someone represents, from how people write it: 'Mom', 'Para', 'CBO', 'Board member' …"""
    text = _text_or_blank(value)
    key = _key_words(text)
    if key in STAKEHOLDER_ALIASES:
        return StakeholderGroup(STAKEHOLDER_ALIASES[key])
    # "Parent of a student at Roosevelt": what follows "of" describes someone else.
    words = key.split(" of ")[0].split()
    found = {STAKEHOLDER_WORDS[w] for w in words if w in STAKEHOLDER_WORDS}
    if "community_member" in found and "community_organization" in found:
        found.discard("community_member")
    staff = key in UNSPECIFIED_STAFF or "staff" in words
    if staff and not found:
        # Teachers, paras and principals are all "staff": a wrong guess would skew the representation summary.
        raise AmbiguousValue(
            f"'{text}' could be teacher, support staff or administrator: the group was left empty; choose it in "
            "the roster."
        )
    if staff and not found <= _STAFF_KINDS:
        found.add("staff")
    if len(found) == 1:
        return StakeholderGroup(found.pop())
    labels = ", ".join(g.label for g in StakeholderGroup)
    if found:
        raise ValueError(f"'{text}' fits more than one stakeholder group; choose one of: {labels}")
    raise ValueError(f"'{text}' is not a stakeholder group I know; use one of: {labels}")


def parse_role(value: Cell) -> Role:
    """A committee role from its usual names: 'Chair', 'Co-chair', 'Vice chair' (a co-chair), 'Liaison' …"""
    text = _text_or_blank(value)
    key = _key_words(text)
    if key in ROLE_ALIASES:
        return Role(ROLE_ALIASES[key])
    found = {ROLE_WORDS[w] for w in key.split() if w in ROLE_WORDS}
    if len(found) == 1:
        return Role(found.pop())
    raise ValueError(f"'{text}' is not a committee role I know; use one of: {', '.join(r.label for r in Role)}")


def _title_word(word: str) -> str:
    # "karen" → "Karen", "SOMALI" → "Somali", but "McAllen" or "K'iche'" stay as typed.
    return word[:1].upper() + word[1:].lower() if word.islower() or word.isupper() else word


def normalize_language(value: Cell) -> str:
    """One language name: codes and native names mapped ('es', 'Español' → Spanish), other names title-cased."""
    text = _text_or_blank(value)
    head, paren, rest = text.partition("(")
    head = head.strip()
    alias = LANGUAGE_ALIASES.get(head.casefold().replace(".", ""))
    name = alias or " ".join("-".join(_title_word(p) for p in w.split("-")) for w in head.split())
    if not name:
        raise BlankValue("blank")
    return f"{name} ({rest.strip()}" if paren else name


_LANGUAGE_SPLIT = re.compile(r"\s*(?:[;,/|&+\n]|\s+and\s+|\s+y\s+)\s*", re.IGNORECASE)


def normalize_languages(value: Cell) -> str:
    """A list of languages ('Somali; English', 'Hmong/English') as one canonical string: 'Somali, English'."""
    text = _text_or_blank(value)
    names: list[str] = []
    for part in _LANGUAGE_SPLIT.split(text):
        if part.strip(" .()"):
            name = normalize_language(part)
            if name.casefold() not in (n.casefold() for n in names):
                names.append(name)
    if not names:
        raise ValueError(f"'{text}' does not name a language")
    return ", ".join(names)


_NICKNAME = re.compile(r"\s*(?:\(([^()]+)\)|\"([^\"]+)\"|“([^”]+)”)\s*")


def pop_nickname(text: str) -> tuple[str, str]:
    """Take a nickname written in quotes or brackets out of a name: 'Robert "Bob" Smith' → ('Robert Smith', 'Bob')."""
    m = _NICKNAME.search(text)
    if not m:
        return text, ""
    nickname = next(g for g in m.groups() if g is not None).strip()
    return " ".join((text[: m.start()] + " " + text[m.end() :]).split()), nickname


def _drop_titles(text: str) -> str:
    words = text.split()
    while len(words) > 1 and words[0].casefold().rstrip(".") in NAME_TITLES:
        words.pop(0)
    return " ".join(words)


def split_full_name(text: str) -> tuple[str, str]:
    """(given, family) from 'Last, First' or 'First Last'; particles stay with the family name ('de la Cruz').

    'First Last' is ambiguous for two-word family names (Spanish 'García López'): only the last word, with any
    particles before it, is taken as the family name. 'Last, First' is never ambiguous, so we say so in help.
    """
    cleaned = clean_text(text)
    parts = [p.strip() for p in cleaned.split(",") if p.strip()]
    suffixes = [p for p in parts[1:] if p.casefold().rstrip(".") in NAME_SUFFIXES]
    parts = [p for p in parts if p not in suffixes]
    if len(parts) >= 2:
        family, given = parts[0], _drop_titles(" ".join(parts[1:]))
    elif parts:
        words = _drop_titles(parts[0]).split()
        while len(words) > 2 and words[-1].casefold().rstrip(".") in NAME_SUFFIXES:
            suffixes.insert(0, words.pop())
        if len(words) == 1:
            return words[0], " ".join(suffixes)
        start = len(words) - 1
        for i in range(1, len(words) - 1):
            if words[i] == "y" and i >= 2:
                start = i - 1  # "García y López": both family names, joined by y
                break
            if words[i] in NAME_PARTICLES or words[i].casefold() in CAPITALISED_PARTICLES:
                start = i
                break
        given, family = " ".join(words[:start]), " ".join(words[start:])
    else:
        return "", ""
    return given, " ".join([family, *suffixes])
