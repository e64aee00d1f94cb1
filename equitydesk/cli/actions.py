"""Action item commands: import a tracker, export to Excel, print the report, mark one done or note progress."""

from __future__ import annotations

import argparse
from pathlib import Path

from equitydesk.cli.base import EXIT_OK, Command, CommandContext, UsageError, dump_json
from equitydesk.domain.enums import ActionStatus
from equitydesk.formats.errors import ExportError, FileRefused
from equitydesk.formats.problems import Problem
from equitydesk.services.roster_export import ExportResult


def _done(ctx: CommandContext, result: ExportResult) -> int:
    ctx.echo(f"Wrote {result.path} ({result.rows} action {'item' if result.rows == 1 else 'items'}).")
    for warning in result.warnings:
        ctx.warn(f"Note: {warning}")
    return EXIT_OK


class ExportActionsCommand(Command):
    name = "export actions"
    help = "write action items and their progress log to an Excel workbook (.xlsx)"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("output", type=Path, help="the file to write")
        parser.add_argument("--committee", help="only this committee's items (default: every committee)")
        parser.add_argument("--status", choices=[s.value for s in ActionStatus], help="only items with this status")
        parser.add_argument("--owner", help="only items one of whose owners has this in their name")

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        services = ctx.services()
        committee_id = services.committees.id_by_name(args.committee) if args.committee else None
        try:
            result = services.action_export.export_xlsx(
                target=args.output, committee_id=committee_id, status=args.status, owner=args.owner
            )
        except ExportError as exc:
            raise UsageError(str(exc)) from exc
        return _done(ctx, result)


class ReportActionsCommand(Command):
    name = "report actions"
    help = "print a committee's action items as a PDF, grouped by owner or by strategy, overdue first"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("output", type=Path, help="the file to write")
        parser.add_argument("--committee", required=True, help="the committee's name")
        parser.add_argument("--group-by", choices=("owner", "strategy"), default="owner", help="default: owner")

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        services = ctx.services()
        try:
            result = services.action_export.report_pdf(
                target=args.output, committee_id=services.committees.id_by_name(args.committee), group_by=args.group_by
            )
        except ExportError as exc:
            raise UsageError(str(exc)) from exc
        return _done(ctx, result)


class ActionDoneCommand(Command):
    name = "action done"
    help = "mark an action item done (today), with an optional progress note"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("id", type=int, help="the item's number (see `list actions`)")
        parser.add_argument("--note", help="a note for the progress log")

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        result = ctx.services().actions.mark_done(args.id, note=args.note)
        ctx.echo(f"Marked action {args.id} “{result.record.title}” done on {result.record.completed_on}.")
        return EXIT_OK


class ActionNoteCommand(Command):
    name = "action note"
    help = "add a dated progress note to an action item"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("id", type=int, help="the item's number (see `list actions`)")
        parser.add_argument("text", help="the note")

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        update = ctx.services().actions.add_note(args.id, note=args.text)
        ctx.echo(f"Noted on action {args.id} ({update.on}).")
        return EXIT_OK


class ImportActionsCommand(Command):
    name = "import-actions"
    help = "import action items from a spreadsheet tracker (.xlsx, .csv) into a committee"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="the tracker file")
        parser.add_argument("--committee", required=True, help="the committee (created when it does not exist)")
        parser.add_argument("--sheet", help="the sheet to read (default: the one that looks most like a tracker)")
        parser.add_argument("--dry-run", action="store_true", help="show what would happen; change nothing")
        parser.add_argument("--json", action="store_true", help="print one JSON object, for scripts")

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        importer = ctx.services(create=not args.dry_run).action_import
        try:
            parsed = importer.map(importer.open(args.file, sheet=args.sheet))
        except FileRefused as exc:
            raise UsageError(str(exc)) from exc
        batch_id, created = None, False
        if args.dry_run:
            plan = importer.plan(parsed, committee=args.committee)
            created = not plan.committee_exists
        else:
            result = importer.commit(parsed, committee=args.committee, file_name=args.file.name)
            plan, batch_id, created = result.plan, result.batch_id, result.committee_created
        summary = plan.summary()
        report = {
            "file": str(args.file), "sheet": parsed.sheet, "header_row": parsed.header_row,
            "mapping": parsed.batch_mapping(), "ignored_columns": parsed.ignored_columns, "rows_read": len(parsed.rows),
            "created": plan.created, "updated": plan.updated, "unchanged": plan.unchanged, "rejected": plan.rejected,
            "warnings": _problems(parsed.problems) + _problems(plan.warnings), "errors": _problems(plan.errors),
            "batch_id": batch_id, "committee": plan.committee_name, "committee_created": created,
            "dry_run": bool(args.dry_run), "counts": summary.counts(), "summary": summary.line(", "),
        }  # fmt: skip
        if args.json:
            ctx.echo(dump_json(report))
            return EXIT_OK
        verb = "Would import" if args.dry_run else "Imported"
        ctx.echo(f"{verb} {args.file}, sheet “{parsed.sheet}” (headings on row {parsed.header_row})")
        if created:
            ctx.echo(f"The committee “{plan.committee_name}” {'would be' if args.dry_run else 'was'} created.")
        ctx.echo(f"{len(parsed.rows):,} rows read: {report['summary']}.")
        for kind in ("errors", "warnings"):
            for item in report[kind][:MAX_LISTED]:
                where = f"Row {item['row']}" if item["row"] else "Sheet"
                ctx.echo(f"  {where}{', column ' + item['column'] if item['column'] else ''}: {item['message']}")
        if batch_id is not None:
            ctx.echo(f"Import number {batch_id}; undo it with `equitydesk undo-import {batch_id}`.")
        return EXIT_OK


MAX_LISTED = 30


def _problems(problems: list[Problem]) -> list[dict[str, object]]:
    return [{"row": p.row, "column": p.column or None, "message": p.message} for p in problems]
