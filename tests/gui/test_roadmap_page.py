"""Roadmap story: a plan from the A&I template, a gap indicator's measurements, and the status, reason and chart."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox

from equitydesk.gui.pages.roadmap_page import RoadmapPage
from equitydesk.gui.roadmap.indicator_panel import IndicatorPanel
from tests.gui.waiting import wait_for_writes


def refusals(monkeypatch) -> list[str]:
    """What a failed write would have said in a message box (recorded, so that a failure cannot hang the story)."""
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *_a: said.append(text))
    return said


def test_a_plan_from_the_ai_template_tracks_a_gap(qtbot, workspace, services, monkeypatch) -> None:
    said = refusals(monkeypatch)
    page = RoadmapPage()
    qtbot.addWidget(page)
    page.set_workspace(workspace)
    page.resize(1200, 800)
    page.show()
    assert page.plan_combo.count() == 0 and page.tree.topLevelItemCount() == 0

    dialog = page.new_plan(template="ai_plan")
    assert dialog is not None
    dialog.name.setText("A&I 2025–2028")
    dialog.accept()
    wait_for_writes(qtbot)
    assert page.plan_combo.currentText() == "A&I 2025–2028"
    assert [page.tree.topLevelItem(0).child(i).text(0) for i in range(4)] == [
        "I  Racial and economic integration", "II  Reducing academic disparities",
        "III  Access to effective and diverse teachers", "R  Annual public progress report"]  # fmt: skip

    (gap,) = [n for n in page.plan_status.nodes if n.kind == "indicator" and n.title.startswith("Gap")]
    assert page.select_node("indicator", gap.id)
    detail = page.detail
    assert detail.status_label.text() == "<b>No data</b>" and "both groups" in detail.reason_label.text()
    assert "at least 90%" in detail.thresholds_label.text() and "at least 70%" in detail.thresholds_label.text()
    for name, value in (("baseline_value", "32"), ("baseline_on", "2024-09-01"), ("target_value", "20"),
                        ("target_on", "2027-06-30")):  # fmt: skip
        field = detail.findChild(QLineEdit, f"field_{name}")
        field.setText(value)
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    before = (detail.indicator_panel.svg, detail.indicator_panel.description.text())
    assert before[1] == "Gap in reading proficiency: no measurements yet; target 20 points by 2027."

    entries = iter([
        {"measured_on": "2024-09-01", "value": "38", "series": "group"},
        {"measured_on": "2024-09-01", "value": "70", "series": "comparison"},
        {"measured_on": "2025-09-01", "value": "44", "series": "group"},
        {"measured_on": "2025-09-01", "value": "71", "series": "comparison"},
    ])  # fmt: skip
    monkeypatch.setattr(IndicatorPanel, "_dialog", lambda self, initial=None: next(entries))
    for _ in range(4):
        qtbot.mouseClick(detail.indicator_panel.add_button, Qt.MouseButton.LeftButton)
        wait_for_writes(qtbot)
    panel = detail.indicator_panel
    assert panel.table.rowCount() == 4 and panel.table.item(0, 2).text() in ("Black students", "White students")
    assert detail.status_label.text() == "<b>On track</b>"
    assert detail.reason_label.text().startswith("Gap of 27.0 points on 2025-09-01 between Black students and White")
    description = panel.description.text()
    assert description == ("Gap in reading proficiency: Black students 38 % in 2024, 44 % in 2025; White students "
                           "70 % in 2024, 71 % in 2025; gap 32 points in 2024, 27 points in 2025; target 20 points "
                           "by 2027.")  # fmt: skip
    assert panel.svg != before[0] and "<svg" in panel.svg and panel.chart.renderer().isValid()
    assert panel.chart.toolTip() == description == panel.chart.accessibleDescription()

    # The roll-up names the child that decided it; the comparison group pulling away turns it off track.
    assert page.select_node("goal", gap.parent_id)
    assert "Gap in reading proficiency" in detail.decider.text()
    assert page.select_node("indicator", gap.id)
    panel.table.selectRow(2)  # by date, then comparison before group: 2025, White students
    monkeypatch.setattr(IndicatorPanel, "_dialog", lambda self, initial=None: {**(initial or {}), "value": "80"})
    panel.edit_selected()
    wait_for_writes(qtbot)
    assert detail.status_label.text() == "<b>Off track</b>" and "the gap widened" in detail.reason_label.text()
    assert services.roadmap_status.history(kind="indicator", node_id=gap.id)[0].status.value == "off_track"

    # Annual steps replace the straight line; a wrong date is refused in words and changes nothing.
    panel.steps.setText("2025-06-30 = 31")
    qtbot.mouseClick(panel.steps_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    assert "on the annual steps" in detail.reason_label.text() and panel.steps.text() == "2025-06-30 = 31"
    panel.steps.setText("June = 35")
    qtbot.mouseClick(panel.steps_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    assert said.pop() == "Annual step date: 'June' is not a date (write it as 2025-09-01)."
    assert [(s.on.isoformat(), s.value) for s in services.roadmap.steps(indicator_id=gap.id)] == [("2025-06-30", 31)]

    # An override needs its reason; then it shows, with what the rules say, and in the history.
    detail.override_status.setCurrentIndex(detail.override_status.findData("at_risk"))
    qtbot.keyClicks(detail.override_reason, "New tutoring started in January.")
    qtbot.mouseClick(detail.override_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    assert detail.status_label.text() == "<b>At risk</b> (set by hand)"
    assert "New tutoring started in January." in detail.reason_label.text()
    assert detail.history.item(0, 2).text() == "tester (by hand)"
    assert page.tree.currentItem().text(1) == "At risk ✎"
    assert said == []


def test_add_strategy_goal_and_indicator_from_the_buttons(qtbot, workspace, services, monkeypatch) -> None:
    said = refusals(monkeypatch)
    plan = services.plans.create_from_template(template="blank", name="Ours")
    page = RoadmapPage()
    qtbot.addWidget(page)
    page.set_workspace(workspace)
    assert page.plan_combo.currentData() == plan.id
    for button, kind in (("add_strategy", "strategy"), ("add_goal", "goal"), ("add_indicator", "indicator")):
        qtbot.mouseClick(page.buttons[button], Qt.MouseButton.LeftButton)
        wait_for_writes(qtbot)
        key: Any = page.current_key()
        assert key[0] == kind
    assert [n.code for n in services.roadmap_status.plan_status(plan_id=plan.id).nodes] == [None, "A", "A.1", "A.1.1"]
    assert said == []
