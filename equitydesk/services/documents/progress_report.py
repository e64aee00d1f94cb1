"""The annual progress report of a plan: a one-page summary, then each strategy and goal with its numbers and actions.

Every status and reason is the status service's own (`roadmap_snapshot.compute`, as on the Roadmap page and in the
packet); nothing here judges progress a second time.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from sqlalchemy.orm import Session

from equitydesk.db.tables import Goal, Indicator, Milestone, Person, Strategy
from equitydesk.domain.enums import OPEN_ACTION_STATUSES, Direction, GoalType, RagStatus
from equitydesk.domain.roadmap_status import IndicatorFacts, fmt_value
from equitydesk.domain.wording import plural
from equitydesk.formats.documents.model import (
    Block,
    BulletList,
    Cell,
    Chart,
    Column,
    Document,
    Emph,
    Fields,
    Heading,
    Paragraph,
    Section,
    Table,
)
from equitydesk.services.documents import progress_checklist as checklist
from equitydesk.services.documents.people import Audience, Withheld, long_date
from equitydesk.services.documents.progress_loading import ActionLine, ProgressData, completed_within, load_progress
from equitydesk.services.roadmap_snapshot import NodeStatus

INTERNAL_FOOTER = "Internal: contains private contact details. Do not post or forward."
_WORRYING = (RagStatus.OFF_TRACK, RagStatus.AT_RISK)
# The rows of the summary's count table, in the order a chair reads them; "not started" only when some node has it.
SUMMARY_ORDER = (RagStatus.ON_TRACK, RagStatus.AT_RISK, RagStatus.OFF_TRACK, RagStatus.ACHIEVED, RagStatus.NO_DATA)


def year_start(today: dt.date) -> dt.date:
    """The day before "this year" begins: the report's actions completed this year are those of the 12 months up to
    the as-of date (a plan year and a school year differ between plans; twelve months reads the same in every one)."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # February 29
        return today.replace(year=today.year - 1, day=28)


