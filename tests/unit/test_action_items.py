"""Action items as the chair follows them up: ready views on a movable clock, owners, the progress log, bulk edits."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from equitydesk.db.engine import Database
from equitydesk.domain.enums import ActionStatus
from equitydesk.services.actions import VIEWS, school_year_start
from equitydesk.services.context import ServiceContext
from equitydesk.services.crud import ListQuery
from equitydesk.services.errors import DomainError, NotFound
from equitydesk.services.registry import Services
from tests.factories import make_committee, make_meeting, make_person, make_strategy


class Clock:
    """Today, as the services see it; a test moves it instead of sleeping."""

    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


@pytest.fixture
def clock() -> Clock:
    return Clock(date(2025, 11, 12))


@pytest.fixture
def svc(db: Database, clock: Clock) -> Services:
    return Services.build(ServiceContext(db.sessions, actor="tester", today=clock))


def ids(svc: Services, view: str, **filters: object) -> list[int]:
    return svc.actions.list_ids(ListQuery(filters={"view": view, **filters}, sort="due_on"))


def test_the_ready_views_follow_the_clock(svc: Services, clock: Clock) -> None:
    eac = make_committee(svc, name="EAC")
    today = clock.day
    late = svc.actions.create(committee_id=eac.id, title="Late", due_on=today - timedelta(days=1))
    soon = svc.actions.create(committee_id=eac.id, title="Soon", due_on=today + timedelta(days=5))
    later = svc.actions.create(committee_id=eac.id, title="Later", due_on=today + timedelta(days=12))
    far = svc.actions.create(committee_id=eac.id, title="Far", due_on=today + timedelta(days=40))
    done = svc.actions.create(committee_id=eac.id, title="Done", due_on=today - timedelta(days=3), status="done")

    assert ids(svc, "overdue") == [late.id]
    assert ids(svc, "due_7") == [soon.id]
    assert ids(svc, "due_14") == [soon.id, later.id]
    assert set(ids(svc, "open")) == {late.id, soon.id, later.id, far.id}
    assert ids(svc, "done_year") == [done.id]

    clock.day = today + timedelta(days=13)  # two weeks on, nothing touched: three items are late now
    assert ids(svc, "overdue") == [late.id, soon.id, later.id]
    assert svc.actions.overdue_count(ListQuery(filters={"view": "open"})) == 3
    words = svc.actions.fetch_rows([late.id, far.id])
    assert words[late.id]["due_state"] == "Overdue" and words[far.id]["due_state"] is None
    clock.day = far.due_on - timedelta(days=2)
    assert svc.actions.fetch_rows([far.id])[far.id]["due_state"] == "Due soon"


def test_done_this_school_year_starts_on_july_first(svc: Services, clock: Clock) -> None:
    assert school_year_start(date(2025, 11, 12)) == date(2025, 7, 1)
    assert school_year_start(date(2026, 6, 30)) == date(2025, 7, 1)
    assert school_year_start(date(2026, 7, 1)) == date(2026, 7, 1)
    eac = make_committee(svc)
    june = svc.actions.create(committee_id=eac.id, title="June", status="done", completed_on=date(2025, 6, 30))
    july = svc.actions.create(committee_id=eac.id, title="July", status="done", completed_on=date(2025, 7, 1))
    assert ids(svc, "done_year") == [july.id]
    assert june.id in ids(svc, "all")


def test_free_filters_sorting_and_counts_are_in_sql(svc: Services, clock: Clock) -> None:
    eac, other = make_committee(svc, name="EAC"), make_committee(svc, name="A&I team")
    mai = make_person(svc, given_name="Mai", family_name="Vang", email="mai@example.org")
    strategy = make_strategy(svc, code="S2", title="Family engagement")
    a = svc.actions.save(values={"committee_id": eac.id, "title": "Call families", "priority": "high",
                                 "due_on": date(2025, 11, 20), "strategy_id": strategy.id},
                         owners=[mai.id, "Facilities"]).record  # fmt: skip
    b = svc.actions.save(values={"committee_id": eac.id, "title": "Book room", "due_on": date(2025, 11, 14)},
                         owners=["Facilities"]).record  # fmt: skip
    c = svc.actions.save(values={"committee_id": other.id, "title": "Survey", "status": "in_progress"}).record

    def q(**filters: object) -> list[int]:
        return svc.actions.list_ids(ListQuery(filters=filters, sort="due_on"))

    assert q(owner=mai.id) == [a.id]
    assert q(owner="facil") == [b.id, a.id]
    assert q(committee_id=other.id) == [c.id]
    assert q(committee="eac") == [b.id, a.id]
    assert q(priority="high") == [a.id]
    assert q(status=["in_progress"]) == [c.id]
    assert q(due_from=date(2025, 11, 15), due_to=date(2025, 11, 30)) == [a.id]
    assert svc.actions.list_ids(ListQuery(text="room")) == [b.id]
    assert svc.actions.list_ids(ListQuery(text="vang")) == [a.id]
    # Status sorts as the work goes (open before in progress), priority high first, owners by name.
    assert svc.actions.list_ids(ListQuery(sort="status"))[-1] == c.id
    assert svc.actions.list_ids(ListQuery(sort="priority"))[0] == a.id
    assert svc.actions.fetch_rows([a.id])[a.id]["owner"] == "Mai Vang, Facilities"
    assert svc.actions.fetch_rows([a.id])[a.id]["strategy"] == "S2 Family engagement"
    counts = svc.actions.status_counts(ListQuery(filters={"committee_id": eac.id}))
    assert counts[ActionStatus.OPEN] == 2 and counts[ActionStatus.IN_PROGRESS] == 0
    assert {v.key for v in VIEWS} >= {"overdue", "due_7", "due_14", "by_owner", "by_strategy", "by_meeting",
                                      "by_status", "done_year"}  # fmt: skip
    for view in VIEWS:  # every view runs, with its own sort
        svc.actions.list_ids(ListQuery(filters={"view": view.key}, sort=view.sort, descending=view.descending))


def test_status_and_due_date_changes_are_logged_with_their_day(svc: Services, clock: Clock) -> None:
    eac = make_committee(svc)
    item = svc.actions.save(values={"committee_id": eac.id, "title": "Translate flyer", "due_on": date(2025, 11, 30)})
    action_id = item.record.id
    clock.day = date(2025, 11, 14)
    moved = svc.actions.save(action_id, values={"status": "in_progress", "due_on": date(2025, 12, 5)},
                             note="Spanish draft back from the translator.")  # fmt: skip
    assert moved.before is not None and moved.before.values["due_on"] == date(2025, 11, 30)
    clock.day = date(2025, 11, 20)
    svc.actions.add_note(action_id, note="Somali version next week.")
    with pytest.raises(DomainError, match="reason"):
        svc.actions.set_status(action_id, status="blocked")
    svc.actions.set_status(action_id, status="blocked", reason="Waiting for the district budget")
    assert svc.actions.get(action_id).status_reason == "Waiting for the district budget"
    clock.day = date(2025, 12, 1)
    done = svc.actions.mark_done(action_id, note="Printed and sent home.")
    assert done.record.completed_on == date(2025, 12, 1) and done.record.status_reason is None

    log = svc.actions.updates(action_id)
    assert [(u.on, u.status_from, u.status_to, u.due_from, u.due_to, u.note) for u in log] == [
        (date(2025, 11, 14), "open", "in_progress", date(2025, 11, 30), date(2025, 12, 5),
         "Spanish draft back from the translator."),
        (date(2025, 11, 20), None, None, None, None, "Somali version next week."),
        (date(2025, 11, 20), "in_progress", "blocked", None, None, "Waiting for the district budget"),
        (date(2025, 12, 1), "blocked", "done", None, None, "Printed and sent home."),
    ]  # fmt: skip
    reopened = svc.actions.set_status(action_id, status="open")
    assert reopened.record.completed_on is None


def test_several_owners_members_and_free_text(svc: Services) -> None:
    eac = make_committee(svc)
    mai, abdi = make_person(svc, given_name="Mai", family_name="Vang"), make_person(svc, given_name="Abdi")
    item = svc.actions.save(values={"committee_id": eac.id, "title": "Tour"}, owners=[abdi.id, "Facilities", mai.id])
    owners = svc.actions.owners(item.record.id)
    assert [o.spec for o in owners] == [abdi.id, "Facilities", mai.id]
    assert item.record.owner_person_id == abdi.id  # the single-owner columns mirror the first owner
    changed = svc.actions.save(item.record.id, values={}, owners=["Facilities"])
    assert changed.before is not None and changed.before.owners == (abdi.id, "Facilities", mai.id)
    assert svc.actions.get(item.record.id).owner_person_id is None
    legacy = svc.actions.create(committee_id=eac.id, title="Old style", owner_person_id=mai.id)
    assert [o.name for o in svc.actions.owners(legacy.id)] == ["Mai Vang"]


def test_bulk_edits_are_all_or_nothing_and_undoable(svc: Services, clock: Clock) -> None:
    eac = make_committee(svc)
    items = [svc.actions.create(committee_id=eac.id, title=f"Item {n}", due_on=date(2025, 11, 1)) for n in range(3)]
    with pytest.raises(NotFound):
        svc.actions.set_status_many([items[0].id, items[1].id, 999_999], status="done")
    assert {svc.actions.get(i.id).status for i in items} == {ActionStatus.OPEN}
    assert svc.actions.updates(items[0].id) == []

    result = svc.actions.set_status_many([i.id for i in items], status="done", note="Closed at the meeting.")
    assert result.changed == 3
    assert {svc.actions.get(i.id).completed_on for i in items} == {clock.day}
    assert all(svc.actions.updates(i.id)[-1].note == "Closed at the meeting." for i in items)
    svc.actions.restore(result.before)  # what an undo does
    assert {svc.actions.get(i.id).status for i in items} == {ActionStatus.OPEN}
    assert {svc.actions.get(i.id).completed_on for i in items} == {None}

    moved = svc.actions.set_due_many([i.id for i in items], due_on=date(2025, 12, 15))
    assert {svc.actions.get(i.id).due_on for i in items} == {date(2025, 12, 15)}
    assert svc.actions.updates(items[0].id)[-1].due_from == date(2025, 11, 1)
    assert [s.values["due_on"] for s in moved.before] == [date(2025, 11, 1)] * 3
    svc.actions.set_owners_many([i.id for i in items], owners=["Principal's office"])
    assert svc.actions.list_ids(ListQuery(filters={"owner": "principal"})) == [i.id for i in items]
    with pytest.raises(DomainError, match="reason"):
        svc.actions.set_status_many([i.id for i in items], status="dropped")
    assert {svc.actions.get(i.id).status for i in items} == {ActionStatus.OPEN}


def test_an_item_from_a_meeting_keeps_its_origin(svc: Services) -> None:
    eac = make_committee(svc)
    meeting = make_meeting(svc, committee=eac)
    item = svc.actions.save(values={"committee_id": eac.id, "title": "Follow up", "meeting_id": meeting.id}).record
    row = svc.actions.fetch_rows([item.id])[item.id]
    assert row["meeting"].endswith("Regular meeting")
    assert svc.actions.list_ids(ListQuery(filters={"view": "by_meeting"}, sort="meeting")) == [item.id]


def test_by_owner_sorts_people_by_family_name_as_a_roster_does(svc: Services) -> None:
    eac = make_committee(svc, name="EAC")
    made = {}
    for given, family in (("Abdi", "Warsame"), ("Zoua", "Vang"), ("Mai", "Vang"), ("Carlos", "Ortiz")):
        person = make_person(svc, given_name=given, family_name=family)
        made[given] = svc.actions.save(values={"committee_id": eac.id, "title": f"For {given}"},
                                       owners=[person.id]).record.id  # fmt: skip
    made["Facilities"] = svc.actions.save(values={"committee_id": eac.id, "title": "For facilities"},
                                          owners=["Facilities"]).record.id  # fmt: skip
    view = next(v for v in VIEWS if v.key == "by_owner")
    order = svc.actions.list_ids(ListQuery(filters={"view": view.key}, sort=view.sort))
    assert order == [made[k] for k in ("Facilities", "Carlos", "Mai", "Zoua", "Abdi")], "Ortiz, Vang M., Vang Z."
    listed = svc.actions.fetch_rows(order)
    assert listed[made["Carlos"]]["owner"] == "Carlos Ortiz", "shown first name first, sorted family name first"
