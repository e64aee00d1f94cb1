"""The Packet tab of a meeting: choose sections, paper, print size and audience; preview, print and save the packet.

Building and printing run as jobs (progress and Cancel; the window stays live). The preview shows the printed
edition drawn by PDFium (pypdfium2), since PySide6-Essentials has no QtPdf; Print draws the same pages on the
printer, one PDF page to a printer page.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from equitydesk.formats.pdf.pages import PdfPages
from equitydesk.gui.jobs import JobCancelled, run_job, user_message
from equitydesk.gui.widgets.pdf_preview import PdfPreview, page_image
from equitydesk.gui.workspace import Workspace
from equitydesk.services.documents.sections import SECTION_NAMES, SECTION_TITLES
from equitydesk.services.documents.service import DocumentResult

log = logging.getLogger(__name__)
Progress = Callable[..., None]
PRINT_DPI_CAP = 300  # finer than this only makes the print job slower and larger


class PacketTab(QWidget):
    """Options, what the public version leaves out, the preview, and Print / Save / Save accessible."""

    built = Signal(object)  # the DocumentResult of the latest preview, for stories and the meeting shell

    def __init__(self, workspace: Workspace, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.meeting_id = meeting_id
        self._folder = tempfile.TemporaryDirectory(prefix="equitydesk-packet-")
        self.preview_path: Path | None = None
        self.job: Any = None

        self.section_boxes: dict[str, QCheckBox] = {}
        sections = QGroupBox("Sections")
        section_layout = QVBoxLayout(sections)
        for name in SECTION_NAMES:
            box = QCheckBox(SECTION_TITLES[name] if name != "cover" else "Cover (meeting details, interpretation)")
            box.setChecked(True)
            box.setObjectName(f"section_{name}")
            section_layout.addWidget(box)
            self.section_boxes[name] = box

        self.audience = QComboBox()
        self.audience.addItem("Public: for posting and handing out", "public")
        self.audience.addItem("Internal: members only, with contact details", "internal")
        self.paper = QComboBox()
        self.paper.addItem("Letter", "letter")
        self.paper.addItem("A4", "a4")
        self.large_print = QCheckBox("Large print (16 pt, landscape pages)")
        options = QFormLayout()
        options.addRow("Audience:", self.audience)
        options.addRow("Paper:", self.paper)
        options.addRow("", self.large_print)

        self.withheld = QLabel("Build the preview to see what the public version leaves out.")
        self.withheld.setWordWrap(True)
        self.withheld.setObjectName("withheld")
        self.status = QLabel("")
        self.status.setWordWrap(True)

        self.preview_button = QPushButton("Preview")
        self.print_button = QPushButton("Print…")
        self.save_button = QPushButton("Save as PDF…")
        self.accessible_button = QPushButton("Save accessible PDF for the website…")
        self.open_button = QPushButton("Open in PDF viewer")
        for button in (self.print_button, self.save_button, self.open_button):
            button.setEnabled(False)
        self.preview_button.clicked.connect(self.build_preview)
        self.print_button.clicked.connect(self.print_packet)
        self.save_button.clicked.connect(lambda: self.save(accessible=False))
        self.accessible_button.clicked.connect(lambda: self.save(accessible=True))
        self.open_button.clicked.connect(self.open_in_viewer)

        left = QVBoxLayout()
        left.addWidget(sections)
        left.addLayout(options)
        left.addWidget(QLabel("<b>Left out of the public version</b>"))
        left.addWidget(self.withheld)
        for button in (self.preview_button, self.print_button, self.save_button, self.accessible_button,
                       self.open_button):  # fmt: skip
            left.addWidget(button)
        left.addWidget(self.status)
        left.addStretch(1)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        self.view = PdfPreview(self, placeholder="Press Preview to see the packet as it will print.")
        self.printer: QPrinter | None = None
        layout.addWidget(self.view, 3)

    # --- options --------------------------------------------------------------------------------------------

    def chosen_sections(self) -> list[str]:
        return [name for name, box in self.section_boxes.items() if box.isChecked()]

    def options(self) -> dict[str, Any]:
        return {
            "audience": self.audience.currentData(),
            "sections": self.chosen_sections(),
            "paper": self.paper.currentData(),
            "large_print": self.large_print.isChecked(),
        }

    # --- jobs -----------------------------------------------------------------------------------------------

    def _job(self, title: str, target: Path, *, accessible: bool, done: Callable[[DocumentResult], None]) -> None:
        if not self.chosen_sections():
            QMessageBox.information(self, "Packet", "Choose at least one section to print.")
            return
        options = self.options()
        documents = self.workspace.services.documents

        def work(progress: Progress, is_cancelled: Callable[[], bool]) -> DocumentResult:
            progress(0, None, "Gathering the agenda, minutes and actions")
            built = documents.packet(meeting_id=self.meeting_id, audience=options["audience"],
                                     section_names=options["sections"])  # fmt: skip

            def step(done_count: int, total: int, text: str) -> None:
                if is_cancelled():
                    raise JobCancelled()
                progress(done_count, total, text)

            if is_cancelled():
                raise JobCancelled()
            return documents.write(built, target=target, paper=options["paper"], large_print=options["large_print"],
                                   accessible=accessible, progress=step)  # fmt: skip

        self._set_busy(True)
        self.job = run_job(
            self,
            title,
            work,
            lambda result: (self._set_busy(False), done(result)),
            self._failed,
            on_cancelled=lambda: (self._set_busy(False), self.status.setText("Stopped; nothing was saved.")),
        )

    def _set_busy(self, busy: bool) -> None:
        for button in (self.preview_button, self.save_button, self.accessible_button, self.print_button):
            button.setEnabled(not busy and (button in (self.preview_button, self.accessible_button, self.save_button)
                                            or self.preview_path is not None))  # fmt: skip

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.status.setText(user_message(error))

    def build_preview(self) -> None:
        target = Path(self._folder.name) / "preview.pdf"
        self._job("Building the packet", target, accessible=False, done=self._previewed)

    def _previewed(self, result: DocumentResult) -> None:
        self.preview_path = result.path
        lines = result.withheld.lines()
        if self.audience.currentData() == "internal":
            self.withheld.setText("Nothing: this internal version includes contact details. Do not post it.")
        else:
            self.withheld.setText("\n".join(lines) if lines else "Nothing private was found to leave out.")
        self.status.setText(f"Preview ready: {result.pages} pages.")
        self.view.load(result.path)
        for button in (self.print_button, self.save_button, self.open_button):
            button.setEnabled(True)
        self.built.emit(result)

    def save(self, *, accessible: bool) -> None:
        caption = "Save accessible PDF for the website" if accessible else "Save packet as PDF"
        name, _ = QFileDialog.getSaveFileName(self, caption, "meeting-packet.pdf", "PDF files (*.pdf)")
        if not name:
            return
        target = Path(name)
        self._job(caption, target, accessible=accessible, done=self._saved)

    def _saved(self, result: DocumentResult) -> None:
        self.status.setText(f"Saved {result.path.name} ({result.pages} pages).")

    def open_in_viewer(self) -> None:
        if self.preview_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.preview_path)))

    def print_packet(self) -> None:
        if self.preview_path is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName("Meeting packet")
        if QPrintDialog(printer, self).exec() != QPrintDialog.DialogCode.Accepted:
            return
        self.printer = printer  # kept alive until the job is over
        source = self.preview_path
        dpi = min(printer.resolution(), PRINT_DPI_CAP)

        def work(progress: Progress, is_cancelled: Callable[[], bool]) -> int:
            # Qt allows painting a QPrinter off the GUI thread; one page is in memory at a time.
            with PdfPages(source) as pages:
                painter = QPainter()
                if not painter.begin(printer):
                    raise OSError("the printer could not be opened")
                try:
                    for index in range(pages.count):
                        if is_cancelled():
                            raise JobCancelled()
                        progress(index, pages.count, f"Printing page {index + 1} of {pages.count}")
                        if index:
                            printer.newPage()
                        image = page_image(pages.render(index, dpi=dpi))
                        area = painter.viewport()
                        fitted = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                        target = QRect(area.x() + (area.width() - fitted.width()) // 2,
                                       area.y() + (area.height() - fitted.height()) // 2,
                                       fitted.width(), fitted.height())  # fmt: skip
                        painter.drawImage(target, image)
                finally:
                    painter.end()
                return pages.count

        self.print_button.setEnabled(False)
        self.job = run_job(self, "Printing the packet", work, self._printed, self._print_failed,
                           on_cancelled=self._print_cancelled)  # fmt: skip

    def _printed(self, count: int) -> None:
        self.print_button.setEnabled(True)
        self.status.setText(f"Sent {count} pages to the printer.")

    def _print_failed(self, error: BaseException) -> None:
        log.error("Printing the packet failed", exc_info=error)
        self.print_button.setEnabled(True)
        self.status.setText("The packet could not be printed. Check the printer and try again.")

    def _print_cancelled(self) -> None:
        self.print_button.setEnabled(True)
        self.status.setText("Printing stopped; pages already sent may still print.")

    def closeEvent(self, event: Any) -> None:
        self.view.clear()  # PDFium holds the preview file open, and Windows cannot delete an open file
        self._folder.cleanup()
        super().closeEvent(event)
