"""The Packet tab on its own: preview with what the public version leaves out, save, save accessible, cancel."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QMessageBox

from equitydesk.gui.meeting.packet_tab import PacketTab
from equitydesk.gui.workspace import Workspace
from equitydesk.services.registry import Services


@pytest.fixture
def tab(qtbot, workspace: Workspace, services: Services, committee) -> PacketTab:
    committee_id = next(iter(committee.committees.values()))
    person = services.people.create(given_name="Olena", family_name="Kovalenko", email="olena@example.org",
                                    phone="651-555-0199", interpreter_language="Ukrainian")  # fmt: skip
    services.memberships.create(person_id=person.id, committee_id=committee_id)
    meeting = next(m for m in committee.meetings if services.meetings.get(m).committee_id == committee_id)
    widget = PacketTab(workspace, meeting)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def wait_status(qtbot, tab: PacketTab, words: str) -> None:
    qtbot.waitUntil(lambda: words in tab.status.text(), timeout=30_000)


def test_preview_shows_what_the_public_version_leaves_out(qtbot, tab: PacketTab) -> None:
    assert not tab.save_button.isEnabled() or tab.preview_path is None
    qtbot.mouseClick(tab.preview_button, qtbot_button())
    wait_status(qtbot, tab, "Preview ready")
    assert "e-mail" in tab.withheld.text() and "Interpreter needs" in tab.withheld.text()
    assert tab.preview_path is not None and tab.preview_path.read_bytes().startswith(b"%PDF")
    assert "olena@example.org" not in " ".join(p.extract_text() for p in PdfReader(tab.preview_path).pages)
    tab.audience.setCurrentIndex(1)
    qtbot.mouseClick(tab.preview_button, qtbot_button())
    qtbot.waitUntil(lambda: "internal version" in tab.withheld.text(), timeout=30_000)
    text = " ".join(p.extract_text() for p in PdfReader(tab.preview_path).pages)
    assert "olena@example.org" in text


def test_save_and_save_accessible(qtbot, tab: PacketTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, button in (("printed.pdf", tab.save_button), ("web.pdf", tab.accessible_button)):
        target = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, target=target, **k: (str(target), "PDF"))
        tab.save_button.setEnabled(True)
        qtbot.mouseClick(button, qtbot_button())
        wait_status(qtbot, tab, f"Saved {name}")
        assert target.read_bytes().startswith(b"%PDF")
    assert "/StructTreeRoot" in PdfReader(tmp_path / "web.pdf").trailer["/Root"]
    assert "/StructTreeRoot" not in PdfReader(tmp_path / "printed.pdf").trailer["/Root"]


def test_only_chosen_sections_and_none_refused(qtbot, tab: PacketTab, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, box in tab.section_boxes.items():
        box.setChecked(name == "signin")
    qtbot.mouseClick(tab.preview_button, qtbot_button())
    wait_status(qtbot, tab, "Preview ready")
    reader = PdfReader(tab.preview_path)
    assert [item.title for item in reader.outline if not isinstance(item, list)] == ["Sign-in sheet"]
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    tab.section_boxes["signin"].setChecked(False)
    qtbot.mouseClick(tab.preview_button, qtbot_button())
    assert told and "at least one section" in told[0]


def test_cancel_stops_the_build_and_saves_nothing(qtbot, tab: PacketTab, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    documents = tab.workspace.services.documents
    real_write = documents.write

    def slow_write(built, *, target, progress=None, **options):  # a long layout, reporting progress as it goes
        for step in range(600):
            assert progress is not None
            progress(step, 600, "Laying out the pages")
            time.sleep(0.01)
        return real_write(built, target=target, **options)

    monkeypatch.setattr(documents, "write", slow_write)
    target = tmp_path / "never.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF"))
    qtbot.mouseClick(tab.save_button if tab.save_button.isEnabled() else tab.accessible_button, qtbot_button())
    qtbot.waitUntil(lambda: tab.job is not None and tab.job.running, timeout=10_000)
    assert tab.preview_button.isEnabled() is False  # busy, but the window answers: this line ran meanwhile
    tab.job.cancel()
    wait_status(qtbot, tab, "Stopped; nothing was saved")
    assert not target.exists()
    assert tab.preview_button.isEnabled()


def qtbot_button():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
