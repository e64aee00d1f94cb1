"""Crash-proof writes: a fault at every step of import, edit, bulk archive, delete, migration, backup, restore and
export (SIGKILL of a forked child; an exception in-process) leaves the state before or the state after, and a sound
database. The figures (faults injected, steps covered) are printed at the end of the module and kept in pytest's
cache under equitydesk/fault-harness.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from equitydesk.db.backup import existing_backups
from equitydesk.db.engine import open_database
from equitydesk.formats.atomic import remove_stale_partials
from equitydesk.services import backups
from tests.roster_files import write_csv
from tests.safety.harness import Scenario, Tally, copy_world, db_state, run_scenario
from tests.safety.worlds import DB, OLD_EXPORT, TODAY, committee_world, prepare_export, services_on

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the kill half of the harness forks")

SCHEMA_FIXTURES = Path(__file__).resolve().parent.parent / "data" / "schema"
TALLY = Tally()


@pytest.fixture(scope="module", autouse=True)
def report(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    figures = {
        "faults_injected": TALLY.faults,
        "kills": TALLY.kills,
        "exceptions": TALLY.exceptions,
        "steps_covered": TALLY.steps_covered,
        "steps_total": TALLY.steps_total,
        "scenarios": TALLY.scenarios,
    }
    if getattr(request.config, "cache", None) is not None:
        request.config.cache.set("equitydesk/fault-harness", figures)
    terminal = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    shown = capture.global_and_fixture_disabled() if capture is not None else contextlib.nullcontext()
    line = (
        f"fault harness: {TALLY.faults} faults injected ({TALLY.kills} kills, {TALLY.exceptions} exceptions) at "
        f"{TALLY.steps_covered} of {TALLY.steps_total} steps in {len(TALLY.scenarios)} scenarios"
    )
    if terminal is not None:
        with shown:  # past pytest's capture, so that the figures are in the run's output
            terminal.write_line("")
            terminal.write_line(line)
            for name, done in TALLY.scenarios.items():
                terminal.write_line(f"  {name}: {json.dumps(done)}")


def db_only(world: Path) -> Any:
    return db_state(world / DB)


def backups_sound(world: Path) -> int:
    """Every file under a backup's name is a sound backup (a half-made one would not be); how many there are."""
    found = existing_backups(world / DB)
    for path, _when in found:
        record = backups.describe(path, verify=True)
        assert record.verified, f"{path.name} is under a backup's name but is not a sound backup: {record.problem}"
    return len(found)


def with_backups(world: Path) -> Any:
    """For the backup itself: the database (unchanged) and how many sound backups there are (none, then one)."""
    return db_only(world), backups_sound(world)


def run(name: str, tmp_path: Path, **kw: Any) -> None:
    scenario = SCENARIOS[name]
    run_scenario(scenario, tmp_path, TALLY, **kw)


# --- the operations ----------------------------------------------------------------------------------------------


def prepare_import(world: Path) -> None:
    committee_world(world)
    rows = [["First Name", "Last Name", "Email", "Role"]]
    rows += [["Hodan", "Warsame", "p0@example.org", "Chair"], ["Ayaan", "Hassan", "ayaan@example.org", "Member"]]
    rows += [[f"Pa{i}", "Xiong", f"pa{i}@example.org", "Member"] for i in range(4)]
    write_csv(world / "roster.csv", rows)


def operate_import(world: Path) -> None:
    with services_on(world) as s:
        parsed = s.roster_import.read_file(world / "roster.csv")
        s.roster_import.commit(parsed.rows, committee="EAC", file_name="roster.csv", accept_role_changes=True)


def operate_edit(world: Path) -> None:
    with services_on(world) as s:
        s.people.update(2, given_name="Mai Nou", email="mai.vang@example.org", notes="Prefers Hmong materials")


def operate_archive(world: Path) -> None:
    with services_on(world) as s:
        s.people.archive_many([1, 2, 3])


def operate_delete(world: Path) -> None:
    with services_on(world) as s:
        s.people.delete(1)  # with their membership and attendance


