"""The canvas of rendered documents: "Page N of M", contents page numbers, bookmarks and the DRAFT watermark.

Everything that depends on where sections landed is drawn when the document is saved, so the packet is laid
out in one pass (a table of contents through platypus' multiBuild would lay it out two or three times).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable

from equitydesk.formats.pdf.fonts import FAMILY, FAMILY_BOLD
from equitydesk.formats.pdf.styles import FOOTER_SIZE, FRAME_PADDING, MARGIN, MUTED, PageCountCanvas

WATERMARK_COLOUR = colors.Color(0.75, 0.1, 0.1)


class DocumentCanvas(PageCountCanvas):
    """Holds every page until the end; sections, contents entries and watermarks are noted while pages are drawn."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.section_pages: dict[str, int] = {}
        self.watermark: str | None = None
        self._fresh_page()

    def _fresh_page(self) -> None:
        # New objects per page: showPage keeps a shallow copy of this canvas' attributes for each page.
        self.page_watermarks: set[str] = {self.watermark} if self.watermark else set()
        self.page_slots: list[tuple[str, float, float, float]] = []

    def showPage(self) -> None:
        super().showPage()
        self._fresh_page()

    def save(self) -> None:
        pages = self.section_pages
        for state in self._pages:
            slots = state.get("page_slots", [])
            marks = state.get("page_watermarks", set())
            state["_ed_after"] = (slots, marks, pages)
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        super()._draw_footer(number, total)
        slots, marks, pages = self.__dict__.get("_ed_after", ([], set(), {}))
        for key, x_right, y, size in slots:
            if key in pages:
                self.saveState()
                self.setFont(FAMILY, size)
                self.drawRightString(x_right, y, str(pages[key]))
                self.restoreState()
        for mark in sorted(marks):
            self._draw_watermark(mark)

    def _draw_watermark(self, text: str) -> None:
        width, height = self._pagesize
        self.saveState()
        self.setFillColor(WATERMARK_COLOUR)
        self.setFillAlpha(0.13)
        self.setFont(FAMILY_BOLD, min(width, height) / 4.2)
        self.translate(width / 2, height / 2)
        self.rotate(35)
        self.drawCentredString(0, -30, text)
        self.restoreState()
        # In words too, where a photocopy loses the pale watermark.
        self.saveState()
        self.setFont(FAMILY_BOLD, FOOTER_SIZE)
        self.setFillColor(WATERMARK_COLOUR)
        self.drawString(MARGIN + FRAME_PADDING, MARGIN - 2 - FOOTER_SIZE * 1.3, f"{text}: not yet approved")
        self.restoreState()


class SectionMark(Flowable):  # type: ignore[misc]
    """Zero-size: where a section or heading starts, it adds the bookmark and outline entry and notes the page."""

    def __init__(
        self, key: str, title: str, level: int, watermark: str | None = None, *, section: bool = True,
        fresh_page: bool = False,
    ) -> None:  # fmt: skip
        super().__init__()
        self.key, self.title, self.level, self.watermark, self.section = key, title, level, watermark, section
        self.fresh_page = fresh_page
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas = self.canv
        canvas.bookmarkPage(self.key)
        canvas.addOutlineEntry(self.title, self.key, level=self.level, closed=self.level > 0)
        if isinstance(canvas, DocumentCanvas):
            canvas.section_pages.setdefault(self.key, canvas.getPageNumber())
            if self.section:
                canvas.watermark = self.watermark
                # A section opening a page decides that page's watermark; one starting lower down adds its own.
                marks = set() if self.fresh_page else set(canvas.page_watermarks)
                canvas.page_watermarks = marks | ({self.watermark} if self.watermark else set())


class ContentsList(Flowable):  # type: ignore[misc]
    """The table of contents: headings now, their page numbers (and links) filled in when the document is saved."""

    def __init__(self, entries: list[tuple[str, str]], size: float) -> None:
        super().__init__()
        self.entries, self.size = entries, size
        self.line = size * 1.9

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, self.line * len(self.entries)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        y = self.height - self.size * 1.3
        for title, key in self.entries:
            canvas.setFont(FAMILY, self.size)
            canvas.setFillColor(colors.black)
            canvas.drawString(0, y, title)
            canvas.setStrokeColor(MUTED)
            canvas.setDash(1, 2.5)
            start = canvas.stringWidth(title, FAMILY, self.size) + 6
            canvas.line(start, y + 1, self.width - self.size * 2.4, y + 1)
            canvas.setDash()
            x_right, y_abs = canvas.absolutePosition(self.width, y)
            if isinstance(canvas, DocumentCanvas):
                canvas.page_slots = [*canvas.page_slots, (key, x_right, y_abs, self.size)]
            canvas.linkRect("", key, (0, y - 3, self.width, y + self.size), relative=1, thickness=0)
            y -= self.line
