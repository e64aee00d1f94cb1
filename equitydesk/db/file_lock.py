"""One writer at a time: the lock file beside a database (NAME.lock) that says who has it open for writing.

SQLite's own locks last one transaction; two EquityDesks editing one file all day would each plan on data the
other is changing (and on a network share SQLite's locks may not work at all). The lock file is created with
O_EXCL, so exactly one process wins; it holds the host, user, process id, start time and version, so that the
second one can say who has it. A lock left by a crashed process on this computer (same host, process gone) is
taken over without asking; one held elsewhere is only ever broken when the caller asks for it by name.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import threading
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from equitydesk import __version__
from equitydesk.db.errors import DatabaseError

LOCK_SUFFIX = ".lock"
_ATTEMPTS = 5
WINDOW = "window"
COMMAND = "command"
_POLL_S = 0.1

# Locks this process holds, by lock file, with how many open workspaces share each (reopening after a restore
# opens the new database before the old one is let go).
_held: dict[Path, int] = {}
_held_guard = threading.Lock()


@dataclass(frozen=True)
class LockHolder:
    """Who has a database open for writing, as its lock file says."""

    host: str
    user: str
    pid: int
    since: str  # ISO time in UTC
    version: str = ""
    token: str = ""  # tells two locks of one process apart, so that a release never removes another's lock
    purpose: str = WINDOW  # WINDOW: held all day, refused at once; COMMAND: a command line run, soon done

    @property
    def on_this_computer(self) -> bool:
        return bool(self.host) and self.host == this_host()

    @property
    def crashed(self) -> bool:
        """Left by a process of this computer that is no longer running: safe to take over without asking."""
        return self.on_this_computer and not process_alive(self.pid)

    @property
    def since_text(self) -> str:
        try:
            return datetime.fromisoformat(self.since).astimezone().strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return "an unknown time"

    def describe(self) -> str:
        """'open on HOST by USER since TIME', the words both faces use."""
        host = self.host or "an unknown computer"
        user = self.user or "an unknown user"
        return f"open on {host} by {user} since {self.since_text}"


class DatabaseInUse(DatabaseError):
    """Another EquityDesk has the database open for writing; `holder` says who."""

    def __init__(self, db_path: Path, holder: LockHolder) -> None:
        self.db_path = db_path
        self.holder = holder
        super().__init__(
            f"{db_path.name} is {holder.describe()}, so nothing was changed: close EquityDesk there first, "
            "or only read it."
        )


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


def this_host() -> str:
    return socket.gethostname()


def process_alive(pid: int) -> bool:
    """Whether a process of this computer is running; unknown counts as alive (never take over a live lock)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # alive, but someone else's (EPERM)
    return True


def _windows_process_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return bool(kernel32.GetLastError() == 5)  # ERROR_ACCESS_DENIED: it exists
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def read_holder(db_path: Path) -> LockHolder | None:
    """Who holds the database's lock, or None when it is not locked. An unreadable lock names nobody known."""
    try:
        raw = lock_path(db_path).read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        return LockHolder(host="", user="", pid=0, since="")
    return _parse(raw)


def _parse(raw: bytes) -> LockHolder:
    try:
        data = json.loads(raw.decode("utf-8"))
        return LockHolder(
            host=str(data.get("host", "")),
            user=str(data.get("user", "")),
            pid=int(data.get("pid", 0)),
            since=str(data.get("since", "")),
            version=str(data.get("version", "")),
            token=str(data.get("token", "")),
            purpose=str(data.get("purpose", WINDOW)),
        )
    except (ValueError, TypeError, AttributeError):
        # Half-written or someone else's file: treated as held by an unknown writer, never broken silently.
        return LockHolder(host="", user="", pid=0, since="")


