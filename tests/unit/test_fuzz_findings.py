"""Regression tests for what the fuzzers found (tests/fuzz): each failed before its fix."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from equitydesk.domain.normalize import clean_multiline, clean_text
from equitydesk.formats.errors import FileRefused
from equitydesk.formats.roster_columns import parse_roster


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Mai\x05 Vang", "Mai Vang"),  # a control character pasted from another program: an export would write U+FFFD
        ("Ho\x07dan\x7f", "Hodan"),
        ("Lucía\x1b[0m", "Lucía[0m"),
        ("\x9bNg", "Ng"),  # C1 controls too
        ("\u200b\x0bé", "é"),  # a zero-width mark at the edge hid a space, which stayed
        ("Mai \u200b", "Mai"),
        ("\ufeff \u200b Tom", "Tom"),
    ],
)
def test_names_lose_controls_and_hidden_edge_spaces_and_cleaning_twice_changes_nothing(typed: str, kept: str) -> None:
    assert clean_text(typed) == kept
    assert clean_text(clean_text(typed)) == clean_text(typed)


def test_notes_keep_their_lines_but_not_controls_or_empty_edge_lines() -> None:
    assert clean_multiline("\u200b\nFirst\x05 line\r\nSecond\x00") == "First line\nSecond"
    assert clean_multiline(clean_multiline("a\n \u200b\nb")) == "a\nb"


def test_a_damaged_sheet_is_refused_without_the_readers_exception_name(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["First Name", "Last Name", "Email"])
    book.active.append(["Mai", "Vang", "mai@example.org"])
    buffer = io.BytesIO()
    book.save(buffer)
    damaged = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(damaged, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            out.writestr(info.filename, data[: len(data) // 2] if "worksheets/sheet1" in info.filename else data)
    path = tmp_path / "roster.xlsx"
    path.write_bytes(damaged.getvalue())
    with pytest.raises(FileRefused) as refused:
        parse_roster(path)
    message = str(refused.value)
    assert message.startswith("Sheet 'Sheet' in roster.xlsx could not be read") or "roster.xlsx" in message
    assert "Error" not in message and "Exception" not in message and "\n" not in message
