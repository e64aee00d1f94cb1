"""Take docs/screenshot-import-role-change.png: the wizard's preview of a re-import that would demote the demo's chair.

Run from the repository root: QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshot_import_role_change.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from openpyxl import Workbook
from PySide6.QtWidgets import QApplication

from equitydesk.db.engine import open_database
from equitydesk.gui.roster_import.wizard import ImportWizard, PageId
from equitydesk.gui.workspace import Workspace
from equitydesk.services.demo import fill_demo
from equitydesk.services.registry import services_for

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "screenshot-import-role-change.png"
COMMITTEE = "Equity Advisory Committee"


def roster(path: Path) -> Path:
    """The office's re-sent EAC sheet: the chair as a Member with a shorter term, one new member, one unchanged."""
    book = Workbook()
    ws = book.active
    ws.append(["First Name", "Last", "E-mail Address", "Home Language", "Role on Committee", "Term End",
               "Notes (office use)"])  # fmt: skip
    ws.append(["Hodan", "Abdi Warsame", "hodan.warsame@example.org", "Somali", "Member", date(2026, 6, 30),
               "Prefers text messages"])  # fmt: skip
    ws.append(["Migizi", "Kingbird", "migizi.kingbird@example.org", "English, Ojibwe", "Co-chair", None, None])
    ws.append(["Ka", "Yang", "ka.yang@example.org", "Hmong", "Member", date(2027, 6, 30), None])
    book.save(path)
    return path


def wait(app: QApplication, done) -> None:
    for _ in range(2000):
        app.processEvents()
        if done():
            return
        QApplication.instance().thread().msleep(5)
    raise SystemExit("the wizard did not get there")


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["EQUITYDESK_DATA_DIR"] = folder
        database = open_database(Path(folder) / "demo.sqlite")
        services = services_for(database)
        fill_demo(services, today=date(2025, 10, 1))
        wizard = ImportWizard(Workspace(database, services), committee=COMMITTEE)
        wizard.show()
        wizard.state.read_file(roster(Path(folder) / "EAC roster, re-sent.xlsx"))
        wait(app, lambda: wizard.state.sheet is not None and not wizard.state.busy)
        for _page in (PageId.SHEET, PageId.COLUMNS, PageId.PREVIEW):
            wait(app, lambda: wizard.currentPage().isComplete())
            wizard.next()
        wait(app, lambda: wizard.state.plan is not None and not wizard.state.busy)
        app.processEvents()
        TARGET.parent.mkdir(exist_ok=True)
        wizard.grab().save(str(TARGET))
        wizard.state.stop_jobs()
        wizard.close()
        database.dispose()
    print(f"Wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
