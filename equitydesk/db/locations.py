"""Places a database should not live: network shares and synced folders, found from paths and mount tables.

SQLite's locking is unreliable over network file systems, and sync clients (OneDrive, Dropbox, Google Drive,
iCloud) copy a database file while it is being written, or its -wal without it, which damages it or makes
conflicting copies. A synced folder is fine for backups, which are written once and never changed.
Detection is pure over what it is given (a mount table's text, a path, the environment), so tests give fakes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

NETWORK_FS_TYPES = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "sshfs", "fuse.sshfs", "9p", "afs", "ncpfs",
        "afpfs", "webdav", "davfs", "fuse.davfs2", "glusterfs", "fuse.glusterfs", "ceph", "fuse.ceph",
        "fuse.rclone", "lustre", "gpfs", "fuse.s3fs", "fuse.gcsfuse", "fuse.smbnetfs", "virtiofs",
    }
)  # fmt: skip

# Path components (case-insensitive) that mean a sync client's folder, and the service's name.
_SYNCED_NAMES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"onedrive( - .*)?|onedrive-.*", re.IGNORECASE), "OneDrive"),
    (re.compile(r"dropbox( \(.*\))?|dropbox-.*", re.IGNORECASE), "Dropbox"),
    (re.compile(r"google ?drive(-.*)?|my drive|googledrive-.*", re.IGNORECASE), "Google Drive"),
    (re.compile(r"icloud ?drive.*|com~apple~clouddocs", re.IGNORECASE), "iCloud Drive"),
)
# Files a sync client keeps at the top of the folder it syncs.
_SYNC_MARKERS = {".dropbox": "Dropbox", ".dropbox.cache": "Dropbox", ".tmp.drivedownload": "Google Drive"}
_ONEDRIVE_ENV = ("OneDrive", "OneDriveConsumer", "OneDriveCommercial")


# --- network shares ----------------------------------------------------------------------------------------


def parse_proc_mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, file system type) of each line of Linux's /proc/mounts (spaces in names come as \\040)."""
    found = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), parts[1])
            found.append((point, parts[2].lower()))
    return found


def parse_mac_mount(text: str) -> list[tuple[str, str]]:
    """(mount point, type) from macOS's `mount` output: '//u@srv/share on /Volumes/share (smbfs, nodev, …)'."""
    found = []
    for line in text.splitlines():
        match = re.match(r".* on (/.*?) \(([^,)]+)", line)
        if match:
            found.append((match[1], match[2].strip().lower()))
    return found


def mount_type(path: PurePosixPath, mounts: list[tuple[str, str]]) -> str | None:
    """The file system type of the mount that holds path: the longest mount point above it."""
    best: tuple[int, str] | None = None
    for point, kind in mounts:
        base = PurePosixPath(point)
        if (path == base or base in path.parents) and (best is None or len(point) > best[0]):
            best = (len(point), kind)
    return best[1] if best else None


def network_kind(
    path: PurePath,
    *,
    mounts: list[tuple[str, str]] | None = None,
    windows_remote_drive: Callable[[str], bool] | None = None,
) -> str | None:
    """What kind of network share path is on ('an SMB network share'), or None when it is a local disk."""
    if isinstance(path, PureWindowsPath):
        drive = path.drive
        if drive.startswith(("\\\\", "//")):
            return "a network share"
        if drive and windows_remote_drive is not None and windows_remote_drive(drive):
            return f"a network drive ({drive})"
        return None
    kind = mount_type(PurePosixPath(path), mounts or [])
    if kind is not None and kind in NETWORK_FS_TYPES:
        return f"a network share ({kind})"
    return None


# --- synced folders ----------------------------------------------------------------------------------------


def synced_service(
    path: PurePath, *, env: Mapping[str, str] | None = None, exists: Callable[[PurePath], bool] | None = None
) -> str | None:
    """The sync service whose folder holds path (OneDrive, Dropbox, Google Drive, iCloud Drive), or None."""
    env = env if env is not None else {}
    for name in _ONEDRIVE_ENV:
        root = env.get(name)
        if root and _under(path, type(path)(root)):
            return "OneDrive"
    text = str(path).replace("\\", "/")
    if "/Mobile Documents/com~apple~CloudDocs" in text or "/Library/Mobile Documents/" in text:
        return "iCloud Drive"
    for part in path.parent.parts:
        for pattern, service in _SYNCED_NAMES:
            if pattern.fullmatch(part):
                return service
    if exists is not None:
        for folder in path.parents:
            for marker, service in _SYNC_MARKERS.items():
                if exists(folder / marker):
                    return service
    return None


def _under(path: PurePath, root: PurePath) -> bool:
    norm = [p.casefold() for p in path.parts]
    base = [p.casefold() for p in root.parts]
    return len(base) > 0 and norm[: len(base)] == base


# --- one sentence --------------------------------------------------------------------------------------------


def location_problem(path: Path) -> str | None:
    """One sentence warning that path is on a network share or in a synced folder, or None when it is local."""
    where = _real(path)
    kind = network_kind(where, mounts=_mounts(), windows_remote_drive=_windows_remote_drive)
    if kind is not None:
        return (
            f"{path.name} is on {kind}, where SQLite cannot keep two computers from writing at once and a lost "
            "connection can damage it: keep the database on this computer's own disk (a copy on the share "
            "is fine for backups)."
        )
    service = synced_service(where, env=os.environ, exists=lambda p: os.path.lexists(p))
    if service is not None:
        return (
            f"{path.name} is in a {service} folder, which can copy it while EquityDesk is writing and leave a "
            f"damaged or conflicting copy: keep the database in a local folder ({service} is fine for backups)."
        )
    return None


def _real(path: Path) -> PurePath:
    try:
        resolved = path.resolve()
    except OSError:
        resolved = path.absolute()
    return PureWindowsPath(resolved) if os.name == "nt" else PurePosixPath(resolved)


def _mounts() -> list[tuple[str, str]]:
    if sys.platform.startswith("linux"):
        try:
            return parse_proc_mounts(Path("/proc/mounts").read_text(encoding="utf-8", errors="replace"))
        except OSError:
            return []
    if sys.platform == "darwin":  # pragma: no cover - macOS only
        try:
            out = subprocess.run(["/sbin/mount"], capture_output=True, text=True, timeout=5, check=False)
        except (OSError, subprocess.SubprocessError):
            return []
        return parse_mac_mount(out.stdout)
    return []


def _windows_remote_drive(drive: str) -> bool:  # pragma: no cover - Windows only
    if os.name != "nt":
        return False
    import ctypes

    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4)  # type: ignore[attr-defined]  # REMOTE
