"""One writer at a time in the window: a database another EquityDesk has open is shown read-only and writes nothing;
a crashed holder's lock is taken over; another computer's only after a warning naming it; risky places warned."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from equitydesk.db import locations
from equitydesk.db.file_lock import lock_path, read_holder
from equitydesk.gui import opening
from equitydesk.gui.commands import WRITE_COMMANDS, CommandId
from equitydesk.gui.opening import InUseChoice
from equitydesk.gui.pages.roster_page import RosterPage

HOLDER_SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from equitydesk.db.file_lock import acquire
    lock = acquire(Path(sys.argv[1]))
    print("held", flush=True)
    sys.stdin.readline()
    lock.release()
    """
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_beside(path: Path) -> list[str]:
    return sorted(name for name in os.listdir(path.parent) if name != "settings")  # the window's own INI folder


@pytest.fixture
def other_equitydesk(db_path: Path):
    """A second EquityDesk process with the test database open for writing."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER_SCRIPT, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    yield proc
    proc.communicate("\n", timeout=30)


class Asked(list[str]):
    """What the in-use question said, each time; it answers `answer` (Open read-only unless a test changes it)."""

    answer = InUseChoice.READ_ONLY


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Asked:
    said = Asked()

    def ask(_parent, busy) -> InUseChoice:
        said.append(str(busy))
        return said.answer

    monkeypatch.setattr(opening, "ask_when_in_use", ask)
    return said


def write_lock(db_path: Path, *, host: str, pid: int, user: str = "mvang") -> None:
    data = {"host": host, "user": user, "pid": pid, "since": "2026-11-30T18:05:00+00:00", "version": "0.1.0"}
    lock_path(db_path).write_text(json.dumps(data), encoding="utf-8")


def test_a_database_open_elsewhere_is_shown_read_only_and_writes_nothing(
    qtbot, new_window, db_path: Path, committee, other_equitydesk, asked
) -> None:
    db_path.with_name(db_path.name + "-wal").unlink(missing_ok=True)
    before, listing = digest(db_path), files_beside(db_path)
    win = new_window()
    assert win.open_path(db_path)
    assert len(asked) == 1 and f"open on {socket.gethostname()} by " in asked[0] and " since " in asked[0]
    assert win.workspace is not None and win.workspace.read_only
    assert "(read-only)" in win.windowTitle()
    assert "read-only: open on " in win.db_label.text()
    page = win.show_page(RosterPage)
    page.table.selectRow(0)
    for command in WRITE_COMMANDS:
        assert not win.commands[command].isEnabled(), command
    assert page.model.rowCount() == len(committee.people)
    win.set_database(None)
    assert digest(db_path) == before and files_beside(db_path) == listing  # no byte, no -wal, no backup
    assert read_holder(db_path).pid == other_equitydesk.pid  # their lock untouched


def test_cancel_keeps_it_closed(qtbot, new_window, db_path: Path, committee, other_equitydesk, asked) -> None:
    asked.answer = InUseChoice.CANCEL
    win = new_window()
    assert not win.open_path(db_path)
    assert win.workspace is None


def test_the_window_holds_the_lock_while_open_and_lets_it_go_on_close(qtbot, new_window, db_path: Path, committee):
    win = new_window()
    assert win.open_path(db_path)
    holder = read_holder(db_path)
    assert holder is not None and holder.pid == os.getpid()
    assert not win.workspace.read_only and "(read-only)" not in win.windowTitle()
    assert win.commands[CommandId.ADD_PERSON].isEnabled()
    assert win.reopen_database()  # the reopened workspace shares it; closing the old one does not drop it
    assert read_holder(db_path) is not None
    win.set_database(None)
    assert not lock_path(db_path).exists()


def test_a_crashed_equitydesks_lock_on_this_computer_is_taken_over_without_asking(
    qtbot, new_window, db_path: Path, committee, asked
) -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    write_lock(db_path, host=socket.gethostname(), pid=proc.pid)
    win = new_window()
    assert win.open_path(db_path)
    assert asked == [] and not win.workspace.read_only
    assert read_holder(db_path).pid == os.getpid()


def test_another_computers_lock_is_broken_only_after_a_warning_naming_it(
    qtbot, new_window, db_path: Path, committee, asked, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_lock(db_path, host="library-laptop", pid=4242)
    asked.answer = InUseChoice.TAKE_OVER
    warned: list[str] = []
    answers = iter([False, True])
    monkeypatch.setattr(
        opening, "confirm_take_over", lambda _p, holder: warned.append(holder.describe()) or next(answers)
    )
    win = new_window()
    assert not win.open_path(db_path)  # the warning answered No: nothing broken
    assert read_holder(db_path).host == "library-laptop"
    assert win.open_path(db_path)
    assert warned and all(w.startswith("open on library-laptop by mvang since ") for w in warned)
    assert not win.workspace.read_only and read_holder(db_path).pid == os.getpid()


def test_a_database_on_a_network_share_is_warned_about_once_before_the_first_write(
    qtbot, new_window, db_path: Path, committee, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(locations, "_mounts", lambda: [(str(db_path.parent), "cifs")])
    monkeypatch.setattr(opening, "show_location_warning", lambda _p, problem: shown.append(problem))
    win = new_window()
    assert win.open_path(db_path)
    assert win.open_path(db_path)
    assert len(shown) == 1
    assert (
        shown[0].startswith(f"{db_path.name} is on a network share (cifs)") and "this computer's own disk" in shown[0]
    )


def test_a_cli_write_while_the_window_has_it_is_refused_naming_the_window(
    qtbot, new_window, db_path: Path, committee, tmp_path: Path
) -> None:
    win = new_window()
    assert win.open_path(db_path)
    roster = tmp_path / "roster.csv"
    roster.write_text("First name,Last name\nMai,Vang\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    command = [sys.executable, "-m", "equitydesk", "--db", str(db_path)]
    write = subprocess.run(
        [*command, "import-roster", str(roster), "--committee", "Equity Advisory Committee"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert write.returncode == 2 and write.stdout == ""
    assert write.stderr.startswith(f"equitydesk: {db_path.name} is open on {socket.gethostname()} by ")
    assert write.stderr.count("\n") == 1 and "Traceback" not in write.stderr
    read = subprocess.run([*command, "stats", "--json"], capture_output=True, text=True, env=env, timeout=120)
    assert read.returncode == 0, read.stderr
    assert win.workspace.services.people.list_ids() == sorted(committee.people.values())