def prepare_migration(world: Path) -> None:
    shutil.copyfile(SCHEMA_FIXTURES / "0002_import_counts.sqlite3", world / DB)


def operate_migration(world: Path) -> None:
    open_database(world / DB).dispose()


def operate_backup(world: Path) -> None:
    backups.back_up(world / DB, now=datetime(2025, 11, 12, 10, 0).astimezone())


def prepare_restore(world: Path) -> None:
    committee_world(world)
    backups.back_up(world / DB, now=datetime(2025, 11, 12, 9, 0).astimezone())
    with services_on(world) as s:
        s.people.create(given_name="Added", family_name="Later")
        s.people.update(3, notes="changed after the backup")
    (world / "chosen.sqlite").write_bytes(existing_backups(world / DB)[0][0].read_bytes())


def operate_restore(world: Path) -> None:
    backups.restore(world / DB, world / "chosen.sqlite", now=datetime(2025, 11, 12, 10, 0).astimezone(), today=TODAY)


def operate_xlsx(world: Path) -> None:
    with services_on(world) as s:
        s.roster_export.export_xlsx(committee_id=1, target=world / "out" / "roster.xlsx")


def operate_pdf(world: Path) -> None:
    with services_on(world) as s:
        s.roster_export.directory_pdf(committee_id=1, target=world / "out" / "directory.pdf")


def export_state(name: str) -> Any:
    def observe(world: Path) -> Any:
        data = (world / "out" / name).read_bytes()
        if data == OLD_EXPORT:
            shown = "old"
        elif name.endswith(".xlsx"):
            with zipfile.ZipFile(world / "out" / name) as book:
                assert book.testzip() is None and "xl/workbook.xml" in book.namelist()
            shown = "new"
        else:
            assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
            shown = "new"
        return db_only(world), shown

    return observe


def no_partials_after_the_next_write(world: Path) -> None:
    """A killed writer leaves its hidden partial file; the next write to that folder removes it."""
    remove_stale_partials(world / "out")
    assert sorted(p.name for p in (world / "out").iterdir()) == ["directory.pdf", "roster.xlsx"]


SCENARIOS = {
    # The backup an import or migration makes first may be there or not: the database is all or nothing.
    "import": Scenario("import (roster commit)", prepare_import, operate_import, db_only, backups_sound),
    "edit": Scenario("edit (person update)", committee_world, operate_edit, db_only),
    "archive": Scenario("bulk archive (archive_many)", committee_world, operate_archive, db_only),
    "delete": Scenario("delete a person (cascading)", committee_world, operate_delete, db_only),
    "migration": Scenario("migration (0002 to head)", prepare_migration, operate_migration, db_only, backups_sound),
    "backup": Scenario("backup", committee_world, operate_backup, with_backups),
    "restore": Scenario("restore", prepare_restore, operate_restore, db_only, backups_sound),
    "xlsx": Scenario(
        "export xlsx", prepare_export, operate_xlsx, export_state("roster.xlsx"), no_partials_after_the_next_write
    ),
    "pdf": Scenario(
        "export pdf", prepare_export, operate_pdf, export_state("directory.pdf"), no_partials_after_the_next_write
    ),
}


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_a_fault_at_any_step_leaves_the_state_before_or_after(name: str, tmp_path: Path) -> None:
    run(name, tmp_path)


def test_the_harness_tells_a_half_done_operation_from_a_whole_one(tmp_path: Path) -> None:
    """The harness itself can fail: two commits for one edit, killed between them, is neither before nor after."""

    def two_transactions(world: Path) -> None:
        with services_on(world) as s:
            s.people.update(2, given_name="Half")
            s.people.update(3, given_name="Done")

    scenario = Scenario("two commits", committee_world, two_transactions, db_only)
    with pytest.raises(AssertionError, match="neither the one before nor the one after"):
        run_scenario(scenario, tmp_path, Tally(), exceptions=False)


def test_worlds_are_copied_not_shared(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "f").write_text("x")
    copy = copy_world(tmp_path / "a", tmp_path / "b")
    (copy / "f").write_text("y")
    assert (tmp_path / "a" / "f").read_text() == "x"
