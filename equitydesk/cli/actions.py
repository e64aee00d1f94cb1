"""Action item commands: export them to Excel, print the action report, mark one done or note progress."""

from __future__ import annotations

import argparse
from pathlib import Path

from equitydesk.cli.base import EXIT_OK, Command, CommandContext, UsageError
from equitydesk.domain.enums import ActionStatus
from equitydesk.formats.errors import ExportError
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
