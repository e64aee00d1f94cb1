"""The committees of the person selected on the roster, with add, edit and remove."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from equitydesk.gui.commands import CommandId, CommandRegistry
from equitydesk.gui.display import format_date, format_value
from equitydesk.gui.widgets.side_table import side_table
from equitydesk.gui.workspace import ROSTER

if TYPE_CHECKING:
    from equitydesk.gui.dialogs.membership_dialog import MembershipDialog
    from equitydesk.gui.workspace import Workspace
    from equitydesk.services.records import PersonMembership
    from equitydesk.services.registry import Services

HEADERS = ("Committee", "Role", "Stakeholder group", "Voting", "Term", "Status")
WIDTHS = (260, 120, 190, 70, 230)


def term_text(start: Any, end: Any) -> str:
    if start and end:
        return f"{format_date(start)} – {format_date(end)}"
    if start:
        return f"from {format_date(start)}"
    if end:
        return f"until {format_date(end)}"
    return "open-ended"


class MembershipsPanel(QWidget):
    """A person has few memberships, so a plain QTableWidget filled on each selection is enough here.

    Writes go through the workspace; the roster page hears of them there and shows the person again.
    """

    def __init__(self, commands: CommandRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.commands = commands
        self.workspace: Workspace | None = None
        self.person_id: int | None = None
        self.person_name = ""
        self.dialog: MembershipDialog | None = None

        self.heading = QLabel()
        self.heading.setObjectName("membershipsHeading")
        self.heading.setStyleSheet("font-weight: bold;")
        # A long name must not widen the whole window: the heading gives way to the buttons.
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.table = side_table(HEADERS, WIDTHS)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._update_actions)
        self.table.itemActivated.connect(lambda _item: self.edit_membership())

        buttons = QHBoxLayout()
        buttons.addWidget(self.heading, 1)
        for action_id, handler in (
            (CommandId.ADD_MEMBERSHIP, self.add_membership),
            (CommandId.EDIT_MEMBERSHIP, self.edit_membership),
            (CommandId.REMOVE_MEMBERSHIP, self.remove_membership),
        ):
            commands.bind(action_id, handler)
            button = QToolButton()
            button.setDefaultAction(commands[action_id])
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.show_person(None)

    @property
    def services(self) -> Services | None:
        return self.workspace.services if self.workspace is not None else None

    def set_workspace(self, workspace: Workspace | None) -> None:
        self.workspace = workspace
        self.show_person(None)

    def show_person(self, person_id: int | None, name: str = "") -> None:
        self.person_id = person_id if self.services is not None else None
        self.person_name = name
        self.table.setRowCount(0)
        if self.person_id is None:
            self.heading.setText("Memberships — select a person to see their committees")
        else:
            self.heading.setText(f"Memberships of {name}" if name else "Memberships")
            self._fill(self.services.people.memberships_of(self.person_id))  # type: ignore[union-attr]
        self._update_actions()

    def _fill(self, rows: list[PersonMembership]) -> None:
        self.table.setRowCount(len(rows))
        for row, m in enumerate(rows):
            cells = (
                m.committee_name,
                format_value(m.role),
                format_value(m.stakeholder_group) or "Not recorded",
                format_value(m.voting),
                term_text(m.term_start, m.term_end),
                format_value(m.status),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, m.id)
                self.table.setItem(row, column, item)
        if rows:
            self.table.selectRow(0)

    def selected_membership_id(self) -> int | None:
        items = self.table.selectedItems()
        return int(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def _update_actions(self) -> None:
        self.commands.enable(self.person_id is not None, CommandId.ADD_MEMBERSHIP)
        chosen = self.selected_membership_id() is not None
        self.commands.enable(chosen, CommandId.EDIT_MEMBERSHIP, CommandId.REMOVE_MEMBERSHIP)

    # --- commands --------------------------------------------------------------------------------------------

    def add_membership(self) -> MembershipDialog | None:
        return self._open_dialog(None)

    def edit_membership(self) -> MembershipDialog | None:
        membership_id = self.selected_membership_id()
        return self._open_dialog(membership_id) if membership_id is not None else None

    def _open_dialog(self, membership_id: int | None) -> MembershipDialog | None:
        if self.workspace is None or self.person_id is None:
            return None
        from equitydesk.gui.dialogs.membership_dialog import MembershipDialog  # late: not needed at start-up

        dialog = MembershipDialog(self.workspace, person_id=self.person_id, membership_id=membership_id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def remove_membership(self) -> None:
        membership_id = self.selected_membership_id()
        if self.workspace is None or membership_id is None:
            return
        row = self.table.currentRow()
        committee = self.table.item(row, 0).text() if row >= 0 else "this committee"
        answer = QMessageBox.question(
            self,
            "Remove membership",
            f"Take this person off {committee}? Their attendance and the change log are kept.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.workspace.undoable(
            self,
            f"Remove membership in {committee}",
            do=lambda s: s.memberships.remove(membership_id),
            undo=lambda s, removed: s.memberships.put_back(removed=removed),
            redo=lambda s, record: s.memberships.remove(record.id),
            changes=ROSTER,
            title="Remove membership",
        ).run()
