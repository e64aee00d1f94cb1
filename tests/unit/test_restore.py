"""Restore: anything but a sound EquityDesk database is refused with the database byte-identical; a good backup
comes back whole, after the database as it was has itself been backed up."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from backup_samples import add_people, break_overflow, count, digest, garble_table, make_database, names
from test_backups import newer_version

from equitydesk.cli import main
from equitydesk.db.backup import existing_backups
from equitydesk.db.engine import open_database
from equitydesk.services.backups import back_up, restore


def assert_one_plain_line(err: str) -> None:
    assert err.count("\n") == 1 and err.startswith("equitydesk: "), err
    assert "Traceback" not in err and "sqlite3" not in err and "malformed" not in err


def foreign(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO person VALUES (1, 'Ada')")
    conn.commit()
    conn.close()
    return path


def text_file(path: Path) -> Path:
    path.write_text("First name,Last name\nMai,Vang\n", encoding="utf-8")
    return path


def corrupt(path: Path) -> Path:
    make_database(path, people=40)
    garble_table(path)
    return path


def broken_chain(path: Path) -> Path:
    make_database(path)
    break_overflow(path)
    return path


def newer(path: Path) -> Path:
    make_database(path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff_a_later_version'")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (text_file, "it is not an EquityDesk database (it is some other kind of file)"),
        (foreign, "it is another program's SQLite database"),
        (corrupt, "it is damaged"),
        (broken_chain, "it is damaged"),  # every row still counts: only quick_check finds this
        (newer, "it was made by a newer version of EquityDesk"),
    ],
)
def test_restore_refuses_what_is_not_a_sound_equitydesk_database_and_changes_nothing(
    tmp_path: Path, capsys, make, words: str
) -> None:
    path = make_database(tmp_path / "eac.sqlite", people=4)
    source = make(tmp_path / "offered.sqlite")
    before, source_before = digest(path), digest(source)
    listing = sorted(p.name for p in tmp_path.iterdir())
    code = main(["--db", str(path), "restore", str(source)])
    err = capsys.readouterr().err
    assert code == 2
    assert_one_plain_line(err)
    assert words in err and "The database was left as it was" in err
    assert digest(path) == before, "the database is byte-identical"
    assert digest(source) == source_before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing, "no backup, no -wal, nothing set aside"


def test_restore_refuses_a_missing_file_and_the_database_itself(tmp_path: Path, capsys) -> None:
    path = make_database(tmp_path / "eac.sqlite")
    before = digest(path)
    assert main(["--db", str(path), "restore", str(tmp_path / "nowhere.sqlite")]) == 2
    assert main(["--db", str(path), "restore", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert "there is no such file" in err[0] and "it is the database itself" in err[1]
    assert digest(path) == before


def test_restoring_a_backup_brings_its_rows_back_after_backing_up_the_database_as_it_was(
    tmp_path: Path, capsys
) -> None:
    path = make_database(tmp_path / "eac.sqlite", people=3)
    made = back_up(path)
    assert made is not None
    add_people(path, "Mai", "Omar")
    assert count(path) == 5
    code = main(["--db", str(path), "restore", str(made.path)])
    out = capsys.readouterr().out
    assert code == 0
    assert count(path) == 3 and "Mai" not in names(path)
    assert f"Restored {path} from {made.path}: 3 people, 1 committees" in out
    safety = [p for p, _when in existing_backups(path) if p != made.path]
    assert len(safety) == 1 and count(safety[0]) == 5 and {"Mai", "Omar"} <= names(safety[0])
    assert f"The database as it was is kept in {safety[0]}" in out
    db = open_database(path)  # the restored file opens as it should: marked, at head, sound
    db.dispose()


def test_a_restore_reaches_a_program_that_has_the_database_open(tmp_path: Path) -> None:
    path = make_database(tmp_path / "eac.sqlite", people=3)
    made = back_up(path)
    assert made is not None
    add_people(path, "Mai")
    reader = open_database(path)  # the window, say, with the database open: pooled connections and a WAL
    try:
        with reader.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM person").scalar() == 4
        restore(path, made.path)
        with reader.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM person").scalar() == 3
    finally:
        reader.dispose()
    assert count(path) == 3


def test_a_backup_from_an_older_version_is_upgraded_once_restored(tmp_path: Path, monkeypatch) -> None:
    path = make_database(tmp_path / "eac.sqlite", people=2)
    old = tmp_path / "old-backup.sqlite"
    made = back_up(path)
    assert made is not None
    shutil.copyfile(made.path, old)
    newer_version(tmp_path, monkeypatch)
    open_database(path).dispose()  # this version upgrades the database itself
    result = restore(path, old)
    assert result.upgraded and count(path) == 2
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0002_later"
    finally:
        conn.close()
