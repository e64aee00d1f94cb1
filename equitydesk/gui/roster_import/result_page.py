"""The import wizard's last page: what was written, the import number, the rows to fix, and Undo this import."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWizardPage,
)

from equitydesk.gui.display import GREEN, plural
from equitydesk.gui.roster_import.labels import message_label, show_message
from equitydesk.gui.roster_import.preview_model import messages
from equitydesk.gui.roster_import.preview_page import larger_bold
from equitydesk.gui.roster_import.state import ImportState, JobKind
from equitydesk.services.roster_import import Outcome

MAX_LISTED = 500  # the result page lists rows to fix; a pathological file should not fill memory with text


class ResultPage(QWizardPage):
    """What was written, the import number, the rows to fix, and Undo this import."""

    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self.setTitle("Import finished")
        self.setSubTitle("What was written to the roster. Press Finish to close the wizard.")
        self.setFinalPage(True)
        self.headline = message_label(name="resultHeadline")
        larger_bold(self.headline)
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
        state.busy_changed.connect(lambda _busy: self.completeChanged.emit())
        state.undone.connect(self._undone)
        state.job_failed.connect(self._failed)

    def initializePage(self) -> None:
        result = self.state.result
        if result is None:
            return
        plan = result.plan
        summary = result.summary
        self.headline.setText(f"Import number {result.batch_id} is saved.")
        # The summary's own words and order, as the preview, the command line and the list of imports show them.
        lines = [f"<b>{escape(t.text)}</b>: {escape(t.meaning)}" for t in summary.shown]
        lines += [escape(note) for note in summary.notes]
        if result.committee_created:
            lines.append(f"the committee “{escape(plan.committee_name)}” was created")
        items = "".join(f"<li>{line}</li>" for line in lines)
        self.details.setText(
            f"<ul style='margin-left: 0'>{items}</ul>Committee: {escape(plan.committee_name)}. You can undo the "
            "whole import now, or later with <b>Roster › Undo an import…</b>"
        )
        troubled = [r for r in plan.rows if r.status in (Outcome.ERROR, Outcome.WARNING)][:MAX_LISTED]
        lines = []
        for r in troubled:
            said = "; ".join(m.rstrip(".") for m in messages(r)[1:])
            lines.append(f"Row {r.row}{' (' + r.name + ')' if r.name else ''}: {said}.")
        self.fix_list.setPlainText("\n".join(lines))
        self.fix_label.setVisible(bool(troubled))
        self.fix_list.setVisible(bool(troubled))
        show_message(self.undo_note, "")

    def isComplete(self) -> bool:
        return not self.state.writing  # Finish waits for an undo in progress

    def undo(self) -> None:
        result = self.state.result
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
        self.state.start_undo()

    def _failed(self, kind: JobKind, _message: str) -> None:
        if kind is JobKind.UNDO:  # the wizard has said why; the import stands, so it can be undone again
            self.undo_button.setEnabled(True)
            show_message(self.undo_note, "")

    def _undone(self) -> None:
        done = self.state.undo_result
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
        self.headline.setText(f"Import number {self.state.result.batch_id if self.state.result else ''} was undone.")
