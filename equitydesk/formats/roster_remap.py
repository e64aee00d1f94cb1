"""A column mapping written by hand as "HEADING=field" pairs (the command line's --map), checked against a sheet."""

from __future__ import annotations

import re
from collections.abc import Sequence

from equitydesk.domain.normalize import clean_text
from equitydesk.formats.roster_columns import RosterSheet, column_letter
from equitydesk.formats.roster_headers import FIELD_LABELS, FIELDS, fold_heading

# Words that leave a column out, as "Heading=" does.
LEAVE_OUT = frozenset({"", "ignore", "none", "skip", "-"})
_COLUMN = re.compile(r"column\s+([a-z]{1,3})", re.IGNORECASE)
_LISTED_HEADINGS = 12


class MappingRefused(ValueError):
    """A pair names no heading, an unknown field, or a private column; str() is one plain sentence."""


def split_pair(text: str) -> tuple[str, str | None]:
    """'Teléfono=phone' → ('Teléfono', 'phone'); 'Notes=' or 'Notes=ignore' → ('Notes', None).

    The field is checked here, the heading only against a sheet (see resolve_mapping).
    """
    heading, equals, wanted = text.rpartition("=")
    if not equals or not heading.strip():
        raise MappingRefused(
            f'--map "{text}" should be HEADING=FIELD, for example --map "Teléfono=phone" (or "Notes=" to leave '
            "a column out)."
        )
    return heading.strip(), field_named(wanted, pair=text)


def field_named(text: str, *, pair: str = "") -> str | None:
    """The field a name means: a key of FIELD_LABELS or its label, folded as headings are; None to leave out."""
    if text.strip().casefold() in LEAVE_OUT:
        return None
    folded = fold_heading(text)
    for key in FIELDS:
        if folded in (fold_heading(key), fold_heading(FIELD_LABELS[key])):
            return key
    where = f' (in --map "{pair}")' if pair else ""
    raise MappingRefused(
        f"'{text.strip()}' is not a field a column can go to{where}; use one of: {', '.join(FIELDS)}, or nothing "
        "after = to leave the column out."
    )


def resolve_mapping(sheet: RosterSheet, pairs: Sequence[tuple[str, str | None]]) -> dict[int, str | None]:
    """Column index → field for each pair, the heading matched as headings are matched (exactly, else folded:
    "telefono" finds "Teléfono"), or written "Column C"; a private column can never be given a field."""
    mapping: dict[int, str | None] = {}
    given: dict[str, str] = {}
    for heading, wanted in pairs:
        index = _column_of(sheet, heading)
        header = sheet.headers[index] if index < len(sheet.headers) else ""
        name = f"column {column_letter(index)}" + (f" ('{header}')" if header else "")
        if wanted is not None and index < len(sheet.matches) and sheet.matches[index].private:
            raise MappingRefused(
                f"{name[0].upper()}{name[1:]} of {sheet.file_name} holds private information EquityDesk never keeps, "
                f"so it cannot be imported as {wanted}; leave it out."
            )
        if index in mapping and mapping[index] != wanted:
            raise MappingRefused(f"--map gives {name} twice ({mapping[index]} and {wanted}); give it once.")
        if wanted is not None and given.setdefault(wanted, name) != name:
            raise MappingRefused(f"--map gives {wanted} to both {given[wanted]} and {name}; a field takes one column.")
        mapping[index] = wanted
    return mapping


def _column_of(sheet: RosterSheet, heading: str) -> int:
    text = clean_text(heading)
    found = [i for i, h in enumerate(sheet.headers) if h == text]
    if not found:
        folded = fold_heading(text)
        found = [i for i, h in enumerate(sheet.headers) if h and fold_heading(h) == folded]
    if not found and (letter := _COLUMN.fullmatch(text)):
        index = _letter_index(letter[1])
        if index < max(len(sheet.headers), len(sheet.rows.columns)):
            return index
    where = f"sheet '{sheet.sheet}' of {sheet.file_name} (headings on row {sheet.header_row})"
    if len(found) > 1:
        letters = ", ".join(column_letter(i) for i in found)
        example = f'"Column {column_letter(found[0])}=FIELD"'
        raise MappingRefused(f"Several columns of {where} are headed '{text}' ({letters}); name one as {example}.")
    if not found:
        named = [h for h in sheet.headers if h]
        listed = ", ".join(named[:_LISTED_HEADINGS]) + (", …" if len(named) > _LISTED_HEADINGS else "")
        raise MappingRefused(f"No column of {where} is headed '{text}'; its headings are: {listed}.")
    return found[0]


def _letter_index(letters: str) -> int:
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index - 1
