"""atomic_write leaves either the old file or the new one, never a half-written file or a stray temp file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import cast

import pytest

from equitydesk.formats.atomic import atomic_write
from equitydesk.formats.errors import ExportError
from equitydesk.formats.pdf.roster_directory import write_roster_directory
from equitydesk.formats.roster_rows import RosterExportRow
from equitydesk.formats.roster_xlsx import write_roster_xlsx

OLD = b"the roster from last week\n"


class Boom(RuntimeError):
    pass


def _existing(tmp_path: Path, name: str = "roster.xlsx") -> Path:
    target = tmp_path / name
    target.write_bytes(OLD)
    return target


def test_success_replaces_the_target_and_leaves_nothing_else(tmp_path: Path) -> None:
    target = _existing(tmp_path)
    with atomic_write(target) as temp:
        assert temp.parent == tmp_path
        assert temp != target
        temp.write_bytes(b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roster.xlsx"]


def test_new_file_is_created(tmp_path: Path) -> None:
    target = tmp_path / "new.pdf"
    with atomic_write(target) as temp:
        temp.write_text("x")
    assert target.read_text() == "x"


def test_exception_inside_leaves_target_byte_identical_and_no_temp_files(tmp_path: Path) -> None:
    target = _existing(tmp_path)
    with pytest.raises(Boom), atomic_write(target) as temp:
        temp.write_bytes(b"half a file")
        raise Boom
    assert target.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["roster.xlsx"]


def test_exception_before_anything_written_creates_no_target(tmp_path: Path) -> None:
    target = tmp_path / "never.xlsx"
    with pytest.raises(Boom), atomic_write(target):
        raise Boom
    assert list(tmp_path.iterdir()) == []


def test_os_error_inside_becomes_a_plain_export_error(tmp_path: Path) -> None:
    target = _existing(tmp_path)
    with pytest.raises(ExportError) as caught, atomic_write(target):
        raise PermissionError(13, "Permission denied")
    assert "roster.xlsx" in str(caught.value)
    assert "close it" in str(caught.value)
    assert target.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["roster.xlsx"]


def test_missing_folder_gives_a_plain_message_naming_file_and_fix(tmp_path: Path) -> None:
    target = tmp_path / "no such folder" / "roster.xlsx"
    with pytest.raises(ExportError) as caught, atomic_write(target):
        pytest.fail("the body must not run")
    message = str(caught.value)
    assert "roster.xlsx" in message
    assert "does not exist" in message
    assert "Choose an existing folder" in message
    assert not (tmp_path / "no such folder").exists()


def test_target_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="is a folder"), atomic_write(tmp_path):
        pass


def test_unwritable_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Running as root, chmod cannot make a folder unwritable, so the access check itself is simulated.
    monkeypatch.setattr("equitydesk.formats.atomic.os.access", lambda *_args, **_kw: False)
    with pytest.raises(ExportError, match="does not allow saving files"), atomic_write(tmp_path / "r.xlsx"):
        pass


class _ExplodingRow:
    """Reads like a roster row until its notes are asked for, as a bug or a broken value would, mid-export."""

    def __init__(self, source: RosterExportRow) -> None:
        self._source = source

    def __getattr__(self, name: str) -> object:
        if name == "notes":
            raise Boom("bad row")
        return getattr(self._source, name)


def _rows() -> list[RosterExportRow]:
    good = RosterExportRow("Vang", "Mai", role="Chair")
    bad = cast(RosterExportRow, _ExplodingRow(RosterExportRow("Hassan", "Ayaan")))
    return [good, bad]


def test_xlsx_writer_failure_on_a_row_keeps_the_old_file(tmp_path: Path) -> None:
    target = _existing(tmp_path)
    with pytest.raises(Boom):
        write_roster_xlsx(target, _rows(), committee_name="EAC")
    assert target.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["roster.xlsx"]


def test_xlsx_failure_half_way_through_saving_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = _existing(tmp_path)

    def half_save(_workbook: object, filename: str) -> None:
        Path(filename).write_bytes(b"PK\x03\x04 half a zip")
        raise OSError(28, "No space left on device")

    # The roster is saved through xlsx_safe.save_workbook (which closes a failed zip), not Workbook.save.
    monkeypatch.setattr("equitydesk.formats.xlsx_tables.save_workbook", half_save)
    with pytest.raises(ExportError, match="disk is full"):
        write_roster_xlsx(target, [RosterExportRow("Vang", "Mai")], committee_name="EAC")
    assert target.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["roster.xlsx"]


def test_pdf_writer_failure_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = _existing(tmp_path, "directory.pdf")

    def explode(*_args: object, **_kwargs: object) -> None:
        raise Boom("layout failed half way")

    # Fail inside the build, after the temporary file exists, as a reportlab layout error would.
    monkeypatch.setattr("reportlab.platypus.doctemplate.BaseDocTemplate.build", explode)
    with pytest.raises(Boom):
        write_roster_directory(
            target, [RosterExportRow("Vang", "Mai")], committee_name="EAC", generated_on=dt.date(2025, 1, 1)
        )
    assert target.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["directory.pdf"]
