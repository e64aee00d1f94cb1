"""The minutes draft as text, from a meeting's record held as plain values: the secretary edits it, never retypes it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from equitydesk.domain.enums import AttendanceStatus
from equitydesk.services.attendance import AttendanceSheet
from equitydesk.services.decisions import DecisionView

CLOSED_SESSION = "Closed session (confidential: not part of the public minutes)."


@dataclass(frozen=True, slots=True)
class DraftItem:
    id: int
    position: int
    title: str
    confidential: bool
    notes: str | None


@dataclass(frozen=True, slots=True)
class DraftAction:
    agenda_item_id: int | None
    title: str
    owner: str | None
    due_on: date | None


@dataclass(frozen=True, slots=True)
class DraftRecord:
    committee: str
    title: str
    starts_at: datetime
    location: str | None
    called_to_order_at: datetime | None
    adjourned_at: datetime | None
    sheet: AttendanceSheet
    items: Sequence[DraftItem]
    decisions: Sequence[DecisionView]
    actions: Sequence[DraftAction]


def clock(moment: datetime) -> str:
    return f"{moment:%I:%M %p}".lstrip("0")


def day_words(day: date) -> str:
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def draft_text(record: DraftRecord, *, include_confidential: bool = False) -> str:
    """The draft; confidential items show only as a closed session unless the internal copy is asked for."""
    lines = [record.committee, f"Minutes: {record.title}, {day_words(record.starts_at.date())}"]
    if record.location:
        lines.append(f"Location: {record.location}")
    lines += ["", _called(record), "", "Attendance", *_attendance(record.sheet), ""]
    hidden = {i.id for i in record.items if i.confidential and not include_confidential}
    for item in sorted(record.items, key=lambda i: (i.position, i.id)):
        lines += _item(item, record, hidden)
        lines.append("")
    public_actions = [a for a in record.actions if a.agenda_item_id not in hidden]
    if public_actions:
        lines.append("New action items")
        lines += [f"- {_action(a)}" for a in public_actions]
        lines.append("")
    lines.append(
        f"Adjourned at {clock(record.adjourned_at)}." if record.adjourned_at else "Adjourned at (time not recorded)."
    )
    return "\n".join(lines) + "\n"


def _called(record: DraftRecord) -> str:
    if record.called_to_order_at is None:
        return "Called to order at (time not recorded)."
    return f"Called to order at {clock(record.called_to_order_at)}."


def _attendance(sheet: AttendanceSheet) -> list[str]:
    lines = []
    members = [a for a in sheet.attendees if a.role is not None or a.status is not None]
    for status, label in (
        (AttendanceStatus.PRESENT, "Present"),
        (AttendanceStatus.REMOTE, "Present remotely"),
        (AttendanceStatus.EXCUSED, "Excused"),
        (AttendanceStatus.ABSENT, "Absent"),
    ):
        names = [a.name + ("" if a.voting else " (non-voting)") for a in members if a.status == status]
        if names:
            lines.append(f"{label}: {', '.join(names)}")
    unrecorded = [a.name for a in members if a.status is None]
    if unrecorded:
        lines.append(f"Not recorded: {', '.join(unrecorded)}")
    if sheet.guests:
        guests = [g.name + (f" ({g.affiliation})" if g.affiliation else "") for g in sheet.guests]
        lines.append(f"Guests: {', '.join(guests)}")
    lines.append(sheet.quorum.minutes_text() + ".")
    if sheet.interpreter_languages:
        lines.append(f"Interpretation: {', '.join(sheet.interpreter_languages)}")
    return lines


def _item(item: DraftItem, record: DraftRecord, hidden: set[int]) -> list[str]:
    if item.id in hidden:
        return [f"{item.position}. {CLOSED_SESSION}"]
    mark = " [CONFIDENTIAL: closed session, not for publication]" if item.confidential else ""
    lines = [f"{item.position}. {item.title}{mark}"]
    if item.notes and item.notes.strip():
        lines += [f"   {line}" if line.strip() else "" for line in item.notes.strip().splitlines()]
    for d in record.decisions:
        if d.agenda_item_id == item.id:
            lines += _motion(d)
    for a in record.actions:
        if a.agenda_item_id == item.id:
            lines.append(f"   Action: {_action(a)}")
    return lines


def _motion(d: DecisionView) -> list[str]:
    lines = [f"   Motion: {d.motion.strip()}"]
    who = []
    if d.moved_by:
        who.append(f"Moved by {d.moved_by}")
    if d.seconded_by:
        who.append(f"seconded by {d.seconded_by}" if who else f"Seconded by {d.seconded_by}")
    if who:
        lines.append(f"   {', '.join(who)}.")
    if d.tally is None:
        lines.append(f"   Outcome: {d.outcome.label} (no vote taken).")
    else:
        how = "Roll-call vote" if d.roll_call else "Vote"
        lines.append(f"   {how} ({d.vote_rule.label.lower()}): {d.tally.words()}. {d.outcome.label}.")
    return lines


def _action(a: DraftAction) -> str:
    parts = [a.title]
    if a.owner:
        parts.append(a.owner)
    if a.due_on:
        parts.append(f"due {day_words(a.due_on)}")
    return " — ".join(parts)


def public_decisions(decisions: Sequence[DecisionView]) -> list[DecisionView]:
    """Decisions fit for a public document: closed-session outcomes stay out."""
    return [d for d in decisions if not d.confidential]
