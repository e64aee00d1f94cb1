"""One writer at a time: the lock file beside the database, its refusal in another process, and stale locks."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from equitydesk.cli import main
from equitydesk.db import file_lock
from equitydesk.db.engine import open_database
from equitydesk.db.file_lock import DatabaseInUse, LockHolder, acquire, lock_path, read_holder
from equitydesk.services.registry import services_for

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


def dead_pid() -> int:
    """The id of a process of this computer that has exited (and been reaped), as a crashed EquityDesk's."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    assert not file_lock.process_alive(proc.pid)
    return proc.pid


def write_lock(db_path: Path, *, host: str, pid: int, user: str = "chair") -> LockHolder:
    data = {"host": host, "user": user, "pid": pid, "since": "2026-11-30T18:05:00+00:00", "version": "0.1.0"}
    lock_path(db_path).write_text(json.dumps(data), encoding="utf-8")
    holder = read_holder(db_path)
    assert holder is not None
    return holder


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "eac.sqlite"
    db = open_database(path)
    services_for(db, actor="test").people.create(given_name="Mai", family_name="Vang")
    db.dispose()
    return path


@pytest.fixture
def other_process(database: Path):
    """Another EquityDesk process holding the database's lock until the test ends."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER_SCRIPT, str(database)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    yield proc
    assert proc.stdin is not None
    proc.stdin.write("\n")
    proc.stdin.flush()
    proc.wait(timeout=30)


def test_the_lock_says_who_holds_it_and_goes_on_release(database: Path) -> None:
    with acquire(database) as lock:
        holder = read_holder(database)
        assert holder == lock.holder
        assert (holder.host, holder.pid) == (socket.gethostname(), os.getpid())
        assert holder.user and holder.version and holder.since
        assert lock_path(database).name == "eac.sqlite.lock"
    assert not lock_path(database).exists()


def test_a_second_process_is_refused_naming_the_holder(database: Path, other_process: subprocess.Popen[str]) -> None:
    with pytest.raises(DatabaseInUse) as refused:
        acquire(database)
    holder = refused.value.holder
    assert holder.pid == other_process.pid and holder.host == socket.gethostname()
    message = str(refused.value)
    assert f"open on {holder.host} by {holder.user} since " in message
    assert lock_path(database).exists()  # refused, it left the other's lock alone


def test_a_cli_write_is_refused_while_another_process_holds_it_and_a_read_is_not(
    database: Path, other_process: subprocess.Popen[str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = database.read_bytes()
    code = main(["--db", str(database), "import-roster", str(database.parent / "none.csv"), "--committee", "X"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and f"open on {socket.gethostname()} by " in err and "Traceback" not in err
    assert database.read_bytes() == before
    assert main(["--db", str(database), "stats", "--json"]) == 0  # read-only commands ignore the lock
    assert '"people": 1' in capsys.readouterr().out


def test_a_lock_left_by_a_crashed_process_on_this_computer_is_taken_over(database: Path) -> None:
    write_lock(database, host=socket.gethostname(), pid=dead_pid())
    with acquire(database) as lock:
        assert read_holder(database) == lock.holder and lock.holder.pid == os.getpid()


def test_a_live_process_on_this_computer_is_not_taken_over(database: Path) -> None:
    write_lock(database, host=socket.gethostname(), pid=os.getppid())
    with pytest.raises(DatabaseInUse):
        acquire(database)


def test_another_computers_lock_is_only_broken_when_asked_by_name(database: Path) -> None:
    theirs = write_lock(database, host="library-laptop", pid=dead_pid(), user="mvang")
    with pytest.raises(DatabaseInUse) as refused:
        acquire(database)  # its pid means nothing here: never broken silently
    assert "open on library-laptop by mvang since " in str(refused.value)
    someone_else = LockHolder(host="library-laptop", user="mvang", pid=theirs.pid + 1, since=theirs.since)
    with pytest.raises(DatabaseInUse):
        acquire(database, take_over=someone_else)  # not the lock that was shown
    with acquire(database, take_over=theirs) as lock:
        assert read_holder(database) == lock.holder


def test_an_unreadable_lock_counts_as_held(database: Path) -> None:
    lock_path(database).write_bytes(b"")  # a writer killed between creating and filling it
    with pytest.raises(DatabaseInUse) as refused:
        acquire(database)
    assert "unknown computer" in str(refused.value)


def test_a_release_never_removes_a_lock_that_is_not_its_own(database: Path) -> None:
    lock = acquire(database)
    lock_path(database).unlink()
    theirs = write_lock(database, host="library-laptop", pid=1)
    lock.release()
    assert read_holder(database) == theirs


def test_one_process_opening_a_database_twice_shares_its_lock(database: Path) -> None:
    first = acquire(database)
    second = acquire(database)
    first.release()
    assert lock_path(database).exists()
    second.release()
    assert not lock_path(database).exists()


RACE_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from equitydesk.db.file_lock import acquire, DatabaseInUse
    start = float(sys.argv[2])
    while time.time() < start:
        pass
    try:
        acquire(Path(sys.argv[1]))
        print("won", flush=True)
        sys.stdin.readline()
    except DatabaseInUse:
        print("refused", flush=True)
    """
)


def test_of_many_processes_starting_at_once_exactly_one_gets_the_lock(database: Path) -> None:
    import time

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    start = str(time.time() + 3)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", RACE_SCRIPT, str(database), start],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(6)
    ]
    outcomes = []
    for proc in procs:
        assert proc.stdout is not None
        outcomes.append(proc.stdout.readline().strip())
    for proc in procs:
        proc.communicate("\n", timeout=30)
    assert sorted(outcomes) == ["refused"] * 5 + ["won"]


@pytest.mark.parametrize("purpose", ["command", "window"])
def test_a_commands_lock_is_waited_for_and_a_windows_is_not(database: Path, purpose: str) -> None:
    import threading

    data = {"host": socket.gethostname(), "user": "chair", "pid": os.getppid(), "since": "2026-11-30T18:05:00+00:00"}
    lock_path(database).write_text(json.dumps({**data, "purpose": purpose}), encoding="utf-8")
    releases = threading.Timer(0.3, lambda: lock_path(database).unlink())
    releases.start()
    try:
        if purpose == "command":  # a scripted import running: the next one waits its turn
            with acquire(database, purpose="command", wait_for_commands_s=60) as lock:
                assert read_holder(database) == lock.holder
        else:  # a window holds it all day: refused at once, not when it happens to close
            with pytest.raises(DatabaseInUse):
                acquire(database, purpose="command", wait_for_commands_s=60)
    finally:
        releases.join()
