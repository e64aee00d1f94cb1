"""The first page of the import wizard: choose the spreadsheet (or it was dropped), or save a blank template."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from equitydesk.formats.errors import ExportError
from equitydesk.gui.display import GREEN, RED
from equitydesk.gui.roster_import.labels import message_label, show_message
from equitydesk.gui.roster_import.state import ImportState
from equitydesk.gui.settings import IMPORT_FOLDER

ROSTER_FILTER = "Rosters (*.xlsx *.xlsm *.csv);;Excel workbooks (*.xlsx *.xlsm);;CSV files (*.csv);;All files (*)"


def _folder() -> str:
    folder = IMPORT_FOLDER.read()
    return str(folder) if folder and Path(str(folder)).is_dir() else str(Path.home())


class FilePage(QWizardPage):
    """Choose the spreadsheet (or it was dropped); a refusal is shown here as the reader's own sentence."""

    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self.setTitle("Choose the roster file")
        self.setSubTitle(
            "An Excel workbook (.xlsx, .xlsm) or a CSV file with one person per row. "
            "Nothing is saved until you press Import at the end."
        )
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("pathEdit")
        # Typed or pasted paths are read too: a path copied from a file manager or an e-mail is often at hand.
        self.path_edit.setPlaceholderText("Type or paste the file's path, or choose it")
        self.path_edit.setClearButtonEnabled(True)
        self.path_edit.editingFinished.connect(self.read_typed_path)
        self._asked = ""  # the path last read, so leaving the field unchanged does not read it again
        self.choose_button = QPushButton("&Choose file…")
        self.choose_button.setObjectName("chooseButton")
        self.choose_button.clicked.connect(self.choose_file)
        self.status = message_label(name="fileStatus")
        self.template_button = QPushButton("&Save a blank import template…")
        self.template_button.setObjectName("templateButton")
        self.template_button.clicked.connect(self.save_template)
        self.template_note = message_label(name="templateNote")

        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.choose_button)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_button)
        template_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Roster file:"))
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(line)
        layout.addWidget(
            message_label(
                "No roster file yet? Save a blank template, type or paste the people into it in Excel, save it, "
                "and choose it above. It has the headings EquityDesk knows and lists to choose roles and groups from."
            )
        )
        layout.addLayout(template_row)
        layout.addWidget(self.template_note)
        show_message(self.status, "")
        show_message(self.template_note, "")
        state.busy_changed.connect(lambda _busy: self._update())
        state.sheet_loaded.connect(self._update)
        state.read_failed.connect(self._failed)

    def show_path(self, path: Path) -> None:
        self._asked = str(path)
        self.path_edit.setText(str(path))
        self.path_edit.setToolTip(str(path))

    def read_typed_path(self) -> None:
        """Enter pressed in the field, or focus left it: read the path typed there, quotes and ~ allowed."""
        text = self.path_edit.text().strip().strip('"').strip("'").strip()
        if not text or text == self._asked:
            return
        path = Path(text).expanduser()
        self.show_path(path)
        self.state.read_file(path)

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, "Choose the roster file", _folder(), ROSTER_FILTER)
        if name:
            path = Path(name)
            IMPORT_FOLDER.write(str(path.parent))
            self.show_path(path)
            self.state.read_file(path)

    def save_template(self) -> None:
        from equitydesk.formats.import_template import write_import_template

        start = str(Path(_folder()) / "Roster import template.xlsx")
        name, _filter = QFileDialog.getSaveFileName(
            self, "Save a blank import template", start, "Excel workbook (*.xlsx)"
        )
        if not name:
            return
        target = Path(name) if Path(name).suffix.lower() == ".xlsx" else Path(name + ".xlsx")
        try:
            write_import_template(target)
        except ExportError as error:
            QMessageBox.warning(self, "Save a blank import template", str(error))
            return
        IMPORT_FOLDER.write(str(target.parent))
        show_message(
            self.template_note, f"Saved {target.name} in {target.parent}. Fill it in, save it, then choose it above."
        )

    def _update(self) -> None:
        s = self.state
        if s.reading:
            show_message(self.status, f"Reading {Path(self.path_edit.text()).name}…")
        elif s.sheet is not None and s.path is not None:
            names = s.sheet.sheet_names
            which = f" (one of {len(names)} sheets)" if len(names) > 1 else ""
            show_message(
                self.status,
                f"✓ Read {s.path.name}: sheet “{s.sheet.sheet}”{which}, headings on row {s.sheet.header_row}. "
                "Press Next to check them.",
                GREEN,
            )
        self.completeChanged.emit()

    def _failed(self, message: str) -> None:
        if self.wizard() is not None and self.wizard().currentPage() is self:
            show_message(self.status, message, RED)
            self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.state.sheet is not None and not self.state.reading
