"""Action items across committees: who does what by when, open or overdue ones first."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox

from equitydesk.domain.enums import OPEN_ACTION_STATUSES
from equitydesk.gui.commands import CommandId
from equitydesk.gui.display import RED, tone_of
from equitydesk.gui.pages.list_page import ListPage
from equitydesk.gui.widgets.flow_layout import FlowLayout
from equitydesk.gui.workspace import Change

if TYPE_CHECKING:
    from equitydesk.services.registry import Services

# (label, filters): the service filters "open" and "overdue" do the work in SQL.
SCOPES = (
    ("Open items", {"open": True, "overdue": None}),
    ("Overdue items", {"open": True, "overdue": True}),
    ("All items", {"open": None, "overdue": None}),
)


class ActionsPage(ListPage):
    title = "Action items"
    service_name = "actions"
    noun = ("action item", "action items")
    columns = ("title", "owner", "due_on", "status", "priority", "committee", "strategy")
    column_widths = {"owner": 150, "due_on": 95, "status": 85, "priority": 65, "committee": 170, "strategy": 160}
    stretch_column = "title"
    fixed_columns = ("due_on", "status", "priority")
    key_minimum = 240
    default_sort = "due_on"
    search_placeholder = "Search action, details, owner…"
    empty_text = "No action items yet."
    listens = frozenset({Change.ACTIONS, Change.PEOPLE, Change.COMMITTEES, Change.PLANS})
    nav_action = CommandId.GO_ACTIONS

    def build_filters(self, row: FlowLayout) -> None:
        self.model.tone = self._tone
        self.scope_combo = QComboBox()
        self.scope_combo.setObjectName("scopeCombo")
        self.scope_combo.setToolTip("Which action items to list")
        for label, _filters in SCOPES:
            self.scope_combo.addItem(label)
        self.scope_combo.currentIndexChanged.connect(self._scope_changed)
        row.addWidget(self.scope_combo)
        self.model.set_filters(SCOPES[0][1])

    def on_services_changed(self, services: Services | None) -> None:
        self.model.set_filters(SCOPES[self.scope_combo.currentIndex()][1])

    def _scope_changed(self, index: int) -> None:
        self.model.set_filters(SCOPES[index][1])

    def _tone(self, key: str, value: Any, row: Mapping[str, Any]) -> str | None:
        """Overdue due dates in red, measured against the services' today (tests and demos pin it)."""
        if key == "due_on" and value is not None and row.get("status") in OPEN_ACTION_STATUSES:
            today = self.services.ctx.today() if self.services is not None else date.today()
            if value < today:
                return RED
        return tone_of(value)
