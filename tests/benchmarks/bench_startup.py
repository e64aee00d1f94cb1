"""Benchmark: time from `equitydesk` being started to its window, and to the roster's first rows, painted offscreen.

Run: .venv/bin/python tests/benchmarks/bench_startup.py [--runs 7]
Floor: a bare PySide6 window (QApplication + QMainWindow shown and painted) started the same way, in the same run.
Each figure is wall time from spawning a fresh Python process to the moment it reports the paint, so interpreter
start and every import count. Goals (issue 2): window <= 1.5x the floor, first rows <= 3x.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = r"""
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1280, 800); w.setWindowTitle("bare"); w.show()
app.processEvents(); w.grab()
print("window", flush=True)
"""

EQUITYDESK = r"""
import sys
from equitydesk.gui.application import application, open_first_database, settle
app = application()
from equitydesk.gui.main_window import MainWindow
from equitydesk.gui.pages.roster_page import RosterPage
w = MainWindow(); w.resize(1280, 800); w.show_opening(sys.argv[1]); w.show(); settle(w); w.grab()
print("window", flush=True)
assert open_first_database(w, sys.argv[1])
page = w.page(RosterPage)
settle(w); page.table.viewport().grab()
assert page.model.rowCount() > 0
print("rows", page.model.rowCount(), flush=True)
"""


def timed(code: str, *args: str) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env)
    marks: dict[str, float] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        marks[line.split()[0]] = time.perf_counter() - start
    if proc.wait() != 0:
        raise SystemExit(f"benchmark child failed with exit code {proc.returncode}")
    return marks


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.sqlite"
        env = {**os.environ, "EQUITYDESK_DATA_DIR": tmp}
        subprocess.run([sys.executable, "-m", "equitydesk", "--db", str(db), "demo"], check=True, env=env,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        timed(BARE), timed(EQUITYDESK, str(db))  # warm the OS file cache and .pyc files
        bare, app = [], []
        for _ in range(runs):  # interleaved, so load on the machine hits both alike
            bare.append(timed(BARE)["window"])
            app.append(timed(EQUITYDESK, str(db)))
    floor = statistics.median(bare)
    window = statistics.median(a["window"] for a in app)
    rows = statistics.median(a["rows"] for a in app)
    print(f"runs: {runs} each, medians, offscreen, from process spawn")
    print(f"floor  bare PySide6 window painted:  {floor:.3f} s")
    print(f"EquityDesk window painted:           {window:.3f} s   ratio {window / floor:.2f}x (goal <= 1.5x)")
    print(f"EquityDesk first roster rows:        {rows:.3f} s   ratio {rows / floor:.2f}x (goal <= 3x)")


if __name__ == "__main__":
    main()
