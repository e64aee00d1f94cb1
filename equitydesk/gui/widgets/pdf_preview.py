"""A PDF preview without QtPdf: pages drawn by PDFium as they scroll into view, with zoom and page keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from equitydesk.formats.pdf.pages import PdfPages, RenderedPage

SCREEN_DPI = 96.0
ZOOM_STEPS = (0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0)
PAGE_GAP = 12


def page_image(page: RenderedPage) -> QImage:
    """A QImage that owns a copy of the page's pixels (the bytes may go once it exists)."""
    image = QImage(page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGB888)
    return image.copy()


class PdfPreview(QWidget):
    """Shows a PDF file's pages one under another; only the pages near the view are rendered."""

    def __init__(self, parent: QWidget | None = None, *, placeholder: str = "") -> None:
        super().__init__(parent)
        self.pages: PdfPages | None = None
        self.zoom = 1.0
        self.fit_width = True
        self._labels: list[QLabel] = []
        self._rendered: set[int] = set()

        self.zoom_out_button = QPushButton("Zoom out")
        self.zoom_in_button = QPushButton("Zoom in")
        self.fit_button = QPushButton("Fit width")
        self.page_label = QLabel(placeholder)
        self.page_label.setObjectName("page_label")
        self.page_label.setMinimumWidth(self.page_label.fontMetrics().horizontalAdvance("Page 888 of 888"))
        self.zoom_out_button.clicked.connect(lambda: self._step_zoom(-1))
        self.zoom_in_button.clicked.connect(lambda: self._step_zoom(1))
        self.fit_button.clicked.connect(self.fit_to_width)
        bar = QHBoxLayout()
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            button.setEnabled(False)
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.page_label)

        self._column = QWidget()
        self._column.setObjectName("pdf_pages")
        self._column_layout = QVBoxLayout(self._column)
        self._column_layout.setSpacing(PAGE_GAP)
        self._column_layout.setContentsMargins(PAGE_GAP, PAGE_GAP, PAGE_GAP, PAGE_GAP)
        self._column_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self._column)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # PgUp/PgDn go by page, not by screenful
        # A scroll bar that came and went would change the width that "fit width" fits, and so the zoom, again.
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll.setStyleSheet("QScrollArea > QWidget > QWidget#pdf_pages { background: #8a8a8a; }")
        self.scroll.verticalScrollBar().valueChanged.connect(self._schedule)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pending = False

    # --- the document -----------------------------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return self.pages.count if self.pages is not None else 0

    def load(self, path: Path) -> None:
        """Show `path`, replacing what was shown; pages render as they come into view."""
        self.clear()
        self.pages = PdfPages(path)
        for _index in range(self.pages.count):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("background: white;")
            self._column_layout.addWidget(label)
            self._labels.append(label)
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            button.setEnabled(True)
        if self.fit_width:
            self.zoom = self._fit_zoom()
        self._relayout()

    def clear(self) -> None:
        for label in self._labels:
            label.deleteLater()
        self._labels.clear()
        self._rendered.clear()
        self._column.setMinimumSize(0, 0)
        if self.pages is not None:
            self.pages.close()
            self.pages = None
        self.page_label.setText("")

    # --- zoom -------------------------------------------------------------------------------------------------

    def _fit_zoom(self) -> float:
        if self.pages is None or not self.pages.count:
            return 1.0
        width_points = max(w for w, _h in self.pages.sizes)
        room = self.scroll.viewport().width() - 2 * PAGE_GAP
        return max(0.25, min(4.0, room / (width_points / 72.0 * SCREEN_DPI)))

    def fit_to_width(self) -> None:
        self.fit_width = True
        self.set_zoom(self._fit_zoom(), fit=True)

    def _step_zoom(self, direction: int) -> None:
        bigger = [z for z in ZOOM_STEPS if z > self.zoom + 0.01]
        smaller = [z for z in ZOOM_STEPS if z < self.zoom - 0.01]
        if direction > 0 and bigger:
            self.set_zoom(bigger[0])
        elif direction < 0 and smaller:
            self.set_zoom(smaller[-1])

    def set_zoom(self, zoom: float, *, fit: bool = False) -> None:
        self.fit_width = fit
        page = self.current_page()
        self.zoom = zoom
        self._relayout()
        self.go_to_page(page)

    def _relayout(self) -> None:
        if self.pages is None or not self._labels:
            return
        self._rendered.clear()
        for index, label in enumerate(self._labels):
            width, height = self.pages.size_points(index)
            label.clear()
            label.setFixedSize(round(width / 72.0 * SCREEN_DPI * self.zoom),
                               round(height / 72.0 * SCREEN_DPI * self.zoom))  # fmt: skip
        # Said outright: a scroll area may size the column before the layout has counted the new pages.
        self._column.setMinimumSize(max(label.width() for label in self._labels) + 2 * PAGE_GAP,
                                    sum(label.height() + PAGE_GAP for label in self._labels) + PAGE_GAP)  # fmt: skip
        self._column_layout.activate()
        self._schedule()

    # --- lazy rendering ---------------------------------------------------------------------------------------

    def _schedule(self, *_args: Any) -> None:
        # Rendering waits for the event loop so that a fast scroll renders only where it stops.
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self.render_visible)

    def visible_pages(self) -> list[int]:
        top = self.scroll.verticalScrollBar().value()
        bottom = top + self.scroll.viewport().height()
        return [i for i, label in enumerate(self._labels) if label.y() < bottom and label.y() + label.height() > top]

    def render_visible(self) -> None:
        """Render the pages in view and the one after it (about 40 ms a page at screen size)."""
        self._pending = False
        if self.pages is None:
            return
        wanted = self.visible_pages() or [0]
        wanted = sorted(set(wanted) | {min(wanted[-1] + 1, self.pages.count - 1)})
        ratio = self.devicePixelRatioF()
        for index in wanted:
            if index in self._rendered or not 0 <= index < self.pages.count:
                continue
            image = page_image(self.pages.render(index, dpi=SCREEN_DPI * self.zoom * ratio))
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            self._labels[index].setPixmap(pixmap)
            self._rendered.add(index)
        self._update_page_label()

    # --- pages ------------------------------------------------------------------------------------------------

    def current_page(self) -> int:
        visible = self.visible_pages()
        return visible[0] if visible else 0

    def go_to_page(self, index: int) -> None:
        if not self._labels:
            return
        index = max(0, min(index, len(self._labels) - 1))
        self._column_layout.activate()
        self.scroll.verticalScrollBar().setValue(self._labels[index].y() - PAGE_GAP // 2)
        self._schedule()
        self._update_page_label(index)

    def _update_page_label(self, index: int | None = None) -> None:
        if self.pages is not None and self.pages.count:
            shown = self.current_page() if index is None else index
            self.page_label.setText(f"Page {shown + 1} of {self.pages.count}")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_PageDown:
            self.go_to_page(self.current_page() + 1)
        elif event.key() == Qt.Key.Key_PageUp:
            self.go_to_page(self.current_page() - 1)
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.fit_width and self.pages is not None:
            zoom = self._fit_zoom()
            if abs(zoom - self.zoom) > 0.01:
                self.zoom = zoom
                self._relayout()
        self._schedule()

    def closeEvent(self, event: Any) -> None:
        self.clear()
        super().closeEvent(event)
