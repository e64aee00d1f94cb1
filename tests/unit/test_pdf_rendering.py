"""PDF pages rendered by PDFium: the built packet's pages are counted, measured and drawn with ink on them."""

from __future__ import annotations

from pathlib import Path

import packet_samples as ps
import pytest
from pypdf import PdfReader

from equitydesk.db.engine import open_database
from equitydesk.formats.pdf.pages import PdfPages, page_count
from equitydesk.services.context import ServiceContext
from equitydesk.services.registry import Services


@pytest.fixture(scope="module")
def packet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pages")
    sample = ps.build(folder / "demo.sqlite")
    database = open_database(sample.path)
    try:
        services = Services.build(ServiceContext(database.sessions, actor="tester", today=lambda: ps.TODAY))
        built = services.documents.packet(meeting_id=sample.meeting_id, audience="public")
        return services.documents.write(built, target=folder / "packet.pdf").path
    finally:
        database.dispose()


def ink_fraction(pixels: bytes) -> float:
    """The share of bytes darker than paper: text and rules, not the white page."""
    return sum(1 for value in pixels if value < 200) / len(pixels)


def test_page_count_matches_the_pdf(packet: Path) -> None:
    expected = len(PdfReader(packet).pages)
    assert expected > 1
    assert page_count(packet) == expected


def test_first_page_renders_with_ink_at_the_asked_resolution(packet: Path) -> None:
    with PdfPages(packet) as pages:
        width_points, height_points = pages.size_points(0)
        assert (round(width_points), round(height_points)) == (612, 792)  # Letter, the default paper
        page = pages.render(0, dpi=72)
        big = pages.render(0, dpi=144)
    assert (page.width, page.height) == (612, 792)
    assert (big.width, big.height) == (1224, 1584)
    assert page.stride >= page.width * 3 and len(page.pixels) == page.stride * page.height
    assert 0.002 < ink_fraction(page.pixels) < 0.5  # some text was drawn, and the page is not black


def test_a_blank_page_has_no_ink(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    blank = tmp_path / "blank.pdf"
    drawing = canvas.Canvas(str(blank))
    drawing.showPage()
    drawing.save()
    with PdfPages(blank) as pages:
        assert pages.count == 1
        assert ink_fraction(pages.render(0, dpi=36).pixels) == 0
