"""Compile every Designer form ui/**/*.ui into equitydesk/gui/forms/ui_<name>.py; --check lists stale forms."""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
FORMS_DIR = ROOT / "equitydesk" / "gui" / "forms"
HEADER = "# generated from {source} — do not edit (change the .ui file and run tools/compile_forms.py)\n"
# uic stamps its own version into the file; a newer uic alone does not make a form stale.
VOLATILE = re.compile(r"^## Created by: Qt User Interface Compiler version .*\n", re.MULTILINE)


def uic_command() -> list[str]:
    """pyside6-uic from PATH, or from the running interpreter's environment when it is not activated."""
    found = shutil.which("pyside6-uic") or shutil.which("pyside6-uic", path=str(Path(sys.executable).parent))
    if found is None:
        raise SystemExit("pyside6-uic was not found: install PySide6-Essentials in this environment.")
    return [found]


def forms() -> dict[Path, Path]:
    """Each compiled file and the .ui it comes from; two forms with one name would overwrite each other."""
    targets: dict[Path, Path] = {}
    for source in sorted(UI_DIR.rglob("*.ui")):
        target = FORMS_DIR / f"ui_{source.stem}.py"
        if target in targets:
            raise SystemExit(f"{source} and {targets[target]} would both compile to {target.name}; rename one.")
        targets[target] = source
    return targets


def compile_form(source: Path, workdir: Path) -> str:
    out = workdir / f"ui_{source.stem}.py"
    result = subprocess.run([*uic_command(), str(source), "-o", str(out)], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{source.relative_to(ROOT)} does not compile:\n{result.stderr or result.stdout}")
    header = HEADER.format(source=source.relative_to(ROOT).as_posix())
    return header + out.read_text(encoding="utf-8")


def normalise(text: str) -> str:
    return VOLATILE.sub("", text.replace("\r\n", "\n"))


def stale_forms() -> list[str]:
    """What is out of date: forms whose compiled file is missing or differs, and compiled files with no form."""
    targets = forms()
    stale: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for target, source in targets.items():
            fresh = compile_form(source, Path(tmp))
            if not target.exists():
                stale.append(f"{target.relative_to(ROOT)} is missing (from {source.relative_to(ROOT)})")
            elif normalise(target.read_text(encoding="utf-8")) != normalise(fresh):
                stale.append(f"{target.relative_to(ROOT)} is older than {source.relative_to(ROOT)}")
    for orphan in sorted(set(FORMS_DIR.glob("ui_*.py")) - set(targets)):
        stale.append(f"{orphan.relative_to(ROOT)} has no .ui file any more (delete it)")
    return stale


def compile_all() -> list[Path]:
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        for target, source in forms().items():
            fresh = compile_form(source, Path(tmp))
            if not target.exists() or normalise(target.read_text(encoding="utf-8")) != normalise(fresh):
                target.write_text(fresh, encoding="utf-8", newline="\n")
                written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 listing stale forms")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_forms()
        for line in stale:
            print(line)
        return 1 if stale else 0
    for path in compile_all():
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
