"""Every command of the window as one QAction (menu, button, shortcut), declared once and looked up by an enum."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, auto
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QIcon, QKeySequence

from equitydesk.paths import resource_path


class CommandId(Enum):
    NEW_DATABASE = auto()
    OPEN_DATABASE = auto()
    CLEAR_RECENT = auto()
    QUIT = auto()
    GO_ROSTER = auto()
    GO_MEETINGS = auto()
    GO_ACTIONS = auto()
    GO_ROADMAP = auto()
    FIND = auto()
    REFRESH = auto()
    ADD_PERSON = auto()
    EDIT_PERSON = auto()
    ARCHIVE_PERSON = auto()
    ADD_MEMBERSHIP = auto()
    EDIT_MEMBERSHIP = auto()
    REMOVE_MEMBERSHIP = auto()
    ABOUT = auto()
    MERGE_PEOPLE = auto()
    RESTORE_PERSON = auto()
    REPRESENTATION = auto()
    EXPORT_ROSTER = auto()
    PRINT_DIRECTORY = auto()
    PRINT_SIGNIN = auto()
    IMPORT_ROSTER = auto()
    UNDO_IMPORT = auto()
    BACKUPS = auto()
    UNDO = auto()
    REDO = auto()
    GO_HOME = auto()
    NEW_MEETING = auto()
    OPEN_MEETING = auto()
    COPY_MEETING = auto()
    MEETING_SERIES = auto()
    MEETINGS_CALENDAR = auto()
    ADD_ACTION = auto()
    EDIT_ACTION = auto()
    ACTION_STATUS = auto()
    ACTION_OWNERS = auto()
    ACTION_DUE = auto()
    ACTION_NOTE = auto()
    EXPORT_ACTIONS = auto()
    PRINT_ACTIONS = auto()
    PRINT_ACTIONS_BY_STRATEGY = auto()
    IMPORT_ACTIONS = auto()
    ERASE_PERSON = auto()


Shortcut = QKeySequence.StandardKey | str | None


@dataclass(frozen=True)
class CommandSpec:
    text: str
    tip: str = ""
    shortcut: Shortcut = None
    icon: str | None = None  # an SVG in resources/icons, without the suffix


SPECS: dict[CommandId, CommandSpec] = {
    CommandId.NEW_DATABASE: CommandSpec("&New database…", "Start an empty database file", QKeySequence.StandardKey.New),
    CommandId.OPEN_DATABASE: CommandSpec("&Open…", "Open another database file", QKeySequence.StandardKey.Open),
    CommandId.CLEAR_RECENT: CommandSpec("&Clear this list", "Forget the recently opened files"),
    CommandId.QUIT: CommandSpec("&Quit", "Close EquityDesk", QKeySequence.StandardKey.Quit),
    CommandId.GO_ROSTER: CommandSpec("&Roster", "People and their committee memberships", "Ctrl+1", "roster"),
    CommandId.GO_MEETINGS: CommandSpec("&Meetings", "Meetings of every committee", "Ctrl+2", "meetings"),
    CommandId.GO_ACTIONS: CommandSpec("&Action items", "Who does what by when", "Ctrl+3", "actions"),
    CommandId.GO_ROADMAP: CommandSpec("Road&map", "Strategies of the plans and their status", "Ctrl+4", "roadmap"),
    CommandId.FIND: CommandSpec("&Search", "Search this page", QKeySequence.StandardKey.Find),
    CommandId.REFRESH: CommandSpec("Re&fresh", "Read the lists again from the file", QKeySequence.StandardKey.Refresh),
    CommandId.ADD_PERSON: CommandSpec("&Add person…", "Add someone to the roster", "Ctrl+Shift+P", "add"),
    CommandId.EDIT_PERSON: CommandSpec(
        "&Edit person…", "Edit the selected person (or double-click them)", None, "edit"
    ),
    CommandId.ARCHIVE_PERSON: CommandSpec(
        "A&rchive", "Hide the selected person from the roster; their history is kept", None, "archive"
    ),
    CommandId.ADD_MEMBERSHIP: CommandSpec("Add &membership…", "Put the selected person on a committee"),
    CommandId.EDIT_MEMBERSHIP: CommandSpec("Edit membership…", "Change the selected membership"),
    CommandId.REMOVE_MEMBERSHIP: CommandSpec("Remove membership", "Take the person off that committee"),
    CommandId.ABOUT: CommandSpec("&About EquityDesk"),
    CommandId.MERGE_PEOPLE: CommandSpec(
        "Mer&ge people…", "Combine two records of the same person (select both rows first)", "Ctrl+Shift+M"
    ),
    CommandId.RESTORE_PERSON: CommandSpec("Res&tore", "Bring the selected archived person back to the roster"),
    CommandId.REPRESENTATION: CommandSpec(
        "Re&presentation…", "Who is at the table: members by group, school and language, against targets"
    ),
    CommandId.EXPORT_ROSTER: CommandSpec("&Export roster to Excel…", "Save a committee's roster as an .xlsx file"),
    CommandId.PRINT_DIRECTORY: CommandSpec(
        "Print member &directory…", "A PDF list of a committee's members, public or with contact details"
    ),
    CommandId.PRINT_SIGNIN: CommandSpec("Print &sign-in sheet…", "A PDF sign-in sheet for a committee's meeting"),
    CommandId.IMPORT_ROSTER: CommandSpec(
        "&Import roster…", "Add or update people from an Excel or CSV roster, after a preview", "Ctrl+I"
    ),
    CommandId.UNDO_IMPORT: CommandSpec("&Undo an import…", "Take back a roster import: what it added and changed"),
    CommandId.BACKUPS: CommandSpec("&Backups…", "The database's backups: back up now, or restore one"),
    CommandId.UNDO: CommandSpec("&Undo", "Take back the last edit", QKeySequence.StandardKey.Undo),
    CommandId.REDO: CommandSpec("&Redo", "Make the edit taken back again", QKeySequence.StandardKey.Redo),
    CommandId.GO_HOME: CommandSpec("&Home", "What needs attention in the chosen committee", "Ctrl+0", "home"),
    CommandId.NEW_MEETING: CommandSpec(
        "New &meeting…", "Schedule a meeting and build its agenda", "Ctrl+Shift+N", "add"
    ),
    CommandId.OPEN_MEETING: CommandSpec(
        "&Open meeting", "Show the selected meeting (or double-click it, or press Enter)"
    ),
    CommandId.COPY_MEETING: CommandSpec(
        "&Copy previous meeting…", "Start the next meeting from an earlier one: its place, times and agenda"
    ),
    CommandId.MEETING_SERIES: CommandSpec(
        "Meeting &series…", "Schedule a meeting every month, such as the second Tuesday, September to June"
    ),
    CommandId.MEETINGS_CALENDAR: CommandSpec(
        "Save upcoming to &calendar…",
        "Save the upcoming meetings (of the committee chosen on the roster) as an .ics file for your calendar",
    ),
    CommandId.ADD_ACTION: CommandSpec("&New action item…", "Write down who will do what by when", None, "add"),
    CommandId.EDIT_ACTION: CommandSpec(
        "&Edit action…", "Edit the selected action item (or double-click it)", None, "edit"
    ),
    CommandId.ACTION_STATUS: CommandSpec("Set &status…", "Mark the selected items done, in progress, blocked …"),
    CommandId.ACTION_OWNERS: CommandSpec("Set &owners…", "Give the selected items to other owners"),
    CommandId.ACTION_DUE: CommandSpec("Set &due date…", "Move the due date of the selected items"),
    CommandId.ACTION_NOTE: CommandSpec("Add &note…", "Write a dated progress note on the selected item"),
    CommandId.EXPORT_ACTIONS: CommandSpec(
        "Export action items to Excel…", "Save a committee's action items and their progress log as an .xlsx file"
    ),
    CommandId.PRINT_ACTIONS: CommandSpec(
        "Print action report by owner…", "A PDF of a committee's action items by owner, overdue first"
    ),
    CommandId.IMPORT_ACTIONS: CommandSpec(
        "Import action &items…", "Bring in a committee's spreadsheet tracker (.xlsx or .csv), after a preview"
    ),
    CommandId.PRINT_ACTIONS_BY_STRATEGY: CommandSpec(
        "Print action report by strategy…", "A PDF of a committee's action items by strategy, overdue first"
    ),
    CommandId.ERASE_PERSON: CommandSpec(
        "Erase person…", "Erase the selected person for good, with their memberships and attendance (not undoable)"
    ),
}

# Commands that change the database: off while it is open read-only (another EquityDesk is its writer).
WRITE_COMMANDS = frozenset(
    {
        CommandId.ADD_PERSON, CommandId.EDIT_PERSON, CommandId.ARCHIVE_PERSON, CommandId.RESTORE_PERSON,
        CommandId.ADD_MEMBERSHIP, CommandId.EDIT_MEMBERSHIP, CommandId.REMOVE_MEMBERSHIP, CommandId.MERGE_PEOPLE,
        CommandId.IMPORT_ROSTER, CommandId.UNDO_IMPORT, CommandId.BACKUPS, CommandId.ERASE_PERSON,
        CommandId.NEW_MEETING, CommandId.COPY_MEETING, CommandId.MEETING_SERIES,
        CommandId.ADD_ACTION, CommandId.EDIT_ACTION, CommandId.ACTION_STATUS, CommandId.ACTION_OWNERS,
        CommandId.ACTION_DUE, CommandId.ACTION_NOTE, CommandId.IMPORT_ACTIONS,
    }
)  # fmt: skip


def icon(name: str) -> QIcon:
    path = resource_path("icons", f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()


class CommandRegistry(QObject):
    """Creates each QAction on first use; `registry[CommandId.OPEN_DATABASE]` is the same object everywhere."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._actions: dict[CommandId, QAction] = {}
        self.read_only = False

    def __getitem__(self, action_id: CommandId) -> QAction:
        action = self._actions.get(action_id)
        if action is None:
            action = self._actions[action_id] = self._make(action_id)
        return action

    def _make(self, action_id: CommandId) -> QAction:
        spec = SPECS[action_id]
        action = QAction(spec.text, self.parent() or self)
        action.setObjectName(action_id.name.lower())
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(spec.tip)
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        if spec.icon:
            action.setIcon(icon(spec.icon))
        return action

    def bind(self, action_id: CommandId, handler: Callable[..., Any]) -> QAction:
        """Run handler() when the action is triggered (menu, button or shortcut); returns the action."""
        action = self[action_id]
        action.triggered.connect(lambda _checked=False: handler())
        return action

    def enable(self, enabled: bool, *action_ids: CommandId) -> None:
        for action_id in action_ids:
            self[action_id].setEnabled(enabled and not (self.read_only and action_id in WRITE_COMMANDS))

    def set_read_only(self, read_only: bool) -> None:
        """A read-only database: every command that writes is off until another database is opened."""
        self.read_only = read_only
        for action_id in WRITE_COMMANDS:
            if read_only:
                self[action_id].setEnabled(False)