class ProgressReport:
    """One progress report being assembled for one audience, counting what the public version leaves out."""

    def __init__(self, session: Session, *, plan_id: int, audience: Audience, today: dt.date) -> None:
        self.today = today
        self.audience = audience
        self.withheld = Withheld()
        self._counted: set[int] = set()
        self.data: ProgressData = load_progress(session, plan_id, today)
        self.status = self.data.status
        self.nodes = {(n.kind, n.id): n for n in self.status.nodes}
        self.since = year_start(today)

    @property
    def public(self) -> bool:
        return self.audience == "public"

    def document(self) -> Document:
        plan = self.data.snap.plan
        parts = [self.summary()]
        parts += [self.strategy(s) for s in self.data.snap.strategies]
        if checklist.is_ai_plan(plan):
            parts.append(self.checklist())
        version = "" if self.public else " (internal)"
        day = long_date(self.today)
        return Document(
            title=f"{plan.name} — Progress report, {day}",
            lang="en-US",
            sections=tuple(parts),
            subtitle=f"Annual progress report{version} · as of {checklist.day_words(self.today)}",
            header_left=plan.name,
            header_right=f"Progress report{version} · {day}",
            footer_note=None if self.public else INTERNAL_FOOTER,
            contents=False,  # the summary's table of strategies is the way in; each strategy is also a bookmark
        )

    # --- the summary ------------------------------------------------------------------------------------------

    def summary(self) -> Section:
        plan = self.data.snap.plan
        top = self.status.plan
        period = " – ".join(long_date(d) for d in (plan.period_start, plan.period_end) if d) or "Not set"
        facts = [("Plan", f"{plan.name} ({plan.kind.label.lower()}, {period})"),
                 ("Committee", self.data.committee.name if self.data.committee else "None named"),
                 ("Overall", _overall(top))]  # fmt: skip
        blocks: list[Block] = [Fields(tuple(facts))]
        order = list(SUMMARY_ORDER)
        if any(n.status == RagStatus.NOT_STARTED for n in self.status.nodes):
            order.append(RagStatus.NOT_STARTED)
        # One row per level and a column per status: three rows keep the summary on its one page.
        counted: list[tuple[Cell, ...]] = []
        for kind, title in (("strategy", "Strategies"), ("goal", "Goals"), ("indicator", "Indicators")):
            counts = Counter(n.status for n in self.status.nodes if n.kind == kind)
            counted.append((title, *(str(counts[s]) for s in order)))
        header = (Column("How many", 1.6), *(Column(s.label, 1.0) for s in order))
        blocks.append(
            Table(header, tuple(counted), caption="How many strategies, goals and indicators have each status")
        )
        # One note, not two: the summary stays on its one page in the accessible edition's larger type too.
        blocks.append(Paragraph(f"{self.status.thresholds_text} “Completed this year” means marked done in the 12 "
                                f"months up to {long_date(self.today)}.", role="note"))  # fmt: skip
        strategies = [self.nodes[("strategy", s.id)] for s in self.data.snap.strategies]
        if strategies:
            columns = (Column("Strategy", 1.55), Column("Status", 0.85), Column("Why", 4.6))
            rows = tuple((_label(n.code, n.title), _word(n.status), n.reason) for n in strategies)
            blocks.append(Table(columns, rows, caption=f"Status of each strategy of {plan.name}"))
        else:
            blocks.append(Paragraph("This plan has no strategies yet."))
        return Section("Summary", "summary", tuple(blocks), new_page=False)

    # --- strategies, goals, indicators --------------------------------------------------------------------------

    def strategy(self, s: Strategy) -> Section:
        snap = self.data.snap
        node = self.nodes[("strategy", s.id)]
        blocks: list[Block] = [Fields(_status_fields(node) + ((("Lead", s.lead),) if s.lead else ()))]
        if s.description:
            blocks.append(Paragraph(s.description))
        goals = snap.goals.get(s.id, [])
        for goal in goals:
            blocks += self.goal(goal)
        if not goals:
            blocks.append(Paragraph("This strategy has no goals yet.", role="note"))
        own = snap.milestones_of_strategy.get(s.id, [])
        if own:
            blocks += [Heading("Milestones of the strategy"), self.milestones(own, f"Milestones of {s.title}")]
        blocks += self.actions(s)
        return Section(_label(s.code, s.title), f"strategy-{s.id}", tuple(blocks))

    def goal(self, g: Goal) -> list[Block]:
        node = self.nodes[("goal", g.id)]
        extra: list[tuple[str, str]] = []
        if g.goal_type != GoalType.OTHER:
            extra.append(("Goal type", g.goal_type.label))
        if g.lead:
            extra.append(("Lead", g.lead))
        blocks: list[Block] = [Heading(f"Goal {g.code}: {g.statement}" if g.code else f"Goal: {g.statement}"),
                               Fields(_status_fields(node) + tuple(extra))]  # fmt: skip
        if g.description:
            blocks.append(Paragraph(g.description))
        for indicator in self.data.snap.indicators.get(g.id, []):
            blocks += self.indicator(indicator)
        milestones = self.data.snap.milestones_of_goal.get(g.id, [])
        if milestones:
            blocks += [
                Heading("Milestones", level=3),
                self.milestones(milestones, f"Milestones of the goal {g.code or ''}"),
            ]
        return blocks

    def indicator(self, i: Indicator) -> list[Block]:
        node = self.nodes[("indicator", i.id)]
        facts = self.data.snap.facts[i.id]
        items = [("Baseline", _baseline(facts)), ("Target", _target(facts)), ("Latest value", _latest(facts)),
                 *_status_fields(node)]  # fmt: skip
        if i.source:
            items.append(("Source", i.source))
        blocks: list[Block] = [Heading(_label(i.code, i.name), level=3), Fields(tuple(items)), _chart(facts)]
        if i.notes:
            blocks.append(Paragraph(i.notes))
        notes = self.data.notes.get(i.id, [])
        if notes:
            blocks.append(BulletList(tuple(f"{long_date(on)}: {text}" for on, text in notes)))
        return blocks

    def milestones(self, rows: list[Milestone], caption: str) -> Table:
        columns = (Column("Milestone", 3.0), Column("Due", 1.4), Column("Where it stands", 2.6))
        out = []
        for m in rows:
            node = self.nodes[("milestone", m.id)]
            title = m.title + (f"\n{m.notes}" if m.notes else "")
            out.append(
                (title, long_date(m.due_on) if m.due_on else "No due date", _milestone_words(node, m, self.today))
            )
        return Table(columns, tuple(out), caption=caption.strip())

    # --- action items -------------------------------------------------------------------------------------------

    def actions(self, s: Strategy) -> list[Block]:
        lines = []
        for line in self.data.actions.get(s.id, []):
            if line.confidential and self.public:
                self.withheld.confidential_items += 1
                self.withheld.confidential_titles.append(line.item.title)
                continue
            lines.append(line)
        done = [x for x in lines if completed_within(x, self.since, self.today)]
        open_ = [x for x in lines if x.item.status in OPEN_ACTION_STATUSES]
        # One heading per table, never two headings in a row: a heading then stays with its table across a page end.
        blocks: list[Block] = []
        if not done and not open_:
            return [Heading("Action items"),
                    Paragraph("No action items are linked to this strategy for this year.", role="note")]  # fmt: skip
        if done:
            blocks.append(Heading(f"Action items of “{s.title}” completed this year: {len(done)}"))
            columns = (Column("Action", 3.3), Column("Owner", 1.9), Column("Completed", 1.4))
            finished = tuple((self._title(x), self._owners(x), long_date(x.item.completed_on or self.today))
                             for x in sorted(done, key=lambda x: x.item.completed_on or self.today))  # fmt: skip
            blocks.append(Table(columns, finished, caption=f"Action items of {s.title} completed this year"))
        else:
            blocks += [Heading("Action items"),
                       Paragraph("No action item of this strategy was completed this year.", role="note")]  # fmt: skip
        if open_:
            overdue = sum(1 for x in open_ if x.item.due_on and x.item.due_on < self.today)
            # Named after its strategy: this table may open a page of its own, far from the strategy's heading.
            late = f", {overdue} of them overdue" if overdue > 1 else (", 1 overdue" if overdue else ", none overdue")
            blocks.append(Heading(f"Open action items of “{s.title}”: {len(open_)}{late}"))
            header = (Column("Action", 2.6), Column("Owner", 2.0), Column("Due", 1.5), Column("Status", 0.9))
            waiting = tuple((self._title(x), self._owners(x), _due(x, self.today), x.item.status.label) for x in open_)
            blocks.append(Table(header, waiting, caption=f"Open action items of {s.title}"))
        return blocks

    def _title(self, line: ActionLine) -> str:
        return line.item.title + ("\n(Closed session: not in public documents.)" if line.confidential else "")

    def _owners(self, line: ActionLine) -> str:
        if not line.owners:
            return "No owner yet"
        parts = []
        for owner in line.owners:
            person = owner.person
            if person is not None and self.public:
                self._withhold_contact(person)
            contact = [] if person is None or self.public else [x for x in (person.email, person.phone) if x]
            parts.append("\n".join([owner.name, *contact]))
        return "\n".join(parts)

    def _withhold_contact(self, person: Person) -> None:
        # Only e-mail and phone: needs and notes are in neither edition, so the public one does not leave them out.
        if person.id in self._counted:
            return
        self._counted.add(person.id)
        self.withheld.emails += bool(person.email)
        self.withheld.phones += bool(person.phone)

    # --- the A&I checklist --------------------------------------------------------------------------------------

    def checklist(self) -> Section:
        snap = self.data.snap
        milestones = [m for rows in (*snap.milestones_of_strategy.values(), *snap.milestones_of_goal.values())
                      for m in rows]  # fmt: skip
        milestones.sort(key=lambda m: (m.due_on is None, m.due_on or self.today, m.id))
        committee = self.data.committee
        return checklist.checklist_section(snap.plan, milestones, self.data.meetings, _template_titles(), self.today,
                                           committee.name if committee else None)  # fmt: skip


