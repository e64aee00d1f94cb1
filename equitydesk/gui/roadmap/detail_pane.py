"""The selected node of a plan: its fields, its status with the reason and the child that decided it, the
thresholds, an override with its reason, the history, and for an indicator its measurements and chart."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from equitydesk.domain.enums import Direction, GoalType, IndicatorKind, RagStatus, UnitKind
from equitydesk.gui.display import format_date
from equitydesk.gui.roadmap.indicator_panel import IndicatorPanel
from equitydesk.gui.workspace import Change

if TYPE_CHECKING:
    from equitydesk.gui.workspace import Workspace
    from equitydesk.services.roadmap_snapshot import NodeStatus, PlanStatus

# (field, label, editor): text, long, or an enum class for a choice.
FIELDS: dict[str, tuple[tuple[str, str, Any], ...]] = {
    "plan": (("name", "Name", "text"), ("period_start", "From", "text"), ("period_end", "To", "text"),
             ("on_track_threshold", "On track from (share)", "text"), ("at_risk_threshold", "At risk from (share)",
             "text"), ("racially_identifiable_schools", "Racially identifiable schools", "long"),
             ("collaborating_districts", "Collaborating districts", "long"), ("description", "Description", "long")),
    "strategy": (("code", "Code", "text"), ("title", "Strategy", "text"), ("lead", "Lead", "text"),
                 ("description", "Description", "long")),
    "goal": (("code", "Code", "text"), ("statement", "Goal", "long"), ("goal_type", "Goal type", GoalType),
             ("lead", "Lead", "text"), ("description", "Description", "long")),
    "indicator": (("code", "Code", "text"), ("name", "Indicator", "text"), ("kind", "Kind", IndicatorKind),
                  ("unit_kind", "Unit", UnitKind), ("unit", "Unit name", "text"),
                  ("direction", "Better when it", Direction), ("student_group", "Student group", "text"),
                  ("comparison_group", "Comparison group", "text"), ("baseline_value", "Baseline", "text"),
                  ("baseline_on", "Baseline date", "text"), ("target_value", "Target", "text"),
                  ("target_on", "Target date", "text"), ("source", "Source", "text"), ("notes", "Notes", "long")),
    "milestone": (("title", "Milestone", "text"), ("due_on", "Due", "text"), ("done_on", "Done on", "text"),
                  ("notes", "Notes", "long")),
}  # fmt: skip
SERVICE = {"plan": "plans", "strategy": "strategies", "goal": "goals", "indicator": "indicators",
           "milestone": "milestones"}  # fmt: skip
OVERRIDABLE = ("strategy", "goal", "indicator")


class DetailPane(QScrollArea):
    decider_clicked = Signal(str, int)  # kind, id of the child that decided a roll-up

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.workspace: Workspace | None = None
        self.node: NodeStatus | None = None
        self.editors: dict[str, QWidget] = {}
        body = QWidget()
        self.layout_ = QVBoxLayout(body)
        self.heading = QLabel()
        self.heading.setObjectName("nodeHeading")
        self.heading.setWordWrap(True)
        self.layout_.addWidget(self.heading)

        self.status_box = QGroupBox("Status")
        status_layout = QVBoxLayout(self.status_box)
        self.status_label = QLabel()
        self.status_label.setObjectName("statusLabel")
        self.reason_label = QLabel()
        self.reason_label.setObjectName("reasonLabel")
        self.reason_label.setWordWrap(True)
        self.reason_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.decider = QPushButton()
        self.decider.setObjectName("deciderButton")
        self.decider.setFlat(True)
        self.decider.setStyleSheet("text-align: left; color: palette(link);")
        self.decider.clicked.connect(self._decider_clicked)
        self.thresholds_label = QLabel()
        self.thresholds_label.setObjectName("thresholdsLabel")
        self.thresholds_label.setWordWrap(True)
        self.thresholds_label.setStyleSheet("color: palette(placeholder-text);")
        for w in (self.status_label, self.reason_label, self.decider, self.thresholds_label):
            status_layout.addWidget(w)
        override_row = QHBoxLayout()
        self.override_status = QComboBox()
        self.override_status.setObjectName("overrideStatus")
        for s in (RagStatus.ON_TRACK, RagStatus.AT_RISK, RagStatus.OFF_TRACK, RagStatus.ACHIEVED):
            self.override_status.addItem(s.label, s.value)
        self.override_reason = QLineEdit()
        self.override_reason.setObjectName("overrideReason")
        self.override_reason.setPlaceholderText("Why (required)")
        self.override_button = QPushButton("Set by hand")
        self.override_button.setObjectName("overrideButton")
        self.override_button.clicked.connect(self.set_override)
        self.clear_button = QPushButton("Back to computed")
        self.clear_button.setObjectName("clearOverride")
        self.clear_button.clicked.connect(self.clear_override)
        for w in (self.override_status, self.override_reason, self.override_button, self.clear_button):
            override_row.addWidget(w)
        override_row.setStretch(1, 1)
        self.override_widget = QWidget()
        self.override_widget.setLayout(override_row)
        status_layout.addWidget(self.override_widget)
        self.layout_.addWidget(self.status_box)
        # The chart and its measurements come right under the status they explain, above the long form
        # (created first too, so that Tab reaches them in the order they are seen).
        self.indicator_panel = IndicatorPanel()
        self.layout_.addWidget(self.indicator_panel)

        self.form_box = QGroupBox("Details")
        box_layout = QVBoxLayout(self.form_box)
        form_widget = QWidget()
        self.form = QFormLayout(form_widget)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.save_button = QPushButton("Save changes")
        self.save_button.setObjectName("saveNode")
        self.save_button.clicked.connect(self.save)
        box_layout.addWidget(form_widget)
        box_layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        self.layout_.addWidget(self.form_box)

        self.extra = QLabel()
        self.extra.setObjectName("linkedActions")
        self.extra.setWordWrap(True)
        self.layout_.addWidget(self.extra)
        self.history = QTableWidget(0, 4)
        self.history.setObjectName("statusHistory")
        self.history.setHorizontalHeaderLabels(("Date", "Status", "Set by", "Reason"))
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().hide()
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history_box = QGroupBox("Status history")
        QVBoxLayout(self.history_box).addWidget(self.history)
        self.layout_.addWidget(self.history_box)
        self.layout_.addStretch(1)
        self.setWidget(body)
        self.show_node(None, None, None)

    # --- showing -----------------------------------------------------------------------------------------------

    def show_node(self, workspace: Workspace | None, status: PlanStatus | None, node: NodeStatus | None) -> None:
        self.workspace, self.node = workspace, node
        visible = node is not None and workspace is not None
        for w in (self.status_box, self.form_box, self.history_box):
            w.setVisible(visible)
        self.indicator_panel.setVisible(visible and node is not None and node.kind == "indicator")
        self.extra.setVisible(False)
        if not visible or status is None or node is None or workspace is None:
            self.heading.setText("Choose a plan, strategy, goal, indicator or milestone in the tree.")
            return
        self.heading.setText(f"<b>{node.kind.capitalize()}</b> {node.code or ''} — {_escape(node.title)}")
        self.status_label.setText(f"<b>{node.status.label}</b>" + (" (set by hand)" if node.overridden else ""))
        self.reason_label.setText(node.reason)
        self.decider.setVisible(node.decided_by_kind is not None)
        if node.decided_by_kind:
            self.decider.setText(f"Decided by: {node.decided_by_kind} “{node.decided_by_title}” — show it")
        self.thresholds_label.setText(f"How status is worked out for “{status.plan_name}”: {status.thresholds_text} "
                                      "A goal or strategy takes the worst status of its parts.")  # fmt: skip
        self.override_widget.setVisible(node.kind in OVERRIDABLE)
        self.clear_button.setEnabled(node.overridden)
        self.override_reason.clear()
        record = getattr(workspace.services, SERVICE[node.kind]).get(node.id)
        self._build_form(node.kind, record)
        self._show_history(workspace, node)
        if node.kind == "indicator":
            self.indicator_panel.show_indicator(workspace, record)
        if node.kind == "strategy":
            self._show_actions(workspace, node.id)

    def _build_form(self, kind: str, record: Any) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.editors = {}
        for name, label, editor in FIELDS[kind]:
            value = getattr(record, name)
            widget: QWidget
            if isinstance(editor, type) and issubclass(editor, StrEnum):
                combo = QComboBox()
                for member in editor:
                    combo.addItem(member.label, member.value)  # type: ignore[attr-defined]
                combo.setCurrentIndex(max(0, combo.findData(value.value if value is not None else "")))
                widget = combo
            elif editor == "long":
                widget = QPlainTextEdit(value or "")
                widget.setFixedHeight(64)
            else:
                widget = QLineEdit(_text(value))
            widget.setObjectName(f"field_{name}")
            self.editors[name] = widget
            self.form.addRow(label + ":", widget)

    def _show_history(self, workspace: Workspace, node: NodeStatus) -> None:
        rows = workspace.services.roadmap_status.history(kind=node.kind, node_id=node.id) \
            if node.kind in OVERRIDABLE else ()  # fmt: skip
        self.history_box.setVisible(node.kind in OVERRIDABLE)
        self.history.setRowCount(len(rows))
        for r, u in enumerate(rows):
            who = "Rules" if u.source.value == "rule" else f"{u.set_by or 'A person'}" + (
                " (by hand)" if u.is_override else " (cleared)")  # fmt: skip
            for c, text in enumerate((u.on.isoformat(), u.status.label, who, u.reason or "")):
                self.history.setItem(r, c, QTableWidgetItem(text))

    def _show_actions(self, workspace: Workspace, strategy_id: int) -> None:
        from equitydesk.services.crud import ListQuery

        actions = workspace.services.actions
        ids = actions.list_ids(ListQuery(filters={"strategy_id": strategy_id}, sort="due_on"))
        records = actions.get_many(ids[:20])
        lines = [f"• {_escape(records[i].title)} — {records[i].status.label}" for i in ids[:20] if i in records]
        more = f"<br>… and {len(ids) - 20} more" if len(ids) > 20 else ""
        agenda = [f"• {_escape(format_date(a.starts_at.date()))}, {_escape(a.meeting_title)}: {_escape(a.title)}"
                  + (" (closed session)" if a.confidential else "")
                  for a in workspace.services.agenda.of_strategy(strategy_id=strategy_id)]  # fmt: skip
        self.extra.setText("<b>Linked action items</b><br>" + ("<br>".join(lines) + more if lines else "None yet.")
                           + "<br><br><b>On meeting agendas</b><br>"
                           + ("<br>".join(agenda) if agenda else "Not on an agenda yet."))  # fmt: skip
        self.extra.setVisible(True)

    # --- writing -----------------------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, widget in self.editors.items():
            if isinstance(widget, QComboBox):
                out[name] = widget.currentData()
            elif isinstance(widget, QPlainTextEdit):
                out[name] = widget.toPlainText()
            elif isinstance(widget, QLineEdit):
                out[name] = widget.text()
        return out

    def save(self) -> None:
        node, ws = self.node, self.workspace
        if node is None or ws is None:
            return
        values = self.values()
        kind, node_id = node.kind, node.id
        ws.undoable(self, f"Edit {kind}",
                    do=lambda s: s.roadmap.edit_returning(node_kind=kind, node_id=node_id, **values),
                    undo=lambda s, e: s.roadmap.edit_returning(node_kind=kind, node_id=node_id, **e.before),
                    redo=lambda s, e: s.roadmap.edit_returning(node_kind=kind, node_id=node_id, **e.before),
                    changes=[Change.PLANS], title=f"Saving the {kind}").run()  # fmt: skip

    def set_override(self) -> None:
        node, ws = self.node, self.workspace
        if node is None or ws is None:
            return
        status, reason = self.override_status.currentData(), self.override_reason.text()
        kind, node_id = node.kind, node.id
        ws.undoable(self, "Set status by hand",
                    do=lambda s: s.roadmap_status.override_returning(kind=kind, node_id=node_id, status=status,
                                                                     reason=reason),
                    undo=lambda s, done: s.roadmap_status.take_back(update_id=done[1]),
                    redo=lambda s, row: s.roadmap_status.put_back(row=row),
                    changes=[Change.PLANS], title="Setting the status by hand").run()  # fmt: skip

    def clear_override(self) -> None:
        node, ws = self.node, self.workspace
        if node is None or ws is None:
            return
        reason = self.override_reason.text()
        kind, node_id = node.kind, node.id
        ws.undoable(self, "Go back to the computed status",
                    do=lambda s: s.roadmap_status.clear_override_returning(kind=kind, node_id=node_id, reason=reason),
                    undo=lambda s, done: s.roadmap_status.take_back(update_id=done[1]),
                    redo=lambda s, row: s.roadmap_status.put_back(row=row),
                    changes=[Change.PLANS], title="Going back to the computed status").run()  # fmt: skip

    def _decider_clicked(self) -> None:
        if self.node is not None and self.node.decided_by_kind and self.node.decided_by_id is not None:
            self.decider_clicked.emit(self.node.decided_by_kind, self.node.decided_by_id)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value.isoformat() if hasattr(value, "isoformat") else value)


def _escape(text: str) -> str:
    from html import escape

    return escape(text)
