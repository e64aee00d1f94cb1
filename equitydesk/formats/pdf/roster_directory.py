"""A printable member directory: one table row per member, contact details only in the internal version."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from equitydesk.domain.wording import plural
from equitydesk.formats.atomic import atomic_write
from equitydesk.formats.pdf.fonts import (
    FAMILY,
    FAMILY_BOLD,
    FontSet,
    missing_characters,
    plain_cell,
    printable_text,
    register_fonts,
    script_names,
    wrap_plain,
)
from equitydesk.formats.pdf.paged_table import PagedTable, RowGeometry, Rules
from equitydesk.formats.pdf.styles import (
    HEADER_FILL,
    INK,
    RULE,
    STRIPE_FILL,
    PageCountCanvas,
    Styles,
    address_para,
    content_width,
    label,
    make_document,
    make_styles,
    para,
)
from equitydesk.formats.roster_rows import DirectoryRow

# Relative column widths; contact columns appear only in the internal version.
# Sized so "Parent/guardian" and a typical e-mail address fit on one line at the internal version's 9 pt; a longer
# address prints smaller rather than break (address_para).
_PUBLIC_COLUMNS = (
    ("Name", 1.6),
    ("Role", 0.75),
    ("Stakeholder group", 1.2),
    ("School or organization", 1.25),
    ("Languages", 1.35),
)
_CONTACT_COLUMNS = (("Email", 2.45), ("Phone", 1.25))
_CELL_PADDING = 4.0
PRIVATE_NOTICE = "Internal: contains private contact details. Do not post or forward."


def long_date(day: dt.date) -> str:
    """ "March 5, 2025": spelled out so nobody misreads 03/05 as the 3rd of May."""
    return f"{day:%B} {day.day}, {day.year}"


def write_roster_directory(
    target: Path,
    rows: Sequence[DirectoryRow],
    *,
    committee_name: str,
    generated_on: dt.date,
    include_contact: bool = True,
) -> list[str]:
    """Write the directory PDF all or nothing; return warnings about names that cannot be printed in full.

    `include_contact=False` is the public version: no email, no phone, nothing private. Everyone is listed by the
    name they go by (preferred name when there is one, never beside their given name), sorted by family name.
    Raises ExportError when the file cannot be saved; an existing file is then left as it was.
    """
    register_fonts()
    styles = make_styles(9 if include_contact else 9.5)
    columns = _PUBLIC_COLUMNS + (_CONTACT_COLUMNS if include_contact else ())
    pagesize = landscape(letter) if include_contact else letter
    ordered = sorted(rows, key=lambda row: row.sort_key)

    version = "Member directory" if include_contact else "Member directory (public)"
    warnings = _unprintable_warnings(ordered, include_contact)
    with atomic_write(target) as temp:
        doc, decorate = make_document(
            temp,
            title=f"{committee_name} — {version}",
            subject=f"{version}, {long_date(generated_on)}",
            pagesize=pagesize,
            header_lines=(committee_name, f"{version} · {long_date(generated_on)}"),
            # On every page, since a page of contacts can be copied or handed on alone.
            footer_note=PRIVATE_NOTICE if include_contact else None,
            styles=styles,
        )
        story: list[Flowable] = [
            para(committee_name, styles.title),
            para(f"{version} · {long_date(generated_on)} · {plural(len(ordered), 'member')}", styles.subtitle),
        ]
        if not include_contact:
            story.append(
                para("Contact details are left out of this version; ask the chair to reach a member.", styles.note)
            )
            story.append(Spacer(1, 6))
        if ordered:
            story.append(_table(ordered, columns, content_width(doc), styles, include_contact))
        else:
            story.append(para("This committee has no members to list yet.", styles.body))
        doc.build(story, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=PageCountCanvas)
    return warnings


def _table(
    rows: Sequence[DirectoryRow],
    columns: tuple[tuple[str, float], ...],
    width: float,
    styles: Styles,
    include_contact: bool,
) -> PagedTable:
    total = sum(share for _, share in columns)
    widths = [width * share / total for _, share in columns]
    rooms = [w - 2 * _CELL_PADDING for w in widths]
    fonts = register_fonts()
    size = styles.cell.fontSize
    header = [label(title, styles.header_cell) for title, _ in columns]
    data: list[list[Any]] = []
    for row in rows:
        cells: list[Any] = [
            _cell(row.listed_name, styles.cell_bold, rooms[0], fonts, FAMILY_BOLD),
            _cell(row.role, styles.cell, rooms[1], fonts),
            _cell(row.stakeholder_group, styles.cell, rooms[2], fonts),
            _cell(row.school_or_organization, styles.cell, rooms[3], fonts),
            _cell(_languages(row, include_interpreter=include_contact), styles.cell, rooms[4], fonts),
        ]
        if include_contact:
            email_room = rooms[len(_PUBLIC_COLUMNS)]
            email = " ".join((row.email or "").split())
            fits = plain_cell(email, fonts) and stringWidth(email, FAMILY, size) <= email_room
            cells += [email if fits else address_para(row.email, styles.cell, email_room),
                      _cell(row.phone, styles.cell, rooms[-1], fonts)]  # fmt: skip
        data.append(cells)

    def commands(_start: int, count: int) -> list[tuple[Any, ...]]:
        found: list[tuple[Any, ...]] = [
            # Strings in cells print in the cell's font: the embedded family (Helvetica otherwise), names in bold.
            ("FONT", (0, 0), (-1, -1), FAMILY, size, styles.cell.leading),
            ("FONT", (0, 1), (0, -1), FAMILY_BOLD, size, styles.cell.leading),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
            ("LEFTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
        ]
        return found

    geometry = RowGeometry(leading=styles.cell.leading, top=3.5, bottom=4.5, side=2 * _CELL_PADDING, header_top=3.5,
                           header_bottom=4.5)  # fmt: skip
    rules = Rules(HEADER_FILL, (0.9, INK), (0.3, RULE), STRIPE_FILL)
    return PagedTable(header, data, col_widths=widths, commands=commands, geometry=geometry, rules=rules)


def _cell(text: str | None, style: ParagraphStyle, room: float, fonts: FontSet, font: str = FAMILY) -> Any:
    """A plain string when the base font prints it on lines that fit (most cells); a shaped Paragraph otherwise.

    A Paragraph per cell and per-character font lookups made a 20,000-member directory take over two minutes.
    """
    value = printable_text(text or "")
    if plain_cell(value, fonts):
        lines = wrap_plain(value, font, float(style.fontSize), room)
        if lines is not None:
            return lines
    return para(value, style, fonts=fonts)


def _languages(row: DirectoryRow, *, include_interpreter: bool = True) -> str:
    """Languages spoken; who needs an interpreter is personal, so only the internal version says it."""
    parts = []
    if row.languages:
        parts.append(row.languages.strip())
    if include_interpreter and row.interpreter_language:
        parts.append(f"Interpreter: {row.interpreter_language.strip()}")
    return "\n".join(parts)


def _unprintable_warnings(rows: Sequence[DirectoryRow], include_contact: bool) -> list[str]:
    warnings = []
    for row in rows:
        texts = [row.listed_name, row.role, row.stakeholder_group, row.school_or_organization,
                 _languages(row, include_interpreter=include_contact)]  # fmt: skip
        if include_contact:
            texts += [row.email, row.phone]
        missing = missing_characters(texts)
        if missing:
            warnings.append(
                f"Some characters for “{row.display_name}” ({script_names(missing)}) have no font on this "
                "computer and print as empty boxes in the directory."
            )
    return warnings