def _me(purpose: str = WINDOW) -> LockHolder:
    try:
        user = getpass.getuser()
    except Exception:  # no login name (some containers): say so rather than fail to open
        user = ""
    return LockHolder(
        host=this_host(),
        user=user,
        pid=os.getpid(),
        since=datetime.now(UTC).isoformat(timespec="seconds"),
        version=__version__,
        token=uuid.uuid4().hex,
        purpose=purpose,
    )


class WriterLock:
    """The lock this process holds on one database; `release()` (or leaving a `with`) lets it go."""

    def __init__(self, db_path: Path, path: Path, holder: LockHolder) -> None:
        self.db_path = db_path
        self.path = path
        self.holder = holder
        self.released = False

    def release(self) -> None:
        if self.released:
            return
        self.released = True
        with _held_guard:
            count = _held.get(self.path, 0) - 1
            if count > 0:
                _held[self.path] = count
                return
            _held.pop(self.path, None)
        current = read_holder(self.db_path)
        # Only our own lock is removed: if someone broke ours and took it, theirs stays.
        if current is not None and current.token == self.holder.token:
            with contextlib.suppress(OSError):
                self.path.unlink()

    def __enter__(self) -> WriterLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def acquire(
    db_path: Path,
    *,
    take_over: LockHolder | None = None,
    purpose: str = WINDOW,
    wait_for_commands_s: float = 0.0,
) -> WriterLock:
    """Take the database's lock, or raise DatabaseInUse naming who has it.

    A crashed holder on this computer is replaced without asking. `take_over` breaks a live (or another
    computer's) lock, but only the very lock that was shown to the user: if it changed meanwhile, DatabaseInUse.
    A lock held by a command-line run is waited for up to `wait_for_commands_s` (two scripted imports at once
    run one after the other); a window's lock is refused at once, since a window holds it all day.
    """
    path = lock_path(db_path)
    key = path.resolve() if path.parent.exists() else path
    with _held_guard:
        if key in _held:
            _held[key] += 1
            holder = read_holder(db_path)
            return WriterLock(db_path, key, holder or _me())
    deadline = time.monotonic() + wait_for_commands_s
    attempts = 0
    while attempts < _ATTEMPTS:
        attempts += 1
        me = _me(purpose)
        if _create(path, me):
            with _held_guard:
                _held[key] = 1
            return WriterLock(db_path, key, me)
        holder = read_holder(db_path)
        if holder is None:
            continue  # released between our attempt and our look: try again
        if holder.crashed or (take_over is not None and holder == take_over):
            _break(path, holder)
            continue
        if holder.purpose == COMMAND and time.monotonic() < deadline:
            time.sleep(_POLL_S)
            attempts = 0
            continue
        raise DatabaseInUse(db_path, holder)
    holder = read_holder(db_path)
    raise DatabaseInUse(db_path, holder or LockHolder(host="", user="", pid=0, since=""))


def _create(path: Path, me: LockHolder) -> bool:
    """Create the lock file atomically (O_EXCL: exactly one creator wins); False when it already exists."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    except OSError as exc:
        raise DatabaseError(
            f"EquityDesk cannot create its lock file {path.name} beside the database in {path.parent} "
            f"({(exc.strerror or str(exc)).lower()}); choose a folder you can write to."
        ) from exc
    try:
        os.write(fd, json.dumps(asdict(me), ensure_ascii=False).encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return True


def _break(path: Path, holder: LockHolder) -> None:
    """Remove a lock that is `holder`'s, without ever removing a newer one that another process just made.

    The lock is renamed aside first (atomic) and read there: if it turns out to be somebody else's fresh lock,
    it is put back (link: only if nobody has made one meanwhile).
    """
    aside = path.with_name(f"{path.name}.{uuid.uuid4().hex}.broken")
    try:
        os.rename(path, aside)
    except FileNotFoundError:
        return
    try:
        if _parse(aside.read_bytes()) != holder:
            with contextlib.suppress(OSError):
                os.link(aside, path)
    finally:
        with contextlib.suppress(OSError):
            aside.unlink()
