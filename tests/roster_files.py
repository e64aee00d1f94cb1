"""Builders of roster files (xlsx, csv) for tests and benchmarks, written into a folder the caller owns."""

from __future__ import annotations

import csv
import io
import random
import unicodedata
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell.cell import Cell

Rows = Sequence[Sequence[object]]

ROSTER_HEADER: tuple[str, ...] = (
    "First Name",
    "Last Name",
    "Preferred name",
    "Pronouns",
    "E-mail Address",
    "Cell #",
    "School",
    "Home Language",
    "Interpreter Needed?",
    "Stakeholder Group",
    "Role",
    "Voting member?",
    "Term Begins",
    "Term Ends",
    "Accommodations",
    "Notes",
)

_GIVEN = ("Amina", "José", "Mai", "Nguyễn Thị", "Fatuma", "John", "Sofía", "Ka", "Abdirahman", "Łucja", "Chloé", "Omar")
_FAMILY = ("Hassan", "García", "Vang", "Tran", "Ali", "Smith", "de la Cruz", "Yang", "Mohamed", "Kowalska", "O'Brien")
_SCHOOLS = ("Roosevelt High", "Lincoln Elementary", "Central Middle", "District Office", "Hmong Academy")
_LANGS = ("English", "Somali; English", "Spanish, English", "Hmong/English", "Vietnamese", "es", "Karen")
_GROUPS = ("Parent", "Student", "Teacher", "Para", "Principal", "Community member", "CBO", "Board member")
_ROLES = ("Member", "Member", "Member", "Chair", "Co-chair", "Secretary", "Alternate", "Ex officio")


def write_xlsx(
    path: Path,
    rows: Rows,
    *,
    sheet: str = "Roster",
    title_rows: Sequence[str] = (),
    sheets: dict[str, Rows] | None = None,
    hidden: Sequence[str] = (),
) -> Path:
    """Write rows (after optional merged title rows) as Excel would, text always as text, then more sheets."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    width = max((len(r) for r in rows), default=1)
    for n, title in enumerate(title_rows, start=1):
        _put(ws.cell(row=n, column=1), title)
        if width > 1:
            ws.merge_cells(start_row=n, start_column=1, end_row=n, end_column=width)
    start = len(title_rows) + 1
    for r, row in enumerate(rows, start=start):
        for c, value in enumerate(row, start=1):
            if value is not None:
                _put(ws.cell(row=r, column=c), value)
    for name, extra in (sheets or {}).items():
        other = wb.create_sheet(name)
        for r, row in enumerate(extra, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    _put(other.cell(row=r, column=c), value)
        if name in hidden:
            other.sheet_state = "hidden"
    wb.save(path)
    return path


def _put(cell: Cell, value: object) -> None:
    cell.value = value
    if isinstance(value, str):
        # openpyxl would otherwise store "=..." as a live formula (see DESIGN.md, Traps).
        cell.data_type = "s"
    elif isinstance(value, date | datetime):
        cell.number_format = "m/d/yyyy"


def write_csv(
    path: Path,
    rows: Rows,
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
    newline: str = "\r\n",
) -> Path:
    """Write rows as CSV text in the given encoding ("utf-8-sig" for a BOM, "utf-16" for UTF-16 with BOM)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def roster_row(i: int, rng: random.Random) -> list[object]:
    """One plausible roster row, in ROSTER_HEADER order; about one cell in six is left empty."""
    given, family = rng.choice(_GIVEN), rng.choice(_FAMILY)
    phone: object = 6125550000 + i % 10000 if i % 3 else f"(612) 555-{i % 10000:04d}"
    return [
        given,
        family,
        "" if i % 4 else given.split()[0][:3],
        "" if i % 5 else "she/her",
        f"{_ascii(given.split()[0]).lower()}.{i}@example.org",
        phone,
        rng.choice(_SCHOOLS),
        rng.choice(_LANGS),
        "Yes" if i % 7 == 0 else "No",
        rng.choice(_GROUPS),
        rng.choice(_ROLES),
        "Y" if i % 9 else "N",
        date(2024 + i % 2, 9, 1),
        date(2026 + i % 2, 6, 30),
        "" if i % 11 else "Large print",
        "",
    ]


def _ascii(text: str) -> str:
    # School systems hand out e-mail addresses without accents: Sofía's is sofia@…
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode() or "x"


def make_big_roster_xlsx(path: Path, n: int, *, seed: int = 0) -> Path:
    """Write an n-row roster the way Excel saves one: shared strings, a <dimension>, dates as styled serials."""
    rng = random.Random(seed)
    strings: dict[str, int] = {}

    def sst(text: str) -> int:
        index = strings.get(text)
        if index is None:
            index = strings[text] = len(strings)
        return index

    letters = [chr(ord("A") + i) for i in range(len(ROSTER_HEADER))]
    parts = []
    for r, row in enumerate([list(ROSTER_HEADER)] + [roster_row(i, rng) for i in range(n)], start=1):
        cells = []
        for letter, value in zip(letters, row, strict=True):
            ref = f"{letter}{r}"
            if value == "":
                continue
            if isinstance(value, str):
                cells.append(f'<c r="{ref}" t="s"><v>{sst(value)}</v></c>')
            elif isinstance(value, date):
                serial = (value - date(1899, 12, 30)).days
                cells.append(f'<c r="{ref}" s="1"><v>{serial}</v></c>')
            else:
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
        parts.append(f'<row r="{r}">{"".join(cells)}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    sheet_xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{main}" xmlns:r="{rel}">'
        f'<dimension ref="A1:{letters[-1]}{n + 1}"/><sheetData>{"".join(parts)}</sheetData></worksheet>'
    )
    sst_xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{main}" count="{len(strings)}" '
        f'uniqueCount="{len(strings)}">' + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK.format(main=main, rel=rel))
        zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        zf.writestr("xl/styles.xml", _STYLES.format(main=main))
        zf.writestr("xl/sharedStrings.xml", sst_xml)
        zf.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return path


def write_raw_xlsx(path: Path, sheet_data: str, *, dimension: str | None = None) -> Path:
    """A one-sheet workbook ("Roster") whose <sheetData> is the given XML, for cells no writer would produce."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet_xml = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{main}">{dim}'
        f"<sheetData>{sheet_data}</sheetData></worksheet>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES.replace(_SST_OVERRIDE, ""))
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK.format(main=main, rel=rel))
        zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.replace(_SST_REL, ""))
        zf.writestr("xl/styles.xml", _STYLES.format(main=main))
        zf.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return path


_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
{sst}
</Types>"""  # noqa: E501
_SST_OVERRIDE = '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'  # noqa: E501
_CONTENT_TYPES = _CONTENT_TYPES.replace("{sst}", _SST_OVERRIDE)

_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""  # noqa: E501

_WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Roster" sheetId="1" r:id="rId1"/></sheets></workbook>"""

_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
{sst}
</Relationships>"""  # noqa: E501
_SST_REL = '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'  # noqa: E501
_WORKBOOK_RELS = _WORKBOOK_RELS.replace("{sst}", _SST_REL)

_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{main}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
</styleSheet>"""
