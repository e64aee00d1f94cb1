"""Write a file all or nothing: build it beside the target, then rename it into place."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
import socket
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from equitydesk.formats.errors import ExportError, TargetLocked

_TEMP_PREFIX = ".~equitydesk-"
_TEMP_SUFFIX = ".partial"
_HOST = hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]
_WRITER = re.compile(r"\.([0-9a-f]{8})-(\d+)-[0-9a-f]{8}" + re.escape(_TEMP_SUFFIX) + r"\Z")
# A partial file nobody has touched for this long is a leftover whoever wrote it: no export takes a day.
STALE_AFTER_S = 24 * 3600


@contextlib.contextmanager
def atomic_write(target: Path) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it replaces the target, on failure it vanishes.

    The temporary file lives in the same folder so that the final `os.replace` is a rename on one file system,
    which readers see as either the old file or the new one, never half of each.
    """
    shown = Path(target)
    # Through a symlink to the file it names: replacing the link itself would leave that file never updated.
    target = Path(os.path.realpath(shown)) if shown.is_symlink() else shown
    folder = target.parent
    _check_folder(shown, target, folder)
    remove_stale_partials(folder)
    temp = _create_temp(target, folder)
    try:
        yield temp
        _fsync_file(temp)
        _keep_existing_mode(target, temp)
        try:
            os.replace(temp, target)
        except PermissionError as exc:
            if not target.exists():
                raise
            # Windows refuses to replace a file another program has open (Excel does): the finished export is kept.
            finished = _keep_finished(temp, target)
            raise TargetLocked(_locked_message(shown, finished), target=str(shown), finished=str(finished)) from exc
    except TargetLocked:
        raise
    except BaseException as exc:
        _remove_quietly(temp)
        if isinstance(exc, OSError):
            raise ExportError(_write_failure(shown, exc)) from exc
        raise
    _fsync_folder(folder)


def _keep_finished(temp: Path, target: Path) -> Path:
    """Move the finished temporary file to a visible sibling of the target ("roster (new).xlsx", "… (new 2)…")."""
    for n in range(1, 100):
        label = "new" if n == 1 else f"new {n}"
        sibling = target.with_name(f"{target.stem} ({label}){target.suffix}")
        if os.path.lexists(sibling):
            continue
        try:
            os.link(temp, sibling)  # never over a file that appeared meanwhile
        except FileExistsError:
            continue
        except OSError:
            os.replace(temp, sibling)
            return sibling
        _remove_quietly(temp)
        return sibling
    raise ExportError(f"Cannot save “{target}”: it is open in another program. Close it there, then try again.")


def _locked_message(target: Path, finished: Path) -> str:
    return (
        f"“{target.name}” is open in another program (such as Excel), so it was not replaced; the finished export "
        f"is saved beside it as “{finished.name}”. Close the file there and try again, or save it under another name."
    )


def retry_replace(locked: TargetLocked) -> Path:
    """Move a kept export over the target it was meant for; TargetLocked again while the target is still held."""
    finished, target = Path(locked.finished), Path(locked.target)
    real = Path(os.path.realpath(target)) if target.is_symlink() else target
    try:
        os.replace(finished, real)
    except PermissionError as exc:
        raise TargetLocked(_locked_message(target, finished), target=str(target), finished=str(finished)) from exc
    except OSError as exc:
        raise ExportError(_write_failure(target, exc)) from exc
    _fsync_folder(real.parent)
    return target


def move_finished(locked: TargetLocked, destination: Path) -> Path:
    """Save a kept export under another name the person chose (Save as…); the old target stays as it is."""
    finished = Path(locked.finished)
    destination = Path(destination)
    try:
        if finished.parent.resolve() == destination.parent.resolve():
            os.replace(finished, destination)
        else:
            with atomic_write(destination) as temp:
                temp.write_bytes(finished.read_bytes())
            _remove_quietly(finished)
    except TargetLocked:
        raise
    except OSError as exc:
        raise ExportError(_write_failure(destination, exc)) from exc
    return destination


def _check_folder(shown: Path, target: Path, folder: Path) -> None:
    if target.is_dir():
        raise ExportError(f"Cannot save to “{shown}”: that is a folder. Choose a file name inside it instead.")
    try:
        mode = os.stat(target).st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        # Renaming over a device node or a pipe would replace it with a plain file (as root, even /dev/null).
        raise ExportError(
            f"Cannot save to “{shown}”: that is a device, pipe or socket, not a file. Choose a file name instead."
        )
    if not folder.is_dir():
        raise ExportError(
            f"Cannot save “{target.name}”: the folder “{folder}” does not exist. "
            "Choose an existing folder, or create it first."
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(
            f"Cannot save “{target.name}”: the folder “{folder}” does not allow saving files. "
            "Choose a folder you can write to, such as your Documents folder."
        )


def _write_failure(target: Path, exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"Cannot save “{target}”: the disk is full. Free some space or choose another drive, then try again."
    if exc.errno == errno.EFBIG:
        return (
            f"Cannot save “{target}”: the file would be larger than this computer or drive allows. "
            "Choose another drive, then try again."
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (
            f"Cannot save “{target}”: permission was refused. If the file is open in another program (such as "
            "Excel), close it there; otherwise choose a folder you can write to."
        )
    if exc.errno == errno.EROFS:
        return f"Cannot save “{target}”: that drive is read-only. Choose another folder."
    reason = exc.strerror or str(exc)
    return f"Cannot save “{target}”: {reason}. The previous file, if any, was left unchanged; try another folder."


def _create_temp(target: Path, folder: Path) -> Path:
    # Created with os.open rather than mkstemp so that the user's umask applies, as to any file they save.
    # The name says which computer and process writes it, so that a later write can tell a leftover from a live one.
    for _ in range(100):
        writer = f"{_HOST}-{os.getpid()}-{secrets.token_hex(4)}"
        temp = folder / f"{_TEMP_PREFIX}{target.name[:80]}.{writer}{_TEMP_SUFFIX}"
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise ExportError(_write_failure(target, exc)) from exc
        os.close(fd)
        return temp
    raise ExportError(f"Cannot save “{target}”: no temporary file could be made beside it. Try another folder.")


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    # The rename only survives a power cut once the folder entry is flushed; Windows cannot open folders, so skip.
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _keep_existing_mode(target: Path, temp: Path) -> None:
    # A replaced file keeps the permissions someone may have given it on purpose.
    try:
        mode = target.stat().st_mode & 0o7777
    except OSError:
        return
    with contextlib.suppress(OSError):
        os.chmod(temp, mode)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError, OSError):
        path.unlink()


def remove_stale_partials(folder: Path) -> list[Path]:
    """Remove our own temporary files that a killed or crashed write left in `folder`; return what was removed.

    A partial is stale when the process that wrote it, on this computer, is gone, or when nobody has touched it
    for a day (a partial from another computer on a shared folder, or from before writers were named). A live
    write is never removed: its process is running, and its file is younger than a day.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        name = entry.name
        if not (name.startswith(_TEMP_PREFIX) and name.endswith(_TEMP_SUFFIX)):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        writer = _WRITER.search(name)
        gone = writer is not None and writer[1] == _HOST and not _process_alive(int(writer[2]))
        if gone or age > STALE_AFTER_S:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _process_alive(pid: int) -> bool:
    if os.name != "posix":
        return True  # os.kill would end the process on Windows: rely on the age rule there
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, under another user
    return True
