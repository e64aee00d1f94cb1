"""The command-line core: build the parser from COMMANDS, run one command, turn every failure into an exit code."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence

from sqlalchemy.exc import SQLAlchemyError

from equitydesk.cli.backup import damaged_advice
from equitydesk.cli.base import EXIT_INTERRUPTED, EXIT_USAGE, Command, CommandContext, UsageError
from equitydesk.cli.registry import COMMANDS, GROUPS
from equitydesk.db.errors import DatabaseError, plain_database_error
from equitydesk.db.integrity import DatabaseDamaged, is_damage
from equitydesk.services.errors import DomainError

OpenWindow = Callable[[str | None, bool], int]

EXIT_BROKEN_PIPE = 141  # what shells report for a reader that went away (128 + SIGPIPE), e.g. `| head`


def _common_options(*, top: bool) -> argparse.ArgumentParser:
    """--db and --demo, accepted before the command and after it (`equitydesk stats --db x.sqlite`)."""
    common = argparse.ArgumentParser(add_help=False)
    # After the command the default is SUPPRESS, so an option given before the command is not reset.
    common.add_argument(
        "--db",
        metavar="DB",
        default=None if top else argparse.SUPPRESS,
        help="database file or SQLAlchemy URL (default: equitydesk.sqlite in your EquityDesk data folder)",
    )
    common.add_argument(
        "--demo",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="use the demo database, filled with sample data (the window fills it on first use)",
    )
    return common


def build_parser(commands: Sequence[Command] = COMMANDS) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="equitydesk",
        parents=[_common_options(top=True)],
        description="EquityDesk: rosters, meetings, action items and plans for school-district equity committees.",
        epilog="Without a command, the EquityDesk window opens.",
    )
    top = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    groups: dict[str, argparse._SubParsersAction[argparse.ArgumentParser]] = {}
    per_command = _common_options(top=False)
    for command in commands:
        words = command.name.split()
        if len(words) == 1:
            where = top
        elif len(words) == 2:
            if words[0] not in groups:
                group = top.add_parser(words[0], help=GROUPS.get(words[0], f"{words[0]} commands"))
                groups[words[0]] = group.add_subparsers(dest=f"{words[0]}_command", metavar="WHAT", required=True)
            where = groups[words[0]]
        else:
            raise ValueError(f"Command names have one or two words, not {command.name!r}.")
        sub = where.add_parser(
            words[-1], help=command.help, description=command.description or command.help, parents=[per_command]
        )
        command.add_arguments(sub)
        sub.set_defaults(command_object=command)
    return parser


def main(argv: Sequence[str] | None = None, *, open_window: OpenWindow | None = None) -> int:
    """Run `equitydesk [--db DB] [--demo] [COMMAND ...]`; return the exit code (0 done, 1 findings, 2 unusable)."""
    _tolerant_streams()
    parser = build_parser()
    args = parser.parse_args(argv)  # bad arguments: usage and exit 2, as argparse does for every tool
    command: Command | None = getattr(args, "command_object", None)
    ctx = CommandContext(db_target=args.db, demo=args.demo)
    if command is not None:
        ctx.read_only = command.opens_read_only(args)
    try:
        if args.db is not None and args.demo:
            raise UsageError("Use either --db or --demo, not both.")
        if command is None:
            if open_window is None:
                parser.print_help()
                return EXIT_USAGE
            return open_window(args.db, args.demo)
        return command.run(args, ctx)
    except KeyboardInterrupt:
        return _fail(ctx, "Interrupted.", EXIT_INTERRUPTED)
    except DatabaseDamaged as exc:
        return _fail(ctx, damaged_advice(exc.path, ctx))
    except (UsageError, DatabaseError, DomainError) as exc:
        return _fail(ctx, str(exc))
    except (sqlite3.Error, SQLAlchemyError) as exc:
        if is_damage(exc) and ctx.where is not None:
            return _fail(ctx, damaged_advice(ctx.where, ctx))
        # Whatever escaped the services unwrapped (a raw DB-API call, a flush, a commit): our words, not SQLite's.
        return _fail(ctx, str(plain_database_error(exc, path=ctx.where)))
    except BrokenPipeError:
        # Point stdout at nothing so the interpreter's final flush does not complain a second time.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except OSError as exc:
        return _fail(ctx, _os_message(exc))
    finally:
        ctx.close()


def _fail(ctx: CommandContext, message: str, code: int = EXIT_USAGE) -> int:
    ctx.warn("equitydesk: " + " ".join(message.split()))
    return code


def _os_message(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    where = exc.filename if exc.filename is not None else "A file"
    return f"{where} cannot be used: {reason[:1].lower()}{reason[1:]}."


def _tolerant_streams() -> None:
    """A console that cannot show a character (Nguyễn on a cp1252 console) gets an escape, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and encoding != "utf8":
            reconfigure(errors="backslashreplace")
