"""The crash harness: run an operation with a fault at its k-th step, for every k, in a killed child or in-process.

A step is a call from Python into one of the C functions that change something or could: an SQLite execute,
executemany, commit or backup, a file write, an fsync, a rename or an unlink. `sys.setprofile` sees every such
call before it runs, so the fault lands exactly between two steps: SIGKILL of a forked child (a crash, a power
cut as far as the process can tell) or an exception raised in-process (a bug, a full disk). After each fault the
harness reads the world the operation left behind and asks the scenario whether it is the state before or the
state after, never one in between, and checks SQLite's integrity.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import sqlite3
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

STEP_CALLS = frozenset(
    {"execute", "executemany", "executescript", "commit", "backup", "write", "writelines", "flush", "fsync",
     "replace", "rename", "link", "unlink", "truncate", "ftruncate", "close"}
)  # fmt: skip
_OWNERS = (sqlite3.Connection, sqlite3.Cursor, io.IOBase)
# Fault points per scenario and mode: every step of an operation of up to EVERY_STEP_UP_TO steps, else SPREAD
# steps spread over all of them (first and last included), which keeps the harness under a minute in CI.
# EQUITYDESK_FAULT_POINTS=100000 walks every step of every operation (several minutes).
EVERY_STEP_UP_TO = 40
SPREAD = int(os.environ.get("EQUITYDESK_FAULT_POINTS", "16"))


class InjectedFault(Exception):
    """The exception the harness raises at a step; nothing in EquityDesk catches it by name."""


def _is_step(arg: Any) -> bool:
    if getattr(arg, "__name__", None) not in STEP_CALLS:
        return False
    owner = getattr(arg, "__self__", None)
    if isinstance(owner, _OWNERS):
        return owner is not sys.stdout and owner is not sys.stderr
    return getattr(owner, "__name__", None) in ("posix", "nt")


class FaultPoint:
    """A profile function counting steps; at step `at` it calls `action` (kill, or raise) before the step runs."""

    def __init__(self, at: int | None, action: Callable[[int], None]) -> None:
        self.at = at
        self.action = action
        self.steps = 0
        self.hit = False

    def __call__(self, _frame: FrameType, event: str, arg: Any) -> None:
        if event != "c_call" or not _is_step(arg):
            return
        self.steps += 1
        if self.steps == self.at:
            self.hit = True
            self.action(self.steps)


@contextlib.contextmanager
def profiled(point: FaultPoint) -> Iterator[FaultPoint]:
    sys.setprofile(point)
    try:
        yield point
    finally:
        sys.setprofile(None)


def _kill(_step: int) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _raise(step: int) -> None:
    raise InjectedFault(f"fault injected at step {step}")


def count_steps(operate: Callable[[Path], None], world: Path) -> int:
    point = FaultPoint(None, _raise)
    with profiled(point):
        operate(world)
    return point.steps


def kill_at(
    operate: Callable[[Path], None], world: Path, step: int, *, prepare_child: Callable[[], None] | None = None
) -> bool:
    """Fork; the child runs the operation and SIGKILLs itself at `step`. True when it died there."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        os.close(read)
        code = 0
        try:
            if prepare_child is not None:
                prepare_child()
            point = FaultPoint(step, _kill)
            with profiled(point):
                operate(world)
            os.write(write, json.dumps({"steps": point.steps}).encode())
        except BaseException as exc:  # reported to the parent, which fails the test
            with contextlib.suppress(Exception):
                os.write(write, json.dumps({"error": f"{type(exc).__name__}: {exc}"}).encode())
            code = 3
        os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        said = pipe.read()
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
        return True
    report = json.loads(said or b"{}")
    if "error" in report:
        raise AssertionError(f"the child failed instead of being killed at step {step}: {report['error']}")
    return False


