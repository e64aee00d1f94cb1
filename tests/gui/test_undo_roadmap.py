"""Undo story on the roadmap: a measurement that puts a gap on track is taken back from the Edit menu, then redone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox

from equitydesk.gui.commands import CommandId
from equitydesk.gui.pages.roadmap_page import RoadmapPage
from equitydesk.gui.roadmap.indicator_panel import IndicatorPanel
from tests.gui.waiting import wait_for_writes


def trigger(qtbot, window, command: CommandId) -> None:
    action = window.commands[command]
    assert action.isEnabled()
    action.trigger()
    wait_for_writes(qtbot)


def test_adding_a_measurement_is_undone_and_redone_from_the_edit_menu(qtbot, window, monkeypatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *_a: said.append(text))
    page = window.show_page(RoadmapPage)
    assert isinstance(page, RoadmapPage)
    dialog = page.new_plan(template="ai_plan")
    assert dialog is not None
    dialog.name.setText("A&I 2025–2028")
    dialog.accept()
    wait_for_writes(qtbot)
    (gap,) = [n for n in page.plan_status.nodes if n.kind == "indicator" and n.title.startswith("Gap")]
    assert page.select_node("indicator", gap.id)
    detail = page.detail
    for name, value in (("baseline_value", "32"), ("baseline_on", "2024-09-01"), ("target_value", "20"),
                        ("target_on", "2027-06-30")):  # fmt: skip
        detail.findChild(QLineEdit, f"field_{name}").setText(value)
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    entries = iter([
        {"measured_on": "2024-09-01", "value": "38", "series": "group"},
        {"measured_on": "2024-09-01", "value": "70", "series": "comparison"},
        {"measured_on": "2025-09-01", "value": "44", "series": "group"},
        {"measured_on": "2025-09-01", "value": "71", "series": "comparison"},  # 2025's gap can now be measured
    ])  # fmt: skip
    monkeypatch.setattr(IndicatorPanel, "_dialog", lambda self, initial=None: next(entries))
    panel = detail.indicator_panel
    for _ in range(3):
        qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
        wait_for_writes(qtbot)
    before = (panel.table.rowCount(), detail.status_label.text(), detail.reason_label.text())
    assert before[0] == 3 and before[2].startswith("Gap of 32.0 points on 2024-09-01")  # the year before

    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    after = (panel.table.rowCount(), detail.status_label.text(), detail.reason_label.text())
    assert after[:2] == (4, "<b>On track</b>") and after[2].startswith("Gap of 27.0 points on 2025-09-01")
    assert window.edit_menu.actions()[0].text() == "&Undo Add measurement"

    trigger(qtbot, window, CommandId.UNDO)
    assert (panel.table.rowCount(), detail.status_label.text(), detail.reason_label.text()) == before
    assert window.edit_menu.actions()[1].text() == "&Redo Add measurement"
    trigger(qtbot, window, CommandId.REDO)
    assert (panel.table.rowCount(), detail.status_label.text(), detail.reason_label.text()) == after
    assert not said


def test_a_new_plan_from_a_template_is_undone_and_redone_whole(qtbot, window, monkeypatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *_a: said.append(text))
    page = window.show_page(RoadmapPage)
    assert isinstance(page, RoadmapPage)
    dialog = page.new_plan(template="reimagine_minnesota")
    assert dialog is not None
    dialog.name.setText("Our roadmap")
    dialog.accept()
    wait_for_writes(qtbot)
    made = [(n.kind, n.id, n.code, n.title) for n in page.plan_status.nodes]
    assert page.plan_combo.currentText() == "Our roadmap" and len([m for m in made if m[0] == "strategy"]) == 9
    assert window.edit_menu.actions()[0].text() == "&Undo New plan “Our roadmap”"

    trigger(qtbot, window, CommandId.UNDO)
    assert page.plan_combo.findText("Our roadmap") == -1, "the plan is gone from the list"
    assert "Our roadmap" not in [p["name"] for p in window.services.plans.list().rows]
    trigger(qtbot, window, CommandId.REDO)
    assert page.plan_combo.findText("Our roadmap") >= 0
    plan_id = window.services.plans.id_by_name("Our roadmap")
    again = window.services.roadmap_status.plan_status(plan_id=plan_id).nodes
    assert [(n.kind, n.id, n.code, n.title) for n in again] == made, "back under the same ids, in the same order"
    assert not said
