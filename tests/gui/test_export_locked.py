"""Export story: the file to replace is open in Excel; the finished export is kept, and Retry or Save as… places it."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from equitydesk.gui.commands import CommandId
from equitydesk.gui.exports import ExportCommands
from equitydesk.gui.pages.roster_page import RosterPage

EAC = "Equity Advisory Committee"
OLD = b"last week's roster, open in Excel"


def held_open(monkeypatch, target: Path) -> dict[str, bool]:
    """os.replace onto target refused as Windows refuses it while another program has the file open."""
    real, state = os.replace, {"held": True}

    def replace(src, dst):
        if state["held"] and Path(dst) == target:
            raise PermissionError(errno.EACCES, "The process cannot access the file")
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    return state


def start_export(window, monkeypatch, target: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    page = window.page(RosterPage)
    page.committee_combo.setCurrentIndex(page.committee_combo.findText(EAC))
    window.commands[CommandId.EXPORT_ROSTER].trigger()


def test_retry_after_closing_excel_puts_the_finished_export_in_place(qtbot, window, committee, tmp_path, monkeypatch):
    target = tmp_path / "roster.xlsx"
    target.write_bytes(OLD)
    excel = held_open(monkeypatch, target)
    asked: list[str] = []
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a, **k: warnings.append(text)))

    def answer(_self, _spec, message):
        asked.append(message)
        if len(asked) == 2:
            excel["held"] = False  # the person closed Excel before pressing Retry the second time
        return "retry"

    monkeypatch.setattr(ExportCommands, "ask_locked", answer)
    start_export(window, monkeypatch, target)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Saved"), timeout=10000)
    assert len(asked) == 2 and "roster (new).xlsx" in asked[0] and "open in another program" in asked[0]
    assert target.read_bytes().startswith(b"PK"), "the new export replaced the old one"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx") == ["roster.xlsx"]
    assert warnings == []


def test_save_as_keeps_the_open_file_and_saves_the_export_elsewhere(qtbot, window, committee, tmp_path, monkeypatch):
    target = tmp_path / "roster.xlsx"
    target.write_bytes(OLD)
    held_open(monkeypatch, target)
    names = iter([target, tmp_path / "roster for the board"])  # the export's target, then the Save as… answer
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(next(names)), "")))
    monkeypatch.setattr(ExportCommands, "ask_locked", lambda *_a: "save_as")
    page = window.page(RosterPage)
    page.committee_combo.setCurrentIndex(page.committee_combo.findText(EAC))
    window.commands[CommandId.EXPORT_ROSTER].trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Saved"), timeout=10000)
    assert (tmp_path / "roster for the board.xlsx").read_bytes().startswith(b"PK"), "the suffix is added"
    assert target.read_bytes() == OLD
    assert not (tmp_path / "roster (new).xlsx").exists()
