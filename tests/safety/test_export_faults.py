"""Exports under a full disk (RLIMIT_FSIZE in a child), a failed rename and a target another program holds open."""

from __future__ import annotations

import errno
import os
import resource
import signal
import zipfile
from pathlib import Path
from typing import Any

import pytest

from equitydesk.formats.errors import ExportError, TargetLocked
from tests.safety.harness import run_child
from tests.safety.worlds import OLD_EXPORT, prepare_export, services_on

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the full-disk case runs in a forked child")

EXPORTS = {"roster.xlsx": "export_xlsx", "directory.pdf": "directory_pdf"}


def export(world: Path, name: str) -> Any:
    with services_on(world) as s:
        return getattr(s.roster_export, EXPORTS[name])(committee_id=1, target=world / "out" / name)


def others(world: Path) -> list[str]:
    return sorted(p.name for p in (world / "out").iterdir())


@pytest.fixture
def world(tmp_path: Path) -> Path:
    prepare_export(tmp_path)
    return tmp_path


@pytest.mark.parametrize("name", list(EXPORTS))
def test_a_full_disk_leaves_the_old_file_and_says_so_in_one_sentence(world: Path, name: str) -> None:
    err = world / "stderr.txt"

    def work() -> str:
        fd = os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(fd, 2)  # anything printed besides the message ("Exception ignored in …") is caught here
        with services_on(world) as s:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
            _soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
            resource.setrlimit(resource.RLIMIT_FSIZE, (1024, hard))
            method = getattr(s.roster_export, EXPORTS[name])
            try:
                method(committee_id=1, target=world / "out" / name)
            except ExportError as exc:
                return str(exc)
            return "written"

    status, said = run_child(work)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, said
    message = said["value"]
    assert "larger than this computer or drive allows" in message, message  # the limit was really hit
    assert message.count(".") <= 3 and "Traceback" not in message and "Errno" not in message
    assert (world / "out" / name).read_bytes() == OLD_EXPORT
    assert others(world) == ["directory.pdf", "roster.xlsx"], "no partial file left behind"
    assert err.read_text() == ""


@pytest.mark.parametrize("name", list(EXPORTS))
def test_a_failed_rename_leaves_the_old_file(world: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    real, tried = os.replace, []

    def failing(src: Any, dst: Any) -> None:
        if Path(dst) == world / "out" / name:
            tried.append(dst)
            raise OSError(errno.EIO, "Input/output error")
        real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(ExportError) as caught:
        export(world, name)
    assert tried, "the rename was reached and failed"
    assert not isinstance(caught.value, TargetLocked)
    assert str(caught.value).startswith(f"Cannot save “{world / 'out' / name}”")
    assert (world / "out" / name).read_bytes() == OLD_EXPORT
    assert others(world) == ["directory.pdf", "roster.xlsx"]


class HeldOpen:
    """os.replace onto `target` refused as Windows refuses it while Excel has the file open, until released."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
        self.real, self.target, self.held, self.refused = os.replace, target, True, 0
        monkeypatch.setattr(os, "replace", self)

    def __call__(self, src: Any, dst: Any) -> None:
        if self.held and Path(dst) == self.target:
            self.refused += 1
            raise PermissionError(errno.EACCES, "The process cannot access the file because it is being used")
        self.real(src, dst)


def test_a_target_held_by_another_program_keeps_the_finished_export_and_retry_puts_it_in_place(
    world: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = world / "out" / "roster.xlsx"
    excel = HeldOpen(monkeypatch, target)
    with pytest.raises(TargetLocked) as caught:
        export(world, "roster.xlsx")
    locked = caught.value
    finished = Path(locked.finished)
    assert excel.refused == 1
    assert finished == world / "out" / "roster (new).xlsx"
    assert str(locked) == (
        "“roster.xlsx” is open in another program (such as Excel), so it was not replaced; the finished export is "
        "saved beside it as “roster (new).xlsx”. Close the file there and try again, or save it under another name."
    )
    assert target.read_bytes() == OLD_EXPORT
    with zipfile.ZipFile(finished) as book:
        assert book.testzip() is None, "the kept export is whole"
    new_bytes = finished.read_bytes()
    with services_on(world) as s:
        with pytest.raises(TargetLocked):  # still open in Excel: Retry says so again, and keeps the file
            s.roster_export.replace_locked(locked=locked)
        assert finished.exists() and target.read_bytes() == OLD_EXPORT
        excel.held = False  # Excel closed it
        assert s.roster_export.replace_locked(locked=locked) == target
    assert target.read_bytes() == new_bytes
    assert others(world) == ["directory.pdf", "roster.xlsx"]


def test_save_as_gives_the_kept_export_another_name(world: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = world / "out" / "directory.pdf"
    HeldOpen(monkeypatch, target)
    (world / "out" / "directory (new).pdf").write_bytes(b"someone else's file")
    with pytest.raises(TargetLocked) as caught:
        export(world, "directory.pdf")
    assert Path(caught.value.finished).name == "directory (new 2).pdf", "an existing file is never overwritten"
    elsewhere = world / "elsewhere"
    elsewhere.mkdir()
    with services_on(world) as s:
        saved = s.roster_export.save_locked_as(locked=caught.value, destination=elsewhere / "copy.pdf")
    assert saved.read_bytes().startswith(b"%PDF")
    assert target.read_bytes() == OLD_EXPORT
    assert (world / "out" / "directory (new).pdf").read_bytes() == b"someone else's file"
    assert not Path(caught.value.finished).exists()
