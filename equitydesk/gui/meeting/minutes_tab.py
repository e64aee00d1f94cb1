"""The Minutes tab of a meeting: notes per agenda item, decisions, the generated draft, approval and amendments."""

from __future__ import annotations

from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from equitydesk.gui.jobs import user_message
from equitydesk.gui.meeting.action_from_item_dialog import ActionFromItemDialog
from equitydesk.gui.meeting.approve_minutes_dialog import AmendmentDialog, ApproveMinutesDialog
from equitydesk.gui.meeting.decision_dialog import DecisionDialog
from equitydesk.gui.workspace import Change
from equitydesk.services.errors import NotFound

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from equitydesk.gui.workspace import Workspace
    from equitydesk.services.decisions import DecisionView
    from equitydesk.services.minutes import MinutesItem, MinutesState
    from equitydesk.services.registry import Services

NOT_RECORDED = "not recorded"
MIDNIGHT = QTime(0, 0)
CONFIDENTIAL = "Confidential (closed session)"


class MinutesTab(QWidget):
    """Typed text is never thrown away by a reload: notes and the draft are refreshed only when unchanged."""

    def __init__(self, workspace: Workspace, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.meeting_id = meeting_id
        self.state: MinutesState | None = None
        self.decisions: list[DecisionView] = []
        self.dialog: QDialog | None = None  # the dialog open now (tests drive it)
        self._notes_item: int | None = None
        self._notes_dirty = False
        self._draft_dirty = False
        self._filling = False

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName("Minutes status")
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        self.called_edit, self.adjourned_edit = QTimeEdit(), QTimeEdit()
        for edit, name in ((self.called_edit, "Called to order"), (self.adjourned_edit, "Adjourned")):
            edit.setDisplayFormat("h:mm AP")
            edit.setMinimumTime(MIDNIGHT)
            edit.setSpecialValueText(NOT_RECORDED)  # shown at 00:00, which no meeting starts at
            edit.setAccessibleName(name)
        self.save_times_button = QPushButton("Save &times")
        self.save_times_button.clicked.connect(self.save_times)

        self.items_list = QListWidget()
        self.items_list.setAccessibleName("Agenda items")
        self.items_list.currentRowChanged.connect(self._item_chosen)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setPlaceholderText("Notes of the discussion at this item")
        self.notes_edit.setAccessibleName("Notes for the agenda item")
        self.notes_edit.textChanged.connect(self._notes_changed)
        self.save_notes_button = QPushButton("Save &notes")
        self.save_notes_button.clicked.connect(self.save_notes)
        self.action_button = QPushButton("Action item from this agenda item…")
        self.action_button.clicked.connect(self.open_action_dialog)
        self.item_decision_button = QPushButton("Record &decision…")
        self.item_decision_button.clicked.connect(lambda: self.open_decision_dialog())

        self.decision_list = QListWidget()
        self.decision_list.setAccessibleName("Decisions")
        self.decision_list.setWordWrap(True)
        self.decision_list.setSpacing(2)
        self.decision_list.setAlternatingRowColors(True)
        self.decision_list.itemActivated.connect(lambda _i: self.edit_decision())
        self.edit_decision_button = QPushButton("&Edit decision…")
        self.edit_decision_button.clicked.connect(self.edit_decision)
        self.remove_decision_button = QPushButton("Re&move decision")
        self.remove_decision_button.clicked.connect(self.remove_decision)

        self.draft_edit = QPlainTextEdit()
        self.draft_edit.setAccessibleName("Minutes text")
        self.draft_edit.setPlaceholderText("Generate the minutes draft from the record, then edit it here.")
        self.draft_edit.textChanged.connect(self._draft_changed)
        self.generate_button = QPushButton("&Generate minutes draft")
        self.generate_button.clicked.connect(self.generate_draft)
        self.internal_check = QCheckBox("Include closed-session items (internal copy)")
        self.save_draft_button = QPushButton("&Save draft")
        self.save_draft_button.clicked.connect(self.save_draft)
        self.approve_button = QPushButton("&Approve minutes…")
        self.approve_button.clicked.connect(self.open_approve_dialog)
        self.amend_button = QPushButton("&Record amendment…")
        self.amend_button.clicked.connect(self.open_amendment_dialog)
        self.amendments_label = QLabel()
        self.amendments_label.setWordWrap(True)
        self.amendments_label.setTextFormat(Qt.TextFormat.PlainText)

        times = QHBoxLayout()
        times.addWidget(QLabel("Called to order"))
        times.addWidget(self.called_edit)
        times.addWidget(QLabel("Adjourned"))
        times.addWidget(self.adjourned_edit)
        times.addWidget(self.save_times_button)
        times.addStretch(1)

        notes_box = QGroupBox("Agenda items and notes")
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.addWidget(self.items_list, 1)
        notes_layout.addWidget(self.notes_edit, 2)
        item_buttons = QHBoxLayout()
        item_buttons.addWidget(self.save_notes_button)
        item_buttons.addWidget(self.item_decision_button)
        item_buttons.addWidget(self.action_button)
        item_buttons.addStretch(1)
        notes_layout.addLayout(item_buttons)

        decisions_box = QGroupBox("Decisions")
        decisions_layout = QVBoxLayout(decisions_box)
        decisions_layout.addWidget(self.decision_list)
        decision_buttons = QHBoxLayout()
        decision_buttons.addWidget(self.edit_decision_button)
        decision_buttons.addWidget(self.remove_decision_button)
        decision_buttons.addStretch(1)
        decisions_layout.addLayout(decision_buttons)

        draft_box = QGroupBox("Minutes")
        draft_layout = QVBoxLayout(draft_box)
        draft_buttons = QHBoxLayout()
        draft_buttons.addWidget(self.generate_button)
        draft_buttons.addWidget(self.internal_check)
        draft_buttons.addStretch(1)
        draft_buttons.addWidget(self.save_draft_button)
        draft_buttons.addWidget(self.approve_button)
        draft_buttons.addWidget(self.amend_button)
        draft_layout.addLayout(draft_buttons)
        draft_layout.addWidget(self.draft_edit, 1)
        draft_layout.addWidget(self.amendments_label)

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(notes_box)
        top.addWidget(decisions_box)
        top.setStretchFactor(0, 2)
        top.setStretchFactor(1, 3)
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(top)
        body.addWidget(draft_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addLayout(times)
        layout.addWidget(self.error_label)
        layout.addWidget(body, 1)

        # A bound method, not a lambda: Qt drops a bound slot when this widget goes, a lambda would outlive it.
        workspace.meetings_changed.connect(self._changed)
        workspace.people_changed.connect(self.reload)
        self.reload()

    def detach(self) -> None:
        """Stop listening to the workspace: the meeting view is closing."""
        self.workspace.meetings_changed.disconnect(self._changed)
        self.workspace.people_changed.disconnect(self.reload)

    @property
    def services(self) -> Services:
        return self.workspace.services

    @property
    def locked(self) -> bool:
        return self.state is not None and self.state.locked

    # --- showing ---------------------------------------------------------------------------------------------

    def _changed(self, _committee_ids: object) -> None:
        self.reload()

    def reload(self) -> None:
        if self.workspace.closed:
            return
        try:
            self.state = state = self.services.minutes.state(self.meeting_id)
        except NotFound:  # the meeting was deleted (or its creation undone): the view above says so
            return
        self.decisions = self.services.decisions.of_meeting(self.meeting_id)
        self._filling = True
        try:
            self._show_status(state)
            self._set_time(self.called_edit, state.called_to_order_at)
            self._set_time(self.adjourned_edit, state.adjourned_at)
            current = self._notes_item
            self.items_list.blockSignals(True)
            self.items_list.clear()
            for item in state.items:
                text = f"{item.position}. {item.title}" + (f"  — {CONFIDENTIAL}" if item.confidential else "")
                entry = QListWidgetItem(text)
                entry.setData(Qt.ItemDataRole.UserRole, item.id)
                self.items_list.addItem(entry)
            ids = [i.id for i in state.items]
            self.items_list.setCurrentRow(ids.index(current) if current in ids else 0 if ids else -1)
            self.items_list.blockSignals(False)
            if not self._notes_dirty:
                self._show_notes()
            if not self._draft_dirty:
                text = state.draft or ""
                if state.locked and not text:
                    # Approved before the text was kept with them: show what the record says, read-only.
                    text = self.services.minutes.generate_draft(self.meeting_id)
                self.draft_edit.setPlainText(text)
            self._show_decisions()
            self._show_amendments(state)
        finally:
            self._filling = False
        self._set_locked(state.locked)

    def _show_status(self, state: MinutesState) -> None:
        if state.locked:
            when = (
                f"{state.approved_on:%B} {state.approved_on.day}, {state.approved_on.year}" if state.approved_on else ""
            )
            at = f" at the {state.approved_at_title}" if state.approved_at_title else ""
            self.status_label.setText(f"Minutes approved on {when}{at}. They are locked: record amendments instead.")
        else:
            self.status_label.setText("Minutes: draft. Approve them at a later meeting to lock them.")

    @staticmethod
    def _set_time(edit: QTimeEdit, moment: datetime | None) -> None:
        edit.setTime(QTime(moment.hour, moment.minute) if moment else MIDNIGHT)

    def _show_notes(self) -> None:
        item = self._current_item()
        self._notes_item = item.id if item else None
        self._filling = True
        try:
            self.notes_edit.setPlainText(item.notes or "" if item else "")
        finally:
            self._filling = False
        self._notes_dirty = False

    def _current_item(self) -> MinutesItem | None:
        row = self.items_list.currentRow()
        if self.state is None or row < 0 or row >= len(self.state.items):
            return None
        return self.state.items[row]

    def _show_decisions(self) -> None:
        positions = {i.id: i.position for i in self.state.items} if self.state else {}
        self.decision_list.clear()
        for d in self.decisions:
            where = f"Item {positions[d.agenda_item_id]}" if d.agenda_item_id in positions else "No agenda item"
            if d.confidential:
                where += f", {CONFIDENTIAL.lower()}"
            lines = [f"{where}: {d.motion.strip()}"]
            who = ", ".join(
                w
                for w in (
                    f"moved by {d.moved_by}" if d.moved_by else "",
                    f"seconded by {d.seconded_by}" if d.seconded_by else "",
                )
                if w
            )
            if who:
                lines.append(who[0].upper() + who[1:])  # not capitalize(): it would lower-case the names
            rule = f"{d.vote_rule.label}{', roll call' if d.roll_call else ''}. " if d.tally is not None else ""
            lines.append(f"{rule}{d.reason}")
            entry = QListWidgetItem("\n".join(lines))
            entry.setData(Qt.ItemDataRole.UserRole, d.id)
            self.decision_list.addItem(entry)

    def _show_amendments(self, state: MinutesState) -> None:
        lines = [f"{a.on:%Y-%m-%d}: {a.text}" for a in state.amendments]
        self.amendments_label.setText("Amendments\n" + "\n".join(lines) if lines else "")
        self.amendments_label.setVisible(bool(lines))

    def _set_locked(self, locked: bool) -> None:
        for edit in (self.notes_edit, self.draft_edit):
            edit.setReadOnly(locked)
        for widget in (self.called_edit, self.adjourned_edit):
            widget.setEnabled(not locked)
        for button in (
            self.save_times_button, self.save_notes_button, self.item_decision_button, self.edit_decision_button,
            self.remove_decision_button,
            self.generate_button, self.internal_check, self.save_draft_button, self.approve_button,
        ):  # fmt: skip
            button.setVisible(not locked)
        self.amend_button.setVisible(locked)
        self.action_button.setEnabled(self._current_item() is not None)

    # --- writing ---------------------------------------------------------------------------------------------

    def _write(
        self,
        fn: Callable[[Services], object],
        *,
        title: str,
        changes: Iterable[Change] = (Change.MEETINGS,),
        done: Callable[[object], None] | None = None,
        undo: Callable[[Services, Any], object] | None = None,
        **edit: Any,
    ) -> None:
        """One service call on the job lane; given `undo` (and maybe `redo=`), one undoable step named `title`."""
        self.error_label.hide()

        def failed(error: BaseException) -> None:
            self.error_label.setText(user_message(error))
            self.error_label.show()

        if undo is not None:
            op = self.workspace.undoable(self, title, do=fn, undo=undo, changes=changes, **edit)
        else:
            op = self.workspace.op(self, fn, changes=changes, title=title)
        if done is not None:
            op.success(done)
        op.failure(failed).run()

    def _moment(self, edit: QTimeEdit) -> datetime | None:
        if edit.time() == MIDNIGHT or self.state is None:
            return None
        t = edit.time()
        return datetime.combine(self.state.starts_at.date(), time(t.hour(), t.minute()))

    def save_times(self) -> None:
        meeting_id, called, adjourned = (
            self.meeting_id,
            self._moment(self.called_edit),
            self._moment(self.adjourned_edit),
        )
        was = (self.state.called_to_order_at, self.state.adjourned_at) if self.state else (None, None)
        self._write(
            lambda s: s.minutes.set_times(meeting_id=meeting_id, called_to_order_at=called, adjourned_at=adjourned),
            title="Save meeting times",
            undo=lambda s, _r: s.minutes.set_times(meeting_id=meeting_id, called_to_order_at=was[0],
                                                   adjourned_at=was[1]),
        )  # fmt: skip

    def _notes_changed(self) -> None:
        if not self._filling:
            self._notes_dirty = True

    def _draft_changed(self) -> None:
        if not self._filling:
            self._draft_dirty = True

    def _item_chosen(self, _row: int) -> None:
        if self._notes_dirty and not self.locked:
            self.save_notes()  # switching items keeps what was typed at the one left
        self._show_notes()
        self.action_button.setEnabled(self._current_item() is not None)

    def save_notes(self) -> None:
        item_id, text = self._notes_item, self.notes_edit.toPlainText()
        if item_id is None:
            return
        self._notes_dirty = False
        item = next((i for i in self.state.items if i.id == item_id), None) if self.state else None
        was, where = (item.notes, f" on “{item.title}”") if item else (None, "")
        self._write(lambda s: s.minutes.save_item_notes(agenda_item_id=item_id, text=text), title=f"Save notes{where}",
                    undo=lambda s, _r: s.minutes.save_item_notes(agenda_item_id=item_id, text=was))  # fmt: skip

    def generate_draft(self) -> None:
        """Fill the editor from the record; the replacement can be undone with Ctrl+Z like any typing."""
        text = self.services.minutes.generate_draft(
            self.meeting_id, include_confidential=self.internal_check.isChecked()
        )
        cursor = self.draft_edit.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        self._draft_dirty = True

    def save_draft(self) -> None:
        meeting_id, text = self.meeting_id, self.draft_edit.toPlainText()

        def done(_state: object) -> None:
            self._draft_dirty = False

        was = self.state.draft if self.state else None
        self._write(lambda s: s.minutes.save_draft(meeting_id=meeting_id, text=text), title="Save minutes", done=done,
                    undo=lambda s, _r: s.minutes.save_draft(meeting_id=meeting_id, text=was))  # fmt: skip

    # --- dialogs ---------------------------------------------------------------------------------------------

    def _open(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
        return dialog

    def open_decision_dialog(self, decision_id: int | None = None) -> QDialog:
        item = self._current_item()
        return self._open(
            DecisionDialog(
                self.workspace,
                meeting_id=self.meeting_id,
                decision_id=decision_id,
                agenda_item_id=item.id if item else None,
                parent=self,
            )
        )

    def edit_decision(self) -> QDialog | None:
        row = self.decision_list.currentRow()
        if row < 0 or row >= len(self.decisions) or self.locked:
            return None
        return self.open_decision_dialog(self.decisions[row].id)

    def remove_decision(self) -> None:
        row = self.decision_list.currentRow()
        if row < 0 or row >= len(self.decisions) or self.locked:
            return
        decision_id = self.decisions[row].id
        self._write(lambda s: s.decisions.remove(decision_id=decision_id), title="Remove decision",
                    undo=lambda s, change: s.decisions.put_back(change=change),
                    redo=lambda s, change: s.decisions.put_back(change=change))  # fmt: skip

    def open_action_dialog(self) -> QDialog | None:
        item = self._current_item()
        if item is None:
            return None
        return self._open(ActionFromItemDialog(self.workspace, agenda_item_id=item.id, parent=self))

    def open_approve_dialog(self) -> QDialog | None:
        if self._draft_dirty:
            self.save_draft()  # the text approved is the text on screen
        return self._open(ApproveMinutesDialog(self.workspace, meeting_id=self.meeting_id, parent=self))

    def open_amendment_dialog(self) -> QDialog:
        return self._open(AmendmentDialog(self.workspace, meeting_id=self.meeting_id, parent=self))
