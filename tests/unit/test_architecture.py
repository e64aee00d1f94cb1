"""The layers hold: only the window (equitydesk/gui/, equitydesk/app.py) imports Qt, and the core never the faces."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "equitydesk"
QT = ("PySide6", "shiboken6")
WINDOW = ("equitydesk.gui", "equitydesk.app")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> list[tuple[str, Path]]:
    return sorted((module_name(p), p) for p in PACKAGE.rglob("*.py"))


def in_window(name: str) -> bool:
    return any(name == w or name.startswith(w + ".") for w in WINDOW)


def imports(name: str, path: Path) -> Iterator[tuple[str, int, bool]]:
    """(imported module, line, at module level) for every import, relative ones resolved, import_module too."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    top = {id(node) for node in tree.body}
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno, id(node) in top
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield base, node.lineno, id(node) in top
            for alias in node.names:
                yield f"{base}.{alias.name}", node.lineno, id(node) in top
        elif isinstance(node, ast.Call) and (target := dynamic_import(node)):
            yield target, node.lineno, False


def dynamic_import(call: ast.Call) -> str | None:
    """The module named in importlib.import_module("...") or __import__("..."), if it is a literal."""
    func = call.func
    called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    if called not in ("import_module", "__import__") or not call.args:
        return None
    first = call.args[0]
    return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None


def is_under(imported: str, roots: tuple[str, ...]) -> bool:
    return any(imported == r or imported.startswith(r + ".") for r in roots)


def test_the_scan_sees_the_whole_package() -> None:
    names = {name for name, _ in modules()}
    assert {"equitydesk.cli", "equitydesk.__main__", "equitydesk.services.demo", "equitydesk.db.engine"} <= names


def test_nothing_outside_the_window_imports_qt() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line} imports {imported}"
        for name, path in modules()
        if not in_window(name)
        for imported, line, _top in imports(name, path)
        if is_under(imported, QT)
    ]
    assert offenders == []


def test_only_the_entry_point_opens_the_window_and_only_when_asked() -> None:
    offenders = []
    for name, path in modules():
        if in_window(name):
            continue
        for imported, line, top in imports(name, path):
            if not is_under(imported, WINDOW):
                continue
            lazy_app = name == "equitydesk.__main__" and is_under(imported, ("equitydesk.app",)) and not top
            if not lazy_app:
                offenders.append(f"{path.relative_to(ROOT)}:{line} imports {imported}")
    assert offenders == []


def test_the_core_never_imports_the_command_line() -> None:
    core = [
        (n, p) for n, p in modules() if not in_window(n) and not is_under(n, ("equitydesk.cli", "equitydesk.__main__"))
    ]
    offenders = [
        f"{path.relative_to(ROOT)}:{line} imports {imported}"
        for name, path in core
        for imported, line, _top in imports(name, path)
        if is_under(imported, ("equitydesk.cli", "equitydesk.__main__"))
    ]
    assert offenders == []


@pytest.mark.slow
def test_import_linter_contracts_are_kept() -> None:
    code = (
        "import sys\n"
        "from importlinter.cli import lint_imports\n"
        "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True, no_logo=True))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout
