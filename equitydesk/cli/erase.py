"""`erase-person`: erase someone for good (not archive), optionally from the backups too."""

from __future__ import annotations

import argparse

from equitydesk.cli.base import EXIT_OK, Command, CommandContext


class ErasePersonCommand(Command):
    name = "erase-person"
    help = "erase a person for good: their record, memberships, attendance and change log (a backup is made first)"
    description = (
        "Erase a person for good, as opposed to archiving them: their record, memberships, attendance and what "
        "the change log says about them; action items they owned are kept, owned by 'Former member'. No byte of "
        "their name or e-mail is left in the database file. A backup is made first; backups still hold them "
        "unless --purge-backups rewrites those without them. This cannot be undone."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("person_id", type=int, metavar="ID", help="the person's id (see `list people`)")
        parser.add_argument(
            "--purge-backups", action="store_true", help="rewrite every backup that holds them without them"
        )

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        services = ctx.services()
        result = services.people.erase(person_id=args.person_id, purge_backups=args.purge_backups)
        ctx.echo(
            f"Erased {result.name} (person {result.person_id}): {_n(result.memberships, 'membership')}, "
            f"{_n(result.attendance, 'attendance record')} and {_n(result.log_entries, 'change log entry')} removed; "
            f"{_n(result.actions_reassigned, 'action item')} now owned by 'Former member'."
        )
        if not result.checkpointed:
            ctx.warn(
                "equitydesk: warning: another program has the database open, so traces of them may stay in its "
                "-wal file until it closes; run this again when it is closed."
            )
        if result.backups_purged:
            ctx.echo(f"{_n(result.backups_purged, 'backup')} rewritten without them, each checked.")
        if result.backups_holding:
            ctx.echo(
                f"{_n(result.backups_holding, 'backup')} still hold them (one made just now); "
                "run again with --purge-backups to remove them there too."
            )
        return EXIT_OK


def _n(count: int, noun: str) -> str:
    if count == 1:
        return f"1 {noun}"
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{count:,} {plural}"
