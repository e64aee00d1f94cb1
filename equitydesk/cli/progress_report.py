"""`report progress`: a plan's annual progress report as a printed or an accessible (PDF/UA-1) PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from equitydesk.cli.base import EXIT_OK, Command, CommandContext, UsageError
from equitydesk.cli.meeting_reports import echo_written
from equitydesk.formats.errors import ExportError
from equitydesk.services.documents.service import PAPERS


class ReportProgressCommand(Command):
    name = "report progress"
    help = "print a plan's annual progress report: a summary, each strategy and goal, and the A&I checklist"
    read_only = True

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("output", type=Path, help="the PDF file to write")
        parser.add_argument("--plan", required=True, metavar="NAME", help="the plan's name (see `list plans`)")
        # Checked by the service, not by argparse: a wrong word is then one plain line, as every other refusal is.
        parser.add_argument(
            "--audience",
            default="public",
            metavar="public|internal",
            help="public (the default) leaves out e-mail addresses, phones and closed session; internal keeps them",
        )
        parser.add_argument(
            "--accessible", action="store_true", help="a tagged PDF/UA-1 edition for posting on the website"
        )
        parser.add_argument("--paper", choices=PAPERS, default="letter", help="letter (the default) or a4")
        parser.add_argument("--large-print", action="store_true", help="16-point type on landscape pages")

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        services = ctx.services()
        plan_id = services.plans.id_by_name(args.plan)
        try:
            result = services.documents.save_progress_report(
                plan_id=plan_id,
                target=args.output,
                audience=args.audience,
                accessible=args.accessible,
                paper=args.paper,
                large_print=args.large_print,
            )
        except ExportError as exc:
            raise UsageError(str(exc)) from exc
        echo_written(ctx, result, accessible=args.accessible, audience=args.audience)
        return EXIT_OK
