"""Render a document as tagged PDF/UA-1 with typst: the template reads the content as JSON data, never as markup."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from equitydesk.formats.atomic import atomic_write
from equitydesk.formats.documents.model import Chart, Document, to_data
from equitydesk.formats.errors import ExportError
from equitydesk.paths import resource_path

NORMAL_SIZE = 10.5
LARGE_PRINT_SIZE = 16.0


def template_path() -> Path:
    # The checkout's own resources/ first: an editable install can point equitydesk.resources at another checkout.
    source = Path(__file__).resolve().parents[3] / "resources" / "typst" / "document.typ"
    return source if source.is_file() else resource_path("typst", "document.typ")


def typst_inputs(document: Document, *, paper: str = "letter", large_print: bool = False) -> dict[str, str]:
    """The `sys_inputs` of the template: the document as one JSON string, plus the page options."""
    data: dict[str, Any] = to_data(document)
    for section, source in zip(data["sections"], document.sections, strict=True):
        section["new_page"] = source.new_page
        for block, original in zip(section["blocks"], source.blocks, strict=True):
            if isinstance(original, Chart):
                from equitydesk.formats.documents.charts import drawing_svg

                block["svg"] = drawing_svg(original.drawing())
    return {
        "data": json.dumps(data, ensure_ascii=False),
        "paper": "a4" if paper == "a4" else "us-letter",
        "size": str(LARGE_PRINT_SIZE if large_print else NORMAL_SIZE),
    }


def render_accessible(document: Document, *, paper: str = "letter", large_print: bool = False) -> bytes:
    """The PDF/UA-1 bytes; typst refuses (TypstError) a document that breaks PDF/UA, which is then a plain error."""
    import typst

    try:
        pdf = typst.compile(
            str(template_path()),
            root=str(template_path().parent),
            font_paths=[str(resource_path("fonts"))],
            ignore_system_fonts=True,
            sys_inputs=typst_inputs(document, paper=paper, large_print=large_print),
            pdf_standards=["ua-1"],
        )
    except typst.TypstError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "unknown reason"
        raise ExportError(
            f"The accessible PDF could not be made ({first}); the printed PDF can still be saved."
        ) from exc
    assert isinstance(pdf, bytes)
    return pdf


def write_accessible(target: Path, document: Document, *, paper: str = "letter", large_print: bool = False) -> int:
    """Write the accessible edition all or nothing; return its number of pages."""
    pdf = render_accessible(document, paper=paper, large_print=large_print)
    with atomic_write(target) as temp:
        temp.write_bytes(pdf)
    return page_count(pdf)


def page_count(pdf: bytes) -> int:
    """Pages of a typst PDF: its page label tree has one entry per page (typst writes /PageLabels)."""
    import re

    # typst writes each page object with /Type /Page; pages are not inside compressed object streams.
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
