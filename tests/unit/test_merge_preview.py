"""The merge preview says what a merge will do, by the merge's own rules, and which record to keep by default."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import event

from equitydesk.db.engine import Database, open_database
from equitydesk.services.context import ServiceContext
from equitydesk.services.errors import DomainError, NotFound
from equitydesk.services.person_merge import COMBINED, FILLED, KEPT, SAME
from equitydesk.services.registry import Services
from equitydesk.services.roster import PERSON_FIELDS


@pytest.fixture
def database(tmp_path) -> Iterator[Database]:
    db = open_database(tmp_path / "preview.sqlite")
    yield db
    db.dispose()


@pytest.fixture
def svc(database: Database) -> Services:
    return Services.build(ServiceContext(database.sessions, actor="test", today=lambda: date(2025, 9, 1)))


def two_records(svc: Services) -> tuple[int, int]:
    """Hodan twice: both on the EAC, each on one more committee, one meeting attended by both, one action."""
    eac, plan, audit = (svc.committees.create(name=n).id for n in ("EAC", "Plan team", "Audit steering"))
    first = svc.people.create(given_name="Hodan", family_name="Abdi", email="hodan@example.org", languages="Somali")
    second = svc.people.create(
        given_name="Hodan", family_name="Abdi", email="h.abdi@example.org", phone="612-555-0199", languages="English"
    )
    for person, committee, role in ((first.id, eac, "chair"), (first.id, plan, "member"), (second.id, eac, "member"),
                                    (second.id, audit, "secretary")):  # fmt: skip
        svc.memberships.create(person_id=person, committee_id=committee, role=role)
    meetings = [svc.meetings.create(committee_id=eac, title=t, starts_at=f"2025-{m}-10 18:00").id
                for t, m in (("Sept", "09"), ("Oct", "10"), ("Nov", "11"))]  # fmt: skip
    for person, meeting in ((first.id, meetings[0]), (first.id, meetings[1]), (second.id, meetings[1])):
        svc.attendance.create(meeting_id=meeting, person_id=person, status="present")
    svc.actions.create(committee_id=eac, title="Call families", owner_person_id=second.id)
    return first.id, second.id


def test_preview_says_what_the_merge_then_does(svc: Services, database: Database) -> None:
    keep, remove = two_records(svc)
    writes = []
    event.listen(database.engine, "commit", lambda _c: writes.append(1))
    preview = svc.merge.preview(keep_id=keep, remove_id=remove)
    assert writes == [], "a preview writes nothing"

    assert [f.name for f in preview.fields] == list(PERSON_FIELDS)
    assert [f.label for f in preview.fields] == [spec.label for spec in PERSON_FIELDS.values()]
    by_name = {f.name: f for f in preview.fields}
    assert (by_name["given_name"].after, by_name["given_name"].how) == ("Hodan", SAME)
    assert (by_name["phone"].kept, by_name["phone"].removed, by_name["phone"].after, by_name["phone"].how) == (
        None,
        "612-555-0199",
        "612-555-0199",
        FILLED,
    )
    assert (by_name["languages"].after, by_name["languages"].how) == ("Somali, English", COMBINED)
    assert (by_name["email"].after, by_name["email"].how) == ("hodan@example.org", KEPT)
    assert preview.filled == ["Phone", "Languages"] and preview.conflicts == ["E-mail"]

    assert preview.kept.person.id == keep and preview.removed.person.id == remove
    assert preview.kept.committees == ("EAC", "Plan team")
    assert preview.removed.committees == ("Audit steering", "EAC")
    assert preview.memberships_moved == ("Audit steering",)
    assert preview.memberships_dropped == ("EAC",)
    assert preview.committees_after == ("Audit steering", "EAC", "Plan team")
    assert (preview.kept.meetings_attended, preview.removed.meetings_attended) == (2, 1)
    assert (preview.meetings_merged, preview.meetings_after) == (1, 2)
    owned = (preview.kept.action_items_owned, preview.removed.action_items_owned, preview.action_items_after)
    assert owned == (0, 1, 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        preview.meetings_merged = 0  # type: ignore[misc]

    result = svc.merge.merge(keep_id=keep, remove_id=remove)
    assert [PERSON_FIELDS[k].label for k in result.filled] == preview.filled
    assert [c.split(":", 1)[0] for c in result.conflicts] == preview.conflicts
    assert result.memberships_moved == len(preview.memberships_moved)
    assert tuple(m.committee_name for m in svc.people.memberships_of(keep)) == preview.committees_after
    assert len(svc.attendance.history_of(keep)) == preview.meetings_after
    kept = svc.people.get(keep)
    assert {f.name: getattr(kept, f.name) for f in preview.fields} == {f.name: f.after for f in preview.fields}


def test_the_record_to_keep_by_default(svc: Services) -> None:
    first, second = two_records(svc)
    # Two committees each, but the first attended two meetings and the second one: the first is kept.
    assert svc.merge.suggest_keep(first_id=first, second_id=second) == first
    assert svc.merge.suggest_keep(first_id=second, second_id=first) == first
    assert svc.merge.preview(keep_id=second, remove_id=first).suggested_keep_id == first

    lone = svc.people.create(given_name="Hodan", family_name="Abdi", phone="1", notes="x", organization="y").id
    bare = svc.people.create(given_name="Hodan", family_name="Abdi").id
    assert svc.merge.suggest_keep(first_id=bare, second_id=lone) == lone, "no committees: more details win"
    twin = svc.people.create(given_name="Hodan", family_name="Abdi").id
    assert svc.merge.suggest_keep(first_id=twin, second_id=bare) == bare, "all else equal: the older record"
    assert svc.merge.suggest_keep(first_id=lone, second_id=first) == first, "committees and attendance first"


def test_preview_refuses_what_merge_refuses(svc: Services) -> None:
    person = svc.people.create(given_name="Ka", family_name="Vang").id
    with pytest.raises(DomainError, match="two different people"):
        svc.merge.preview(keep_id=person, remove_id=person)
    with pytest.raises(NotFound):
        svc.merge.preview(keep_id=person, remove_id=9999)
    with pytest.raises(NotFound):
        svc.merge.suggest_keep(first_id=9999, second_id=person)
