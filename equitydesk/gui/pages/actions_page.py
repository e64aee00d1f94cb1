"""The chair's follow-up list: ready views, free filters, counts by status, bulk edits and the progress log."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QTableView,
    QToolButton,
    QWidget,
)

from equitydesk.domain.enums import ActionStatus, Priority
from equitydesk.gui.commands import CommandId, CommandRegistry
from equitydesk.gui.display import AMBER, RED, format_value, tone_of
from equitydesk.gui.pages.list_page import ListPage
from equitydesk.gui.widgets.action_log import ActionLogPanel
from equitydesk.gui.widgets.flow_layout import FlowLayout
from equitydesk.gui.widgets.search_field import SearchField
from equitydesk.gui.workspace import Change
from equitydesk.services.actions.views import VIEWS

if TYPE_CHECKING:
    from equitydesk.gui.dialogs.action_bulk_dialog import ActionBulkDialog
    from equitydesk.gui.dialogs.action_dialog import ActionDialog
    from equitydesk.gui.dialogs.action_import_dialog import ActionImportDialog
    from equitydesk.gui.workspace import Changes
    from equitydesk.services.action_import import ActionImportResult
    from equitydesk.services.registry import Services

COMBO_MAX_WIDTH = 300
# The words of the When column (services/actions/items.py) and their colours: the word is always there too.
WHEN_TONES = {"Overdue": RED, "Due today": AMBER, "Due soon": AMBER}
BULK_COMMANDS = (CommandId.ACTION_STATUS, CommandId.ACTION_OWNERS, CommandId.ACTION_DUE)


# The home page's figures name the lists behind them; "due this week" is the next-7-days view.
HOME_VIEWS = {"overdue": "overdue", "due_week": "due_7"}


class ActionsPage(ListPage):
    title = "Action items"
    service_name = "actions"
    noun = ("action item", "action items")
    columns = ("due_state", "title", "owner", "due_on", "status", "priority", "committee", "strategy", "meeting",
               "completed_on", "status_reason")  # fmt: skip
    column_widths = {"due_state": 90, "owner": 170, "due_on": 100, "status": 95, "priority": 70, "committee": 150,
                     "strategy": 170, "meeting": 200, "completed_on": 100, "status_reason": 200}  # fmt: skip
    stretch_column = "title"
    fixed_columns = ("due_state", "due_on", "status", "priority")
    hidden_columns = ("meeting", "completed_on", "status_reason")
    key_minimum = 240
    default_sort = "due_on"
    search_placeholder = "Search action, details, owner…"
    empty_text = "No action items yet. Use New action item to write one down."
    listens = frozenset({Change.ACTIONS, Change.PEOPLE, Change.COMMITTEES, Change.PLANS, Change.MEETINGS})
    nav_action = CommandId.GO_ACTIONS

    dialog: ActionDialog | None = None
    bulk_dialog: ActionBulkDialog | None = None
    import_dialog: ActionImportDialog | None = None

    def __init__(self, commands: CommandRegistry | None = None, parent: QWidget | None = None) -> None:
        super().__init__(commands, parent)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.model.tone = self._tone
        self.model.count_changed.connect(lambda _n: self._show_status_counts())
        self._apply_view(0)

    # --- building --------------------------------------------------------------------------------------------

    def build_buttons(self, row: FlowLayout) -> None:
        for action_id, handler in (
            (CommandId.ADD_ACTION, self.add_action),
            (CommandId.EDIT_ACTION, self.edit_action),
            (CommandId.ACTION_STATUS, lambda: self.open_bulk("status")),
            (CommandId.ACTION_OWNERS, lambda: self.open_bulk("owners")),
            (CommandId.ACTION_DUE, lambda: self.open_bulk("due")),
        ):
            self.commands.bind(action_id, handler)
            button = QToolButton()
            button.setDefaultAction(self.commands[action_id])
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            row.addWidget(button)
        self.commands.bind(CommandId.ACTION_NOTE, lambda: self.open_bulk("note"))
        self.commands.bind(CommandId.IMPORT_ACTIONS, self.import_tracker)
        self.commands.enable(
            False,
            CommandId.IMPORT_ACTIONS,
            CommandId.ADD_ACTION,
            CommandId.EDIT_ACTION,
            CommandId.ACTION_NOTE,
            *BULK_COMMANDS,
        )

    def build_filters(self, row: FlowLayout) -> None:
        self.view_combo = self._combo("viewCombo", "A ready view of the items")
        for view in VIEWS:
            self.view_combo.addItem(view.label, view.key)
        self.view_combo.currentIndexChanged.connect(self._apply_view)
        self.status_combo = self._combo("statusCombo", "Only items with this status")
        self.status_combo.addItem("Any status", None)
        for value, label in ActionStatus.choices():
            self.status_combo.addItem(label, value)
        self.priority_combo = self._combo("priorityCombo", "Only items of this priority")
        self.priority_combo.addItem("Any priority", None)
        for value, label in Priority.choices():
            self.priority_combo.addItem(label, value)
        self.committee_combo = self._combo("committeeCombo", "Only this committee's items")
        self.committee_combo.addItem("All committees", None)
        self.owner_field = SearchField("Owner")
        self.owner_field.setObjectName("ownerField")
        self.owner_field.setToolTip("Only items one of whose owners has this in their name")
        self.owner_field.setMaximumWidth(150)
        self.owner_field.search_changed.connect(lambda _t: self._apply_filters())
        for widget in (self.view_combo, self.status_combo, self.priority_combo, self.committee_combo):
            row.addWidget(widget)
        for widget in (self.status_combo, self.priority_combo, self.committee_combo):
            widget.currentIndexChanged.connect(lambda _i: self._apply_filters())
        row.addWidget(self.owner_field)
        self.status_counts = QLabel()
        self.status_counts.setObjectName("statusCounts")
        self.status_counts.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.status_counts)

    def _combo(self, name: str, tip: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setToolTip(tip)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.setMaximumWidth(COMBO_MAX_WIDTH)
        return combo

    def build_body(self, table: QTableView) -> QWidget:
        self.log = ActionLogPanel(self.commands)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("actionsSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(table)
        splitter.addWidget(self.log)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        return splitter

    # --- filters ---------------------------------------------------------------------------------------------

    def filters(self) -> dict[str, Any]:
        return {
            "view": self.view_combo.currentData(),
            "status": self.status_combo.currentData(),
            "priority": self.priority_combo.currentData(),
            "committee_id": self.committee_combo.currentData(),
            "owner": self.owner_field.text().strip() or None,
        }

    def _apply_filters(self) -> None:
        if self.services is not None:
            self.model.set_filters(self.filters())

    def _apply_view(self, index: int) -> None:
        """A view brings its own sort (by owner, by strategy …); the header then shows it."""
        view = VIEWS[max(index, 0)]
        self.model.set_sort_key(view.sort, descending=view.descending)
        self._sync_sort_indicator()
        if self.services is not None:
            self.model.set_filters(self.filters())
            self.model.refresh()

    def apply_view(self, name: str) -> None:
        """The home page's click-through ("overdue", "due_week"): that ready view of the chosen committee's items,
        with no other filter left over to hide some of them."""
        index = self.view_combo.findData(HOME_VIEWS.get(name, name))
        if index < 0:
            return
        chosen = self.workspace.chosen_committee() if self.workspace is not None else None
        combos = (self.view_combo, self.status_combo, self.priority_combo, self.committee_combo)
        for combo in combos:
            combo.blockSignals(True)  # one query for the whole change, not one per combo
        self.view_combo.setCurrentIndex(index)
        self.status_combo.setCurrentIndex(0)
        self.priority_combo.setCurrentIndex(0)
        self.committee_combo.setCurrentIndex(max(self.committee_combo.findData(chosen), 0) if chosen is not None else 0)
        for combo in combos:
            combo.blockSignals(False)
        for field in (self.owner_field, self.search):
            if field.text():
                field.clear()
                field.flush()
        self._apply_view(index)

    def _sync_sort_indicator(self) -> None:
        view = VIEWS[max(self.view_combo.currentIndex(), 0)]
        column = self.model.column_of(self.model.sort_key) if self.model.sort_key else -1
        order = Qt.SortOrder.DescendingOrder if view.descending else Qt.SortOrder.AscendingOrder
        header = self.table.horizontalHeader()
        header.blockSignals(True)  # the model is already sorted this way; do not query twice
        header.setSortIndicator(column, order)
        header.blockSignals(False)

    def _narrowed(self) -> bool:
        return any(v for k, v in self.filters().items() if k != "view") or self.view_combo.currentData() != "all"

    def on_services_changed(self, services: Services | None) -> None:
        combo = self.committee_combo
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("All committees", None)
        if services is not None:
            for committee_id, name in services.committees.choices():
                combo.addItem(name, committee_id)
        combo.setCurrentIndex(max(combo.findData(keep) if keep is not None else 0, 0))
        combo.blockSignals(False)
        self.model.set_filters(self.filters())
        self.log.services = services

    def on_changes(self, changes: Changes) -> None:
        if Change.COMMITTEES in changes:
            self.on_services_changed(self.services)
        self.refresh()

    def _show_status_counts(self) -> None:
        """Counts for what is listed, by status, and how many of them are overdue: two aggregate queries."""
        service = self.services.actions if self.services is not None else None
        if service is None:
            self.status_counts.setText("")
            return
        query = self.model.query()
        counts = service.status_counts(query)
        overdue = service.overdue_count(query)
        parts = [f"{status.label} {n}" for status, n in counts.items()]
        self.status_counts.setText(" · ".join(parts) + (f"   ⚠ {overdue} overdue" if overdue else ""))
        self.status_counts.setStyleSheet(f"color: {RED};" if overdue else "color: palette(placeholder-text);")

    def _tone(self, key: str, value: Any, row: Mapping[str, Any]) -> str | None:
        when = WHEN_TONES.get(str(row.get("due_state") or ""))
        if key in ("due_state", "due_on") and when is not None:
            return when
        return tone_of(value)

    # --- selection and commands ------------------------------------------------------------------------------

    def on_selection_changed(self) -> None:
        ids = self.selected_ids()
        one = ids[0] if len(ids) == 1 else None
        self.commands.enable(self.services is not None, CommandId.ADD_ACTION, CommandId.IMPORT_ACTIONS)
        self.commands.enable(one is not None, CommandId.EDIT_ACTION, CommandId.ACTION_NOTE)
        self.commands.enable(bool(ids), *BULK_COMMANDS)
        title = format_value(self.model.row_values(self.model.row_of(one)).get("title")) if one is not None else ""
        self.log.show_item(one, title)
        if len(ids) > 1:
            self.log.heading.setText(f"{len(ids)} items selected: Set status, Set owners or Set due date changes all.")

    def selected_id(self) -> int | None:
        ids = self.selected_ids()
        return ids[0] if len(ids) == 1 else None

    def activate(self, entity_id: int) -> None:
        self.edit_action(entity_id)

    def add_action(self) -> ActionDialog | None:
        committee = self.committee_combo.currentData()
        if committee is None and self.workspace is not None:
            committee = self.workspace.chosen_committee()
        return self._open_dialog(None, committee)

    def edit_action(self, action_id: int | None = None) -> ActionDialog | None:
        action_id = action_id if action_id is not None else self.selected_id()
        return self._open_dialog(action_id, None) if action_id is not None else None

    def _open_dialog(self, action_id: int | None, committee_id: int | None) -> ActionDialog | None:
        if self.workspace is None:
            return None
        from equitydesk.gui.dialogs.action_dialog import ActionDialog

        dialog = ActionDialog(self.workspace, action_id, committee_id=committee_id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda saved_id: self.select_id(saved_id))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def import_tracker(self, path: Path | None = None) -> ActionImportDialog | None:
        """File › Import action items…: choose the tracker, then preview it for a committee and import it."""
        if self.workspace is None:
            return None
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, "Import action items", str(Path.home()), "Spreadsheets (*.xlsx *.xlsm *.csv)"
            )
            if not chosen:
                return None
            path = Path(chosen)
        from equitydesk.gui.dialogs.action_import_dialog import ActionImportDialog

        dialog = ActionImportDialog(self.workspace, path, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(self._imported)
        dialog.finished.connect(lambda _r: setattr(self, "import_dialog", None))
        self.import_dialog = dialog
        dialog.open()
        dialog.read()
        return dialog

    def _imported(self, result: ActionImportResult) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(
                f"Imported action items: {result.plan.summary().line(', ')}. Edit › Undo takes it back whole "
                f"(later too: Roster › Undo an import…, number {result.batch_id}).",
                20000,
            )

    def open_bulk(self, kind: str, status: ActionStatus | None = None) -> ActionBulkDialog | None:
        ids = self.selected_ids()
        if self.workspace is None or not ids or (kind == "note" and len(ids) != 1):
            return None
        from equitydesk.gui.dialogs.action_bulk_dialog import ActionBulkDialog

        dialog = ActionBulkDialog(
            self.workspace, ids, kind, committee_id=self.committee_combo.currentData(), status=status, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _r: self.on_selection_changed())
        dialog.finished.connect(lambda _r: setattr(self, "bulk_dialog", None))
        self.bulk_dialog = dialog
        dialog.open()
        return dialog
