"""What some tests need from outside the repository (LibreOffice, the shared corpus): skipped without it, but in CI
(EQUITYDESK_CI=1, exported by .ci/run) a missing prerequisite fails the test, since a skipped test proves nothing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"  # beside the repository, not in it: real people's files stay out of git
CI_VARIABLE = "EQUITYDESK_CI"


def in_ci() -> bool:
    return os.environ.get(CI_VARIABLE) == "1"


def need(available: bool, missing: str, *, fix: str) -> None:
    """Carry on when `available`; otherwise skip the test, or fail it in CI saying how CI should have provided it."""
    if available:
        return
    if in_ci():
        pytest.fail(f"{missing}, and CI must run this test: {fix}", pytrace=False)
    pytest.skip(missing)


def soffice() -> str:
    """The LibreOffice command (run-tests.sh installs it with apt-get)."""
    found = shutil.which("soffice")
    need(
        found is not None,
        "LibreOffice (soffice) is not installed",
        fix="run-tests.sh installs libreoffice-calc-nogui with apt-get; check its output",
    )
    assert found is not None
    return found


def need_corpus(folder: Path) -> None:
    """A folder of the shared corpus of real-world files, e.g. CORPUS / "xlsx-wild"."""
    need(folder.is_dir(), f"corpus not found at {folder}", fix=f"the shared corpus must be checked out at {CORPUS}")
