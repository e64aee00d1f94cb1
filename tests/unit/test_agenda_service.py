"""The agenda builder and meeting scheduling services: dense positions, copy previous, carry-forward, all or nothing."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from equitydesk.db.tables import AgendaItem, ChangeLog, Meeting
from equitydesk.domain.carry_forward import REVIEW_TITLE
from equitydesk.domain.meeting_series import school_year_rule
from equitydesk.services.errors import DomainError, NotFound
from equitydesk.services.registry import Services


@pytest.fixture
def eac(services: Services, today: date) -> dict[str, int]:
    committee = services.committees.create(name="Equity Advisory Committee")
    chue = services.people.create(given_name="Chue", family_name="Thao")
    services.memberships.create(person_id=chue.id, committee_id=committee.id)
    october = services.meetings.create(
        committee_id=committee.id,
        title="October meeting",
        starts_at=datetime.combine(today - timedelta(days=30), time(18)),
        ends_at=datetime.combine(today - timedelta(days=30), time(20)),
        location="Board Room",
        virtual_link="https://meet.example.org/eac",
        status="held",
    )
    plan = services.plans.create(name="Roadmap", kind="strategic_roadmap")
    strategy = services.strategies.create(plan_id=plan.id, code="5", title="Student voice")
    for title, owner, status in (
        ("Book interpreters", chue.id, "open"),
        ("Draft guidelines", None, "in_progress"),
        ("Map partners", None, "blocked"),
        ("Send the report", None, "done"),
    ):
        services.actions.create(
            committee_id=committee.id,
            title=title,
            owner_person_id=owner,
            status=status,
            owner_text=None if owner else "District office",
            due_on=today + timedelta(days=3),
        )
    return {"committee": committee.id, "october": october.id, "chue": chue.id, "strategy": strategy.id}


def positions(services: Services, meeting_id: int) -> list[tuple[int, str]]:
    return [(line.item.position, line.item.title) for line in services.agenda.plan(meeting_id=meeting_id).lines]


def test_add_insert_duplicate_move_remove_keep_positions_dense(services: Services, eac: dict[str, int]) -> None:
    m = eac["october"]
    a = services.agenda.add(meeting_id=m, title="A", minutes_allotted=10)
    b = services.agenda.add(meeting_id=m, title="B", minutes_allotted=20)
    services.agenda.add(meeting_id=m, title="First", index=0)
    assert positions(services, m) == [(1, "First"), (2, "A"), (3, "B")]
    copy = services.agenda.duplicate(item_id=a.id)
    assert copy.minutes_allotted == 10 and copy.id != a.id
    assert positions(services, m) == [(1, "First"), (2, "A"), (3, "A"), (4, "B")]
    services.agenda.move(item_id=b.id, index=0)
    assert positions(services, m) == [(1, "B"), (2, "First"), (3, "A"), (4, "A")]
    services.agenda.move(item_id=b.id, index=99)
    assert [t for _p, t in positions(services, m)] == ["First", "A", "A", "B"]
    services.agenda.remove(item_id=a.id)
    assert positions(services, m) == [(1, "First"), (2, "A"), (3, "B")]


def test_the_plan_gives_start_times_and_says_when_it_runs_over(services: Services, eac: dict[str, int]) -> None:
    m = eac["october"]
    services.agenda.add(meeting_id=m, title="Welcome", minutes_allotted=15, presenter_person_id=eac["chue"])
    services.agenda.add(meeting_id=m, title="Roadmap", minutes_allotted=90, strategy_id=eac["strategy"],
                        presenter="District staff")  # fmt: skip
    services.agenda.add(meeting_id=m, title="Public comment", minutes_allotted=30, kind="public_comment")
    plan = services.agenda.plan(meeting_id=m)
    assert [f"{line.starts_at:%H:%M}" for line in plan.lines] == ["18:00", "18:15", "19:45"]
    assert [line.presenter_name for line in plan.lines] == ["Chue Thao", "District staff", None]
    assert plan.lines[1].strategy_label == "5 Student voice"
    assert plan.runs_over and plan.words == "Runs 15 minutes past the scheduled end, 8:00 PM."


def test_a_member_presenter_replaces_free_text_and_back(services: Services, eac: dict[str, int]) -> None:
    item = services.agenda.add(meeting_id=eac["october"], title="Item", presenter="Someone")
    item = services.agenda.edit_item(item_id=item.id, presenter_person_id=eac["chue"])
    assert (item.presenter, item.presenter_person_id) == (None, eac["chue"])
    item = services.agenda.edit_item(item_id=item.id, presenter="HR department")
    assert (item.presenter, item.presenter_person_id) == ("HR department", None)
    with pytest.raises(DomainError):
        services.agenda.edit_item(item_id=item.id, position=4)


def test_next_meeting_gets_the_review_of_open_actions_and_items_not_reached(
    services: Services, eac: dict[str, int], today: date
) -> None:
    m = eac["october"]
    services.agenda.add(meeting_id=m, title="Welcome", minutes_allotted=10)
    late = services.agenda.add(meeting_id=m, title="Ethnic studies elective", minutes_allotted=20,
                               strategy_id=eac["strategy"], confidential=True)  # fmt: skip
    done = services.agenda.add(meeting_id=m, title="Budget", minutes_allotted=20)
    services.agenda.set_reached(item_id=late.id, reached=False)
    services.agenda.set_reached(item_id=done.id, reached=True)
    new = services.meetings.schedule(committee_id=eac["committee"], title="November meeting",
                                     starts_at=datetime.combine(today + timedelta(days=1), time(18)))  # fmt: skip
    lines = services.agenda.plan(meeting_id=new.id).lines
    assert [(line.item.position, line.item.title) for line in lines] == [
        (1, REVIEW_TITLE),
        (2, "Ethnic studies elective"),
    ]
    review = lines[0].item.description or ""
    assert "Book interpreters — Chue Thao" in review and "Draft guidelines" in review and "Map partners" in review
    assert "Send the report" not in review  # done
    carried = lines[1]
    assert carried.item.carried_from_id == late.id and carried.item.confidential
    assert carried.carried_from and carried.carried_from.startswith("October meeting")
    assert carried.item.reached is None and carried.item.strategy_id == eac["strategy"]
    # Bringing it forward again neither duplicates the review nor the carried item.
    services.meetings.carry_forward(meeting_id=new.id)
    assert len(services.agenda.plan(meeting_id=new.id).lines) == 2


def test_a_meeting_slotted_before_a_later_one_carries_nothing(
    services: Services, eac: dict[str, int], today: date
) -> None:
    services.meetings.create(committee_id=eac["committee"], title="December meeting",
                             starts_at=datetime.combine(today + timedelta(days=30), time(18)))  # fmt: skip
    new = services.meetings.schedule(committee_id=eac["committee"], title="Extra",
                                     starts_at=datetime.combine(today + timedelta(days=2), time(18)))  # fmt: skip
    assert services.agenda.plan(meeting_id=new.id).lines == []


def test_copy_previous_copies_the_plan_not_the_minutes(services: Services, eac: dict[str, int], today: date) -> None:
    m = eac["october"]
    welcome = services.agenda.add(meeting_id=m, title="Welcome", minutes_allotted=10, presenter_person_id=eac["chue"])
    services.agenda.update(welcome.id, minutes_text="Chue welcomed everyone.")
    topic = services.agenda.add(meeting_id=m, title="Roadmap", kind="action", minutes_allotted=30,
                                strategy_id=eac["strategy"], presenter="District staff")  # fmt: skip
    services.decisions.create(meeting_id=m, agenda_item_id=topic.id, motion="Adopt it", outcome="carried")
    services.agenda.set_reached(item_id=topic.id, reached=False)
    starts = datetime.combine(today + timedelta(days=28), time(18, 30))
    new = services.meetings.copy_previous(source_id=m, starts_at=starts, title="December meeting")
    assert (new.location, new.virtual_link, new.ends_at) == ("Board Room", "https://meet.example.org/eac",
                                                             starts + timedelta(hours=2))  # fmt: skip
    lines = services.agenda.plan(meeting_id=new.id).lines
    assert [line.item.title for line in lines] == ["Welcome", REVIEW_TITLE, "Roadmap"]
    copied = {line.item.title: line.item for line in lines}
    assert copied["Welcome"].presenter_person_id == eac["chue"] and copied["Welcome"].minutes_text is None
    assert copied["Roadmap"].kind.value == "action" and copied["Roadmap"].strategy_id == eac["strategy"]
    assert copied["Roadmap"].carried_from_id == topic.id  # not reached at the meeting it copies
    assert [f"{line.starts_at:%H:%M}" for line in lines] == ["18:30", "18:40", "18:50"]
    assert services.decisions.count() == 1  # decisions stay with their meeting


def test_a_series_is_created_whole_and_skips_days_already_taken(services: Services, eac: dict[str, int], db) -> None:
    services.meetings.create(committee_id=eac["committee"], title="Already", starts_at=datetime(2026, 1, 13, 18))
    rule = school_year_rule(weekday=1, ordinal=2, starting_year=2025)
    result = services.meetings.create_series(
        committee_id=eac["committee"],
        rule=rule,
        start_time=time(18),
        end_time=time(20),
        location="Board Room",
        time_zone="America/Chicago",
    )
    assert result.skipped_days == [date(2026, 1, 13)]
    assert [m.starts_at.month for m in result.meetings] == [9, 10, 11, 12, 2, 3, 4, 5, 6]
    assert result.meetings[0].title == "September meeting" and result.meetings[0].ends_at == datetime(2025, 9, 9, 20)


def test_a_failing_series_writes_nothing(services: Services, eac: dict[str, int], db) -> None:
    def meetings() -> int:
        with db.sessions() as session:
            return int(session.scalar(select(func.count(Meeting.id))) or 0)

    def log() -> int:
        with db.sessions() as session:
            return int(session.scalar(select(func.count(ChangeLog.id))) or 0)

    before = (meetings(), log())
    rule = school_year_rule(weekday=1, ordinal=2, starting_year=2025)
    with pytest.raises(DomainError, match="time zone"):
        services.meetings.create_series(committee_id=eac["committee"], rule=rule, start_time=time(18),
                                        time_zone="Mars/Olympus_Mons")  # fmt: skip
    assert (meetings(), log()) == before


def test_a_move_into_a_locked_meeting_is_refused_and_changes_nothing(
    services: Services, eac: dict[str, int], db
) -> None:
    m = eac["october"]
    a = services.agenda.add(meeting_id=m, title="A")
    services.agenda.add(meeting_id=m, title="B")
    services.meetings.update(m, minutes_status="approved")
    with pytest.raises(DomainError, match="locked"):
        services.agenda.move(item_id=a.id, index=1)
    with pytest.raises(DomainError, match="locked"):
        services.agenda.add(meeting_id=m, title="C", index=0)
    with pytest.raises(DomainError, match="locked"):
        services.meetings.carry_forward(meeting_id=m)
    with db.sessions() as session:
        rows = session.execute(select(AgendaItem.title, AgendaItem.position).where(AgendaItem.meeting_id == m))
        assert sorted(rows, key=lambda r: r[1]) == [("A", 1), ("B", 2)]


def test_unknown_meeting_and_time_zone_are_plain_refusals(services: Services, eac: dict[str, int]) -> None:
    with pytest.raises(NotFound):
        services.agenda.plan(meeting_id=999)
    with pytest.raises(NotFound):
        services.agenda.add(meeting_id=999, title="X")
    with pytest.raises(DomainError, match="Region/City"):
        services.meetings.update_meeting(meeting_id=eac["october"], time_zone="Chicago time")


def test_any_sequence_of_edits_keeps_positions_dense_and_in_the_expected_order(
    services: Services, eac: dict[str, int]
) -> None:
    """A model list beside the database: after every add, duplicate, move and remove, both read the same."""
    import random

    rng = random.Random(14)
    m = eac["october"]
    expected: list[int] = []
    titles: dict[int, str] = {}
    for step in range(60):
        action = rng.choice(["add", "add", "move", "move", "duplicate", "remove"]) if expected else "add"
        if action == "add":
            index = rng.randint(0, len(expected))
            item = services.agenda.add(meeting_id=m, title=f"Item {step}", index=index)
            expected.insert(index, item.id)
            titles[item.id] = item.title
        elif action == "move":
            item_id, index = rng.choice(expected), rng.randint(0, len(expected) - 1)
            services.agenda.move(item_id=item_id, index=index)
            expected.remove(item_id)
            expected.insert(index, item_id)
        elif action == "duplicate":
            item_id = rng.choice(expected)
            copy = services.agenda.duplicate(item_id=item_id)
            expected.insert(expected.index(item_id) + 1, copy.id)
            titles[copy.id] = titles[item_id]
        else:
            item_id = rng.choice(expected)
            services.agenda.remove(item_id=item_id)
            expected.remove(item_id)
        lines = services.agenda.plan(meeting_id=m).lines
        assert [line.item.id for line in lines] == expected, f"after step {step} ({action})"
        assert [line.item.position for line in lines] == list(range(1, len(expected) + 1))


def test_two_members_of_one_name_are_told_apart_among_the_presenters(services: Services) -> None:
    committee = services.committees.create(name="Presenters")
    meeting = services.meetings.schedule(committee_id=committee.id, title="March", starts_at=datetime(2026, 3, 10, 18))
    made = {}
    for key, given, group in (
        ("parent", "María", "parent_guardian"),
        ("teacher", "María", "teacher"),
        ("twin_a", "Tou", "student"),
        ("twin_b", "Tou", "student"),
        ("solo", "Chue", None),
    ):
        person = services.people.create(given_name=given, family_name="Vang")
        services.memberships.create(person_id=person.id, committee_id=committee.id, stakeholder_group=group)
        made[key] = person.id  # fmt: skip
    names = dict(services.agenda.presenter_choices(meeting_id=meeting.id))
    assert names[made["parent"]] == "María Vang (Parent/guardian)" and names[made["teacher"]] == "María Vang (Teacher)"
    assert names[made["twin_a"]] == f"Tou Vang (no. {made['twin_a']})" != names[made["twin_b"]]
    assert names[made["solo"]] == "Chue Vang", "a name no one else has stays as it is"
