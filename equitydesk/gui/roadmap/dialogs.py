"""Small dialogs of the roadmap editor: a new plan from a template, and one measurement."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)


class TemplateDialog(QDialog):
    """Choose a template and name the plan; `choice()` gives (template key, plan name)."""

    def __init__(self, templates: Sequence[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New plan from template")
        self.list = QListWidget()
        self.list.setObjectName("templateList")
        for t in templates:
            counts = t.counts()
            item = QListWidgetItem(f"{t.name}\n{t.summary} ({counts['strategies']} strategies)")
            item.setData(Qt.ItemDataRole.UserRole, t.key)
            item.setData(Qt.ItemDataRole.UserRole + 1, t.name)
            self.list.addItem(item)
        self.name = QLineEdit()
        self.name.setObjectName("planName")
        self.name.setPlaceholderText("e.g. Achievement and Integration Plan 2026–2029")
        self.list.currentItemChanged.connect(self._suggest)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Create plan")
        self.name.textChanged.connect(lambda: self.ok.setEnabled(bool(self.name.text().strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Start from:"))
        layout.addWidget(self.list, 1)
        form = QFormLayout()
        form.addRow("Plan name:", self.name)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, 420)
        if self.list.count():
            self.list.setCurrentRow(0)

    def _suggest(self, item: QListWidgetItem | None) -> None:
        if item is not None and not self.name.isModified():
            self.name.setText(str(item.data(Qt.ItemDataRole.UserRole + 1)))

    def choose(self, key: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.list.setCurrentRow(row)

    def choice(self) -> tuple[str, str]:
        item = self.list.currentItem()
        return (str(item.data(Qt.ItemDataRole.UserRole)) if item else "blank", self.name.text().strip())


class MeasurementDialog(QDialog):
    """One measurement: date, value, which group (gap indicators), source and note; `values()` for the service."""

    def __init__(self, *, groups: Sequence[tuple[str, str]] = (), initial: dict[str, Any] | None = None,
                 today: date | None = None, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle("Measurement")
        initial = initial or {}
        self.date = QLineEdit(str(initial.get("measured_on") or (today or date.today()).isoformat()))
        self.date.setObjectName("measuredOn")
        self.value = QLineEdit("" if initial.get("value") is None else f"{initial['value']:g}")
        self.value.setObjectName("value")
        self.series = QComboBox()
        self.series.setObjectName("series")
        for value, label in groups:
            self.series.addItem(label, value)
        if initial.get("series") is not None:
            self.series.setCurrentIndex(max(0, self.series.findData(str(initial["series"]))))
        self.source = QLineEdit(initial.get("source") or "")
        self.note = QLineEdit(initial.get("note") or "")
        form = QFormLayout()
        form.addRow("Date (2026-06-01):", self.date)
        form.addRow("Value:", self.value)
        if groups:
            form.addRow("Student group:", self.series)
        form.addRow("Source:", self.source)
        form.addRow("Note:", self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "measured_on": self.date.text().strip(),
            "value": self.value.text().strip(),
            "source": self.source.text(),
            "note": self.note.text(),
        }
        if self.series.count():
            out["series"] = self.series.currentData()
        return out
