"""The directory and sign-in PDFs print every name as typed, in embedded fonts only, and leave markup inert."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from reportlab.platypus import SimpleDocTemplate
from roster_export_samples import FORMULA, PRINTED_NAMES, ROWS

from equitydesk.formats.pdf import fonts as fonts_module
from equitydesk.formats.pdf import signin_sheet
from equitydesk.formats.pdf.fonts import FAMILY, font_runs, markup, register_fonts
from equitydesk.formats.pdf.roster_directory import write_roster_directory
from equitydesk.formats.pdf.signin_sheet import write_signin_sheet
from equitydesk.formats.pdf.styles import make_styles, para
from equitydesk.formats.roster_rows import RosterExportRow

HAVE_PDFTOTEXT = shutil.which("pdftotext") is not None
HAVE_PDFFONTS = shutil.which("pdffonts") is not None
needs_pdftotext = pytest.mark.skipif(not HAVE_PDFTOTEXT, reason="pdftotext (poppler-utils) is not installed")
needs_pdffonts = pytest.mark.skipif(not HAVE_PDFFONTS, reason="pdffonts (poppler-utils) is not installed")

COMMITTEE = "Equity Advisory Committee <District 833>"
DAY = dt.date(2025, 3, 5)
# Without the optional arabic-reshaper and python-bidi packages Arabic prints unjoined, left to right.
ARABIC_SHAPING = fonts_module._visual_order is not None
BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))


def pdf_text(path: Path, *extra: str) -> str:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", *extra, str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def pdf_fonts(path: Path) -> list[list[str]]:
    done = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    return [line.split() for line in done.stdout.splitlines()[2:] if line.strip()]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdfs")
    paths = {name: folder / f"{name}.pdf" for name in ("internal", "public", "signin", "large")}
    write_roster_directory(paths["internal"], ROWS, committee_name=COMMITTEE, generated_on=DAY)
    write_roster_directory(paths["public"], ROWS, committee_name=COMMITTEE, generated_on=DAY, include_contact=False)
    write_signin_sheet(
        paths["signin"], ROWS, committee_name=COMMITTEE, meeting_title="Budget <review>", meeting_date=DAY
    )
    write_signin_sheet(
        paths["large"], ROWS, committee_name=COMMITTEE, meeting_title=None, meeting_date=None, large_print=True
    )
    return paths


@needs_pdftotext
@pytest.mark.parametrize("name", ["internal", "public", "signin", "large"])
def test_names_print_exactly(pdfs: dict[str, Path], name: str) -> None:
    text = pdf_text(pdfs[name])
    for printed in PRINTED_NAMES:
        if printed == FORMULA:
            # Too long for the name column it wraps, mid-word if need be, and pdftotext's layout mode may put the
            # next column's text between its lines; raw mode keeps drawing order, then line breaks are dropped.
            raw = "".join(pdf_text(pdfs[name], "-raw").split())
            assert printed in raw, f"{printed!r} missing from the {name} PDF"
        else:
            assert printed in text, f"{printed!r} missing from the {name} PDF"
    if ARABIC_SHAPING:
        # Arabic is drawn in joined presentation forms, in visual order; NFKC folds the forms back to letters.
        folded = unicodedata.normalize("NFKC", text.translate(BIDI_MARKS))
        assert "مريم" in folded and "أحمد" in folded
    assert "=1+1" not in text  # given name replaced by the preferred name "@SUM(A1)"
    assert "Cabdullaahi" not in text  # never the given name beside the name someone asked for


@needs_pdftotext
def test_markup_in_user_text_prints_literally(pdfs: dict[str, Path]) -> None:
    text = pdf_text(pdfs["internal"])
    assert "Tom <tom@x.org>" in text
    assert "<b>" in text
    assert COMMITTEE in text
    assert "Budget <review>" in pdf_text(pdfs["signin"])


@needs_pdftotext
def test_para_escapes_every_kind_of_markup(tmp_path: Path) -> None:
    hostile = ["</para>", "a<b", "<img src='/etc/passwd'/>", "<a href='http://x'>click</a>", "&amp; & <b>bold"]
    target = tmp_path / "para.pdf"
    styles = make_styles()
    SimpleDocTemplate(str(target), initialFontName=FAMILY).build([para(text, styles.body) for text in hostile])
    text = pdf_text(target)
    for literal in hostile:
        assert literal in text


@needs_pdffonts
@pytest.mark.parametrize("name", ["internal", "public", "signin", "large"])
def test_every_font_is_embedded_and_none_is_helvetica(pdfs: dict[str, Path], name: str) -> None:
    fonts = pdf_fonts(pdfs[name])
    assert fonts, "pdffonts listed no fonts"
    for columns in fonts:
        assert "Helvetica" not in columns[0]
        # Columns: name, type, (sub)type words..., encoding, emb, sub, uni, object id, generation.
        assert columns[-5] == "yes", f"{columns[0]} is not embedded in the {name} PDF"
    assert any("DejaVuSans" in columns[0] for columns in fonts)
    assert any("NotoSansEthiopic" in columns[0] for columns in fonts)


@needs_pdftotext
def test_public_directory_leaves_out_contact_details(pdfs: dict[str, Path]) -> None:
    internal, public = pdf_text(pdfs["internal"]), pdf_text(pdfs["public"])
    assert "maryam@example.org" in internal and "612 555 0100" in internal
    assert "maryam@example.org" not in public and "612 555 0100" not in public
    assert "tom@x.org" not in public
    assert "Email" not in public and "Phone" not in public


@needs_pdftotext
def test_page_numbers_and_running_header(tmp_path: Path) -> None:
    many = [RosterExportRow(f"Family{i:03}", f"Given{i:03}", role="Member") for i in range(120)]
    target = tmp_path / "long.pdf"
    write_roster_directory(target, many, committee_name="Long Committee", generated_on=DAY)
    pages = pdf_text(target).split("\f")
    pages = [page for page in pages if page.strip()]
    total = len(pages)
    assert total >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in page
        assert "Name" in page and "Role" in page  # the table header repeats
    assert "Long Committee" in pages[1] and "March 5, 2025" in pages[1]


@needs_pdftotext
def test_signin_is_sorted_by_family_name(pdfs: dict[str, Path]) -> None:
    text = pdf_text(pdfs["signin"])
    order = ["Longnote", "Nguyễn", "Sunshine", "Vwj", "Warsame", "Żółć", "Смирнова"]
    positions = [text.index(name) for name in order]
    assert positions == sorted(positions)


def test_signin_adds_blank_rows_for_walk_ins() -> None:
    styles = make_styles()
    table = signin_sheet._table(ROWS[:3], 6, 500.0, styles, 11.0, signin_sheet._SHARES, signin_sheet._ROW_HEIGHT)
    assert len(table._cellvalues) == 1 + 3 + 6


@needs_pdftotext
def test_large_print_uses_big_type_and_more_pages(pdfs: dict[str, Path]) -> None:
    bbox = pdf_text(pdfs["large"], "-bbox")
    heights = [
        float(m.group(2)) - float(m.group(1))
        for m in re.finditer(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">Vwj,<', bbox)
    ]
    assert heights and min(heights) >= 18
    normal_pages = pdf_text(pdfs["signin"]).count("\f")
    large_pages = pdf_text(pdfs["large"]).count("\f")
    assert large_pages > normal_pages


def test_emoji_in_dejavu_prints_without_a_warning(tmp_path: Path) -> None:
    joy = RosterExportRow("Sunshine", "Joy 😀", role="Member")
    assert write_roster_directory(tmp_path / "d.pdf", [joy], committee_name="C", generated_on=DAY) == []


def test_karen_and_khmer_print_without_a_warning(tmp_path: Path) -> None:
    karen = RosterExportRow("စီၤ", "နော်ပေါ", role="Member")
    khmer = RosterExportRow("សុខ", "ចាន់", role="Member")
    rows = [karen, khmer]
    assert write_signin_sheet(tmp_path / "s.pdf", rows, committee_name="C", meeting_title="M", meeting_date=DAY) == []
    assert write_roster_directory(tmp_path / "d.pdf", rows, committee_name="C", generated_on=DAY) == []


def test_unprintable_script_is_reported(tmp_path: Path) -> None:
    tibetan = RosterExportRow("བཀྲ་ཤིས", "བདེ་ལེགས", role="Member")
    warnings = write_signin_sheet(
        tmp_path / "s.pdf", [tibetan], committee_name="C", meeting_title="M", meeting_date=DAY
    )
    assert len(warnings) == 1 and "Tibetan" in warnings[0] and "boxes" in warnings[0]


def test_fallback_runs_keep_accents_with_their_letter() -> None:
    fonts = register_fonts()
    assert markup("Tom <tom@x.org>") == "Tom &lt;tom@x.org&gt;"
    runs = font_runs("Ayana ሰላም Nguyễn", fonts)
    assert [name for name, _ in runs] == [None, "EquityDeskSans-Ethiopic", None]
    decomposed = unicodedata.normalize("NFD", "Nguyễn")
    assert markup(decomposed) == "Nguyễn"  # printed precomposed: DejaVu has the glyph, pdftotext finds the name


def test_missing_folder_is_a_plain_error(tmp_path: Path) -> None:
    from equitydesk.formats.errors import ExportError

    with pytest.raises(ExportError, match="does not exist"):
        write_roster_directory(tmp_path / "gone" / "d.pdf", ROWS, committee_name="C", generated_on=DAY)
