"""A meeting to take attendance and minutes on: voting members, a non-voting one, agenda items, a next meeting."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from equitydesk.db.tables import AgendaItem
from equitydesk.services.registry import Services

# given, family, role, voting, interpreter language
MEMBERS = [
    ("Linda", "Anderson", "chair", True, None),
    ("Hodan", "Abdi Warsame", "member", True, "Somali"),
    ("María José", "Hernández López", "co_chair", True, "Spanish"),
    ("Chue", "Thao", "member", True, "Hmong"),
    ("Sarah", "Johnson", "member", True, None),
    ("Amina", "Abdullahi Jama", "secretary", True, None),
    ("Nguyễn", "Thị Hoa", "member", True, "Vietnamese"),
    ("Jennifer", "Larson", "ex_officio", False, "Somali"),
]


@dataclass
class MeetingSample:
    committee_id: int
    meeting_id: int
    next_meeting_id: int
    people: dict[str, int] = field(default_factory=dict)  # by first given name
    items: dict[str, int] = field(default_factory=dict)  # by title


def build_meeting(services: Services, *, quorum_kind: str = "share", quorum_value: float = 0.51) -> MeetingSample:
    committee = services.committees.create(
        name="Equity Advisory Committee", quorum_kind=quorum_kind, quorum_value=quorum_value
    )
    people: dict[str, int] = {}
    for given, family, role, voting, interpreter in MEMBERS:
        person = services.people.create(given_name=given, family_name=family, interpreter_language=interpreter)
        services.memberships.create(
            person_id=person.id, committee_id=committee.id, role=role, voting=voting, term_start=None
        )
        people[given.split()[0]] = person.id
    meeting = services.meetings.create(
        committee_id=committee.id,
        title="October meeting",
        starts_at=datetime(2025, 10, 14, 18, 0),
        ends_at=datetime(2025, 10, 14, 20, 0),
        location="Lincoln Elementary library",
        status="held",
    )
    following = services.meetings.create(
        committee_id=committee.id, title="November meeting", starts_at=datetime(2025, 11, 11, 18, 0)
    )
    items: dict[str, int] = {}
    for position, (title, kind, confidential) in enumerate(
        [
            ("Welcome and introductions", "information", False),
            ("Interpreters at parent conferences", "action", False),
            ("Personnel matter", "discussion", True),
            ("Public comment", "public_comment", False),
        ],
        start=1,
    ):
        item = services.agenda.create(meeting_id=meeting.id, position=position, title=title, kind=kind)
        if confidential:
            with services.ctx.sessions.begin() as session:  # set here: the agenda's own form owns this flag
                row = session.get(AgendaItem, item.id)
                assert row is not None
                row.confidential = True
        items[title] = item.id
    return MeetingSample(committee.id, meeting.id, following.id, people, items)
