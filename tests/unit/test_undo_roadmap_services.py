"""Each roadmap edit's inverse as a service call: do → undo gives back the database and the statuses as they were."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import inspect, text

from equitydesk.db.engine import open_database
from equitydesk.services.context import ServiceContext
from equitydesk.services.registry import Services

# The change log keeps the undo as one more entry; updated_at moves on with every write. The status history
# (status_update) is compared too, but without the rows the recomputation writes when a computed status changes:
# that history keeps the record ("went off track, then back"), as the change log does.
NOT_COMPARED_TABLES = {"change_log", "alembic_version"}
NOT_COMPARED_COLUMNS = {"updated_at"}


@pytest.fixture
def svc(tmp_path):
    db = open_database(tmp_path / "undo.sqlite")
    yield Services.build(ServiceContext(db.sessions, actor="test", today=lambda: date(2026, 6, 15)))
    db.dispose()


def state(svc: Services) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but the change log (and the computed status history rows), by id."""
    with svc.ctx.sessions() as session:
        bind = session.get_bind()
        dump: dict[str, list[tuple[Any, ...]]] = {}
        for table in sorted(set(inspect(bind).get_table_names()) - NOT_COMPARED_TABLES):
            kept = [c["name"] for c in inspect(bind).get_columns(table) if c["name"] not in NOT_COMPARED_COLUMNS]
            quoted = ", ".join(f'"{c}"' for c in kept)
            where = " WHERE source = 'person'" if table == "status_update" else ""
            dump[table] = [tuple(r) for r in session.execute(text(f'SELECT {quoted} FROM "{table}"{where} ORDER BY 1'))]
        return dump


def statuses(svc: Services, plan_id: int) -> list[tuple[Any, ...]]:
    return [(n.kind, n.id, n.code, n.title, n.status, n.reason, n.overridden)
            for n in svc.roadmap_status.plan_status(plan_id=plan_id).nodes]  # fmt: skip


@pytest.fixture
def plan(svc: Services) -> dict[str, int]:
    made = svc.plans.create_from_template(template="ai_plan", name="A&I 2025–2028")
    nodes = svc.roadmap_status.plan_status(plan_id=made.id).nodes
    (gap,) = [n for n in nodes if n.kind == "indicator" and "Gap" in n.title]
    svc.roadmap.edit(node_kind="indicator", node_id=gap.id, baseline_value=32, baseline_on="2025-06-01",
                     target_value=20, target_on="2028-06-01")  # fmt: skip
    for on, value, series in [("2025-06-01", 38, "group"), ("2025-06-01", 70, "comparison"),
                              ("2026-06-01", 45, "group"), ("2026-06-01", 71, "comparison")]:  # fmt: skip
        svc.roadmap.add_measurement(indicator_id=gap.id, measured_on=on, value=value, series=series)
    goal = svc.roadmap_status.plan_status(plan_id=made.id).node("goal", gap.parent_id or 0)
    strategies = [n.id for n in nodes if n.kind == "strategy"]
    # An action serving the strategy: removing the strategy sets its strategy_id to null; undo sets it back.
    svc.actions.create(committee_id=svc.committees.create(name="A&I").id, title="Tutoring", strategy_id=goal.parent_id)
    return {"plan": made.id, "gap": gap.id, "goal": goal.id, "strategy": goal.parent_id or 0, "last": strategies[-1]}


def round_trip(svc: Services, plan_id: int, do: Callable[[], Any], undo: Callable[[Any], Any],
               redo: Callable[[Any], Any]) -> None:  # fmt: skip
    """do → undo equals before (rows and statuses); redo equals after; undo again equals before again."""
    before, shown_before = state(svc), statuses(svc, plan_id)
    result = do()
    after, shown_after = state(svc), statuses(svc, plan_id)
    assert after != before or shown_after != shown_before  # the edit changed something
    undone = undo(result)
    assert state(svc) == before and statuses(svc, plan_id) == shown_before
    result = redo(undone)
    assert state(svc) == after and statuses(svc, plan_id) == shown_after
    undo(result)
    assert state(svc) == before and statuses(svc, plan_id) == shown_before


def test_adding_a_measurement_undoes_and_the_status_and_reason_return(svc: Services, plan: dict[str, int]) -> None:
    road = svc.roadmap
    round_trip(svc, plan["plan"],
               lambda: road.add_measurement(indicator_id=plan["gap"], measured_on="2026-06-02", value=79,
                                            series="comparison"),
               lambda r: road.remove_returning(node_kind="measurement", node_id=r.id),
               lambda removed: road.restore(removed=removed))  # fmt: skip


