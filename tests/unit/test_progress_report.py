"""The progress report's content: statuses as the status service says, contacts only internally, the A&I checklist."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from equitydesk.db.engine import Database, open_database
from equitydesk.db.tables import Person, Plan
from equitydesk.formats.documents.model import BulletList, Chart, Document, Fields, Heading, Paragraph, Table, cell_text
from equitydesk.services import roadmap_snapshot as snapshot
from equitydesk.services.context import ServiceContext
from equitydesk.services.demo import fill_demo
from equitydesk.services.documents.progress_checklist import day_words, post_by
from equitydesk.services.registry import Services

DEMO_DAY = date(2026, 12, 2)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = open_database(tmp_path_factory.mktemp("progress") / "demo.sqlite")
    fill_demo(Services.build(ServiceContext(database.sessions, actor="tester", today=lambda: DEMO_DAY)), today=DEMO_DAY)
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def demo_services(demo: Database) -> Services:
    return Services.build(ServiceContext(demo.sessions, actor="tester", today=lambda: DEMO_DAY))


def plan_ids(database: Database) -> dict[str, int]:
    with database.sessions() as session:
        return {p.name: p.id for p in session.scalars(select(Plan))}


def texts(document: Document) -> list[str]:
    """Every piece of text the document prints, block by block."""
    out = [document.title, document.subtitle, document.header_left, document.header_right, document.footer_note or ""]
    for section in document.sections:
        out.append(section.heading)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                out.append(block.text)
            elif isinstance(block, Fields):
                out += [f"{k}: {v}" for k, v in block.items]
            elif isinstance(block, Table):
                out += [cell_text(c) for row in block.rows for c in row]
            elif isinstance(block, BulletList):
                out += [cell_text(c) for c in block.items]
            else:
                out.append(getattr(block, "text", "") or getattr(block, "description", ""))
    return out


def field_pairs(document: Document) -> list[tuple[str, str]]:
    """(status, why) of every Fields block that has both: one per strategy, goal and indicator."""
    found = []
    for section in document.sections:
        for block in section.blocks:
            if isinstance(block, Fields):
                items = dict(block.items)
                if "Status" in items and "Why" in items:
                    found.append((items["Status"], items["Why"]))
    return found


def table_rows(document: Document) -> list[tuple[str, ...]]:
    return [tuple(cell_text(c) for c in row) for s in document.sections for b in s.blocks if isinstance(b, Table)
            for row in b.rows]  # fmt: skip


@pytest.mark.parametrize("plan", ["Reimagine Minnesota roadmap", "Achievement and Integration Plan"])
def test_every_status_and_reason_is_the_status_services(demo: Database, demo_services: Services, plan: str) -> None:
    plan_id = next(i for name, i in plan_ids(demo).items() if name.startswith(plan))
    with demo.sessions() as session:
        computed = snapshot.compute(snapshot.load(session, plan_id), DEMO_DAY)
    document = demo_services.documents.progress_report(plan_id=plan_id).document
    pairs = field_pairs(document)
    rows = table_rows(document)
    judged = [n for n in computed.nodes if n.kind in ("strategy", "goal", "indicator")]
    assert len(pairs) == len(judged)  # nothing printed twice, nothing judged by a second rule
    for node in judged:
        shown = node.status.label + (" (set by hand)" if node.overridden else "")
        assert (shown, node.reason) in pairs, node.title
    for node in (n for n in computed.nodes if n.kind == "strategy"):  # the summary's table says the same
        assert any(r[1:] == (node.status.label, node.reason) and r[0].endswith(node.title) for r in rows)
    for node in (n for n in computed.nodes if n.kind == "milestone"):
        assert any(r[0].startswith(node.title) and r[2].startswith(node.status.label + ":") for r in rows), node.title
    summary = document.sections[0]
    assert summary.heading == "Summary" and not summary.new_page
    overall = dict(next(b for b in summary.blocks if isinstance(b, Fields)).items)["Overall"]
    assert overall.startswith(computed.plan.status.label) and f"“{computed.plan.decided_by_title}”" in overall
    assert any(t.startswith(computed.thresholds_text) for t in texts(document))
    # Every status the demo shows is counted in the summary (the demo has each one at least once).
    counts = next(b for b in summary.blocks if isinstance(b, Table))
    assert [c.title for c in counts.columns][1:6] == ["On track", "At risk", "Off track", "Achieved", "No data"]
    strategies = next(r for r in counts.rows if r[0] == "Strategies")
    assert sum(int(cell_text(c)) for c in strategies[1:]) == sum(1 for n in computed.nodes if n.kind == "strategy")


def test_the_reimagine_demo_shows_every_status(demo: Database, demo_services: Services) -> None:
    document = demo_services.documents.progress_report(plan_id=plan_ids(demo)["Reimagine Minnesota roadmap"]).document
    statuses = {status for status, _why in field_pairs(document)}
    assert {"On track", "At risk", "Off track", "Achieved", "No data"} <= statuses
    # A gap indicator prints both groups' latest values beside the gap, and its chart is described in words.
    latest = [v for s in document.sections for b in s.blocks if isinstance(b, Fields) for k, v in b.items
              if k == "Latest value"]  # fmt: skip
    assert any(v.startswith("gap of ") and "Students of color" in v and "White students" in v for v in latest)
    charts = [b for s in document.sections for b in s.blocks if isinstance(b, Chart)]
    assert charts and all(c.description.startswith(c.title) for c in charts)
    assert charts[0].drawing().width <= 468  # fits the Letter text width


def contacts(database: Database) -> set[str]:
    with database.sessions() as session:
        return {x for p in session.scalars(select(Person)) for x in (p.email, p.phone) if x}


def test_public_prints_no_contact_internal_may(demo: Database, demo_services: Services, tmp_path: Path) -> None:
    plan_id = plan_ids(demo)["Reimagine Minnesota roadmap"]
    secrets = contacts(demo)
    assert len(secrets) > 20
    public = demo_services.documents.progress_report(plan_id=plan_id)
    words = "\n".join(texts(public.document))
    assert not [s for s in secrets if s in words]
    assert public.withheld.emails > 0 and public.document.footer_note is None
    internal = demo_services.documents.progress_report(plan_id=plan_id, audience="internal")
    words = "\n".join(texts(internal.document))
    assert [s for s in secrets if s in words]
    assert "Do not post or forward" in (internal.document.footer_note or "")
    assert "(internal)" in internal.document.subtitle
    # The printed public edition too: no e-mail address anywhere in its text layer.
    result = demo_services.documents.write(public, target=tmp_path / "public.pdf")
    layer = " ".join(page.extract_text() for page in PdfReader(result.path).pages)
    assert "@" not in layer and result.pages > 5


def test_actions_completed_this_year_and_open_ones(demo: Database, demo_services: Services) -> None:
    document = demo_services.documents.progress_report(plan_id=plan_ids(demo)["Reimagine Minnesota roadmap"]).document
    headings = [b.text for s in document.sections for b in s.blocks if isinstance(b, Heading)]
    assert any(h.startswith("Action items of “") and " completed this year: " in h for h in headings)
    assert any(h.startswith("Open action items of “") and "overdue" in h for h in headings)
    overdue = [r for r in table_rows(document) if r and r[-2].startswith("OVERDUE by ")]
    assert overdue, "the demo has overdue action items linked to strategies"
    assert "12 months up to December 2, 2026" in "\n".join(texts(document))


def test_an_unknown_plan_or_audience_is_refused(demo_services: Services) -> None:
    from equitydesk.services.errors import DomainError

    with pytest.raises(DomainError, match="public or internal"):
        demo_services.documents.progress_report(plan_id=1, audience="board")
    with pytest.raises(DomainError, match="no longer exists"):
        demo_services.documents.progress_report(plan_id=9999)


# --- the A&I checklist ------------------------------------------------------------------------------------------


def test_thirty_days_back_in_words() -> None:
    assert post_by(date(2027, 2, 7)) == date(2027, 1, 8)
    assert day_words(date(2027, 1, 8)) == "Friday, January 8, 2027"
    assert post_by(date(2027, 3, 1)) == date(2027, 1, 30)  # across February's 28 days
    assert post_by(date(2028, 3, 1)) == date(2028, 1, 31)  # and a leap February


def ai_plan(services: Services) -> tuple[int, dict[str, int]]:
    plan = services.plans.create_from_template(template="ai_plan", name="A&I 2025–2028")
    status = services.roadmap_status.plan_status(plan_id=plan.id)
    return plan.id, {n.title: n.id for n in status.nodes if n.kind == "milestone"}


def checklist_rows(services: Services, plan_id: int) -> tuple[list[str], list[tuple[str, ...]]]:
    document = services.documents.progress_report(plan_id=plan_id).document
    assert document.sections[-1].key == "checklist"
    section = document.sections[-1]
    words = [b.text for b in section.blocks if isinstance(b, Paragraph)]
    rows = [tuple(cell_text(c) for c in r) for b in section.blocks if isinstance(b, Table) for r in b.rows]
    return words, rows


MEETING = "Year 1 progress presented at a public school board meeting"
POSTED = "Year 1 progress report posted (30 days before the public meeting)"


@pytest.mark.parametrize(
    ("meeting", "post_line"),
    [
        (date(2027, 2, 7), "Post by Friday, January 8, 2027 — 30 days before the annual public meeting on "
                           "February 7, 2027"),
        (date(2027, 3, 1), "Post by Saturday, January 30, 2027 — 30 days before the annual public meeting on "
                           "March 1, 2027"),
    ],
)  # fmt: skip
def test_checklist_counts_back_from_the_meeting_milestone(services: Services, meeting: date, post_line: str) -> None:
    plan_id, milestones = ai_plan(services)
    services.milestones.update(milestones[MEETING], due_on=meeting)
    _words, rows = checklist_rows(services, plan_id)
    post, held = rows[0], rows[1]
    assert post[1] == post_line
    assert post[2].startswith("Not yet due: ")
    assert held[1].startswith(f"{day_words(meeting)} (the date of the plan's milestone “{MEETING}”")
    # The template's other reporting milestones are listed with their dates, each in words.
    assert any(r[0] == "Year 2 progress presented at a public school board meeting" and r[1].startswith("Due ")
               for r in rows)  # fmt: skip


def test_checklist_overdue_and_complete_in_words(services: Services, today: date) -> None:
    plan_id, milestones = ai_plan(services)
    services.milestones.update(milestones[MEETING], due_on=date(2025, 12, 1))  # post by November 1, 2025
    services.milestones.update(milestones[POSTED], due_on=date(2025, 11, 1))
    _words, rows = checklist_rows(services, plan_id)
    assert rows[0][1].startswith("Post by Saturday, November 1, 2025")
    assert rows[0][2] == f"OVERDUE by {(today - date(2025, 11, 1)).days} days: its milestone is not marked done."
    assert rows[1][2].startswith("Not yet due: 19 days to go")
    services.milestones.update(milestones[POSTED], done_on=date(2025, 10, 30))
    _words, rows = checklist_rows(services, plan_id)
    assert rows[0][2] == "Complete: posted on October 30, 2025."
    assert not any(r[0] == POSTED for r in rows[2:])  # the posting milestone is the first row, not listed again


def test_checklist_says_when_no_date_is_set_and_how_to_set_it(services: Services) -> None:
    plan_id, milestones = ai_plan(services)
    for title, milestone_id in milestones.items():
        if "presented" in title:
            services.milestones.update(milestone_id, due_on=None)
    words, rows = checklist_rows(services, plan_id)
    assert "No date is set for the annual public meeting" in words[1]
    assert f"give the milestone “{MEETING}” a due date on the Roadmap page" in words[2]
    assert not any(r[1].startswith("Post by") for r in rows)


def test_checklist_takes_the_committees_public_meeting_when_no_milestone_has_a_date(services: Services) -> None:
    committee = services.committees.create(name="A&I Plan Team")
    plan = services.plans.create_from_template(template="ai_plan", name="A&I", committee_id=committee.id)
    for node in services.roadmap_status.plan_status(plan_id=plan.id).nodes:
        if node.kind == "milestone":
            services.milestones.delete(node.id)
    services.meetings.create(committee_id=committee.id, title="Plan team: January", starts_at=datetime(2026, 1, 8, 15))
    services.meetings.create(committee_id=committee.id, title="Annual public progress meeting",
                             starts_at=datetime(2026, 2, 19, 18, 30))  # fmt: skip
    _words, rows = checklist_rows(services, plan.id)
    assert rows[0][1] == ("Post by Tuesday, January 20, 2026 — 30 days before the annual public meeting on "
                          "February 19, 2026")  # fmt: skip
    assert "the committee's meeting “Annual public progress meeting”" in rows[1][1]


def test_a_plan_that_is_not_ai_has_no_checklist(demo: Database, demo_services: Services) -> None:
    document = demo_services.documents.progress_report(plan_id=plan_ids(demo)["Reimagine Minnesota roadmap"]).document
    assert "checklist" not in [s.key for s in document.sections]
    assert re.search(r"Reimagine", document.title)


def test_closed_session_actions_only_internally_and_owners_contacts(services: Services, today: date) -> None:
    committee = services.committees.create(name="EAC")
    plan = services.plans.create_from_template(template="blank", name="Ours", committee_id=committee.id)
    strategy = services.roadmap.add_strategy(plan_id=plan.id, title="Family voice")
    owner = services.people.create(given_name="Olena", family_name="Kovalenko", email="olena@example.org",
                                   phone="651-555-0199")  # fmt: skip
    meeting = services.meetings.create(committee_id=committee.id, title="May", starts_at=datetime(2025, 5, 1, 18))
    closed = services.agenda.create(meeting_id=meeting.id, title="Personnel QX-17", confidential=True)
    services.actions.create(committee_id=committee.id, title="Draft the letter QX-18", strategy_id=strategy.id,
                            agenda_item_id=closed.id, owner_person_id=owner.id, due_on=date(2025, 12, 1))  # fmt: skip
    services.actions.create(committee_id=committee.id, title="Translate the survey", strategy_id=strategy.id,
                            owner_person_id=owner.id, status="done", completed_on=date(2025, 3, 1))  # fmt: skip
    services.actions.create(committee_id=committee.id, title="Old work", strategy_id=strategy.id,
                            status="done", completed_on=date(2024, 10, 1))  # fmt: skip
    public = services.documents.progress_report(plan_id=plan.id)
    words = "\n".join(texts(public.document))
    assert "QX-18" not in words and "olena@example.org" not in words and "651-555-0199" not in words
    assert "Translate the survey" in words and "Olena Kovalenko" in words
    assert "Old work" not in words  # completed more than 12 months before the as-of day
    assert public.withheld.confidential_items == 1 and public.withheld.emails == 1 and public.withheld.phones == 1
    internal = services.documents.progress_report(plan_id=plan.id, audience="internal")
    words = "\n".join(texts(internal.document))
    assert "Draft the letter QX-18\n(Closed session: not in public documents.)" in words
    assert "Olena Kovalenko\nolena@example.org\n651-555-0199" in words
    assert not internal.withheld.anything
