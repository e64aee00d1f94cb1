"""One meeting in the main window: its schedule at the top, and a tab for each part of running it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from equitydesk.formats.errors import ExportError
from equitydesk.gui.jobs import user_message
from equitydesk.gui.meeting.agenda_tab import AgendaTab
from equitydesk.gui.meeting.attendance_tab import AttendanceTab
from equitydesk.gui.meeting.minutes_tab import MinutesTab
from equitydesk.gui.meeting.packet_tab import PacketTab
from equitydesk.gui.meeting.schedule_dialog import Mode, ScheduleDialog, describe_schedule
from equitydesk.gui.workspace import Change

if TYPE_CHECKING:
    from equitydesk.gui.workspace import Changes, Workspace

TabFactory = Callable[["Workspace", int, "QWidget | None"], QWidget]


# The tabs in order, each built as factory(workspace, meeting_id, parent).
TABS: list[tuple[str, TabFactory]] = [
    ("&Agenda", AgendaTab),
    ("A&ttendance", AttendanceTab),
    ("Minutes and &decisions", MinutesTab),
    ("&Packet", PacketTab),
]


class MeetingView(QWidget):
    back_requested = Signal()

    def __init__(self, workspace: Workspace, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MeetingView")
        self.workspace = workspace
        self.meeting_id = meeting_id
        self.dialog: ScheduleDialog | None = None

        self.back_button = QPushButton("‹  All meetings")
        self.back_button.setObjectName("backButton")
        self.back_button.setToolTip("Back to the list of meetings (Alt+Left)")
        self.back_button.clicked.connect(self.back_requested.emit)
        QShortcut(QKeySequence("Alt+Left"), self, self.back_requested.emit)
        self.title_label = QLabel()
        self.title_label.setObjectName("meetingTitle")
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title_label.setFont(font)
        self.committee_label = QLabel()
        self.committee_label.setObjectName("committeeLabel")
        self.committee_label.setStyleSheet("color: palette(placeholder-text);")
        self.when_label = QLabel()
        self.when_label.setObjectName("whenLabel")
        self.where_label = QLabel()
        self.where_label.setObjectName("whereLabel")
        self.where_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.where_label.setWordWrap(True)
        self.notice_label = QLabel()
        self.notice_label.setObjectName("noticeLabel")
        self.notice_label.setStyleSheet("color: palette(placeholder-text);")
        edit = QPushButton("Edit &schedule…")
        edit.setObjectName("editScheduleButton")
        edit.setToolTip("Date, start and end, place, video link, time zone, status")
        edit.clicked.connect(self.edit_schedule)
        calendar = QPushButton("Save to &calendar…")
        calendar.setObjectName("calendarButton")
        calendar.setToolTip("Save this meeting as an .ics file for Outlook, Google or Apple calendars")
        calendar.clicked.connect(self.save_calendar)

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        top.addWidget(self.notice_label)
        top.addWidget(edit)
        top.addWidget(calendar)
        heading = QHBoxLayout()
        heading.addWidget(self.title_label)
        heading.addSpacing(12)
        heading.addWidget(self.committee_label, 0, Qt.AlignmentFlag.AlignBottom)
        heading.addStretch(1)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("meetingTabs")
        self.tab_widgets: dict[str, QWidget] = {}
        for title, factory in TABS:
            widget = factory(workspace, meeting_id, None)
            self.tabs.addTab(widget, title)
            self.tab_widgets[title.replace("&", "")] = widget

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addLayout(heading)
        layout.addWidget(self.when_label)
        layout.addWidget(self.where_label)
        layout.addSpacing(6)
        layout.addWidget(self.tabs, 1)
        self._detached = False
        workspace.changed.connect(self._changed)
        self.refresh()

    @property
    def agenda(self) -> AgendaTab:
        tab = self.tab_widgets["Agenda"]
        assert isinstance(tab, AgendaTab)
        return tab

    def detach(self) -> None:
        """Stop listening to the workspace (the page closes this view; Qt deletes it later). Safe to call twice."""
        if self._detached:
            return
        self._detached = True
        for tab in self.tab_widgets.values():
            detach = getattr(tab, "detach", None)
            if callable(detach):
                detach()
        self.workspace.changed.disconnect(self._changed)

    def _changed(self, changes: Changes) -> None:
        if Change.MEETINGS in changes or Change.COMMITTEES in changes:
            self.refresh()

    def refresh(self) -> None:
        services = self.workspace.services
        try:
            meeting = services.meetings.get(self.meeting_id)
        except Exception:
            self.title_label.setText("This meeting no longer exists")
            self.when_label.setText("It may have been deleted. Go back to the list of meetings.")
            self.where_label.clear()
            self.tabs.setEnabled(False)
            return
        self.tabs.setEnabled(True)  # back after an undo took the meeting away and a redo returned it
        committee = services.committees.get(meeting.committee_id)
        status = "" if meeting.status.value == "planned" else f"  ·  {meeting.status.label}"
        self.title_label.setText(meeting.title)
        self.committee_label.setText(committee.name)
        self.when_label.setText(describe_schedule(meeting) + status)
        place = meeting.location or "No location set"
        link = f"  ·  Video: {meeting.virtual_link}" if meeting.virtual_link else ""
        self.where_label.setText(place + link)

    def edit_schedule(self) -> ScheduleDialog:
        dialog = ScheduleDialog(self.workspace, Mode.EDIT, meeting_id=self.meeting_id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def save_calendar(self, target: Path | None = None) -> None:
        if target is None:
            meeting = self.workspace.services.meetings.get(self.meeting_id)
            name = f"{meeting.title} {meeting.starts_at:%Y-%m-%d}.ics".replace("/", "-")
            chosen, _filter = QFileDialog.getSaveFileName(self, "Save to calendar", name, "Calendar files (*.ics)")
            if not chosen:
                return
            target = Path(chosen)
        meeting_id = self.meeting_id

        def failed(error: BaseException) -> None:
            text = str(error) if isinstance(error, ExportError) else user_message(error)
            QMessageBox.warning(self, "Save to calendar", text)

        path = target
        op = self.workspace.op(
            self, lambda s: s.meetings.export_ics(target=path, meeting_id=meeting_id), changes=(), title="Save calendar"
        )
        op.success(lambda r: self.notice_label.setText(f"Saved to {r.path}")).failure(failed).run()
