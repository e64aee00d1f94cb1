"""Erasing a person: gone from every table, no byte of their name or e-mail left in the file, -wal or backups."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from equitydesk.cli import main
from equitydesk.db.backup import copy_problem, existing_backups
from equitydesk.db.engine import Database, open_database
from equitydesk.services import erasure
from equitydesk.services.registry import Services, services_for
from tests.factories import make_action, make_agenda_item, make_meeting

GIVEN, FAMILY, EMAIL = "Xochiquetzal", "Abernathy-Quon", "xochi.quon@example.org"
# Every form the person's details take in the file: as typed, the e-mail key, the name key.
NEEDLES = [GIVEN.encode(), FAMILY.encode(), EMAIL.encode(), b"abernathy-quon|xochiquetzal", "Xóchitl".encode()]
ROSTER = f"First name,Last name,Email\n{GIVEN},{FAMILY},{EMAIL}\nMai,Vang,mai@example.org\n"
COMMITTEE = "Equity Advisory Committee"


def hits(path: Path) -> int:
    """Occurrences of any of the person's details in the raw bytes of a file (0 when it does not exist)."""
    data = path.read_bytes() if path.exists() else b""
    return sum(data.count(needle) for needle in NEEDLES)


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


@pytest.fixture
def opened(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[tuple[Database, Services, int]]:
    """A database where the person came in by an import, was edited, sits on a committee, attended, owns an action."""
    path = tmp_path / "eac.sqlite"
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    assert main(["--db", str(path), "init"]) == 0
    db = open_database(path)
    services = services_for(db, actor="tester")
    services.committees.create(name=COMMITTEE)
    assert main(["--db", str(path), "import-roster", str(tmp_path / "roster.csv"), "--committee", COMMITTEE]) == 0
    capsys.readouterr()
    person = services.people.find_by_email(EMAIL)
    assert person is not None
    services.people.update(person.id, preferred_name="Xóchitl", notes=f"{GIVEN} asked for Nahuatl materials. " * 200)
    committee = services.committees.get(services.committees.list_ids()[0])
    meeting = make_meeting(services, committee=committee)
    services.attendance.create(meeting_id=meeting.id, person_id=person.id, status="present")
    make_agenda_item(services, meeting=meeting)
    make_action(services, committee=committee, title="Translate the survey", owner_person_id=person.id)
    yield db, services, person.id
    db.dispose()


def test_an_erased_person_leaves_no_byte_in_the_file_or_its_wal(opened: tuple[Database, Services, int]) -> None:
    db, services, person_id = opened
    assert db.path is not None
    wal = db.path.with_name(db.path.name + "-wal")
    assert hits(db.path) + hits(wal) > 0
    before = counts(db.path)

    result = services.people.erase(person_id=person_id)

    assert (result.name, result.memberships, result.attendance, result.actions_reassigned) == (
        "Xóchitl " + FAMILY,
        1,
        1,
        1,
    )
    assert result.log_entries >= 2 and result.checkpointed
    # While the database is still open, as in the window: neither the file nor the -wal holds a byte of them.
    assert (hits(db.path), hits(wal)) == (0, 0)
    after = counts(db.path)
    assert after["person"] == before["person"] - 1 and after["membership"] == before["membership"] - 1
    assert after["attendance"] == before["attendance"] - 1 and after["action_item"] == before["action_item"]
    action = services.actions.get(services.actions.list_ids()[0])
    assert (action.owner_person_id, action.owner_text) == (None, "Former member")
    conn = sqlite3.connect(db.path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    log = conn.execute("SELECT action, changes FROM change_log WHERE entity='person' AND entity_id=?", (person_id,))
    assert log.fetchall() == [("delete", "{}")]  # only the bare fact that someone was erased
    conn.close()
    db.dispose()
    assert (hits(db.path), hits(wal)) == (0, 0)
    # The backup made first still holds them: that is what --purge-backups is for.
    assert result.backups_holding >= 1 and result.backups_purged == 0


@pytest.mark.parametrize("removed", ["secure_delete", "checkpoint"])
def test_without_each_protection_the_bytes_stay(
    opened: tuple[Database, Services, int], removed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check above can fail: without secure_delete, or without the checkpoint, the name is still in the files."""
    db, services, person_id = opened
    assert db.path is not None
    if removed == "secure_delete":
        monkeypatch.setattr(erasure, "SECURE_DELETE", "PRAGMA secure_delete=OFF")
    else:
        monkeypatch.setattr(erasure, "checkpoint", lambda _engine: True)
    services.people.erase(person_id=person_id)
    wal = db.path.with_name(db.path.name + "-wal")
    assert hits(db.path) + hits(wal) > 0


def test_purging_rewrites_every_backup_without_them_each_verified(opened: tuple[Database, Services, int]) -> None:
    db, services, person_id = opened
    assert db.path is not None
    services.backups.back_up()
    held = set(erasure.backups_holding(db.path, erasure.identity_of(services.ctx, person_id)))
    assert len(held) == services.people.backups_holding(person_id=person_id) == 2  # after the import, and now
    others = {p: counts(p) for p, _ in existing_backups(db.path)}

    result = services.people.erase(person_id=person_id, purge_backups=True)

    assert result.backups_holding == 0 and result.backups_purged == len(held) + 1  # and the one made first
    for path, _when in existing_backups(db.path):
        assert hits(path) == 0, path
        assert copy_problem(path) is None
        if path in others:  # everyone else is still there
            assert counts(path)["person"] == others[path]["person"] - (path in held)


def test_the_command_line_erases_and_says_what_it_left(
    opened: tuple[Database, Services, int], capsys: pytest.CaptureFixture[str]
) -> None:
    db, _services, person_id = opened
    assert db.path is not None
    db.dispose()
    assert main(["--db", str(db.path), "erase-person", str(person_id)]) == 0
    out = capsys.readouterr().out
    assert f"Erased Xóchitl {FAMILY} (person {person_id}): 1 membership, 1 attendance record" in out
    assert "1 action item now owned by 'Former member'" in out and "run again with --purge-backups" in out
    assert hits(db.path) == 0
    assert main(["--db", str(db.path), "erase-person", str(person_id), "--purge-backups"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no longer exists" in err
