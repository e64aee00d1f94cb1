"""Printouts read back page by page: sign-in sheets end sensibly, the private notice travels on every page of
contacts, e-mail addresses stay whole, and large print gives the signature the most room."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from equitydesk.formats.pdf import signin_sheet
from equitydesk.formats.pdf.roster_directory import PRIVATE_NOTICE, write_roster_directory
from equitydesk.formats.pdf.signin_sheet import _fitted_blanks, write_signin_sheet
from equitydesk.formats.pdf.styles import FRAME_PADDING, MARGIN
from equitydesk.formats.roster_rows import RosterExportRow

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")

DAY = dt.date(2025, 3, 5)
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout
    return [page for page in text.decode("utf-8").split("\f") if page.strip()]


def words(path: Path, page: int = 1) -> list[tuple[float, float, str]]:
    """(xMin, yMin, text) of every word on one page, as pdftotext places them."""
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        check=True,
    )
    return [(float(x0), float(y0), text) for x0, y0, _x1, _y1, text in WORD.findall(done.stdout.decode("utf-8"))]


def people(count: int) -> list[RosterExportRow]:
    return [
        RosterExportRow(f"Family{i:02}", f"Given{i:02}", stakeholder_group="Parent/guardian", role="Member")
        for i in range(count)
    ]


@pytest.fixture
def printed_blanks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of blank rows of each sign-in table laid out (the last one is the file written)."""
    seen: list[int] = []
    real = signin_sheet._table

    def spy(rows, blanks, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(blanks)
        return real(rows, blanks, *args, **kwargs)

    monkeypatch.setattr(signin_sheet, "_table", spy)
    return seen


def test_the_committees_sheet_of_25_fits_two_pages_with_names_on_each(tmp_path: Path, printed_blanks) -> None:
    target = tmp_path / "eac.pdf"
    write_signin_sheet(target, people(25), committee_name="EAC", meeting_title="March", meeting_date=DAY)
    sheet = pages(target)
    assert len(sheet) == 2, "no third page holding the heading and a blank line"
    assert all("Family" in page for page in sheet)
    assert 3 <= printed_blanks[-1] <= 8


@pytest.mark.parametrize(
    ("large_print", "counts"), [(False, [*range(12, 19), 25, *range(31, 36)]), (True, [2, 3, 4, 8, 9, 10, 25])]
)
def test_no_sheet_ends_on_a_page_of_a_few_blank_lines(
    tmp_path: Path, printed_blanks, large_print: bool, counts: list[int]
) -> None:
    wanted = 5 if large_print else 8
    for count in counts:
        target = tmp_path / f"{count}.pdf"
        printed_blanks.clear()
        write_signin_sheet(
            target, people(count), committee_name="EAC", meeting_title="M", meeting_date=DAY, large_print=large_print
        )
        sheet, blanks = pages(target), printed_blanks[-1]
        assert blanks >= 3, f"{count} people: room for walk-ins"
        if "Family" not in sheet[-1]:
            # Allowed only as a whole page of walk-in lines, when too few would fit under the names.
            assert blanks > wanted, f"{count} people: a last page of a few blank rows ({blanks} in all)"


def test_fitting_the_blank_rows() -> None:
    def layout_of(capacity_first: int, capacity: int, people: int):
        def layout(blanks: int) -> list[int]:
            rows, result = people + blanks, []
            room = capacity_first
            while rows > 0:
                result.append(min(room, rows))
                rows -= result[-1]
                room = capacity
            return result

        return layout

    assert _fitted_blanks(layout_of(14, 18, 20), 20, 8) == 8, "the walk-in lines fit under the names"
    assert _fitted_blanks(layout_of(14, 18, 25), 25, 8) == 7, "one line would spill: keep the seven that fit"
    assert _fitted_blanks(layout_of(14, 18, 13), 13, 8) == 1 + 18, "one line fits: a whole page of them instead"
    assert _fitted_blanks(layout_of(14, 18, 14), 14, 8) == 18
    assert _fitted_blanks(layout_of(14, 18, 3), 3, 0) == 0


def test_the_private_notice_is_on_every_page_with_contacts(tmp_path: Path) -> None:
    internal, public = tmp_path / "internal.pdf", tmp_path / "public.pdf"
    rows = [RosterExportRow(f"Family{i:03}", f"Given{i:03}", email=f"given{i:03}@example.org") for i in range(70)]
    write_roster_directory(internal, rows, committee_name="EAC", generated_on=DAY)
    write_roster_directory(public, rows, committee_name="EAC", generated_on=DAY, include_contact=False)
    sheets = pages(internal)
    assert len(sheets) >= 3
    for number, page in enumerate(sheets, start=1):
        assert "example.org" in page
        assert PRIVATE_NOTICE in page, f"page {number} of the internal directory has no notice"
    assert not any("private contact details" in page for page in pages(public))


def test_email_addresses_never_wrap_inside_a_word(tmp_path: Path) -> None:
    short = ["linda@example.org", "abdirahman.farah@students.example.org", "deshawn.williams@students.example.org"]
    absurd = "first.middle.family.name.for.the.equity.office@students.district-833.schools.example.org"
    rows = [RosterExportRow(f"Family{i}", "Pat", email=address) for i, address in enumerate([*short, absurd])]
    target = tmp_path / "directory.pdf"
    write_roster_directory(target, rows, committee_name="EAC", generated_on=DAY)
    found = words(target)
    email_x = next(x for x, _y, text in found if text == "Email")
    phone_x = next(x for x, _y, text in found if text == "Phone")
    in_column = [text for x, _y, text in found if email_x - 1 <= x < phone_x - 1 and text != "Email"]
    for address in short:
        assert address in in_column, f"{address} was broken across lines: {in_column}"
    pieces = [text for text in in_column if text not in short]
    assert "".join(pieces) == absurd
    assert len(pieces) > 1 and all(piece[0] in "@." for piece in pieces[1:]), pieces


def test_large_print_gives_the_signature_the_widest_column(tmp_path: Path) -> None:
    target = tmp_path / "large.pdf"
    write_signin_sheet(target, people(3), committee_name="EAC", meeting_title="M", meeting_date=DAY, large_print=True)
    found = words(target)
    header_y = next(y for _x, y, text in found if text == "Signature")
    lefts = [next(x for x, y, t in found if t == title and abs(y - header_y) < 30) for title in
             ("Name", "Stakeholder", "Interpreter", "Signature")]  # fmt: skip
    right = 792 - MARGIN - FRAME_PADDING + signin_sheet.LARGE_PRINT_SIZE * 0.4  # landscape Letter, cell padding
    widths = [b - a for a, b in zip(lefts, [*lefts[1:], right], strict=True)]
    assert widths[3] == max(widths), f"column widths {[round(w) for w in widths]}"
    assert widths[3] > widths[0] + 10
