"""Find an xlsx sheet's real extent from its XML before python-calamine allocates a grid that large."""

from __future__ import annotations

import codecs
import posixpath
import re
import zipfile
from collections.abc import Iterator

from defusedxml import ElementTree

from equitydesk.formats.errors import FileRefused

# calamine holds a sheet as a dense grid of ~32-byte cells from A1 to the farthest cell: one stray value in
# XFD5000 costs 3 GB. Ten million cells (~320 MB) is fifty times a 100,000-row, 16-column roster.
MAX_CELLS = 10_000_000
# Only references that are wide (two or more letters) or far (row 100,000 or more) can make the grid large, so a
# cheap scan finds those candidates, which a real roster rarely has, and only they are examined closely.
_CANDIDATE = re.compile(rb' r="(?:[A-Z]{2,3}\d|[A-Z]{0,3}\d{6})')
# calamine skips cells without a value: formatted empty cells (<c r="XFD9" s="1"/>) cost nothing.
_VALUE_CELL = re.compile(rb' r="([A-Z]{1,3})(\d+)"[^>/]*>(?!\s*</)')
# A far row whose cells carry no reference places them by counting, from that row's number.
_FAR_ROW = re.compile(rb' r="(\d+)"[^>]*(?<!/)>\s*<(?:\w+:)?c(?:\s+(?!r=)[\w:]+="[^"]*")*\s*>')
_CHUNK = 1 << 20


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Map each sheet name to its zip member, following the package relationships as Excel does.

    Returns an empty dict when the relationships cannot be followed; callers then check every XML part.
    """
    members = {_norm(i.filename): i.filename for i in zf.infolist()}
    try:
        workbook = _office_document(zf, members)
        if workbook is None:
            return {}
        targets = _relationships(zf, members, workbook)
        root = ElementTree.fromstring(zf.read(members[workbook]))
    except Exception:  # any damage here is reported by calamine later, in its own words
        return {}
    parts: dict[str, str] = {}
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        rel_id = next((v for k, v in element.attrib.items() if k.rsplit("}", 1)[-1] == "id"), None)
        target = targets.get(rel_id or "")
        if target and target in members and "name" in element.attrib:
            parts[element.attrib["name"]] = members[target]
    return parts


def _norm(name: str) -> str:
    return name.replace("\\", "/").lstrip("/").casefold()


def _office_document(zf: zipfile.ZipFile, members: dict[str, str]) -> str | None:
    rels = _relationships(zf, members, "")
    return next((t for t in rels.values() if t in members and t.endswith(".xml")), None)


def _relationships(zf: zipfile.ZipFile, members: dict[str, str], source: str) -> dict[str, str]:
    folder, base = posixpath.split(source)
    rels_name = _norm(posixpath.join(folder, "_rels", base + ".rels"))
    if rels_name not in members:
        return {}
    targets = {}
    for element in ElementTree.fromstring(zf.read(members[rels_name])).iter():
        target, rel_id = element.attrib.get("Target"), element.attrib.get("Id")
        kind = element.attrib.get("Type", "")
        if not target or not rel_id or (source == "" and not kind.endswith("/officeDocument")):
            continue
        joined = target if target.startswith("/") else posixpath.join(folder, target)
        targets[rel_id] = _norm(posixpath.normpath(joined.replace("\\", "/")))
    return targets


def check_extent(file_name: str, sheet: str, zf: zipfile.ZipFile, member: str | None) -> None:
    """Refuse a sheet whose farthest cell would make calamine's grid larger than MAX_CELLS.

    With member None (relationships unknown), every XML part of the package is checked.
    """
    names = [member] if member else [i.filename for i in zf.infolist() if i.filename.casefold().endswith(".xml")]
    for name in names:
        rows, cols = _extent(zf, name)
        if rows * cols > MAX_CELLS:
            where = f"column {_letters(cols)}" if cols > 26 else f"row {rows:,}"  # the likelier culprit
            raise FileRefused(
                f"Sheet '{sheet}' in {file_name} has content far away from the roster (as far as {where}). Delete "
                "the rows and columns after the roster, save, and import again."
            )


def _extent(zf: zipfile.ZipFile, name: str) -> tuple[int, int]:
    """(rows, columns) of the grid calamine would build, counting only cells that hold a value.

    A first pass looks only at wide or far references, assuming up to 99,999 rows and 26 columns otherwise; only
    when that bound is too large (a stray value far below narrow data, say) does a second pass measure every cell.
    """
    max_row, max_col = 99_999, 26
    far_rows = 1  # rows placed by counting, which the exact pass below cannot see
    for buf in _utf8_chunks(zf, name):
        for candidate in _CANDIDATE.finditer(buf):
            window = buf[candidate.start() : candidate.start() + 400]
            if cell := _VALUE_CELL.match(window):
                max_row, max_col = max(max_row, int(cell[2])), max(max_col, _column_number(cell[1].decode()))
            elif row := _FAR_ROW.match(window):
                far_rows = max(far_rows, int(row[1]))
                max_row = max(max_row, far_rows)
    if max_row * max_col <= MAX_CELLS:
        return max_row, max_col
    max_row, max_col = far_rows, 1
    for buf in _utf8_chunks(zf, name):
        for letters, digits in _VALUE_CELL.findall(buf):
            max_row, max_col = max(max_row, int(digits)), max(max_col, _column_number(letters.decode()))
    return max_row, max_col


def _utf8_chunks(zf: zipfile.ZipFile, name: str) -> Iterator[bytes]:
    """The part's bytes in overlapping chunks, re-encoded as UTF-8 if the XML was written in UTF-16 or UTF-32."""
    with zf.open(name) as fh:
        first = fh.read(_CHUNK)
        encoding = _xml_encoding(first)
        decoder = codecs.getincrementaldecoder(encoding)("replace") if encoding else None
        tail, chunk = b"", first
        while chunk:
            data = decoder.decode(chunk).encode("utf-8") if decoder else chunk
            yield tail + data
            tail = data[-32:]
            chunk = fh.read(_CHUNK)


def _xml_encoding(head: bytes) -> str | None:
    for starts, encoding in (
        ((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE), "utf-32"), ((b"<\0\0\0",), "utf-32-le"),
        ((b"\0\0\0<",), "utf-32-be"), ((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE), "utf-16"),
        ((b"<\0",), "utf-16-le"), ((b"\0<",), "utf-16-be"),
    ):  # fmt: skip
        if head.startswith(starts):
            return encoding
    return None


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return max(number, 1)


def _letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
