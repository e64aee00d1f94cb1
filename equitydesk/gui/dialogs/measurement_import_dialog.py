"""Roadmap › Import measurements…: a sheet of indicator values read, previewed row by row for a plan, then imported
as one batch that Edit › Undo takes back whole."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from equitydesk.gui.dialogs.sheet_reading import read_for_preview
from equitydesk.gui.display import AMBER, RED, format_value, plural
from equitydesk.gui.jobs import user_message
from equitydesk.gui.widgets.side_table import side_table
from equitydesk.gui.workspace import Change

if TYPE_CHECKING:
    from equitydesk.formats.measurement_sheet import ParsedMeasurements
    from equitydesk.gui.workspace import Workspace
    from equitydesk.services.measurement_import import (
        MeasurementImportPlan,
        MeasurementImportResult,
        MeasurementRowPlan,
    )
    from equitydesk.services.registry import Services

HEADINGS = ("Row", "Indicator", "Date", "Student group", "Value", "What happens")
TONES = {"error": RED, "warning": AMBER, "merged": AMBER}


def what_happens(row: MeasurementRowPlan) -> str:
    """The last column in words: "New", "Update: 44 → 47", "Skipped: …"."""
    status = row.status.value
    if status == "error":
        return f"Skipped: {row.errors[0].message}" if row.errors else "Skipped"
    if status == "merged":
        return f"Not imported: row {row.merged_into} has the same indicator, date and group"
    words = {"new": "New", "update": "Update", "unchanged": "No change: already there"}.get(row.action.value, "")
    if row.action.value == "update":
        words += ": " + "; ".join(f"{k} {format_value(b) or '(empty)'} → {format_value(a)}"
                                  for k, (b, a) in row.changes.items())  # fmt: skip
    if row.warnings:
        words += " (see the note below)" if len(row.warnings) == 1 else " (see the notes below)"
    return words


class MeasurementImportDialog(QDialog):
    imported = Signal(object)  # MeasurementImportResult

    def __init__(
        self, workspace: Workspace, path: Path, *, plan_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MeasurementImportDialog")
        self.setWindowTitle(f"Import measurements from {path.name}")
        self.workspace, self.path = workspace, path
        self.parsed: ParsedMeasurements | None = None
        self.plan: MeasurementImportPlan | None = None
        self.plans = QComboBox()
        self.plans.setObjectName("planCombo")
        plans = workspace.services.plans
        for pid in plans.list_ids():
            self.plans.addItem(plans.get(pid).name, pid)
        if plan_id is not None and self.plans.findData(plan_id) >= 0:
            self.plans.setCurrentIndex(self.plans.findData(plan_id))
        self.plans.currentIndexChanged.connect(lambda _i: self.preview())
        intro = QLabel(
            "Each row gives an indicator (its code or its name), a date and a value; for a gap indicator, the student "
            "group says which of its two groups was measured. A value with a % sign is in percent points (62% is 62). "
            "Nothing is saved until you press Import, and Edit › Undo takes the whole import back."
        )
        intro.setWordWrap(True)
        self.summary = QLabel("Reading the file…")
        self.summary.setObjectName("summaryLabel")
        self.summary.setWordWrap(True)
        self.table = side_table(HEADINGS, (45, 250, 95, 130, 60, 300))
        self.table.setObjectName("previewTable")
        self.problems = QPlainTextEdit()
        self.problems.setObjectName("problemsText")
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(120)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Into &plan", self.plans)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel("Problems and notes:"))
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.resize(1100, 640)

    def read(self) -> None:
        """Read the file off the window's thread; the preview follows."""
        path = self.path

        def shown(parsed: ParsedMeasurements) -> None:
            self.parsed = parsed
            self.preview()

        def read(s: Services) -> ParsedMeasurements:
            return s.measurement_import.map(s.measurement_import.open(path))

        read_for_preview(self, self.workspace, "Reading the measurements…", read, shown, self.summary)

    def preview(self) -> None:
        if self.parsed is None:
            return
        plan_id = self.plans.currentData()
        if plan_id is None:
            self.summary.setText("There is no plan yet: start one on the Roadmap page, then import its measurements.")
            self.import_button.setEnabled(False)
            return
        parsed = self.parsed
        plan = self.plan = self.workspace.services.measurement_import.plan(parsed, plan_id=plan_id)
        typed = {r.row_number: r.raw for r in parsed.rows}
        self.table.setRowCount(len(plan.rows))
        for n, row in enumerate(plan.rows):
            raw = typed.get(row.row, {})
            cells = (str(row.row), row.indicator or raw.get("code") or raw.get("indicator", ""),
                     format_value(row.measured_on) or raw.get("measured_on", ""),
                     row.group or raw.get("group", ""), raw.get("value", ""), what_happens(row))  # fmt: skip
            tone = TONES.get(row.status.value)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if tone and column == len(cells) - 1:
                    item.setForeground(QBrush(QColor(tone)))
                self.table.setItem(n, column, item)
        where = "" if parsed.file_name.casefold().endswith(".csv") else f"sheet “{parsed.sheet}”, "
        self.summary.setText(
            f"{plural(len(parsed.rows), 'row')} read ({where}headings on row {parsed.header_row}): "
            f"{plan.summary().line(', ')}."
        )
        found = [p for p in parsed.problems if p.is_error] + plan.errors
        notes = [p for p in parsed.problems if not p.is_error] + plan.warnings
        self.problems.setPlainText("\n".join(plan.place(p) for p in found + notes) or "None: every row can be read.")
        writes = plan.created + plan.updated
        self.import_button.setText(f"Import {plural(writes, 'measurement')}" if writes else "Import")
        self.import_button.setEnabled(writes > 0)

    def accept(self) -> None:
        if self.parsed is None or self.plan is None or not self.import_button.isEnabled():
            return
        parsed, plan_id, name = self.parsed, self.plans.currentData(), self.path.name

        def done(result: MeasurementImportResult) -> None:
            self.imported.emit(result)
            super(MeasurementImportDialog, self).accept()

        def failed(error: BaseException) -> None:
            self.summary.setText(user_message(error))
            self.import_button.setEnabled(True)

        self.import_button.setEnabled(False)
        # One step of Edit › Undo: undoing takes the whole batch back; redoing imports the rows again.
        self.workspace.undoable(
            self, f"Import measurements from {name}",
            do=lambda s: s.measurement_import.commit(parsed, plan_id=plan_id, file_name=name),
            undo=lambda s, result: s.measurement_import.undo(result.batch_id),
            changes=[Change.PLANS], title="Importing the measurements",
        ).success(done).failure(failed).run()  # fmt: skip


def open_measurement_import(
    workspace: Workspace, parent: QWidget, *, plan_id: int | None, path: Path | str | None = None
) -> MeasurementImportDialog | None:
    """Ask for the file (unless given), then open the dialog over `parent` and start reading it."""
    if path is None:
        chosen, _filter = QFileDialog.getOpenFileName(
            parent, "Import measurements", str(Path.home()), "Spreadsheets (*.xlsx *.xlsm *.csv)"
        )
        if not chosen:
            return None
        path = chosen
    dialog = MeasurementImportDialog(workspace, Path(path), plan_id=plan_id, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    dialog.read()
    return dialog
