"""In CI (EQUITYDESK_CI=1) every outside tool and file the suite uses is there, so no test passes by skipping."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import prerequisites
import pytest

# What CI provides: run-tests.sh installs the tools with apt-get; the corpus sits beside the repository.
TOOLS = {
    "soffice": "libreoffice-calc-nogui",
    "pdftotext": "poppler-utils",
    "pdffonts": "poppler-utils",
}


@pytest.mark.parametrize("command", sorted(TOOLS))
def test_each_tool_the_tests_call_is_installed(command: str) -> None:
    package = TOOLS[command]
    prerequisites.need(shutil.which(command) is not None, f"{command} ({package}) is not installed",
                       fix=f"run-tests.sh installs {package} with apt-get; check its output")  # fmt: skip


def test_the_shared_corpus_is_beside_the_repository() -> None:
    prerequisites.need_corpus(prerequisites.CORPUS / "xlsx-wild")
    assert any(prerequisites.CORPUS.joinpath("xlsx-wild").iterdir()), "the corpus folder is empty"


def test_in_ci_a_missing_prerequisite_fails_the_test(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(prerequisites.CI_VARIABLE, "1")
    with pytest.raises(pytest.fail.Exception, match=r"corpus not found at .*nowhere, and CI must run this test"):
        prerequisites.need_corpus(tmp_path / "nowhere")
    prerequisites.need_corpus(tmp_path)  # there: nothing happens


def test_outside_ci_a_missing_prerequisite_skips_the_test(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(prerequisites.CI_VARIABLE, raising=False)
    with pytest.raises(pytest.skip.Exception, match="corpus not found"):
        prerequisites.need_corpus(tmp_path / "nowhere")


def test_ci_runs_the_readme_command_with_the_flag_and_libreoffice() -> None:
    """.ci/run says it is CI, and the README's test command installs what these tests need."""
    repo = prerequisites.REPO
    ci = (repo / ".ci" / "run").read_text()
    assert f"export {prerequisites.CI_VARIABLE}=1" in ci and "./run-tests.sh" in ci
    assert "./run-tests.sh" in (repo / "README.md").read_text()
    # Ask bash which packages run-tests.sh would install, without running it.
    listed = subprocess.run(
        ["bash", "-c", 'source "$1"; printf "%s\\n" "${test_packages[@]}"', "_", str(repo / "scripts_common.sh")],
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert {"libreoffice-calc-nogui", "poppler-utils"} <= set(listed)
    assert "${test_packages[@]}" in (repo / "run-tests.sh").read_text()
