"""The meeting packet read back from its PDFs: public leaves out contacts and closed session, names print as typed."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import packet_samples as ps
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from equitydesk.db.engine import Database, open_database
from equitydesk.db.tables import Plan
from equitydesk.formats.documents.model import Emph
from equitydesk.services.context import ServiceContext
from equitydesk.services.registry import Services

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def pdf_text(path: Path) -> str:
    # Raw mode keeps drawing order: a cell's wrapped lines stay together instead of mixing with the next column.
    done = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def squeezed(text: str) -> str:
    """Text with all white space removed: a name or an address wrapped in a narrow column still reads whole."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> ps.Sample:
    return ps.build(tmp_path_factory.mktemp("packet") / "demo.sqlite")


@pytest.fixture(scope="module")
def database(sample: ps.Sample) -> Iterator[Database]:
    db = open_database(sample.path)
    yield db
    db.dispose()


@pytest.fixture(scope="module")
def services(database: Database) -> Services:
    return Services.build(ServiceContext(database.sessions, actor="tester", today=lambda: ps.TODAY))


@pytest.fixture(scope="module")
def packets(sample: ps.Sample, services: Services, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdfs")
    docs = services.documents
    out = {}
    for name, audience, accessible in (("public", "public", False), ("internal", "internal", False),
                                       ("accessible", "public", True)):  # fmt: skip
        built = docs.packet(meeting_id=sample.meeting_id, audience=audience)
        out[name] = docs.write(built, target=folder / f"{name}.pdf", accessible=accessible).path
    return out


@needs_poppler
def test_public_packet_has_no_email_or_phone_of_anyone(packets: dict[str, Path], database: Database,
                                                        sample: ps.Sample) -> None:  # fmt: skip
    emails, phones = ps.contacts(database, sample.committee_id)
    assert len(emails) > 10 and ps.HARD_EMAIL in emails  # the check below has something to find
    for name in ("public", "accessible"):
        text = squeezed(pdf_text(packets[name]))
        assert "@" not in text, name
        for phone in phones:
            assert squeezed(phone) not in text, (name, phone)
        # The cover names the languages to interpret; who needs one is personal and left out of the public packet.
        assert text.count("Ukrainian") == 1, name
    internal = squeezed(pdf_text(packets["internal"]))
    assert internal.count("Ukrainian") >= 3  # cover, roster and sign-in sheet
    for email in emails:
        assert email in internal
    for phone in phones:
        assert squeezed(phone) in internal


@needs_poppler
def test_confidential_item_and_its_outcome_never_reach_the_public(packets: dict[str, Path]) -> None:
    for name in ("public", "accessible"):
        text = pdf_text(packets[name])
        for secret in ("QX-17", "QX-18", "back pay"):
            assert secret not in text, (name, secret)
    internal = pdf_text(packets["internal"])
    assert "QX-17" in internal and "QX-18" in internal


def test_withheld_summary_counts_what_was_left_out(services: Services, sample: ps.Sample) -> None:
    public = services.documents.packet(meeting_id=sample.meeting_id).withheld
    assert public.emails > 10 and public.phones > 5 and public.interpreter_needs >= 1
    # One closed item on this agenda, one in the previous meeting's minutes.
    assert public.confidential_items == 2 and public.confidential_titles == (ps.SECRET_TITLE,)
    assert any("e-mail" in line for line in public.lines())
    internal = services.documents.packet(meeting_id=sample.meeting_id, audience="internal").withheld
    assert not internal.anything and internal.lines() == []


@needs_poppler
@pytest.mark.parametrize("name", ["public", "internal", "accessible"])
def test_every_member_and_hard_name_prints_as_typed(packets: dict[str, Path], database: Database,
                                                    sample: ps.Sample, name: str) -> None:  # fmt: skip
    text = pdf_text(packets[name])
    flat = squeezed(unicodedata.normalize("NFC", text))
    for person in ps.names(database, sample.committee_id):
        if any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in person) or "\u1000" <= person[0] <= "\u109f":
            continue  # right-to-left and Karen are checked below
        if "\u1780" <= person[0] <= "\u17ff" and name != "accessible":
            continue  # reportlab's shaped text layer puts Khmer in visual order too
        assert squeezed(person) in flat, (name, person)
    for given, family in ps.HARD_NAMES.values():
        assert squeezed(f"{given} {family}") in flat
    # Arabic: drawn in joined forms; NFKC folds them back to letters, each word as typed.
    folded = unicodedata.normalize("NFKC", text.translate(BIDI_MARKS))
    for word in " ".join(ps.ARABIC).split():
        assert word in folded, (name, word)


