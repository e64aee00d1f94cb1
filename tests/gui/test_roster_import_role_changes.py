"""The preview says what an update changes, in the row: the demo's EAC chair listed as a Member keeps her chair unless
the box is ticked; and one import reads with the same counts and words on every face (command line, JSON, preview,
result page, list of imports)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from roster_import_samples import EAC, messy_roster
from sqlalchemy import select

from equitydesk.db.tables import Committee, Membership, Person
from equitydesk.domain.enums import Role
from equitydesk.gui.jobs import job_pool
from equitydesk.gui.roster_import import file_page
from equitydesk.gui.roster_import.undo_dialog import HEADINGS, UndoImportDialog
from equitydesk.gui.roster_import.wizard import ImportWizard, PageId
from equitydesk.gui.workspace import Workspace
from equitydesk.services.demo import fill_demo

DEMO_DAY = date(2025, 10, 1)
HODAN_ROW = (
    "Keeps the role Chair (the file says Member) and the term end Aug 31, 2027 (the file says Jun 30, 2026); updates "
    "Notes: (empty) → Prefers text messages (also on Achievement and Integration Plan Team: the change applies there "
    "too)"
)


@pytest.fixture(autouse=True)
def idle_jobs():
    yield
    job_pool().waitForDone(10_000)


def chair_as_member(path: Path) -> Path:
    """The office's re-sent sheet: the EAC chair listed as a Member, her term shorter, one language of two."""
    book = Workbook()
    ws = book.active
    ws.append(["First Name", "Last", "E-mail Address", "Home Language", "Role on Committee", "Term End",
               "Notes (office use)"])  # fmt: skip
    ws.append(["Hodan", "Abdi Warsame", "hodan.warsame@example.org", "Somali", "Member", date(2026, 6, 30),
               "Prefers text messages"])  # fmt: skip
    ws.append(["Ka", "Yang", "ka.yang@example.org", "Hmong", "Member", None, None])
    book.save(path)
    return path


