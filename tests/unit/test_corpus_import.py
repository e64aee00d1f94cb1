"""Every real-world corpus file goes through the whole import (read, plan, commit): all of it or none of it.

test_corpus_reading.py holds the reader to its time and memory limits; this test takes each file on into the
database, and checks that a commit adds exactly what its plan promised and a refusal changes nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import prerequisites
import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = prerequisites.CORPUS / "xlsx-wild"

_CHILD = r"""
import json, sys, traceback
from pathlib import Path
from sqlalchemy import func, select
from equitydesk.db.engine import open_database
from equitydesk.db.tables import Membership, Person
from equitydesk.formats.errors import FileRefused
from equitydesk.services.context import ServiceContext
from equitydesk.services.errors import DomainError
from equitydesk.services.roster_import import RosterImportService

db = open_database(Path(sys.argv[2]) / "corpus.sqlite")
importer = RosterImportService(ServiceContext(db.sessions, actor="corpus"))

def counts():
    with db.sessions() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in (Person, Membership))

for path in sorted(Path(sys.argv[1]).iterdir()):
    if path.name == "SOURCES.md":
        continue
    before = counts()
    try:
        parsed = importer.read_file(path)
        result = importer.commit(parsed.rows, committee=f"Corpus {path.name}", file_name=path.name,
                                 sheet=parsed.sheet, header_row=parsed.header_row)
        after = counts()
        status = "imported"
        ok = after[0] - before[0] == result.plan.created
        message = f"{result.plan.created} created, {result.plan.rejected} rejected"
    except (FileRefused, DomainError) as exc:
        status, message, ok = "refused", str(exc), counts() == before
    except BaseException as exc:
        status, message, ok = "error", "".join(traceback.format_exception(exc)), False
    print(json.dumps({"file": path.name, "status": status, "ok": ok, "message": message}), flush=True)
"""


@pytest.mark.slow
def test_every_corpus_file_imports_whole_or_is_refused_without_a_trace(tmp_path: Path) -> None:
    prerequisites.need_corpus(CORPUS)  # skips without it; fails in CI
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", _CHILD, str(CORPUS), str(tmp_path)], capture_output=True,
                          text=True, env=env, timeout=900)  # fmt: skip
    outcomes = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0, done.stderr[-2000:]
    assert len(outcomes) == len([p for p in CORPUS.iterdir() if p.name != "SOURCES.md"])
    broken = [o for o in outcomes if o["status"] == "error" or not o["ok"]]
    assert not broken, "\n\n".join(f"{o['file']}: {o['message']}" for o in broken[:5])
    assert any(o["status"] == "imported" for o in outcomes) and any(o["status"] == "refused" for o in outcomes)
    for o in outcomes:
        if o["status"] == "refused":
            assert "Traceback" not in o["message"] and "\n" not in o["message"].strip(), o
