"""`report progress` as a user runs it: the report written and readable, refusals as one line with exit 2."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from equitydesk.db.engine import open_database
from equitydesk.db.tables import Plan
from equitydesk.domain.enums import PlanKind
from equitydesk.services.context import ServiceContext
from equitydesk.services.demo import fill_demo
from equitydesk.services.registry import Services

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
PLAN = "Reimagine Minnesota roadmap"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-progress") / "demo.sqlite"
    db = open_database(path)
    try:
        fill_demo(Services.build(ServiceContext(db.sessions, actor="tester")), today=date.today())
    finally:
        db.dispose()
    return path


def run(demo: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EQUITYDESK_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "equitydesk", "--db", str(demo), "report", "progress", *args],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip


def squeezed(text: str) -> str:
    return "".join(text.split())


def strategy_reason(demo: Path) -> tuple[str, str]:
    """A strategy's title and reason as the status service gives them today (the command's clock too)."""
    db = open_database(demo)
    try:
        services = Services.build(ServiceContext(db.sessions, actor="tester"))
        status = services.roadmap_status.plan_status(plan_id=services.plans.id_by_name(PLAN))
    finally:
        db.dispose()
    node = next(n for n in status.nodes if n.kind == "strategy" and n.status.value == "off_track")
    return node.title, node.reason


@needs_poppler
def test_public_report_reads_as_a_summary_then_strategies(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "progress.pdf"
    done = run(demo, tmp_path, str(out), "--plan", PLAN.lower())
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Wrote {out} (PDF, ") and "Left out of this public version" in done.stdout
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(out), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")  # fmt: skip
    first_page = text.split("\f")[0]
    assert "Summary" in first_page and "Annual progress report · as of" in first_page
    for words in ("Strategies", "On track", "At risk", "Off track", "Achieved", "No data", "at least 90%"):
        assert words in first_page
    title, reason = strategy_reason(demo)
    assert squeezed(reason) in squeezed(first_page)  # in the summary's table
    assert squeezed(reason) in squeezed("".join(text.split("\f")[1:]))  # and on the strategy's own page
    assert squeezed(title) in squeezed(first_page)
    assert "@" not in text


def test_internal_and_accessible_editions(demo: Path, tmp_path: Path) -> None:
    internal = tmp_path / "internal.pdf"
    done = run(demo, tmp_path, str(internal), "--plan", PLAN, "--audience", "internal")
    assert done.returncode == 0, done.stderr
    assert "Left out" not in done.stdout
    text = " ".join(p.extract_text() for p in PdfReader(internal).pages)
    assert "Do not post or forward" in text and "@example" in text.replace("\n", "")
    web = tmp_path / "web.pdf"
    done = run(demo, tmp_path, str(web), "--plan", ai_plan_name(demo), "--accessible")
    assert done.returncode == 0, done.stderr
    assert "accessible PDF/UA-1" in done.stdout
    root = PdfReader(web).trailer["/Root"]
    assert "/StructTreeRoot" in root and str(root["/Lang"]).startswith("en")
    assert "Checklist for the annual public meeting" in " ".join(p.extract_text() for p in PdfReader(web).pages)


def ai_plan_name(demo: Path) -> str:
    db = open_database(demo)
    try:
        with db.sessions() as session:
            return str(session.scalars(select(Plan.name).where(Plan.kind == PlanKind.AI_PLAN)).one())
    finally:
        db.dispose()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--plan", "No such plan"), "There is no plan named “No such plan”"),
        (("--plan", PLAN, "--audience", "board"), "The audience is public or internal, not “board”."),
        (("--plan", "No such plan", "--accessible"), "There is no plan named"),
    ],
)
def test_refusals_are_one_line_exit_2_and_leave_the_target_alone(
    demo: Path, tmp_path: Path, args: tuple[str, ...], words: str
) -> None:
    target = tmp_path / "existing.pdf"
    target.write_bytes(b"%PDF-1.4 last year's report")
    before = digest(target)
    done = run(demo, tmp_path, str(target), *args)
    assert done.returncode == 2
    assert words in done.stderr and len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert digest(target) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == ["existing.pdf"]  # no partial left


def test_an_unwritable_target_is_one_plain_line(demo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.pdf"
    folder.mkdir()
    done = run(demo, tmp_path, str(folder), "--plan", PLAN)
    assert done.returncode == 2 and "that is a folder" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    missing = tmp_path / "gone" / "report.pdf"
    done = run(demo, tmp_path, str(missing), "--plan", PLAN, "--accessible")
    assert done.returncode == 2 and "does not exist" in done.stderr and not missing.parent.exists()
