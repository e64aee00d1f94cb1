"""Write a file all or nothing: build it beside the target, then rename it into place."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from equitydesk.formats.errors import ExportError

_TEMP_PREFIX = ".~equitydesk-"
_TEMP_SUFFIX = ".partial"


@contextlib.contextmanager
def atomic_write(target: Path) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it replaces the target, on failure it vanishes.

    The temporary file lives in the same folder so that the final `os.replace` is a rename on one file system,
    which readers see as either the old file or the new one, never half of each.
    """
    target = Path(target)
    folder = target.parent
    _check_folder(target, folder)
    temp = _create_temp(target, folder)
    try:
        yield temp
        _fsync_file(temp)
        _keep_existing_mode(target, temp)
        os.replace(temp, target)
    except BaseException as exc:
        _remove_quietly(temp)
        if isinstance(exc, OSError):
            raise ExportError(_write_failure(target, exc)) from exc
        raise
    _fsync_folder(folder)


def _check_folder(target: Path, folder: Path) -> None:
    if target.is_dir():
        raise ExportError(f"Cannot save to “{target}”: that is a folder. Choose a file name inside it instead.")
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
    if exc.errno == errno.ENOSPC:
        return f"Cannot save “{target}”: the disk is full. Free some space or choose another drive, then try again."
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
    for _ in range(100):
        temp = folder / f"{_TEMP_PREFIX}{target.name[:80]}-{secrets.token_hex(4)}{_TEMP_SUFFIX}"
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
