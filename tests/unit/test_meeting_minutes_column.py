"""The meetings list's Minutes column speaks of minutes only for meetings that were held."""

from __future__ import annotations

from factories import make_committee, make_meeting

from equitydesk.domain.enums import MinutesStatus
from equitydesk.services.crud import ListQuery
from equitydesk.services.registry import Services


def test_minutes_status_shows_only_on_held_meetings(services: Services) -> None:
    committee = make_committee(services, name="EAC")
    planned = make_meeting(services, committee=committee, title="Planned", status="planned")
    cancelled = make_meeting(services, committee=committee, title="Cancelled", status="cancelled")
    held = make_meeting(services, committee=committee, title="Held", status="held")
    approved = make_meeting(services, committee=committee, title="Approved", status="held", minutes_status="approved")
    assert services.meetings.get(planned.id).minutes_status == MinutesStatus.DRAFT  # stored, just not shown

    rows = services.meetings.fetch_rows([planned.id, cancelled.id, held.id, approved.id])
    assert rows[planned.id]["minutes_status"] is None
    assert rows[cancelled.id]["minutes_status"] is None
    assert rows[held.id]["minutes_status"] == MinutesStatus.DRAFT
    assert rows[approved.id]["minutes_status"] == MinutesStatus.APPROVED

    by_minutes = services.meetings.list_ids(ListQuery(sort="minutes_status"))
    assert by_minutes[-2:] == sorted([planned.id, cancelled.id]), "no minutes sort last"
