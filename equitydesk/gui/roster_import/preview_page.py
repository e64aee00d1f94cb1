"""The import wizard's preview page: the committee the people go into, and what will happen to every row."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from equitydesk.gui.display import AMBER, GREEN, RED
from equitydesk.gui.roster_import.labels import message_label, show_message
from equitydesk.gui.roster_import.preview_model import STATUSES, WORDS, ImportPreviewModel, counts_text, messages
from equitydesk.gui.roster_import.state import ImportState
from equitydesk.services.roster_import import Outcome

HINT = "Choose a row to see here everything about it: each change and each warning."


def larger_bold(label: QLabel, scale: float = 1.15) -> None:
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)


def _status(data: object) -> Outcome | None:
    return Outcome(str(data)) if data else None


class PreviewPage(QWizardPage):
    """Which committee, then every row with what will happen to it; Import (the commit button) writes it all."""

    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self._names: dict[str, str] = {}
        self._archived: set[str] = set()
        self.setTitle("Committee and preview")
        self.setSubTitle("Nothing has been saved yet. Check what will happen to each row, then press Import.")
        self.setCommitPage(True)
        self.committee_combo = QComboBox()
        self.committee_combo.setObjectName("committeeCombo")
        self.committee_combo.setEditable(True)
        self.committee_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        placeholder = "Choose a committee, or type the name of a new one"
        self.committee_combo.lineEdit().setPlaceholderText(placeholder)
        # Room for the whole placeholder (36 characters cut it at "type the name of a n…"), and a little more.
        self.committee_combo.setMinimumContentsLength(len(placeholder) + 4)
        self.committee_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.committee_note = message_label(name="committeeNote")
        self.counts = message_label(name="countsLabel")
        larger_bold(self.counts)
        self.notes = message_label(name="importNotes")
        # A change of an officer's role or a shorter term is never made unless asked for, here.
        self.accept_box = QCheckBox("Apply the role and term changes listed")
        self.accept_box.setObjectName("acceptRoleChanges")
        self.accept_box.setVisible(False)
        self.accept_box.toggled.connect(state.set_accept_role_changes)
        self.filter_combo = QComboBox()
        self.filter_combo.setObjectName("statusFilter")
        self.filter_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.filter_combo.currentIndexChanged.connect(
            lambda _i: self.model.set_status_filter(_status(self.filter_combo.currentData()))
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
        # A row is one line (sizing rows to their text would read every row of a large roster): the chosen row's
        # whole story, every change and every warning, is told here.
        self.row_details = message_label(HINT, name="rowDetails")
        self.row_details.setMinimumHeight(self.row_details.fontMetrics().lineSpacing() * 4)
        self.row_details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _old: self._show_row(current))
        self.model.modelReset.connect(lambda: self._show_row(self.table.currentIndex()))  # a new plan or filter
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
        layout.addWidget(self.notes)
        layout.addWidget(self.accept_box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.row_details)
        layout.addWidget(self.ignored)
        state.preview_ready.connect(self._show_plan)
        state.busy_changed.connect(lambda _busy: self._busy())
        self.committee_combo.editTextChanged.connect(self._committee_typed)

    def initializePage(self) -> None:
        w = self.state
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
        self.state.set_committee(text)

    def _busy(self) -> None:
        if self.state.plan is None and self.state.busy:
            show_message(self.counts, "Working out what will happen…")
        self.completeChanged.emit()

    def _show_plan(self) -> None:
        w = self.state
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
        self._show_notes()
        counts = self.model.counts()
        keep = self.filter_combo.currentData()
        self.filter_combo.blockSignals(True)
        self.filter_combo.clear()
        self.filter_combo.addItem(f"All rows ({sum(counts.values()):,})", "")
        for key, _word, label, _colour in STATUSES:
            if counts[key]:
                self.filter_combo.addItem(f"{label} ({counts[key]:,})", key.value)
        self.filter_combo.setCurrentIndex(max(self.filter_combo.findData(keep or ""), 0))
        self.filter_combo.blockSignals(False)
        self.model.set_status_filter(_status(self.filter_combo.currentData()))
        self._choose_first_held()
        parsed = w.parsed
        ignored = list(parsed.ignored_columns) if parsed is not None else []
        said = ["Columns not imported: " + ", ".join(ignored)] if ignored else []
        show_message(self.ignored, " ".join([*said, *(parsed.notes if parsed is not None else ())]))
        self.completeChanged.emit()

    def _show_notes(self) -> None:
        """The summary's sentences (organizations skipped, role and term changes), and the box that applies them."""
        plan = self.state.plan
        if plan is None:
            if not self.state.busy:  # no committee named, or the preview failed: nothing to say
                show_message(self.notes, "")
                self.accept_box.setVisible(False)
            return  # else a new preview is on its way: keep what is shown until it comes
        show_message(self.notes, " ".join(plan.summary().notes), AMBER if plan.held_rows else None)
        self.accept_box.blockSignals(True)
        self.accept_box.setChecked(plan.accept_role_changes)
        self.accept_box.blockSignals(False)
        self.accept_box.setVisible(plan.role_changes > 0)

    def _choose_first_held(self) -> None:
        """Open the preview on the first row whose role or term change waits for the box: the one to decide on."""
        for r in range(self.model.rowCount()):
            if self.model.row_plan(r).consent:
                self.table.selectRow(r)
                return
        self._show_row(QModelIndex())

    def _show_row(self, index: QModelIndex) -> None:
        if not index.isValid():
            self.row_details.setText(HINT)
            return
        row = self.model.row_plan(index.row())
        lines = messages(row)
        head = f"Row {row.row}" + (f", {row.name}" if row.name else "") + f" ({WORDS.get(row.status, row.status)}):"
        self.row_details.setText("\n".join([head, *(f"• {line}" for line in lines[1:] or lines)]))

    def show_details(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        row = self.model.row_plan(index.row())
        title = f"Row {row.row}" + (f": {row.name}" if row.name else "")
        QMessageBox.information(self, title, "\n\n".join(messages(row)))

    def isComplete(self) -> bool:
        w = self.state
        plan = w.plan
        return plan is not None and not w.busy and bool(w.committee.strip()) and plan.has_rows_to_import

    def validatePage(self) -> bool:
        """Import was pressed: start writing and stay; the wizard moves on by itself when the write is done."""
        if self.state.result is not None:
            return True
        self.state.start_commit()
        return False
