"""Backup commands: write a verified backup, restore one, list them; and what to say about a damaged database."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path
from typing import Any

from equitydesk.cli.base import EXIT_OK, Command, CommandContext, UsageError, dump_json, format_table
from equitydesk.db.engine import resolve_url
from equitydesk.db.integrity import examine
from equitydesk.services.backups import BackupRecord, back_up_to, list_backups, recovery_for, restore


class BackupCommand(Command):
    name = "backup"
    help = "write a verified backup of the database to a new file, or a dated file in a folder"
    read_only = True

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("out", type=Path, metavar="OUT", help="a new file name, or a folder")

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        path = database_file(ctx, "backup")
        # Whose file it is, without opening it for real: an older schema is backed up as it is, not upgraded.
        examine(path, create=False, read_only=True)
        record = back_up_to(path, args.out)
        ctx.echo(f"Backed up {path} to {record.path}: {counts_text(record)}; the copy passed its check.")
        return EXIT_OK


class RestoreCommand(Command):
    name = "restore"
    help = "replace the database with a backup, after backing up what it holds now"
    description = (
        "Replace the database's content with a backup's. The backup is checked first (an EquityDesk database, "
        "sound, not from a newer version); the database as it is now is backed up before it is replaced, or, "
        "when it is damaged, set aside as NAME.damaged-DATE. A backup from an older version is upgraded."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("source", type=Path, metavar="IN", help="the backup file to restore")

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        path = database_file(ctx, "restore", create=True)
        ctx.hold_lock(path, create=True)
        result = restore(path, args.source)
        ctx.echo(f"Restored {path} from {result.source}: {counts_text(result.restored)}.")
        if result.safety_backup is not None:
            ctx.echo(f"The database as it was is kept in {result.safety_backup}.")
        if result.set_aside is not None:
            ctx.echo(f"The damaged file was set aside as {result.set_aside}; nothing of it was deleted.")
        if result.upgraded:
            ctx.echo("The backup was made by an older version of EquityDesk and has been upgraded.")
        return EXIT_OK


class BackupsCommand(Command):
    name = "backups"
    help = "list the database's backups, newest first, each checked"
    read_only = True

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--json", action="store_true", help="print a JSON list, for scripts")

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        # The database itself is not opened: the list is what someone whose database is damaged needs.
        path = database_file(ctx, "backups")
        records = list_backups(path, verify=True)
        if args.json:
            ctx.echo(dump_json([backup_json(r) for r in records]))
            return EXIT_OK
        if not records:
            ctx.echo(f"No backups of {path} yet (they are kept in {path.parent / 'backups'}).")
            return EXIT_OK
        rows = [
            [
                r.created.strftime("%Y-%m-%d %H:%M:%S"),
                _n(r.people),
                _n(r.committees),
                _n(r.meetings),
                _n(r.action_items),
                f"{r.size / 1_048_576:.1f} MB",
                "yes" if r.verified else f"no: {r.problem}",
                r.path.name,
            ]
            for r in records
        ]
        headers = ["Made", "People", "Committees", "Meetings", "Action items", "Size", "Sound", "File"]
        ctx.echo(format_table(headers, rows, right=[1, 2, 3, 4, 5]))
        return EXIT_OK


def backup_json(record: BackupRecord) -> dict[str, Any]:
    return {
        "path": str(record.path),
        "created": record.created.isoformat(timespec="seconds"),
        "size": record.size,
        "verified": record.verified,
        "problem": record.problem,
        "people": record.people,
        "committees": record.committees,
        "meetings": record.meetings,
        "action_items": record.action_items,
    }


def database_file(ctx: CommandContext, command: str, *, create: bool = False) -> Path:
    """The database file the command works on; a URL naming something else is refused plainly."""
    target = ctx.target(create=create)
    _url, path = resolve_url(target)
    if path is None:
        raise UsageError(f"`equitydesk {command}` works on database files, and {target} is not one.")
    return path


def counts_text(record: BackupRecord) -> str:
    return (
        f"{_n(record.people)} people, {_n(record.committees)} committees, {_n(record.meetings)} meetings, "
        f"{_n(record.action_items)} action items"
    )


def damaged_advice(path: Path, ctx: CommandContext) -> str:
    """One sentence for a damaged database: the newest good backup and the command that restores it.

    Nothing is moved or changed here: the command line sets the damaged file aside only when `restore` is run.
    """
    recovery = recovery_for(path)
    if ctx.db_target is not None:
        prefix = f"equitydesk --db {shlex.quote(ctx.db_target)}"
    else:
        prefix = "equitydesk --demo" if ctx.demo else "equitydesk"
    backup = recovery.backup
    if backup is None:
        return (
            f"{path} is damaged, so EquityDesk cannot open it, and there is no sound backup of it in "
            f"{recovery.folder}; run `{prefix} check` to see what is wrong, or open another file."
        )
    return (
        f"{path} is damaged, so EquityDesk cannot open it; the newest sound backup is from "
        f"{backup.created.strftime('%Y-%m-%d %H:%M')} ({counts_text(backup)}): run "
        f"`{prefix} restore {shlex.quote(str(backup.path))}` to set the damaged file aside and put that backup "
        "in its place."
    )


def _n(value: int | None) -> str:
    return "?" if value is None else f"{value:,}"
