"""The first pages of the import wizard (choose the file; check the sheet and heading row) and their helpers."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from equitydesk.formats.errors import ExportError
from equitydesk.formats.roster_columns import column_letter
from equitydesk.gui.display import AMBER, GREEN, RED, format_value
from equitydesk.gui.settings import app_settings

if TYPE_CHECKING:
    from equitydesk.formats.roster_columns import RosterSheet
    from equitydesk.formats.sheet_reader import SheetRows
    from equitydesk.gui.dialogs.import_wizard import ImportWizard

ROSTER_FILTER = "Rosters (*.xlsx *.xlsm *.csv);;Excel workbooks (*.xlsx *.xlsm);;CSV files (*.csv);;All files (*)"
FOLDER_KEY = "import/folder"
PREVIEW_ROWS = 15
MAX_PREVIEW_COLUMNS = 30
HEADING_BACKGROUND = QColor("#d6e6f8")
ABOVE_FOREGROUND = QColor("#8a8f98")


def cell_text(value: Any, limit: int = 60) -> str:
    """A raw cell as a person reads it: integral numbers without .0, dates spelled out, long text cut."""
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, datetime | date | bool):
        text = format_value(value)
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def message_label(text: str = "", *, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


def show_message(label: QLabel, text: str, colour: str | None = None) -> None:
    label.setText(text)
    label.setStyleSheet(f"color: {colour};" if colour else "")
    label.setVisible(bool(text))


def _folder() -> str:
    folder = app_settings().value(FOLDER_KEY, "")
    return str(folder) if folder and Path(str(folder)).is_dir() else str(Path.home())


class FilePage(QWizardPage):
    """Choose the spreadsheet (or it was dropped); a refusal is shown here as the reader's own sentence."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Choose the roster file")
        self.setSubTitle(
            "An Excel workbook (.xlsx, .xlsm) or a CSV file with one person per row. "
            "Nothing is saved until you press Import at the end."
        )
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("pathEdit")
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText("No file chosen yet")
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
        wizard.busy_changed.connect(lambda _busy: self._update())
        wizard.sheet_loaded.connect(self._update)
        wizard.read_failed.connect(self._failed)

    def show_path(self, path: Path) -> None:
        self.path_edit.setText(str(path))
        self.path_edit.setToolTip(str(path))

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, "Choose the roster file", _folder(), ROSTER_FILTER)
        if name:
            path = Path(name)
            app_settings().setValue(FOLDER_KEY, str(path.parent))
            self.show_path(path)
            self.wizard_.read_file(path)

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
        app_settings().setValue(FOLDER_KEY, str(target.parent))
        show_message(
            self.template_note, f"Saved {target.name} in {target.parent}. Fill it in, save it, then choose it above."
        )

    def _update(self) -> None:
        w = self.wizard_
        if w.reading:
            show_message(self.status, f"Reading {Path(self.path_edit.text()).name}…")
        elif w.sheet is not None and w.path is not None:
            names = w.sheet.sheet_names
            which = f" (one of {len(names)} sheets)" if len(names) > 1 else ""
            show_message(
                self.status,
                f"✓ Read {w.path.name}: sheet “{w.sheet.sheet}”{which}, headings on row {w.sheet.header_row}. "
                "Press Next to check them.",
                GREEN,
            )
        self.completeChanged.emit()

    def _failed(self, message: str) -> None:
        if self.wizard_.currentPage() is self:
            show_message(self.status, message, RED)
            self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.wizard_.sheet is not None and not self.wizard_.reading