def _template_titles() -> list[str]:
    """The milestone titles the A&I template names; none when the templates cannot be read (that is reported
    where templates are listed, not in a report)."""
    from equitydesk.formats.plan_templates import TemplateError, load_templates

    try:
        templates = load_templates()
    except TemplateError:
        return []
    found = []
    for t in templates:
        if t.key == checklist.AI_TEMPLATE:
            for s in t.strategies:
                found += [m.title for m in s.milestones] + [m.title for g in s.goals for m in g.milestones]
    return found


def _label(code: str | None, title: str) -> str:
    return f"{code}. {title}" if code else title


def _word(status: RagStatus) -> Cell:
    # Colour is never the only sign: the status is a word, and the worrying ones are also emphasised.
    return Emph(status.label, "overdue") if status in _WORRYING else status.label


def _overall(top: NodeStatus) -> str:
    # The plan's own reason repeats the strategies' table below it; the strategy that decided it is enough here.
    if top.decided_by_title:
        return f"{top.status.label}, decided by “{top.decided_by_title}”."
    return f"{top.status.label}. {top.reason}"


def _status_fields(node: NodeStatus) -> tuple[tuple[str, str], ...]:
    return (("Status", node.status.label + (" (set by hand)" if node.overridden else "")), ("Why", node.reason))


def _baseline(facts: IndicatorFacts) -> str:
    if facts.baseline is None:
        return "Not set"
    gap = "gap of " if facts.is_gap else ""
    return f"{gap}{fmt_value(facts, facts.baseline.value)} on {long_date(facts.baseline.on)}"


def _target(facts: IndicatorFacts) -> str:
    if facts.target is None:
        return "Not set"
    better = "lower is better" if facts.direction is Direction.DECREASE else "higher is better"
    gap = "gap of " if facts.is_gap else ""
    return f"{gap}{fmt_value(facts, facts.target.value)} by {long_date(facts.target.on)} ({better})"


def _latest(facts: IndicatorFacts) -> str:
    series = facts.series()
    if not series:
        return "No measurement yet"
    latest = series[-1]
    said = f"{fmt_value(facts, latest.value)} on {long_date(latest.on)}"
    if not facts.is_gap:
        return said
    mine = {p.on: p.value for p in facts.group}
    theirs = {p.on: p.value for p in facts.comparison}
    if latest.on in mine and latest.on in theirs:
        said += (
            f" ({facts.student_group or 'student group'} {fmt_value(facts, mine[latest.on], gap=False)}, "
            f"{facts.comparison_group or 'comparison group'} {fmt_value(facts, theirs[latest.on], gap=False)})"
        )
    return f"gap of {said}"


def _chart(facts: IndicatorFacts) -> Chart:
    from equitydesk.formats.charts.indicator_chart import describe

    def drawing() -> Any:
        from equitydesk.formats.charts.indicator_chart import indicator_drawing
        from equitydesk.formats.pdf.fonts import FAMILY, register_fonts

        register_fonts()
        # Smaller than the window's chart: two fit on a page beside their numbers.
        return indicator_drawing(facts, width=430, height=190, font=FAMILY)

    return Chart(facts.name, describe(facts), drawing)


def _milestone_words(node: NodeStatus, m: Milestone, today: dt.date) -> Cell:
    label = node.status.label
    if m.done_on is not None:
        return f"{label}: done on {long_date(m.done_on)}."
    if m.due_on is not None and m.due_on < today:
        late = (today - m.due_on).days
        return Emph(f"{label}: LATE, due {plural(late, 'day')} ago and not done.", "overdue")
    if m.due_on is None:
        return f"{label}: no due date."
    return f"{label}: due in {plural((m.due_on - today).days, 'day')}."


def _due(line: ActionLine, today: dt.date) -> Cell:
    due = line.item.due_on
    if due is None:
        return "No due date"
    if due < today:
        return Emph(f"OVERDUE by {plural((today - due).days, 'day')} (due {long_date(due)})", "overdue")
    return long_date(due)
