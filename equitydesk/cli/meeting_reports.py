"""`report packet`, `report agenda` and `report minutes`: a meeting's documents as printed or accessible PDFs."""

from __future__ import annotations

import argparse
from pathlib import Path

from equitydesk.cli.base import EXIT_OK, Command, CommandContext, UsageError
from equitydesk.formats.errors import ExportError
from equitydesk.services.documents.service import PAPERS, SECTION_NAMES, BuiltDocument, DocumentResult, parse_sections
from equitydesk.services.errors import DomainError


class _MeetingDocumentCommand(Command):
    read_only = True

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("output", type=Path, help="the PDF file to write")
        parser.add_argument(
            "--meeting", type=int, required=True, metavar="ID", help="the meeting (see `list meetings`)"
        )
        parser.add_argument(
            "--accessible", action="store_true", help="a tagged PDF/UA-1 edition for posting on the website"
        )

    def build(self, args: argparse.Namespace, ctx: CommandContext) -> BuiltDocument:
        raise NotImplementedError

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        documents = ctx.services().documents
        try:
            built = self.build(args, ctx)
            result = documents.write(
                built,
                target=args.output,
                paper=getattr(args, "paper", "letter"),
                large_print=getattr(args, "large_print", False),
                accessible=args.accessible,
            )
        except ExportError as exc:
            raise UsageError(str(exc)) from exc
        echo_written(ctx, result, accessible=args.accessible, audience=built.audience)
        return EXIT_OK


class ReportPacketCommand(_MeetingDocumentCommand):
    name = "report packet"
    help = "print a meeting's packet: cover, agenda, previous minutes, actions, roadmap, roster, sign-in sheet"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--audience",
            choices=("public", "internal"),
            default="public",
            help="public (the default) leaves out contact details, needs, notes and closed session",
        )
        parser.add_argument("--sections", metavar="LIST", help=f"comma-separated, from: {','.join(SECTION_NAMES)}")
        parser.add_argument("--paper", choices=PAPERS, default="letter", help="letter (the default) or a4")
        parser.add_argument("--large-print", action="store_true", help="16-point type on landscape pages")

    def build(self, args: argparse.Namespace, ctx: CommandContext) -> BuiltDocument:
        try:
            sections = parse_sections(args.sections)
        except DomainError as exc:
            raise UsageError(str(exc)) from exc
        return ctx.services().documents.packet(meeting_id=args.meeting, audience=args.audience, section_names=sections)


class ReportAgendaCommand(_MeetingDocumentCommand):
    name = "report agenda"
    help = "print a meeting's agenda (public: closed-session items left out)"

    def build(self, args: argparse.Namespace, ctx: CommandContext) -> BuiltDocument:
        return ctx.services().documents.agenda(meeting_id=args.meeting)


class ReportMinutesCommand(_MeetingDocumentCommand):
    name = "report minutes"
    help = "print a meeting's minutes (marked DRAFT until approved; closed-session items left out)"

    def build(self, args: argparse.Namespace, ctx: CommandContext) -> BuiltDocument:
        return ctx.services().documents.minutes(meeting_id=args.meeting)


def echo_written(ctx: CommandContext, result: DocumentResult, *, accessible: bool, audience: str) -> None:
    """Where the document went, its pages, and what its public version left out: the same lines for every report."""
    edition = "accessible PDF/UA-1" if accessible else "PDF"
    ctx.echo(f"Wrote {result.path} ({edition}, {result.pages} {'page' if result.pages == 1 else 'pages'}).")
    if audience == "public" and result.withheld.anything:
        ctx.echo("Left out of this public version:")
        for line in result.withheld.lines():
            ctx.echo(f"  {line}")
