"""The import wizard's columns page: each spreadsheet column, sample values, and the field it goes to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from equitydesk.formats.roster_columns import column_letter
from equitydesk.formats.roster_headers import FIELD_LABELS
from equitydesk.gui.display import AMBER, RED, plural
from equitydesk.gui.roster_import.labels import ABOVE_FOREGROUND, cell_text, message_label, show_message
from equitydesk.gui.roster_import.state import ImportState

if TYPE_CHECKING:
    from equitydesk.formats.roster_columns import RosterSheet

SAMPLES = 3
DONT_IMPORT = "Don't import"
PRIVATE = "Never imported (private)"


class ColumnsPage(QWizardPage):
    """One row per spreadsheet column: its heading, sample values, and the field it goes to (or not at all)."""

    LETTER, HEADING, SAMPLES, FIELD, NOTE = range(5)

    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self.setTitle("Columns")
        self.setSubTitle(
            "Check what each column holds. Where EquityDesk guessed wrong, change “Import as”; "
            "choose “Don't import” to leave a column out."
        )
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("columnsTable")
        self.table.setHorizontalHeaderLabels(["Column", "Heading in the file", "Examples", "Import as", "Note"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 16)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the combos take the focus; no dotted current cell
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(self.NOTE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((self.LETTER, 64), (self.HEADING, 190), (self.SAMPLES, 260), (self.FIELD, 200)):
            self.table.setColumnWidth(column, width)
        self.summary = message_label(name="columnsSummary")
        self.problem = message_label(name="columnsProblem")
        self.combos: dict[int, QComboBox] = {}
        self._guessed: set[int] = set()
        self._private: set[int] = set()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.summary)
        show_message(self.problem, "")
        state.sheet_loaded.connect(self._fill)
        state.preview_ready.connect(self._show_summary)
        state.busy_changed.connect(lambda _busy: self.completeChanged.emit())

    def initializePage(self) -> None:
        if not self.combos:
            self._fill()
        self._show_summary()

    def _fill(self) -> None:
        sheet = self.state.sheet
        self.combos = {}
        self.table.setRowCount(0)
        if sheet is None:
            return
        columns, _problems = sheet.columns(self.state.mapping)
        samples = _samples(sheet, len(columns))
        self.table.setRowCount(len(columns))
        for row, column in enumerate(columns):
            self.table.setItem(row, self.LETTER, QTableWidgetItem(column.letter))
            heading = QTableWidgetItem(column.header or "(no heading)")
            if not column.header:
                heading.setForeground(QBrush(ABOVE_FOREGROUND))
            self.table.setItem(row, self.HEADING, heading)
            if column.private:  # private data is not put on screen, not even as an example
                examples = QTableWidgetItem("(not shown)")
                examples.setForeground(QBrush(ABOVE_FOREGROUND))
            else:
                examples = QTableWidgetItem(" · ".join(samples[column.index]) or "(empty)")
                examples.setToolTip("\n".join(samples[column.index]))
            self.table.setItem(row, self.SAMPLES, examples)
            combo = QComboBox()
            combo.setObjectName(f"fieldCombo{column.letter}")
            if column.private:
                combo.addItem(PRIVATE, "")
                combo.setEnabled(False)
                combo.setToolTip(
                    "This column holds private information (such as ID numbers or birth dates) that "
                    "EquityDesk never keeps, so it cannot be imported."
                )
            else:
                combo.addItem(DONT_IMPORT, "")
                for key, label in FIELD_LABELS.items():
                    combo.addItem(label, key)
                combo.setCurrentIndex(max(combo.findData(column.field or ""), 0))
                combo.currentIndexChanged.connect(lambda _i, c=column.index: self._chosen(c))
            self.combos[column.index] = combo
            self.table.setCellWidget(row, self.FIELD, combo)
            self.table.setItem(row, self.NOTE, QTableWidgetItem())
        self._guessed = {c.index for c in columns if c.guessed}
        self._private = {c.index for c in columns if c.private}
        self._show_notes()

    def _chosen(self, index: int) -> None:
        self._guessed.discard(index)  # the user chose it: no longer a guess to check
        self.state.set_mapping(index, self.combos[index].currentData() or None)
        self._show_notes()

    def _show_notes(self) -> None:
        duplicates = self.state.duplicates()
        clash = {i: f for f, columns in duplicates.items() for i in columns}
        for row, index in enumerate(self.combos):
            item = self.table.item(row, self.NOTE)
            if index in self._private:
                text, colour = "Private: never imported", ABOVE_FOREGROUND
            elif index in clash:
                others = [column_letter(i) for i in duplicates[clash[index]] if i != index]
                text, colour = f"Also chosen for column {', '.join(others)}: choose one", QColor(RED)
            elif index in self._guessed:
                text, colour = "Guessed from the heading: please check", QColor(AMBER)
            else:
                text, colour = "", ABOVE_FOREGROUND
            item.setText(text)
            item.setForeground(QBrush(colour))
        if duplicates:
            show_message(self.summary, "")  # the counts wait until each field has one column
            fields = ", ".join(
                f"{FIELD_LABELS[f]} (columns {', '.join(column_letter(i) for i in c)})" for f, c in duplicates.items()
            )
            show_message(
                self.problem,
                f"More than one column is set to {fields}. Set all but one of them to “Don't import”.",
                RED,
            )
        self.completeChanged.emit()

    def _show_summary(self) -> None:
        w = self.state
        if w.duplicates():
            show_message(self.summary, "")
            return
        parsed = w.parsed
        if parsed is None:
            show_message(self.summary, "Reading the rows…")
            return
        errors = [p.message for p in parsed.problems if p.is_error]
        if errors:
            show_message(self.problem, "Cannot import yet: " + "; ".join(e.rstrip(".") for e in errors) + ".", RED)
        else:
            show_message(self.problem, "")
        troubled = sum(1 for r in parsed.rows if r.problems)
        text = f"{plural(len(parsed.rows), 'row')} to import"
        if troubled:
            text += f"; {plural(troubled, 'row')} with something to check (listed on the preview page)"
        show_message(self.summary, text + ".")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        w = self.state
        parsed = w.parsed
        if w.busy or parsed is None or w.duplicates():
            return False
        return not w.names_missing


def _samples(sheet: RosterSheet, width: int) -> list[list[str]]:
    """Up to SAMPLES different non-empty values from each column, from the rows under the headings."""
    rows = sheet.rows
    data = rows.rows[sheet.header_row - rows.first_row + 1 :]
    found: list[list[str]] = [[] for _ in range(width)]
    for values in data[:200]:
        for index, value in enumerate(values[:width]):
            if value == "" or value is None or len(found[index]) >= SAMPLES:
                continue
            text = cell_text(value, 30)
            if text and text not in found[index]:
                found[index].append(text)
    return found
