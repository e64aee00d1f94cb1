"""One quorum rule: the meetings service, the attendance sheet and the printed minutes count the same members."""

from __future__ import annotations

from datetime import date

from factories import make_committee, make_meeting, make_membership

from equitydesk.services.documents.loading import load_meeting
from equitydesk.services.registry import Services


def test_a_member_whose_term_ended_before_the_meeting_counts_nowhere(services: Services) -> None:
    committee = make_committee(services, quorum_kind="share", quorum_value=0.5)
    meeting = make_meeting(services, committee=committee)  # October 14, 2025
    current = [make_membership(services, committee=committee) for _ in range(3)]
    make_membership(services, committee=committee, term_start=date(2023, 7, 1), term_end=date(2025, 6, 30))
    services.attendance.set_statuses(meeting_id=meeting.id, statuses={current[0].person_id: "present",
                                                                      current[1].person_id: "remote"})  # fmt: skip
    sheet = services.attendance.quorum(meeting.id)
    listed = services.meetings.quorum(meeting.id)
    with services.ctx.sessions() as session:
        printed = load_meeting(session, meeting.id).quorum
    assert (sheet.voting_members, sheet.present, sheet.needed) == (3, 2, 2), "the ended term is not a seat"
    assert (listed.voting_members, listed.voting_present, listed.needed, listed.met) == (3, 2, 2, True)
    assert printed == sheet
