"""The Agenda tab: the meeting's items with their start times, built and reordered here, one service call per edit."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from equitydesk.domain.agenda_times import duration_words
from equitydesk.domain.enums import MinutesStatus
from equitydesk.gui.display import RED, plural
from equitydesk.gui.jobs import user_message
from equitydesk.gui.meeting.agenda_model import AgendaTable, AgendaTableModel
from equitydesk.gui.workspace import Change

if TYPE_CHECKING:
    from equitydesk.gui.meeting.agenda_item_dialog import AgendaItemDialog
    from equitydesk.gui.workspace import Changes, Workspace
    from equitydesk.services.agenda import AgendaPlan
    from equitydesk.services.registry import Services


class AgendaTab(QWidget):
    def __init__(self, workspace: Workspace, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AgendaTab")
        self.workspace = workspace
        self.meeting_id = meeting_id
        self.plan: AgendaPlan | None = None
        self.dialog: AgendaItemDialog | None = None

        self.model = AgendaTableModel(self)
        self.table = AgendaTable(self.model)
        self.table.setObjectName("agendaTable")
        self.table.move_requested.connect(self.move_to)
        self.table.step_requested.connect(self.move_by)
        self.table.activated.connect(lambda _index: self.edit_item())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in enumerate((80, 0, 115, 170, 70, 190, 130)):
            if width:
                header.resizeSection(column, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # An agenda is a few dozen rows: long titles wrap and every row fits its text, nothing is cut off.
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setMinimumSectionSize(self.table.fontMetrics().height() + 12)

        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text, tip, handler in (
            ("add", "&Add item…", "Add an item after the selected one (or at the end)", self.add_item),
            ("edit", "&Edit…", "Change the selected item (or double-click it, or press Enter)", self.edit_item),
            ("duplicate", "D&uplicate", "A copy of the selected item right after it", self.duplicate_item),
            ("remove", "&Remove", "Take the selected item off the agenda", self.remove_item),
            ("up", "Move u&p", "Move the selected item up (Ctrl+Up; or drag it)", lambda: self.move_by(-1)),
            ("down", "Move do&wn", "Move the selected item down (Ctrl+Down; or drag it)", lambda: self.move_by(1)),
            ("reached", "&Not reached", "Mark the item not reached: the next meeting's agenda carries it forward",
             self.toggle_not_reached),
        ):  # fmt: skip
            button = QPushButton(text)
            button.setObjectName(f"{key}Button")
            button.setToolTip(tip)
            button.clicked.connect(lambda _checked=False, h=handler: h())
            row.addWidget(button)
            self.buttons[key] = button
        self.buttons["reached"].setCheckable(True)
        row.addStretch(1)
        carry = QPushButton("Bring forward open actions")
        carry.setObjectName("carryButton")
        carry.setToolTip(
            "Update the “Review of action items” item with today's open actions, and add the items the previous "
            "meeting did not reach"
        )
        carry.clicked.connect(self.carry_forward)
        row.addWidget(carry)
        self.buttons["carry"] = carry

        self.summary_label = QLabel()
        self.summary_label.setObjectName("summaryLabel")
        self.end_label = QLabel()
        self.end_label.setObjectName("endLabel")
        self.end_label.setWordWrap(True)
        self.lock_label = QLabel("The minutes of this meeting are approved, so its agenda is locked.")
        self.lock_label.setObjectName("lockLabel")
        self.lock_label.setStyleSheet("color: palette(placeholder-text);")
        footer = QHBoxLayout()
        footer.addWidget(self.summary_label)
        footer.addSpacing(16)
        footer.addWidget(self.end_label, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.lock_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(footer)
        workspace.changed.connect(self._changed)
        self.reload()

    def detach(self) -> None:
        """Stop listening to the workspace: the meeting view is closing."""
        self.workspace.changed.disconnect(self._changed)

    # --- reading ---------------------------------------------------------------------------------------------

    def _changed(self, changes: Changes) -> None:
        if Change.MEETINGS in changes or Change.PEOPLE in changes or Change.PLANS in changes:
            self.reload(select_id=self.selected_id())

    def reload(self, *, select_id: int | None = None) -> None:
        try:
            self.plan = self.workspace.services.agenda.plan(meeting_id=self.meeting_id)
        except Exception:  # the meeting was deleted elsewhere: the view above says so
            self.plan = None
            self.model.set_lines([])
            return
        self.model.set_lines(self.plan.lines)
        if select_id is not None:
            self.select_id(select_id)
        elif self.selected_row() < 0 and self.plan.lines:
            self.select_id(self.plan.lines[0].item.id)  # the keyboard starts on the first item
        self._show_totals()
        self._update_buttons()

    def _show_totals(self) -> None:
        plan = self.plan
        if plan is None:
            return
        minutes = sum(line.item.minutes_allotted or 0 for line in plan.lines)
        self.summary_label.setText(f"{plural(len(plan.lines), 'item')} · {duration_words(minutes)}")
        self.end_label.setText(plan.words)
        # Red, and the words say it too: colour is never the only cue.
        self.end_label.setStyleSheet(f"color: {RED}; font-weight: bold;" if plan.runs_over else "")

    @property
    def locked(self) -> bool:
        return self.plan is not None and self.plan.meeting.minutes_status == MinutesStatus.APPROVED

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def select_id(self, item_id: int) -> None:
        row = self.model.row_of(item_id)
        if row < 0:
            return
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def titles(self) -> list[str]:
        """The items' titles in the order the table shows them (stories read the agenda through this)."""
        return [line.item.title for line in self.model.lines]

    def _update_buttons(self) -> None:
        row = self.selected_row()
        chosen = row >= 0
        editable = not self.locked and self.plan is not None
        self.lock_label.setVisible(self.locked)
        self.buttons["add"].setEnabled(editable)
        self.buttons["carry"].setEnabled(editable)
        for key in ("edit", "duplicate", "remove", "reached"):
            self.buttons[key].setEnabled(editable and chosen)
        self.buttons["up"].setEnabled(editable and row > 0)
        self.buttons["down"].setEnabled(editable and chosen and row < self.model.rowCount() - 1)
        reached = self.model.lines[row].item.reached if chosen else None
        self.buttons["reached"].setChecked(reached is False)
        self.table.setDragEnabled(editable)

    # --- writing ---------------------------------------------------------------------------------------------

    def _write(
        self, title: str, fn: Callable[[Services], Any], *, select: Callable[[Any], int | None], **undo: Any
    ) -> None:
        """One edit = one service call on the job lane; afterwards the agenda is read again and `select` chosen.
        Given `undo=` (and maybe `redo=`), the edit is one step of the Edit menu's undo, named `title`."""

        def done(result: Any) -> None:
            item_id = select(result)
            if item_id is not None:
                self.select_id(item_id)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

        def failed(error: BaseException) -> None:
            QMessageBox.warning(self, title, user_message(error))

        if undo:
            op = self.workspace.undoable(self, title, do=fn, changes=(Change.MEETINGS,), **undo)
        else:
            op = self.workspace.op(self, fn, changes=(Change.MEETINGS,), title=title)
        op.success(done).failure(failed).run()

    def add_item(self) -> AgendaItemDialog:
        row = self.selected_row()
        return self._open_dialog(None, None if row < 0 else row + 1)

    def edit_item(self) -> AgendaItemDialog | None:
        item_id = self.selected_id()
        if item_id is None or self.locked:
            return None
        return self._open_dialog(item_id, None)

    def _open_dialog(self, item_id: int | None, index: int | None) -> AgendaItemDialog:
        from equitydesk.gui.meeting.agenda_item_dialog import AgendaItemDialog

        dialog = AgendaItemDialog(self.workspace, meeting_id=self.meeting_id, item_id=item_id, index=index, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.select_id)
        self.dialog = dialog
        dialog.open()
        return dialog

    def duplicate_item(self) -> None:
        item_id = self.selected_id()
        if item_id is not None:
            self._write("Duplicate agenda item", lambda s: s.agenda.duplicate(item_id=item_id), select=lambda r: r.id,
                        undo=lambda s, r: s.agenda.remove_added(record=r),
                        redo=lambda s, removed: s.agenda.restore(removed=removed))  # fmt: skip

    def remove_item(self) -> None:
        item_id, row = self.selected_id(), self.selected_row()
        if item_id is None:
            return
        title = self.model.lines[row].item.title
        answer = QMessageBox.question(
            self, "Remove agenda item", f"Take “{title}” off this meeting's agenda?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel,
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        following = self.model.id_at(row + 1) or self.model.id_at(row - 1)
        self._write(f"Remove “{title}”", lambda s: s.agenda.remove(item_id=item_id), select=lambda _r: following,
                    undo=lambda s, removed: s.agenda.restore(removed=removed),
                    redo=lambda s, r: s.agenda.remove_added(record=r))  # fmt: skip

    def move_by(self, step: int) -> None:
        item_id, row = self.selected_id(), self.selected_row()
        if item_id is None or self.locked or not 0 <= row + step < self.model.rowCount():
            return
        self.move_to(item_id, row + step)

    def move_to(self, item_id: int, index: int) -> None:
        if self.locked:
            return
        old = self.model.row_of(item_id)
        title = "Move agenda item up" if index < old else "Move agenda item down"
        self._write(title, lambda s: s.agenda.move(item_id=item_id, index=index), select=lambda r: r.id,
                    undo=lambda s, _r: s.agenda.move(item_id=item_id, index=old))  # fmt: skip

    def toggle_not_reached(self) -> None:
        item_id, row = self.selected_id(), self.selected_row()
        if item_id is None:
            return
        not_reached = self.model.lines[row].item.reached is not False
        title = "Mark not reached" if not_reached else "Clear “not reached”"
        value, before = (False if not_reached else None), self.model.lines[row].item.reached
        self._write(title, lambda s: s.agenda.set_reached(item_id=item_id, reached=value), select=lambda r: r.id,
                    undo=lambda s, _r: s.agenda.set_reached(item_id=item_id, reached=before))  # fmt: skip

    def carry_forward(self) -> None:
        meeting_id, kept = self.meeting_id, self.selected_id()
        # Undo and redo are one call: put the agenda back as it was, getting back the agenda it replaced.
        self._write("Bring forward open actions", lambda s: s.meetings.carry_forward_returning(meeting_id=meeting_id),
                    select=lambda _r: kept, undo=lambda s, rows: s.meetings.put_agenda(rows=rows),
                    redo=lambda s, rows: s.meetings.put_agenda(rows=rows))  # fmt: skip

    def index_of(self, item_id: int) -> QModelIndex:
        return self.model.index(self.model.row_of(item_id), 1)
