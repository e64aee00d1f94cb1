"""Story: on the Roadmap page, the chair exports the chosen plan to Excel; Cancel writes nothing."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from equitydesk.gui.pages.roadmap_page import RoadmapPage


def test_export_the_plan_from_the_roadmap_page(qtbot, workspace, services, tmp_path: Path, monkeypatch) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *_a: warned.append(text))
    plan = services.plans.create_from_template(template="ai_plan", name="A&I 2025–2028")
    page = RoadmapPage()
    qtbot.addWidget(page)
    page.set_workspace(workspace)
    page.plan_combo.setCurrentIndex(page.plan_combo.findData(plan.id))
    assert page.buttons["export_plan"].isEnabled()

    asked: list[str] = []

    def cancel(_parent, _caption, suggested, _filter):
        asked.append(suggested)
        return "", ""

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", cancel)
    qtbot.mouseClick(page.buttons["export_plan"], Qt.MouseButton.LeftButton)
    assert list(out.iterdir()) == [] and page.plan_exporter.job is None, "Cancel writes nothing"

    target = out / "plan"  # no suffix: the page adds .xlsx
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), "Excel workbooks (*.xlsx)"))
    qtbot.mouseClick(page.buttons["export_plan"], Qt.MouseButton.LeftButton)
    exporter = page.plan_exporter
    qtbot.waitUntil(lambda: exporter.said.startswith("Exported"), timeout=30_000)
    written = out / "plan.xlsx"
    assert asked and asked[0].startswith("A&I 2025–2028 ") and asked[0].endswith(".xlsx")
    assert str(written) in exporter.said and "4 strategies" in exporter.said
    book = load_workbook(written, read_only=True)
    assert book.sheetnames == ["Plan", "Strategies", "Goals", "Indicators", "Milestones", "Measurements"]
    assert [r[1] for r in book["Strategies"].iter_rows(min_row=2, values_only=True)][:1] == [
        "Racial and economic integration"
    ]
    assert not warned
