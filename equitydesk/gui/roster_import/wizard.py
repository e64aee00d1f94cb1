"""The roster import wizard: its pages over one ImportState, and the entry point the window's command calls."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from equitydesk.gui.roster_import.columns_page import ColumnsPage
from equitydesk.gui.roster_import.file_page import FilePage
from equitydesk.gui.roster_import.preview_page import PreviewPage
from equitydesk.gui.roster_import.result_page import ResultPage
from equitydesk.gui.roster_import.sheet_page import SheetPage
from equitydesk.gui.roster_import.state import ImportState, JobKind
from equitydesk.services.errors import NotFound

if TYPE_CHECKING:
    from equitydesk.gui.workspace import Workspace


class PageId(IntEnum):
    FILE = 0
    SHEET = 1
    COLUMNS = 2
    PREVIEW = 3
    RESULT = 4


FAILURE_TITLES = {
    JobKind.PREVIEW: "Import preview",
    JobKind.COMMIT: "Import not saved",
    JobKind.UNDO: "Undo this import",
}


class ImportWizard(QWizard):
    """File → sheet and heading row → columns → committee and preview → result. Nothing is written before Import."""

    written = Signal()  # an import or an undo wrote to the database (the workspace has been told already)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *, committee: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("ImportWizard")
        self.setWindowTitle("Import a roster")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)  # the same look on every platform, and in screenshots
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)  # once written, Finish is the way out
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Import")
        self.resize(1000, 680)
        self.workspace = workspace
        self.state = ImportState(workspace, self, committee=committee)
        self._advance = False  # a dropped file: go on to the sheet page once it has been read
        self.file_page, self.sheet_page = FilePage(self.state), SheetPage(self.state)
        self.columns_page, self.preview_page = ColumnsPage(self.state), PreviewPage(self.state)
        self.result_page = ResultPage(self.state)
        pages = (self.file_page, self.sheet_page, self.columns_page, self.preview_page, self.result_page)
        for number, page in zip(PageId, pages, strict=True):
            self.setPage(number, page)
        # Connected after the pages, so that they have shown the news before the wizard moves on.
        self.state.sheet_loaded.connect(self._sheet_loaded)
        self.state.read_failed.connect(self._read_failed)
        self.state.committed.connect(self._committed)
        self.state.job_failed.connect(self._job_failed)
        self.state.written.connect(self.written)

    def open_file(self, path: Path) -> None:
        """Read a file chosen outside the wizard (dropped on the roster) and go on to its sheet when it is read."""
        self.file_page.show_path(path)
        self._advance = True
        self.state.read_file(path)

    def _sheet_loaded(self) -> None:
        if self._advance and self.currentId() == PageId.FILE:
            self.next()
        self._advance = False

    def _read_failed(self, _message: str) -> None:
        self._advance = False

    def _committed(self, late_cancel: bool) -> None:
        self.next()
        if late_cancel:
            QMessageBox.information(
                self,
                "Import finished",
                "The import had already been saved when you pressed Cancel. To take it back, press “Undo this import”.",
            )

    def _job_failed(self, kind: JobKind, message: str) -> None:
        QMessageBox.warning(self, FAILURE_TITLES.get(kind, "Import"), message)

    def done(self, result: int) -> None:
        """Cancel, Finish, Escape and the close box all end here; a write in progress finishes first."""
        if self.state.writing:
            return
        self.state.stop_jobs()
        super().done(result)


def open_import_wizard(workspace: Workspace | None, parent: QWidget, path: Path | None = None) -> ImportWizard | None:
    """Open the wizard over `parent` (with a dropped file already being read); None without a database.

    It starts with the committee the roster shows, and announces what it writes through the workspace.
    """
    if workspace is None:
        QMessageBox.information(parent, "Import roster", "Open a database first (File › Open…).")
        return None
    wizard = ImportWizard(workspace, parent, committee=_committee_name(workspace))
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.open()  # window-modal and non-blocking, like the other dialogs
    if path is not None:
        wizard.open_file(path)
    return wizard


def _committee_name(workspace: Workspace) -> str:
    committee_id = workspace.chosen_committee()
    if committee_id is None:
        return ""
    try:
        return workspace.services.committees.get(committee_id).name
    except NotFound:  # deleted since it was chosen
        return ""
