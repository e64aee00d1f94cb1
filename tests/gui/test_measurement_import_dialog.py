"""Story: a sheet of measurements imported from the Roadmap page changes an indicator's status and reason; Ctrl+Z
takes the whole import back, Ctrl+Shift+Z makes it again, and Roster › Undo an import… says it in measurements."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from equitydesk.gui.commands import CommandId
from equitydesk.gui.pages.roadmap_page import RoadmapPage
from equitydesk.gui.roster_import.undo_dialog import UndoImportDialog
from equitydesk.gui.workspace import Change
from equitydesk.services.registry import Services
from tests.gui.waiting import wait_for_writes


def reading_plan(services: Services) -> tuple[int, int]:
    """A plan whose reading indicator (40 % in June 2024 → 60 % by June 2027) is on track at 47 % in June 2025."""
    plan = services.plans.create_from_template(template="blank", name="Reading plan")
    strategy = services.roadmap.add_strategy(plan_id=plan.id, title="Literacy")
    goal = services.roadmap.add_goal(strategy_id=strategy.id, statement="Every child reads")
    reading = services.roadmap.add_indicator(
        goal_id=goal.id, name="Reading proficiency", code="R1", unit_kind="percent", baseline_value=40,
        baseline_on=date(2024, 6, 1), target_value=60, target_on=date(2027, 6, 1),
    )  # fmt: skip
    services.roadmap.add_measurement(indicator_id=reading.id, measured_on="2025-06-01", value=47, source="MCA")
    return plan.id, reading.id


def scores(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Spring 2025"
    ws.append(["Reading results, corrected"])
    ws.append(["Indicator", "Date", "Value", "Source", "Citizenship"])
    ws.append(["R1", date(2025, 6, 1), "41%", "MCA (corrected)", "ZQX"])
    ws.append(["Reading proficiency", date(2024, 12, 1), 44, None, "ZQX"])
    ws.append(["Math proficiency", date(2025, 6, 1), 30, None, None])
    wb.save(path)
    return path


def trigger(qtbot, window, command: CommandId) -> None:
    action = window.commands[command]
    assert action.isEnabled()
    action.trigger()
    wait_for_writes(qtbot)


def test_import_from_the_roadmap_page_then_undo_and_redo(qtbot, window, tmp_path, monkeypatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *_a: said.append(text))
    services = window.workspace.services
    plan_id, reading = reading_plan(services)
    page = window.show_page(RoadmapPage)
    assert isinstance(page, RoadmapPage)
    window.workspace.notify(Change.PLANS)  # written behind the window's back: tell it, as a write would
    page.plan_combo.setCurrentIndex(page.plan_combo.findData(plan_id))
    assert page.select_node("indicator", reading)
    detail = page.detail
    chart = detail.indicator_panel.description
    before = (detail.status_label.text(), detail.reason_label.text(), chart.text())
    assert before[0] == "<b>On track</b>" and before[1].startswith("47.0 % on 2025-06-01") and "47 %" in before[2]
    assert page.buttons["import_measurements"].isEnabled()

    dialog = page.import_measurements(scores(tmp_path / "scores.xlsx"))
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    assert dialog.plans.currentText() == "Reading plan"
    table = dialog.table
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    assert rows[0] == ["3", "R1 Reading proficiency", "Jun 1, 2025", "", "41%",
                       "Update: value 47 → 41; source MCA → MCA (corrected)"]  # fmt: skip
    assert rows[1][-1] == "New" and rows[2][-1].startswith("Skipped: No indicator of the plan “Reading plan”")
    assert "1 new, 1 updated, 0 unchanged, 1 skipped" in dialog.summary.text()
    problems = dialog.problems.toPlainText()
    assert "scores.xlsx, sheet “Spring 2025”, row 5, column A (Indicator): No indicator" in problems
    assert "Column E “Citizenship” was left out without reading it" in problems and "ZQX" not in problems
    assert dialog.import_button.text() == "Import 2 measurements"

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    after = (detail.status_label.text(), detail.reason_label.text(), chart.text())
    assert after[0] == "<b>Off track</b>" and after[1].startswith("41.0 % on 2025-06-01")
    assert "44 %" in after[2] and "41 %" in after[2], "the chart's description follows the new values"
    assert window.edit_menu.actions()[0].text() == "&Undo Import measurements from scores.xlsx"
    assert [m.value for m in services.roadmap.measurements(indicator_id=reading)] == [44.0, 41.0]

    trigger(qtbot, window, CommandId.UNDO)
    assert (detail.status_label.text(), detail.reason_label.text(), chart.text()) == before
    assert [(m.value, m.source) for m in services.roadmap.measurements(indicator_id=reading)] == [(47.0, "MCA")]
    trigger(qtbot, window, CommandId.REDO)
    assert (detail.status_label.text(), detail.reason_label.text(), chart.text()) == after

    # The redone import is a batch like any other: Roster › Undo an import… takes it back, in measurements' words.
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    undo = UndoImportDialog(window.workspace, window)
    qtbot.addWidget(undo)
    newest = undo.batches[0]
    undo.select_batch(newest.id)
    qtbot.mouseClick(undo.undo_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    assert undo.note.text() == (f"Import {newest.id} undone: 1 measurement removed, the earlier values of 1 "
                                "measurement put back.")  # fmt: skip
    assert (detail.status_label.text(), detail.reason_label.text(), chart.text()) == before
    assert said == []


def test_a_file_without_measurements_is_refused_in_the_dialog(qtbot, workspace, services, tmp_path) -> None:
    from equitydesk.gui.dialogs.measurement_import_dialog import MeasurementImportDialog

    plan_id, _reading = reading_plan(services)
    path = tmp_path / "roster.csv"
    path.write_text("Name,Email\nMai Vang,mai@example.org\n", encoding="utf-8")
    dialog = MeasurementImportDialog(workspace, path, plan_id=plan_id)
    qtbot.addWidget(dialog)
    dialog.read()
    wait_for_writes(qtbot)
    assert dialog.summary.text() == (
        "I could not find the column headings in roster.csv. Put a row of headings such as Indicator, Date, Value "
        "and Student group above the measurements, and try again."
    )
    assert not dialog.import_button.isEnabled() and dialog.plan is None