class SheetPage(QWizardPage):
    """Which sheet, and which row holds the headings; the first rows as they are in the file, headings highlighted."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Sheet and heading row")
        self.setSubTitle(
            "Check the highlighted row: it should hold the column headings (such as First Name, E-mail). "
            "Rows above it, like titles, are not imported."
        )
        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName("sheetCombo")
        self.sheet_combo.activated.connect(lambda _i: self.wizard_.choose_sheet(self.sheet_combo.currentText()))
        self.header_spin = QSpinBox()
        self.header_spin.setObjectName("headerSpin")
        self.header_spin.setToolTip("The spreadsheet row number of the column headings")
        self.header_spin.valueChanged.connect(self.wizard_.set_header_row)
        self.note = message_label(name="sheetNote")
        self.table = QTableWidget()
        self.table.setObjectName("rawTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.cellClicked.connect(self._row_clicked)
        self.table.setToolTip("Click a row to use it as the heading row")

        self.sheet_combo.setMinimumContentsLength(24)
        self.sheet_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.header_spin.setMinimumWidth(80)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("&Sheet:", self.sheet_combo)
        form.addRow("&Headings are on row:", self.header_spin)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(QLabel("The first rows of the sheet (click a row to make it the heading row):"))
        layout.addWidget(self.table, 1)
        show_message(self.note, "")
        wizard.sheet_loaded.connect(self._fill)
        wizard.busy_changed.connect(lambda _busy: self._busy())
        wizard.read_failed.connect(self._failed)

    def initializePage(self) -> None:
        self._fill()

    def _busy(self) -> None:
        self.sheet_combo.setEnabled(not self.wizard_.reading and self.sheet_combo.count() > 1)
        self.completeChanged.emit()

    def _failed(self, message: str) -> None:
        if self.wizard_.currentPage() is self:
            show_message(self.note, message, RED)
            if self.wizard_.sheet is not None:  # another sheet was refused: show the one still in use
                self.sheet_combo.setCurrentText(self.wizard_.sheet.sheet)

    def _fill(self) -> None:
        sheet = self.wizard_.sheet
        if sheet is None:
            return
        rows = sheet.rows
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(sheet.sheet_names)
        self.sheet_combo.setCurrentText(sheet.sheet)
        self.sheet_combo.blockSignals(False)
        self.sheet_combo.setEnabled(len(sheet.sheet_names) > 1)
        self.sheet_combo.setToolTip("" if len(sheet.sheet_names) > 1 else "This file has only one sheet")
        last = rows.first_row + min(len(rows), 30) - 1
        self.header_spin.blockSignals(True)
        self.header_spin.setRange(rows.first_row, max(last, rows.first_row))
        self.header_spin.setValue(sheet.header_row)
        self.header_spin.blockSignals(False)
        if self.wizard_.sheet_note:
            show_message(self.note, self.wizard_.sheet_note, AMBER)
        else:
            show_message(self.note, "")
        self._fill_table(sheet, rows)
        self.completeChanged.emit()

    def _fill_table(self, sheet: RosterSheet, rows: SheetRows) -> None:
        heading = sheet.header_row - rows.first_row
        count = min(len(rows), max(PREVIEW_ROWS, heading + 6), 30)
        shown = list(rows.rows[:count])
        width = min(max((len(r) for r in shown), default=0), MAX_PREVIEW_COLUMNS)
        private = {i for i, m in enumerate(sheet.matches) if m.private}
        table = self.table
        table.clear()
        table.clearSpans()
        table.setRowCount(count)
        table.setColumnCount(width)
        table.setHorizontalHeaderLabels([column_letter(c) for c in range(width)])
        table.setVerticalHeaderLabels([str(rows.first_row + r) for r in range(count)])
        bold = QFont(table.font())
        bold.setBold(True)
        metrics = table.fontMetrics()
        widths = [60] * width
        for r, values in enumerate(shown):
            texts = [cell_text(values[c]) if c < len(values) else "" for c in range(width)]
            filled = [c for c, text in enumerate(texts) if text]
            if r < heading and len(filled) == 1:
                # A title above the headings (often a merged cell) reads whole across the row, and does not
                # widen its column.
                table.setSpan(r, filled[0], 1, width - filled[0])
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if r == heading:
                    item.setBackground(QBrush(HEADING_BACKGROUND))
                    item.setFont(bold)
                elif r < heading or c in private:
                    item.setForeground(QBrush(ABOVE_FOREGROUND))
                table.setItem(r, c, item)
                if r >= heading:
                    widths[c] = max(widths[c], metrics.horizontalAdvance(text) + (28 if r == heading else 16))
        for c, w in enumerate(widths):
            table.setColumnWidth(c, min(w, 220))
        table.scrollToTop()

    def _row_clicked(self, row: int, _column: int) -> None:
        if self.wizard_.sheet is not None:
            self.header_spin.setValue(self.wizard_.sheet.rows.first_row + row)

    def isComplete(self) -> bool:
        return self.wizard_.sheet is not None and not self.wizard_.reading
