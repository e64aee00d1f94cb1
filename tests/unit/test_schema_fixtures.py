"""Every released schema's database (tests/data/schema/*.sqlite3) upgrades to head with every row of every table kept.

The files are made by tools/make_schema_fixtures.py; a released revision adds its file there and is picked up here.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import event

from equitydesk.db import migrate
from equitydesk.db.engine import open_database
from equitydesk.db.migrate import head_revision, known_revisions
from equitydesk.db.sqlite_file import APPLICATION_ID

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "schema"
FILES = sorted(FIXTURES.glob("*.sqlite3"))


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        names = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
        ]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def one(path: Path, sql: str) -> object:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_every_released_revision_has_a_fixture_and_every_fixture_a_revision(tmp_path: Path) -> None:
    stems = {f.stem for f in FILES}
    assert {"0001_baseline", "0002_import_counts"} <= stems
    assert stems <= known_revisions()
    for f in FILES:
        copy = shutil.copyfile(f, tmp_path / f.name)  # even a read-only look at a WAL file leaves -shm beside it
        assert one(copy, "SELECT version_num FROM alembic_version") == f.stem


@pytest.mark.parametrize("fixture", FILES, ids=[f.stem for f in FILES])
def test_a_released_database_upgrades_to_head_keeping_every_row(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / fixture.name
    shutil.copyfile(fixture, path)
    before = counts(path)
    assert all(before.values()), "the fixture should hold a row in every table"
    open_database(path).dispose()
    after = counts(path)
    assert {name: after.get(name) for name in before} == before
    assert one(path, "SELECT version_num FROM alembic_version") == head_revision()
    assert one(path, "PRAGMA integrity_check") == "ok"
    assert one(path, "SELECT count(*) FROM pragma_foreign_key_check") == 0
    assert one(path, "PRAGMA application_id") == APPLICATION_ID
    # A backup of the database as it was comes first, and it holds the old revision (none when already at head).
    backups = list((tmp_path / "backups").glob(f"{fixture.stem}-*.sqlite3"))
    if fixture.stem == head_revision():
        assert backups == []
    else:
        assert len(backups) == 1 and one(backups[0], "SELECT version_num FROM alembic_version") == fixture.stem


def test_rebuilding_agenda_item_keeps_the_decisions_and_actions_that_point_at_it(tmp_path: Path) -> None:
    """0003 rebuilds agenda_item in batch mode (drop and copy): with foreign keys on, dropping the old table would set
    decision.agenda_item_id and action_item.agenda_item_id to NULL (ON DELETE SET NULL) and delete the attendance
    of a rebuilt meeting; foreign keys are off during migrations, so every link survives."""
    path = tmp_path / "before-0003.sqlite3"
    shutil.copyfile(FIXTURES / "0002_import_counts.sqlite3", path)
    links = "SELECT count(*) FROM decision JOIN agenda_item ON agenda_item.id = decision.agenda_item_id"
    actions = "SELECT count(*) FROM action_item JOIN agenda_item ON agenda_item.id = action_item.agenda_item_id"
    assert (one(path, links), one(path, actions)) == (1, 1)
    open_database(path).dispose()
    assert (one(path, links), one(path, actions)) == (1, 1)
    assert one(path, "SELECT confidential FROM agenda_item") == 0


def test_with_foreign_keys_left_on_the_same_rebuild_loses_the_links(tmp_path: Path) -> None:
    """The measured trap, kept measured: what the test above guards against does happen without the protection."""
    path = tmp_path / "unprotected.sqlite3"
    shutil.copyfile(FIXTURES / "0002_import_counts.sqlite3", path)
    engine = sa.create_engine(f"sqlite+pysqlite:///{path}")
    event.listen(engine, "connect", lambda conn, _record: conn.execute("PRAGMA foreign_keys=ON"))
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), "0003_meeting_agenda")
    engine.dispose()
    assert one(path, "SELECT agenda_item_id FROM decision") is None


def test_an_upgrade_failing_after_a_table_rebuild_leaves_the_file_byte_identical(tmp_path: Path, monkeypatch) -> None:
    """All steps run in one transaction: 0003 rebuilds agenda_item, then a later step fails, and not a byte of the
    released database has changed (its backup, made first, is a separate file)."""
    folder = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    step = folder / "versions" / "0004_meeting_minutes.py"
    step.write_text(
        step.read_text(encoding="utf-8").replace(
            "def upgrade() -> None:\n", "def upgrade() -> None:\n    raise RuntimeError('step 0004 failed')\n", 1
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", folder)
    path = tmp_path / "released.sqlite3"
    shutil.copyfile(FIXTURES / "0002_import_counts.sqlite3", path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(RuntimeError, match="step 0004 failed"):
        open_database(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert not path.with_name(path.name + "-wal").exists() or not path.with_name(path.name + "-wal").stat().st_size
