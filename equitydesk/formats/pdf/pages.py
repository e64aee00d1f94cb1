"""Pages of a finished PDF as raw RGB pixels (pypdfium2), for the in-app preview and for printing."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

# PDFium is not thread-safe: the preview renders on the GUI thread while a print job renders on the job thread.
_PDFIUM = threading.Lock()
POINTS_PER_INCH = 72.0


@dataclass(frozen=True)
class RenderedPage:
    """One page as RGB bytes: 3 bytes a pixel, `stride` bytes a row (PDFium may pad rows)."""

    width: int
    height: int
    stride: int
    pixels: bytes


class PdfPages:
    """An open PDF file whose pages can be counted, measured and rendered; close it (or use `with`)."""

    def __init__(self, path: Path) -> None:
        with _PDFIUM:
            self._pdf = pdfium.PdfDocument(str(path))
            self.sizes: list[tuple[float, float]] = [
                (float(w), float(h)) for w, h in (self._pdf.get_page_size(i) for i in range(len(self._pdf)))
            ]

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def count(self) -> int:
        return len(self.sizes)

    def size_points(self, index: int) -> tuple[float, float]:
        """The page's width and height in points (1/72 inch)."""
        return self.sizes[index]

    def render(self, index: int, *, dpi: float) -> RenderedPage:
        """Page `index` (from 0) on white at `dpi` pixels an inch."""
        with _PDFIUM:
            page = self._pdf[index]
            try:
                bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True, may_draw_forms=False)
                try:
                    if bitmap.n_channels != 3:
                        raise ValueError("PDFium gave a page without plain RGB pixels")
                    rendered = RenderedPage(width=bitmap.width, height=bitmap.height, stride=bitmap.stride,
                                            pixels=bytes(bitmap.buffer))  # fmt: skip
                finally:
                    bitmap.close()
            finally:
                page.close()
        return rendered

    def close(self) -> None:
        with _PDFIUM:
            self._pdf.close()


def page_count(path: Path) -> int:
    """How many pages the PDF file has."""
    with PdfPages(path) as pages:
        return pages.count
