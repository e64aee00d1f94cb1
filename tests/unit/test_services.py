"""The core services: create, edit, list, archive and delete each kind of record, its rules, and the change log."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from factories import (
    make_action,
    make_agenda_item,
    make_committee,
    make_goal,
    make_indicator,
    make_meeting,
    make_membership,
    make_person,
    make_plan,
    make_strategy,
)
from sqlalchemy import func, select

from equitydesk.db.tables import ActionItem, ActionUpdate, ChangeLog, Membership, Person
from equitydesk.domain.enums import ActionStatus, AttendanceStatus, MinutesStatus, StakeholderGroup
from equitydesk.services import changelog
from equitydesk.services.crud import ListQuery
from equitydesk.services.errors import DomainError
from equitydesk.services.registry import Services


def log_rows(services: Services, entity: str, entity_id: int) -> list[changelog.ChangeEntry]:
    with services.ctx.sessions() as session:
        return list(reversed(changelog.history(session, entity=entity, entity_id=entity_id)))


def count(services: Services, table: Any) -> int:
    with services.ctx.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def names(services: Services, query: ListQuery) -> list[str]:
    return [row["name"] for row in services.people.list(query).rows]


# --- people ------------------------------------------------------------------------------------------------


def test_person_create_edit_archive_delete_each_write_a_change_log_row(services: Services) -> None:
    person = services.people.create(given_name="  Hodan ", family_name="Abdi Warsame", email="Hodan@Example.org")
    assert (person.given_name, person.email_key) == ("Hodan", "hodan@example.org")

    services.people.update(person.id, phone="612-555-0141", given_name="Hodan")  # unchanged given name: not logged
    services.people.archive(person.id)

    entries = log_rows(services, "person", person.id)
    assert [e.action for e in entries] == ["create", "update", "archive"]
    assert entries[0].changes["family_name"] == [None, "Abdi Warsame"]
    assert entries[1].changes == {"phone": [None, "612-555-0141"]}
    assert entries[2].changes == {"archived": [False, True]}

    # Erasing a person erases what the log says about them: only the bare fact of the erasure stays.
    services.people.delete(person.id)
    entries = log_rows(services, "person", person.id)
    assert [(e.action, e.changes) for e in entries] == [("delete", {})]
    assert {e.actor for e in entries} == {"tester"}
    assert count(services, Person) == 0


def test_person_list_filters_sorts_and_pages(services: Services) -> None:
    for given, family in [("Mai Nou", "Xiong"), ("Pa Houa", "Vang"), ("Kou", "Yang"), ("Chue", "Thao"), ("Yer", "Lor")]:
        make_person(services, given_name=given, family_name=family)

    page = services.people.list(ListQuery(sort="name"), offset=1, limit=2)
    assert page.total == 5
    assert [r["name"] for r in page.rows] == ["Thao, Chue", "Vang, Pa Houa"]
    assert names(services, ListQuery(sort="name", descending=True))[0] == "Yang, Kou"
    assert names(services, ListQuery(text="pa vang")) == ["Vang, Pa Houa"]


def test_archived_people_are_hidden_unless_asked_for(services: Services) -> None:
    kept = make_person(services, given_name="Kept")
    gone = make_person(services, given_name="Gone")
    services.people.archive(gone.id)
    assert services.people.list_ids() == [kept.id]
    assert services.people.list_ids(ListQuery(include_archived=True)) == [kept.id, gone.id]
    services.people.archive(gone.id, archived=False)
    assert log_rows(services, "person", gone.id)[-1].action == "restore"


@pytest.mark.parametrize("email", ["hodan", "hodan@", "hodan@example", "ho dan@example.org", "h@.org"])
def test_a_bad_email_is_refused_with_a_readable_message(services: Services, email: str) -> None:
    with pytest.raises(DomainError, match="is not an e-mail address") as info:
        make_person(services, email=email)
    assert info.value.field == "email"


def test_the_same_email_in_other_letter_case_is_a_duplicate(services: Services) -> None:
    make_person(services, email="mai.xiong@example.org")
    with pytest.raises(DomainError, match=re.escape("Another person already has the e-mail mai.xiong@example.org")):
        make_person(services, email="MAI.Xiong@Example.org")


def test_a_person_needs_a_name(services: Services) -> None:
    with pytest.raises(DomainError, match="needs a given name or a family name"):
        services.people.create(given_name=" ", family_name="")


def test_a_failing_create_leaves_no_row_and_no_log_entry(services: Services) -> None:
    make_person(services, email="a@example.org")
    people, logs = count(services, Person), count(services, ChangeLog)
    with pytest.raises(DomainError):
        make_person(services, email="A@example.org")
    with pytest.raises(DomainError, match="refers to something that no longer exists"):
        services.memberships.create(person_id=9999, committee_id=9999)
    assert (count(services, Person), count(services, ChangeLog)) == (people, logs)
    assert count(services, Membership) == 0


def test_several_writes_in_one_transaction_all_roll_back_together(services: Services) -> None:
    people = services.people
    with pytest.raises(DomainError), services.ctx.sessions.begin() as session:
        people.create_in(session, people.clean({"given_name": "Saw Eh Htoo"}, partial=False))
        people.create_in(session, people.clean({"given_name": "Naw Paw Say", "email": "bad"}, partial=False))
    assert count(services, Person) == count(services, ChangeLog) == 0


# --- people filters ----------------------------------------------------------------------------------------


def test_committee_and_group_filters_apply_to_the_same_membership(services: Services) -> None:
    eac, team = make_committee(services, name="Equity Advisory Committee"), make_committee(services, name="A&I")
    both = make_person(services, given_name="Parent here, teacher there")
    make_membership(services, person=both, committee=eac, stakeholder_group="parent_guardian")
    make_membership(services, person=both, committee=team, stakeholder_group="teacher")
    teacher = make_person(services, given_name="Teacher here")
    make_membership(services, person=teacher, committee=eac, stakeholder_group=StakeholderGroup.TEACHER)

    query = ListQuery(filters={"committee_id": eac.id, "stakeholder_group": "teacher"})
    assert services.people.list_ids(query) == [teacher.id]
    assert services.people.list_ids(ListQuery(filters={"committee_id": team.id})) == [both.id]


def test_term_filters_use_the_services_today(services: Services, today: date) -> None:
    committee = make_committee(services)
    people = {}
    for label, end in [("current", 400), ("soon", 30), ("past", -1), ("open", None)]:
        person = make_person(services, given_name=label)
        people[label] = person.id
        term_end = today + timedelta(days=end) if end is not None else None
        make_membership(services, person=person, committee=committee, term_start=date(2023, 9, 1), term_end=term_end)

    def term(kind: str) -> set[int]:
        return set(services.people.list_ids(ListQuery(filters={"term": kind})))

    assert term("current") == {people["current"], people["soon"], people["open"]}
    assert term("ending_soon") == {people["soon"]}
    assert term("past") == {people["past"]}
    with pytest.raises(DomainError, match="Unknown term filter"):
        term("someday")


def test_language_and_interpreter_filters(services: Services) -> None:
    somali = make_person(services, languages="Somali, English")
    interpreted = make_person(services, languages="Somali", interpreter_language="Somali")
    english = make_person(services, languages="English")
    assert services.people.list_ids(ListQuery(filters={"language": "somali"})) == [somali.id, interpreted.id]
    assert services.people.list_ids(ListQuery(filters={"interpreter_needed": True})) == [interpreted.id]
    assert services.people.list_ids(ListQuery(filters={"interpreter_needed": False})) == [somali.id, english.id]


# --- committees and memberships ----------------------------------------------------------------------------


def test_committee_names_are_unique_ignoring_case(services: Services) -> None:
    committee = make_committee(services, name="Equity Advisory Committee", purpose="Advise the board.")
    with pytest.raises(DomainError, match="already a committee called equity advisory committee"):
        make_committee(services, name="equity advisory committee")
    services.committees.update(committee.id, name="Equity Advisory Council")
    assert log_rows(services, "committee", committee.id)[-1].changes == {
        "name": ["Equity Advisory Committee", "Equity Advisory Council"]
    }
    services.committees.archive(committee.id)
    assert services.committees.list().total == 0


def test_a_quorum_share_is_a_fraction(services: Services) -> None:
    with pytest.raises(DomainError, match="between 0 and 1"):
        make_committee(services, quorum_kind="share", quorum_value=3)


def test_membership_rules_and_listing(services: Services) -> None:
    person, committee = make_person(services, family_name="Kingbird"), make_committee(services)
    with pytest.raises(DomainError, match="term cannot end before it starts"):
        make_membership(
            services, person=person, committee=committee, term_start=date(2025, 9, 1), term_end=date(2025, 8, 1)
        )
    membership = make_membership(services, person=person, committee=committee, role="co-chair")
    with pytest.raises(DomainError, match="already a member of that committee"):
        make_membership(services, person=person, committee=committee)
    services.memberships.update(membership.id, voting=False)
    rows = services.memberships.list(ListQuery(text="kingbird")).rows
    assert [(r["role"].value, r["voting"]) for r in rows] == [("co_chair", False)]
    services.memberships.delete(membership.id)
    assert log_rows(services, "membership", membership.id)[-1].action == "delete"


# --- meetings ----------------------------------------------------------------------------------------------


def test_meeting_create_edit_list_and_delete(services: Services) -> None:
    committee = make_committee(services, name="EAC")
    october = make_meeting(services, committee=committee, title="October meeting")
    november = make_meeting(services, committee=committee, title="November", starts_at="2025-11-11 18:00")
    services.meetings.update(october.id, location="Roosevelt High School, Media Center")
    rows = services.meetings.list(ListQuery(sort="starts_at", descending=True)).rows
    assert [r["title"] for r in rows] == ["November", "October meeting"]
    assert rows[1]["location"] == "Roosevelt High School, Media Center"
    services.meetings.delete(november.id)
    assert services.meetings.list().total == 1


def test_a_meeting_cannot_end_before_it_starts(services: Services) -> None:
    with pytest.raises(DomainError, match="cannot end before it starts"):
        make_meeting(services, starts_at=datetime(2025, 10, 14, 18), ends_at=datetime(2025, 10, 14, 17))


def test_approved_minutes_are_locked(services: Services) -> None:
    meeting = make_meeting(services, minutes_status="approved", minutes_approved_on=date(2025, 11, 11))
    with pytest.raises(DomainError, match="approved and locked"):
        services.meetings.update(meeting.id, title="Changed")
    services.meetings.update(meeting.id, minutes_status=MinutesStatus.DRAFT)  # reopening is allowed
    assert services.meetings.update(meeting.id, title="Changed").title == "Changed"


def test_approved_minutes_lock_agenda_attendance_and_decisions(services: Services) -> None:
    meeting = make_meeting(services)
    item = make_agenda_item(services, meeting=meeting, title="Budget")
    person = services.people.create(given_name="Ka", family_name="Vang")
    services.meetings.update(meeting.id, minutes_status=MinutesStatus.APPROVED)
    with pytest.raises(DomainError, match="approved and locked"):
        services.agenda.update(item.id, minutes_text="rewritten")
    with pytest.raises(DomainError, match="approved and locked"):
        services.agenda.delete(item.id)
    with pytest.raises(DomainError, match="approved and locked"):
        services.attendance.create(meeting_id=meeting.id, person_id=person.id, status="present")
    with pytest.raises(DomainError, match="approved and locked"):
        services.decisions.create(meeting_id=meeting.id, motion="Adopt", outcome="carried")
    assert services.agenda.get(item.id).minutes_text is None


def test_agenda_items_attendance_decisions_and_quorum(services: Services) -> None:
    committee = make_committee(services, quorum_kind="share", quorum_value=0.51)
    meeting = make_meeting(services, committee=committee)
    members = [make_membership(services, committee=committee) for _ in range(4)]
    item = make_agenda_item(services, meeting=meeting, title="Interpreters at conferences", minutes_allotted=15)
    services.agenda.update(item.id, kind="action", presenter="Chue Thao")
    assert services.agenda.list(ListQuery(text="interpreters")).rows[0]["presenter"] == "Chue Thao"
    with pytest.raises(DomainError, match="Minutes allotted must be at most 600"):
        make_agenda_item(services, meeting=meeting, minutes_allotted=601)

    for m, status in zip(members, ["present", "remote", "absent", "excused"], strict=True):
        services.attendance.create(meeting_id=meeting.id, person_id=m.person_id, status=status)
    with pytest.raises(DomainError, match="already exists"):
        services.attendance.create(meeting_id=meeting.id, person_id=members[0].person_id, status="absent")
    quorum = services.meetings.quorum(meeting.id)
    assert (quorum.voting_members, quorum.voting_present, quorum.needed, quorum.met) == (4, 2, 3, False)
    record = services.attendance.list(ListQuery(filters={"person_id": members[2].person_id})).rows[0]
    services.attendance.update(record["id"], status=AttendanceStatus.PRESENT)
    assert services.meetings.quorum(meeting.id).met

    with pytest.raises(DomainError, match="Motion is required"):
        services.decisions.create(meeting_id=meeting.id, outcome="carried")
    decision = services.decisions.create(
        meeting_id=meeting.id, agenda_item_id=item.id, motion="Budget interpreters.", outcome="Carried", votes_for=3
    )
    with pytest.raises(DomainError, match="only 3 voting members are present"):
        services.decisions.update(decision.id, votes_against=1)  # four votes from three members present
    services.decisions.update(decision.id, votes_for=2, votes_against=1)
    assert [e.action for e in log_rows(services, "decision", decision.id)] == ["create", "update"]


# --- action items ------------------------------------------------------------------------------------------


def test_a_status_change_writes_an_update_and_done_sets_completed_on(services: Services, today: date) -> None:
    action = make_action(services, due_on=today - timedelta(days=3))
    services.actions.update(action.id, status="in progress")
    done = services.actions.update(action.id, status=ActionStatus.DONE)
    assert done.completed_on == today
    updates = services.actions.updates(action.id)
    assert [(u.status_from, u.status_to, u.on, u.author) for u in updates] == [
        (ActionStatus.OPEN, ActionStatus.IN_PROGRESS, today, "tester"),
        (ActionStatus.IN_PROGRESS, ActionStatus.DONE, today, "tester"),
    ]
    reopened = services.actions.update(action.id, status="open")
    assert reopened.completed_on is None
    assert log_rows(services, "action_item", action.id)[-1].changes["completed_on"] == [today.isoformat(), None]


def test_action_filters_owner_and_rules(services: Services, today: date) -> None:
    committee = make_committee(services)
    owner = make_person(services, given_name="Keisha", family_name="Washington")
    late = make_action(services, committee=committee, owner_person_id=owner.id, due_on=today - timedelta(days=1))
    make_action(services, committee=committee, owner_text="District Communications Office", due_on=today)
    finished = make_action(services, committee=committee, status="done", completed_on=today - timedelta(days=9))
    make_action(services, committee=committee, status="dropped", due_on=today - timedelta(days=30))

    assert services.actions.list_ids(ListQuery(filters={"overdue": True})) == [late.id]
    assert len(services.actions.list_ids(ListQuery(filters={"open": True}))) == 2
    assert services.actions.list_ids(ListQuery(filters={"status": "done"})) == [finished.id]
    owners = [r["owner"] for r in services.actions.list(ListQuery(sort="owner")).rows]
    assert owners[:2] == ["District Communications Office", "Keisha Washington"]
    with pytest.raises(DomainError, match="Only a done action item has a completion date"):
        make_action(services, committee=committee, completed_on=today)
    with pytest.raises(DomainError, match="needs some text or a status change"):
        services.action_updates.create(action_item_id=late.id, on=today)
    services.action_updates.create(action_item_id=late.id, on=today, note="Asked HR again.")
    assert count(services, ActionUpdate) == 1
    services.actions.delete(late.id)
    assert count(services, ActionItem) == 3 and count(services, ActionUpdate) == 0


# --- plans -------------------------------------------------------------------------------------------------


def test_plan_strategy_goal_indicator_measurement(services: Services) -> None:
    plan = make_plan(services, name="Achievement and Integration Plan 2024–2027", kind="ai_plan")
    with pytest.raises(DomainError, match="already a plan with that name"):
        make_plan(services, name="Achievement and Integration Plan 2024–2027", kind="ai_plan")
    with pytest.raises(DomainError, match="cannot end before it starts"):
        make_plan(services, period_start=date(2027, 1, 1), period_end=date(2024, 1, 1))
    strategy = make_strategy(services, plan=plan, code="II", title="Reducing academic disparities")
    goal = make_goal(services, strategy=strategy, goal_type="Reducing achievement disparities")
    indicator = make_indicator(services, goal=goal, direction="decrease", baseline_value="31.4")
    services.measurements.create(indicator_id=indicator.id, measured_on=date(2024, 9, 1), value=30.2)
    with pytest.raises(DomainError, match="already has a measurement on that date"):
        services.measurements.create(indicator_id=indicator.id, measured_on=date(2024, 9, 1), value=29.0)
    assert services.plans.list().rows[0]["strategies"] == 1
    services.plans.archive(plan.id)
    assert services.plans.list().total == 0


def test_a_gap_indicator_needs_both_groups(services: Services) -> None:
    with pytest.raises(DomainError, match="needs both a student group and a comparison group"):
        make_indicator(services, kind="gap", student_group="Black students")
    gap = make_indicator(services, student_group="Black students", comparison_group="White students")
    with pytest.raises(DomainError, match="needs both"):
        services.indicators.update(gap.id, comparison_group="")


def test_a_status_set_by_hand_needs_a_reason(services: Services, today: date) -> None:
    strategy = make_strategy(services)
    with pytest.raises(DomainError, match="Say why"):
        services.status_updates.create(strategy_id=strategy.id, on=today, status="off_track", is_override=True)
    with pytest.raises(DomainError, match="exactly one strategy, goal or indicator"):
        services.status_updates.create(on=today, status="on_track")
    services.status_updates.create(
        strategy_id=strategy.id, on=today, status="Off track", is_override=True, reason="Staff left mid-year."
    )
    assert services.strategies.list().rows[0]["status"].value == "off_track"


def test_unknown_fields_and_filters_are_refused(services: Services) -> None:
    with pytest.raises(DomainError, match="Unknown field"):
        services.people.create(given_name="A", citizenship="x")
    with pytest.raises(DomainError, match="Unknown filter"):
        services.committees.list(ListQuery(filters={"nonsense": 1}))
