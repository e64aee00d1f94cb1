"""A meeting sign-in sheet: each member's name, group and interpreter language beside a line to sign on."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, LongTable, Paragraph, Spacer, Table, TableStyle

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
# Shares of the width; the signature column is the widest, since signing is what the sheet is for.
_SHARES = (2.3, 1.5, 1.25, 2.45)
# Measured on a landscape page (694 pt wide): "Parent/guardian" needs 160 pt at 18 pt with padding, and
# "Vietnamese" 122 pt; the headings are set at 16 pt so that "Interpreter" fits there too. A long name wraps
# onto a second line rather than take room from the signature, which stays the widest column.
_LARGE_SHARES = (194.0, 162.0, 124.0, 214.0)
_LARGE_HEADER_SIZE = 16.0
# Row height as a multiple of the type size: room to sign, without large print running to a page per few names.
_ROW_HEIGHT = 2.9
_LARGE_ROW_HEIGHT = 2.3
# Fewest walk-in lines worth keeping on the last page of names rather than starting a page for them.
_MIN_BLANKS = 3
_MORE_THAN_A_PAGE = 80  # blank rows enough to fill any page, when a page of walk-in lines is measured


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
    pages with taller rows. Blank rows at the end take walk-ins (default 8, or 5 in large print); when they would
    spill onto a page of their own, they end with the last page of names instead (at least _MIN_BLANKS of them),
    or, if too few would fit there, they fill the whole next page, never leaving a page with a line or two.
    Raises ExportError when the file cannot be saved; an existing file is then left as it was.
    """
    register_fonts()
    size = LARGE_PRINT_SIZE if large_print else NORMAL_SIZE
    styles = make_styles(size)
    ordered = sorted(rows, key=lambda row: row.sort_key)
    wanted = blank_rows if blank_rows is not None else (5 if large_print else 8)
    when = long_date(meeting_date) if meeting_date else ""
    # With no meeting chosen, the sheet leaves a line for the date rather than a bare placeholder.
    heading = " · ".join(part for part in (meeting_title, when) if part) or "Date: ____________________"
    warnings = _unprintable_warnings(ordered)

    def build(target_file: Path | IO[bytes], blanks: int) -> list[int]:
        """Lay the sheet out with this many blank rows; return how many table rows each page holds."""
        doc, decorate = make_document(
            target_file,
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
                blanks,
                content_width(doc),
                styles,
                size,
                _LARGE_SHARES if large_print else _SHARES,
                _LARGE_ROW_HEIGHT if large_print else _ROW_HEIGHT,
                header_size=_LARGE_HEADER_SIZE if large_print else None,
            ),
        ]
        per_page: dict[int, int] = {}

        def count_rows(flowable: Flowable) -> None:
            # Each page gets a piece of the long table, its heading row repeated.
            if isinstance(flowable, Table):
                per_page[doc.page] = per_page.get(doc.page, 0) + len(flowable._cellvalues) - 1

        doc.afterFlowable = count_rows
        doc.build(story, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=PageCountCanvas)
        return [per_page[page] for page in sorted(per_page)]

    blanks = _fitted_blanks(lambda n: build(io.BytesIO(), n), len(ordered), wanted)
    with atomic_write(target) as temp:
        build(temp, blanks)
    return warnings


def _fitted_blanks(layout: Callable[[int], list[int]], people: int, wanted: int) -> int:
    """How many blank rows to print so that no page holds only blank rows, unless it is a full page of them.

    `layout(n)` lays the sheet out with n blank rows and returns the table rows on each page.
    """
    if wanted <= 0:
        return 0
    pages = layout(wanted)
    on_earlier_pages = sum(pages[:-1])
    if len(pages) < 2 or on_earlier_pages < people:
        return wanted  # the last page has names on it: the walk-in lines belong with them
    room = on_earlier_pages - people  # blank rows that fit under the last names
    if room >= min(_MIN_BLANKS, wanted):
        return room
    # Too few lines would be left for walk-ins: give them the whole next page rather than a line of it.
    full = layout(room + _MORE_THAN_A_PAGE)
    return room + full[len(pages) - 1]


def _table(
    rows: Sequence[SigninRow],
    blanks: int,
    width: float,
    styles: Styles,
    size: float,
    shares: tuple[float, ...],
    row_height: float,
    *,
    header_size: float | None = None,
) -> LongTable:
    widths = [width * share / sum(shares) for share in shares]
    header_style = styles.header_cell
    if header_size is not None:
        header_style = ParagraphStyle(
            "HeaderCellSized", parent=header_style, fontSize=header_size, leading=round(header_size * 1.28, 1)
        )
    data: list[list[Paragraph | str]] = [[label(title, header_style) for title in _TITLES]]
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
