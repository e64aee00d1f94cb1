"""The demo database appears whole or not at all, and a demo another window made first is kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from equitydesk.db.engine import open_database
from equitydesk.services import demo_file
from equitydesk.services.registry import services_for

TODAY = date(2026, 10, 1)


def test_the_demo_is_built_aside_and_moved_in_whole(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    made = demo_file.build_demo_file(path, today=TODAY)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.sqlite"], "nothing left beside it"
    db = open_database(path)
    try:
        assert services_for(db).people.list().total == made["people"] > 0
    finally:
        db.dispose()


def test_a_failed_fill_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(services, *, today):
        services.people.create(given_name="Half", family_name="Written")
        raise RuntimeError("disk full")

    monkeypatch.setattr(demo_file, "fill_demo", broken)
    with pytest.raises(RuntimeError):
        demo_file.build_demo_file(tmp_path / "demo.sqlite", today=TODAY)
    assert list(tmp_path.iterdir()) == [], "no half-filled demo for the next start to open"


def test_a_demo_finished_first_by_another_window_stays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "demo.sqlite"

    def meanwhile(services, *, today):
        path.write_bytes(b"the other window's demo")
        return {"people": 0}

    monkeypatch.setattr(demo_file, "fill_demo", meanwhile)
    demo_file.build_demo_file(path, today=TODAY)
    assert path.read_bytes() == b"the other window's demo"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.sqlite"]
