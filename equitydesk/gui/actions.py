"""Every command of the window as one QAction, declared once and looked up by an enum, so windows stay small."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, auto
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QIcon, QKeySequence

from equitydesk.paths import resource_path


class ActionId(Enum):
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


Shortcut = QKeySequence.StandardKey | str | None


@dataclass(frozen=True)
class ActionSpec:
    text: str
    tip: str = ""
    shortcut: Shortcut = None
    icon: str | None = None  # an SVG in resources/icons, without the suffix


SPECS: dict[ActionId, ActionSpec] = {
    ActionId.NEW_DATABASE: ActionSpec("&New database…", "Start an empty database file", QKeySequence.StandardKey.New),
    ActionId.OPEN_DATABASE: ActionSpec("&Open…", "Open another database file", QKeySequence.StandardKey.Open),
    ActionId.CLEAR_RECENT: ActionSpec("&Clear this list", "Forget the recently opened files"),
    ActionId.QUIT: ActionSpec("&Quit", "Close EquityDesk", QKeySequence.StandardKey.Quit),
    ActionId.GO_ROSTER: ActionSpec("&Roster", "People and their committee memberships", "Ctrl+1", "roster"),
    ActionId.GO_MEETINGS: ActionSpec("&Meetings", "Meetings of every committee", "Ctrl+2", "meetings"),
    ActionId.GO_ACTIONS: ActionSpec("&Action items", "Who does what by when", "Ctrl+3", "actions"),
    ActionId.GO_ROADMAP: ActionSpec("Road&map", "Strategies of the plans and their status", "Ctrl+4", "roadmap"),
    ActionId.FIND: ActionSpec("&Search", "Search this page", QKeySequence.StandardKey.Find),
    ActionId.REFRESH: ActionSpec("Re&fresh", "Read the lists again from the file", QKeySequence.StandardKey.Refresh),
    ActionId.ADD_PERSON: ActionSpec("&Add person…", "Add someone to the roster", "Ctrl+Shift+N", "add"),
    ActionId.EDIT_PERSON: ActionSpec("&Edit person…", "Edit the selected person (or double-click them)", None, "edit"),
    ActionId.ARCHIVE_PERSON: ActionSpec(
        "A&rchive", "Hide the selected person from the roster; their history is kept", None, "archive"
    ),
    ActionId.ADD_MEMBERSHIP: ActionSpec("Add &membership…", "Put the selected person on a committee"),
    ActionId.EDIT_MEMBERSHIP: ActionSpec("Edit membership…", "Change the selected membership"),
    ActionId.REMOVE_MEMBERSHIP: ActionSpec("Remove membership", "Take the person off that committee"),
    ActionId.ABOUT: ActionSpec("&About EquityDesk"),
    ActionId.MERGE_PEOPLE: ActionSpec(
        "Mer&ge people…", "Combine two records of the same person (select both rows first)", "Ctrl+Shift+M"
    ),
    ActionId.RESTORE_PERSON: ActionSpec("Res&tore", "Bring the selected archived person back to the roster"),
    ActionId.REPRESENTATION: ActionSpec(
        "Re&presentation…", "Who is at the table: members by group, school and language, against targets"
    ),
    ActionId.EXPORT_ROSTER: ActionSpec("&Export roster to Excel…", "Save a committee's roster as an .xlsx file"),
    ActionId.PRINT_DIRECTORY: ActionSpec(
        "Print member &directory…", "A PDF list of a committee's members, public or with contact details"
    ),
    ActionId.PRINT_SIGNIN: ActionSpec("Print &sign-in sheet…", "A PDF sign-in sheet for a committee's meeting"),
    ActionId.IMPORT_ROSTER: ActionSpec(
        "&Import roster…", "Add or update people from an Excel or CSV roster, after a preview", "Ctrl+I"
    ),
    ActionId.UNDO_IMPORT: ActionSpec("&Undo an import…", "Take back a roster import: what it added and changed"),
}


def icon(name: str) -> QIcon:
    path = resource_path("icons", f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()


class ActionRegistry(QObject):
    """Creates each QAction on first use; `registry[ActionId.OPEN_DATABASE]` is the same object everywhere."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._actions: dict[ActionId, QAction] = {}

    def __getitem__(self, action_id: ActionId) -> QAction:
        action = self._actions.get(action_id)
        if action is None:
            action = self._actions[action_id] = self._make(action_id)
        return action

    def _make(self, action_id: ActionId) -> QAction:
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

    def bind(self, action_id: ActionId, handler: Callable[..., Any]) -> QAction:
        """Run handler() when the action is triggered (menu, button or shortcut); returns the action."""
        action = self[action_id]
        action.triggered.connect(lambda _checked=False: handler())
        return action

    def enable(self, enabled: bool, *action_ids: ActionId) -> None:
        for action_id in action_ids:
            self[action_id].setEnabled(enabled)
