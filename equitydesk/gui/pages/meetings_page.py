"""Meetings of every committee, newest first; opening one shows it in the page, with a Back button to the list."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QStackedWidget, QToolButton, QVBoxLayout, QWidget

from equitydesk.formats.errors import ExportError
from equitydesk.gui.commands import CommandId, CommandRegistry
from equitydesk.gui.display import plural
from equitydesk.gui.jobs import user_message
from equitydesk.gui.pages.list_page import ListPage
from equitydesk.gui.workspace import Change

if TYPE_CHECKING:
    from equitydesk.gui.meeting.meeting_view import MeetingView
    from equitydesk.gui.meeting.schedule_dialog import ScheduleDialog
    from equitydesk.gui.widgets.flow_layout import FlowLayout
    from equitydesk.services.registry import Services

COMMANDS = (CommandId.NEW_MEETING, CommandId.OPEN_MEETING, CommandId.COPY_MEETING, CommandId.MEETING_SERIES,
            CommandId.MEETINGS_CALENDAR)  # fmt: skip


class MeetingsPage(ListPage):
    title = "Meetings"
    service_name = "meetings"
    noun = ("meeting", "meetings")
    columns = ("starts_at", "title", "committee", "location", "status", "minutes_status", "agenda_items", "attended")
    column_widths = {
        "starts_at": 150,
        "committee": 250,
        "location": 210,
        "status": 80,
        "minutes_status": 80,
        "attended": 90,
    }
    stretch_column = "title"
    fixed_columns = ("starts_at", "status", "minutes_status")
    hidden_columns = ("agenda_items",)
    default_sort = "starts_at"
    default_descending = True
    search_placeholder = "Search title, committee, place…"
    empty_text = "No meetings yet."
    listens = frozenset({Change.MEETINGS, Change.COMMITTEES})
    nav_action = CommandId.GO_MEETINGS

    dialog: ScheduleDialog | None = None

    def __init__(self, commands: CommandRegistry | None = None, parent: QWidget | None = None) -> None:
        super().__init__(commands, parent)
        # The list and one open meeting take turns in the page: the layout ListPage built moves into list_box
        # (setLayout on another widget reparents it), and a stack shows the list or the meeting.
        self.list_box = QWidget()
        self.list_box.setLayout(self.layout())
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_box)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.view: MeetingView | None = None

    def build_buttons(self, row: FlowLayout) -> None:
        handlers = {
            CommandId.NEW_MEETING: self.new_meeting,
            CommandId.OPEN_MEETING: self.open_selected,
            CommandId.COPY_MEETING: self.copy_meeting,
            CommandId.MEETING_SERIES: self.new_series,
            CommandId.MEETINGS_CALENDAR: self.save_calendar,
        }
        for action_id in COMMANDS:
            if action_id is not CommandId.NEW_MEETING:  # the main window binds it: it shows this page first
                self.commands.bind(action_id, handlers[action_id])
            button = QToolButton()
            button.setDefaultAction(self.commands[action_id])
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            row.addWidget(button)
        self.commands.enable(False, *COMMANDS)

    # --- the database ----------------------------------------------------------------------------------------

    def on_services_changed(self, services: Services | None) -> None:
        # Another database: an open meeting belongs to the one before, so the page goes back to its list.
        self.stack.setCurrentWidget(self.list_box)
        self._drop_view()
        self.commands.enable(services is not None, CommandId.NEW_MEETING, CommandId.COPY_MEETING,
                             CommandId.MEETING_SERIES, CommandId.MEETINGS_CALENDAR)  # fmt: skip

    def on_selection_changed(self) -> None:
        self.commands.enable(self.selected_id() is not None, CommandId.OPEN_MEETING)

    # --- one meeting -----------------------------------------------------------------------------------------

    def activate(self, entity_id: int) -> None:
        self.open_meeting(entity_id)

    def open_selected(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id is not None:
            self.open_meeting(meeting_id)

    def open_meeting(self, meeting_id: int) -> MeetingView | None:
        """Show the meeting in place of the list (Back returns to the list, with the meeting selected)."""
        if self.workspace is None:
            return None
        from equitydesk.gui.meeting.meeting_view import MeetingView  # late: not needed to show the window

        self._drop_view()
        view = MeetingView(self.workspace, meeting_id)
        view.back_requested.connect(self.show_list)
        self.view = view
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        view.agenda.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return view

    def show_list(self) -> None:
        shown = self.view.meeting_id if self.view is not None else None
        self.stack.setCurrentWidget(self.list_box)
        self._drop_view()
        if shown is not None and self.services is not None:
            self.select_id(shown)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def apply_view(self, name: str) -> None:
        """The home page's click-through ("upcoming"): the list, newest first so the upcoming meetings lead, with
        the chosen committee's next meeting selected."""
        if name != "upcoming" or self.services is None:
            return
        self.stack.setCurrentWidget(self.list_box)
        self._drop_view()
        if self.search.text():
            self.search.clear()
            self.search.flush()
        self.model.sort(self.model.column_of("starts_at"), Qt.SortOrder.DescendingOrder)
        self._sync_sort_indicator()
        chosen = self.workspace.chosen_committee() if self.workspace is not None else None
        upcoming = self.services.home.figures(committee_id=chosen).next_meeting if chosen is not None else None
        if upcoming is not None:
            self.select_id(upcoming.id)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _drop_view(self) -> None:
        if self.view is not None:
            self.stack.removeWidget(self.view)
            self.view.detach()
            self.view.deleteLater()
            self.view = None

    # --- scheduling ------------------------------------------------------------------------------------------

    def new_meeting(self) -> ScheduleDialog | None:
        from equitydesk.gui.meeting.schedule_dialog import Mode

        shown = self.view.meeting_id if self.view is not None else self.selected_id()
        return self._schedule(Mode.NEW, like=shown)

    def copy_meeting(self) -> ScheduleDialog | None:
        from equitydesk.gui.meeting.schedule_dialog import Mode

        shown = self.view.meeting_id if self.view is not None else self.selected_id()
        return self._schedule(Mode.COPY, meeting_id=shown, like=shown)

    def new_series(self) -> ScheduleDialog | None:
        from equitydesk.gui.meeting.schedule_dialog import Mode

        return self._schedule(Mode.SERIES)

    def _schedule(
        self, mode: object, *, meeting_id: int | None = None, like: int | None = None
    ) -> ScheduleDialog | None:
        """The schedule dialog, for the committee of the meeting shown or selected (`like`) if any."""
        if self.workspace is None:
            return None
        from equitydesk.gui.meeting.schedule_dialog import Mode, ScheduleDialog

        assert isinstance(mode, Mode)
        committee_id = self.services.meetings.get(like).committee_id if like and self.services else None
        dialog = ScheduleDialog(self.workspace, mode, meeting_id=meeting_id, committee_id=committee_id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.open_meeting)
        self.dialog = dialog
        dialog.open()
        return dialog

    def save_calendar(self, target: Path | None = None) -> None:
        """The upcoming meetings of the committee chosen on the roster (of every committee when none is)."""
        workspace = self.workspace
        if workspace is None:
            return
        committee_id = workspace.chosen_committee()
        if target is None:
            chosen, _filter = QFileDialog.getSaveFileName(self, "Save to calendar", "meetings.ics", "Calendar (*.ics)")
            if not chosen:
                return
            target = Path(chosen) if chosen.lower().endswith(".ics") else Path(chosen + ".ics")
        path = target

        def failed(error: BaseException) -> None:
            text = str(error) if isinstance(error, ExportError) else user_message(error)
            QMessageBox.warning(self, "Save to calendar", text)

        op = workspace.op(self, lambda s: s.meetings.export_ics(target=path, committee_id=committee_id), changes=(),
                          title="Save meetings to calendar")  # fmt: skip
        op.success(lambda r: self.count_label.setText(f"Saved {plural(r.meetings, 'upcoming meeting')} to {r.path}"))
        op.failure(failed).run()
