"""Unsafe places for a database: network shares and synced folders, told from fake mount tables and paths."""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from equitydesk.cli import main
from equitydesk.db import locations
from equitydesk.db.locations import network_kind, parse_mac_mount, parse_proc_mounts, synced_service

PROC_MOUNTS = r"""/dev/nvme0n1p2 / ext4 rw,relatime 0 0
tmpfs /tmp tmpfs rw,nosuid,nodev 0 0
//fileserver/committees /mnt/district cifs rw,relatime,vers=3.1.1 0 0
fileserver:/export/home /home/shared nfs4 rw,relatime 0 0
chair@host:/srv /mnt/ssh\040share fuse.sshfs rw,nosuid 0 0
/dev/sdb1 /mnt/district/usb vfat rw 0 0
"""

MAC_MOUNT = """/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
//chair@fileserver/Committees on /Volumes/Committees (smbfs, nodev, nosuid, mounted by chair)
afp_0TQJ9B0 on /Volumes/Old Share (afpfs, nodev, nosuid, mounted by chair)
"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/mnt/district/eac.sqlite", "a network share (cifs)"),
        ("/home/shared/chair/eac.sqlite", "a network share (nfs4)"),
        ("/mnt/ssh share/eac.sqlite", "a network share (fuse.sshfs)"),  # \040 in /proc/mounts is a space
        ("/mnt/district/usb/eac.sqlite", None),  # a USB stick mounted inside the share is a local disk
        ("/home/chair/eac.sqlite", None),
        ("/tmp/eac.sqlite", None),
    ],
)
def test_linux_network_shares_are_found_in_proc_mounts(path: str, expected: str | None) -> None:
    assert network_kind(PurePosixPath(path), mounts=parse_proc_mounts(PROC_MOUNTS)) == expected


def test_macos_shares_are_found_in_mount_output() -> None:
    mounts = parse_mac_mount(MAC_MOUNT)
    assert network_kind(PurePosixPath("/Volumes/Committees/eac.sqlite"), mounts=mounts) == "a network share (smbfs)"
    assert network_kind(PurePosixPath("/Volumes/Old Share/eac.sqlite"), mounts=mounts) == "a network share (afpfs)"
    assert network_kind(PurePosixPath("/Users/chair/eac.sqlite"), mounts=mounts) is None


def test_windows_unc_paths_and_mapped_network_drives() -> None:
    remote = {"S:"}
    ask = remote.__contains__
    assert network_kind(PureWindowsPath(r"\\fileserver\committees\eac.sqlite")) == "a network share"
    assert network_kind(PureWindowsPath(r"S:\EAC\eac.sqlite"), windows_remote_drive=ask) == "a network drive (S:)"
    assert network_kind(PureWindowsPath(r"C:\Users\chair\eac.sqlite"), windows_remote_drive=ask) is None


@pytest.mark.parametrize(
    ("path", "service"),
    [
        (PureWindowsPath(r"C:\Users\chair\OneDrive\EAC\eac.sqlite"), "OneDrive"),
        (PureWindowsPath(r"C:\Users\chair\OneDrive - Anoka-Hennepin Schools\eac.sqlite"), "OneDrive"),
        (PurePosixPath("/Users/chair/Library/CloudStorage/OneDrive-Personal/eac.sqlite"), "OneDrive"),
        (PurePosixPath("/home/chair/Dropbox/EAC/eac.sqlite"), "Dropbox"),
        (PurePosixPath("/home/chair/Dropbox (District)/eac.sqlite"), "Dropbox"),
        (PureWindowsPath(r"G:\My Drive\EAC\eac.sqlite"), "Google Drive"),
        (PurePosixPath("/Users/chair/Google Drive/eac.sqlite"), "Google Drive"),
        (PurePosixPath("/Users/chair/Library/CloudStorage/GoogleDrive-chair@district.org/My Drive/e.sqlite"),
         "Google Drive"),
        (PurePosixPath("/Users/chair/Library/Mobile Documents/com~apple~CloudDocs/EAC/eac.sqlite"), "iCloud Drive"),
        (PureWindowsPath(r"C:\Users\chair\iCloudDrive\eac.sqlite"), "iCloud Drive"),
        (PurePosixPath("/home/chair/Documents/EAC/eac.sqlite"), None),
        (PurePosixPath("/home/chair/Documents/dropbox-notes.sqlite"), None),  # the file's own name is not a folder
        (PurePosixPath("/home/chair/Documents/My Drives/eac.sqlite"), None),
    ],
)  # fmt: skip
def test_synced_folders_are_told_by_their_names(path, service: str | None) -> None:
    assert synced_service(path) == service


def test_a_renamed_sync_folder_is_found_by_the_environment_or_its_marker() -> None:
    path = PureWindowsPath(r"D:\Work Files\EAC\eac.sqlite")
    assert synced_service(path, env={"OneDriveCommercial": r"d:\work files"}) == "OneDrive"
    assert synced_service(path, env={"OneDrive": r"D:\Other"}) is None
    marked = PurePosixPath("/data/shared-box/EAC/eac.sqlite")
    assert synced_service(marked, exists=lambda p: p == PurePosixPath("/data/shared-box/.dropbox")) == "Dropbox"
    assert synced_service(marked, exists=lambda _p: False) is None


def test_the_cli_warns_on_stderr_before_writing_to_a_synced_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    assert main(["--db", str(folder / "eac.sqlite"), "init"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("equitydesk: warning: eac.sqlite is in a Dropbox folder") and "local folder" in err
    assert main(["--db", str(folder / "eac.sqlite"), "stats"]) == 0  # reading is not warned about
    assert capsys.readouterr().err == ""


def test_the_cli_warns_before_writing_to_a_network_share(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(locations, "_mounts", lambda: [(str(tmp_path), "nfs")])
    assert main(["--db", str(tmp_path / "eac.sqlite"), "init"]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "eac.sqlite is on a network share (nfs)" in err and "own disk" in err
