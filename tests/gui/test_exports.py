"""Export stories: a committee's roster to Excel, its directory and sign-in sheet to PDF, from the File menu."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog, QMessageBox

from equitydesk.gui.commands import CommandId
from equitydesk.gui.exports import file_name, with_suffix
from equitydesk.gui.pages.roster_page import RosterPage

EAC = "Equity Advisory Committee"


class SaveAs:
    """Stands in for QFileDialog.getSaveFileName: answers with a path (or "" for Cancel), remembers the default."""

    def __init__(self, monkeypatch, answer: Path | None) -> None:
        self.answer = answer
        self.defaults: list[str] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(self))

    def __call__(self, _parent, _title, default, _filter="", *args, **kwargs):
        self.defaults.append(default)
        return (str(self.answer) if self.answer else "", "")


@pytest.fixture
def boxes(monkeypatch):
    shown: list[tuple[str, str, str]] = []
    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(
            QMessageBox,
            kind,
            staticmethod(lambda _p, title, text, *a, _k=kind, **kw: shown.append((_k, title, text))),
        )
    return shown


def choose_committee(window, name: str | None) -> None:
    page = window.page(RosterPage)
    page.committee_combo.setCurrentIndex(page.committee_combo.findText(name) if name else 0)


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed, so the PDF's text cannot be read")
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def wait_for_status(qtbot, window, start: str) -> str:
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith(start), timeout=10000)
    return window.statusBar().currentMessage()


def test_export_the_roster_in_the_filter_to_excel(qtbot, window, committee, tmp_path, monkeypatch, boxes, today):
    target = tmp_path / "roster"  # typed without the suffix
    save_as = SaveAs(monkeypatch, target)
    choose_committee(window, EAC)
    window.commands[CommandId.EXPORT_ROSTER].trigger()
    assert window.exports.dialog is None, "the committee on screen is the one exported: nothing to ask"
    message = wait_for_status(qtbot, window, "Exported")
    written = tmp_path / "roster.xlsx"
    assert message == f"Exported 9 memberships of {EAC} to {written}"
    assert Path(save_as.defaults[0]).name == f"{EAC} roster {today.isoformat()}.xlsx", "named for the services' day"
    sheet = load_workbook(written, read_only=True).worksheets[0]
    cells = [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    assert "Hernández López" in cells and "hodan@example.org" in cells
    assert "Bearheart" not in cells, "only this committee"
    assert boxes == []


def test_cancelling_the_file_dialog_writes_nothing(qtbot, window, committee, tmp_path, monkeypatch):
    SaveAs(monkeypatch, None)
    before = sorted(tmp_path.rglob("*"))
    choose_committee(window, EAC)
    window.commands[CommandId.EXPORT_ROSTER].trigger()
    assert window.exports.job is None
    qtbot.wait(50)
    assert sorted(tmp_path.rglob("*")) == before and window.statusBar().currentMessage() == ""


def test_public_directory_has_no_contact_details(qtbot, window, committee, tmp_path, monkeypatch, boxes):
    choose_committee(window, None)  # no committee in the filter: the options dialog asks
    SaveAs(monkeypatch, tmp_path / "public.pdf")
    window.commands[CommandId.PRINT_DIRECTORY].trigger()
    dialog = window.exports.dialog
    qtbot.waitUntil(lambda: dialog.isVisible())
    assert dialog.public_radio.isChecked(), "the version safe to hand out is the default"
    dialog.committee_combo.setCurrentIndex(dialog.committee_combo.findText(EAC))
    dialog.accept()
    message = wait_for_status(qtbot, window, "Saved the public member directory")
    assert message == f"Saved the public member directory of {EAC} (9 members) to {tmp_path / 'public.pdf'}"
    text = pdf_text(tmp_path / "public.pdf")
    assert "Hernández López" in text and "Lincoln Elementary" in text
    assert "@example.org" not in text

    SaveAs(monkeypatch, tmp_path / "internal.pdf")
    window.commands[CommandId.PRINT_DIRECTORY].trigger()
    window.exports.dialog.internal_radio.setChecked(True)
    window.exports.dialog.committee_combo.setCurrentIndex(window.exports.dialog.committee_combo.findText(EAC))
    window.exports.dialog.accept()
    wait_for_status(qtbot, window, "Saved the internal member directory")
    assert "maria@example.org" in pdf_text(tmp_path / "internal.pdf"), "the internal version keeps them"
    assert boxes == []


def test_signin_sheet_for_the_next_meeting_in_large_print(qtbot, window, committee, tmp_path, monkeypatch):
    save_as = SaveAs(monkeypatch, tmp_path / "signin.pdf")
    choose_committee(window, EAC)
    window.commands[CommandId.PRINT_SIGNIN].trigger()
    dialog = window.exports.dialog
    assert dialog.committee_name == EAC
    assert dialog.meeting_combo.currentText().endswith("— December meeting"), "the next meeting is chosen"
    assert dialog.meeting_combo.itemText(0) == "No particular meeting (all active members)"
    dialog.large_print_check.setChecked(True)
    dialog.accept()
    message = wait_for_status(qtbot, window, "Saved the sign-in sheet")
    assert message.endswith(str(tmp_path / "signin.pdf"))
    assert "sign-in sheet large print" in Path(save_as.defaults[0]).name
    text = pdf_text(tmp_path / "signin.pdf")
    assert "December meeting" in text and "Signature" in text


def test_a_failing_export_says_why_and_writes_nothing(qtbot, window, committee, tmp_path, monkeypatch, boxes):
    missing = tmp_path / "no such folder"
    SaveAs(monkeypatch, missing / "roster.xlsx")
    choose_committee(window, EAC)
    window.commands[CommandId.EXPORT_ROSTER].trigger()
    qtbot.waitUntil(lambda: bool(boxes), timeout=10000)
    kind, title, text = boxes[0]
    assert (kind, title) == ("warning", "Export roster to Excel")
    assert "does not exist" in text and "no such folder" in text
    assert "Traceback" not in text and "Errno" not in text
    assert not missing.exists()
    assert window.statusBar().currentMessage() == ""


def test_export_actions_wait_for_a_database(qtbot, new_window, db_path, committee):
    win = new_window()
    assert not win.commands[CommandId.EXPORT_ROSTER].isEnabled()
    assert win.open_path(db_path)
    assert all(win.commands[a].isEnabled() for a in (CommandId.EXPORT_ROSTER, CommandId.PRINT_SIGNIN))
    texts = [a.text() for a in win.file_menu.actions()]
    assert "Print member &directory…" in texts


def test_default_names_are_safe_file_names():
    assert file_name("A/B: C?", "roster", "2025-11-23", suffix=".xlsx") == "A-B- C- roster 2025-11-23.xlsx"
    assert with_suffix(Path("A.B. Smith"), ".pdf") == Path("A.B. Smith.pdf")
    assert with_suffix(Path("list.PDF"), ".pdf") == Path("list.PDF")
