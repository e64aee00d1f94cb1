"""The Attendance tab of a meeting: each expected member's status, guests, the quorum and interpreters, live."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from equitydesk.domain.enums import AttendanceStatus
from equitydesk.domain.quorum import Quorum
from equitydesk.gui.jobs import user_message
from equitydesk.gui.workspace import Change
from equitydesk.services.errors import NotFound

if TYPE_CHECKING:
    from equitydesk.gui.workspace import Workspace
    from equitydesk.services.attendance import AttendanceSheet
    from equitydesk.services.registry import Services

NOT_RECORDED = "Not recorded"
STATUSES = [(None, NOT_RECORDED)] + [(s, s.label) for s in AttendanceStatus]
PRESENT = (AttendanceStatus.PRESENT, AttendanceStatus.REMOTE)
MET, NOT_MET = "#1b5e20", "#b00020"


class AttendanceTab(QWidget):
    """Every status change is written at once (one service call); the quorum line follows before the write lands."""

    sheet_changed = Signal(object)  # the AttendanceSheet after a write or a reload

    def __init__(self, workspace: Workspace, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.meeting_id = meeting_id
        self.sheet: AttendanceSheet | None = None
        self._person_ids: list[int] = []
        self._loading = False

        self.quorum_label = QLabel()
        font = QFont(self.quorum_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.quorum_label.setFont(font)
        self.quorum_label.setAccessibleName("Quorum")
        self.counts_label = QLabel()
        self.counts_label.setAccessibleName("Attendance counts")
        self.languages_label = QLabel()
        self.languages_label.setWordWrap(True)
        self.lock_label = QLabel("The minutes of this meeting are approved: attendance is locked.")
        self.lock_label.setStyleSheet("color: #555;")
        self.error_label = QLabel()
        self.error_label.setStyleSheet(f"color: {NOT_MET};")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Member", "Role", "Votes", "Attendance"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAccessibleName("Members' attendance")

        self.all_present_button = QPushButton("Mark everyone &present")
        self.all_present_button.clicked.connect(self.mark_all_present)

        self.guest_table = QTableWidget(0, 2)
        self.guest_table.setHorizontalHeaderLabels(["Guest", "Affiliation"])
        self.guest_table.verticalHeader().hide()
        self.guest_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.guest_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.guest_table.horizontalHeader().setStretchLastSection(True)
        self.guest_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.guest_table.setMaximumHeight(110)
        self.guest_name = QLineEdit()
        self.guest_name.setPlaceholderText("Guest's name")
        self.guest_name.setAccessibleName("Guest's name")
        self.guest_affiliation = QLineEdit()
        self.guest_affiliation.setPlaceholderText("Affiliation (optional)")
        self.guest_affiliation.setAccessibleName("Guest's affiliation")
        self.add_guest_button = QPushButton("&Add guest")
        self.add_guest_button.clicked.connect(self.add_guest)
        self.guest_name.returnPressed.connect(self.add_guest)
        self.guest_affiliation.returnPressed.connect(self.add_guest)
        self.remove_guest_button = QPushButton("&Remove guest")
        self.remove_guest_button.clicked.connect(self.remove_guest)

        top = QHBoxLayout()
        top.addWidget(self.quorum_label, 1)
        top.addWidget(self.all_present_button)
        guests = QGroupBox("Guests")
        guest_entry = QHBoxLayout()
        guest_entry.addWidget(self.guest_name, 2)
        guest_entry.addWidget(self.guest_affiliation, 2)
        guest_entry.addWidget(self.add_guest_button)
        guest_entry.addWidget(self.remove_guest_button)
        guests_layout = QVBoxLayout(guests)
        guests_layout.addWidget(self.guest_table)
        guests_layout.addLayout(guest_entry)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.languages_label)
        layout.addWidget(self.lock_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(guests)

        # Bound methods, not lambdas: Qt drops a bound slot when this widget goes, a lambda would outlive it.
        workspace.meetings_changed.connect(self._changed)
        workspace.memberships_changed.connect(self._changed)
        workspace.people_changed.connect(self.reload)
        self.reload()

    def detach(self) -> None:
        """Stop listening to the workspace: the meeting view is closing."""
        self.workspace.meetings_changed.disconnect(self._changed)
        self.workspace.memberships_changed.disconnect(self._changed)
        self.workspace.people_changed.disconnect(self.reload)

    @property
    def services(self) -> Services:
        return self.workspace.services

    # --- showing ---------------------------------------------------------------------------------------------

    def _changed(self, _committee_ids: object) -> None:
        self.reload()

    def reload(self) -> None:
        if self.workspace.closed:
            return
        try:
            sheet = self.services.attendance.sheet(self.meeting_id)
        except NotFound:  # the meeting was deleted (or its creation undone): the view above says so
            return
        self.show_sheet(sheet)

    def show_sheet(self, sheet: AttendanceSheet) -> None:
        self.sheet = sheet
        ids = [a.person_id for a in sheet.attendees]
        self._loading = True
        try:
            if ids != self._person_ids:
                self._build_rows(sheet)
            for row, attendee in enumerate(sheet.attendees):
                combo = self.combo(row)
                combo.setCurrentIndex(combo.findData(attendee.status.value if attendee.status else ""))
                combo.setEnabled(not sheet.locked)
            self.guest_table.setRowCount(len(sheet.guests))
            for row, guest in enumerate(sheet.guests):
                name = QTableWidgetItem(guest.name)
                name.setData(Qt.ItemDataRole.UserRole, guest.id)
                self.guest_table.setItem(row, 0, name)
                self.guest_table.setItem(row, 1, QTableWidgetItem(guest.affiliation or ""))
        finally:
            self._loading = False
        for widget in (self.all_present_button, self.guest_name, self.guest_affiliation, self.add_guest_button):
            widget.setEnabled(not sheet.locked)
        self.remove_guest_button.setEnabled(not sheet.locked and bool(sheet.guests))
        self.lock_label.setVisible(sheet.locked)
        languages = ", ".join(sheet.interpreter_languages)
        self.languages_label.setText(
            f"Interpreters needed: {languages}" if languages else "No interpreters needed by the members expected."
        )
        self._show_quorum(sheet.quorum)
        self._show_counts()
        self.sheet_changed.emit(sheet)

    def _build_rows(self, sheet: AttendanceSheet) -> None:
        self._person_ids = [a.person_id for a in sheet.attendees]
        self.table.setRowCount(len(sheet.attendees))
        for row, attendee in enumerate(sheet.attendees):
            name = QTableWidgetItem(attendee.name)
            name.setData(Qt.ItemDataRole.UserRole, attendee.person_id)
            self.table.setItem(row, 0, name)
            role = attendee.role.label if attendee.role else "No longer a member"
            self.table.setItem(row, 1, QTableWidgetItem(role))
            self.table.setItem(row, 2, QTableWidgetItem("Voting" if attendee.voting else "Non-voting"))
            combo = QComboBox()
            for status, label in STATUSES:
                combo.addItem(label, status.value if status else "")
            combo.setAccessibleName(f"Attendance of {attendee.name}")
            combo.currentIndexChanged.connect(lambda _i, person_id=attendee.person_id: self._status_picked(person_id))
            self.table.setCellWidget(row, 3, combo)

    def combo(self, row: int) -> QComboBox:
        widget = self.table.cellWidget(row, 3)
        assert isinstance(widget, QComboBox)
        return widget

    def row_of(self, name: str) -> int:
        """The row of a member by the name shown (tests and keyboard users find people by name)."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.text() == name:
                return row
        raise KeyError(name)

    def _show_quorum(self, quorum: Quorum) -> None:
        self.quorum_label.setText(quorum.text())
        self.quorum_label.setStyleSheet(f"color: {MET if quorum.met else NOT_MET};")

    def _show_counts(self) -> None:
        if self.sheet is None:
            return
        picked = [self.combo(row).currentData() or "" for row in range(len(self.sheet.attendees))]
        parts = [f"{s.label} {picked.count(s.value)}" for s in AttendanceStatus]
        parts.append(f"{NOT_RECORDED} {picked.count('')}")
        guests = len(self.sheet.guests)
        parts.append(f"{guests} guest{'' if guests == 1 else 's'}")
        q = self.sheet.quorum
        self.counts_label.setText(f"{q.voting_members} voting members · " + " · ".join(parts))

    def _local_quorum(self) -> Quorum | None:
        """The quorum from the combos as they stand, before the write lands."""
        if self.sheet is None:
            return None
        present = 0
        for row, attendee in enumerate(self.sheet.attendees):
            if attendee.voting and self.combo(row).currentData() in (s.value for s in PRESENT):
                present += 1
        q = self.sheet.quorum
        return Quorum(q.voting_members, present, q.needed)

    # --- writing ---------------------------------------------------------------------------------------------

    def _status_picked(self, person_id: int) -> None:
        if self._loading or self.sheet is None:
            return
        row = self._person_ids.index(person_id)
        status = self.combo(row).currentData() or None
        local = self._local_quorum()
        if local is not None:
            self._show_quorum(local)
            self._show_counts()
        name = self.sheet.attendees[row].name if row < len(self.sheet.attendees) else "attendance"
        self._write({person_id: status}, title=f"Record attendance of {name}")

    def mark_all_present(self) -> None:
        if self.sheet is None or self.sheet.locked:
            return
        self._write({a.person_id: AttendanceStatus.PRESENT.value for a in self.sheet.attendees},
                    title="Mark everyone present")  # fmt: skip

    def _write(self, statuses: dict[int, str | None], *, title: str) -> None:
        meeting_id = self.meeting_id
        self.error_label.hide()
        op = self.workspace.undoable(
            self,
            title,
            do=lambda s: s.attendance.change_statuses(meeting_id=meeting_id, statuses=statuses),
            undo=lambda s, changed: s.attendance.change_statuses_back(changed=changed),
            redo=lambda s, changed: s.attendance.change_statuses_back(changed=changed),
            changes=(Change.MEETINGS,),
        )
        op.success(lambda changed: self.show_sheet(changed.sheet)).failure(self._failed).run()

    def _failed(self, error: BaseException) -> None:
        self.error_label.setText(user_message(error))
        self.error_label.show()
        self.reload()

    def add_guest(self) -> None:
        name, affiliation = self.guest_name.text(), self.guest_affiliation.text()
        meeting_id = self.meeting_id

        def done(_guest: object) -> None:
            self.guest_name.clear()
            self.guest_affiliation.clear()
            self.guest_name.setFocus()

        op = self.workspace.undoable(
            self,
            f"Add guest {' '.join(name.split())}",
            do=lambda s: s.attendance.add_guest(meeting_id=meeting_id, name=name, affiliation=affiliation),
            undo=lambda s, guest: s.attendance.remove_guest(guest_id=guest.id),
            redo=lambda s, guest: s.attendance.restore_guest(guest=guest),
            changes=(Change.MEETINGS,),
        )
        op.success(done).failure(self._failed).run()

    def remove_guest(self) -> None:
        row = self.guest_table.currentRow()
        item = self.guest_table.item(row, 0) if row >= 0 else None
        if item is None:
            return
        guest_id = int(item.data(Qt.ItemDataRole.UserRole))
        op = self.workspace.undoable(
            self,
            f"Remove guest {item.text()}",
            do=lambda s: s.attendance.remove_guest(guest_id=guest_id),
            undo=lambda s, guest: s.attendance.restore_guest(guest=guest),
            redo=lambda s, guest: s.attendance.remove_guest(guest_id=guest.id),
            changes=(Change.MEETINGS,),
        )
        op.failure(self._failed).run()
