"""Merging two records of one person keeps every membership, attendance and action, and fills blanks."""

from __future__ import annotations

from datetime import date

import pytest

from equitydesk.db.engine import open_database
from equitydesk.services.context import ServiceContext
from equitydesk.services.crud import ListQuery
from equitydesk.services.errors import DomainError, NotFound
from equitydesk.services.registry import Services


@pytest.fixture
def svc(tmp_path):
    db = open_database(tmp_path / "merge.sqlite")
    yield Services.build(ServiceContext(db.sessions, actor="test", today=lambda: date(2025, 9, 1)))
    db.dispose()


def test_merge_moves_everything_and_fills_blanks(svc):
    eac = svc.committees.create(name="EAC")
    ai = svc.committees.create(name="A&I")
    keep = svc.people.create(given_name="Mai", family_name="Xiong", email="mai@example.org", languages="Hmong")
    dup = svc.people.create(
        given_name="Mai",
        family_name="Xiong",
        phone="651-555-0101",
        email="mai.x@example.org",
        languages="English, hmong",
    )
    svc.memberships.create(person_id=keep.id, committee_id=eac.id, role="member")
    svc.memberships.create(person_id=dup.id, committee_id=eac.id, role="chair")
    svc.memberships.create(person_id=dup.id, committee_id=ai.id, role="secretary")
    meeting = svc.meetings.create(committee_id=eac.id, title="Sept", starts_at="2025-09-10 18:00")
    svc.attendance.create(meeting_id=meeting.id, person_id=dup.id, status="present")
    action = svc.actions.create(committee_id=eac.id, title="Call families", owner_person_id=dup.id)

    result = svc.merge.merge(keep_id=keep.id, remove_id=dup.id)

    assert result.filled == {"phone": "651-555-0101", "languages": "Hmong, English"}
    assert result.memberships_moved == 1
    assert any("E-mail" in c for c in result.conflicts)
    with pytest.raises(NotFound):
        svc.people.get(dup.id)
    kept = svc.people.get(keep.id)
    assert kept.phone == "651-555-0101" and kept.email == "mai@example.org"
    roles = {m.committee_name: m.role.value for m in svc.people.memberships_of(keep.id)}
    assert roles == {"EAC": "member", "A&I": "secretary"}
    assert [h["meeting"] for h in svc.attendance.history_of(keep.id)] == ["Sept"]
    assert svc.actions.get(action.id).owner_person_id == keep.id
    assert svc.people.count(ListQuery()) == 1


def test_merge_with_itself_is_refused(svc):
    p = svc.people.create(given_name="A", family_name="B")
    with pytest.raises(DomainError, match="two different people"):
        svc.merge.merge(keep_id=p.id, remove_id=p.id)