def run_child(work: Callable[[], Any]) -> tuple[int, Any]:
    """Run `work` in a forked child; (exit status, what it returned as JSON, or the error text)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        code = 0
        try:
            said: Any = {"value": work()}
        except BaseException as exc:  # said to the parent, never raised into pytest
            said, code = {"error": f"{type(exc).__name__}: {exc}", "type": type(exc).__name__}, 3
        with contextlib.suppress(Exception):
            os.write(write, json.dumps(said, default=str).encode())
        os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        said = pipe.read()
    _, status = os.waitpid(pid, 0)
    return status, json.loads(said or b"{}")


def raise_at(operate: Callable[[Path], None], world: Path, step: int) -> tuple[bool, BaseException | None]:
    """Run in-process with an exception at `step`; (whether it was raised there, what escaped the operation)."""
    point = FaultPoint(step, _raise)
    escaped: BaseException | None = None
    try:
        with profiled(point):
            operate(world)
    except Exception as exc:  # whatever the operation made of the fault; the state decides
        escaped = exc
    return point.hit, escaped


def points(total: int, limit: int | None = None) -> list[int]:
    """Every step 1..total for a short operation, else `limit` steps spread evenly, first and last included."""
    limit = SPREAD if limit is None else limit
    if total <= max(EVERY_STEP_UP_TO, limit):
        return list(range(1, total + 1))
    return sorted({1 + round(i * (total - 1) / (limit - 1)) for i in range(limit)})


# --- what the world looks like -------------------------------------------------------------------------------


def db_state(path: Path) -> tuple[Any, ...]:
    """Every table's rows (times left out: they differ between runs), sorted, with the schema revision.

    Read from a copy, so that recovering a hot journal or WAL to read it changes nothing of the world itself.
    """
    copy = path.with_name(path.name + ".look")
    for suffix in ("", "-wal", "-journal"):
        if Path(str(path) + suffix).exists():
            shutil.copyfile(str(path) + suffix, str(copy) + suffix)
    conn = sqlite3.connect(copy)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        tables = []
        for name in names:
            kept = [
                r[1]
                for r in conn.execute(f'PRAGMA table_info("{name}")')
                if "DATE" not in str(r[2]).upper() or r[2] == "DATE"
            ]
            cols = ", ".join(f'"{c}"' for c in kept)
            rows = sorted(conn.execute(f'SELECT {cols} FROM "{name}"').fetchall(), key=repr)
            tables.append((name, tuple(kept), tuple(rows)))
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        keys = conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()
        for suffix in ("", "-wal", "-journal", "-shm"):
            Path(str(copy) + suffix).unlink(missing_ok=True)
    assert check == "ok", f"integrity_check after the fault: {check}"
    assert not keys, f"foreign_key_check after the fault: {keys[:5]}"
    return tuple(tables)


# --- one scenario through every fault ------------------------------------------------------------------------


@dataclass
class Scenario:
    """An operation on a world (a folder): how to make the world, run it, and see the state that matters."""

    name: str
    prepare: Callable[[Path], None]
    operate: Callable[[Path], None]
    observe: Callable[[Path], Any]
    after_fault: Callable[[Path], None] | None = None  # further checks on a world left by a fault


@dataclass
class Tally:
    """What the harness did, for the closing figures."""

    faults: int = 0
    kills: int = 0
    exceptions: int = 0
    steps_covered: int = 0
    steps_total: int = 0
    scenarios: dict[str, dict[str, int]] = field(default_factory=dict)


def copy_world(base: Path, to: Path) -> Path:
    if to.exists():
        shutil.rmtree(to)
    shutil.copytree(base, to, symlinks=True)
    return to


def run_scenario(
    scenario: Scenario, folder: Path, tally: Tally, *, kills: bool = True, exceptions: bool = True
) -> None:
    base = folder / "base"
    base.mkdir(parents=True)
    scenario.prepare(base)
    before = scenario.observe(copy_world(base, folder / "look"))
    warm = copy_world(base, folder / "warm")
    scenario.operate(warm)  # once unmeasured: first-use caches filled, as in every run after
    reference = copy_world(base, folder / "reference")
    total = count_steps(scenario.operate, reference)
    after = scenario.observe(reference)
    assert total > 0, f"{scenario.name}: no step was counted"
    chosen = points(total)
    done = {"steps": total, "points": len(chosen), "kills": 0, "exceptions": 0}
    outcomes = {"before": 0, "after": 0}
    for step in chosen:
        if kills:
            world = copy_world(base, folder / "kill")
            assert kill_at(scenario.operate, world, step), f"{scenario.name}: the child was not killed at step {step}"
            _judge(scenario, world, before, after, f"killed at step {step} of {total}", outcomes)
            done["kills"] += 1
        if exceptions:
            world = copy_world(base, folder / "raise")
            hit, _escaped = raise_at(scenario.operate, world, step)
            assert hit, f"{scenario.name}: step {step} of {total} was never reached in-process"
            _judge(scenario, world, before, after, f"exception at step {step} of {total}", outcomes)
            done["exceptions"] += 1
    if before != after:  # a fault late enough leaves the work done: else the faults never reached the commit
        assert outcomes["before"] and outcomes["after"], f"{scenario.name}: every fault gave {outcomes}"
    tally.kills += done["kills"]
    tally.exceptions += done["exceptions"]
    tally.faults += done["kills"] + done["exceptions"]
    tally.steps_covered += len(chosen)
    tally.steps_total += total
    tally.scenarios[scenario.name] = {**done, **{f"left_{k}": v for k, v in outcomes.items()}}


def _judge(scenario: Scenario, world: Path, before: Any, after: Any, what: str, outcomes: dict[str, int]) -> None:
    state = scenario.observe(world)
    if state == before:
        outcomes["before"] += 1
    elif state == after:
        outcomes["after"] += 1
    else:
        raise AssertionError(f"{scenario.name}, {what}: the state is neither the one before nor the one after")
    if scenario.after_fault is not None:
        scenario.after_fault(world)
