"""Recognising roster files by their bytes, and the plain sentences for everything the import refuses."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from equitydesk.formats import sniff as sniff_module
from equitydesk.formats.errors import FileRefused
from equitydesk.formats.sniff import FileKind, detect_encoding, sniff
from tests.roster_files import write_csv, write_xlsx


def refusal(path: Path) -> str:
    with pytest.raises(FileRefused) as caught:
        sniff(path)
    message = str(caught.value)
    assert path.name in message, "the sentence names the file"
    assert "\n" not in message and "Traceback" not in message
    return message


def test_xlsx_is_recognised_whatever_its_name(tmp_path: Path) -> None:
    real = write_xlsx(tmp_path / "roster.xlsx", [["First Name", "Last Name"], ["Mai", "Vang"]])
    assert sniff(real).kind is FileKind.XLSX
    renamed = tmp_path / "roster.xls"
    renamed.write_bytes(real.read_bytes())
    assert sniff(renamed).kind is FileKind.XLSX


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"), ("utf-16", "utf-16")],
)
def test_csv_is_recognised_with_its_encoding(tmp_path: Path, encoding: str, expected: str) -> None:
    path = write_csv(tmp_path / "roster.xlsx", [["First Name", "Last Name"], ["José", "Núñez"]], encoding=encoding)
    found = sniff(path)
    assert found.kind is FileKind.CSV
    assert found.encoding == expected


def test_utf16_without_bom_is_recognised() -> None:
    assert detect_encoding("Name,Email\r\n".encode("utf-16-le")) == "utf-16-le"
    assert detect_encoding("Name,Email\r\n".encode("utf-16-be")) == "utf-16-be"
    assert detect_encoding(b"\x00\x01\x02\x03\x04\x05garbage\x00\x00\x07") is None


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    path.write_bytes(b"")
    assert "is empty" in refusal(path)


def test_missing_file(tmp_path: Path) -> None:
    assert "was not found" in refusal(tmp_path / "gone.xlsx")


def _ole(*stream_names: str) -> bytes:
    # An OLE2 header and a directory holding the given stream names, as the byte search sees them.
    body = b"".join(name.encode("utf-16-le").ljust(64, b"\x00") for name in stream_names)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + body.ljust(4096, b"\x00")


def test_old_excel_workbook(tmp_path: Path) -> None:
    path = tmp_path / "roster.xls"
    path.write_bytes(_ole("Root Entry", "Workbook"))
    message = refusal(path)
    assert message == (
        "roster.xls is an old Excel 97-2003 workbook. Open it in Excel or LibreOffice and save it as .xlsx "
        "(Excel Workbook), then import that file."
    )


def test_password_protected_workbook(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    path.write_bytes(_ole("Root Entry", "EncryptionInfo", "EncryptedPackage"))
    message = refusal(path)
    assert "is protected with a password" in message
    assert "remove the password" in message


def test_very_old_excel_stream(tmp_path: Path) -> None:
    path = tmp_path / "roster.xls"
    path.write_bytes(b"\x09\x04\x06\x00\x00\x00\x10\x00" + b"\x00" * 100)
    assert "very old Excel workbook" in refusal(path)


def _zip(path: Path, members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_opendocument_spreadsheet(tmp_path: Path) -> None:
    path = _zip(tmp_path / "roster.ods", {
        "mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>",
        "META-INF/manifest.xml": b"<x/>",
    })  # fmt: skip
    assert "is an OpenDocument spreadsheet (.ods)" in refusal(path)
    assert "save it as .xlsx" in refusal(path)


def test_binary_workbook_word_file_and_plain_zip(tmp_path: Path) -> None:
    xlsb = _zip(tmp_path / "roster.xlsx", {"[Content_Types].xml": b"<x/>", "xl/workbook.bin": b"\x00"})
    assert "Excel binary workbook (.xlsb)" in refusal(xlsb)
    docx = _zip(tmp_path / "roster.docx", {"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"})
    assert "not a spreadsheet (it looks like a Word document)" in refusal(docx)
    other = _zip(tmp_path / "rosters.zip", {"roster.xlsx": b"PK"})
    assert "looks like a zip archive" in refusal(other)


def test_pdf_html_and_xml_spreadsheet(tmp_path: Path) -> None:
    pdf = tmp_path / "roster.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    assert "is not a spreadsheet (it looks like a PDF document)" in refusal(pdf)
    html = tmp_path / "roster.xls"
    html.write_text("<html><body><table><tr><td>Name</td></tr></table></body></html>")
    assert "is a web page (HTML)" in refusal(html)
    xml = tmp_path / "export.xls"
    xml.write_text('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>')
    assert "Excel 2003 XML spreadsheet" in refusal(xml)


def test_damaged_zip(tmp_path: Path) -> None:
    whole = write_xlsx(tmp_path / "whole.xlsx", [["Name"], ["Mai Vang"]]).read_bytes()
    cut = tmp_path / "roster.xlsx"
    cut.write_bytes(whole[: len(whole) // 2])
    message = refusal(cut)
    assert message.startswith("roster.xlsx is damaged:")
    assert "save it again" in message


def test_zip_bomb_by_ratio(tmp_path: Path) -> None:
    path = _zip(tmp_path / "roster.xlsx", {
        "[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>", "xl/worksheets/sheet1.xml": b"\x00" * (12 << 20),
    })  # fmt: skip
    assert "looks unsafe" in refusal(path)


def test_zip_bomb_by_total_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sniff_module, "MAX_TOTAL_UNCOMPRESSED", 1000)
    path = _zip(tmp_path / "roster.xlsx", {"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"a" * 2000})
    assert "is too large to import" in refusal(path)
