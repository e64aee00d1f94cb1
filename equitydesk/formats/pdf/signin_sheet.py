"""A meeting sign-in sheet: each member's name, group and interpreter language beside a line to sign on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import landscape, letter
from reportlab.platypus import Flowable, LongTable, Paragraph, Spacer, TableStyle

from equitydesk.formats.atomic import atomic_write
from equitydesk.formats.pdf.fonts import FAMILY, missing_characters, register_fonts, script_names
from equitydesk.formats.pdf.roster_directory import long_date
from equitydesk.formats.pdf.styles import (
    HEADER_FILL,
    INK,
    RULE,
    PageCountCanvas,
    Styles,
    content_width,
    label,
    make_document,
    make_styles,
    para,
)
from equitydesk.formats.roster_rows import SigninRow

NORMAL_SIZE = 11.0
LARGE_PRINT_SIZE = 18.0
_TITLES = ("Name", "Stakeholder group", "Interpreter", "Signature")
# Shares of the width: large print needs room for "Parent/guardian" at 18 pt without breaking the word.
_SHARES = (2.3, 1.5, 1.25, 2.45)
# Measured at 18 pt on a landscape page (694 pt wide): "Parent/guardian" needs 160 pt with padding, the heading
# "Interpreter" 128 pt; the name takes what a two-word name needs and the signature keeps the rest (~165 pt).
_LARGE_SHARES = (240.0, 162.0, 130.0, 162.0)
# Row height as a multiple of the type size: room to sign, without large print running to a page per few names.
_ROW_HEIGHT = 2.9
_LARGE_ROW_HEIGHT = 2.3


def write_signin_sheet(
    target: Path,
    rows: Sequence[SigninRow],
    *,
    committee_name: str,
    meeting_title: str | None,
    meeting_date: dt.date | None,
    large_print: bool = False,
    blank_rows: int | None = None,
) -> list[str]:
    """Write the sign-in sheet all or nothing; return warnings about names that cannot be printed in full.

    People are sorted by family name and listed by the name they go by. Large print sets 18 pt type on landscape
    pages with taller rows. Blank rows at the end take walk-ins (default 8, or 5 in large print).
    Raises ExportError when the file cannot be saved; an existing file is then left as it was.
    """
    register_fonts()
    size = LARGE_PRINT_SIZE if large_print else NORMAL_SIZE
    styles = make_styles(size)
    ordered = sorted(rows, key=lambda row: row.sort_key)
    extra = blank_rows if blank_rows is not None else (5 if large_print else 8)
    when = long_date(meeting_date) if meeting_date else ""
    # With no meeting chosen, the sheet leaves a line for the date rather than a bare placeholder.
    heading = " · ".join(part for part in (meeting_title, when) if part) or "Date: ____________________"
    warnings = _unprintable_warnings(ordered)

    with atomic_write(target) as temp:
        doc, decorate = make_document(
            temp,
            title=f"{committee_name} — sign-in sheet",
            subject=heading,
            pagesize=landscape(letter) if large_print else letter,
            header_lines=(committee_name, f"Sign-in · {heading}"),
            styles=styles,
        )
        story: list[Flowable] = [
            para(committee_name, styles.title),
            para(f"Sign-in sheet · {heading}", styles.subtitle),
            para(
                "Please sign beside your name. If your name is not listed, print it on a blank line at the end.",
                styles.body,
            ),
            Spacer(1, size * 0.6),
            _table(
                ordered,
                extra,
                content_width(doc),
                styles,
                size,
                _LARGE_SHARES if large_print else _SHARES,
                _LARGE_ROW_HEIGHT if large_print else _ROW_HEIGHT,
            ),
        ]
        doc.build(story, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=PageCountCanvas)
    return warnings


def _table(
    rows: Sequence[SigninRow],
    blanks: int,
    width: float,
    styles: Styles,
    size: float,
    shares: tuple[float, ...],
    row_height: float,
) -> LongTable:
    widths = [width * share / sum(shares) for share in shares]
    data: list[list[Paragraph | str]] = [[label(title, styles.header_cell) for title in _TITLES]]
    for row in rows:
        data.append(
            [
                para(row.listed_name, styles.cell_bold),
                para(row.stakeholder_group, styles.cell),
                para(row.interpreter_language, styles.cell),
                "",
            ]
        )
    # An empty string cell has no height of its own; a blank paragraph gives walk-in rows the same height.
    data.extend([para(" ", styles.cell), "", "", ""] for _ in range(blanks))
    # Padding, not a fixed height, makes a one-line row tall enough to sign in, so a wrapped name still fits.
    pad = (size * row_height - styles.cell.leading) / 2
    table = LongTable(data, colWidths=widths, repeatRows=1)
    commands: list[tuple[object, ...]] = [
        # Cell styles default to Helvetica even when every cell is a Paragraph; left alone it lands in the PDF.
        ("FONT", (0, 0), (-1, -1), FAMILY, size),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 1.0, INK),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 1), (-2, -1), 0.3, RULE),
        # The signature column gets a darker line to sign on than the light rules between rows.
        ("LINEBELOW", (-1, 1), (-1, -1), 0.8, INK),
        ("LEFTPADDING", (0, 0), (-1, -1), size * 0.4),
        ("RIGHTPADDING", (0, 0), (-1, -1), size * 0.4),
        ("TOPPADDING", (0, 0), (-1, 0), size * 0.3),
        ("BOTTOMPADDING", (0, 0), (-1, 0), size * 0.3),
        ("TOPPADDING", (0, 1), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 1), (-1, -1), pad),
    ]
    if blanks:
        first_blank = len(rows) + 1
        # Blank rows get a writing line under every column, since a walk-in fills in all of them.
        commands.append(("LINEBELOW", (0, first_blank), (-2, -1), 0.8, INK))
    table.setStyle(TableStyle(commands))
    return table


def _unprintable_warnings(rows: Sequence[SigninRow]) -> list[str]:
    warnings = []
    for row in rows:
        missing = missing_characters([row.listed_name, row.stakeholder_group, row.interpreter_language])
        if missing:
            warnings.append(
                f"Some characters for “{row.display_name}” ({script_names(missing)}) have no font on this "
                "computer and print as empty boxes on the sign-in sheet."
            )
    return warnings
