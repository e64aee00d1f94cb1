"""Recent files belong to a data folder: two EQUITYDESK_DATA_DIR folders never list each other's databases."""

from __future__ import annotations

from pathlib import Path

import pytest

from equitydesk.gui.settings import LEGACY_RECENT_FILES, add_recent_file, clear_recent_files, recent_files


def make_file(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")
    return path.resolve()


def test_two_data_folders_keep_their_own_recent_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    school = make_file(tmp_path / "school" / "eac.sqlite")
    district = make_file(tmp_path / "district" / "ai.sqlite")

    monkeypatch.setenv("EQUITYDESK_DATA_DIR", str(tmp_path / "school"))
    add_recent_file(school)
    monkeypatch.setenv("EQUITYDESK_DATA_DIR", str(tmp_path / "district"))
    assert recent_files() == []
    add_recent_file(district)
    assert recent_files() == [district]

    monkeypatch.setenv("EQUITYDESK_DATA_DIR", str(tmp_path / "school"))
    assert recent_files() == [school]
    clear_recent_files()
    assert recent_files() == []
    monkeypatch.setenv("EQUITYDESK_DATA_DIR", str(tmp_path / "district"))
    assert recent_files() == [district], "clearing one folder's list leaves the other's"


def test_the_list_kept_before_belongs_to_the_default_data_folder(tmp_path: Path, monkeypatch) -> None:
    kept = make_file(tmp_path / "old" / "committee.sqlite")
    LEGACY_RECENT_FILES.write([str(kept)])
    monkeypatch.setenv("EQUITYDESK_DATA_DIR", str(tmp_path / "portable"))
    assert recent_files() == [], "another data folder does not inherit it"
    monkeypatch.delenv("EQUITYDESK_DATA_DIR")
    monkeypatch.setattr("platformdirs.user_data_dir", lambda *a, **k: str(tmp_path / "default"))
    assert recent_files() == [kept]
    assert LEGACY_RECENT_FILES.read() == [], "carried over once"
