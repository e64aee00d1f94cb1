"""Choosing an action item's owners: members picked by name or e-mail, anyone else typed as free text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from equitydesk.services.actions import OwnerRecord, OwnerSpec
    from equitydesk.services.actions.choices import Choice

SPEC_ROLE = Qt.ItemDataRole.UserRole + 1


class OwnersPicker(QWidget):
    """A list of owners in order; the combo below offers the roster, and text matching nobody is a free-text owner."""

    changed = Signal()

    def __init__(self, people: Sequence[Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("ownersList")
        self.list.setMaximumHeight(86)
        self.combo = QComboBox()
        self.combo.setObjectName("ownerCombo")
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.lineEdit().setPlaceholderText("A member's name or e-mail, or anyone else (“Facilities”)")
        for choice in people:
            self.combo.addItem(choice.label, choice.id)
        self.combo.setCurrentIndex(-1)
        completer = QCompleter(self.combo.model(), self.combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.combo.setCompleter(completer)
        self.add_button = QPushButton("Add owner")
        self.add_button.setObjectName("addOwnerButton")
        self.add_button.clicked.connect(self.add_typed)
        self.combo.lineEdit().returnPressed.connect(self.add_typed)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setObjectName("removeOwnerButton")
        self.remove_button.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(row)

    def set_owners(self, owners: Sequence[OwnerRecord]) -> None:
        self.list.clear()
        for owner in owners:
            self._append(owner.spec, owner.name if owner.person_id is not None else f"{owner.name} (not on the roster)")

    def owners(self) -> list[OwnerSpec]:
        """The owners in order, and whatever is still typed in the box (people forget to press Add)."""
        specs = [self.list.item(n).data(SPEC_ROLE) for n in range(self.list.count())]
        pending = self._typed()
        if pending is not None and pending not in specs:
            specs.append(pending)
        return specs

    def add_typed(self) -> None:
        spec = self._typed()
        if spec is None:
            return
        if spec not in self.owners()[: self.list.count()]:
            label = self.combo.currentText().strip() if isinstance(spec, int) else f"{spec} (not on the roster)"
            self._append(spec, label)
        self.combo.setCurrentIndex(-1)
        self.combo.clearEditText()
        self.changed.emit()

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.changed.emit()

    def _typed(self) -> OwnerSpec | None:
        text = self.combo.currentText().strip()
        if not text:
            return None
        index = self.combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:  # "Mai Vang" without the e-mail the chooser shows beside her name
            index = next(
                (n for n in range(self.combo.count()) if self.combo.itemText(n).split(" <")[0].lower() == text.lower()),
                -1,
            )
        return int(self.combo.itemData(index)) if index >= 0 else text

    def _append(self, spec: OwnerSpec, label: str) -> None:
        item = QListWidgetItem(label)
        item.setData(SPEC_ROLE, spec)
        self.list.addItem(item)
