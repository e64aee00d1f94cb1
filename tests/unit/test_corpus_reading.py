"""Every real-world file in the shared xlsx-wild corpus either parses or is refused in one plain sentence.

The files run in one child process with a cap on its address space, so that a file which makes python-calamine
allocate without limit fails this test (naming the file) instead of taking the test run down with it.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import prerequisites
import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = prerequisites.CORPUS / "xlsx-wild"
ADDRESS_SPACE_LIMIT = 4 * 1024**3  # far above the 500 MB we allow, far below what a runaway grid asks for
MAX_SECONDS_PER_FILE = 10.0
MAX_RSS_MB = 500

_CHILD = r"""
import json, resource, sys, time, traceback
from pathlib import Path
from equitydesk.formats.errors import FileRefused
from equitydesk.formats.roster_columns import parse_roster

def peak_mb():
    # VmHWM is this program's own peak. ru_maxrss is not: Linux carries it across exec from the forked parent,
    # so under a large pytest process it reports pytest's size, not the reader's.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

for path in sorted(Path(sys.argv[1]).iterdir()):
    if path.name == "SOURCES.md":
        continue
    print(json.dumps({"file": path.name, "status": "started"}), flush=True)
    started = time.perf_counter()
    try:
        roster = parse_roster(path)
        touched = sum(len(row.values) + len(row.raw) for row in roster.rows)
        status, message = "parsed", f"{len(roster.rows)} rows, {touched} values, sheet {roster.sheet!r}"
    except FileRefused as exc:
        status, message = "refused", str(exc)
    except BaseException as exc:
        status, message = "error", "".join(traceback.format_exception(exc))
    print(json.dumps({
        "file": path.name, "status": status, "message": message, "seconds": time.perf_counter() - started,
        "rss_mb": peak_mb(),
    }), flush=True)
"""


def _limit_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))


@pytest.fixture(scope="module")
def outcomes() -> dict[str, dict[str, Any]]:
    prerequisites.need_corpus(CORPUS)  # skips without it; fails in CI
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(CORPUS)], capture_output=True, text=True, timeout=240, env=env,
        cwd=REPO, preexec_fn=_limit_address_space, check=False,
    )  # fmt: skip
    results: dict[str, dict[str, Any]] = {}
    last = None
    for line in done.stdout.splitlines():
        record = json.loads(line)
        last = record["file"]
        if record["status"] != "started":
            results[record["file"]] = record
    assert done.returncode == 0, f"the reader died on {last}: {done.stderr[-2000:]}"
    return results


def test_every_file_parses_or_is_refused_plainly(outcomes: dict[str, dict[str, Any]]) -> None:
    files = sorted(p.name for p in CORPUS.iterdir() if p.name != "SOURCES.md")
    assert sorted(outcomes) == files
    errors = {name: r["message"] for name, r in outcomes.items() if r["status"] == "error"}
    assert not errors, errors
    for name, record in outcomes.items():
        if record["status"] == "refused":
            message = record["message"]
            assert name in message, f"{name}: the sentence must name the file: {message}"
            assert "\n" not in message and "Traceback" not in message and len(message) < 400, message
            assert message.endswith("."), message


def test_every_file_is_quick_and_small(outcomes: dict[str, dict[str, Any]]) -> None:
    slow = {name: r["seconds"] for name, r in outcomes.items() if r["seconds"] > MAX_SECONDS_PER_FILE}
    assert not slow, slow
    peak = max(r["rss_mb"] for r in outcomes.values())
    assert peak < MAX_RSS_MB, f"peak resident memory {peak:.0f} MB"


@pytest.mark.parametrize(("name", "status", "words"), [
    ("poi__51626_contact.xlsx", "parsed", ""),
    ("phpspreadsheet__example1.csv-renamed.xlsx", "parsed", ""),
    ("calamine__pass_protected.xlsx", "refused", "is protected with a password"),
    ("poi__protected_passtika.xlsx", "refused", "is protected with a password"),
    ("poi__SampleSS.xls", "refused", "is an old Excel 97-2003 workbook"),
    ("poi__SampleSS.xls-renamed.xlsx", "refused", "is an old Excel 97-2003 workbook"),
    ("calamine__date.ods-renamed.xlsx", "refused", "is an OpenDocument spreadsheet (.ods)"),
    ("poi__sample.xlsb-renamed.xlsx", "refused", "is an Excel binary workbook (.xlsb)"),
    ("openpyxl__null_file.xlsx", "refused", "is empty"),
    ("sheetjs__row_height.htm-renamed.xls", "refused", "is a web page (HTML)"),
    ("poi__SampleSS.xml-renamed.xls", "refused", "Excel 2003 XML spreadsheet"),
    ("poi__poc-xmlbomb.xlsx", "refused", "could not be read"),
    ("poi__clusterfuzz-testcase-minimized-XLSX2CSVFuzzer-5636439151607808.xlsx", "refused", "is damaged"),
])  # fmt: skip
def test_known_files(outcomes: dict[str, dict[str, Any]], name: str, status: str, words: str) -> None:
    record = outcomes[name]
    assert record["status"] == status, record["message"]
    assert words in record["message"]
