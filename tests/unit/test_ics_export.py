"""The calendar file: read back with icalendar (time zone, start, end), and `export ics` as a user runs it."""

from __future__ import annotations

import errno
import hashlib
import os
import subprocess
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from equitydesk.services.registry import Services


def events(path: Path) -> list[dict[str, object]]:
    cal = Calendar.from_ical(path.read_bytes())
    return [
        {
            "summary": str(e["SUMMARY"]),
            "start": e.decoded("DTSTART"),
            "end": e.decoded("DTEND"),
            "tzid": e["DTSTART"].params.get("TZID"),
            "status": str(e["STATUS"]),
            "location": str(e.get("LOCATION", "")),
        }
        for e in cal.walk("VEVENT")
    ]


@pytest.fixture
def meetings(services: Services, today: date) -> dict[str, int]:
    eac = services.committees.create(name="Equity Advisory Committee")
    other = services.committees.create(name="Plan Team")
    day = today + timedelta(days=14)
    upcoming = services.meetings.create(
        committee_id=eac.id, title="December meeting", starts_at=datetime.combine(day, time(18)),
        ends_at=datetime.combine(day, time(20)), location="Board Room, Room 2", virtual_link="https://meet.example.org/x",
    )  # fmt: skip
    denver = services.meetings.create(committee_id=eac.id, title="Retreat", time_zone="America/Denver",
                                      starts_at=datetime.combine(day + timedelta(days=30), time(9)))  # fmt: skip
    services.meetings.create(
        committee_id=eac.id, title="Past", starts_at=datetime.combine(today - timedelta(days=9), time(18))
    )
    services.meetings.create(committee_id=eac.id, title="Called off", status="cancelled",
                             starts_at=datetime.combine(day + timedelta(days=7), time(18)))  # fmt: skip
    services.meetings.create(committee_id=other.id, title="Team", starts_at=datetime.combine(day, time(15)))
    return {"eac": eac.id, "upcoming": upcoming.id, "denver": denver.id}


def test_upcoming_meetings_of_a_committee_in_their_time_zones(
    services: Services, meetings: dict[str, int], tmp_path: Path
) -> None:
    target = tmp_path / "eac.ics"
    result = services.meetings.export_ics(target=target, committee_id=meetings["eac"])
    got = events(target)
    assert result.meetings == 2 == len(got)  # neither the past nor the cancelled one, nor another committee's
    first, retreat = got
    assert first["tzid"] == "America/Chicago" and retreat["tzid"] == "America/Denver"
    assert first["summary"] == "Equity Advisory Committee: December meeting"
    assert first["start"] == datetime(2025, 11, 26, 18, tzinfo=ZoneInfo("America/Chicago"))
    assert first["end"] == datetime(2025, 11, 26, 20, tzinfo=ZoneInfo("America/Chicago"))
    assert first["location"] == "Board Room, Room 2"
    assert retreat["start"] == datetime(2025, 12, 26, 9, tzinfo=ZoneInfo("America/Denver"))
    assert retreat["end"] - retreat["start"] == timedelta(hours=2)  # no end set: two hours
    cal = Calendar.from_ical(target.read_bytes())
    assert {str(z["TZID"]) for z in cal.walk("VTIMEZONE")} == {"America/Chicago", "America/Denver"}


def test_one_meeting_even_when_cancelled_says_so(services: Services, meetings: dict[str, int], tmp_path: Path) -> None:
    services.meetings.update_meeting(meeting_id=meetings["upcoming"], status="cancelled")
    services.meetings.export_ics(target=tmp_path / "one.ics", meeting_id=meetings["upcoming"])
    (only,) = events(tmp_path / "one.ics")
    assert only["status"] == "CANCELLED"


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EQUITYDESK_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}

    return subprocess.run(
        [sys.executable, "-m", "equitydesk", "--db", str(tmp_path / "m.sqlite"), *args],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip


def test_export_ics_on_the_command_line(tmp_path: Path) -> None:
    assert run(tmp_path, "init").returncode == 0
    new = run(tmp_path, "meeting", "new", "--committee", "EAC", "--title", "x", "--starts", "2030-01-08 18:00")
    assert new.returncode == 2 and new.stderr.strip() == "equitydesk: There is no committee called EAC."
    assert run(tmp_path, "demo").returncode == 0
    ok = run(tmp_path, "export", "ics", str(tmp_path / "all.ics"), "--committee", "equity advisory committee")
    assert ok.returncode == 0, ok.stderr
    assert "meetings)" in ok.stdout and events(tmp_path / "all.ics")
    for args, words in (
        (["--meeting", "999"], "There is no meeting 999"),
        (["--committee", "Nobody"], "There is no committee called"),
    ):
        bad = run(tmp_path, "export", "ics", str(tmp_path / "bad.ics"), *args)
        assert bad.returncode == 2 and words in bad.stderr and "Traceback" not in bad.stderr
        assert len(bad.stderr.strip().splitlines()) == 1
        assert not (tmp_path / "bad.ics").exists()


def test_a_write_that_fails_leaves_the_existing_calendar_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from equitydesk.cli.runner import main
    from equitydesk.formats import atomic

    db = str(tmp_path / "m.sqlite")
    assert main(["--db", db, "init"]) == 0 and main(["--db", db, "demo"]) == 0
    target = tmp_path / "cal.ics"
    target.write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    capsys.readouterr()

    def disk_full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", disk_full)
    assert main(["--db", db, "export", "ics", str(target)]) == 2
    err = capsys.readouterr().err
    assert "disk is full" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~")] == []