def wizard_at_preview(qtbot, workspace: Workspace, monkeypatch, path: Path, committee: str) -> ImportWizard:
    wizard = ImportWizard(workspace)
    qtbot.addWidget(wizard)
    wizard.show()
    monkeypatch.setattr(file_page.QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(wizard.file_page.choose_button, Qt.MouseButton.LeftButton)
    for page in (PageId.SHEET, PageId.COLUMNS, PageId.PREVIEW):
        qtbot.waitUntil(lambda: wizard.currentPage().isComplete(), timeout=10_000)
        wizard.next()
        assert wizard.currentId() == page
    combo = wizard.preview_page.committee_combo
    combo.lineEdit().clear()
    qtbot.keyClicks(combo.lineEdit(), committee)
    settled(qtbot, wizard)
    return wizard


def settled(qtbot, wizard: ImportWizard) -> None:
    qtbot.waitUntil(lambda: wizard.state.plan is not None and not wizard.state.busy, timeout=10_000)


def row_text(wizard: ImportWizard, name: str) -> tuple[str, str]:
    model = wizard.preview_page.model
    for r in range(model.rowCount()):
        if model.row_plan(r).name == name:
            return model.index(r, 2).data(), model.index(r, 3).data()
    raise AssertionError(f"{name} is not in the preview")


def hodan_on(db, committee: str) -> tuple[Role, date | None, str | None, str | None]:
    with db.sessions() as s:
        return s.execute(
            select(Membership.role, Membership.term_end, Person.languages, Person.notes)
            .join(Person, Person.id == Membership.person_id)
            .join(Committee, Committee.id == Membership.committee_id)
            .where(Person.email == "hodan.warsame@example.org", Committee.name == committee)
        ).one()


def test_the_chair_listed_as_a_member_keeps_her_chair_unless_the_box_is_ticked(qtbot, db, services, tmp_path,
                                                                               monkeypatch):  # fmt: skip
    fill_demo(services, today=DEMO_DAY)
    assert hodan_on(db, "Equity Advisory Committee")[:3] == (Role.CHAIR, date(2027, 8, 31), "Somali, English")
    wizard = wizard_at_preview(qtbot, Workspace(db, services), monkeypatch, chair_as_member(tmp_path / "eac.xlsx"),
                               "Equity Advisory Committee")  # fmt: skip
    page = wizard.preview_page
    assert row_text(wizard, "Hodan Abdi Warsame") == ("Warning", HODAN_ROW), "each change in the row itself"
    assert page.notes.text() == ("Row 2 (Hodan Abdi Warsame) changes an officer's role or shortens a term: kept as on "
                                 "the roster until you apply the role and term changes.")  # fmt: skip
    assert page.row_details.text() == (
        "Row 2, Hodan Abdi Warsame (Warning):\n"
        "• Kept the role Chair (the file says Member).\n"
        "• Kept the term end Aug 31, 2027 (the file says Jun 30, 2026).\n"
        "• Notes: (empty) → Prefers text messages\n"
        "• Also on Achievement and Integration Plan Team: the change applies there too."
    ), "the row to decide on is chosen, and its whole story told below the table"
    box = page.accept_box
    assert box.isVisible() and box.text() == "Apply the role and term changes listed" and not box.isChecked()
    assert page.counts.text() == "1 new · 1 updated · 0 unchanged · 0 skipped · 1 with warnings"

    box.click()
    settled(qtbot, wizard)
    assert row_text(wizard, "Hodan Abdi Warsame") == ("Update", (
        "Updates Role: Chair → Member; Term end: Aug 31, 2027 → Jun 30, 2026; Notes: (empty) → Prefers text messages "
        "(also on Achievement and Integration Plan Team: the change applies there too)"))  # fmt: skip
    assert page.notes.text() == ("Row 2 (Hodan Abdi Warsame) changes an officer's role or shortens a term, as you "
                                 "chose to apply.")  # fmt: skip
    box.click()  # changed her mind: the chair stays chair
    settled(qtbot, wizard)
    assert not box.isChecked() and row_text(wizard, "Hodan Abdi Warsame")[1] == HODAN_ROW

    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.RESULT, timeout=10_000)
    role, end, languages, notes = hodan_on(db, "Equity Advisory Committee")
    assert (role, end, languages, notes) == (Role.CHAIR, date(2027, 8, 31), "Somali, English", "Prefers text messages")
    assert hodan_on(db, "Achievement and Integration Plan Team")[3] == "Prefers text messages", "one person, shared"


def test_ticking_the_box_applies_the_role_and_term_changes(qtbot, db, services, tmp_path, monkeypatch):
    fill_demo(services, today=DEMO_DAY)
    wizard = wizard_at_preview(qtbot, Workspace(db, services), monkeypatch, chair_as_member(tmp_path / "eac.xlsx"),
                               "Equity Advisory Committee")  # fmt: skip
    wizard.preview_page.accept_box.click()
    settled(qtbot, wizard)
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=5000)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.RESULT, timeout=10_000)
    assert hodan_on(db, "Equity Advisory Committee")[:2] == (Role.MEMBER, date(2026, 6, 30))
    assert hodan_on(db, "Achievement and Integration Plan Team")[:2] == (Role.MEMBER, date(2027, 8, 31)), (
        "her other membership is not this import's"
    )


