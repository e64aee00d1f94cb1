"""Benchmark: what integrity checks and backups cost on a realistic database (20,000 people by default).

Run: .venv/bin/python tests/benchmarks/bench_backup.py [--people 20000]
Builds the database the way users do (the demo, then a roster import of N people), then prints the file size and,
best of five each: opening it without any check (the floor), SQLite's quick_check and integrity_check alone, the
open as the window does it (with quick_check), one verified backup into the backups folder, and checking a backup.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/ for roster_files


def best(fn: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def build(path: Path, people: int) -> None:
    from roster_files import ROSTER_HEADER, roster_row, write_csv

    from equitydesk.db.engine import open_database
    from equitydesk.services.demo import fill_demo
    from equitydesk.services.registry import services_for

    rng = random.Random(0)
    roster = write_csv(path.with_name("roster.csv"), [ROSTER_HEADER, *(roster_row(i, rng) for i in range(people))])
    db = open_database(path)
    try:
        services = services_for(db, actor="bench")
        fill_demo(services, today=date(2025, 11, 12))
        parsed = services.roster_import.read_file(roster)
        services.roster_import.commit(parsed.rows, committee="Benchmark committee", file_name=roster.name)
    finally:
        db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20_000)
    args = parser.parse_args()

    import sqlite3

    from equitydesk.db import engine as engine_module
    from equitydesk.db import integrity
    from equitydesk.db.backup import copy_problem, table_counts
    from equitydesk.services.backups import back_up, list_backups

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.sqlite"
        build(path, args.people)
        conn = sqlite3.connect(path)
        people = table_counts(conn)["person"]
        conn.close()

        def pragma(name: str) -> Callable[[], object]:
            def run() -> object:
                c = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
                try:
                    return c.execute(f"PRAGMA {name}").fetchall()
                finally:
                    c.close()

            return run

        def open_with_check() -> None:
            engine_module.open_database(path).dispose()

        def open_without_check() -> None:
            saved = integrity.quick_check
            integrity.quick_check = lambda _p: ["ok"]  # type: ignore[assignment]
            try:
                engine_module.open_database(path).dispose()
            finally:
                integrity.quick_check = saved

        size = path.stat().st_size
        floor = best(open_without_check)
        opened = best(open_with_check)
        quick = best(pragma("quick_check"))
        full = best(pragma("integrity_check"))
        backup = best(lambda: back_up(path), runs=3)
        newest = list_backups(path)[0].path
        verify = best(lambda: copy_problem(newest))
        listing = best(lambda: list_backups(path, verify=True), runs=3)
        count = len(list_backups(path))
    print(f"people: {people:,}; database file {size / 1_048_576:.1f} MB")
    print(f"open without any check (floor): {floor * 1000:7.1f} ms")
    print(f"open with quick_check:          {opened * 1000:7.1f} ms  (+{(opened - floor) * 1000:.1f} ms)")
    print(f"PRAGMA quick_check alone:       {quick * 1000:7.1f} ms")
    print(f"PRAGMA integrity_check alone:   {full * 1000:7.1f} ms  ({full / quick:.1f}x quick_check)")
    print(f"one verified backup (+ thin):   {backup * 1000:7.1f} ms")
    print(f"checking one backup file:       {verify * 1000:7.1f} ms")
    print(f"`backups` listing {count} checked: {listing * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
