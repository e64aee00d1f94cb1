"""Reading sheet rows from xlsx (python-calamine) and CSV files, within limits, refusing plainly."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from equitydesk.formats import sheet_reader
from equitydesk.formats.errors import FileRefused, ReadCancelled
from equitydesk.formats.sheet_reader import detect_delimiter, read_workbook
from equitydesk.formats.sniff import FileKind
from tests.roster_files import write_csv, write_raw_xlsx, write_xlsx


def refused(path: Path, **read: object) -> str:
    with pytest.raises(FileRefused) as caught, read_workbook(path) as book:
        book.read(book.sheet_names[0], **read)  # type: ignore[arg-type]
    message = str(caught.value)
    assert path.name in message and "\n" not in message and "Traceback" not in message
    return message


def _istr(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def test_visible_sheets_and_typed_cells(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "roster.xlsx",
        [["Name", "Phone", "Term start", "Voting"], ["Mai Vang", 6125551234, date(2025, 9, 1), True], ["Ana", None]],
        sheets={"Notes": [["x"]], "Old": [["y"]]},
        hidden=["Old"],
    )
    with read_workbook(path) as book:
        assert book.kind is FileKind.XLSX
        assert book.sheet_names == ["Roster", "Notes"]
        assert book.hidden_sheet_names == ["Old"]
        sheet = book.read("Roster")
    assert sheet.first_row == 1
    assert sheet.rows[1] == ["Mai Vang", 6125551234.0, date(2025, 9, 1), True]
    assert sheet.rows[2] == ["Ana", "", "", ""]


def test_true_and_one_stay_apart_in_one_column(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Name", "Voting"]] + [[f"P{i}", v] for i, v in enumerate([True, 1, "Yes", True, 0.0])]
    with read_workbook(write_xlsx(tmp_path / "roster.xlsx", rows)) as book:
        got = [row[1] for row in book.read("Roster").rows[1:]]
    assert got == [True, 1.0, "Yes", True, 0.0]
    assert [type(v) for v in got] == [bool, float, str, bool, float]


def test_rows_keep_spreadsheet_positions_below_titles_and_right_of_gaps(tmp_path: Path) -> None:
    data = _istr("C4", "Name") + _istr("D4", "Email")
    path = write_raw_xlsx(tmp_path / "roster.xlsx", f'<row r="4">{data}</row><row r="5">{_istr("C5", "Mai")}</row>')
    with read_workbook(path) as book:
        sheet = book.read("Roster")
    assert sheet.first_row == 4
    assert sheet.rows[0] == ["", "", "Name", "Email"]  # index 0 is column A, whatever calamine starts at


def test_a_long_blank_tail_ends_reading(tmp_path: Path) -> None:
    rows = "".join(f'<row r="{r}">{_istr(f"A{r}", f"Person {r}")}</row>' for r in range(1, 11))
    stray = f'<row r="300000">{_istr("B300000", "stray")}</row>'
    path = write_raw_xlsx(tmp_path / "roster.xlsx", rows + stray)
    with read_workbook(path) as book:
        sheet = book.read("Roster")
    assert len(sheet.rows) == 10


def test_a_value_far_away_is_refused_before_calamine_builds_its_grid(tmp_path: Path) -> None:
    path = write_raw_xlsx(tmp_path / "roster.xlsx", f'<row r="1">{_istr("A1", "Name")}{_istr("XFD1", "x")}</row>'
                          f'<row r="5000">{_istr("A5000", "far")}</row>')  # fmt: skip
    assert "far away from the roster (as far as column XFD)" in refused(path)
    down = write_raw_xlsx(tmp_path / "down.xlsx", _istr("P1", "x").join(['<row r="1">', "</row>"])
                          + f'<row r="1048576">{_istr("P1048576", "x")}</row>')  # fmt: skip
    assert "as far as row 1,048,576" in refused(down)


def test_formatted_empty_cells_far_away_cost_nothing(tmp_path: Path) -> None:
    path = write_raw_xlsx(
        tmp_path / "roster.xlsx",
        f'<row r="1">{_istr("A1", "Name")}</row><row r="1048576"><c r="XFD1048576" s="1"/></row>',
        dimension="A1:XFD1048576",
    )
    with read_workbook(path) as book:
        assert book.read("Roster").rows == [["Name"]]


def test_row_cap_and_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_xlsx(tmp_path / "roster.xlsx", [["Name"]] + [[f"Person {i}"] for i in range(300)])
    monkeypatch.setattr(sheet_reader, "MAX_DATA_ROWS", 100)
    assert "has more than 100 rows, too many for a roster" in refused(path)
    monkeypatch.setattr(sheet_reader, "MAX_DATA_ROWS", 200_000)
    monkeypatch.setattr(sheet_reader, "TIME_LIMIT_SECONDS", -1.0)
    assert "took too long to read" in refused(path)


def test_cancel_and_progress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheet_reader, "_CHECK_EVERY", 10)
    path = write_xlsx(tmp_path / "roster.xlsx", [["Name"]] + [[f"Person {i}"] for i in range(100)])
    seen: list[int] = []
    with read_workbook(path) as book:
        book.read("Roster", progress=seen.append)
    assert seen and all(0 <= p <= 99 for p in seen) and seen == sorted(seen)
    with pytest.raises(ReadCancelled), read_workbook(path) as book:
        book.read("Roster", should_cancel=lambda: True)


def test_damaged_sheet_xml_is_refused_plainly(tmp_path: Path) -> None:
    path = write_raw_xlsx(tmp_path / "roster.xlsx", '<row r="1"><c r="A1" t="inlineStr"><is><t>Name</is></c></row>')
    message = refused(path)
    assert "could not be read" in message and "save it again as .xlsx" in message


def test_missing_sheet_part_is_refused_plainly(tmp_path: Path) -> None:
    whole = write_xlsx(tmp_path / "whole.xlsx", [["Name"], ["Mai"]])
    path = tmp_path / "roster.xlsx"
    with zipfile.ZipFile(whole) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            if "worksheets/" not in info.filename:
                dst.writestr(info, src.read(info))
    assert "could not be read" in refused(path)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    rows = [["Name", "Notes", "Email"], ["José Núñez", "likes commas, semicolons; and tabs\t", "jose@example.org"]]
    path = write_csv(tmp_path / "roster.csv", rows, encoding=encoding, delimiter=delimiter)
    with read_workbook(path) as book:
        assert book.kind is FileKind.CSV
        assert book.sheet_names == ["roster"]
        assert book.read("roster").rows == rows


def test_csv_quirks(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(b'sep=;\r\nName;Notes;Phone\r\n"Vang, Mai";"two\r\nlines";#N/A\r\nAli\r\n')
    with read_workbook(path) as book:
        rows = book.read("export").rows
    assert rows == [["Name", "Notes", "Phone"], ["Vang, Mai", "two\r\nlines", ""], ["Ali", "", ""]]


def test_csv_that_is_utf8_until_a_later_line_falls_back_to_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(b"Name,School\r\n" + b"Mai,Central\r\n" * 5000 + "Renée,Café\r\n".encode("cp1252"))
    with read_workbook(path) as book:
        assert book.read("roster").rows[-1] == ["Renée", "Café"]


def test_delimiter_detection_ignores_quoted_text() -> None:
    sample = 'Name;Notes;Email\n"Vang, Mai";"a, b, c";m@x.org\n"Ali, Hodan";"d, e";h@x.org\n'
    assert detect_delimiter(sample) == ";"
    assert detect_delimiter("Name\nMai\n") == ","
