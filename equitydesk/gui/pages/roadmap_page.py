"""The roadmap: every strategy (searchable), and the chosen plan as a tree to edit, with the selected node's detail."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from equitydesk.domain.enums import RagStatus
from equitydesk.gui.commands import CommandId
from equitydesk.gui.pages.list_page import ListPage
from equitydesk.gui.roadmap.detail_pane import DetailPane
from equitydesk.gui.widgets.flow_layout import FlowLayout
from equitydesk.gui.workspace import Change, Changes

if TYPE_CHECKING:
    from equitydesk.gui.jobs import Job

KEY = Qt.ItemDataRole.UserRole
COLOURS = {RagStatus.ON_TRACK: "#1b7f3b", RagStatus.AT_RISK: "#9a6700", RagStatus.OFF_TRACK: "#b42318",
           RagStatus.ACHIEVED: "#0b5cad"}  # fmt: skip
# What each kind's "Add" makes under it, and the words of the new node.
CHILD = {"plan": "strategy", "strategy": "goal", "goal": "indicator"}


class RoadmapPage(ListPage):
    title = "Roadmap"
    service_name = "strategies"
    noun = ("strategy", "strategies")
    columns = ("plan", "code", "title", "lead", "status", "goals")
    column_widths = {"plan": 200, "code": 50, "lead": 160, "status": 90, "goals": 60}
    stretch_column = "title"
    fixed_columns = ("code", "status", "goals")
    default_sort = "plan"
    search_placeholder = "Search strategy, code, plan, lead…"
    empty_text = "No plans or strategies yet. Start one with “New plan from template…”."
    listens = frozenset({Change.PLANS, Change.ACTIONS})
    nav_action = CommandId.GO_ROADMAP

    def build_buttons(self, row: FlowLayout) -> None:
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("new_plan", "New plan from template…", self.new_plan),
            ("add_strategy", "Add strategy", lambda: self.add_node("strategy")),
            ("add_goal", "Add goal", lambda: self.add_node("goal")),
            ("add_indicator", "Add indicator", lambda: self.add_node("indicator")),
            ("add_milestone", "Add milestone", lambda: self.add_node("milestone")),
            ("up", "Move up", lambda: self.move(-1)),
            ("down", "Move down", lambda: self.move(1)),
            ("delete", "Delete", self.delete_node),
            ("progress_report", "Save progress report…", self.save_progress_report),
            ("export_plan", "Export to Excel…", self.export_plan),
        ):
            button = QPushButton(text)
            button.setObjectName(key)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[key] = button
        self._add_import_button(row)

    def build_filters(self, row: FlowLayout) -> None:
        self.plan_combo = QComboBox()
        self.plan_combo.setObjectName("planCombo")
        self.plan_combo.setMinimumWidth(260)
        self.plan_combo.currentIndexChanged.connect(lambda _i: self.show_plan())
        row.addWidget(self.plan_combo)

    def build_body(self, table: QTableView) -> QWidget:
        self.tree = QTreeWidget()
        self.tree.setObjectName("planTree")
        self.tree.setHeaderLabels(["Plan / strategy / goal / indicator", "Status"])
        self.tree.setColumnWidth(0, 380)
        self.tree.currentItemChanged.connect(lambda _a, _b: self.show_detail())
        self.detail = DetailPane()
        self.detail.decider_clicked.connect(self.select_node)
        self.plan_status: Any = None
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(table)
        left.addWidget(self.tree)
        left.setSizes([160, 420])
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(left)
        body.addWidget(self.detail)
        body.setSizes([520, 560])
        return body

    # --- reading -----------------------------------------------------------------------------------------------

    def on_services_changed(self, services: Any) -> None:
        self._fill_plans()

    def on_changes(self, changes: Changes) -> None:
        super().on_changes(changes)
        self._fill_plans()

    def _fill_plans(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self.plan_combo.currentData()
        self.plan_combo.blockSignals(True)
        self.plan_combo.clear()
        if self.services is not None:
            plans = self.services.plans
            for plan_id in plans.list_ids():
                self.plan_combo.addItem(plans.get(plan_id).name, plan_id)
        index = self.plan_combo.findData(keep)
        self.plan_combo.setCurrentIndex(index if index >= 0 else (0 if self.plan_combo.count() else -1))
        self.plan_combo.blockSignals(False)
        self.show_plan()

    def on_selection_changed(self) -> None:
        """A strategy chosen in the list: show its plan's tree with that strategy selected."""
        strategy_id = self.selected_id()
        if strategy_id is None or self.services is None:
            return
        plan_id = self.services.strategies.get(strategy_id).plan_id
        if plan_id != self.plan_combo.currentData():
            self.plan_combo.setCurrentIndex(self.plan_combo.findData(plan_id))
        self.select_node("strategy", strategy_id)

    def show_plan(self) -> None:
        """Read the chosen plan's status tree again, keeping the selected node when it still exists."""
        current = self.current_key()
        self.tree.blockSignals(True)
        self.tree.clear()
        plan_id = self.plan_combo.currentData()
        self.plan_status = None
        if self.services is not None and plan_id is not None:
            self.plan_status = self.services.roadmap_status.plan_status(plan_id=plan_id)
            items: dict[tuple[str, int], QTreeWidgetItem] = {}
            for node in self.plan_status.nodes:
                label = f"{node.code}  {node.title}" if node.code else node.title
                if node.kind == "milestone":
                    label = f"◆ {label}"
                item = QTreeWidgetItem([label, node.status.label + (" ✎" if node.overridden else "")])
                item.setData(0, KEY, (node.kind, node.id))
                item.setToolTip(0, node.title)
                item.setToolTip(1, node.reason)
                if node.status in COLOURS:
                    item.setForeground(1, QBrush(QColor(COLOURS[node.status])))
                parent = items.get((node.parent_kind, node.parent_id)) if node.parent_kind else None
                (parent.addChild(item) if parent else self.tree.addTopLevelItem(item))
                items[(node.kind, node.id)] = item
            self.tree.expandAll()
        self.tree.blockSignals(False)
        if current is None or not self.select_node(*current):
            top = self.tree.topLevelItem(0)
            if top is not None:
                self.tree.setCurrentItem(top)
            else:
                self.show_detail()
        self._enable()

    def current_key(self) -> tuple[str, int] | None:
        item = self.tree.currentItem()
        return tuple(item.data(0, KEY)) if item is not None else None  # type: ignore[return-value]

    def select_node(self, kind: str, node_id: int) -> bool:
        for item in self._items():
            if tuple(item.data(0, KEY)) == (kind, node_id):
                self.tree.setCurrentItem(item)
                return True
        return False

    def _items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            out.append(item)
            stack[0:0] = [item.child(i) for i in range(item.childCount())]
        return out

    def show_detail(self) -> None:
        key = self.current_key()
        node = self.plan_status.node(*key) if key is not None and self.plan_status is not None else None
        self.detail.show_node(self.workspace, self.plan_status, node)
        self._enable()

    def _enable(self) -> None:
        key = self.current_key()
        kind = key[0] if key else None
        has_db = self.workspace is not None
        self.buttons["new_plan"].setEnabled(has_db)
        self.buttons["import_measurements"].setEnabled(has_db and self.plan_combo.count() > 0)
        self.buttons["add_strategy"].setEnabled(kind is not None)
        self.buttons["add_goal"].setEnabled(kind in ("strategy", "goal", "indicator"))
        self.buttons["add_indicator"].setEnabled(kind in ("goal", "indicator"))
        self.buttons["add_milestone"].setEnabled(kind in ("strategy", "goal", "indicator", "milestone"))
        for name in ("up", "down", "delete"):
            self.buttons[name].setEnabled(kind not in (None, "plan"))
        self.buttons["progress_report"].setEnabled(has_db and self.plan_combo.currentData() is not None)
        self.buttons["export_plan"].setEnabled(has_db and self.plan_combo.currentData() is not None)

    # --- writing -----------------------------------------------------------------------------------------------

    def export_plan(self, _checked: bool = False) -> Job | None:
        """The chosen plan as a workbook: a sheet per level plus measurements, statuses and reasons included."""
        from equitydesk.gui.roadmap.plan_export import PlanExporter

        if not hasattr(self, "plan_exporter"):
            self.plan_exporter = PlanExporter(self)
        return self.plan_exporter.start(self.workspace, self.plan_combo.currentData())

    def save_progress_report(self, _checked: bool = False) -> QDialog | None:
        """The chosen plan's annual progress report: audience and edition, a file, then a job that writes it."""
        from equitydesk.gui.roadmap.progress_report import ProgressReportSaver

        if not hasattr(self, "progress_saver"):
            self.progress_saver = ProgressReportSaver(self)
        return self.progress_saver.start(self.workspace, self.plan_combo.currentData())

    def new_plan(self, _checked: bool = False, *, template: str | None = None) -> QDialog | None:
        from equitydesk.gui.roadmap.dialogs import TemplateDialog
        from equitydesk.services.plan_templates import list_templates

        if self.workspace is None:
            return None
        dialog = TemplateDialog(list_templates(), self)
        if template:
            dialog.choose(template)
        dialog.accepted.connect(lambda: self.create_plan(*dialog.choice()))
        dialog.open()
        return dialog

    def create_plan(self, template: str, name: str) -> None:
        assert self.workspace is not None
        committee = self.workspace.chosen_committee()
        # Undo deletes the new plan with all it was given; redo puts it back under the same ids.
        self.workspace.undoable(self, f"New plan “{name}”",
                                do=lambda s: s.plans.create_from_template(template=template, name=name,
                                                                          committee_id=committee),
                                undo=lambda s, made: s.roadmap.remove_plan_returning(plan_id=made.id),
                                redo=lambda s, removed: s.roadmap.restore(removed=removed),
                                changes=[Change.PLANS], title="Creating the plan") \
            .success(lambda plan: self._fill_plans(plan.id)).run()  # fmt: skip

    def _ancestor(self, kind: str) -> int | None:
        """The id of the selected node's nearest ancestor (or itself) of this kind."""
        node = self.plan_status.node(*self.current_key()) if self.current_key() and self.plan_status else None
        while node is not None and node.kind != kind:
            node = self.plan_status.node(node.parent_kind, node.parent_id) if node.parent_kind else None
        return node.id if node is not None else None

    def add_node(self, kind: str) -> None:
        if self.workspace is None:
            return
        plan_id, strategy_id, goal_id = self._ancestor("plan"), self._ancestor("strategy"), self._ancestor("goal")
        calls = {
            "strategy": lambda s: s.roadmap.add_strategy(plan_id=plan_id, title="New strategy"),
            "goal": lambda s: s.roadmap.add_goal(strategy_id=strategy_id, statement="New goal"),
            "indicator": lambda s: s.roadmap.add_indicator(goal_id=goal_id, name="New indicator"),
            "milestone": lambda s: s.roadmap.add_milestone(strategy_id=strategy_id, goal_id=goal_id,
                                                           title="New milestone"),
        }  # fmt: skip
        # Undo takes the new node back out; redo puts it back under the same id (see services/roadmap_rows.py).
        self.workspace.undoable(self, f"Add {kind}", do=calls[kind],
                                undo=lambda s, made: s.roadmap.remove_returning(node_kind=kind, node_id=made.id),
                                redo=lambda s, removed: s.roadmap.restore(removed=removed),
                                changes=[Change.PLANS], title=f"Adding a {kind}") \
            .success(lambda record: self.select_node(kind, record.id)).run()  # fmt: skip

    def move(self, offset: int) -> None:
        key = self.current_key()
        if key is None or self.workspace is None:
            return
        kind, node_id = key

        def back(s: Any, moved: int) -> int:  # the offset it really moved (0 at an end), taken back
            return int(s.roadmap.move(node_kind=kind, node_id=node_id, offset=-moved))

        self.workspace.undoable(self, f"Move {kind} {'up' if offset < 0 else 'down'}",
                                do=lambda s: s.roadmap.move(node_kind=kind, node_id=node_id, offset=offset),
                                undo=back, redo=back, changes=[Change.PLANS], title="Moving").run()  # fmt: skip

    def delete_node(self) -> None:
        key = self.current_key()
        if key is None or self.workspace is None or self.plan_status is None:
            return
        node = self.plan_status.node(*key)
        answer = QMessageBox.question(self, f"Delete {node.kind}",
                                      f"Delete the {node.kind} “{node.title}” and everything under it?")  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            kind, node_id = key
            self.workspace.undoable(self, f"Remove {kind}",
                                    do=lambda s: s.roadmap.remove_returning(node_kind=kind, node_id=node_id),
                                    undo=lambda s, removed: s.roadmap.restore(removed=removed),
                                    redo=lambda s, _r: s.roadmap.remove_returning(node_kind=kind, node_id=node_id),
                                    changes=[Change.PLANS], title=f"Deleting the {node.kind}").run()  # fmt: skip

    # --- importing measurements ----------------------------------------------------------------------------------

    def _add_import_button(self, row: FlowLayout) -> None:
        button = QPushButton("Import measurements…")
        button.setObjectName("import_measurements")
        button.setToolTip("Bring in indicator values from an Excel or CSV sheet (code or name, date, value, group)")
        button.clicked.connect(lambda: self.import_measurements())
        row.addWidget(button)
        self.buttons["import_measurements"] = button

    def import_measurements(self, path: Any = None) -> QDialog | None:
        """Choose a sheet of measurements (or take `path`), preview it for the chosen plan, import it as one step."""
        from equitydesk.gui.dialogs.measurement_import_dialog import open_measurement_import

        if self.workspace is None:
            return None
        dialog = open_measurement_import(self.workspace, self, plan_id=self.plan_combo.currentData(), path=path)
        if dialog is not None:
            dialog.imported.connect(self._measurements_imported)
        return dialog

    def _measurements_imported(self, result: Any) -> None:
        from PySide6.QtWidgets import QMainWindow

        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(
                f"Imported measurements: {result.plan.summary().line(', ')}. Edit › Undo takes the whole import back.",
                20000,
            )
