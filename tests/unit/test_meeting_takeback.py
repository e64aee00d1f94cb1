"""Undo's inverses for scheduling: a whole series taken back or none of it, an agenda put back as it was."""

from __future__ import annotations

from datetime import time

import pytest
from factories import make_committee, make_membership

from equitydesk.domain.carry_forward import REVIEW_TITLE
from equitydesk.domain.meeting_series import MonthlyRule
from equitydesk.services.errors import DomainError
from equitydesk.services.registry import Services

TUESDAY = 1


def series(services: Services) -> tuple[int, tuple[int, ...]]:
    committee = make_committee(services)
    made = services.meetings.create_series(committee_id=committee.id, rule=MonthlyRule(TUESDAY, 2, 2026, 1, 2026, 4),
                                           start_time=time(18, 0))  # fmt: skip
    return committee.id, tuple(m.id for m in made.meetings)


def test_a_series_goes_whole_and_comes_back_under_its_ids(services: Services) -> None:
    committee_id, ids = series(services)
    agendas = {i: services.agenda.plan(meeting_id=i).lines for i in ids}
    removed = services.meetings.unschedule_all(meeting_ids=ids)
    assert services.meetings.of_committee(committee_id=committee_id) == []
    assert services.meetings.reschedule_all(removed=removed) == ids
    assert {i: services.agenda.plan(meeting_id=i).lines for i in ids} == agendas


def test_a_series_with_one_meeting_in_use_stays_whole(services: Services) -> None:
    committee_id, ids = series(services)
    member = make_membership(services, committee=services.committees.get(committee_id))
    services.attendance.set_statuses(meeting_id=ids[2], statuses={member.person_id: "present"})
    with pytest.raises(DomainError, match="already has attendance"):
        services.meetings.unschedule_all(meeting_ids=ids)
    assert len(services.meetings.of_committee(committee_id=committee_id)) == 4, "none of them went"


def test_bringing_forward_is_put_back_and_redone_by_the_same_call(services: Services) -> None:
    committee_id, ids = series(services)
    first = ids[1]  # the second of the series: the first is the one before it
    services.agenda.add(meeting_id=first, title="Welcome", minutes_allotted=5)
    services.actions.create(committee_id=committee_id, title="Book interpreters")
    before = services.agenda.plan(meeting_id=first).lines
    rows = services.meetings.carry_forward_returning(meeting_id=first)
    after = services.agenda.plan(meeting_id=first).lines
    assert REVIEW_TITLE in [ln.item.title for ln in after] and REVIEW_TITLE not in [ln.item.title for ln in before]
    replaced = services.meetings.put_agenda(rows=rows)
    assert services.agenda.plan(meeting_id=first).lines == before
    services.meetings.put_agenda(rows=replaced)
    assert services.agenda.plan(meeting_id=first).lines == after
