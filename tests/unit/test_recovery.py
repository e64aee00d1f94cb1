"""A damaged database: caught by quick_check on open, answered by the newest sound backup and the command that
restores it; the command line moves nothing unasked, and `restore` sets the damaged file aside once a day."""

from __future__ import annotations

import shlex
from datetime import date
from pathlib import Path

import pytest
from backup_samples import count, digest, garble_table, make_database, names

from equitydesk.cli import main
from equitydesk.db import integrity
from equitydesk.db.backup import BackupError
from equitydesk.db.engine import open_database
from equitydesk.db.errors import DatabaseError
from equitydesk.db.integrity import DatabaseDamaged, set_aside
from equitydesk.services.backups import back_up, recovery_for, restore


def damaged_with_backups(tmp_path: Path) -> tuple[Path, Path]:
    """eac.sqlite with two backups (the newer one itself damaged), then damaged: (database, newest sound backup)."""
    path = make_database(tmp_path / "eac.sqlite", people=40)
    from datetime import UTC, datetime

    good = back_up(path, now=datetime(2026, 11, 30, 17, 0, tzinfo=UTC))
    spoiled = back_up(path, now=datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    assert good is not None and spoiled is not None
    garble_table(spoiled.path)
    garble_table(path)
    return path, good.path


def test_quick_check_on_open_finds_damage_that_reading_the_schema_does_not(tmp_path: Path, monkeypatch) -> None:
    path = make_database(tmp_path / "eac.sqlite", people=40)
    garble_table(path)
    before = digest(path)
    with pytest.raises(DatabaseDamaged) as info:
        open_database(path)
    assert info.value.path == path and "is damaged" in str(info.value)
    assert digest(path) == before, "a damaged file is not switched to WAL, migrated or otherwise written"
    monkeypatch.setattr(integrity, "quick_check", lambda _p: ["ok"])
    open_database(path).dispose()  # without the check the damage goes unnoticed until some page is read


def test_the_command_line_names_the_newest_sound_backup_and_how_to_restore_it(tmp_path: Path, capsys) -> None:
    path, good = damaged_with_backups(tmp_path)
    before = digest(path)
    # Writing commands are stopped by quick_check on open; reading ones when they meet the damage.
    for command in (["init"], ["import-roster", str(tmp_path / "any.csv"), "--committee", "EAC"], ["list", "people"]):
        assert main(["--db", str(path), *command]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err and "malformed" not in err
        assert f"{path} is damaged" in err
        assert "2026-11-30" in err and "40 people" in err, "the newest backup that passes the check"
        assert f"restore {shlex.quote(str(good))}`" in err
    assert digest(path) == before and sorted(p.name for p in tmp_path.iterdir()) == ["backups", "eac.sqlite"], (
        "the command line moves nothing aside unasked"
    )


def test_the_suggested_restore_sets_the_damaged_file_aside_and_brings_the_backup_back(tmp_path: Path, capsys) -> None:
    path, good = damaged_with_backups(tmp_path)
    damaged = digest(path)
    assert main(["--db", str(path), "restore", str(good)]) == 0
    out = capsys.readouterr().out
    aside = tmp_path / f"eac.sqlite.damaged-{date.today().isoformat()}"
    assert f"The damaged file was set aside as {aside}" in out
    assert digest(aside) == damaged, "the damaged file is kept byte for byte"
    assert count(path) == 40 and main(["--db", str(path), "check"]) == 0
    capsys.readouterr()

    # Damaged again the same day: a second damaged copy is not made, and nothing is replaced or deleted.
    garble_table(path)
    again = digest(path)
    assert main(["--db", str(path), "restore", str(good)]) == 2
    err = capsys.readouterr().err
    assert "already set aside today" in err and err.count("\n") == 1
    assert digest(path) == again and digest(aside) == damaged
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backups", "eac.sqlite", aside.name]


def test_set_aside_takes_the_wal_with_it(tmp_path: Path) -> None:
    path = make_database(tmp_path / "eac.sqlite")
    wal = path.with_name("eac.sqlite-wal")
    wal.write_bytes(b"frames of the damaged database")
    aside = set_aside(path, today=date(2026, 12, 1))
    assert aside.name == "eac.sqlite.damaged-2026-12-01" and not path.exists() and not wal.exists()
    assert aside.with_name(aside.name + "-wal").read_bytes() == b"frames of the damaged database"
    path.write_bytes(b"")
    with pytest.raises(BackupError, match="already set aside today"):
        set_aside(path, today=date(2026, 12, 1))


def test_another_file_where_a_database_with_backups_was_is_damage_and_without_backups_is_not(tmp_path: Path) -> None:
    path = make_database(tmp_path / "eac.sqlite")
    document = tmp_path / "notes.sqlite"
    document.write_text("my notes, not a database", encoding="utf-8")
    with pytest.raises(DatabaseError, match="is not an EquityDesk database") as info:
        open_database(document)
    assert not isinstance(info.value, DatabaseDamaged)
    assert back_up(path) is not None
    path.write_bytes(b"\x00" * 8192)  # zeroed by a failing disk
    with pytest.raises(DatabaseDamaged):
        open_database(path)
    path.write_bytes(b"")  # or emptied: not a fresh database to start over in while its backups sit beside it
    with pytest.raises(DatabaseDamaged):
        open_database(path)
    recovery = recovery_for(path)
    assert recovery.backup is not None and recovery.backup.people == 3
    result = restore(path, recovery.backup.path)
    assert result.set_aside is not None and result.set_aside.stat().st_size == 0
    assert count(path) == 3 and names(path)


def test_without_a_sound_backup_the_message_says_so(tmp_path: Path, capsys) -> None:
    path = make_database(tmp_path / "eac.sqlite", people=40)
    made = back_up(path)
    assert made is not None
    garble_table(made.path)
    garble_table(path)
    assert main(["--db", str(path), "init"]) == 2
    err = capsys.readouterr().err
    assert "there is no sound backup of it" in err and "check" in err and err.count("\n") == 1
