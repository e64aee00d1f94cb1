"""Backups: made with SQLite's backup API (the WAL included), verified before use, thinned only after that, and made
before every migration and import and after every command that changed the database."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from backup_samples import add_people, count, digest, drop_a_row, garble_table, make_database, names, truncate, unmark

from equitydesk.cli import main
from equitydesk.db import backup as backup_module
from equitydesk.db import migrate
from equitydesk.db.backup import BackupError, backup_path, existing_backups, make_backup
from equitydesk.db.engine import open_database
from equitydesk.db.migrate import head_revision
from equitydesk.domain.retention import backups_to_keep
from equitydesk.services import backups as backups_service
from equitydesk.services.backups import back_up, back_up_to, list_backups
from equitydesk.services.errors import DomainError
from equitydesk.services.registry import services_for

NOW = datetime(2026, 12, 1, 21, 58, 3, tzinfo=UTC)


def connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def backup_now(path: Path, **kw):  # type: ignore[no-untyped-def]
    conn = connect(path)
    try:
        return make_backup(conn, path, **kw)
    finally:
        conn.close()


def listed(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# --- the backup API, not a file copy -------------------------------------------------------------------------------


def test_a_backup_holds_what_is_committed_in_the_wal_and_nothing_uncommitted(tmp_path: Path) -> None:
    path = make_database(tmp_path / "eac.sqlite", people=2)
    writer = connect(path)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")  # the commit stays in the -wal, as it does between checkpoints
    writer.execute("INSERT INTO committee (name, quorum_kind, quorum_value, archived, created_at, updated_at) "
                   "VALUES ('Committed in the WAL', 'share', 0.5, 0, '2026-12-01', '2026-12-01')")  # fmt: skip
    other = connect(path)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock with work it has not committed
    other.execute("UPDATE person SET given_name = 'Uncommitted'")
    try:
        wal = path.with_name(path.name + "-wal")
        assert wal.stat().st_size > 0
        file_copy = tmp_path / "copied-file.sqlite"
        shutil.copyfile(path, file_copy)  # what a file copy of the open database gets: the main file alone
        assert "Committed in the WAL" not in {r[0] for r in connect(file_copy).execute("SELECT name FROM committee")}

        made = back_up(path, now=NOW)
    finally:
        other.execute("ROLLBACK")
        other.close()
        writer.close()
    assert made is not None and made.path == tmp_path / "backups" / "eac-2026-12-01T21-58-03Z.sqlite"
    backup = connect(made.path)
    try:
        committees = {r[0] for r in backup.execute("SELECT name FROM committee")}
        people = {r[0] for r in backup.execute("SELECT given_name FROM person")}
    finally:
        backup.close()
    assert "Committed in the WAL" in committees, "the backup has the commit that was only in the -wal"
    assert "Uncommitted" not in people and len(people) == 2
    assert made.people == 2 and made.committees == 2 and made.verified
    # One self-contained file: rollback-journal mode in its header, no -wal or -shm beside it, no temporary left.
    assert made.path.read_bytes()[18:20] == b"\x01\x01"
    assert listed(made.path.parent) == [made.path.name]


def test_a_backup_to_a_folder_gets_a_dated_name_and_an_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    path = make_database(tmp_path / "eac.sqlite")
    out = tmp_path / "usb"
    out.mkdir()
    first = back_up_to(path, out, now=NOW)
    second = back_up_to(path, out, now=NOW)
    assert [first.path.name, second.path.name] == ["eac-2026-12-01T21-58-03Z.sqlite", "eac-2026-12-01T21-58-04Z.sqlite"]
    before = digest(first.path)
    with pytest.raises(BackupError, match="already exists"):
        back_up_to(path, first.path)
    assert digest(first.path) == before
    assert count(second.path) == 3


# --- verification ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (truncate, "SQLite found damage in it"),
        (garble_table, "SQLite found damage in it"),
        (unmark, "not marked as an EquityDesk database"),
        (drop_a_row, "rows in person instead of 3"),
    ],
)
def test_a_copy_that_fails_its_check_is_deleted_and_older_backups_are_not_thinned(
    tmp_path: Path, damage, words: str
) -> None:
    path = make_database(tmp_path / "eac.sqlite")
    # Two backups of one day three weeks ago: a successful backup thins them to one (checked at the end).
    seed = backup_now(path, now=NOW - timedelta(days=21, hours=1))
    shutil.copyfile(seed.path, backup_path(path, NOW - timedelta(days=21, hours=2)))
    before = listed(tmp_path / "backups")
    hit: list[Path] = []

    def spoil(copy: Path) -> None:
        hit.append(copy)
        damage(copy)

    with pytest.raises(BackupError) as info:
        backup_now(path, now=NOW, before_verify=spoil)
    message = str(info.value)
    assert hit, "the damage was really done to the copy"
    assert words in message and "deleted" in message and "older backups were kept" in message
    assert "\n" not in message and "sqlite3" not in message
    assert listed(tmp_path / "backups") == before, "nothing new, nothing thinned, no temporary left behind"
    made = backup_now(path, now=NOW)
    assert listed(tmp_path / "backups") == sorted([seed.path.name, made.path.name])


def test_a_name_taken_by_another_process_meanwhile_moves_the_backup_to_the_next_second(tmp_path: Path) -> None:
    # Two EquityDesks backing one database up in the same second both choose the same free name; the one that
    # places its copy second must neither fail (an import would then refuse) nor replace the other's backup.
    path = make_database(tmp_path / "eac.sqlite")
    taken = backup_path(path, NOW)
    hit: list[Path] = []

    def competitor(copy: Path) -> None:
        if not hit:
            hit.append(copy)
            shutil.copyfile(copy, taken)
            theirs.append(digest(taken))

    theirs: list[str] = []
    made = backup_now(path, now=NOW, before_verify=competitor)
    assert hit, "the other process really took the name while the copy was being checked"
    assert digest(taken) == theirs[0], "the other process's backup is left as it wrote it"
    assert made.path == backup_path(path, NOW + timedelta(seconds=1))
    assert made.path.exists() and made.path != taken
    assert not [p for p in (tmp_path / "backups").iterdir() if p.name.endswith(".partial")]


def test_a_sound_backup_thins_the_older_ones(tmp_path: Path) -> None:
    path = make_database(tmp_path / "eac.sqlite")
    seed = backup_now(path, now=NOW - timedelta(days=900))
    history = [NOW - timedelta(hours=7 * n) for n in range(1, 400)]
    for when in history:
        shutil.copyfile(seed.path, backup_path(path, when))
    foreign = [tmp_path / "backups" / name for name in ("notes.txt", "other-2020-01-01T00-00-00Z.sqlite")]
    for file in foreign:
        file.write_text("someone else's", encoding="utf-8")
    made = backup_now(path, now=NOW)
    kept = {when for _p, when in existing_backups(path)}
    local = {t.astimezone(): t for t in [seed.created, *history, made.created]}
    expected = {local[t] for t in backups_to_keep(local, NOW.astimezone())}
    assert kept == expected and made.created in kept and seed.created not in kept
    assert 20 < len(kept) < 60
    assert all(file.exists() for file in foreign), "files that are not this database's backups are never touched"


def test_a_half_written_backup_of_a_process_that_is_gone_is_removed(tmp_path: Path) -> None:
    path = make_database(tmp_path / "eac.sqlite")
    folder = tmp_path / "backups"
    folder.mkdir()
    host = backup_module._HOST
    dead = folder / f".~equitydesk-backup-eac-2026-01-01T00-00-00Z.sqlite.{host}-999999999.partial"
    live = folder / f".~equitydesk-backup-eac-2026-01-02T00-00-00Z.sqlite.{host}-{os.getpid()}.partial"
    elsewhere = folder / ".~equitydesk-backup-eac-2026-01-03T00-00-00Z.sqlite.0badc0de-1.partial"
    for file in (dead, dead.with_name(dead.name + "-journal"), live, elsewhere):
        file.write_bytes(b"half")
    backup_now(path, now=NOW)
    assert not dead.exists() and not dead.with_name(dead.name + "-journal").exists()
    assert live.exists() and elsewhere.exists(), "a live write, or another computer's, is left alone"


def test_the_list_shows_counts_and_finds_a_damaged_backup(tmp_path: Path) -> None:
    path = make_database(tmp_path / "eac.sqlite", people=4)
    older = back_up(path, now=NOW - timedelta(hours=2))
    add_people(path, "Mai")
    newer = back_up(path, now=NOW)
    assert older is not None and newer is not None
    garble_table(older.path)
    records = list_backups(path, verify=True)
    assert [r.path for r in records] == [newer.path, older.path]
    assert (records[0].people, records[0].committees, records[0].meetings, records[0].action_items) == (5, 1, 0, 0)
    assert records[0].verified is True and records[1].verified is False
    assert records[1].problem == "SQLite found damage in it"
    assert backups_service.newest_good_backup(path) == records[0]


# --- when backups are made -------------------------------------------------------------------------------------

NEW_STEP = '''"""A later version's step: a new column."""
from alembic import op
import sqlalchemy as sa