def test_editing_and_removing_a_measurement(svc: Services, plan: dict[str, int]) -> None:
    road = svc.roadmap
    last = road.measurements(indicator_id=plan["gap"])[-1]
    edit = road.edit_measurement_returning
    round_trip(svc, plan["plan"], lambda: edit(measurement_id=last.id, value=79),
               lambda e: edit(measurement_id=last.id, **e.before),
               lambda e: edit(measurement_id=last.id, **e.before))  # fmt: skip
    round_trip(svc, plan["plan"], lambda: road.remove_returning(node_kind="measurement", node_id=last.id),
               lambda removed: road.restore(removed=removed),
               lambda removed: road.remove_returning(node_kind="measurement", node_id=removed.node_id))  # fmt: skip


def test_editing_an_indicator_gives_back_its_values(svc: Services, plan: dict[str, int]) -> None:
    edit = svc.roadmap.edit_returning
    gap = plan["gap"]
    round_trip(svc, plan["plan"], lambda: edit(node_kind="indicator", node_id=gap, target_value=5, name="Gap!"),
               lambda e: edit(node_kind="indicator", node_id=gap, **e.before),
               lambda e: edit(node_kind="indicator", node_id=gap, **e.before))  # fmt: skip


@pytest.mark.parametrize("kind", ["strategy", "goal", "indicator"])
def test_removing_a_node_with_everything_under_it_puts_it_all_back(
    svc: Services, plan: dict[str, int], kind: str
) -> None:
    road = svc.roadmap
    node_id = plan["gap"] if kind == "indicator" else plan[kind]
    round_trip(svc, plan["plan"], lambda: road.remove_returning(node_kind=kind, node_id=node_id),
               lambda removed: road.restore(removed=removed),
               lambda removed: road.remove_returning(node_kind=kind, node_id=removed.node_id))  # fmt: skip


def test_adding_a_goal_undoes(svc: Services, plan: dict[str, int]) -> None:
    road = svc.roadmap
    round_trip(svc, plan["plan"], lambda: road.add_goal(strategy_id=plan["strategy"], statement="More"),
               lambda r: road.remove_returning(node_kind="goal", node_id=r.id),
               lambda removed: road.restore(removed=removed))  # fmt: skip


def test_moving_undoes_by_the_offset_it_really_moved(svc: Services, plan: dict[str, int]) -> None:
    road = svc.roadmap
    move = road.move
    assert move(node_kind="strategy", node_id=plan["last"], offset=1) == 0  # already last: nothing to take back
    round_trip(svc, plan["plan"], lambda: move(node_kind="strategy", node_id=plan["last"], offset=-1),
               lambda moved: move(node_kind="strategy", node_id=plan["last"], offset=-moved),
               lambda moved: move(node_kind="strategy", node_id=plan["last"], offset=-moved))  # fmt: skip


def test_annual_steps_go_back_to_what_they_were(svc: Services, plan: dict[str, int]) -> None:
    road, gap = svc.roadmap, plan["gap"]
    road.set_steps(indicator_id=gap, steps=[("2026-06-30", 30)])

    def steps() -> list[tuple[Any, ...]]:
        return [(s.on, s.value) for s in road.steps(indicator_id=gap)]

    shown = statuses(svc, plan["plan"])
    before = road.set_steps_returning(indicator_id=gap, steps=[("2026-06-30", 20), ("2027-06-30", 25)])
    after = road.set_steps_returning(indicator_id=gap, steps=before)  # the undo
    assert steps() == [(date(2026, 6, 30), 30.0)] and statuses(svc, plan["plan"]) == shown
    road.set_steps_returning(indicator_id=gap, steps=after)  # the redo
    assert steps() == [(date(2026, 6, 30), 20.0), (date(2027, 6, 30), 25.0)]


def test_a_status_set_by_hand_and_its_clearing_undo(svc: Services, plan: dict[str, int]) -> None:
    status = svc.roadmap_status
    gap = plan["gap"]
    round_trip(svc, plan["plan"],
               lambda: status.override_returning(kind="indicator", node_id=gap, status="at_risk", reason="Late data"),
               lambda r: status.take_back(update_id=r[1]), lambda row: status.put_back(row=row))  # fmt: skip
    status.override(kind="indicator", node_id=gap, status="at_risk", reason="Late data")
    round_trip(svc, plan["plan"], lambda: status.clear_override_returning(kind="indicator", node_id=gap),
               lambda r: status.take_back(update_id=r[1]), lambda row: status.put_back(row=row))  # fmt: skip
