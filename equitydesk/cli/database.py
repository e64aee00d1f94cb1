"""Commands about the database as a whole: init, demo, stats and check."""

from __future__ import annotations

import argparse
from typing import Any

from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from equitydesk.cli.base import (
    EXIT_FINDINGS,
    EXIT_OK,
    Command,
    CommandContext,
    UsageError,
    dump_json,
    format_table,
    iso_date,
)
from equitydesk.db.engine import resolve_url
from equitydesk.db.migrate import alembic_config, current_revision, head_revision
from equitydesk.domain.wording import plural
from equitydesk.services.demo import fill_demo
from equitydesk.services.stats import counts

MAX_LISTED_FINDINGS = 50


class InitCommand(Command):
    name = "init"
    help = "create the database, or upgrade it to this version's schema"

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        _url, path = resolve_url(ctx.target(create=True))
        is_new = path is not None and (not path.exists() or path.stat().st_size == 0)
        before = None
        if not is_new:
            probe = ctx.open(create=True, migrate=False)
            before = current_revision(probe.engine)
            probe.dispose()
        db = ctx.open(create=True)
        after = current_revision(db.engine)
        if is_new:
            ctx.echo(f"Created {db.label}")
        elif before == after:
            ctx.echo(f"Opened {db.label} (already up to date)")
        else:
            ctx.echo(f"Upgraded {db.label} from schema revision {before or 'none'}")
        ctx.echo(f"Schema revision: {after}")
        return EXIT_OK


class DemoCommand(Command):
    name = "demo"
    help = "fill an empty database with the demo dataset (a Minnesota district's committees)"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--today", type=iso_date, metavar="YYYY-MM-DD", help="lay the school year out around this date"
        )

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        services = ctx.services(create=True)
        assert ctx.db is not None
        with services.ctx.sessions() as session:
            existing = counts(session)
        if any(existing.values()):
            raise UsageError(
                f"{ctx.db.label} already has data ({plural(existing['people'], 'person', 'people')}, "
                f"{plural(existing['committees'], 'committee')}). "
                "The demo dataset only goes into an empty database: give --db a new file name."
            )
        made = fill_demo(services, today=args.today)
        ctx.echo(
            f"Filled {ctx.db.label} with the demo dataset: {plural(made['people'], 'person', 'people')}, "
            f"{plural(made['committees'], 'committee')}, {plural(made['meetings'], 'meeting')}, "
            f"{plural(made['action_items'], 'action item')}, {plural(made['plans'], 'plan')}."
        )
        return EXIT_OK


class StatsCommand(Command):
    name = "stats"
    help = "count the records of each kind"
    read_only = True

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--json", action="store_true", help="print one JSON object, for scripts")

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        services = ctx.services()
        with services.ctx.sessions() as session:
            data = counts(session)
        if args.json:
            ctx.echo(dump_json(data))
        else:
            rows = [[kind.replace("_", " "), str(n)] for kind, n in data.items()]
            ctx.echo(format_table(["Records", "Count"], rows, right=[1]))
        return EXIT_OK


class CheckCommand(Command):
    name = "check"
    help = "check the database file: integrity, broken references and schema version"
    read_only = True

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        # Not migrated on open: an old schema is a finding to report, not something to fix silently here.
        db = ctx.open(create=False, migrate=False)
        if db.engine.dialect.name != "sqlite":
            raise UsageError("`equitydesk check` works on SQLite database files only.")
        findings = find_problems(db.engine)
        if not findings:
            ctx.echo(f"{db.label}: healthy (integrity ok, no broken references, schema {head_revision()}).")
            return EXIT_OK
        ctx.echo(f"{db.label}: {plural(len(findings), 'problem')} found")
        for finding in findings[:MAX_LISTED_FINDINGS]:
            ctx.echo(f"  - {finding}")
        if len(findings) > MAX_LISTED_FINDINGS:
            ctx.echo(f"  … and {len(findings) - MAX_LISTED_FINDINGS} more")
        return EXIT_FINDINGS


def find_problems(engine: Engine) -> list[str]:
    """Everything wrong with an SQLite database, each as one sentence; an empty list when it is healthy."""
    findings: list[str] = []
    try:
        with engine.connect() as conn:
            results = [str(r) for r in conn.exec_driver_sql("PRAGMA integrity_check").scalars()]
            if results != ["ok"]:
                findings += [f"Integrity: {r}" for r in results]
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
            columns = _fk_columns(conn, {str(row[0]) for row in broken})
            for table, rowid, parent, fk_id in broken:
                column = columns.get((table, fk_id), "a reference")
                findings.append(f"{table} row {rowid}: {column} points to a {parent} that does not exist.")
    except DBAPIError as exc:
        return [*findings, f"The file is damaged and cannot be read: {exc.orig}"]
    findings += _schema_findings(engine)
    return findings


def _fk_columns(conn: Any, tables: set[str]) -> dict[tuple[str, int], str]:
    """(table, foreign key id) → the column holding it, so a finding names the field that is broken."""
    found: dict[tuple[str, int], str] = {}
    for table in tables:
        quoted = table.replace('"', '""')
        for row in conn.exec_driver_sql(f'PRAGMA foreign_key_list("{quoted}")'):
            found[(table, int(row[0]))] = str(row[3])
    return found


def _schema_findings(engine: Engine) -> list[str]:
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return []
    if current is None:
        return ["There is no EquityDesk schema in this database. `equitydesk init` sets it up."]
    known = {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if current in known:
        return [f"The schema is at revision {current}, older than {head}. `equitydesk init` upgrades it."]
    return [f"The schema revision {current} is unknown: a newer version of EquityDesk made this database."]
