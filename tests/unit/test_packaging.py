"""What an installed EquityDesk needs at run time is where the code looks for it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from equitydesk.db.migrate import MIGRATIONS_DIR
from equitydesk.paths import resource_path

ROOT = Path(__file__).resolve().parents[2]


def test_fonts_icons_and_migrations_are_found() -> None:
    assert resource_path("fonts", "DejaVuSans.ttf").is_file()
    assert resource_path("fonts", "LICENSE-DejaVu.txt").is_file()
    assert any(resource_path("icons").glob("*.svg"))
    assert (MIGRATIONS_DIR / "env.py").is_file() and any((MIGRATIONS_DIR / "versions").glob("0001_*.py"))


def test_a_build_holds_every_resource_and_setuptools_has_nothing_to_warn_about(tmp_path: Path) -> None:
    """What `pip install .` copies: every file of resources/ and the migrations' template, with no warnings.

    The build runs in a copy of the tree, since setuptools writes its egg-info beside setup.py.
    """
    source = tmp_path / "source"
    source.mkdir()
    for name in ("setup.py", "setup.cfg", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for folder in ("equitydesk", "resources"):
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path / "lib"
    done = subprocess.run(
        [sys.executable, "-W", "always", "setup.py", "build_py", "--build-lib", str(out)],
        cwd=source,
        capture_output=True,
        text=True,
        check=True,
    )
    said = done.stdout + done.stderr
    for warning in ("as data is deprecated", "absent from the `packages`", "Package would be ignored"):
        assert warning not in said
    shipped = sorted(
        p.relative_to(ROOT / "resources")
        for p in (ROOT / "resources").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )
    assert shipped, "resources/ is empty?"
    missing = [str(p) for p in shipped if not (out / "equitydesk" / "resources" / p).is_file()]
    assert not missing, f"not in the build: {missing}"
    assert (out / "equitydesk" / "db" / "migrations" / "script.py.mako").is_file()
    assert (out / "equitydesk" / "db" / "migrations" / "versions" / "0001_baseline.py").is_file()
