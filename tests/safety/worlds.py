"""The worlds the safety tests run in: a committee database in a folder, and an old export a fault must keep."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from equitydesk.db.engine import open_database
from equitydesk.services.context import ServiceContext
from equitydesk.services.registry import Services

TODAY = date(2025, 11, 12)
DB = "eac.sqlite"


@contextlib.contextmanager
def services_on(world: Path) -> Iterator[Services]:
    db = open_database(world / DB)
    try:
        yield Services.build(ServiceContext(db.sessions, actor="tester", today=lambda: TODAY))
    finally:
        db.dispose()


def committee_world(world: Path) -> None:
    """A committee of four, one of them archived later, a meeting with attendance: the children of a person."""
    with services_on(world) as s:
        eac = s.committees.create(name="EAC")
        for i, (given, family) in enumerate([("Hodan", "Warsame"), ("Mai", "Vang"), ("Lucía", "Pérez"), ("Tom", "Ng")]):
            person = s.people.create(given_name=given, family_name=family, email=f"p{i}@example.org")
            s.memberships.create(person_id=person.id, committee_id=eac.id, role="member")
        meeting = s.meetings.create(committee_id=eac.id, title="Regular meeting", starts_at=datetime(2025, 10, 14, 18))
        s.attendance.create(meeting_id=meeting.id, person_id=1, status="present")


OLD_EXPORT = b"the export made last week, which a fault must leave as it is\n"


def prepare_export(world: Path) -> None:
    committee_world(world)
    (world / "out").mkdir()
    for name in ("roster.xlsx", "directory.pdf"):
        (world / "out" / name).write_bytes(OLD_EXPORT)
