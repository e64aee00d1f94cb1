"""`report packet`, `report agenda`, `report minutes` as a user runs them: files written, refusals with exit 2."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import packet_samples as ps
import pytest
from pypdf import PdfReader


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> ps.Sample:
    return ps.build(tmp_path_factory.mktemp("cli-packet") / "demo.sqlite")


def run(sample: ps.Sample, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EQUITYDESK_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "equitydesk", "--db", str(sample.path), *args],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_packet_public_then_internal_then_accessible(sample: ps.Sample, tmp_path: Path) -> None:
    out = tmp_path / "packet.pdf"
    done = run(sample, tmp_path, "report", "packet", str(out), "--meeting", str(sample.meeting_id))
    assert done.returncode == 0, done.stderr
    assert "Left out of this public version" in done.stdout and "confidential agenda item" in done.stdout
    assert len(PdfReader(out).pages) > 5
    internal = tmp_path / "internal.pdf"
    done = run(sample, tmp_path, "report", "packet", str(internal), "--meeting", str(sample.meeting_id),
               "--audience", "internal", "--sections", "cover,roster", "--paper", "a4", "--large-print")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Left out" not in done.stdout
    text = " ".join(p.extract_text() for p in PdfReader(internal).pages)
    assert ps.HARD_EMAIL in text.replace("\n", "") and "Open action items" not in text
    accessible = tmp_path / "web.pdf"
    done = run(sample, tmp_path, "report", "packet", str(accessible), "--meeting", str(sample.meeting_id),
               "--accessible")  # fmt: skip
    assert done.returncode == 0 and "PDF/UA-1" in done.stdout
    assert "/StructTreeRoot" in PdfReader(accessible).trailer["/Root"]


@pytest.mark.parametrize("kind", ["agenda", "minutes"])
def test_agenda_and_minutes(sample: ps.Sample, tmp_path: Path, kind: str) -> None:
    meeting = sample.meeting_id if kind == "agenda" else sample.previous_id
    for accessible in ((), ("--accessible",)):
        out = tmp_path / f"{kind}{len(accessible)}.pdf"
        done = run(sample, tmp_path, "report", kind, str(out), "--meeting", str(meeting), *accessible)
        assert done.returncode == 0, done.stderr
        assert "QX-17" not in " ".join(p.extract_text() for p in PdfReader(out).pages)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("packet", "--meeting", "9999"), "There is no meeting 9999"),
        (("packet", "--meeting", "{m}", "--sections", "agenda,budget"), "“budget” is not a section"),
        (("packet", "--meeting", "{m}", "--paper", "legal"), "invalid choice"),
        (("agenda", "--meeting", "9999"), "There is no meeting 9999"),
        (("minutes", "--meeting", "9999", "--accessible"), "There is no meeting 9999"),
    ],
)
def test_refusals_exit_2_and_leave_the_target_alone(sample: ps.Sample, tmp_path: Path, args: tuple[str, ...],
                                                    words: str) -> None:  # fmt: skip
    target = tmp_path / "existing.pdf"
    target.write_bytes(b"%PDF-1.4 the chair's earlier packet")
    before = digest(target)
    command, *rest = (a.replace("{m}", str(sample.meeting_id)) for a in args)
    done = run(sample, tmp_path, "report", command, str(target), *rest)
    assert done.returncode == 2
    assert words in done.stderr and "Traceback" not in done.stderr
    assert digest(target) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == ["existing.pdf"]  # no partial left


def test_unwritable_target_is_a_plain_error(sample: ps.Sample, tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.pdf"
    folder.mkdir()
    done = run(sample, tmp_path, "report", "packet", str(folder), "--meeting", str(sample.meeting_id))
    assert done.returncode == 2 and "that is a folder" in done.stderr and "Traceback" not in done.stderr
    missing = tmp_path / "gone" / "p.pdf"
    done = run(sample, tmp_path, "report", "packet", str(missing), "--meeting", str(sample.meeting_id), "--accessible")
    assert done.returncode == 2 and "does not exist" in done.stderr and not missing.parent.exists()
