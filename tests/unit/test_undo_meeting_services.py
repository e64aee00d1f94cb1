"""Each meeting edit's inverse as one service call: do → undo gives back the database as it was, redo as it became."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from equitydesk.db.engine import open_database
from equitydesk.services.context import ServiceContext
from equitydesk.services.decisions import DecisionChange
from equitydesk.services.errors import DomainError
from equitydesk.services.registry import Services
from tests.unit.test_undo_services import round_trip, state


@pytest.fixture
def svc(tmp_path):
    db = open_database(tmp_path / "undo-meeting.sqlite")
    yield Services.build(ServiceContext(db.sessions, actor="test", today=lambda: date(2025, 9, 1)))
    db.dispose()


@pytest.fixture
def met(svc):
    """A committee of three voting members, a September meeting with three agenda items and an October one."""
    eac = svc.committees.create(name="EAC")
    people = [
        svc.people.create(given_name=g, family_name=f)
        for g, f in (("Mai", "Xiong"), ("Ali", "Warsame"), ("Rosa", "Lopez"))
    ]
    for p in people:
        svc.memberships.create(person_id=p.id, committee_id=eac.id, role="member", term_start=date(2025, 1, 1))
    sept = svc.meetings.schedule(committee_id=eac.id, title="Sept", starts_at=datetime(2025, 9, 10, 18))
    octo = svc.meetings.schedule(committee_id=eac.id, title="Oct", starts_at=datetime(2025, 10, 8, 18))
    items = [svc.agenda.add(meeting_id=sept.id, title=t, minutes_allotted=10) for t in ("Welcome", "Budget", "Close")]
    return {"eac": eac.id, "sept": sept.id, "oct": octo.id, "people": [p.id for p in people],
            "items": [i.id for i in items]}  # fmt: skip


def titles(svc: Services, meeting_id: int) -> list[str]:
    return [line.item.title for line in svc.agenda.plan(meeting_id=meeting_id).lines]


def test_adding_an_item_is_taken_off_and_put_back_at_its_place_under_its_id(svc, met):
    made: list[int] = []

    def do():
        record = svc.agenda.add(meeting_id=met["sept"], index=1, title="Data review")
        made.append(record.id)
        return record

    round_trip(svc, do, lambda r: svc.agenda.remove_added(record=r), lambda gone: svc.agenda.restore(removed=gone))
    assert titles(svc, met["sept"]) == ["Welcome", "Data review", "Budget", "Close"]
    assert svc.agenda.get(made[0]).title == "Data review"


def test_removing_an_item_comes_back_at_its_position(svc, met):
    before = titles(svc, met["sept"])
    round_trip(
        svc,
        lambda: svc.agenda.remove(item_id=met["items"][1]),
        lambda removed: svc.agenda.restore(removed=removed),
        lambda record: svc.agenda.remove_added(record=record),
    )
    assert titles(svc, met["sept"]) == ["Welcome", "Close"]
    svc.agenda.restore(removed=svc.agenda.remove(item_id=met["items"][0]))
    assert titles(svc, met["sept"]) == [t for t in before if t != "Budget"]


def test_duplicating_editing_moving_and_not_reached_each_round_trip(svc, met):
    welcome, budget, _close = met["items"]
    round_trip(
        svc,
        lambda: svc.agenda.duplicate(item_id=budget),
        lambda r: svc.agenda.remove_added(record=r),
        lambda removed: svc.agenda.restore(removed=removed),
    )
    round_trip(
        svc,
        lambda: svc.agenda.revise(item_id=budget, title="Budget 2026", presenter="Facilities"),
        lambda e: svc.agenda.edit(e.record.id, **e.before),
        lambda e: svc.agenda.edit(e.record.id, **e.before),
    )
    round_trip(
        svc,
        lambda: svc.agenda.move(item_id=welcome, index=2),
        lambda _r: svc.agenda.move(item_id=welcome, index=0),
        lambda _r: svc.agenda.move(item_id=welcome, index=2),
    )
    round_trip(
        svc,
        lambda: svc.agenda.set_reached(item_id=budget, reached=False),
        lambda _r: svc.agenda.set_reached(item_id=budget, reached=None),
        lambda _r: svc.agenda.set_reached(item_id=budget, reached=False),
    )


def test_attendance_for_everyone_is_one_step_back_to_each_status_before(svc, met):
    mai, ali, rosa = met["people"]
    svc.attendance.set_statuses(meeting_id=met["sept"], statuses={mai: "excused", ali: "remote"})
    everyone = {p: "present" for p in met["people"]}
    changed = svc.attendance.change_statuses(meeting_id=met["sept"], statuses=everyone)
    assert changed.before == {mai: "excused", ali: "remote", rosa: None}
    svc.attendance.change_statuses_back(changed=changed)  # back to where it was, for the round trip below
    round_trip(
        svc,
        lambda: svc.attendance.change_statuses(meeting_id=met["sept"], statuses=everyone),
        lambda c: svc.attendance.change_statuses_back(changed=c),
        lambda c: svc.attendance.change_statuses_back(changed=c),
    )


def test_a_guest_added_and_removed_round_trips(svc, met):
    round_trip(
        svc,
        lambda: svc.attendance.add_guest(meeting_id=met["sept"], name="Dr. Okafor", affiliation="University"),
        lambda guest: svc.attendance.remove_guest(guest_id=guest.id),
        lambda guest: svc.attendance.restore_guest(guest=guest),
    )
    guest = svc.attendance.add_guest(meeting_id=met["sept"], name="Pat")
    round_trip(
        svc,
        lambda: svc.attendance.remove_guest(guest_id=guest.id),
        lambda g: svc.attendance.restore_guest(guest=g),
        lambda g: svc.attendance.remove_guest(guest_id=g.id),
    )


def _roll_call_decision(svc, met) -> int:
    svc.attendance.set_statuses(meeting_id=met["sept"], statuses={p: "present" for p in met["people"]})
    mai, ali, rosa = met["people"]
    return svc.decisions.save(
        meeting_id=met["sept"], motion="Adopt the plan", moved_by_id=mai, seconded_by_id=ali,
        roll_call={mai: "yes", ali: "yes", rosa: "no"},
    ).id  # fmt: skip


def test_a_deleted_decision_comes_back_with_its_roll_call(svc, met):
    decision_id = _roll_call_decision(svc, met)
    round_trip(
        svc,
        lambda: svc.decisions.remove(decision_id=decision_id),
        lambda change: svc.decisions.put_back(change=change),
        lambda change: svc.decisions.put_back(change=change),
    )
    assert svc.decisions.of_meeting(met["sept"]) == [], "redo deleted it again"
    back = svc.decisions.put_back(change=svc.decisions.remove(decision_id=_roll_call_decision(svc, met)))
    assert len(svc.decisions.roll_call(back.decision_id)) == 3


def test_recording_and_editing_a_decision_round_trip(svc, met):
    decision_id = _roll_call_decision(svc, met)
    mai, ali, rosa = met["people"]
    round_trip(
        svc,
        lambda: svc.decisions.save_returning(
            meeting_id=met["sept"],
            decision_id=decision_id,
            motion="Adopt the amended plan",
            roll_call={mai: "no", ali: "yes", rosa: "no"},
        ),
        lambda change: svc.decisions.put_back(change=change),
        lambda change: svc.decisions.put_back(change=change),
    )
    round_trip(
        svc,
        lambda: svc.decisions.save_returning(meeting_id=met["sept"], motion="Table it", outcome="tabled"),
        lambda change: svc.decisions.put_back(change=change),
        lambda change: svc.decisions.put_back(change=change),
    )


def test_a_new_meeting_is_taken_back_until_something_refers_to_it(svc, met):
    round_trip(
        svc,
        lambda: svc.meetings.schedule(committee_id=met["eac"], title="Nov", starts_at=datetime(2025, 11, 12, 18)).id,
        lambda meeting_id: svc.meetings.unschedule(meeting_id=meeting_id),
        lambda removed: svc.meetings.reschedule(removed=removed),
    )
    round_trip(
        svc,
        lambda: svc.meetings.copy_previous(source_id=met["sept"], starts_at=datetime(2025, 12, 10, 18)).id,
        lambda meeting_id: svc.meetings.unschedule(meeting_id=meeting_id),
        lambda removed: svc.meetings.reschedule(removed=removed),
    )
    svc.attendance.set_statuses(meeting_id=met["oct"], statuses={met["people"][0]: "present"})
    with pytest.raises(DomainError, match="stays"):
        svc.meetings.unschedule(meeting_id=met["oct"])


def test_a_schedule_edit_and_an_action_from_an_item_round_trip(svc, met):
    round_trip(
        svc,
        lambda: svc.meetings.edit(met["oct"], title="October", location="Library"),
        lambda e: svc.meetings.edit(e.record.id, **e.before),
        lambda e: svc.meetings.edit(e.record.id, **e.before),
    )
    round_trip(
        svc,
        lambda: svc.minutes.create_action(agenda_item_id=met["items"][1], title="Send the budget"),
        lambda record: svc.minutes.take_back_action(action_id=record.id),
        lambda row: svc.actions.reinsert(row=row),
    )
    action = svc.minutes.create_action(agenda_item_id=met["items"][1], title="Call the district")
    svc.action_updates.create(action_item_id=action.id, on=date(2025, 9, 12), note="Left a message.")
    with pytest.raises(DomainError, match="Progress was recorded"):
        svc.minutes.take_back_action(action_id=action.id)


def test_minutes_notes_times_and_draft_are_undone_by_the_values_before(svc, met):
    sept, budget = met["sept"], met["items"][1]
    round_trip(
        svc,
        lambda: svc.minutes.save_item_notes(agenda_item_id=budget, text="Discussed the budget."),
        lambda _r: svc.minutes.save_item_notes(agenda_item_id=budget, text=None),
        lambda _r: svc.minutes.save_item_notes(agenda_item_id=budget, text="Discussed the budget."),
    )
    called = datetime(2025, 9, 10, 18, 5)
    round_trip(
        svc,
        lambda: svc.minutes.set_times(meeting_id=sept, called_to_order_at=called, adjourned_at=None),
        lambda _r: svc.minutes.set_times(meeting_id=sept, called_to_order_at=None, adjourned_at=None),
        lambda _r: svc.minutes.set_times(meeting_id=sept, called_to_order_at=called, adjourned_at=None),
    )
    round_trip(
        svc,
        lambda: svc.minutes.save_draft(meeting_id=sept, text="Minutes"),
        lambda _r: svc.minutes.save_draft(meeting_id=sept, text=None),
        lambda _r: svc.minutes.save_draft(meeting_id=sept, text="Minutes"),
    )


def test_undo_of_an_edit_made_before_the_minutes_were_approved_is_refused(svc, met):
    sept, budget = met["sept"], met["items"][1]
    removed = svc.agenda.remove(item_id=budget)
    moved = svc.agenda.move(item_id=met["items"][0], index=1)
    decision = svc.decisions.save_returning(meeting_id=sept, motion="Table it", outcome="tabled")
    changed = svc.attendance.change_statuses(meeting_id=sept, statuses={met["people"][0]: "present"})
    guest = svc.attendance.add_guest(meeting_id=sept, name="Pat")
    svc.minutes.approve(meeting_id=sept, approved_at_meeting_id=met["oct"])
    locked = state(svc)
    for undo in (
        lambda: svc.agenda.restore(removed=removed),
        lambda: svc.agenda.move(item_id=moved.id, index=0),
        lambda: svc.decisions.put_back(change=decision),
        lambda: svc.decisions.put_back(change=DecisionChange(decision_id=decision.decision_id, before=None)),
        lambda: svc.attendance.change_statuses_back(changed=changed),
        lambda: svc.attendance.remove_guest(guest_id=guest.id),
        lambda: svc.minutes.save_draft(meeting_id=sept, text=None),
    ):
        with pytest.raises(DomainError, match="approved and locked"):
            undo()
    assert state(svc) == locked


def test_an_approval_is_withdrawn_until_an_amendment_is_recorded(svc, met):
    sept, approvals = met["sept"], []

    def approve():
        approvals.append(svc.minutes.approve_returning(meeting_id=sept, approved_at_meeting_id=met["oct"]))
        return approvals[-1]

    svc.minutes.save_draft(meeting_id=sept, text="Minutes of September")
    round_trip(svc, approve, lambda a: svc.minutes.withdraw_approval(approval=a), lambda _a: approve())
    assert svc.minutes.state(sept).locked, "redone: approved again"
    svc.minutes.record_amendment(meeting_id=sept, text="Ali attended remotely.")
    with pytest.raises(DomainError, match="amendment was recorded"):
        svc.minutes.withdraw_approval(approval=approvals[-1])
    assert svc.minutes.state(sept).locked
