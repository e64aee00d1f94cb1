"""The sections of meeting documents, each assembled once from loaded rows for one audience."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from equitydesk.db.tables import ActionItem, AgendaItem, Committee, Meeting, Person
from equitydesk.domain.enums import AttendanceStatus, MinutesStatus
from equitydesk.domain.wording import plural
from equitydesk.formats.documents.model import (
    Block,
    Column,
    Emph,
    Fields,
    Heading,
    Paragraph,
    Section,
    Table,
)
from equitydesk.services.documents import loading
from equitydesk.services.documents.people import Audience, Withheld, clock, long_date, person_name

# Short lowercase names: they are a contract of `report packet --sections`.
SECTION_NAMES = ("cover", "agenda", "minutes", "actions", "roadmap", "roster", "signin")
SECTION_TITLES = {
    "cover": "Meeting",
    "agenda": "Agenda",
    "minutes": "Minutes of the previous meeting",
    "actions": "Open action items",
    "roadmap": "Roadmap status",
    "roster": "Roster",
    "signin": "Sign-in sheet",
}
SIGNIN_BLANK_ROWS = 8


@dataclass
class Assembly:
    """One document being assembled: the session, who it is for, and what the public version has left out."""

    session: Session
    meeting: loading.MeetingRecordSet
    committee: Committee
    audience: Audience
    today: dt.date
    withheld: Withheld = field(default_factory=Withheld)
    _seats: list[loading.Seat] | None = None

    @property
    def public(self) -> bool:
        return self.audience == "public"

    def seats(self) -> list[loading.Seat]:
        if self._seats is None:
            self._seats = loading.seats(self.session, self.committee.id)
        return self._seats

    def shown_items(self, items: list[AgendaItem]) -> list[AgendaItem]:
        """Agenda items this audience may see; a public document counts the closed-session ones it leaves out."""
        if not self.public:
            return items
        for item in items:
            if item.confidential:
                self.withheld.confidential_items += 1
                self.withheld.confidential_titles.append(item.title)
        return [item for item in items if not item.confidential]

    def note_person(self, person: Person, *, student: bool = False) -> None:
        if self.public:
            self.withheld.person(person, student=student)


def when_text(meeting: Meeting) -> tuple[str, str]:
    """(date, time) as a cover prints them: "Tuesday, March 11, 2025", "6:00 pm – 8:00 pm"."""
    day = f"{meeting.starts_at:%A}, {long_date(meeting.starts_at.date())}"
    time = clock(meeting.starts_at) + (f" – {clock(meeting.ends_at)}" if meeting.ends_at else "")
    return day, time


def cover(a: Assembly) -> Section:
    meeting = a.meeting.meeting
    day, time = when_text(meeting)
    guests = [p for att, p in a.meeting.attendance if p.id not in {s.person.id for s in a.seats()}]
    languages = loading.interpreter_languages(a.seats(), guests)
    items: list[tuple[str, str]] = [("Committee", a.committee.name), ("Meeting", meeting.title), ("Date", day),
                                    ("Time", time)]  # fmt: skip
    items.append(("Place", meeting.location or "To be announced"))
    if meeting.virtual_link:
        items.append(("Join online", meeting.virtual_link))
    items.append(("Interpretation", ", ".join(languages) if languages else "None requested yet"))
    blocks: list[Block] = [Fields(tuple(items))]
    if languages:
        blocks.append(
            Paragraph(
                "Interpreters will be present for the languages above. To ask for another language or an "
                "accommodation, contact the committee chair before the meeting.",
                role="note",
            )
        )
    if meeting.notes:
        if a.public:
            a.withheld.private_notes += 1
        else:
            blocks += [Heading("Notes for members"), Paragraph(meeting.notes)]
    return Section(SECTION_TITLES["cover"], "cover", tuple(blocks), new_page=False, in_contents=False)


def _presenter(item: AgendaItem, people: dict[int, Person]) -> str:
    if item.presenter_person_id and item.presenter_person_id in people:
        return person_name(people[item.presenter_person_id])
    return item.presenter or ""


def agenda(a: Assembly, *, title: str | None = None) -> Section:
    meeting = a.meeting.meeting
    items = a.meeting.items
    people = loading.people_by_id(a.session, {i.presenter_person_id for i in items if i.presenter_person_id})
    carried = loading.carried_meetings(a.session, {i.carried_from_id for i in items if i.carried_from_id})
    # Start times count every item's minutes, closed-session ones too, so the public times are the real ones.
    starts: dict[int, dt.datetime] = {}
    moment = meeting.starts_at
    for item in items:
        starts[item.id] = moment
        moment += dt.timedelta(minutes=item.minutes_allotted or 0)
    rows = []
    for number, item in enumerate(a.shown_items(items), start=1):
        text = item.title
        if item.confidential:
            text += "\n(Closed session: not in public documents.)"
        if item.description:
            text += "\n" + item.description
        if item.carried_from_id in carried:
            text += f"\nCarried from {carried[item.carried_from_id]}."
        minutes = str(item.minutes_allotted) if item.minutes_allotted else ""
        rows.append((clock(starts[item.id]), f"{number}.", text, item.kind.label, _presenter(item, people), minutes))
    blocks: list[Block] = []
    if rows:
        columns = (Column("Time", 0.9), Column("#", 0.35), Column("Item", 4.0), Column("Kind", 1.2),
                   Column("Presenter", 1.8), Column("Minutes", 1.05, numeric=True))  # fmt: skip
        blocks.append(Table(columns, tuple(rows), caption="Agenda items with their start times"))
        blocks.append(_planned_end(meeting, moment))
    else:
        blocks.append(Paragraph("No agenda items have been added yet."))
    return Section(title or SECTION_TITLES["agenda"], "agenda", tuple(blocks))


def _planned_end(meeting: Meeting, end: dt.datetime) -> Paragraph:
    if meeting.ends_at is None:
        return Paragraph(f"Planned end: {clock(end)}.", role="note")
    over = int((end - meeting.ends_at).total_seconds() // 60)
    if over > 0:
        return Paragraph(
            f"Planned end: {clock(end)}, {plural(over, 'minute')} after the scheduled end of {clock(meeting.ends_at)}.",
            role="warning",
        )
    return Paragraph(f"Planned end: {clock(end)}; scheduled to end at {clock(meeting.ends_at)}.", role="note")


def minutes(a: Assembly, record: loading.MeetingRecordSet, *, title: str, key: str = "minutes") -> Section:
    meeting = record.meeting
    approved = meeting.minutes_status == MinutesStatus.APPROVED
    day, time = when_text(meeting)
    status = (
        f"Approved on {long_date(meeting.minutes_approved_on)}." if approved and meeting.minutes_approved_on
        else "Approved." if approved else "Draft: not yet approved by the committee."
    )  # fmt: skip
    blocks: list[Block] = [Paragraph(f"{meeting.title} · {day} · {time}", role="lead"), Paragraph(status, role="note")]
    blocks += _attendance(a, record)
    people = loading.people_by_id(
        a.session, {p for d in record.decisions for p in (d.moved_by_id, d.seconded_by_id) if p}
    )
    shown = a.shown_items(record.items)
    hidden = {i.id for i in record.items} - {i.id for i in shown}
    for number, item in enumerate(shown, start=1):
        blocks.append(Heading(f"{number}. {item.title}"))
        if item.minutes_text:
            blocks += [Paragraph(text) for text in item.minutes_text.split("\n\n") if text.strip()]
        for decision in (d for d in record.decisions if d.agenda_item_id == item.id):
            blocks.append(_decision(decision, people))
    loose = [
        d for d in record.decisions if d.agenda_item_id is None or d.agenda_item_id not in {i.id for i in record.items}
    ]
    if loose:
        blocks.append(Heading("Other decisions"))
        blocks += [_decision(d, people) for d in loose]
    actions = [x for x in record.actions if x.agenda_item_id not in hidden]
    if actions:
        owners = loading.people_by_id(a.session, {x.owner_person_id for x in actions if x.owner_person_id})
        blocks.append(Heading("New action items"))
        rows = tuple((x.title, _owner(x, owners), long_date(x.due_on) if x.due_on else "No due date") for x in actions)
        blocks.append(Table((Column("Action", 3.5), Column("Owner", 1.6), Column("Due", 1.3)), rows,
                            caption="Action items created at this meeting"))  # fmt: skip
    if not shown and not loose:
        blocks.append(Paragraph("No minutes have been written for this meeting yet."))
    return Section(title, key, tuple(blocks), watermark=None if approved else "DRAFT")


def _attendance(a: Assembly, record: loading.MeetingRecordSet) -> list[Block]:
    if not record.attendance:
        return [Paragraph("Attendance was not recorded.", role="note")]
    by_status: dict[AttendanceStatus, list[str]] = {}
    for att, person in sorted(record.attendance, key=lambda ap: person_name(ap[1]).casefold()):
        by_status.setdefault(att.status, []).append(person_name(person))
    lines: list[tuple[str, str]] = []
    for status, label in ((AttendanceStatus.PRESENT, "Present"), (AttendanceStatus.REMOTE, "Joined remotely"),
                          (AttendanceStatus.EXCUSED, "Excused"), (AttendanceStatus.ABSENT, "Absent")):  # fmt: skip
        if by_status.get(status):
            lines.append((label, ", ".join(by_status[status])))
    q = record.quorum
    lines.append(("Quorum", f"{q.present} of {q.voting_members} voting members present; {q.needed} required — "
                            + ("quorum present." if q.met else "no quorum.")))  # fmt: skip
    return [Heading("Attendance"), Fields(tuple(lines))]


def _decision(decision: object, people: dict[int, Person]) -> Paragraph:
    from equitydesk.db.tables import Decision

    assert isinstance(decision, Decision)
    parts = [f"Motion: {decision.motion}"]
    if decision.moved_by_id in people:
        parts.append(f"Moved by {person_name(people[decision.moved_by_id])}")
    if decision.seconded_by_id in people:
        parts.append(f"seconded by {person_name(people[decision.seconded_by_id])}")
    if decision.votes_for is not None or decision.votes_against is not None:
        parts.append(
            f"For {decision.votes_for or 0}, against {decision.votes_against or 0}, "
            f"abstaining {decision.votes_abstain or 0}"
        )
    parts.append(f"Outcome: {decision.outcome.label}")
    return Paragraph(". ".join(parts) + ".")


def _owner(action: ActionItem, owners: dict[int, Person]) -> str:
    if action.owner_person_id in owners:
        return person_name(owners[action.owner_person_id])
    return action.owner_text or "No owner yet"


def actions(a: Assembly) -> Section:
    rows = loading.open_actions(a.session, a.committee.id)
    hidden: set[int] = set()
    if a.public:
        hidden = loading.confidential_item_ids(a.session, {x.agenda_item_id for x, _ in rows if x.agenda_item_id})
    groups: dict[str, list[ActionItem]] = {}
    for action, owner in rows:
        if action.agenda_item_id in hidden:
            continue
        name = person_name(owner) if owner else (action.owner_text or "No owner yet")
        groups.setdefault(name, []).append(action)
    total = sum(len(v) for v in groups.values())
    overdue = sum(1 for v in groups.values() for x in v if x.due_on and x.due_on < a.today)
    blocks: list[Block] = [
        Paragraph(
            f"{plural(total, 'open action item')}, {plural(overdue, 'overdue one')}; as of {long_date(a.today)}.",
            role="lead",
        )
    ]
    columns = (Column("Action", 4.0), Column("Due", 2.2), Column("Status", 1.1), Column("Priority", 0.9))
    for name in sorted(groups, key=lambda n: (n == "No owner yet", n.casefold())):
        blocks.append(Heading(name))
        table_rows = tuple((x.title, _due(x, a.today), x.status.label, x.priority.label) for x in groups[name])
        blocks.append(Table(columns, table_rows, caption=f"Open action items of {name}"))
    if not groups:
        blocks.append(Paragraph("There are no open action items."))
    return Section(SECTION_TITLES["actions"], "actions", tuple(blocks))


def _due(action: ActionItem, today: dt.date) -> str | Emph:
    if action.due_on is None:
        return "No due date"
    if action.due_on < today:
        late = (today - action.due_on).days
        return Emph(f"OVERDUE by {plural(late, 'day')} (due {long_date(action.due_on)})", "overdue")
    return long_date(action.due_on)


def roster(a: Assembly) -> Section:
    columns = [Column("Name", 1.7), Column("Role", 0.9), Column("Stakeholder group", 1.3),
               Column("School or organization", 1.5), Column("Languages", 1.2)]  # fmt: skip
    if not a.public:
        # Four columns, each holding a few lines, so that contacts and needs fit beside the name in large print too.
        columns = [Column("Member", 1.6), Column("School and languages", 1.4), Column("Email and phone", 1.9),
                   Column("Interpreter, needs, notes", 1.7)]  # fmt: skip
    rows: list[tuple[str, ...]] = []
    for seat in a.seats():
        p, m = seat.person, seat.membership
        a.note_person(p, student=seat.is_student)
        group = m.stakeholder_group.label if m.stakeholder_group else ""
        if a.public:
            rows.append((person_name(p), m.role.label, group, p.organization or "", p.languages or ""))
            continue
        needs = [f"Interpreter: {p.interpreter_language}" if p.interpreter_language else "",
                 p.accessibility_needs or "", p.notes or ""]  # fmt: skip
        rows.append((
            "\n".join(x for x in (person_name(p), " · ".join(y for y in (m.role.label, group) if y)) if x),
            "\n".join(x for x in (p.organization, p.languages) if x),
            "\n".join(x for x in (p.email, p.phone) if x),
            "\n".join(n for n in needs if n),
        ))  # fmt: skip
    blocks: list[Block] = [Paragraph(f"{plural(len(rows), 'current member')} of {a.committee.name}.", role="lead")]
    if a.public:
        blocks.append(Paragraph("Contact details are left out of this version; ask the chair to reach a member.",
                                role="note"))  # fmt: skip
    blocks.append(Table(tuple(columns), tuple(rows), caption="Current members"))
    return Section(SECTION_TITLES["roster"], "roster", tuple(blocks))


def signin(a: Assembly) -> Section:
    columns = [Column("Name", 2.3), Column("Stakeholder group", 1.5)]
    if not a.public:
        columns.append(Column("Interpreter", 1.25))
    columns.append(Column("Signature", 2.45))
    rows = []
    for seat in a.seats():
        row = [
            person_name(seat.person),
            seat.membership.stakeholder_group.label if seat.membership.stakeholder_group else "",
        ]
        if not a.public:
            row.append(seat.person.interpreter_language or "")
        row.append("")
        rows.append(tuple(row))
    blocks: list[Block] = [
        Paragraph(f"{a.meeting.meeting.title} · {when_text(a.meeting.meeting)[0]}", role="lead"),
        Paragraph("Please sign beside your name. If your name is not listed, print it on a blank line at the end."),
        Table(tuple(columns), tuple(rows), caption="Sign-in", writing_rows=True, blank_rows=SIGNIN_BLANK_ROWS),
    ]
    return Section(SECTION_TITLES["signin"], "signin", tuple(blocks))


SectionBuilder = Callable[[Assembly], Section]
