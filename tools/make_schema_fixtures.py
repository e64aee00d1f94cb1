"""Make tests/data/schema/REVISION.sqlite3: a database of each released schema revision, a row in every table.

Run from the repository root when a revision is released (add it to RELEASED):
    PYTHONPATH=$PWD .venv/bin/python tools/make_schema_fixtures.py
tests/unit/test_schema_fixtures.py upgrades every file found there to head and counts every table's rows, so an
upgrade that loses a row of any released schema fails. The files are made as that version of EquityDesk made
them: migrated to the revision and no further, and unmarked (the application id came later; an upgrade adds it).
"""

from __future__ import annotations

import argparse
import re
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from sqlalchemy import event

from equitydesk.db.migrate import alembic_config

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "data" / "schema"
# Revisions a release has shipped, whose databases exist on users' computers; newer ones are still changing.
RELEASED = (
    "0001_baseline",
    "0002_import_counts",
    "0003_meeting_agenda",
    "0004_meeting_minutes",
    "0005_action_items",
    "0006_roadmap_tracking",
)
_STAMP = datetime(2025, 11, 12, 9, 30)


def make(revision: str, target: Path) -> dict[str, int]:
    """Migrate a new file to `revision` with foreign keys on, then give every table one row."""
    target.unlink(missing_ok=True)
    engine = sa.create_engine(f"sqlite+pysqlite:///{target}")
    event.listen(engine, "connect", lambda conn, _rec: conn.execute("PRAGMA foreign_keys=ON"))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)
    with engine.begin() as conn:
        metadata = sa.MetaData()
        metadata.reflect(conn)
        for table in metadata.sorted_tables:
            if table.name != "alembic_version":
                _insert_one(conn, table)
    engine.dispose()
    raw = sqlite3.connect(target)
    try:
        raw.execute("PRAGMA journal_mode=DELETE")
        raw.execute("VACUUM")
        raw.execute("PRAGMA journal_mode=WAL")  # as EquityDesk has always left its files
        problems = list(raw.execute("PRAGMA foreign_key_check"))
        if problems or raw.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise SystemExit(f"{target.name}: the fixture is not sound ({problems})")
        names = [
            r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
        ]
        return {n: raw.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        raw.close()


def _insert_one(conn: sa.Connection, table: sa.Table) -> None:
    """A row referencing row 1 of every parent; nullable columns are dropped one kind at a time until the table's
    CHECK constraints accept it (status_update wants exactly one subject, for instance)."""
    full = {c.name: _value(table, c) for c in table.columns if not c.primary_key}
    required = {k: v for k, v in full.items() if not table.c[k].nullable}
    keys = {k: v for k, v in full.items() if table.c[k].foreign_keys}
    first_key = dict(list(keys.items())[:1])
    for attempt in (full, {**required, **keys}, {**required, **first_key}, required):
        try:
            with conn.begin_nested():
                conn.execute(table.insert().values(id=1, **attempt))
            break
        except sa.exc.IntegrityError:
            continue
    else:
        raise SystemExit(f"no row could be made for table {table.name}")


def _value(table: sa.Table, column: sa.Column[Any]) -> Any:
    if column.foreign_keys:
        return 1
    choices = _enum_choices(table, column.name)
    if choices:
        return choices[0]
    kind = column.type
    if isinstance(kind, sa.Boolean):
        return False
    if isinstance(kind, sa.DateTime):
        return _STAMP
    if isinstance(kind, sa.Date):
        return _STAMP.date()
    if isinstance(kind, (sa.Integer, sa.Numeric, sa.Float)):
        return 0
    if isinstance(kind, sa.JSON):
        return {"fixture": 1}
    return f"{table.name}.{column.name} fixture"


def _enum_choices(table: sa.Table, name: str) -> list[str]:
    # Enums are stored as VARCHAR with a CHECK (name IN ('a', 'b')); reflection gives the CHECK's text.
    for check in table.constraints:
        if isinstance(check, sa.CheckConstraint):
            found = re.search(rf"(?<![\w]){re.escape(name)} IN \(([^)]*)\)", str(check.sqltext))
            if found:
                return [part.strip().strip("'") for part in found[1].split(",")]
    return []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="make only this revision's file")
    args = parser.parse_args()
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for revision in RELEASED:
        if args.only and revision != args.only:
            continue
        counts = make(revision, FIXTURES / f"{revision}.sqlite3")
        empty = [n for n, c in counts.items() if not c]
        if empty:
            raise SystemExit(f"{revision}: tables without a row: {', '.join(empty)}")
        print(f"{revision}: {len(counts)} tables, {sum(counts.values())} rows")


if __name__ == "__main__":
    main()
