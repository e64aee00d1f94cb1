"""Meeting documents: assemble the packet, the agenda or the minutes once, then print or publish them."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from equitydesk.formats.documents.model import Document, Section
from equitydesk.services.context import ServiceContext
from equitydesk.services.documents import loading, sections
from equitydesk.services.documents.people import AUDIENCES, Audience, WithheldSummary, long_date
from equitydesk.services.documents.roadmap_page import roadmap_section
from equitydesk.services.errors import DomainError

Paper = str  # "letter" or "a4"
PAPERS: tuple[Paper, ...] = ("letter", "a4")
SECTION_NAMES = sections.SECTION_NAMES
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class BuiltDocument:
    """A document's content and what its public version left out."""

    document: Document
    withheld: WithheldSummary
    audience: Audience


@dataclass(frozen=True, slots=True)
class DocumentResult:
    path: Path
    pages: int
    withheld: WithheldSummary


def parse_sections(text: str | Sequence[str] | None) -> tuple[str, ...]:
    """Section names in packet order; an unknown one is refused with the list of good ones."""
    if text is None:
        return SECTION_NAMES
    names = [n.strip().lower() for n in (text.split(",") if isinstance(text, str) else text) if n.strip()]
    unknown = [n for n in names if n not in SECTION_NAMES]
    if unknown:
        raise DomainError(
            f"“{unknown[0]}” is not a section of the packet; choose from {', '.join(SECTION_NAMES)}.", field="sections"
        )
    if not names:
        raise DomainError(f"Choose at least one section: {', '.join(SECTION_NAMES)}.", field="sections")
    return tuple(n for n in SECTION_NAMES if n in names)


def _check(audience: str, paper: str) -> None:
    if audience not in AUDIENCES:
        raise DomainError(f"The audience is public or internal, not “{audience}”.", field="audience")
    if paper not in PAPERS:
        raise DomainError(f"The paper is letter or a4, not “{paper}”.", field="paper")


class DocumentService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def packet(
        self, *, meeting_id: int, audience: Audience = "public", section_names: Sequence[str] | None = None
    ) -> BuiltDocument:
        """The meeting packet's content: the chosen sections, for the public (the default) or for members."""
        _check(audience, "letter")
        wanted = parse_sections(section_names)
        with self.ctx.sessions() as session:
            record = loading.load_meeting(session, meeting_id)
            a = sections.Assembly(
                session, record, loading.committee_of(session, record.meeting), audience, self.ctx.today()
            )
            built: list[Section] = []
            for name in wanted:
                if name == "minutes":
                    previous = loading.previous_meeting(session, record.meeting)
                    if previous is None:
                        continue
                    built.append(sections.minutes(a, loading.load_meeting(session, previous.id),
                                                  title=sections.SECTION_TITLES["minutes"]))  # fmt: skip
                elif name == "roadmap":
                    built.append(roadmap_section(session, committee_id=a.committee.id, today=a.today))
                else:
                    built.append(getattr(sections, name)(a))
            document = self._document(a, "Meeting packet", tuple(built), contents=len(built) > 2)
            return BuiltDocument(document, WithheldSummary.of(a.withheld), audience)

    def agenda(self, *, meeting_id: int, audience: Audience = "public") -> BuiltDocument:
        _check(audience, "letter")
        with self.ctx.sessions() as session:
            record = loading.load_meeting(session, meeting_id)
            a = sections.Assembly(
                session, record, loading.committee_of(session, record.meeting), audience, self.ctx.today()
            )
            body = dataclasses.replace(sections.agenda(a), new_page=False)  # an agenda fits under its heading block
            document = self._document(a, "Agenda", (sections.cover(a), body), contents=False)
            return BuiltDocument(document, WithheldSummary.of(a.withheld), audience)

    def minutes(self, *, meeting_id: int, audience: Audience = "public") -> BuiltDocument:
        _check(audience, "letter")
        with self.ctx.sessions() as session:
            record = loading.load_meeting(session, meeting_id)
            a = sections.Assembly(
                session, record, loading.committee_of(session, record.meeting), audience, self.ctx.today()
            )
            body = sections.minutes(a, record, title="Minutes")
            document = self._document(a, "Minutes", (body,), contents=False)
            return BuiltDocument(document, WithheldSummary.of(a.withheld), audience)

    def progress_report(self, *, plan_id: int, audience: Audience = "public") -> BuiltDocument:
        """A plan's annual progress report: a one-page summary, then every strategy and goal; the A&I checklist."""
        from equitydesk.services.documents.progress_report import ProgressReport

        _check(audience, "letter")
        with self.ctx.sessions() as session:
            report = ProgressReport(session, plan_id=plan_id, audience=audience, today=self.ctx.today())
            return BuiltDocument(report.document(), WithheldSummary.of(report.withheld), audience)

    def save_progress_report(
        self,
        *,
        plan_id: int,
        target: Path,
        audience: Audience = "public",
        accessible: bool = False,
        paper: Paper = "letter",
        large_print: bool = False,
        progress: Progress | None = None,
    ) -> DocumentResult:
        """Assemble the progress report and write it to `target` all or nothing (what the window and the CLI call)."""
        _check(audience, paper)
        built = self.progress_report(plan_id=plan_id, audience=audience)
        return self.write(built, target=target, paper=paper, large_print=large_print, accessible=accessible,
                          progress=progress)  # fmt: skip

    def _document(self, a: sections.Assembly, kind: str, parts: tuple[Section, ...], *, contents: bool) -> Document:
        meeting = a.meeting.meeting
        day = long_date(meeting.starts_at.date())
        version = "" if a.public else " (internal)"
        first = parts[0] if parts else None
        if first is not None and first.new_page:
            # The first section opens the first page; a page break before it would leave page 1 with the title only.
            parts = (dataclasses.replace(first, new_page=False), *parts[1:])
        return Document(
            title=f"{a.committee.name} — {kind}, {meeting.title}, {day}",
            lang="en-US",
            sections=parts,
            subtitle=f"{kind}{version} · {meeting.title} · {day}",
            header_left=a.committee.name,
            header_right=f"{kind}{version} · {day}",
            footer_note=None if a.public else "Internal: contains private contact details. Do not post or forward.",
            contents=contents,
        )

    def write(
        self,
        built: BuiltDocument,
        *,
        target: Path,
        paper: Paper = "letter",
        large_print: bool = False,
        accessible: bool = False,
        progress: Progress | None = None,
    ) -> DocumentResult:
        """Print the document to `target` all or nothing: the reportlab edition, or the tagged PDF/UA-1 one."""
        _check(built.audience, paper)
        if accessible:
            from equitydesk.formats.accessible.typst_pdf import write_accessible

            pages = write_accessible(target, built.document, paper=paper, large_print=large_print)
        else:
            from equitydesk.formats.pdf.document_pdf import write_document

            pages = write_document(target, built.document, paper=paper, large_print=large_print, progress=progress)
        return DocumentResult(target, pages, built.withheld)
