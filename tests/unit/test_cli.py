"""The command line, run as a user runs it: a subprocess, exit codes, one plain line on stderr, JSON for scripts."""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest

from equitydesk.cli import COMMANDS, Command, CommandContext, build_parser, main
from equitydesk.db.migrate import head_revision
from equitydesk.services.demo import fill_demo
from equitydesk.services.registry import services_for

STATS_KEYS = ["people", "committees", "memberships", "meetings", "agenda_items", "attendance", "decisions",
              "action_items", "action_updates", "plans", "strategies", "goals", "indicators", "measurements",
              "milestones"]  # fmt: skip
TODAY = "2025-11-12"


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def json(self) -> object:
        return json.loads(self.out)


@pytest.fixture
def cli(data_dir: Path) -> object:
    env = {**os.environ, "EQUITYDESK_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}

    def run(*args: str) -> Result:
        proc = subprocess.run(
            [sys.executable, "-m", "equitydesk", *args], capture_output=True, text=True, env=env, timeout=120
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run


def assert_one_plain_line(result: Result) -> None:
    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1 and result.err.startswith("equitydesk: ")
    assert "Traceback" not in result.err


def test_init_creates_then_finds_the_database_up_to_date(cli, tmp_path: Path) -> None:
    path = tmp_path / "eac.sqlite"
    first = cli("--db", str(path), "init")
    assert first.code == 0, first.err
    assert f"Created {path}" in first.out and f"Schema revision: {head_revision()}" in first.out
    again = cli("init", "--db", str(path))  # --db after the command works too
    assert again.code == 0 and "already up to date" in again.out and head_revision() in again.out


def test_without_db_the_default_file_is_made_in_the_data_folder(cli, data_dir: Path) -> None:
    result = cli("init")
    assert result.code == 0, result.err
    assert (data_dir / "equitydesk.sqlite").exists()


def test_demo_fills_once_and_stats_match(cli, tmp_path: Path) -> None:
    path = str(tmp_path / "demo.sqlite")
    filled = cli("--db", path, "demo", "--today", TODAY)
    assert filled.code == 0, filled.err
    assert "31 people" in filled.out and "60 action items" in filled.out

    refused = cli("--db", path, "demo")
    assert_one_plain_line(refused)
    assert "already has data" in refused.err

    stats = cli("--db", path, "stats", "--json")
    assert stats.code == 0
    data = stats.json
    assert isinstance(data, dict) and list(data) == STATS_KEYS
    # The same numbers as a fill done in-process on the same day.
    from equitydesk.db.engine import open_database

    db = open_database(tmp_path / "again.sqlite")
    try:
        assert data == fill_demo(services_for(db), today=date.fromisoformat(TODAY))
    finally:
        db.dispose()

    table = cli("--db", path, "stats")
    assert table.code == 0 and "action items" in table.out and f"{data['action_items']:>5}" in table.out


LISTED = {
    "committees": ({"id", "name", "purpose", "quorum_kind", "members"}, "committees"),
    "people": ({"id", "given_name", "family_name", "email", "interpreter_language", "committees"}, "people"),
    "meetings": ({"id", "title", "starts_at", "status", "minutes_status", "committee"}, "meetings"),
    "actions": ({"id", "title", "owner", "owner_text", "due_on", "status", "priority"}, "action_items"),
    "plans": ({"id", "name", "kind", "period_start", "period_end", "strategies"}, "plans"),
}


def test_list_each_kind_as_json_for_scripts_and_as_a_table(cli, tmp_path: Path) -> None:
    path = str(tmp_path / "demo.sqlite")
    assert cli("--db", path, "demo", "--today", TODAY).code == 0
    counts = cli("--db", path, "stats", "--json").json
    assert isinstance(counts, dict)
    listed: dict[str, list[dict[str, object]]] = {}
    for kind, (keys, count_key) in LISTED.items():
        result = cli("--db", path, "list", kind, "--json")
        assert result.code == 0, result.err
        rows = result.json
        assert isinstance(rows, list) and len(rows) == counts[count_key]
        assert all(keys <= set(row) for row in rows), kind
        assert len({row["id"] for row in rows}) == len(rows)
        listed[kind] = rows
    assert {row["status"] for row in listed["meetings"]} == {"held", "planned", "cancelled"}
    assert {row["status"] for row in listed["actions"]} == {"open", "in_progress", "blocked", "done", "dropped"}
    assert all(date.fromisoformat(str(row["starts_at"])[:10]) for row in listed["meetings"])
    assert {"given_name": "Thị Ánh", "family_name": "Nguyễn", "interpreter_language": "Vietnamese"}.items() <= next(
        row for row in listed["people"] if row["family_name"] == "Nguyễn"
    ).items()
    assert {row["kind"] for row in listed["plans"]} == {"ai_plan", "strategic_roadmap"}

    table = cli("--db", path, "list", "people")
    assert table.code == 0 and table.out.startswith("ID")
    assert "Nguyễn, Thị Ánh" in table.out and "Saw Eh Htoo" in table.out
    assert table.out.rstrip().endswith(f"{counts['people']} people")


def test_check_is_quiet_on_a_healthy_database_and_lists_a_dangling_reference(cli, tmp_path: Path) -> None:
    path = tmp_path / "check.sqlite"
    assert cli("--db", str(path), "demo", "--today", TODAY).code == 0
    healthy = cli("--db", str(path), "check")
    assert healthy.code == 0, healthy.out + healthy.err
    assert "healthy" in healthy.out

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("UPDATE action_item SET owner_person_id = 9999 WHERE id = 1")
    conn.commit()
    conn.close()
    broken = cli("--db", str(path), "check")
    assert broken.code == 1
    assert "action_item row 1: owner_person_id points to a person that does not exist." in broken.out


def test_check_reports_a_database_without_the_schema(cli, tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    sqlite3.connect(path).close()
    result = cli("--db", str(path), "check")
    assert result.code == 1 and "no EquityDesk schema" in result.out


def test_unusable_db_targets_exit_2_with_one_plain_line(cli, tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n")
    for target, words in [
        (text, "not an EquityDesk database"),
        (tmp_path, "is a folder"),
        (tmp_path / "missing" / "x.sqlite", "does not exist"),
    ]:
        result = cli("--db", str(target), "init")
        assert_one_plain_line(result)
        assert words in result.err
    assert text.read_text() == "not a database\n"
    missing = cli("--db", str(tmp_path / "nothing.sqlite"), "stats")
    assert_one_plain_line(missing)
    assert "equitydesk init" in missing.err
    assert not (tmp_path / "nothing.sqlite").exists()


def test_bad_arguments_exit_2(cli, tmp_path: Path) -> None:
    assert cli("frobnicate").code == 2
    assert cli("list", "cats").code == 2
    assert cli("--db", str(tmp_path / "x.sqlite"), "demo", "--today", "soon").code == 2
    both = cli("--db", str(tmp_path / "x.sqlite"), "--demo", "stats")
    assert_one_plain_line(both)


def test_demo_flag_selects_the_demo_database(cli, data_dir: Path) -> None:
    assert cli("--demo", "demo", "--today", TODAY).code == 0
    assert (data_dir / "equitydesk-demo.sqlite").exists()
    assert cli("--demo", "stats", "--json").json["people"] > 0  # type: ignore[index]


def test_commands_never_load_qt(tmp_path: Path, data_dir: Path) -> None:
    code = (
        "import sys\n"
        "from equitydesk.__main__ import main\n"
        f"assert main(['--db', {str(tmp_path / 'q.sqlite')!r}, 'init']) == 0\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'equitydesk.gui'))]\n"
        "assert 'equitydesk.app' not in sys.modules\n"
    )
    env = {**os.environ, "EQUITYDESK_DATA_DIR": str(data_dir)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr


# --- in-process: the window hand-off and the pattern for new commands ---------------------------------------


def test_no_command_opens_the_window_with_the_options() -> None:
    calls: list[tuple[str | None, bool]] = []

    def window(db: str | None, demo: bool) -> int:
        calls.append((db, demo))
        return 0

    assert main([], open_window=window) == 0
    assert main(["--demo"], open_window=window) == 0
    assert main(["--db", "x.sqlite"], open_window=window) == 0
    assert calls == [(None, False), (None, True), ("x.sqlite", False)]


class _ReportRoster(Command):
    name: ClassVar[str] = "report sample"
    help: ClassVar[str] = "print the roster"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--committee", required=True)

    def run(self, args: argparse.Namespace, ctx: CommandContext) -> int:
        ctx.echo(f"roster of {args.committee}")
        return 0


def test_a_two_word_command_becomes_a_subcommand_of_its_group() -> None:
    parser = build_parser([*COMMANDS, _ReportRoster()])
    args = parser.parse_args(["report", "sample", "--committee", "EAC", "--db", "x.sqlite"])
    assert isinstance(args.command_object, _ReportRoster)
    assert (args.committee, args.db) == ("EAC", "x.sqlite")
    with pytest.raises(SystemExit):
        parser.parse_args(["report"])


def test_every_registered_command_has_a_unique_name_and_help() -> None:
    names = [c.name for c in COMMANDS]
    assert len(names) == len(set(names))
    assert {"init", "demo", "stats", "list", "check"} <= set(names)
    assert all(c.help for c in COMMANDS)


def test_only_window_arguments_skip_the_command_line() -> None:
    from equitydesk.__main__ import window_only

    assert window_only([]) == (None, False)
    assert window_only(["--db", "x.sqlite"]) == ("x.sqlite", False)
    assert window_only(["--db=x.sqlite"]) == ("x.sqlite", False)
    assert window_only(["--demo"]) == (None, True)
    assert window_only(["--db", "x.sqlite", "--demo"]) is None  # the command line explains the conflict
    assert window_only(["stats"]) is None
    assert window_only(["--help"]) is None
    assert window_only(["--db"]) is None
