"""Tell what a file really is from its first bytes, not its name, and refuse what the roster import cannot read."""

from __future__ import annotations

import codecs
import zipfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from equitydesk.formats.errors import FileRefused, short_detail

# Zip-bomb limits: checked against the zip's own directory before any part is decompressed.
MAX_TOTAL_UNCOMPRESSED = 512 * 1024 * 1024
MAX_RATIO = 200
RATIO_CHECK_FROM = 10 * 1024 * 1024
_HEAD_BYTES = 64 * 1024

_SAVE_AS_XLSX = "Open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook), then import that file."


class FileKind(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"


@dataclass(frozen=True, slots=True)
class Sniffed:
    """What the bytes say: an Excel 2007+ workbook, or delimited text in the given encoding."""

    kind: FileKind
    encoding: str | None = None


def sniff(path: Path) -> Sniffed:
    """Recognise an xlsx/xlsm/xltx workbook or a CSV/text file; raise FileRefused for anything else."""
    name = path.name
    try:
        with path.open("rb") as f:
            head = f.read(_HEAD_BYTES)
    except FileNotFoundError:
        # Said by the window and the command line alike, so no "choose" (a file dialog) and the folder named.
        folder = "the current folder" if str(path.parent) in ("", ".") else str(path.parent)
        raise FileRefused(
            f"{name} was not found in {folder}; it may have been moved or renamed. "
            "Check the file's name and folder, then try again."
        ) from None
    except IsADirectoryError:
        raise FileRefused(f"{name} is a folder, not a file. Choose a spreadsheet file inside it.") from None
    except OSError as exc:
        raise FileRefused(
            f"{name} could not be opened ({exc.strerror or exc}). Check that it is not open "
            "elsewhere or on a disconnected drive, then try again."
        ) from None
    if not head.strip(b"\x00 \t\r\n"):
        raise FileRefused(f"{name} is empty. Choose the file that holds the roster, or save it again from Excel.")
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _sniff_zip(path)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise FileRefused(_ole_message(name, head))
    if head[:2] in (b"\x09\x00", b"\x09\x02", b"\x09\x04", b"\x09\x08") and head[3:4] == b"\x00":
        # A bare BIFF stream: Excel 2, 3 and 4 saved worksheets this way, before the OLE container.
        raise FileRefused(f"{name} is a very old Excel workbook (Excel 4 or earlier). {_SAVE_AS_XLSX}")
    other = _other_binary(head)
    if other:
        raise FileRefused(f"{name} is not a spreadsheet (it looks like {other}). Choose the .xlsx or .csv file.")
    encoding = detect_encoding(head)
    if encoding is None:
        raise FileRefused(f"{name} is not a spreadsheet or a text file I can read. {_SAVE_AS_XLSX}")
    _refuse_markup(name, head, encoding)
    return Sniffed(FileKind.CSV, encoding)


def _ole_message(name: str, head: bytes) -> str:
    # The stream names sit in the OLE directory as UTF-16; a byte search is enough to tell the kinds apart.
    if "EncryptionInfo".encode("utf-16-le") in head or "EncryptedPackage".encode("utf-16-le") in head:
        return (
            f"{name} is protected with a password. Open it in Excel, remove the password "
            "(File › Info › Protect Workbook › Encrypt with Password, then clear it), save, and import again."
        )
    if "WordDocument".encode("utf-16-le") in head:
        return f"{name} is not a spreadsheet (it looks like a Word document). Choose the .xlsx or .csv file."
    if "PowerPoint Document".encode("utf-16-le") in head:
        return f"{name} is not a spreadsheet (it looks like a PowerPoint file). Choose the .xlsx or .csv file."
    return f"{name} is an old Excel 97-2003 workbook. {_SAVE_AS_XLSX}"


def _other_binary(head: bytes) -> str | None:
    signatures = {
        b"%PDF": "a PDF document", b"\x89PNG": "a picture", b"\xff\xd8\xff": "a picture", b"GIF8": "a picture",
        b"{\\rtf": "a Word (RTF) document", b"\x1f\x8b": "a compressed archive", b"Rar!": "a compressed archive",
        b"7z\xbc\xaf": "a compressed archive", b"SQLite format 3": "a database file", b"MZ": "a program",
    }  # fmt: skip
    return next((kind for sig, kind in signatures.items() if head.startswith(sig)), None)


def detect_encoding(head: bytes) -> str | None:
    """The text encoding of a file from its first bytes: BOMs first, then UTF-16/32 by their zero bytes, then
    UTF-8, else Windows-1252 (what Excel on Windows writes for "CSV"); None when the bytes are not text."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
    ):  # fmt: skip
        if head.startswith(bom):
            return encoding
    sample = head[:4096]
    if b"\x00" in sample:
        return _zero_byte_encoding(sample)
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # A multi-byte character cut off by the end of the sample is still UTF-8.
        if exc.start >= len(sample) - 3 and len(head) > len(sample):
            return "utf-8"
    text = sample.decode("cp1252", errors="replace")
    controls = sum(1 for c in text if c < " " and c not in "\t\r\n\f") + text.count("\ufffd")
    return "cp1252" if controls <= len(text) // 100 else None


def _zero_byte_encoding(sample: bytes) -> str | None:
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    quarter = sample[1::4].count(0) + sample[2::4].count(0) + sample[3::4].count(0)
    if sample[0::4].count(0) == 0 and quarter >= 3 * (len(sample) // 4) * 0.9:
        return "utf-32-le"
    if odd >= half * 0.9 and even <= half * 0.1:
        return "utf-16-le"
    if even >= half * 0.9 and odd <= half * 0.1:
        return "utf-16-be"
    return None


def _refuse_markup(name: str, head: bytes, encoding: str) -> None:
    start = head[:2048].decode(encoding, errors="replace").lstrip("\ufeff \t\r\n").casefold()
    if not start.startswith("<"):
        return
    if "urn:schemas-microsoft-com:office:spreadsheet" in start or "<?mso-application" in start:
        raise FileRefused(f"{name} is an Excel 2003 XML spreadsheet. {_SAVE_AS_XLSX}")
    if "<html" in start or "<table" in start or "<!doctype html" in start:
        raise FileRefused(
            f"{name} is a web page (HTML) saved with a spreadsheet name, as some school systems export. {_SAVE_AS_XLSX}"
        )
    raise FileRefused(f"{name} is not a spreadsheet (it looks like an XML document). Choose the .xlsx or .csv file.")


def _sniff_zip(path: Path) -> Sniffed:
    name = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            check_zip_sizes(name, infos)
            parts = {i.filename.replace("\\", "/").lstrip("/").casefold(): i for i in infos}
            mimetype = zf.read(parts["mimetype"]).decode("ascii", "replace").strip() if "mimetype" in parts else ""
    except FileRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise FileRefused(
            f"{name} is damaged: it is not a complete Excel file ({short_detail(exc)}). "
            "Open it in Excel and save it again, or ask for a new copy."
        ) from None
    odf_without_mimetype = not mimetype and "content.xml" in parts and "meta-inf/manifest.xml" in parts
    if mimetype == "application/vnd.oasis.opendocument.spreadsheet" or odf_without_mimetype:
        raise FileRefused(f"{name} is an OpenDocument spreadsheet (.ods). {_SAVE_AS_XLSX}")
    if mimetype.startswith("application/vnd.oasis.opendocument"):
        raise FileRefused(
            f"{name} is not a spreadsheet (it looks like an OpenDocument text or slides file). "
            "Choose the .xlsx or .csv file."
        )
    if "xl/workbook.bin" in parts:
        raise FileRefused(f"{name} is an Excel binary workbook (.xlsb). {_SAVE_AS_XLSX}")
    if any(p.startswith("index/") and p.endswith(".iwa") for p in parts) or "index.zip" in parts:
        raise FileRefused(
            f"{name} is an Apple Numbers file. In Numbers choose File › Export To › Excel, then import the .xlsx file."
        )
    if "word/document.xml" in parts:
        raise FileRefused(f"{name} is not a spreadsheet (it looks like a Word document). Choose the .xlsx file.")
    if "ppt/presentation.xml" in parts:
        raise FileRefused(f"{name} is not a spreadsheet (it looks like a PowerPoint file). Choose the .xlsx file.")
    if "[content_types].xml" in parts:
        # Workbooks may keep their parts outside xl/ (the relationships say where), so the content types decide.
        return Sniffed(FileKind.XLSX)
    if not parts:
        raise FileRefused(f"{name} is damaged: the file is an empty archive. Save it again from Excel.")
    raise FileRefused(
        f"{name} is not a spreadsheet (it looks like a zip archive). If the roster is inside it, "
        "extract it first and import the .xlsx file."
    )


def check_zip_sizes(name: str, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip whose directory declares more data than a roster could hold (a 'zip bomb')."""
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise FileRefused(
            f"{name} is too large to import: it unpacks to {total // 2**20:,} MB. Split the roster "
            "into smaller files, or save only the roster sheet as a new workbook."
        )
    for info in infos:
        if info.file_size > RATIO_CHECK_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise FileRefused(
                f"{name} looks unsafe: one part unpacks to {info.file_size // 2**20:,} MB from "
                f"{max(info.compress_size // 1024, 1):,} KB. Save the roster again from Excel."
            )
