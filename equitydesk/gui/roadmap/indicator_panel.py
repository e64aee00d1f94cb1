"""An indicator's measurements (add, edit, remove) and its chart, shown as SVG with its description."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from equitydesk.gui.workspace import Change

if TYPE_CHECKING:
    from equitydesk.gui.workspace import Workspace

COLUMNS = ("Date", "Value", "Student group", "Source", "Note")


class IndicatorPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.indicator: Any = None
        self.rows: list[Any] = []
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("measurements")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(120)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.add_button = QPushButton("Add measurement…")
        self.add_button.setObjectName("addMeasurement")
        self.edit_button = QPushButton("Edit…")
        self.remove_button = QPushButton("Remove")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.steps = QLineEdit()
        self.steps.setObjectName("annualSteps")
        self.steps.setPlaceholderText("Annual steps, e.g. 2026-06-30 = 45; 2027-06-30 = 50 (empty: a straight line)")
        self.steps_button = QPushButton("Save steps")
        self.steps_button.setObjectName("saveSteps")
        self.steps_button.clicked.connect(self.save_steps)
        steps_row = QHBoxLayout()
        steps_row.addWidget(self.steps, 1)
        steps_row.addWidget(self.steps_button)
        self.chart = QSvgWidget()
        self.chart.setObjectName("indicatorChart")
        self.chart.setMinimumSize(420, 230)
        self.description = QLabel()
        self.description.setObjectName("chartDescription")
        self.description.setWordWrap(True)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Chart</b>"))
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.description)
        layout.addWidget(QLabel("<b>Measurements</b>"))
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addLayout(steps_row)
        self.svg = ""

    def show_indicator(self, workspace: Workspace, indicator: Any) -> None:
        self.workspace, self.indicator = workspace, indicator
        services = workspace.services
        self.rows = list(services.roadmap.measurements(indicator_id=indicator.id))
        names = self._group_names()
        self.table.setRowCount(len(self.rows))
        for r, m in enumerate(self.rows):
            cells = (m.measured_on.isoformat(), f"{m.value:g}", names.get(m.series.value, ""), m.source or "",
                     m.note or "")  # fmt: skip
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        steps = services.roadmap.steps(indicator_id=indicator.id)
        self.steps.setText("; ".join(f"{st.on.isoformat()} = {st.value:g}" for st in steps))
        chart = services.roadmap_status.chart(indicator_id=indicator.id)
        self.svg = chart.svg
        self.chart.load(QByteArray(chart.svg.encode("utf-8")))
        self.chart.setToolTip(chart.description)
        self.chart.setAccessibleName(f"Chart: {indicator.name}")
        self.chart.setAccessibleDescription(chart.description)
        self.description.setText(chart.description)

    def save_steps(self) -> None:
        assert self.workspace is not None and self.indicator is not None
        indicator_id = self.indicator.id
        # "2026-06-30 = 45; 2027-06-30 = 50": the service checks each date and value and names a wrong one.
        pairs = [tuple(part.split("=", 1)) if "=" in part else (part, "") for part in self.steps.text().split(";")
                 if part.strip()]  # fmt: skip
        steps = [(d.strip(), v.strip()) for d, v in pairs]
        # Each gives back the steps it replaced: setting those takes it back (the steps' row ids are new each time).
        again = lambda s, old: s.roadmap.set_steps_returning(indicator_id=indicator_id, steps=old)  # noqa: E731
        self.workspace.undoable(self, "Set annual steps",
                                do=lambda s: s.roadmap.set_steps_returning(indicator_id=indicator_id, steps=steps),
                                undo=again, redo=again, changes=[Change.PLANS],
                                title="Saving the annual steps").run()  # fmt: skip

    def _group_names(self) -> dict[str, str]:
        ind = self.indicator
        if ind is None or ind.kind.value != "gap":
            return {}
        return {"group": ind.student_group or "Student group", "comparison": ind.comparison_group or "Comparison"}

    def _dialog(self, initial: dict[str, Any] | None = None) -> dict[str, Any] | None:
        from equitydesk.gui.roadmap.dialogs import MeasurementDialog

        assert self.workspace is not None
        groups = list(self._group_names().items())
        dialog = MeasurementDialog(groups=groups, initial=initial, today=self.workspace.services.ctx.today(),
                                   parent=self)  # fmt: skip
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def add(self) -> None:
        values = self._dialog()
        if values is not None:
            self.save_new(values)

    def save_new(self, values: dict[str, Any]) -> None:
        """One measurement added as one write (the story calls it with the dialog's values)."""
        assert self.workspace is not None and self.indicator is not None
        indicator_id = self.indicator.id
        self.workspace.undoable(self, "Add measurement",
                                do=lambda s: s.roadmap.add_measurement(indicator_id=indicator_id, **values),
                                undo=lambda s, m: s.roadmap.remove_returning(node_kind="measurement", node_id=m.id),
                                redo=lambda s, removed: s.roadmap.restore(removed=removed),
                                changes=[Change.PLANS], title="Adding the measurement").run()  # fmt: skip

    def _selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def edit_selected(self) -> None:
        m = self._selected()
        if m is None or self.workspace is None:
            return
        values = self._dialog({"measured_on": m.measured_on, "value": m.value, "series": m.series.value,
                               "source": m.source, "note": m.note})  # fmt: skip
        if values is not None:
            mid = m.id
            edit = lambda s, vals: s.roadmap.edit_measurement_returning(measurement_id=mid, **vals)  # noqa: E731
            self.workspace.undoable(self, "Edit measurement", do=lambda s: edit(s, values),
                                    undo=lambda s, e: edit(s, e.before), redo=lambda s, e: edit(s, e.before),
                                    changes=[Change.PLANS], title="Saving the measurement").run()  # fmt: skip

    def remove_selected(self) -> None:
        m = self._selected()
        if m is None or self.workspace is None:
            return
        question = f"Remove the measurement of {m.measured_on.isoformat()} ({m.value:g})?"
        answer = QMessageBox.question(self, "Remove measurement", question)
        if answer == QMessageBox.StandardButton.Yes:
            mid = m.id
            self.workspace.undoable(self, "Remove measurement",
                                    do=lambda s: s.roadmap.remove_returning(node_kind="measurement", node_id=mid),
                                    undo=lambda s, removed: s.roadmap.restore(removed=removed),
                                    redo=lambda s, _r: s.roadmap.remove_returning(node_kind="measurement", node_id=mid),
                                    changes=[Change.PLANS], title="Removing the measurement").run()  # fmt: skip
