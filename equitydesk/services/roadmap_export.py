"""A plan to a spreadsheet: the plan, its strategies, goals, indicators and milestones, and every measurement."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from equitydesk.db.tables import Measurement
from equitydesk.formats.plan_xlsx import SheetSpec, write_plan_xlsx
from equitydesk.services import roadmap_snapshot as snapshot
from equitydesk.services.context import ServiceContext


@dataclass(frozen=True)
class PlanExportResult:
    path: Path
    rows: dict[str, int]
    warnings: list[str]


class RoadmapExportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def export_xlsx(self, *, plan_id: int, target: Path) -> PlanExportResult:
        sheets = self.sheets(plan_id=plan_id)
        warnings = write_plan_xlsx(target, sheets, plan_name=str(sheets[0].rows[0][0]))
        return PlanExportResult(target, {s.title: len(s.rows) for s in sheets}, warnings)

    def sheets(self, *, plan_id: int) -> list[SheetSpec]:
        with self.ctx.sessions() as session:
            snap = snapshot.load(session, plan_id)
            status = snapshot.compute(snap, self.ctx.today())
            of = {(n.kind, n.id): n for n in status.nodes}
            p = snap.plan
            top = of[("plan", p.id)]
            plan = SheetSpec("Plan", ("Plan", "Kind", "From", "To", "Status", "Reason", "On track from", "At risk from",
                                      "Racially identifiable schools", "Collaborating districts", "Description"),
                             [(p.name, p.kind.label, p.period_start, p.period_end, top.status.label, top.reason,
                               p.on_track_threshold, p.at_risk_threshold, p.racially_identifiable_schools,
                               p.collaborating_districts, p.description)])  # fmt: skip
            strategies, goals, indicators, milestones, measurements = [], [], [], [], []
            names: dict[int, str] = {}
            for s in snap.strategies:
                n = of[("strategy", s.id)]
                strategies.append((s.code, s.title, s.lead, n.status.label, n.reason, s.description))
                for g in snap.goals.get(s.id, []):
                    n = of[("goal", g.id)]
                    goals.append((s.code, g.code, g.statement, g.goal_type.label, g.lead, n.status.label, n.reason))
                    for i in snap.indicators.get(g.id, []):
                        n = of[("indicator", i.id)]
                        names[i.id] = i.name
                        indicators.append((g.code, i.code, i.name, i.kind.label, i.unit_kind.label, i.unit,
                                           i.direction.label, i.student_group, i.comparison_group, i.baseline_value,
                                           i.baseline_on, i.target_value, i.target_on, n.status.label, n.reason,
                                           i.source))  # fmt: skip
                all_milestones = [*snap.milestones_of_strategy.get(s.id, [])]
                for g in snap.goals.get(s.id, []):
                    all_milestones += snap.milestones_of_goal.get(g.id, [])
                for m in all_milestones:
                    n = of[("milestone", m.id)]
                    milestones.append((s.code, m.title, m.due_on, m.done_on, n.status.label, n.reason, m.notes))
            codes = {i.id: i.code for items in snap.indicators.values() for i in items}
            groups = {i.id: (i.student_group, i.comparison_group) for items in snap.indicators.values() for i in items}
            rows = session.scalars(
                select(Measurement).where(Measurement.indicator_id.in_(list(names)))
                .order_by(Measurement.indicator_id, Measurement.measured_on, Measurement.series)
            )  # fmt: skip
            for row in rows:
                student, comparison = groups[row.indicator_id]
                group = {"group": student, "comparison": comparison}.get(row.series.value)
                measurements.append((codes[row.indicator_id], names[row.indicator_id], row.measured_on, row.value,
                                     group, row.source, row.note))  # fmt: skip
        return [
            plan,
            SheetSpec("Strategies", ("Code", "Strategy", "Lead", "Status", "Reason", "Description"), strategies),
            SheetSpec("Goals", ("Strategy", "Code", "Goal", "Goal type", "Lead", "Status", "Reason"), goals),
            SheetSpec(
                "Indicators",
                (
                    "Goal",
                    "Code",
                    "Indicator",
                    "Kind",
                    "Unit",
                    "Unit name",
                    "Better when it",
                    "Student group",
                    "Comparison group",
                    "Baseline",
                    "Baseline date",
                    "Target",
                    "Target date",
                    "Status",
                    "Reason",
                    "Source",
                ),
                indicators,
            ),
            SheetSpec("Milestones", ("Strategy", "Milestone", "Due", "Done", "Status", "Reason", "Notes"), milestones),
            SheetSpec(
                "Measurements",
                ("Indicator code", "Indicator", "Date", "Value", "Student group", "Source", "Note"),
                measurements,
            ),
        ]
