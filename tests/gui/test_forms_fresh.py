"""Compiled Designer forms match their .ui files: edit a .ui, forget tools/compile_forms.py, and this fails."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "compile_forms.py"


@pytest.fixture(scope="module")
def compile_forms():
    spec = importlib.util.spec_from_file_location("compile_forms", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_compiled_form_is_fresh(compile_forms):
    stale = compile_forms.stale_forms()
    assert not stale, "Run `python tools/compile_forms.py`:\n" + "\n".join(stale)


def test_every_form_is_compiled_under_its_own_name(compile_forms):
    targets = compile_forms.forms()
    assert {t.name for t in targets} >= {"ui_person_dialog.py", "ui_membership_dialog.py"}
    for target, source in targets.items():
        assert target.name == f"ui_{source.stem}.py"
        assert target.read_text(encoding="utf-8").startswith(
            f"# generated from {source.relative_to(ROOT).as_posix()} — do not edit"
        )


def test_an_edited_form_is_reported_stale(compile_forms, tmp_path, monkeypatch):
    ui_dir, forms_dir = tmp_path / "ui", tmp_path / "forms"
    shutil.copytree(ROOT / "ui", ui_dir)
    shutil.copytree(ROOT / "equitydesk" / "gui" / "forms", forms_dir)
    monkeypatch.setattr(compile_forms, "ROOT", tmp_path)
    monkeypatch.setattr(compile_forms, "UI_DIR", ui_dir)
    monkeypatch.setattr(compile_forms, "FORMS_DIR", forms_dir)
    assert compile_forms.stale_forms() == []
    form = ui_dir / "dialogs" / "person_dialog.ui"
    form.write_text(form.read_text(encoding="utf-8").replace("<string>Person</string>", "<string>Member</string>"))
    (forms_dir / "ui_orphan.py").write_text("# left over\n")
    stale = compile_forms.stale_forms()
    assert any("ui_person_dialog.py is older than" in line for line in stale)
    assert any("ui_orphan.py has no .ui file" in line for line in stale)
    assert compile_forms.main(["--check"]) == 1
    compile_forms.compile_all()
    (forms_dir / "ui_orphan.py").unlink()
    assert compile_forms.stale_forms() == []


def test_check_exits_zero_from_the_command_line():
    result = subprocess.run([sys.executable, str(TOOL), "--check"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
