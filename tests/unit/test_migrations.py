"""Migrations: a new file reaches head, the models and the migrations agree, and no upgrade loses or changes data."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from equitydesk.db.engine import Database, open_database
from equitydesk.db.errors import DatabaseError
from equitydesk.db.migrate import alembic_config, current_revision, head_revision, upgrade
from equitydesk.db.tables import Base
from equitydesk.services.demo import fill_demo
from equitydesk.services.registry import services_for


def row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        names = inspect(conn).get_table_names()
        return {name: int(conn.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one()) for name in names}


def schema(engine: Engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
        return [(str(n), str(s)) for n, s in rows]


def test_a_new_database_is_at_head_with_every_table(db: Database) -> None:
    assert current_revision(db.engine) == head_revision()
    tables = set(inspect(db.engine).get_table_names())
    assert set(Base.metadata.tables) | {"alembic_version"} <= tables


def test_the_migrations_build_exactly_the_models(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "render_as_batch": True})
        assert compare_metadata(context, Base.metadata) == []


def test_the_revision_history_is_one_line_to_head() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1
    assert script.get_current_head() == head_revision()


def test_upgrading_twice_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "twice.sqlite"
    db = open_database(path)
    try:
        before = (schema(db.engine), row_counts(db.engine), current_revision(db.engine))
        upgrade(db.engine)
        assert (schema(db.engine), row_counts(db.engine), current_revision(db.engine)) == before
    finally:
        db.dispose()
    again = open_database(path)
    try:
        assert (schema(again.engine), row_counts(again.engine), current_revision(again.engine)) == before
    finally:
        again.dispose()


def test_an_unknown_revision_is_refused_and_the_file_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    open_database(path).dispose()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff_later_feature'")
    conn.commit()
    conn.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(DatabaseError, match="newer version"):
        open_database(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_every_tables_rows_survive_a_reopen(tmp_path: Path) -> None:
    path = tmp_path / "kept.sqlite"
    db = open_database(path)
    try:
        fill_demo(services_for(db, actor="test"), today=date(2025, 11, 12))
        before = row_counts(db.engine)
    finally:
        db.dispose()
    assert sum(before.values()) > 500 and all(before[name] for name in ("person", "change_log", "status_update"))
    reopened = open_database(path)
    try:
        assert row_counts(reopened.engine) == before
    finally:
        reopened.dispose()


def test_schema_head_constant_matches_alembic() -> None:
    from equitydesk.db.migrate import head_revision
    from equitydesk.db.schema_head import SCHEMA_HEAD

    assert head_revision() == SCHEMA_HEAD, "update equitydesk/db/schema_head.py with the new migration's revision"
