"""Paragraph styles, safe paragraphs and the page template shared by every EquityDesk PDF."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate

from equitydesk.formats.pdf.fonts import FAMILY, FAMILY_BOLD, FontSet, markup, needs_shaping, register_fonts

INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#9AA5B1")
HEADER_FILL = colors.HexColor("#DCE6F0")
STRIPE_FILL = colors.HexColor("#F4F6F8")

MARGIN = 0.6 * inch
MIN_ADDRESS_SIZE = 6.5  # an e-mail address shrinks to fit its cell down to this size, then breaks at @ and dots
HEADER_SPACE = 0.45 * inch  # room above the frame for the running header
FRAME_PADDING = 6.0  # SimpleDocTemplate's frame keeps 6 pt inside its margins on every side
FOOTER_SIZE = 8.5


def content_width(doc: SimpleDocTemplate) -> float:
    """The width a flowable really gets: the frame's padding comes off the document's width."""
    return float(doc.width) - 2 * FRAME_PADDING


@dataclass(frozen=True, slots=True)
class Styles:
    """The handful of styles the documents use, all on the embedded family."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    body: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    header_cell: ParagraphStyle
    running: ParagraphStyle
    note: ParagraphStyle


def make_styles(size: float = 9.5) -> Styles:
    """Styles scaled from one body size, so a large-print document is the same design at 18 pt."""
    register_fonts()
    leading = round(size * 1.28, 1)

    def style(name: str, *, font: str = FAMILY, scale: float = 1.0, **extra: Any) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=font,
            fontSize=round(size * scale, 1),
            leading=round(leading * scale, 1),
            textColor=extra.pop("textColor", INK),
            alignment=extra.pop("alignment", TA_LEFT),
            # HarfBuzz shaping: Karen, Khmer and Arabic names print with their marks and joins in place.
            shaping=1,
            **extra,
        )

    return Styles(
        title=style("Title", font=FAMILY_BOLD, scale=1.7, spaceAfter=size * 0.3),
        subtitle=style("Subtitle", scale=1.1, textColor=MUTED, spaceAfter=size),
        body=style("Body"),
        cell=style("Cell"),
        cell_bold=style("CellBold", font=FAMILY_BOLD),
        header_cell=style("HeaderCell", font=FAMILY_BOLD),
        running=style("Running", scale=min(1.0, 9 / size), textColor=MUTED),
        note=style("Note", scale=0.85, textColor=MUTED, spaceBefore=size * 0.6),
    )


def para(text: str | None, style: ParagraphStyle, *, fonts: FontSet | None = None) -> Paragraph:
    """A Paragraph that prints `text` exactly as typed: escaped, right-to-left reordered, fallback fonts applied.

    Never pass user text to `Paragraph` directly: reportlab reads it as markup, so `Tom <tom@x.org>` loses the
    address, `a<b` raises, and `<img src=…>` reads a file from disk.
    """
    bold = style.fontName == FAMILY_BOLD
    shaped = bool(getattr(style, "shaping", 0)) and needs_shaping(text or "")
    if getattr(style, "shaping", 0) and not shaped:
        style = _unshaped(style)
    return Paragraph(markup(text, fonts, bold=bold, shaped=shaped), style)


_UNSHAPED: dict[int, tuple[ParagraphStyle, ParagraphStyle]] = {}


def _unshaped(style: ParagraphStyle) -> ParagraphStyle:
    """The same style without HarfBuzz, for text that needs no shaping (it costs a third of a big table's time)."""
    known = _UNSHAPED.get(id(style))
    if known is None or known[0] is not style:
        known = _UNSHAPED[id(style)] = (style, ParagraphStyle(f"{style.name}-plain", parent=style, shaping=0))
    return known[1]


