"""The document model: what a report says, free of reportlab and typst, so both renderers print the same content."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Roles of a paragraph or an emphasised cell; each renderer decides what they look like. A plain str (not a Literal)
# so that services can hand documents across their boundary as ordinary data.
Role = str
ROLES = frozenset({"body", "lead", "note", "warning", "strong", "overdue", "muted"})


@dataclass(frozen=True, slots=True)
class Emph:
    """A table cell or list entry printed with a role: "overdue" is red in print and says so in its words too."""

    text: str
    role: Role = "strong"


Cell = str | Emph


def cell_text(cell: Cell) -> str:
    return cell.text if isinstance(cell, Emph) else cell


def cell_role(cell: Cell) -> Role | None:
    return cell.role if isinstance(cell, Emph) else None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A passage of text; `lang` (a BCP 47 tag) when it is not in the document's language."""

    text: str
    role: Role = "body"
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading inside a section (level 2 or 3); the section's own heading is level 1."""

    text: str
    level: int = 2


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its heading, its share of the width, and whether it holds numbers (right-aligned)."""

    title: str
    share: float = 1.0
    numeric: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """Rows under a header row that every page of the table repeats; `caption` says what the table is.

    `writing_rows` makes rows tall enough to write or sign in, with a line under every cell; `blank_rows` adds that
    many empty rows at the end (walk-ins on a sign-in sheet).
    """

    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str = ""
    writing_rows: bool = False
    blank_rows: int = 0
    repeat_header: bool = True


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Fields:
    """Label–value pairs read as a list of facts (the cover's date, time and place)."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart drawn by `drawing()` (a reportlab Drawing, built only by the renderer that wants it) and its words.

    `description` is the alternative text: what a reader who cannot see the chart needs to know from it.
    """

    title: str
    description: str
    drawing: Callable[[], Any] = field(compare=False)


@dataclass(frozen=True, slots=True)
class PageBreak:
    pass


Block = Paragraph | Heading | Table | BulletList | Fields | Chart | PageBreak


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the document with its own heading, bookmark and table-of-contents entry.

    `watermark` (e.g. "DRAFT") is printed across every page of the section; `new_page` starts it on a fresh page.
    """

    heading: str
    key: str
    blocks: tuple[Block, ...]
    watermark: str | None = None
    new_page: bool = True
    in_contents: bool = True


@dataclass(frozen=True, slots=True)
class Document:
    """A whole document: title, language, running header and sections; `contents` asks for a table of contents."""

    title: str
    lang: str
    sections: tuple[Section, ...]
    subtitle: str = ""
    header_left: str = ""
    header_right: str = ""
    footer_note: str | None = None
    contents: bool = True


def to_data(document: Document) -> dict[str, Any]:
    """The document as JSON-ready data (for the typst template); charts keep only their words and an SVG hook."""
    return {
        "title": document.title,
        "lang": document.lang,
        "subtitle": document.subtitle,
        "header_left": document.header_left,
        "header_right": document.header_right,
        "footer_note": document.footer_note or "",
        "contents": document.contents,
        "sections": [
            {
                "heading": s.heading,
                "key": s.key,
                "watermark": s.watermark or "",
                "in_contents": s.in_contents,
                "blocks": [_block_data(b) for b in s.blocks],
            }
            for s in document.sections
        ],
    }


def _cell_data(cell: Cell) -> dict[str, str]:
    return {"text": cell_text(cell), "role": cell_role(cell) or ""}


def _block_data(block: Block) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "text": block.text, "role": block.role, "lang": block.lang or ""}
    if isinstance(block, Heading):
        return {"kind": "heading", "text": block.text, "level": block.level}
    if isinstance(block, Table):
        return {
            "kind": "table",
            "caption": block.caption,
            "columns": [{"title": c.title, "share": c.share, "numeric": c.numeric} for c in block.columns],
            "rows": [[_cell_data(c) for c in row] for row in block.rows],
            "blank_rows": block.blank_rows,
            "writing_rows": block.writing_rows,
        }
    if isinstance(block, BulletList):
        return {"kind": "list", "items": [_cell_data(c) for c in block.items]}
    if isinstance(block, Fields):
        return {"kind": "fields", "items": [{"label": k, "value": v} for k, v in block.items]}
    if isinstance(block, Chart):
        return {"kind": "chart", "title": block.title, "description": block.description, "svg": ""}
    return {"kind": "pagebreak"}