@needs_poppler
def test_markup_in_user_text_prints_literally(packets: dict[str, Path]) -> None:
    for name in ("public", "accessible"):
        flat = squeezed(pdf_text(packets[name]))
        assert squeezed(ps.MARKUP_TITLE) in flat, name
        assert squeezed("a < b <b>Bold</b> & Co") in flat or squeezed("<b>Bold</b> & Co a < b") in flat, name


def test_karen_is_drawn_with_the_myanmar_font_and_shaped(tmp_path: Path) -> None:
    """Karen checked by rendering: its own font, real glyphs (not boxes), and shaping changes what is drawn.

    The shaped text layer is in visual order, so the name is not searched as text here; instead the PDF must embed
    Noto Sans Myanmar, its glyphs map back to Myanmar letters (a missing glyph maps to nothing), and the page
    rendered shaped differs from the same page rendered unshaped (the vowel sign moves before its consonant).
    """
    from equitydesk.formats.documents.model import Document, Paragraph, Section
    from equitydesk.formats.pdf import document_pdf

    karen = " ".join(ps.KAREN)
    doc = Document("Karen", "en-US", (Section("Names", "names", (Paragraph(karen),)),), header_left="C")
    target = tmp_path / "karen.pdf"
    document_pdf.write_document(target, doc)
    fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True).stdout if shutil.which(
        "pdffonts") else ""  # fmt: skip
    reader = PdfReader(target)
    page_fonts = {str(f["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("Myanmar" in name for name in page_fonts), page_fonts
    if fonts:
        assert "Myanmar" in fonts
    text = reader.pages[0].extract_text()
    assert {ch for ch in karen if not ch.isspace()} <= set(text)  # every letter has a real glyph behind it
    if shutil.which("pdftoppm"):
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph as RLParagraph
        from reportlab.platypus import SimpleDocTemplate

        from equitydesk.formats.pdf.fonts import FAMILY, markup, register_fonts

        register_fonts()
        pixels = []
        for shaping in (0, 1):
            path = tmp_path / f"k{shaping}.pdf"
            style = ParagraphStyle("k", fontName=FAMILY, fontSize=30, leading=36, shaping=shaping)
            SimpleDocTemplate(str(path), initialFontName=FAMILY).build([RLParagraph(markup(karen), style)])
            png = subprocess.run(["pdftoppm", "-r", "40", "-gray", "-f", "1", "-l", "1", str(path)],
                                 capture_output=True, check=True).stdout  # fmt: skip
            pixels.append(png)
        assert pixels[0] != pixels[1]
        assert re.search(rb"[\x00-\x80]", pixels[1].split(b"\n", 3)[3])  # dark pixels: ink on the page


def test_outline_contents_and_watermark(packets: dict[str, Path]) -> None:
    reader = PdfReader(packets["public"])
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[:2] == ["Meeting", "Agenda"]
    assert {"Minutes of the previous meeting", "Open action items", "Roadmap status", "Roster",
            "Sign-in sheet"} <= set(titles)  # fmt: skip
    first = reader.pages[0].extract_text()
    assert "In this packet" in first and "Open action items" in first
    texts = [page.extract_text() for page in reader.pages]
    minutes_pages = [t for t in texts if "Minutes of the previous meeting" in t.split("\n", 3)[-1]]
    assert any("DRAFT" in t for t in texts)
    assert all(f"Page {i} of {len(texts)}" in t for i, t in enumerate(texts, start=1))
    assert minutes_pages
    assert not any("DRAFT" in t for t in texts if "Roster" in t and "current member" in t)


def test_overdue_actions_say_so_in_words(packets: dict[str, Path]) -> None:
    text = " ".join(page.extract_text() for page in PdfReader(packets["public"]).pages)
    assert re.search(r"OVERDUE by \d+ days", text)
    assert "District communications office" in text


def test_accessible_edition_is_tagged(packets: dict[str, Path]) -> None:
    reader = PdfReader(packets["accessible"])
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).startswith("en")
    assert reader.metadata is not None and "Meeting packet" in str(reader.metadata.title)
    assert reader.outline
    tree = str(root["/StructTreeRoot"].get_object())
    assert "/K" in tree


def test_sections_options_and_bad_names(services: Services, sample: ps.Sample, tmp_path: Path) -> None:
    from equitydesk.services.errors import DomainError

    built = services.documents.packet(meeting_id=sample.meeting_id, section_names=["agenda", "signin"])
    assert [s.key for s in built.document.sections] == ["agenda", "signin"]
    with pytest.raises(DomainError, match="not a section"):
        services.documents.packet(meeting_id=sample.meeting_id, section_names=["agenda", "budget"])
    a4 = services.documents.write(built, target=tmp_path / "a4.pdf", paper="a4", large_print=True)
    width, height = PdfReader(a4.path).pages[0].mediabox.upper_right
    assert (round(float(width)), round(float(height))) == (842, 595)  # A4 landscape for large print


def test_agenda_and_minutes_documents(services: Services, sample: ps.Sample, tmp_path: Path) -> None:
    agenda = services.documents.agenda(meeting_id=sample.meeting_id)
    assert [s.key for s in agenda.document.sections] == ["cover", "agenda"]
    minutes = services.documents.minutes(meeting_id=sample.previous_id)
    assert minutes.document.sections[0].watermark == "DRAFT"
    for built, name in ((agenda, "agenda"), (minutes, "minutes")):
        for accessible in (False, True):
            result = services.documents.write(built, target=tmp_path / f"{name}{accessible}.pdf", accessible=accessible)
            assert result.pages >= 1
            text = " ".join(p.extract_text() for p in PdfReader(result.path).pages)
            assert "QX-17" not in text


def test_typst_gets_user_text_only_as_data() -> None:
    """The template never splices text into markup: a title full of typst syntax is one JSON string input."""
    from equitydesk.formats.accessible.typst_pdf import template_path, typst_inputs
    from equitydesk.formats.documents.model import Document, Paragraph, Section

    hostile = '#panic("x") $x$ *bold* ] [ // @label <tag>'
    doc = Document(hostile, "en-US", (Section(hostile, "s", (Paragraph(hostile),)),))
    inputs = typst_inputs(doc)
    assert set(inputs) == {"data", "paper", "size"}
    assert hostile.replace('"', '\\"') in inputs["data"]
    assert "sys.inputs" in template_path().read_text(encoding="utf-8")


@pytest.mark.parametrize("today", [ps.TODAY, date(2027, 7, 1)])
def test_the_roadmap_page_says_what_the_status_rules_say(database: Database, sample: ps.Sample, today: date) -> None:
    # Late enough in the plan for targets to be met: every status the rules give (achieved, no data …) prints.
    later = Services.build(ServiceContext(database.sessions, actor="tester", today=lambda: today))
    built = later.documents.packet(meeting_id=sample.meeting_id, section_names=["roadmap"])
    printed = {}
    for block in built.document.sections[0].blocks:
        for row in getattr(block, "rows", ()):
            word = row[1].text if isinstance(row[1], Emph) else row[1]
            printed[row[0]] = (word, row[2])
    with database.sessions() as session:
        plan_ids = list(session.scalars(select(Plan.id).where(Plan.committee_id == sample.committee_id)))
    assert plan_ids, "the sample committee has a plan"
    seen = set()
    for plan_id in plan_ids:
        for node in later.roadmap_status.plan_status(plan_id=plan_id).nodes:
            seen.add(node.status)
            if node.kind in ("strategy", "indicator"):
                label = f"{node.code}. {node.title}" if node.code else node.title
                assert printed[label] == (node.status.label, node.reason)
    assert len(seen) >= 3, "the demo's plan shows several statuses, not one"