def test_the_box_is_asked_again_for_another_committee_and_organizations_are_counted(qtbot, db, services, tmp_path,
                                                                                    monkeypatch):  # fmt: skip
    fill_demo(services, today=DEMO_DAY)
    sheet = chair_as_member(tmp_path / "eac.xlsx")
    book = Workbook()
    book.active.append(["First Name", "Last Name", "Company", "Email"])
    book.active.append([None, None, "Hmong American Partnership", "info@hmong.example.org"])
    book.active.append([None, None, "Somali Parents Network", "contact@spn.example.org"])
    book.active.append(["Kou", "Vang", "Hmong American Partnership", "kou@example.org"])
    book.save(tmp_path / "crm.xlsx")
    workspace = Workspace(db, services)
    wizard = wizard_at_preview(qtbot, workspace, monkeypatch, sheet, "Equity Advisory Committee")
    page = wizard.preview_page
    page.accept_box.click()
    settled(qtbot, wizard)
    combo = page.committee_combo
    combo.lineEdit().clear()
    qtbot.keyClicks(combo.lineEdit(), "Achievement and Integration Plan Team")
    settled(qtbot, wizard)
    assert not wizard.state.accept_role_changes, "a yes given for the EAC is not carried over to another committee"
    assert page.accept_box.isVisible() and not page.accept_box.isChecked()
    assert row_text(wizard, "Hodan Abdi Warsame")[1].startswith(
        "Keeps the term end Aug 31, 2027 (the file says Jun 30, 2026); updates Notes"
    ), "a member there: her term waits"
    crm = wizard_at_preview(qtbot, workspace, monkeypatch, tmp_path / "crm.xlsx", "Equity Advisory Committee")
    assert crm.preview_page.notes.text() == "2 rows are organizations, not people, and were skipped."
    assert crm.preview_page.counts.text() == "1 new · 0 updated · 0 unchanged · 2 skipped · 0 with warnings"


def tallies(text: str) -> list[tuple[int, str]]:
    """(count, words) in the order a face shows them: "3 new · 1 duplicate merged" → [(3, "new"), (1, …)]."""
    return [(int(n), w) for n, w in re.findall(r"(\d+) ((?:new|updated|unchanged|duplicates? merged|skipped|with "
                                               r"warnings))", text)]  # fmt: skip


def test_one_import_reads_the_same_counts_and_words_on_every_face(qtbot, db_path, db, services, committee, tmp_path,
                                                                 monkeypatch):  # fmt: skip
    roster = messy_roster(tmp_path / "EAC roster 2025.xlsx")
    expected = [(3, "new"), (1, "updated"), (1, "unchanged"), (1, "duplicate merged"), (1, "skipped"),
                (1, "with warnings")]  # fmt: skip
    env = {**os.environ, "EQUITYDESK_DATA_DIR": str(tmp_path / "cli-data")}
    command = [sys.executable, "-m", "equitydesk", "--db", str(db_path), "import-roster", str(roster), "--committee",
               EAC, "--dry-run"]  # fmt: skip
    text = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=True).stdout
    report = json.loads(subprocess.run([*command, "--json"], capture_output=True, text=True, env=env, timeout=120,
                                       check=True).stdout)  # fmt: skip
    line = next(line for line in text.splitlines() if "rows read" in line)
    assert tallies(line) == expected, line
    assert tallies(report["summary"]) == expected
    assert list(report["counts"].values()) == [n for n, _w in expected]
    assert (report["created"], report["updated"], report["unchanged"], report["rejected"]) == (3, 1, 2, 1), (
        "the keys scripts read keep their values: unchanged counts the merged duplicate, as it always has"
    )

    workspace = Workspace(db, services)
    wizard = wizard_at_preview(qtbot, workspace, monkeypatch, roster, EAC)
    assert tallies(wizard.preview_page.counts.text()) == expected
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.RESULT, timeout=10_000)
    assert tallies(re.sub(r"<[^>]+>", "", wizard.result_page.details.text())) == expected

    dialog = UndoImportDialog(workspace)
    qtbot.addWidget(dialog)
    first = HEADINGS.index("New")
    shown = [(int(dialog.table.item(0, c).text()), HEADINGS[c].lower()) for c in range(first, first + len(expected))]
    singular = [(n, "duplicate merged" if w == "duplicates merged" and n == 1 else w) for n, w in shown]
    assert singular == expected, "the list of imports: the same numbers under the same words"
