"""Where atomic_write writes: through a symlink to its file, never over a device or pipe; it sweeps our leftovers."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from equitydesk.formats import atomic
from equitydesk.formats.atomic import STALE_AFTER_S, atomic_write, remove_stale_partials
from equitydesk.formats.errors import ExportError


def test_a_symlinked_target_updates_the_file_it_points_to(tmp_path: Path) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    real = documents / "roster.xlsx"
    real.write_bytes(b"last week")
    link = tmp_path / "roster-link.xlsx"
    link.symlink_to(real)
    with atomic_write(link) as temp:
        assert temp.parent == documents  # built beside the real file, so the rename stays on one file system
        temp.write_bytes(b"this week")
    assert link.is_symlink() and link.resolve() == real
    assert real.read_bytes() == b"this week"
    assert sorted(p.name for p in documents.iterdir()) == ["roster.xlsx"]


def test_a_dangling_symlink_creates_the_file_it_names(tmp_path: Path) -> None:
    link = tmp_path / "link.pdf"
    link.symlink_to(tmp_path / "new.pdf")
    with atomic_write(link) as temp:
        temp.write_bytes(b"%PDF")
    assert link.is_symlink() and (tmp_path / "new.pdf").read_bytes() == b"%PDF"


def test_a_device_is_refused_and_stays_a_device(monkeypatch: pytest.MonkeyPatch) -> None:
    real_replace = os.replace

    def guarded(src: object, dst: object) -> None:
        # Were the refusal ever lost, this test must fail without turning the machine's /dev/null into a file.
        assert Path(str(dst)) != Path("/dev/null"), "atomic_write tried to rename over /dev/null"
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic.os, "replace", guarded)
    with pytest.raises(ExportError, match="device, pipe or socket") as info, atomic_write(Path("/dev/null")) as temp:
        temp.write_bytes(b"roster")
    assert "\n" not in str(info.value)
    assert Path("/dev/null").is_char_device()
    assert not [p for p in os.listdir("/dev") if p.startswith(".~equitydesk-")]


def test_a_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "roster.xlsx"
    os.mkfifo(fifo)
    with pytest.raises(ExportError, match="device, pipe or socket"), atomic_write(fifo):
        pass
    assert fifo.is_fifo() and sorted(os.listdir(tmp_path)) == ["roster.xlsx"]


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def partial(folder: Path, name: str, *, pid: int, host: str = atomic._HOST) -> Path:
    path = folder / f".~equitydesk-{name}.{host}-{pid}-0123abcd.partial"
    path.write_bytes(b"")
    return path


def test_partials_of_a_killed_writer_go_at_the_next_write(tmp_path: Path) -> None:
    killed = partial(tmp_path, "directory.pdf", pid=dead_pid())
    alive = partial(tmp_path, "packet.pdf", pid=os.getpid())  # a write under way in this very process
    elsewhere = partial(tmp_path, "roster.xlsx", pid=dead_pid(), host="00000000")  # another computer's, young
    not_ours = tmp_path / ".~lock.roster.xlsx#"  # LibreOffice's lock file
    not_ours.write_text("someone")
    with atomic_write(tmp_path / "signin.pdf") as temp:
        temp.write_bytes(b"%PDF")
    assert not killed.exists()
    assert alive.exists() and elsewhere.exists() and not_ours.exists()


def test_partials_untouched_for_a_day_go_whoever_wrote_them(tmp_path: Path) -> None:
    old_style = tmp_path / ".~equitydesk-roster.xlsx-0123abcd.partial"  # named before writers were recorded
    old_style.write_bytes(b"")
    elsewhere = partial(tmp_path, "roster.xlsx", pid=1, host="00000000")
    young = partial(tmp_path, "packet.pdf", pid=1, host="00000000")
    day_ago = time.time() - STALE_AFTER_S - 60
    for path in (old_style, elsewhere):
        os.utime(path, (day_ago, day_ago))
    assert sorted(p.name for p in remove_stale_partials(tmp_path)) == sorted([old_style.name, elsewhere.name])
    assert young.exists()


def test_a_killed_report_leaves_nothing_after_the_next_write(tmp_path: Path) -> None:
    # A writer killed between making its temporary file and renaming it, as `kill -9` during a report does.
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from equitydesk.formats.atomic import atomic_write\n"
        "with atomic_write(Path(sys.argv[1])) as temp:\n"
        "    temp.write_bytes(b'half')\n"
        "    os._exit(9)\n"
    )
    target = tmp_path / "directory.pdf"
    subprocess.run([sys.executable, "-c", script, str(target)], check=False, timeout=60)
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]
    with atomic_write(target) as temp:
        temp.write_bytes(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["directory.pdf"]
