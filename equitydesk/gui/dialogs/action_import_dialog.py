"""File › Import action items…: a tracker read, previewed row by row for a committee, then imported as one batch."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from equitydesk.gui.dialogs.sheet_reading import read_for_preview
from equitydesk.gui.display import format_value, plural
from equitydesk.gui.jobs import user_message
from equitydesk.gui.widgets.side_table import side_table
from equitydesk.gui.workspace import Change

if TYPE_CHECKING:
    from equitydesk.formats.action_sheet import ParsedTracker
    from equitydesk.gui.workspace import Workspace
    from equitydesk.services.action_import import ActionImportPlan, ActionImportResult

WHAT = {"new": "New", "update": "Update", "unchanged": "No change", "merged": "Same as an earlier row",
        "error": "Skipped", "warning": "With a warning"}  # fmt: skip


class ActionImportDialog(QDialog):
    imported = Signal(object)  # ActionImportResult

    def __init__(self, workspace: Workspace, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ActionImportDialog")
        self.setWindowTitle(f"Import action items from {path.name}")
        self.workspace, self.path = workspace, path
        self.parsed: ParsedTracker | None = None
        self.plan: ActionImportPlan | None = None
        self.committee = QComboBox()
        self.committee.setObjectName("committeeCombo")
        self.committee.setEditable(True)  # a name no committee has starts one, as for rosters
        for _cid, name in workspace.services.committees.choices():
            self.committee.addItem(name)
        chosen = workspace.chosen_committee()
        if chosen is not None:
            self.committee.setCurrentText(workspace.services.committees.get(chosen).name)
        self.committee.currentTextChanged.connect(lambda _t: self.preview())
        self.summary = QLabel("Reading the file…")
        self.summary.setObjectName("summaryLabel")
        self.summary.setWordWrap(True)
        self.table = side_table(
            ("Row", "Action", "Owners", "Due", "Status", "What happens"), (50, 300, 200, 100, 100, 150)
        )
        self.table.setObjectName("previewTable")
        self.problems = QPlainTextEdit()
        self.problems.setObjectName("problemsText")
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(110)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Into &committee", self.committee)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.resize(980, 620)

    def read(self) -> None:
        """Read the file off the window's thread; the preview follows."""
        path = self.path

        def shown(parsed: ParsedTracker) -> None:
            self.parsed = parsed
            self.preview()

        read_for_preview(self, self.workspace, "Reading the tracker…",
                         lambda s: s.action_import.map(s.action_import.open(path)), shown, self.summary)  # fmt: skip

    def preview(self) -> None:
        name = self.committee.currentText().strip()
        if self.parsed is None:
            return
        if not name:
            self.summary.setText("Choose or type the committee these action items belong to.")
            self.import_button.setEnabled(False)
            return
        plan = self.plan = self.workspace.services.action_import.plan(self.parsed, committee=name)
        parsed = self.parsed
        rows = {r.row_number: r for r in parsed.rows}
        self.table.setRowCount(len(plan.rows))
        for n, outcome in enumerate(plan.rows):
            values = rows[outcome.row].values
            cells = (str(outcome.row), str(values.get("title", "")), ", ".join(values.get("owners", [])),
                     format_value(values.get("due_on")), format_value(values.get("status")),
                     WHAT.get(outcome.status.value, outcome.status.value))  # fmt: skip
            for column, text in enumerate(cells):
                self.table.setItem(n, column, QTableWidgetItem(text))
        where = f"sheet “{parsed.sheet}”, headings on row {parsed.header_row}"
        new_committee = "" if plan.committee_exists else f" The committee “{name}” will be started."
        self.summary.setText(
            f"{plural(len(parsed.rows), 'row')} read ({where}): {plan.summary().line(', ')}.{new_committee}"
        )
        self.problems.setPlainText("\n".join(p.describe() for p in parsed.problems + plan.errors + plan.warnings))
        self.import_button.setEnabled(plan.has_rows_to_import)

    def accept(self) -> None:
        if self.parsed is None or self.plan is None or not self.import_button.isEnabled():
            return
        parsed, name = self.parsed, self.committee.currentText().strip()

        def done(result: ActionImportResult) -> None:
            self.imported.emit(result)
            super(ActionImportDialog, self).accept()

        def failed(error: BaseException) -> None:
            self.summary.setText(user_message(error))

        self.import_button.setEnabled(False)
        file_name = self.path.name
        # One step of Edit › Undo, as the measurement import is: undoing takes the whole batch back (as Roster › Undo
        # an import… and `undo-import N` do); redoing imports the rows again.
        self.workspace.undoable(
            self, f"Import action items from {file_name}",
            do=lambda s: s.action_import.commit(parsed, committee=name, file_name=file_name),
            undo=lambda s, result: s.action_import.undo(result.batch_id),
            changes=[Change.ACTIONS, Change.COMMITTEES], title="Importing the action items",
        ).success(done).failure(failed).run()  # fmt: skip
