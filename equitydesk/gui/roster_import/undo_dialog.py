"""Undo an import…: the recent roster imports, and undoing one of them as a whole after a confirmation."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from equitydesk.gui.display import GREEN, format_value, plural
from equitydesk.gui.jobs import Job, user_message
from equitydesk.gui.workspace import Change
from equitydesk.services.imports.summary import KEYS, ImportSummary

if TYPE_CHECKING:
    from equitydesk.gui.workspace import Workspace
    from equitydesk.services.measurement_import import MeasurementUndoResult
    from equitydesk.services.roster_import import BatchRecord, UndoResult

# The counts under the summary's own headings, in its order: the words the preview and the command line use.
COUNTS = tuple(ImportSummary.headings()[key] for key in (*KEYS, "with_warnings"))
HEADINGS = ("Import", "File", "Committee", "Imported", *COUNTS, "Undone")
FIRST_COUNT = 4
GREY = QColor("#6b7078")


class UndoImportDialog(QDialog):
    """Lists the latest imports, newest first; Undo takes the selected one back in one transaction."""

    written = Signal()  # an import was undone (the workspace has been told already)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UndoImportDialog")
        self.setWindowTitle("Undo an import")
        self.resize(1040, 420)
        self.workspace = workspace
        self.job: Job | None = None
        self.batches: list[BatchRecord] = []
        intro = QLabel(
            "Undoing an import removes the people and committee memberships it added and puts back the details it "
            "changed. People who have since been given other committees, attendance or action items are kept. "
            "Undoing an import of measurements removes the measurements it added and puts back the values it changed."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADINGS))
        self.table.setObjectName("batchTable")
        self.table.setHorizontalHeaderLabels(list(HEADINGS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.note = QLabel()
        self.note.setObjectName("undoNote")
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.undo_button = QPushButton("&Undo this import…")
        self.undo_button.setObjectName("undoButton")
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_selected)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.batches = self.workspace.services.roster_import.batches()
        self.table.setRowCount(len(self.batches))
        for row, batch in enumerate(self.batches):
            undone = format_value(_local(batch.undone_at).date()) if batch.undone_at else ""
            values = (
                str(batch.id),
                batch.file_name,
                batch.committee_name or "",
                format_value(_local(batch.imported_at)),
                *(f"{t.count:,}" for t in (*batch.summary.tallies, batch.summary.warnings)),
                undone,
            )
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if column == 0 or FIRST_COUNT <= column < FIRST_COUNT + len(COUNTS):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if batch.undone:
                    item.setForeground(QBrush(GREY))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        if not self.batches:
            self.note.setText("No roster has been imported into this database yet.")
        self._selection_changed()

    def selected(self) -> BatchRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.batches[rows[0].row()] if rows else None

    def select_batch(self, batch_id: int) -> None:
        for row, batch in enumerate(self.batches):
            if batch.id == batch_id:
                self.table.selectRow(row)

    def _selection_changed(self) -> None:
        batch = self.selected()
        running = self.job is not None and self.job.running
        self.undo_button.setEnabled(batch is not None and not batch.undone and not running)

    def undo_selected(self) -> None:
        batch = self.selected()
        if batch is None or batch.undone:
            return
        if self.workspace.services.measurement_import.is_measurement_batch(batch.id):
            self._undo_measurements(batch)
            return
        answer = QMessageBox.question(
            self,
            "Undo this import",
            f"Undo import number {batch.id} ({batch.file_name})? The {plural(batch.created, 'person', 'people')} it "
            f"added leave the roster and the {plural(batch.updated, 'person', 'people')} it changed get their "
            "earlier details back.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        batch_id = batch.id
        self.job = (
            self.workspace.op(
                self,
                lambda services: services.roster_import.undo(batch_id),
                changes=(Change.PEOPLE, Change.MEMBERSHIPS),
                committee_ids=[batch.committee_id],
                title="Undoing the import",
            )
            .success(lambda result: self._undone(batch_id, result))
            .failure(self._failed)
            .run()
        )
        self._selection_changed()

    def _undone(self, batch_id: int, result: UndoResult) -> None:
        self.job = None
        self.workspace.history.clear("an import was undone, which changed the database under it")
        self.reload()
        self.select_batch(batch_id)
        text = (
            f"Import {batch_id} undone: {plural(result.people_removed, 'person', 'people')} and "
            f"{plural(result.memberships_removed, 'committee membership')} removed, "
            f"{plural(result.people_restored, 'person', 'people')}'s details restored."
        )
        if result.people_kept:
            text += f" {plural(result.people_kept, 'person', 'people')} kept: they are used elsewhere."
        self.note.setText(text)
        self.note.setStyleSheet(f"color: {GREEN};")
        self.written.emit()

    def _undo_measurements(self, batch: BatchRecord) -> None:
        """A measurement import is undone by its own service, and said in measurements, not people."""
        answer = QMessageBox.question(
            self,
            "Undo this import",
            f"Undo import number {batch.id} ({batch.file_name})? The {plural(batch.created, 'measurement')} it added "
            f"are removed and the {plural(batch.updated, 'measurement')} it changed get their earlier values back; "
            "the plan's statuses follow.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        batch_id = batch.id
        self.job = (
            self.workspace.op(self, lambda services: services.measurement_import.undo(batch_id),
                              changes=(Change.PLANS,), title="Undoing the import")
            .success(self._measurements_undone)
            .failure(self._failed)
            .run()
        )  # fmt: skip
        self._selection_changed()

    def _measurements_undone(self, result: MeasurementUndoResult) -> None:
        self.job = None
        self.workspace.history.clear("an import was undone, which changed the database under it")
        self.reload()
        self.select_batch(result.batch_id)
        self.note.setText(
            f"Import {result.batch_id} undone: {plural(result.removed, 'measurement')} removed, the earlier values of "
            f"{plural(result.restored, 'measurement')} put back."
        )
        self.note.setStyleSheet(f"color: {GREEN};")
        self.written.emit()

    def _failed(self, error: BaseException) -> None:
        self.job = None
        QMessageBox.warning(self, "Undo this import", user_message(error))
        self.reload()

    def reject(self) -> None:
        if self.job is not None and self.job.running:
            return  # the undo finishes first: it is one transaction, quick, and cannot be stopped halfway
        super().reject()


def _local(stored: datetime) -> datetime:
    """A stored time (naive UTC, see db.base.utcnow) as this computer's clock shows it."""
    return stored.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def open_undo_import(workspace: Workspace | None, parent: QWidget) -> UndoImportDialog | None:
    """Open the Undo an import dialog over `parent`; None without a database. Undoing is announced through the
    workspace, like every other write."""
    if workspace is None:
        QMessageBox.information(parent, "Undo an import", "Open a database first (File › Open…).")
        return None
    dialog = UndoImportDialog(workspace, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
