"""Story: on the Roadmap page, the chair saves the A&I plan's progress report, internal and then accessible."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from equitydesk.gui.pages.roadmap_page import RoadmapPage


def test_save_progress_report_from_the_roadmap_page(qtbot, workspace, services, tmp_path: Path, monkeypatch) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *_a: warned.append(text))
    plan = services.plans.create_from_template(template="ai_plan", name="A&I 2025–2028")
    status = services.roadmap_status.plan_status(plan_id=plan.id)
    meeting = next(n for n in status.nodes if n.title.startswith("Year 1 progress presented"))
    services.milestones.update(meeting.id, due_on=date(2026, 2, 7))
    page = RoadmapPage()
    qtbot.addWidget(page)
    page.set_workspace(workspace)
    assert page.buttons["progress_report"].isEnabled() and page.plan_combo.currentData() == plan.id

    asked: list[str] = []

    def save_as(target: Path):
        def answer(_parent, _caption, suggested, _filter):
            asked.append(suggested)
            return str(target), "PDF files (*.pdf)"

        return answer

    internal = tmp_path / "internal"  # no suffix: the page adds .pdf
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as(internal))
    qtbot.mouseClick(page.buttons["progress_report"], Qt.MouseButton.LeftButton)
    dialog = page.progress_saver.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.audience.setCurrentIndex(dialog.audience.findData("internal"))
    dialog.accept()
    saver = page.progress_saver
    qtbot.waitUntil(lambda: saver.said.startswith("Saved"), timeout=60_000)
    written = internal.with_name("internal.pdf")
    assert saver.said.startswith("Saved the internal progress report (PDF, ") and str(written) in saver.said
    assert asked == ["A&I 2025–2028 progress report internal 2025-11-12.pdf"]
    text = " ".join(p.extract_text() for p in PdfReader(written).pages)
    assert "Do not post or forward" in text and "Post by Thursday, January 8, 2026" in text.replace("\n", " ")

    web = tmp_path / "web.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as(web))
    dialog = page.save_progress_report()
    assert dialog is not None
    dialog.accessible.setChecked(True)
    dialog.accept()
    qtbot.waitUntil(lambda: web.exists() and "PDF/UA-1" in saver.said, timeout=60_000)
    assert "/StructTreeRoot" in PdfReader(web).trailer["/Root"]
    assert warned == []

    # Cancel in the file dialog: nothing is written, nothing is said.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: ("", ""))
    before = sorted(p.name for p in tmp_path.iterdir())
    page.save_progress_report().accept()  # type: ignore[union-attr]
    assert sorted(p.name for p in tmp_path.iterdir()) == before and "PDF/UA-1" in saver.said