def label(text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph for our own fixed wording (column titles, captions); escaped all the same, to be safe."""
    return para(text, style)


def address_para(text: str | None, style: ParagraphStyle, width: float) -> Paragraph:
    """An e-mail address that never breaks inside a word: it prints on one line, in smaller type if it must.

    An address too long even at MIN_ADDRESS_SIZE breaks only before an @ or a dot, with no hyphen added, so every
    line is a piece of the address exactly as typed. `width` is the room inside the cell's padding.
    """
    address = " ".join((text or "").split())
    if not address:
        return para("", style)
    size = float(style.fontSize)
    natural = stringWidth(address, style.fontName, size)
    if natural > width:
        size = max(MIN_ADDRESS_SIZE, math.floor(size * width / natural * 10) / 10)
    fitted = ParagraphStyle(
        f"{style.name}-{size:g}", parent=style, fontSize=size, leading=round(style.leading * size / style.fontSize, 1)
    )
    if stringWidth(address, style.fontName, size) <= width:
        return para(address, fitted)
    lines = [""]
    for piece in re.split(r"(?=[@.])", address):
        if lines[-1] and stringWidth(lines[-1] + piece, style.fontName, size) > width:
            lines.append(piece)
        else:
            lines[-1] += piece
    return para("\n".join(lines), fitted)


PageDecorator = Callable[[Canvas, SimpleDocTemplate], None]


def make_document(
    target: Path | IO[bytes],
    *,
    title: str,
    subject: str = "",
    pagesize: tuple[float, float] = letter,
    header_lines: tuple[str, str] | None = None,
    footer_note: str | None = None,
    styles: Styles | None = None,
) -> tuple[SimpleDocTemplate, PageDecorator]:
    """A Letter document whose canvas starts in the embedded font (no stray Helvetica), and its page decorator.

    `header_lines` is (left, right) text for the running header on every page after the first; `footer_note` is
    printed at the foot of every page, the first too (a notice that must travel with each sheet). Pass the
    decorator as both onFirstPage and onLaterPages, and build with `canvasmaker=PageCountCanvas` for "Page N of M".
    A file-like target lays the document out in memory (to measure it before writing the real file).
    """
    register_fonts()
    styles = styles or make_styles()
    doc = SimpleDocTemplate(
        str(target) if isinstance(target, Path) else target,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + HEADER_SPACE,
        bottomMargin=MARGIN + 0.2 * inch,
        title=_plain(title),
        subject=_plain(subject),
        author="EquityDesk",
        creator="EquityDesk",
        initialFontName=FAMILY,
        initialFontSize=9,
        lang="en-US",
    )
    running_left = ParagraphStyle("RunningLeft", parent=styles.running, alignment=TA_LEFT)
    running_right = ParagraphStyle("RunningRight", parent=styles.running, alignment=TA_RIGHT)

    laid_out: dict[str, Any] = {}

    def decorate(canvas: Canvas, document: SimpleDocTemplate) -> None:
        if footer_note:
            canvas.saveState()
            canvas.setFont(FAMILY, FOOTER_SIZE)
            canvas.setFillColor(MUTED)
            canvas.drawString(document.leftMargin + FRAME_PADDING, MARGIN - 2, _plain(footer_note))
            canvas.restoreState()
        # The first page opens with the title block, so the running header starts on page 2.
        if header_lines is None or canvas.getPageNumber() == 1:
            return
        height = document.pagesize[1]
        x0 = document.leftMargin + FRAME_PADDING
        usable = content_width(document)
        top = height - MARGIN
        if laid_out.get("usable") != usable:
            laid_out.clear()
            laid_out.update(_lay_out_header(header_lines, usable, running_left, running_right), usable=usable)
        left, left_h, right, right_h, right_width = (laid_out[k] for k in ("left", "left_h", "right", "right_h", "rw"))
        canvas.saveState()
        # The same two paragraphs on every page: laid out once, drawn again and again.
        left.drawOn(canvas, x0, top - left_h)
        right.drawOn(canvas, x0 + usable - right_width, top - right_h)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        rule_y = top - max(left_h, right_h) - 4
        canvas.line(x0, rule_y, x0 + usable, rule_y)
        canvas.restoreState()

    return doc, decorate


def _lay_out_header(
    lines: tuple[str, str], usable: float, left_style: ParagraphStyle, right_style: ParagraphStyle
) -> dict[str, Any]:
    gap = 12.0
    wanted_left = stringWidth(lines[0], FAMILY, left_style.fontSize) + 2
    wanted_right = stringWidth(lines[1], FAMILY, right_style.fontSize) + 2
    if wanted_left + wanted_right + gap <= usable:
        right_width = wanted_right
    else:  # both too long for one line: share the width in proportion, each wraps in its own column
        right_width = (usable - gap) * wanted_right / (wanted_left + wanted_right)
    left, right = para(lines[0], left_style), para(lines[1], right_style)
    _, right_h = right.wrap(right_width, HEADER_SPACE)
    _, left_h = left.wrap(usable - right_width - gap, HEADER_SPACE)
    return {"left": left, "left_h": left_h, "right": right, "right_h": right_h, "rw": right_width}


class PageCountCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no type hints
    """A canvas that holds its pages until the end so each footer can say "Page N of M"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        width, _ = self._pagesize
        self.saveState()
        self.setFont(FAMILY, FOOTER_SIZE)
        self.setFillColor(MUTED)
        self.drawRightString(width - MARGIN - FRAME_PADDING, MARGIN - 2, f"Page {number} of {total}")
        self.restoreState()


def _plain(text: str) -> str:
    # Document properties are not markup, but control characters there still upset some PDF readers.
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
