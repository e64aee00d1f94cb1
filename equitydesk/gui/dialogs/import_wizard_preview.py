"""The last pages of the import wizard: the committee and a preview of every row, then what was written."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from equitydesk.gui.dialogs.import_pages import message_label, show_message
from equitydesk.gui.display import AMBER, GREEN, RED, plural
from equitydesk.gui.models.import_preview_model import (
    STATUSES,
    ImportPreviewModel,
    counts_text,
    messages,
    row_status,
)

if TYPE_CHECKING:
    from equitydesk.gui.dialogs.import_wizard import ImportWizard

MAX_LISTED = 500  # the result page lists rows to fix; a pathological file should not fill memory with text


def _larger_bold(label: QLabel, scale: float = 1.15) -> None:
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)


class PreviewPage(QWizardPage):
    """Which committee, then every row with what will happen to it; Import (the commit button) writes it all."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self._names: dict[str, str] = {}
        self._archived: set[str] = set()
        self.setTitle("Committee and preview")
        self.setSubTitle("Nothing has been saved yet. Check what will happen to each row, then press Import.")
        self.setCommitPage(True)
        self.committee_combo = QComboBox()
        self.committee_combo.setObjectName("committeeCombo")
        self.committee_combo.setEditable(True)
        self.committee_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.committee_combo.lineEdit().setPlaceholderText("Choose a committee, or type the name of a new one")
        self.committee_combo.setMinimumContentsLength(36)
        self.committee_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.committee_note = message_label(name="committeeNote")
        self.counts = message_label(name="countsLabel")
        _larger_bold(self.counts)
        self.filter_combo = QComboBox()
        self.filter_combo.setObjectName("statusFilter")
        self.filter_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.filter_combo.currentIndexChanged.connect(
            lambda _i: self.model.set_status_filter(self.filter_combo.currentData() or None)
        )
        self.model = ImportPreviewModel(self)
        self.table = QTableView()
        self.table.setObjectName("previewTable")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Fixed heights: sizing rows to contents would read every row of a large roster.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in enumerate((56, 200, 96)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self.show_details)
        self.ignored = message_label(name="ignoredLabel")

        committee_row = QHBoxLayout()
        committee_row.addWidget(QLabel("Add these people to the &committee:"))
        committee_row.itemAt(0).widget().setBuddy(self.committee_combo)
        committee_row.addWidget(self.committee_combo)
        committee_row.addStretch(1)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.counts, 1)
        filter_row.addWidget(QLabel("Show:"))
        filter_row.addWidget(self.filter_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(committee_row)
        layout.addWidget(self.committee_note)
        layout.addSpacing(6)
        layout.addLayout(filter_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(message_label("Point at a row, or double-click it, to see everything about it."))
        layout.addWidget(self.ignored)
        wizard.preview_ready.connect(self._show_plan)
        wizard.busy_changed.connect(lambda _busy: self._busy())
        self.committee_combo.editTextChanged.connect(self._committee_typed)

    def initializePage(self) -> None:
        w = self.wizard_
        committees = w.services.committees.all()
        self._names = {c.name.casefold(): c.name for c in committees if not c.archived}
        # The import matches any committee by name, archived ones too, so the note must know them.
        self._archived = {c.name.casefold() for c in committees if c.archived}
        self.committee_combo.blockSignals(True)
        self.committee_combo.clear()
        self.committee_combo.addItems(sorted(self._names.values(), key=str.casefold))
        self.committee_combo.setEditText(w.committee)
        self.committee_combo.blockSignals(False)
        self._committee_typed(w.committee)
        self._show_plan()

    def _committee_typed(self, text: str) -> None:
        name = text.strip()
        if not name:
            show_message(self.committee_note, "Choose the committee these people belong to, or type a new name.", RED)
        elif name.casefold() in self._names:
            show_message(self.committee_note, "People already on this committee are updated, not added twice.")
        elif name.casefold() in self._archived:
            show_message(self.committee_note, f"“{name}” is an archived committee: people will be added to it.", AMBER)
        else:
            show_message(self.committee_note, f"New committee: “{name}” will be created when you press Import.", GREEN)
        self.wizard_.set_committee(text)

    def _busy(self) -> None:
        if self.wizard_.plan is None and self.wizard_.busy:
            show_message(self.counts, "Working out what will happen…")
        self.completeChanged.emit()

    def _show_plan(self) -> None:
        w = self.wizard_
        plan = w.plan
        self.model.set_rows(plan.rows if plan is not None else [])
        if plan is None:
            show_message(
                self.counts,
                "Type the committee's name to see the preview."
                if not w.committee.strip()
                else "Working out what will happen…",
            )
        else:
            show_message(self.counts, counts_text(plan))
        counts = self.model.counts()
        keep = self.filter_combo.currentData()
        self.filter_combo.blockSignals(True)
        self.filter_combo.clear()
        self.filter_combo.addItem(f"All rows ({sum(counts.values()):,})", "")
        for key, _word, label, _colour in STATUSES:
            if counts[key]:
                self.filter_combo.addItem(f"{label} ({counts[key]:,})", key)
        self.filter_combo.setCurrentIndex(max(self.filter_combo.findData(keep or ""), 0))
        self.filter_combo.blockSignals(False)
        self.model.set_status_filter(self.filter_combo.currentData() or None)
        parsed = w.parsed
        ignored = list(parsed.ignored_columns) if parsed is not None else []
        show_message(self.ignored, "Columns not imported: " + ", ".join(ignored) if ignored else "")
        self.completeChanged.emit()

    def show_details(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        row = self.model.row_plan(index.row())
        title = f"Row {row.row}" + (f": {row.name}" if row.name else "")
        QMessageBox.information(self, title, "\n\n".join(messages(row)))

    def isComplete(self) -> bool:
        w = self.wizard_
        plan = w.plan
        return (
            plan is not None
            and not w.busy
            and bool(w.committee.strip())
            and any(r.action != "error" for r in plan.rows)
        )

    def validatePage(self) -> bool:
        """Import was pressed: start writing and stay; the wizard moves on by itself when the write is done."""
        if self.wizard_.result is not None:
            return True
        self.wizard_.start_commit()
        return False


class ResultPage(QWizardPage):
    """What was written, the import number, the rows to fix, and Undo this import."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Import finished")
        self.setSubTitle("What was written to the roster. Press Finish to close the wizard.")
        self.setFinalPage(True)
        self.headline = message_label(name="resultHeadline")
        _larger_bold(self.headline)
        self.details = message_label(name="resultDetails")
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.fix_label = QLabel("Rows that were skipped or need a look, to fix in the spreadsheet:")
        self.fix_list = QPlainTextEdit()
        self.fix_list.setObjectName("fixList")
        self.fix_list.setReadOnly(True)
        self.undo_button = QPushButton("&Undo this import")
        self.undo_button.setObjectName("undoButton")
        self.undo_button.clicked.connect(self.undo)
        self.undo_note = message_label(name="undoNote")
        undo_row = QHBoxLayout()
        undo_row.addWidget(self.undo_button)
        undo_row.addWidget(self.undo_note, 1)
        undo_row.addStretch(0)
        self.undo_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.details)
        layout.addWidget(self.fix_label)
        layout.addWidget(self.fix_list, 1)
        layout.addLayout(undo_row)
        wizard.busy_changed.connect(lambda _busy: self.completeChanged.emit())

    def initializePage(self) -> None:
        result = self.wizard_.result
        if result is None:
            return
        plan = result.plan
        self.headline.setText(f"Import number {result.batch_id} is saved.")
        lines = [f"{plural(plan.created, 'person', 'people')} added to the roster"]
        if plan.updated:
            lines.append(f"{plural(plan.updated, 'person', 'people')} already there, with details updated")
        if plan.count("unchanged"):
            lines.append(f"{plural(plan.count('unchanged'), 'person', 'people')} already there and up to date")
        if plan.count("merged"):
            lines.append(f"{plural(plan.count('merged'), 'duplicate row')} merged into an earlier row")
        if plan.rejected:
            lines.append(f"{plural(plan.rejected, 'row')} skipped (listed below)")
        if result.committee_created:
            lines.append(f"the committee “{_escape(plan.committee_name)}” was created")
        items = "".join(f"<li>{line}</li>" for line in lines)
        self.details.setText(
            f"<ul style='margin-left: 0'>{items}</ul>Committee: {_escape(plan.committee_name)}. You can undo the "
            "whole import now, or later with <b>Roster › Undo an import…</b>"
        )
        troubled = [r for r in plan.rows if r.action == "error" or row_status(r) == "warning"][:MAX_LISTED]
        self.fix_list.setPlainText(
            "\n".join(
                f"Row {r.row}{' (' + r.name + ')' if r.name else ''}: " + "; ".join(messages(r)[1:]) for r in troubled
            )
        )
        self.fix_label.setVisible(bool(troubled))
        self.fix_list.setVisible(bool(troubled))
        show_message(self.undo_note, "")

    def isComplete(self) -> bool:
        return not self.wizard_.writing  # Finish waits for an undo in progress

    def undo(self) -> None:
        result = self.wizard_.result
        if result is None:
            return
        plan = result.plan
        answer = QMessageBox.question(
            self,
            "Undo this import",
            f"Undo import number {result.batch_id}? The {plural(plan.created, 'person', 'people')} it added leave "
            f"the roster and the {plural(plan.updated, 'person', 'people')} it changed get their earlier details "
            "back. People who have since been given other committees, attendance or action items are kept.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.undo_button.setEnabled(False)
        show_message(self.undo_note, "Undoing…")
        self.wizard_.start_undo(self._undone, self._undo_failed)

    def _undo_failed(self) -> None:
        self.undo_button.setEnabled(True)
        show_message(self.undo_note, "")

    def _undone(self) -> None:
        done = self.wizard_.undo_result
        if done is None:
            return
        text = (
            f"Undone: {plural(done.people_removed, 'person', 'people')} and "
            f"{plural(done.memberships_removed, 'committee membership')} removed, "
            f"{plural(done.people_restored, 'person', 'people')}'s details restored."
        )
        if done.people_kept:
            text += f" {plural(done.people_kept, 'person', 'people')} kept: they are used elsewhere."
        show_message(self.undo_note, text, GREEN)
        self.headline.setText(
            f"Import number {self.wizard_.result.batch_id if self.wizard_.result else ''} was undone."
        )


def _escape(text: str) -> str:
    from html import escape

    return escape(text)
