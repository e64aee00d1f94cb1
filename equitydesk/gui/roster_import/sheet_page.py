"""The import wizard's sheet page: which sheet, and which row holds the headings, shown over the sheet's first rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from equitydesk.formats.roster_columns import column_letter
from equitydesk.gui.display import AMBER, RED
from equitydesk.gui.roster_import.labels import ABOVE_FOREGROUND, cell_text, message_label, show_message
from equitydesk.gui.roster_import.state import ImportState

if TYPE_CHECKING:
    from equitydesk.formats.roster_columns import RosterSheet
    from equitydesk.formats.sheet_reader import SheetRows

PREVIEW_ROWS = 15
MAX_PREVIEW_ROWS = 30
MAX_PREVIEW_COLUMNS = 30
HEADING_BACKGROUND = QColor("#d6e6f8")


class SheetPage(QWizardPage):
    """Which sheet, and which row holds the headings; the first rows as they are in the file, headings highlighted."""

    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self.setTitle("Sheet and heading row")
        self.setSubTitle(
            "Check the highlighted row: it should hold the column headings (such as First Name, E-mail). "
            "Rows above it, like titles, are not imported."
        )
        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName("sheetCombo")
        self.sheet_combo.activated.connect(lambda _i: self.state.choose_sheet(self.sheet_combo.currentText()))
        self.header_spin = QSpinBox()
        self.header_spin.setObjectName("headerSpin")
        self.header_spin.setToolTip("The spreadsheet row number of the column headings")
        self.header_spin.valueChanged.connect(self.state.set_header_row)
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
        state.sheet_loaded.connect(self._fill)
        state.busy_changed.connect(lambda _busy: self._busy())
        state.read_failed.connect(self._failed)

    def initializePage(self) -> None:
        self._fill()

    def _busy(self) -> None:
        self.sheet_combo.setEnabled(not self.state.reading and self.sheet_combo.count() > 1)
        self.completeChanged.emit()

    def _failed(self, message: str) -> None:
        if self.wizard() is not None and self.wizard().currentPage() is self:
            show_message(self.note, message, RED)
            if self.state.sheet is not None:  # another sheet was refused: show the one still in use
                self.sheet_combo.setCurrentText(self.state.sheet.sheet)

    def _fill(self) -> None:
        sheet = self.state.sheet
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
        last = rows.first_row + min(len(rows), MAX_PREVIEW_ROWS) - 1
        self.header_spin.blockSignals(True)
        self.header_spin.setRange(rows.first_row, max(last, rows.first_row))
        self.header_spin.setValue(sheet.header_row)
        self.header_spin.blockSignals(False)
        show_message(self.note, self.state.sheet_note, AMBER if self.state.sheet_note else None)
        self._fill_table(sheet, rows)
        self.completeChanged.emit()

    def _fill_table(self, sheet: RosterSheet, rows: SheetRows) -> None:
        heading = sheet.header_row - rows.first_row
        count = min(len(rows), max(PREVIEW_ROWS, heading + 6), MAX_PREVIEW_ROWS)
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
        if self.state.sheet is not None:
            self.header_spin.setValue(self.state.sheet.rows.first_row + row)

    def isComplete(self) -> bool:
        return self.state.sheet is not None and not self.state.reading
