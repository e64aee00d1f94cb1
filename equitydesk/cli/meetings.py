"""Meeting commands: the calendar file, a new meeting, a copy of an earlier one, an agenda item."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from equitydesk.cli.base import EXIT_OK, Command, CommandContext, UsageError
from equitydesk.domain.agenda_times import clock
from equitydesk.domain.wording import plural
from equitydesk.formats.errors import ExportError


def when(text: str) -> datetime:
    """An argparse type for a date and time written as 2025-09-09 18:00."""
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date and time (write it as 2025-09-09 18:00)") from None


class ExportIcsCommand(Command):
    name = "export ics"
    help = "write meetings to an iCalendar (.ics) file: one meeting, or the upcoming ones (of one committee)"
    read_only = True

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("output", type=Path, help="the .ics file to write")
        parser.add_argument("--committee", help="only this committee's upcoming meetings")
        parser.add_argument("--meeting", type=int, metavar="ID", help="only this meeting (see `list meetings`)")

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        services = ctx.services()
        committee_id = services.committees.id_by_name(args.committee) if args.committee else None
        try:
            result = services.meetings.export_ics(target=args.output, meeting_id=args.meeting,
                                                  committee_id=committee_id)  # fmt: skip
        except ExportError as exc:
            raise UsageError(str(exc)) from exc
        ctx.echo(f"Wrote {result.path} ({plural(result.meetings, 'meeting')}).")
        return EXIT_OK


class MeetingNewCommand(Command):
    name = "meeting new"
    help = "schedule a meeting; the next one of a committee gets its open actions and items not reached"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--committee", required=True, help="the committee's name")
        parser.add_argument("--title", required=True)
        parser.add_argument("--starts", required=True, type=when, help="date and time, e.g. 2025-09-09 18:00")
        parser.add_argument("--ends", type=when, help="date and time it is scheduled to end")
        parser.add_argument("--location")
        parser.add_argument("--link", help="the video link")
        parser.add_argument("--time-zone", help="an IANA time zone; America/Chicago when not given")

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        services = ctx.services()
        meeting = services.meetings.schedule(
            committee_id=services.committees.id_by_name(args.committee),
            title=args.title,
            starts_at=args.starts,
            ends_at=args.ends,
            location=args.location,
            virtual_link=args.link,
            time_zone=args.time_zone,
        )
        return _done(ctx, meeting.id)


class MeetingCopyCommand(Command):
    name = "meeting copy"
    help = "start a meeting from an earlier one: its place, link and agenda, not its minutes"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("source", type=int, metavar="ID", help="the meeting to copy (see `list meetings`)")
        parser.add_argument("--starts", required=True, type=when, help="date and time, e.g. 2025-10-14 18:00")
        parser.add_argument("--title", help="the new title (else the copied one's)")

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        meeting = ctx.services().meetings.copy_previous(source_id=args.source, starts_at=args.starts, title=args.title)
        return _done(ctx, meeting.id)


def _done(ctx: CommandContext, meeting_id: int) -> int:
    plan = ctx.services().agenda.plan(meeting_id=meeting_id)
    m = plan.meeting
    ctx.echo(f"Meeting {m.id}: {m.title}, {m.starts_at:%Y-%m-%d} at {clock(m.starts_at)}.")
    for line in plan.lines:
        carried = f"  (carried from {line.carried_from})" if line.carried_from else ""
        ctx.echo(f"  {clock(line.starts_at):>8}  {line.item.title}{carried}")
    if plan.lines:
        ctx.echo(plan.words)
    return EXIT_OK
