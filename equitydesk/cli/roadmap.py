"""Plan commands: the templates, a new plan from one, a plan's status node by node, and the plan as a spreadsheet."""

from __future__ import annotations

import argparse
from pathlib import Path

from equitydesk.cli.base import EXIT_OK, Command, CommandContext, UsageError, dump_json, format_table
from equitydesk.formats.errors import ExportError
from equitydesk.services.plan_templates import list_templates


class PlanTemplatesCommand(Command):
    name = "plan templates"
    help = "list the plan templates a new plan can start from"
    read_only = True

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--json", action="store_true", help="print a JSON array of objects, for scripts")

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        templates = list_templates()
        if args.json:
            ctx.echo(dump_json([{"name": t.name, "key": t.key, "kind": t.kind, "summary": t.summary, "years": t.years,
                                 **t.counts()} for t in templates]))  # fmt: skip
            return EXIT_OK
        rows = [[t.key, t.name, str(t.counts()["strategies"]), t.summary] for t in templates]
        ctx.echo(format_table(["Template", "Name", "Strategies", "What it holds"], rows, right=[2]))
        return EXIT_OK


class PlanNewCommand(Command):
    name = "plan new"
    help = "create a plan from a template (see `plan templates`)"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--template", required=True, help="the template's name or file name (e.g. ai_plan)")
        parser.add_argument("--name", required=True, help="the new plan's name")
        parser.add_argument("--committee", help="the committee that follows the plan")
        parser.add_argument("--json", action="store_true", help="print the new plan as JSON, for scripts")

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        services = ctx.services(create=True)
        committee_id = services.committees.id_by_name(args.committee) if args.committee else None
        plan = services.plans.create_from_template(template=args.template, name=args.name, committee_id=committee_id)
        counts = services.plans.fetch_rows([plan.id])[plan.id]
        if args.json:
            ctx.echo(dump_json({"id": plan.id, "name": plan.name, "kind": plan.kind, "template": plan.template,
                                "period_start": plan.period_start, "period_end": plan.period_end,
                                "strategies": counts["strategies"], "goals": counts["goals"],
                                "indicators": counts["indicators"]}))  # fmt: skip
        else:
            ctx.echo(f"Created the plan “{plan.name}” (number {plan.id}) with {counts['strategies']} strategies, "
                     f"{counts['goals']} goals and {counts['indicators']} indicators.")  # fmt: skip
        return EXIT_OK


class StatusCommand(Command):
    name = "status"
    help = "show a plan's status: every strategy, goal, indicator and milestone, with the reason in words"
    read_only = True

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--plan", required=True, help="the plan's name")
        parser.add_argument("--json", action="store_true", help="print a JSON object with every node, for scripts")

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        services = ctx.services()
        status = services.roadmap_status.plan_status(plan_id=services.plans.id_by_name(args.plan))
        if args.json:
            ctx.echo(dump_json({"plan": status.plan_name, "as_of": status.as_of, "thresholds": {
                "on_track": status.thresholds.on_track, "at_risk": status.thresholds.at_risk,
                "explained": status.thresholds_text}, "nodes": [n.as_json() for n in status.nodes]}))  # fmt: skip
            return EXIT_OK
        rows = [["  " * n.depth + (f"{n.code} " if n.code else "") + n.title[:60], n.status.label, n.reason]
                for n in status.nodes]  # fmt: skip
        ctx.echo(format_table(["Plan / strategy / goal / indicator", "Status", "Why"], rows))
        ctx.echo(status.thresholds_text)
        return EXIT_OK


class ExportPlanCommand(Command):
    name = "export plan"
    help = "write a plan to an Excel workbook (.xlsx): a sheet per level, and its measurements"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("output", type=Path, help="the file to write")
        parser.add_argument("--plan", required=True, help="the plan's name")

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        services = ctx.services()
        try:
            result = services.roadmap_export.export_xlsx(plan_id=services.plans.id_by_name(args.plan),
                                                         target=args.output)  # fmt: skip
        except ExportError as exc:
            raise UsageError(str(exc)) from exc
        counts = ", ".join(f"{n} {sheet.lower()}" for sheet, n in result.rows.items() if sheet != "Plan")
        ctx.echo(f"Wrote {result.path} ({counts}).")
        for warning in result.warnings:
            ctx.warn(f"Note: {warning}")
        return EXIT_OK