revision = "0002_later"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("committee", sa.Column("later_note", sa.Text))


def downgrade() -> None:
    pass
'''


def newer_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """This program as a later version of it: our migrations plus one more step. Returns the old head."""
    folder = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    head = head_revision()
    (folder / "versions" / "0002_later.py").write_text(NEW_STEP.replace("{head}", head), encoding="utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", folder)
    monkeypatch.setattr("equitydesk.db.engine.SCHEMA_HEAD", "0002_later")
    return head


def test_a_migration_of_a_database_with_data_is_preceded_by_a_backup(tmp_path: Path, monkeypatch) -> None:
    path = make_database(tmp_path / "eac.sqlite", people=5)
    empty = tmp_path / "empty" / "new.sqlite"
    empty.parent.mkdir()
    open_database(empty).dispose()
    old_head = newer_version(tmp_path, monkeypatch)
    open_database(path).dispose()
    open_database(empty).dispose()
    (backup,) = existing_backups(path)
    conn = connect(backup[0])
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == old_head
        assert "later_note" not in [r[1] for r in conn.execute("PRAGMA table_info(committee)")]
    finally:
        conn.close()
    assert count(backup[0]) == 5
    assert not (empty.parent / "backups").exists(), "a database with nothing in it needs no backup"
    open_database(path).dispose()
    assert len(existing_backups(path)) == 1, "an up-to-date database is not backed up on every open"


def test_a_migration_waits_for_its_backup_and_does_not_run_without_one(tmp_path: Path, monkeypatch) -> None:
    path = make_database(tmp_path / "eac.sqlite")
    before = digest(path)
    old_head = newer_version(tmp_path, monkeypatch)

    def fails(*_a, **_k):
        raise BackupError("No backup could be written to the backups folder (disk full); nothing was changed.")

    monkeypatch.setattr(migrate, "make_backup", fails)
    with pytest.raises(BackupError, match="was not upgraded") as info:
        open_database(path)
    assert "\n" not in str(info.value)
    conn = connect(path)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == old_head
    finally:
        conn.close()
    assert digest(path) == before


def roster(tmp_path: Path) -> Path:
    sheet = tmp_path / "roster.csv"
    sheet.write_text("First name,Last name\nMai,Vang\nOmar,Ali\n", encoding="utf-8")
    return sheet


def test_an_import_is_preceded_by_a_backup_of_the_database_as_it_was(tmp_path: Path) -> None:
    path = make_database(tmp_path / "eac.sqlite", people=3)
    db = open_database(path)
    try:
        importer = services_for(db, actor="test").roster_import
        importer.commit(importer.read_file(roster(tmp_path)).rows, committee="EAC", file_name="roster.csv")
    finally:
        db.dispose()
    (backup,) = existing_backups(path)
    assert count(backup[0]) == 3 and count(path) == 5
    assert "Mai" not in names(backup[0])


def test_an_import_without_its_backup_imports_nothing(tmp_path: Path, monkeypatch) -> None:
    path = make_database(tmp_path / "eac.sqlite", people=3)

    def fails(*_a, **_k):
        raise BackupError("No backup could be written to the backups folder (no space left on device).")

    monkeypatch.setattr(backups_service, "make_backup", fails)
    db = open_database(path)
    try:
        importer = services_for(db, actor="test").roster_import
        with pytest.raises(DomainError, match="Nothing was imported, because the backup made first did not succeed"):
            importer.commit(importer.read_file(roster(tmp_path)).rows, committee="EAC", file_name="roster.csv")
    finally:
        db.dispose()
    assert count(path) == 3


def test_a_command_that_changed_the_database_leaves_a_backup_and_a_reading_one_does_not(tmp_path: Path, capsys) -> None:
    path = make_database(tmp_path / "eac.sqlite", people=3)
    assert main(["--db", str(path), "stats"]) == 0
    assert main(["--db", str(path), "import-roster", str(roster(tmp_path)), "--committee", "EAC", "--dry-run"]) == 0
    assert main(["--db", str(path), "init"]) == 0
    assert existing_backups(path) == []
    assert main(["--db", str(path), "undo-import", "999"]) == 2, "a refused command changed nothing"
    assert existing_backups(path) == []
    assert capsys.readouterr().err == "equitydesk: There is no import number 999.\n"
    assert main(["--db", str(path), "import-roster", str(roster(tmp_path)), "--committee", "EAC"]) == 0
    made = existing_backups(path)
    assert len(made) == 2, "one before the import, one of what it wrote"
    assert sorted(count(p) for p, _when in made) == [3, 5]
    assert capsys.readouterr().err == ""
