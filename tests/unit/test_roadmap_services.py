"""The roadmap services over a real database: a plan from a template, measurements, statuses, overrides, history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from equitydesk.domain.enums import RagStatus, StatusSource
from equitydesk.services.errors import DomainError
from equitydesk.services.registry import Services


@pytest.fixture
def today() -> date:
    return date(2026, 6, 15)


def gap_indicator(services: Services) -> tuple[int, int]:
    plan = services.plans.create_from_template(template="ai_plan", name="A&I 2025–2028")
    status = services.roadmap_status.plan_status(plan_id=plan.id)
    (gap,) = [n for n in status.nodes if n.kind == "indicator" and "Gap" in n.title]
    services.roadmap.edit(node_kind="indicator", node_id=gap.id, baseline_value=32, baseline_on="2025-06-01",
                          target_value=20, target_on="2028-06-01")  # fmt: skip
    return plan.id, gap.id


def test_a_plan_from_the_ai_template_has_its_tree_and_dates(services: Services) -> None:
    plan = services.plans.create_from_template(template="Achievement and Integration plan", name="A&I")
    assert (plan.period_start, plan.period_end) == (date(2025, 7, 1), date(2028, 6, 30))
    assert plan.template == "ai_plan" and plan.on_track_threshold == 0.9 and plan.at_risk_threshold == 0.7
    status = services.roadmap_status.plan_status(plan_id=plan.id)
    kinds = [n.kind for n in status.nodes]
    assert kinds[0] == "plan" and kinds.count("strategy") == 4 and kinds.count("milestone") == 6
    assert [n.code for n in status.nodes if n.kind == "strategy"] == ["I", "II", "III", "R"]
    late = [n for n in status.nodes if n.kind == "milestone" and n.status is RagStatus.AT_RISK]
    assert [n.title for n in late] == ["Year 1 progress report posted (30 days before the public meeting)"]
    with pytest.raises(DomainError, match="no plan template named"):
        services.plans.create_from_template(template="nope", name="X")


def test_measurements_move_the_status_and_every_change_is_kept(services: Services) -> None:
    plan_id, gap = gap_indicator(services)
    add = services.roadmap.add_measurement
    add(indicator_id=gap, measured_on="2025-06-01", value=38, series="group")
    add(indicator_id=gap, measured_on="2025-06-01", value=70, series="comparison")
    add(indicator_id=gap, measured_on="2026-06-01", value=45, series="group")
    second = add(indicator_id=gap, measured_on="2026-06-01", value=71, series="comparison")
    node = services.roadmap_status.plan_status(plan_id=plan_id).node("indicator", gap)
    assert node.status is RagStatus.ON_TRACK and node.reason.startswith("Gap of 26.0 points on 2026-06-01")
    services.roadmap.edit_measurement(measurement_id=second.id, value=79)  # the comparison group pulled away
    status = services.roadmap_status.plan_status(plan_id=plan_id)
    node = status.node("indicator", gap)
    assert node.status is RagStatus.OFF_TRACK and "both groups rose" in node.reason and "gap widened" in node.reason
    goal = status.node(node.parent_kind or "", node.parent_id or 0)
    assert goal.status is RagStatus.OFF_TRACK and (goal.decided_by_kind, goal.decided_by_id) == ("indicator", gap)
    history = services.roadmap_status.history(kind="indicator", node_id=gap)
    assert [h.status for h in history] == [RagStatus.OFF_TRACK, RagStatus.ON_TRACK]
    assert all(h.source is StatusSource.RULE and h.reason for h in history)
    with pytest.raises(DomainError, match="already has a measurement on that date"):
        add(indicator_id=gap, measured_on="2026-06-01", value=1, series="group")


def test_an_override_needs_a_reason_is_kept_and_can_be_cleared(services: Services) -> None:
    plan_id, gap = gap_indicator(services)
    with pytest.raises(DomainError, match="Say why"):
        services.roadmap_status.override(kind="indicator", node_id=gap, status="off_track", reason="  ")
    node = services.roadmap_status.override(kind="indicator", node_id=gap, status="off_track",
                                            reason="The spring results are not in yet.")  # fmt: skip
    assert node.status is RagStatus.OFF_TRACK and node.overridden and node.rule_status is RagStatus.NO_DATA
    assert node.reason.startswith("Set by hand by tester on 2026-06-15: The spring results are not in yet.")
    parent = services.roadmap_status.plan_status(plan_id=plan_id).node("goal", node.parent_id or 0)
    assert parent.status is RagStatus.OFF_TRACK, "a parent rolls up the status a person set"
    cleared = services.roadmap_status.clear_override(kind="indicator", node_id=gap)
    assert cleared.status is RagStatus.NO_DATA and not cleared.overridden
    history = services.roadmap_status.history(kind="indicator", node_id=gap)
    assert [(h.source, h.is_override, h.set_by) for h in history] == [
        (StatusSource.PERSON, False, "tester"), (StatusSource.PERSON, True, "tester")]  # fmt: skip


def test_annual_steps_thresholds_and_the_summary(services: Services) -> None:
    plan_id, gap = gap_indicator(services)
    services.roadmap.add_measurement(indicator_id=gap, measured_on="2026-06-01", value=31.5)  # the gap as one number
    assert services.roadmap_status.plan_status(plan_id=plan_id).node("indicator", gap).status is RagStatus.OFF_TRACK
    services.roadmap.set_steps(indicator_id=gap, steps=[(date(2026, 6, 1), 31.5), (date(2027, 6, 1), 27.0)])
    node = services.roadmap_status.plan_status(plan_id=plan_id).node("indicator", gap)
    assert node.status is RagStatus.ON_TRACK and "on the annual steps" in node.reason
    services.roadmap.set_steps(indicator_id=gap, steps=[])
    status = services.roadmap.set_thresholds(plan_id=plan_id, on_track=0.2, at_risk=0.1)  # 12 % of expected
    assert status.node("indicator", gap).status is RagStatus.AT_RISK and "at least 20%" in status.thresholds_text
    with pytest.raises(DomainError, match="at most the on-track threshold"):
        services.roadmap.set_thresholds(plan_id=plan_id, on_track=0.5, at_risk=0.6)
    summary = services.roadmap_status.summary(plan_id=plan_id)
    assert summary.strategies == 4 and summary.count(RagStatus.AT_RISK) == 2


def test_tree_editing_codes_order_and_removal(services: Services) -> None:
    plan = services.plans.create_from_template(template="blank", name="Ours")
    a = services.roadmap.add_strategy(plan_id=plan.id, title="First")
    b = services.roadmap.add_strategy(plan_id=plan.id, title="Second")
    goal = services.roadmap.add_goal(strategy_id=b.id, statement="A goal")
    indicator = services.roadmap.add_indicator(goal_id=goal.id, name="Share", student_group="Black students",
                                               comparison_group="White students")  # fmt: skip
    assert (a.code, b.code, goal.code, indicator.code) == ("A", "B", "B.1", "B.1.1")  # type: ignore[attr-defined]
    assert indicator.kind.value == "gap"  # type: ignore[attr-defined]
    services.roadmap.move(node_kind="strategy", node_id=b.id, offset=-1)
    nodes = services.roadmap_status.plan_status(plan_id=plan.id).nodes
    assert [n.title for n in nodes if n.kind == "strategy"] == ["Second", "First"]
    services.roadmap.remove(node_kind="strategy", node_id=b.id)
    assert [n.kind for n in services.roadmap_status.plan_status(plan_id=plan.id).nodes] == ["plan", "strategy"]


def test_the_plan_workbook_has_a_sheet_per_level_and_text_stays_text(services: Services, tmp_path: Path) -> None:
    plan_id, gap = gap_indicator(services)
    services.roadmap.add_measurement(indicator_id=gap, measured_on="2026-06-01", value=44, series="group",
                                     note="=HYPERLINK(\"http://x\")")  # fmt: skip
    target = tmp_path / "plan.xlsx"
    result = services.roadmap_export.export_xlsx(plan_id=plan_id, target=target)
    book = load_workbook(target)
    assert book.sheetnames == ["Plan", "Strategies", "Goals", "Indicators", "Milestones", "Measurements"]
    assert result.rows["Measurements"] == 1
    row = [c.value for c in book["Measurements"][2]]
    assert row[:5] == ["II.1.1", "Gap in reading proficiency", row[2], 44, "Black students"]
    note = book["Measurements"].cell(row=2, column=7)
    assert note.value == '=HYPERLINK("http://x")' and note.data_type == "s"


def test_taking_back_a_new_plan_removes_all_it_was_given_and_restore_puts_it_back(services: Services) -> None:
    plan_id, gap = gap_indicator(services)
    services.roadmap.add_measurement(indicator_id=gap, measured_on="2026-06-01", value=31.5)
    strategy = next(n for n in services.roadmap_status.plan_status(plan_id=plan_id).nodes if n.kind == "strategy")
    committee = services.committees.create(name="EAC")
    action = services.actions.create(committee_id=committee.id, title="Serves the plan", strategy_id=strategy.id)
    before = services.roadmap_status.plan_status(plan_id=plan_id).nodes
    history = services.roadmap_status.history(kind="indicator", node_id=gap)

    removed = services.roadmap.remove_plan_returning(plan_id=plan_id)
    with pytest.raises(DomainError):
        services.plans.id_by_name("A&I 2025–2028")
    assert services.actions.get(action.id).strategy_id is None, "the action item stays, unlinked"

    services.roadmap.restore(removed=removed)
    assert services.roadmap_status.plan_status(plan_id=plan_id).nodes == before
    assert services.roadmap_status.history(kind="indicator", node_id=gap) == history
    assert services.actions.get(action.id).strategy_id == strategy.id, "the link comes back with the plan"


def test_the_strategy_list_shows_the_status_in_force_as_the_rules_read_the_history(services: Services) -> None:
    plan_id, gap = gap_indicator(services)
    nodes = services.roadmap_status.plan_status(plan_id=plan_id)
    strategy = nodes.node("indicator", gap).parent_id
    strategy = nodes.node("goal", strategy).parent_id  # indicator → goal → strategy

    def listed() -> str:
        rows = services.strategies.list(limit=100).rows
        return str(next(RagStatus(r["status"]) for r in rows if r["id"] == strategy).value)

    def computed() -> str:
        return services.roadmap_status.plan_status(plan_id=plan_id).node("strategy", strategy).status.value

    services.roadmap_status.override(kind="strategy", node_id=strategy, status="on_track", reason="Board agreed.")
    services.roadmap.add_measurement(indicator_id=gap, measured_on="2026-06-01", value=40)  # widening: off track
    assert listed() == computed() == "on_track", "a newer rule entry does not hide the override in force"
    services.roadmap_status.clear_override(kind="strategy", node_id=strategy, reason="Back to the data.")
    assert listed() == computed() != "on_track"
