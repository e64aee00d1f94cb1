"""The A&I plan's checklist page: what must be posted and when, counted back from the annual public meeting's date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from equitydesk.db.tables import Meeting, Milestone, Plan
from equitydesk.domain.enums import MeetingStatus, PlanKind
from equitydesk.domain.wording import plural
from equitydesk.formats.documents.model import Block, Cell, Column, Emph, Fields, Heading, Paragraph, Section, Table
from equitydesk.services.documents.people import long_date

# Minnesota's A&I rule: the progress report is on the district's website this many days before the public meeting.
POSTING_DAYS = 30
AI_TEMPLATE = "ai_plan"


def is_ai_plan(plan: Plan) -> bool:
    return plan.kind == PlanKind.AI_PLAN or plan.template == AI_TEMPLATE


def day_words(day: dt.date) -> str:
    """ "Friday, January 8, 2027"."""
    return f"{day:%A}, {long_date(day)}"


def is_meeting_milestone(title: str) -> bool:
    """ "Year 1 progress presented at a public school board meeting", not "… report posted (… public meeting)"."""
    t = title.casefold()
    return "public" in t and "meeting" in t and "post" not in t


def is_posting_milestone(title: str) -> bool:
    t = title.casefold()
    return "post" in t and "report" in t


def is_public_meeting_title(title: str) -> bool:
    """A committee meeting whose title says it is the annual public one ("Annual public progress meeting")."""
    t = title.casefold()
    return "public" in t and ("annual" in t or "progress" in t)


@dataclass(frozen=True, slots=True)
class MeetingDate:
    """The annual public meeting's date and where it came from; `day` None when nothing sets it."""

    day: dt.date | None
    source: str
    held_on: dt.date | None = None
    milestone_id: int | None = None
    undated: str | None = None  # a meeting milestone without a due date, named in the line saying how to set one


def annual_meeting(milestones: Sequence[Milestone], meetings: Sequence[Meeting], today: dt.date) -> MeetingDate:
    """The plan's meeting milestone with a due date (the next one not done, else the last done), else the committee's
    next scheduled meeting whose title says it is the annual public meeting, else no date."""
    candidates = [m for m in milestones if is_meeting_milestone(m.title)]
    dated = sorted((m for m in candidates if m.due_on is not None), key=lambda m: (m.due_on, m.id))
    waiting = [m for m in dated if m.done_on is None]
    chosen = waiting[0] if waiting else (dated[-1] if dated else None)
    if chosen is not None and chosen.due_on is not None:
        return MeetingDate(chosen.due_on, f"the plan's milestone “{chosen.title}”", chosen.done_on, chosen.id)
    for meeting in meetings:
        day = meeting.starts_at.date()
        if meeting.status == MeetingStatus.PLANNED and day >= today and is_public_meeting_title(meeting.title):
            return MeetingDate(day, f"the committee's meeting “{meeting.title}”")
    return MeetingDate(None, "", undated=candidates[0].title if candidates else None)


def post_by(meeting_day: dt.date) -> dt.date:
    return meeting_day - dt.timedelta(days=POSTING_DAYS)


def standing(
    done_on: dt.date | None,
    due: dt.date | None,
    today: dt.date,
    *,
    done: str = "done",
    missing: str = "not marked done",
) -> Cell:
    """Where one checklist entry stands, in words: complete, overdue, due today, or how long is left."""
    if done_on is not None:
        return Emph(f"Complete: {done} on {long_date(done_on)}.", "strong")
    if due is None:
        return "No due date is set."
    if due < today:
        return Emph(f"OVERDUE by {plural((today - due).days, 'day')}: {missing}.", "overdue")
    if due == today:
        return Emph("Due today.", "strong")
    return f"Not yet due: {plural((due - today).days, 'day')} to go."


def checklist_section(
    plan: Plan,
    milestones: Sequence[Milestone],
    meetings: Sequence[Meeting],
    template_titles: Sequence[str],
    today: dt.date,
    committee_name: str | None,
) -> Section:
    when = annual_meeting(milestones, meetings, today)
    blocks: list[Block] = [
        Paragraph(
            f"An Achievement and Integration plan reports its progress every year at a public school board meeting; "
            f"the progress report is posted on the district website {POSTING_DAYS} days before that meeting. "
            f"Dates are counted from the meeting's date; “overdue” is as of {long_date(today)}.",
            role="lead",
        )
    ]
    rows: list[tuple[Cell, ...]] = []
    used: set[int] = set()
    if when.day is None:
        blocks.append(
            Paragraph(
                "No date is set for the annual public meeting, so the date to post this report by cannot be "
                "worked out.",
                role="warning",
            )
        )
        how = (
            f"give the milestone “{when.undated}” a due date on the Roadmap page"
            if when.undated
            else "add a milestone with “public meeting” in its title (e.g. “Progress presented at a public school "
            "board meeting”) and a due date to the plan on the Roadmap page"
        )
        where = f" of {committee_name}" if committee_name else ""
        blocks.append(
            Paragraph(
                f"To set it, {how}, or schedule a meeting{where} with “annual public meeting” in its title.",
                role="note",
            )
        )
    else:
        deadline = post_by(when.day)
        posting = _posting_milestone(milestones, deadline)
        if posting is not None:
            used.add(posting.id)
        if when.milestone_id is not None:
            used.add(when.milestone_id)
        rows.append((
            "Post the progress report on the district website",
            f"Post by {day_words(deadline)} — {POSTING_DAYS} days before the annual public meeting on "
            f"{long_date(when.day)}",
            standing(posting.done_on if posting else None, deadline, today, done="posted",
                     missing="its milestone is not marked done" if posting else "no posting is recorded"),
        ))  # fmt: skip
        rows.append((
            "Present the progress at the annual public meeting",
            f"{day_words(when.day)} (the date of {when.source})",
            standing(when.held_on, when.day, today, done="held", missing="its milestone is not marked done"),
        ))  # fmt: skip
    wanted = {t.casefold() for t in template_titles}
    for m in milestones:
        if m.id in used:
            continue
        if m.title.casefold() in wanted or is_meeting_milestone(m.title) or is_posting_milestone(m.title):
            due = f"Due {day_words(m.due_on)}" if m.due_on else "No due date"
            rows.append((m.title, due, standing(m.done_on, m.due_on, today)))
    if rows:
        columns = (Column("What", 2.2), Column("When", 2.6), Column("Where it stands", 1.9))
        blocks.append(Table(columns, tuple(rows), caption="What must be posted and held, and when"))
        blocks.append(
            Paragraph(
                "An entry is complete once its milestone is marked done on the Roadmap page; to record "
                "the posting, add a milestone with “report posted” in its title.",
                role="note",
            )
        )
    named = [(label, text.strip()) for label, text in (
        ("Racially identifiable schools", plan.racially_identifiable_schools or ""),
        ("Collaborating districts", plan.collaborating_districts or ""),
    ) if text.strip()]  # fmt: skip
    if named:
        blocks += [Heading("What the plan names"), Fields(tuple(named))]
    return Section("Checklist for the annual public meeting", "checklist", tuple(blocks))


def _posting_milestone(milestones: Sequence[Milestone], deadline: dt.date) -> Milestone | None:
    """The plan's own "report posted" milestone for this meeting: the one due nearest the computed deadline."""
    near = [m for m in milestones if is_posting_milestone(m.title) and m.due_on is not None
            and abs((m.due_on - deadline).days) <= 120]  # fmt: skip
    return min(near, key=lambda m: abs((m.due_on - deadline).days) if m.due_on else 0, default=None)
