"""The printed edition of a document (packet, agenda, minutes): reportlab, Letter or A4, optionally large print."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from equitydesk.formats.atomic import atomic_write
from equitydesk.formats.documents import model as m
from equitydesk.formats.pdf.document_canvas import ContentsList, DocumentCanvas, SectionMark
from equitydesk.formats.pdf.fonts import (
    FAMILY,
    FAMILY_BOLD,
    FontSet,
    plain_cell,
    printable_text,
    register_fonts,
    wrap_plain,
)
from equitydesk.formats.pdf.paged_table import PagedTable, RowGeometry, Rules
from equitydesk.formats.pdf.styles import HEADER_FILL, INK, RULE, STRIPE_FILL, content_width, make_document, para

OVERDUE = colors.HexColor("#B00020")
WARNING = colors.HexColor("#8A3B00")
NORMAL_SIZE = 10.0
LARGE_PRINT_SIZE = 16.0
_PAD = 4.0
Progress = Callable[[int, int, str], None]


class _Look:
    """The styles of one rendering, scaled from its body size."""

    def __init__(self, size: float) -> None:
        self.size = size
        leading = round(size * 1.3, 1)

        def style(name: str, *, font: str = FAMILY, scale: float = 1.0, **extra: Any) -> ParagraphStyle:
            return ParagraphStyle(name, fontName=font, fontSize=round(size * scale, 1),
                                  leading=round(leading * scale, 1),
                                  textColor=extra.pop("textColor", INK), shaping=1, **extra)  # fmt: skip

        self.title = style("Title", font=FAMILY_BOLD, scale=2.0, spaceAfter=size * 0.4)
        self.subtitle = style("Subtitle", scale=1.2, textColor=colors.HexColor("#444444"), spaceAfter=size * 1.2)
        self.h1 = style("H1", font=FAMILY_BOLD, scale=1.55, spaceBefore=size * 0.4, spaceAfter=size * 0.6)
        self.h2 = style("H2", font=FAMILY_BOLD, scale=1.2, spaceBefore=size * 0.9, spaceAfter=size * 0.35)
        self.h3 = style("H3", font=FAMILY_BOLD, scale=1.05, spaceBefore=size * 0.6, spaceAfter=size * 0.25)
        self.body = style("Body", spaceAfter=size * 0.5)
        self.lead = style("Lead", scale=1.1, spaceAfter=size * 0.6)
        self.note = style("Note", scale=0.9, textColor=colors.HexColor("#555555"), spaceAfter=size * 0.5)
        self.warning = style("Warning", font=FAMILY_BOLD, textColor=WARNING, spaceAfter=size * 0.5)
        self.cell_size = round(size * 0.92, 1)
        self.cell = style("Cell", scale=0.92)
        self.header_cell = style("HeaderCell", font=FAMILY_BOLD, scale=0.92)
        self.strong_cell = style("StrongCell", font=FAMILY_BOLD, scale=0.92)
        self.overdue_cell = style("OverdueCell", font=FAMILY_BOLD, scale=0.92, textColor=OVERDUE)
        self.muted_cell = style("MutedCell", scale=0.92, textColor=colors.HexColor("#555555"))

    def block_style(self, role: m.Role) -> ParagraphStyle:
        return {"lead": self.lead, "note": self.note, "warning": self.warning, "overdue": self.warning,
                "strong": self.h3}.get(role, self.body)  # fmt: skip

    def cell_style(self, role: m.Role | None) -> ParagraphStyle:
        return {"strong": self.strong_cell, "overdue": self.overdue_cell, "muted": self.muted_cell}.get(
            role or "", self.cell
        )


def write_document(
    target: Path,
    document: m.Document,
    *,
    paper: str = "letter",
    large_print: bool = False,
    progress: Progress | None = None,
) -> int:
    """Write the printed edition all or nothing; return its page count. Raises ExportError if it cannot be saved."""
    with atomic_write(target) as temp:
        return render(temp, document, paper=paper, large_print=large_print, progress=progress)


def page_size(paper: str, large_print: bool) -> tuple[float, float]:
    size = A4 if paper == "a4" else letter
    # Large print sets wide tables on landscape pages, where a roster's columns still fit at 16 pt.
    width, height = landscape(size) if large_print else size
    return float(width), float(height)


def render(
    target: Path | IO[bytes],
    document: m.Document,
    *,
    paper: str = "letter",
    large_print: bool = False,
    progress: Progress | None = None,
) -> int:
    fonts = register_fonts()
    look = _Look(LARGE_PRINT_SIZE if large_print else NORMAL_SIZE)
    doc, decorate = make_document(
        target,
        title=document.title,
        subject=document.subtitle,
        pagesize=page_size(paper, large_print),
        header_lines=(document.header_left, document.header_right),
        footer_note=document.footer_note,
    )
    width = content_width(doc)
    story = _story(document, look, fonts, width)
    total = len(story)
    if progress is not None:
        done = [0]

        def step(_flowable: Flowable) -> None:
            done[0] += 1
            if done[0] % 25 == 0 or done[0] == total:
                progress(done[0], total, "Laying out the pages")

        doc.afterFlowable = step
    canvases: list[DocumentCanvas] = []

    def canvasmaker(*args: Any, **kwargs: Any) -> DocumentCanvas:
        canvas = DocumentCanvas(*args, **kwargs)
        canvas.setTitle(document.title)
        canvases.append(canvas)
        return canvas

    doc.build(story, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=canvasmaker)
    return len(canvases[-1]._pages) if canvases else 0


def _story(document: m.Document, look: _Look, fonts: FontSet, width: float) -> list[Flowable]:
    story: list[Flowable] = [para(document.header_left, look.title), para(document.subtitle, look.subtitle)]
    contents = [(s.heading, s.key) for s in document.sections if s.in_contents]
    placed_contents = not (document.contents and contents)
    for index, section in enumerate(document.sections):
        if section.new_page and index > 0:
            story.append(PageBreak())
        fresh = section.new_page and index > 0
        story.append(SectionMark(section.key, section.heading, 0, section.watermark, fresh_page=fresh))
        story.append(para(section.heading, look.h1))
        for number, block in enumerate(section.blocks):
            story += _block(block, look, fonts, width, f"{section.key}.{number}")
        if not placed_contents and section.key == "cover":
            story += _contents(contents, look)
            placed_contents = True
    if not placed_contents:
        story[2:2] = _contents(contents, look)
    return story


def _contents(entries: list[tuple[str, str]], look: _Look) -> list[Flowable]:
    return [Spacer(1, look.size), para("In this packet", look.h2), ContentsList(entries, look.size * 1.05)]


def _block(block: m.Block, look: _Look, fonts: FontSet, width: float, key: str) -> list[Flowable]:
    if isinstance(block, m.Paragraph):
        return [para(block.text, look.block_style(block.role), fonts=fonts)]
    if isinstance(block, m.Heading):
        style = look.h2 if block.level <= 2 else look.h3
        # A heading at the foot of a page with nothing under it: start the next page with it instead.
        return [CondPageBreak(style.leading * 2 + look.size * 5), SectionMark(key, block.text, 1, section=False),
                para(block.text, style, fonts=fonts)]  # fmt: skip
    if isinstance(block, m.Table):
        return [_table(block, look, fonts, width), Spacer(1, look.size * 0.6)]
    if isinstance(block, m.Fields):
        return [_fields(block, look, fonts, width), Spacer(1, look.size * 0.6)]
    if isinstance(block, m.BulletList):
        return [Paragraph(_escaped_cell(item, fonts), look.cell_style(m.cell_role(item)), bulletText="•")
                for item in block.items]  # fmt: skip
    if isinstance(block, m.Chart):
        return [KeepTogether([_scaled(block.drawing(), width), para(block.description, look.note, fonts=fonts)])]
    return [PageBreak()]


def _escaped_cell(cell: m.Cell, fonts: FontSet) -> str:
    from equitydesk.formats.pdf.fonts import markup

    return markup(m.cell_text(cell), fonts, shaped=True)


def _scaled(drawing: Any, width: float) -> Any:
    if drawing.width > width:
        factor = width / drawing.width
        drawing.scale(factor, factor)
        drawing.width, drawing.height = width, drawing.height * factor
    return drawing


def _fields(block: m.Fields, look: _Look, fonts: FontSet, width: float) -> Table:
    label_width = max(stringWidth(k, FAMILY_BOLD, look.size) for k, _ in block.items) + 2 * _PAD + 4
    rows = [[para(k, ParagraphStyle("FieldLabel", parent=look.body, fontName=FAMILY_BOLD, spaceAfter=0)),
             para(v, ParagraphStyle("FieldValue", parent=look.body, spaceAfter=0), fonts=fonts)]
            for k, v in block.items]  # fmt: skip
    table = Table(rows, colWidths=[label_width, width - label_width], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), FAMILY, look.size),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE), ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
                               ("TOPPADDING", (0, 0), (-1, -1), 3),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))  # fmt: skip
    return table


def _table(block: m.Table, look: _Look, fonts: FontSet, width: float) -> Flowable:
    total = sum(c.share for c in block.columns)
    widths = [width * c.share / total for c in block.columns]
    size = look.cell_size
    header = [_header_cell(c.title, look, widths[i] - 2 * _PAD) for i, c in enumerate(block.columns)]
    # Bold and overdue cells print as plain strings too, styled by a command for their cell.
    emphasised: dict[int, list[tuple[int, str]]] = {}
    rows: list[list[Any]] = []
    for index, row in enumerate(block.rows):
        cells = []
        for column, cell in enumerate(row):
            value = _cell(cell, look, fonts, widths[column] - 2 * _PAD)
            role = m.cell_role(cell)
            if role in ("strong", "overdue") and isinstance(value, str):
                emphasised.setdefault(index, []).append((column, role or ""))
            cells.append(value)
        rows.append(cells)
    if block.writing_rows:
        rows += [[para(" ", look.cell)] + [""] * (len(widths) - 1) for _ in range(block.blank_rows)]
    numeric = [i for i, c in enumerate(block.columns) if c.numeric]
    pad = (size * 2.6 - look.cell.leading) / 2 if block.writing_rows else 3.0

    def commands(start: int, count: int) -> list[tuple[Any, ...]]:
        found: list[tuple[Any, ...]] = [
            # Cell styles default to Helvetica; strings in cells must use the embedded family.
            ("FONT", (0, 0), (-1, -1), FAMILY, size, look.cell.leading),
            ("FONT", (0, 0), (-1, 0), FAMILY_BOLD, size, look.cell.leading),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
            ("TOPPADDING", (0, 1), (-1, -1), pad),
            ("BOTTOMPADDING", (0, 1), (-1, -1), pad + 1),
            ("TOPPADDING", (0, 0), (-1, 0), 3),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
        ]
        found += [("ALIGN", (i, 1), (i, -1), "RIGHT") for i in numeric]
        if block.writing_rows:
            found.append(("VALIGN", (0, 1), (-1, -1), "MIDDLE"))
        for index in range(start, start + count):
            for column, role in emphasised.get(index, ()):
                cell = (column, index - start + 1)
                found.append(("FONT", cell, cell, FAMILY_BOLD, size, look.cell.leading))
                if role == "overdue":
                    found.append(("TEXTCOLOR", cell, cell, OVERDUE))
        return found

    geometry = RowGeometry(leading=look.cell.leading, top=pad, bottom=pad + 1, side=2 * _PAD, header_top=3,
                           header_bottom=4)  # fmt: skip
    # Writing rows get a dark line to write on; others a light rule and stripes to follow a row across.
    rules = Rules(HEADER_FILL, (0.9, INK), (0.8, INK) if block.writing_rows else (0.3, RULE),
                  None if block.writing_rows else STRIPE_FILL)  # fmt: skip
    return PagedTable(header, rows, col_widths=widths, commands=commands, geometry=geometry, rules=rules)


def _cell(cell: m.Cell, look: _Look, fonts: FontSet, room: float) -> Any:
    """A plain string where the base font prints it on lines that fit; a shaped Paragraph only where it must be one."""
    text = printable_text(m.cell_text(cell))
    role = m.cell_role(cell)
    if role in (None, "strong", "overdue") and plain_cell(text, fonts):
        lines = wrap_plain(text, FAMILY if role is None else FAMILY_BOLD, look.cell_size, room)
        if lines is not None:
            return lines
    return para(text, look.cell_style(role), fonts=fonts)


def _header_cell(title: str, look: _Look, room: float) -> Any:
    lines = wrap_plain(title, FAMILY_BOLD, look.cell_size, room)
    return lines if lines is not None else para(title, look.header_cell)
