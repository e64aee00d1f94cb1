"""import-measurements: indicator values from a spreadsheet into a plan, with the import JSON shape for scripts."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from equitydesk.cli.base import EXIT_OK, Command, CommandContext, UsageError, dump_json
from equitydesk.formats.errors import FileRefused
from equitydesk.formats.problems import Problem

MAX_LISTED = 30


class ImportMeasurementsCommand(Command):
    name = "import-measurements"
    help = "import indicator measurements (code or name, date, value, student group) from a .xlsx or .csv into a plan"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="the spreadsheet of measurements")
        parser.add_argument("--plan", required=True, help="the plan whose indicators the rows measure")
        parser.add_argument("--sheet", help="the sheet to read (default: the one that looks most like measurements)")
        parser.add_argument("--dry-run", action="store_true", help="show what would happen; change nothing")
        parser.add_argument("--json", action="store_true", help="print one JSON object, for scripts")

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        services = ctx.services(create=False)
        plan_id = services.plans.id_by_name(args.plan)
        importer = services.measurement_import
        try:
            parsed = importer.map(importer.open(args.file, sheet=args.sheet))
        except FileRefused as exc:
            raise UsageError(str(exc)) from exc
        refused = next((p for p in parsed.problems if p.is_error), None)
        if refused is not None:
            raise UsageError(f"{args.file.name}: {refused.message}")
        batch_id = None
        if args.dry_run:
            plan = importer.plan(parsed, plan_id=plan_id)
        else:
            result = importer.commit(parsed, plan_id=plan_id, file_name=args.file.name)
            plan, batch_id = result.plan, result.batch_id
        summary = plan.summary()
        report: dict[str, Any] = {
            "file": str(args.file), "sheet": parsed.sheet, "header_row": parsed.header_row,
            "mapping": parsed.batch_mapping(), "ignored_columns": parsed.ignored_columns, "rows_read": len(parsed.rows),
            "created": plan.created, "updated": plan.updated, "unchanged": plan.unchanged, "rejected": plan.rejected,
            "warnings": _problems(parsed.problems) + _problems(plan.warnings),
            "errors": _problems(plan.errors),
            "batch_id": batch_id, "plan": plan.plan_name, "dry_run": bool(args.dry_run), "counts": summary.counts(),
            "summary": summary.line(", "),
        }  # fmt: skip
        if args.json:
            ctx.echo(dump_json(report))
            return EXIT_OK
        verb = "Would import" if args.dry_run else "Imported"
        sheet = "" if parsed.file_name.casefold().endswith(".csv") else f", sheet “{parsed.sheet}”"
        ctx.echo(f"{verb} {args.file} into the plan “{plan.plan_name}”{sheet} (headings on row {parsed.header_row})")
        ctx.echo(f"{len(parsed.rows):,} rows read: {report['summary']}.")
        listed = plan.errors + parsed.problems + plan.warnings  # the sheet's own problems are warnings by now
        for problem in listed[:MAX_LISTED]:
            ctx.echo(f"  {plan.place(problem)}")
        if len(listed) > MAX_LISTED:
            ctx.echo(f"  … and {len(listed) - MAX_LISTED} more")
        if batch_id is not None:
            ctx.echo(f"Import number {batch_id}; undo it with `equitydesk undo-import {batch_id}`.")
        return EXIT_OK


def _problems(problems: list[Problem]) -> list[dict[str, object]]:
    return [{"row": p.row, "column": p.column or None, "message": p.message} for p in problems]
