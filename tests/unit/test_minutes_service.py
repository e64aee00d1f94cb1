"""Attendance, decisions and minutes through the services: quorum, vote checks, the draft, approval and the lock."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from meeting_samples import MeetingSample, build_meeting
from sqlalchemy import select

from equitydesk.db.tables import ActionItem, DecisionVote, MinutesAmendment
from equitydesk.domain.enums import AttendanceStatus, DecisionOutcome, MinutesStatus
from equitydesk.domain.votes import VoteChoice, VoteRule
from equitydesk.services.errors import DomainError
from equitydesk.services.registry import Services

P, R, A, E = AttendanceStatus.PRESENT, AttendanceStatus.REMOTE, AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED


@pytest.fixture
def sample(services: Services) -> MeetingSample:
    return build_meeting(services)


def attend(services: Services, sample: MeetingSample, **statuses: AttendanceStatus) -> None:
    services.attendance.set_statuses(
        meeting_id=sample.meeting_id, statuses={sample.people[k]: v for k, v in statuses.items()}
    )


def test_the_sheet_lists_current_members_with_voting_flags_and_interpreters(
    services: Services, sample: MeetingSample
) -> None:
    sheet = services.attendance.sheet(sample.meeting_id)
    assert len(sheet.attendees) == 8
    assert [a.name for a in sheet.attendees if not a.voting] == ["Jennifer Larson"]
    assert all(a.status is None for a in sheet.attendees)
    # Languages of everyone expected, once each (two people need Somali), whether or not they came.
    assert sheet.interpreter_languages == ("Hmong", "Somali", "Spanish", "Vietnamese")
    assert sheet.quorum.text() == "Quorum: 0 of 4 needed — not met"  # 51% of 7 voting members is 4


def test_quorum_follows_the_ticks_and_counts_remote_but_not_non_voting(
    services: Services, sample: MeetingSample
) -> None:
    attend(services, sample, Linda=P, Hodan=R, Chue=P, Jennifer=P, Sarah=E, Amina=A)
    q = services.attendance.quorum(sample.meeting_id)
    assert (q.voting_members, q.present, q.needed, q.met) == (7, 3, 4, False)
    sheet = services.attendance.set_status(meeting_id=sample.meeting_id, person_id=sample.people["Amina"], status=P)
    assert sheet.quorum.text() == "Quorum: 4 of 4 needed — met"
    sheet = services.attendance.set_status(meeting_id=sample.meeting_id, person_id=sample.people["Amina"], status=None)
    assert sheet.quorum.present == 3
    assert {a.name: a.status for a in sheet.attendees}["Amina Abdullahi Jama"] is None


def test_a_count_quorum(services: Services) -> None:
    sample = build_meeting(services, quorum_kind="count", quorum_value=3)
    attend(services, sample, Linda=P, Hodan=P, Chue=P)
    assert services.attendance.quorum(sample.meeting_id).text() == "Quorum: 3 of 3 needed — met"


def test_marking_everyone_present_is_one_transaction(services: Services, sample: MeetingSample) -> None:
    sheet = services.attendance.sheet(sample.meeting_id)
    with pytest.raises(DomainError):
        services.attendance.set_statuses(
            meeting_id=sample.meeting_id, statuses={**{a.person_id: P for a in sheet.attendees}, 10**6: P}
        )
    assert services.attendance.quorum(sample.meeting_id).present == 0  # nothing half-written
    sheet = services.attendance.set_statuses(
        meeting_id=sample.meeting_id, statuses={a.person_id: P for a in sheet.attendees}
    )
    assert sheet.quorum.minutes_text() == "Quorum present: 7 of 7 voting members; 4 required"


def test_guests_are_added_and_removed(services: Services, sample: MeetingSample) -> None:
    guest = services.attendance.add_guest(meeting_id=sample.meeting_id, name="  Dr. Keisha  Brown ", affiliation="")
    assert (guest.name, guest.affiliation) == ("Dr. Keisha Brown", None)
    with pytest.raises(DomainError, match="Type the guest's name"):
        services.attendance.add_guest(meeting_id=sample.meeting_id, name=" ")
    services.attendance.add_guest(meeting_id=sample.meeting_id, name="Omar Farah", affiliation="Somali Parents Network")
    assert [g.name for g in services.attendance.sheet(sample.meeting_id).guests] == ["Dr. Keisha Brown", "Omar Farah"]
    services.attendance.remove_guest(guest_id=guest.id)
    assert [g.name for g in services.attendance.sheet(sample.meeting_id).guests] == ["Omar Farah"]


def test_the_outcome_is_worked_out_from_the_rule(services: Services, sample: MeetingSample) -> None:
    attend(services, sample, Linda=P, Hodan=P, Chue=P, Sarah=P, Amina=P, María=R)
    item = sample.items["Interpreters at parent conferences"]
    d = services.decisions.save(
        meeting_id=sample.meeting_id, agenda_item_id=item, motion="Fund interpreters.", votes_for=3, votes_against=2,
        votes_abstain=1, moved_by_id=sample.people["Chue"], seconded_by_id=sample.people["Hodan"],
    )  # fmt: skip
    assert (d.outcome, d.vote_rule) == (DecisionOutcome.CARRIED, VoteRule.MAJORITY_CAST)
    d = services.decisions.save(meeting_id=sample.meeting_id, decision_id=d.id, vote_rule="two_thirds_cast")
    assert d.outcome == DecisionOutcome.FAILED  # 3 of 5 cast is short of two-thirds (4)
    view = services.decisions.of_meeting(sample.meeting_id)[0]
    assert view.reason == (
        "Failed: 3 for, 2 against, 1 abstaining; two-thirds of the 5 votes cast is 4; abstentions are not votes cast."
    )
    assert (view.moved_by, view.seconded_by) == ("Chue Thao", "Hodan Abdi Warsame")


def test_votes_cast_cannot_exceed_the_voting_members_present(services: Services, sample: MeetingSample) -> None:
    attend(services, sample, Linda=P, Hodan=P, Chue=P, Jennifer=P)  # Jennifer does not vote
    with pytest.raises(DomainError, match=r"4 members voted or abstained .* only 3 voting members are present") as e:
        services.decisions.save(meeting_id=sample.meeting_id, motion="Adopt.", votes_for=3, votes_abstain=1)
    assert e.value.field == "votes_for"
    with pytest.raises(DomainError, match="or choose how the motion was decided"):
        services.decisions.save(meeting_id=sample.meeting_id, motion="Adopt.")
    with pytest.raises(DomainError, match="someone other than the mover"):
        services.decisions.save(
            meeting_id=sample.meeting_id, motion="Adopt.", votes_for=1, moved_by_id=sample.people["Linda"],
            seconded_by_id=sample.people["Linda"],
        )  # fmt: skip
    tabled = services.decisions.save(meeting_id=sample.meeting_id, motion="Defer.", outcome="tabled")
    assert tabled.outcome == DecisionOutcome.TABLED and tabled.votes_for is None


def test_a_roll_call_gives_the_counts(services: Services, sample: MeetingSample) -> None:
    attend(services, sample, Linda=P, Hodan=P, Chue=P, Sarah=P, Amina=A)
    ids = sample.people
    roll = {
        ids["Linda"]: "yes",
        ids["Hodan"]: "yes",
        ids["Chue"]: "no",
        ids["Sarah"]: "abstain",
        ids["Amina"]: "absent",
    }
    d = services.decisions.save(
        meeting_id=sample.meeting_id, motion="Adopt the plan.", roll_call=roll, vote_rule="majority_members"
    )
    assert (d.votes_for, d.votes_against, d.votes_abstain, d.outcome) == (2, 1, 1, DecisionOutcome.FAILED)
    assert services.decisions.roll_call(d.id)[ids["Chue"]] == VoteChoice.NO
    with pytest.raises(DomainError, match="Amina Abdullahi Jama is not recorded present"):
        services.decisions.save(meeting_id=sample.meeting_id, decision_id=d.id, roll_call={**roll, ids["Amina"]: "yes"})
    with pytest.raises(DomainError, match="voting members take part"):
        services.decisions.save(meeting_id=sample.meeting_id, decision_id=d.id, roll_call={ids["Jennifer"]: "yes"})
    d = services.decisions.save(
        meeting_id=sample.meeting_id, decision_id=d.id, votes_for=4, votes_against=0, votes_abstain=0
    )
    assert services.decisions.roll_call(d.id) == {}  # typed counts replace the roll call
    with services.ctx.sessions() as session:
        assert session.scalars(select(DecisionVote)).all() == []


def test_an_action_item_from_an_agenda_item_is_linked_to_it(services: Services, sample: MeetingSample) -> None:
    item = sample.items["Interpreters at parent conferences"]
    action = services.minutes.create_action(
        agenda_item_id=item, title="Ask HR for interpreter rates", owner_person_id=sample.people["Hodan"],
        due_on=date(2025, 11, 1),
    )  # fmt: skip
    with services.ctx.sessions() as session:
        row = session.get(ActionItem, action.id)
        assert row is not None
        assert (row.committee_id, row.meeting_id, row.agenda_item_id) == (sample.committee_id, sample.meeting_id, item)
    free = services.minutes.create_action(agenda_item_id=item, title="Post flyer", owner_text=" District office ")
    assert (free.owner_person_id, free.owner_text) == (None, "District office")
    with pytest.raises(DomainError, match="Title is required"):
        services.minutes.create_action(agenda_item_id=item, title="")
    with pytest.raises(DomainError, match="not both"):
        services.minutes.create_action(agenda_item_id=item, title="X", owner_person_id=sample.people["Hodan"],
                                       owner_text="Office")  # fmt: skip


def test_the_draft_tells_the_record_and_keeps_closed_session_out(services: Services, sample: MeetingSample) -> None:
    attend(services, sample, Linda=P, Hodan=P, Chue=R, Sarah=P, Amina=E, Jennifer=P)
    services.attendance.add_guest(meeting_id=sample.meeting_id, name="Omar Farah", affiliation="Somali Parents Network")
    services.minutes.set_times(
        meeting_id=sample.meeting_id,
        called_to_order_at=datetime(2025, 10, 14, 18, 2),
        adjourned_at=datetime(2025, 10, 14, 19, 48),
    )
    open_item, closed = sample.items["Interpreters at parent conferences"], sample.items["Personnel matter"]
    services.minutes.save_item_notes(agenda_item_id=open_item, text="Families asked for Somali and Hmong.")
    services.minutes.save_item_notes(agenda_item_id=closed, text="Discussed a staff complaint.")
    services.decisions.save(
        meeting_id=sample.meeting_id, agenda_item_id=open_item, motion="Fund interpreters.", votes_for=3,
        votes_against=1, moved_by_id=sample.people["Chue"], seconded_by_id=sample.people["Hodan"],
    )  # fmt: skip
    services.decisions.save(
        meeting_id=sample.meeting_id, agenda_item_id=closed, motion="Refer the complaint to HR.", votes_for=4
    )
    services.minutes.create_action(agenda_item_id=open_item, title="Book interpreters", owner_text="District office")
    services.minutes.create_action(agenda_item_id=closed, title="Write to the complainant", owner_text="Chair")

    public = services.minutes.generate_draft(sample.meeting_id)
    assert "Called to order at 6:02 PM." in public and "Adjourned at 7:48 PM." in public
    assert "Present: Hodan Abdi Warsame, Linda Anderson, Sarah Johnson, Jennifer Larson (non-voting)" in public
    assert "Present remotely: Chue Thao" in public and "Excused: Amina Abdullahi Jama" in public
    assert "Guests: Omar Farah (Somali Parents Network)" in public
    assert "Quorum present: 4 of 7 voting members; 4 required." in public
    assert "Moved by Chue Thao, seconded by Hodan Abdi Warsame." in public
    assert "Vote (majority of votes cast): 3 for, 1 against. Carried." in public
    assert "Book interpreters — District office" in public
    for secret in ("Personnel matter", "staff complaint", "Refer the complaint", "complainant"):
        assert secret not in public
    assert "3. Closed session" in public
    internal = services.minutes.generate_draft(sample.meeting_id, include_confidential=True)
    assert "Personnel matter [CONFIDENTIAL" in internal and "Refer the complaint to HR." in internal


def test_approval_at_a_later_meeting_locks_the_minutes_and_amendments_are_dated(
    services: Services, sample: MeetingSample, today: date
) -> None:
    attend(services, sample, Linda=P, Hodan=P, Chue=P, Sarah=P)
    services.minutes.save_draft(meeting_id=sample.meeting_id, text="Minutes as the secretary wrote them.")
    with pytest.raises(DomainError, match="later meeting of the same committee"):
        services.minutes.approve(meeting_id=sample.meeting_id, approved_at_meeting_id=sample.meeting_id)
    with pytest.raises(DomainError, match="still a draft"):
        services.minutes.record_amendment(meeting_id=sample.meeting_id, text="Typo.")
    assert services.minutes.approval_meetings(sample.meeting_id) == [
        (sample.next_meeting_id, "November meeting (2025-11-11)")
    ]
    state = services.minutes.approve(meeting_id=sample.meeting_id, approved_at_meeting_id=sample.next_meeting_id)
    assert (state.status, state.approved_on, state.approved_at_title) == (
        MinutesStatus.APPROVED, date(2025, 11, 11), "November meeting"
    )  # fmt: skip
    assert state.locked and state.draft == "Minutes as the secretary wrote them."

    item = sample.items["Welcome and introductions"]
    refused = [
        lambda: services.minutes.save_draft(meeting_id=sample.meeting_id, text="Rewritten."),
        lambda: services.minutes.save_item_notes(agenda_item_id=item, text="Rewritten."),
        lambda: services.minutes.set_times(meeting_id=sample.meeting_id, called_to_order_at=None, adjourned_at=None),
        lambda: services.attendance.set_status(
            meeting_id=sample.meeting_id, person_id=sample.people["Amina"], status=P
        ),
        lambda: services.attendance.add_guest(meeting_id=sample.meeting_id, name="Late guest"),
        lambda: services.decisions.save(meeting_id=sample.meeting_id, motion="Late.", votes_for=1),
        lambda: services.minutes.approve(meeting_id=sample.meeting_id, approved_at_meeting_id=sample.next_meeting_id),
    ]
    for attempt in refused:
        with pytest.raises(DomainError, match="approved and locked"):
            attempt()
    assert services.minutes.state(sample.meeting_id).draft == "Minutes as the secretary wrote them."

    amendment = services.minutes.record_amendment(
        meeting_id=sample.meeting_id, text="Chue Thao attended remotely.", adopted_at_meeting_id=sample.next_meeting_id
    )
    assert (amendment.on, amendment.author) == (today, "tester")
    state = services.minutes.state(sample.meeting_id)
    assert [a.text for a in state.amendments] == ["Chue Thao attended remotely."]
    assert state.draft == "Minutes as the secretary wrote them."
    with services.ctx.sessions() as session:
        assert len(session.scalars(select(MinutesAmendment)).all()) == 1


def test_approving_untouched_minutes_keeps_the_generated_draft(services: Services, sample: MeetingSample) -> None:
    state = services.minutes.approve(meeting_id=sample.meeting_id, approved_at_meeting_id=sample.next_meeting_id)
    assert state.draft is not None and state.draft.startswith("Equity Advisory Committee\nMinutes: October meeting")


def test_adjourning_before_the_call_to_order_is_refused(services: Services, sample: MeetingSample) -> None:
    with pytest.raises(DomainError, match="cannot adjourn before") as e:
        services.minutes.set_times(
            meeting_id=sample.meeting_id,
            called_to_order_at=datetime(2025, 10, 14, 18, 2),
            adjourned_at=datetime(2025, 10, 14, 17, 0),
        )
    assert e.value.field == "adjourned_at"
