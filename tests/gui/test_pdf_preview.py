"""The Packet tab's own preview (PDFium, no QtPdf) and Print: pages shown and paged, every page printed."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter

from equitydesk.gui.meeting import packet_tab as packet_module
from equitydesk.gui.meeting.packet_tab import PacketTab
from equitydesk.gui.workspace import Workspace

SHOTS = Path("/tmp/shots-preview")


@pytest.fixture
def tab(qtbot, workspace: Workspace, committee) -> PacketTab:
    widget = PacketTab(workspace, committee.meetings[0])
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    return widget


def previewed(qtbot, tab: PacketTab) -> int:
    qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Preview ready" in tab.status.text(), timeout=30_000)
    assert tab.preview_path is not None
    pages = len(PdfReader(tab.preview_path).pages)
    qtbot.waitUntil(lambda: tab.view.page_label.text() == f"Page 1 of {pages}", timeout=10_000)
    return pages


def test_preview_shows_the_pages_and_pages_through_them(qtbot, tab: PacketTab) -> None:
    assert tab.view.page_count == 0
    pages = previewed(qtbot, tab)
    assert pages > 1 and tab.view.page_count == pages
    first = tab.view._labels[0].pixmap()
    assert not first.isNull() and first.width() > 300
    labels = tab.view._labels
    assert all(below.y() >= above.y() + above.height() for above, below in pairwise(labels))
    assert len(tab.view._rendered) < pages  # only the pages in view (and the next) were drawn
    image = first.toImage()
    assert any(image.pixelColor(x, y).lightness() < 128 for x in range(0, image.width(), 4)
               for y in range(0, image.height(), 4))  # fmt: skip
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: tab.view.page_label.text() == f"Page 2 of {pages}", timeout=5_000)
    assert not tab.view._labels[1].pixmap().isNull()
    qtbot.keyClick(tab.view, Qt.Key.Key_PageUp)
    qtbot.waitUntil(lambda: tab.view.page_label.text() == f"Page 1 of {pages}", timeout=5_000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.grab().save(str(SHOTS / "packet-tab-preview.png"))


def test_zoom_changes_the_page_size_and_fit_width_fills_the_view(qtbot, tab: PacketTab) -> None:
    previewed(qtbot, tab)
    fitted = tab.view._labels[0].width()
    room = tab.view.scroll.viewport().width()
    assert room * 0.8 < fitted <= room
    tab.view.zoom_out_button.click()
    assert tab.view._labels[0].width() < fitted
    tab.view.zoom_in_button.click()
    tab.view.zoom_in_button.click()
    assert tab.view._labels[0].width() > tab.view.zoom * 600  # 8.5 in at 96 dpi is 816 px at zoom 1
    tab.view.fit_button.click()
    assert tab.view._labels[0].width() == fitted


def test_print_sends_every_page_to_the_printer(qtbot, tab: PacketTab, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    target = tmp_path / "printed.pdf"
    shown: list[QPrinter] = []

    class AcceptingDialog:  # the user picks "print to file" and presses Print
        DialogCode = QPrintDialog.DialogCode

        def __init__(self, printer: QPrinter, parent: object = None) -> None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(target))
            shown.append(printer)

        def exec(self) -> QPrintDialog.DialogCode:
            return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(packet_module, "QPrintDialog", AcceptingDialog)
    pages = previewed(qtbot, tab)
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Sent" in tab.status.text(), timeout=60_000)
    assert shown and tab.status.text() == f"Sent {pages} pages to the printer."
    printed = PdfReader(target)
    assert len(printed.pages) == pages
    assert all(page.images for page in printed.pages)  # each printer page carries its rendered PDF page


def test_print_cancelled_in_the_dialog_prints_nothing(qtbot, tab: PacketTab, monkeypatch: pytest.MonkeyPatch) -> None:
    class RefusingDialog:
        DialogCode = QPrintDialog.DialogCode

        def __init__(self, printer: QPrinter, parent: object = None) -> None:
            pass

        def exec(self) -> QPrintDialog.DialogCode:
            return QPrintDialog.DialogCode.Rejected

    monkeypatch.setattr(packet_module, "QPrintDialog", RefusingDialog)
    previewed(qtbot, tab)
    status = tab.status.text()
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    assert tab.status.text() == status and tab.print_button.isEnabled()
