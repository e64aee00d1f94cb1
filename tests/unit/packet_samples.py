"""A demo database with hard names, a closed-session item and a roadmap, for the meeting packet tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select, update

from equitydesk.db.engine import Database, open_database
from equitydesk.db.tables import AgendaItem, Committee, Meeting, Membership, Person
from equitydesk.domain.enums import MeetingStatus
from equitydesk.services.context import ServiceContext
from equitydesk.services.demo import fill_demo
from equitydesk.services.registry import Services

TODAY = date(2025, 11, 12)
# Names as typed, in the scripts Minnesota families write; checked as text in the PDFs.
HARD_NAMES = {
    "vietnamese": ("Nguyễn Thị", "Ánh"),
    "cyrillic": ("Олена", "Коваленко"),
    "amharic": ("ተስፋዬ", "ገብረመድህን"),
    "somali": ("Cabdullaahi", "Xasan Maxamed"),
    "hmong": ("Pa Nhia", "Vwj"),
    "polish": ("Łucja", "Żółkiewska"),
}
ARABIC = ("محمد", "عبد الله")
KAREN = ("နော်ပောဲ", "စ့ၤ")
KHMER = ("សុខ", "ចាន់")
MARKUP_NAME = ("<b>Bold</b> & Co", "a < b")
MARKUP_TITLE = "Budget </para> review <i>now</i> & a < b"
SECRET_TITLE = "Closed session: personnel grievance QX-17"
SECRET_MOTION = "Settle grievance QX-17 with back pay"
SECRET_ACTION = "Draft the settlement letter QX-18"
HARD_EMAIL = "olena.kovalenko@example.org"
HARD_PHONE = "651-555-0199"


@dataclass(frozen=True)
class Sample:
    path: Path
    meeting_id: int
    previous_id: int
    committee_id: int


def build(path: Path) -> Sample:
    db = open_database(path)
    try:
        services = Services.build(ServiceContext(db.sessions, actor="tester", today=lambda: TODAY))
        fill_demo(services, today=TODAY)
        with db.sessions() as session:
            meeting = session.scalars(
                select(Meeting)
                .join(Committee, Committee.id == Meeting.committee_id)
                .where(Meeting.status == MeetingStatus.PLANNED, Committee.name == "Equity Advisory Committee")
                .order_by(Meeting.starts_at)
            ).first()
            assert meeting is not None
            held = session.scalars(
                select(Meeting)
                .where(Meeting.committee_id == meeting.committee_id, Meeting.starts_at < meeting.starts_at,
                       Meeting.status == MeetingStatus.HELD)
                .order_by(Meeting.starts_at.desc())
            ).first()  # fmt: skip
            assert held is not None
            meeting_id, previous_id, committee_id = meeting.id, held.id, meeting.committee_id
        people = [*HARD_NAMES.values(), ARABIC, KAREN, KHMER, MARKUP_NAME]
        for number, (given, family) in enumerate(people):
            extra = {"email": HARD_EMAIL, "phone": HARD_PHONE, "interpreter_language": "Ukrainian"}
            extra = extra if number == 1 else {}
            person = services.people.create(given_name=given, family_name=family, **extra)
            services.memberships.create(person_id=person.id, committee_id=committee_id, role="member")
        services.agenda.create(meeting_id=meeting_id, title=MARKUP_TITLE, kind="discussion", minutes_allotted=10)
        closed = services.agenda.create(meeting_id=meeting_id, title=SECRET_TITLE, kind="discussion",
                                        minutes_allotted=15)  # fmt: skip
        # The previous meeting's minutes are still a draft (the demo leaves the last held one unapproved).
        services.meetings.update(previous_id, minutes_status="draft", minutes_approved_on=None)
        secret = services.agenda.create(meeting_id=previous_id, title=SECRET_TITLE, kind="action",
                                        minutes_text="Discussed " + SECRET_MOTION)  # fmt: skip
        # Set in SQL: the agenda service's confidential field belongs to the agenda builder's work.
        with db.sessions.begin() as session:
            session.execute(
                update(AgendaItem).where(AgendaItem.id.in_([closed.id, secret.id])).values(confidential=True)
            )
        services.decisions.create(meeting_id=previous_id, agenda_item_id=secret.id, motion=SECRET_MOTION,
                                  outcome="carried", votes_for=7, votes_against=0, votes_abstain=1)  # fmt: skip
        services.actions.create(committee_id=committee_id, title=SECRET_ACTION, meeting_id=previous_id,
                                agenda_item_id=secret.id, due_on=date(2025, 12, 1))  # fmt: skip
        services.actions.create(committee_id=committee_id, title="Overdue sample action", due_on=date(2025, 10, 1),
                                owner_text="District communications office")  # fmt: skip
        return Sample(path, meeting_id, previous_id, committee_id)
    finally:
        db.dispose()


def contacts(db: Database, committee_id: int) -> tuple[list[str], list[str]]:
    """E-mail addresses and phone numbers of the committee's current members, as stored."""
    with db.sessions() as session:
        rows = session.execute(
            select(Person.email, Person.phone)
            .join(Membership, Membership.person_id == Person.id)
            .where(Membership.committee_id == committee_id, Membership.status == "active", Person.archived.is_(False))
        )
        emails, phones = [], []
        for email, phone in rows:
            if email:
                emails.append(email)
            if phone:
                phones.append(phone)
        return emails, phones


def names(db: Database, committee_id: int) -> list[str]:
    from equitydesk.services.documents.people import person_name

    with db.sessions() as session:
        people = session.scalars(
            select(Person)
            .join(Membership, Membership.person_id == Person.id)
            .where(Membership.committee_id == committee_id, Membership.status == "active", Person.archived.is_(False))
        )
        return [person_name(p) for p in people]


def open_sample(sample: Sample) -> Database:
    return open_database(sample.path)


def when(sample: Sample) -> datetime:
    db = open_database(sample.path)
    try:
        with db.sessions() as session:
            meeting = session.get(Meeting, sample.meeting_id)
            assert meeting is not None
            return meeting.starts_at
    finally:
        db.dispose()
