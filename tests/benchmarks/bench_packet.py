"""Benchmark: the meeting packet and the 20,000-member directory against reportlab's floor, in one run.

Run: .venv/bin/python tests/benchmarks/bench_packet.py [--people 20000] [--runs 3]
The packet (30 agenda items, 300 open actions, 60 members, 9 strategies with 4 indicators each, about 40 pages) is
assembled from a fresh database and printed; its floor is a bare platypus document with the same paragraphs and
tables (plain strings, tables of 40 rows with a repeated header, no contents, bookmarks, header or footer). The
accessible (typst) edition of the same packet is timed too. Then the member directory of N people (the internal
version, with contacts) against the same kind of floor. Best of --runs each; ratios and page counts printed.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/ for roster_files
TODAY = date(2025, 11, 12)
GIVEN = ("Amina", "José", "Mai", "Nguyễn Thị", "Fatuma", "John", "Sofía", "Ka", "Abdirahman", "Łucja", "Олена", "ተስፋዬ")
FAMILY = ("Hassan", "García", "Vang", "Tran", "Ali", "Smith", "de la Cruz", "Yang", "Mohamed", "Коваленко", "O'Brien")


def race(ours: Callable[[], Any], floor: Callable[[], Any], runs: int) -> tuple[float, Any, float, Any]:
    """Best of `runs` for each, taking turns, so that a busy machine slows both alike."""
    mine, bare, got, got_floor = [], [], None, None
    for _ in range(runs):
        start = time.perf_counter()
        got = ours()
        mine.append(time.perf_counter() - start)
        start = time.perf_counter()
        got_floor = floor()
        bare.append(time.perf_counter() - start)
    return min(mine), got, min(bare), got_floor


def best(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def build_packet_database(path: Path) -> tuple[Any, int]:
    from equitydesk.db.engine import open_database
    from equitydesk.services.context import ServiceContext
    from equitydesk.services.registry import Services

    rng = random.Random(14)
    db = open_database(path)
    s = Services.build(ServiceContext(db.sessions, actor="bench", today=lambda: TODAY))
    committee = s.committees.create(name="Equity Advisory Committee")
    people = []
    groups = ("student", "parent_guardian", "teacher", "administrator", "community_member")
    for i in range(60):
        person = s.people.create(given_name=rng.choice(GIVEN), family_name=f"{rng.choice(FAMILY)} {i}",
                                 email=f"member{i}@example.org", phone=f"612-555-{i:04d}",
                                 organization="Roosevelt High School", languages="English, Somali",
                                 interpreter_language="Somali" if i % 7 == 0 else None)  # fmt: skip
        s.memberships.create(person_id=person.id, committee_id=committee.id, stakeholder_group=groups[i % 5])
        people.append(person)
    start = datetime(2025, 12, 9, 18, 0)
    previous = s.meetings.create(committee_id=committee.id, title="November meeting", starts_at=start - timedelta(28),
                                 ends_at=start - timedelta(28) + timedelta(hours=2), status="held")  # fmt: skip
    meeting = s.meetings.create(committee_id=committee.id, title="December meeting", starts_at=start,
                                ends_at=start + timedelta(hours=3), location="Lincoln Elementary, Library",
                                virtual_link="https://meet.example.org/eac-2025-12")  # fmt: skip
    for i in range(30):
        s.agenda.create(meeting_id=meeting.id, position=i, title=f"Agenda item {i + 1}: review of the plan's progress",
                        kind="discussion", minutes_allotted=5 + i % 3 * 5, presenter=f"Presenter {i % 6}",
                        description="Background reading is attached." if i % 4 == 0 else None)  # fmt: skip
    # Most of the committee came: a vote is only taken among voting members present.
    s.attendance.set_statuses(meeting_id=previous.id, statuses={p.id: "present" for p in people[:40]})
    for i in range(12):
        item = s.agenda.create(meeting_id=previous.id, position=i, title=f"Earlier item {i + 1}", kind="action",
                               minutes_text="The committee discussed the item at length. " * 6)  # fmt: skip
        s.decisions.create(meeting_id=previous.id, agenda_item_id=item.id, motion=f"Adopt recommendation {i + 1}.",
                           moved_by_id=people[i].id, seconded_by_id=people[i + 1].id, votes_for=9, votes_against=2,
                           votes_abstain=1, outcome="carried")  # fmt: skip
    for i in range(300):
        s.actions.create(committee_id=committee.id, title=f"Follow up on recommendation {i + 1} with the schools",
                         owner_person_id=people[i % 30].id, due_on=TODAY + timedelta(days=rng.randint(-60, 90)),
                         status=("open", "in_progress", "blocked")[i % 3])  # fmt: skip
    plan = s.plans.create(name="Reimagine Minnesota roadmap", kind="strategic_roadmap", committee_id=committee.id)
    for i in range(9):
        strategy = s.strategies.create(plan_id=plan.id, position=i, code=str(i + 1), title=f"Key strategy {i + 1}")
        s.status_updates.create(strategy_id=strategy.id, on=TODAY, status=("on_track", "at_risk", "off_track")[i % 3])
        goal = s.goals.create(strategy_id=strategy.id, statement=f"Goal of strategy {i + 1}")
        for k in range(4):
            indicator = s.indicators.create(goal_id=goal.id, name=f"Indicator {i + 1}.{k + 1}", unit="%",
                                            target_value=80.0, target_on=date(2027, 6, 1))  # fmt: skip
            s.measurements.create(indicator_id=indicator.id, measured_on=date(2025, 6, 1), value=60.0 + k)
    return db, meeting.id


def floor_story(document: Any, pagesize: Any) -> Callable[[Any], int]:
    """A bare platypus document with the same paragraphs and tables: the least reportlab takes for this content.

    Same page size and margins, same column widths, the same lines in each cell (wrapped beforehand, outside the
    timing), tables of 40 rows with a repeated header; no styling, contents, bookmarks, header or footer.
    Returns the timed part: build(target) -> pages; it makes the flowables afresh, as a real build does.
    """
    from xml.sax.saxutils import escape

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, Table

    from equitydesk.formats.documents import model as m
    from equitydesk.formats.pdf.fonts import FAMILY, register_fonts, wrap_plain
    from equitydesk.formats.pdf.styles import MARGIN

    register_fonts()
    body = ParagraphStyle("b", fontName=FAMILY, fontSize=10, leading=13)
    width = pagesize[0] - 2 * MARGIN - 12
    makers: list[Callable[[], Any]] = []
    for section in document.sections:
        if section.new_page and makers:
            makers.append(PageBreak)
        texts = [section.heading] + [b.text for b in section.blocks if isinstance(b, m.Paragraph | m.Heading)]
        for block in [None, *section.blocks]:
            if block is None or isinstance(block, m.Paragraph | m.Heading):
                text = escape(texts.pop(0))
                makers.append(lambda text=text: Paragraph(text, body))
            elif isinstance(block, m.Fields):
                makers.append(lambda block=block: Table([[k, v] for k, v in block.items]))
            elif isinstance(block, m.Table):
                total = sum(c.share for c in block.columns)
                widths = [width * c.share / total for c in block.columns]
                header = [c.title for c in block.columns]
                rows = [
                    [
                        wrap_plain(m.cell_text(c), FAMILY, 9.2, w - 12) or m.cell_text(c)
                        for c, w in zip(row, widths, strict=True)
                    ]
                    for row in block.rows
                ]
                for i in range(0, max(len(rows), 1), 40):
                    makers.append(lambda data=[header, *rows[i : i + 40]], widths=widths: _plain_table(data, widths))
    return lambda target: _build(target, pagesize, [make() for make in makers])


def _plain_table(data: list[list[str]], widths: list[float], size: float = 9.2, leading: float = 12) -> Any:
    from reportlab.platypus import Table, TableStyle

    from equitydesk.formats.pdf.fonts import FAMILY

    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FAMILY, size, leading)]))
    return table


def _build(target: Any, pagesize: Any, story: list[Any]) -> int:
    from reportlab.platypus import SimpleDocTemplate

    from equitydesk.formats.pdf.fonts import FAMILY
    from equitydesk.formats.pdf.styles import MARGIN

    doc = SimpleDocTemplate(target, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN, initialFontName=FAMILY)
    doc.build(story)
    return int(doc.page)


def directory_rows(people: int) -> list[Any]:
    from equitydesk.formats.roster_rows import RosterExportRow

    rng = random.Random(20_000)
    return [
        RosterExportRow(family_name=rng.choice(FAMILY), given_name=rng.choice(GIVEN), email=f"person{i}@example.org",
                        phone=f"612-555-{i % 10000:04d}", school_or_organization="Roosevelt High School",
                        languages="English, Spanish", interpreter_language="Spanish" if i % 9 == 0 else None,
                        role="Member", stakeholder_group=("Parent/guardian", "Student", "Teacher")[i % 3])
        for i in range(people)
    ]  # fmt: skip


def directory_floor(rows: list[Any]) -> Callable[[Any], int]:
    """The directory's floor: the same rows and lines, the same column widths, tables of 40 rows (see floor_story)."""
    from reportlab.lib.pagesizes import landscape, letter

    from equitydesk.formats.pdf import roster_directory as rd
    from equitydesk.formats.pdf.fonts import FAMILY, register_fonts, wrap_plain
    from equitydesk.formats.pdf.styles import MARGIN

    register_fonts()
    pagesize = landscape(letter)
    columns = rd._PUBLIC_COLUMNS + rd._CONTACT_COLUMNS
    total = sum(share for _, share in columns)
    widths = [(pagesize[0] - 2 * MARGIN - 12) * share / total for _, share in columns]
    header = [title for title, _ in columns]
    data = [[wrap_plain(v or "", FAMILY, 9, w - 8) or (v or "") for v, w in zip(
        (r.listed_name, r.role, r.stakeholder_group, r.school_or_organization, rd._languages(r), r.email, r.phone),
        widths, strict=False)] for r in rows]  # fmt: skip
    return lambda target: _build(target, pagesize, [_plain_table([header, *data[i : i + 40]], widths, 9, 11.5)
                                                    for i in range(0, len(data), 40)])  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from reportlab.lib.pagesizes import letter

    from equitydesk.formats.accessible.typst_pdf import render_accessible
    from equitydesk.formats.pdf.document_pdf import render
    from equitydesk.formats.pdf.roster_directory import write_roster_directory
    from equitydesk.services.context import ServiceContext
    from equitydesk.services.documents import DocumentService

    with tempfile.TemporaryDirectory() as tmp:
        db, meeting_id = build_packet_database(Path(tmp) / "packet.sqlite")
        documents = DocumentService(ServiceContext(db.sessions, actor="bench", today=lambda: TODAY))
        assembly, built = best(lambda: documents.packet(meeting_id=meeting_id, audience="internal"), args.runs)
        bare_build = floor_story(built.document, letter)
        printed, pages, bare, bare_pages = race(
            lambda: render(io.BytesIO(), built.document), lambda: bare_build(io.BytesIO()), args.runs
        )
        typst_time, pdf = best(lambda: render_accessible(built.document), args.runs)
        from equitydesk.formats.accessible.typst_pdf import page_count

        db.dispose()
        print(f"packet: assembled from the database in {assembly:.3f} s")
        print(f"packet, printed (reportlab): {printed:.3f} s, {pages} pages; floor {bare:.3f} s, {bare_pages} pages; "
              f"ratio {printed / bare:.2f}× (with assembly {(printed + assembly) / bare:.2f}×)")  # fmt: skip
        print(f"packet, accessible (typst PDF/UA-1): {typst_time:.3f} s, {page_count(pdf)} pages; "
              f"ratio to the reportlab floor {typst_time / bare:.2f}×")  # fmt: skip

        rows = directory_rows(args.people)
        target = Path(tmp) / "directory.pdf"
        runs = max(1, min(args.runs, 2))
        dir_build = directory_floor(rows)
        directory, _, bare_dir, bare_dir_pages = race(
            lambda: write_roster_directory(target, rows, committee_name="Benchmark committee", generated_on=TODAY),
            lambda: dir_build(io.BytesIO()),
            runs,
        )
        from pypdf import PdfReader

        directory_pages = len(PdfReader(target).pages)
        print(f"directory of {args.people:,} (internal): {directory:.2f} s, {directory_pages} pages; floor "
              f"{bare_dir:.2f} s, {bare_dir_pages} pages; ratio {directory / bare_dir:.2f}×")  # fmt: skip


if __name__ == "__main__":
    main()
