"""Merge two records of one person, side by side, on the Designer form ui/dialogs/merge_dialog.ui."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QTableWidgetItem,
    QWidget,
)

from equitydesk.gui.display import AMBER, GREEN, format_date
from equitydesk.gui.forms.ui_merge_dialog import Ui_MergeDialog
from equitydesk.services.errors import DomainError
from equitydesk.services.person_merge import COMBINED, KEPT, merged_value
from equitydesk.services.person_merge import FILLED as FILLED_HOW
from equitydesk.services.roster import PERSON_FIELDS

if TYPE_CHECKING:
    from equitydesk.db.tables import Person
    from equitydesk.gui.pages.roster_page import RosterPage
    from equitydesk.services.person_merge import MergeResult
    from equitydesk.services.registry import Services

HEADERS = ("", "Record A", "Record B", "After the merge", "Note")
KEPT_FILL = QColor(27, 122, 58, 28)  # a pale green behind the kept record's column; the header says "kept" too
LONG_TEXT = 80
FILLED = "filled in"


@dataclass
class Record:
    """One side of the comparison: the person and what hangs on them."""

    person: Person
    committees: list[str]
    meetings: set[tuple[Any, ...]]

    @property
    def weight(self) -> tuple[int, int, int]:
        """The record to keep by default: more committees and attendance, then more details, then the older one."""
        filled = sum(1 for name in PERSON_FIELDS if getattr(self.person, name) not in (None, ""))
        return (len(self.committees) + len(self.meetings), filled, -self.person.id)


@dataclass
class Preview:
    filled: list[str] = field(default_factory=list)  # labels of the kept record's blank fields the other fills
    conflicts: list[str] = field(default_factory=list)  # labels where both have different values


def preview(keep: Person, other: Person) -> Preview:
    """What merge() will do to the details, by the service's own rule (merged_value)."""
    result = Preview()
    for name, spec in PERSON_FIELDS.items():
        _value, how = merged_value(name, getattr(keep, name), getattr(other, name))
        if how in (FILLED_HOW, COMBINED):
            result.filled.append(spec.label)
        elif how == KEPT:
            result.conflicts.append(spec.label)
    return result


def merge_summary(result: MergeResult, name: str) -> str:
    """One line for the status bar: who was kept, what was filled in, what was kept where the records differed."""
    parts: list[str] = []
    if result.filled:
        parts.append("filled in " + _words([PERSON_FIELDS[k].label for k in result.filled]))
    if result.conflicts:
        parts.append("kept this record's " + _words([c.split(":", 1)[0] for c in result.conflicts]))
    if result.memberships_moved:
        moved = result.memberships_moved
        parts.append(f"{moved} membership{'s' if moved != 1 else ''} moved")
    return f"Merged into {name}" + (": " + "; ".join(parts) if parts else "") + "."


def _words(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _committees(names: list[str]) -> str:
    return f"{len(names)}: {', '.join(names)}" if names else "none"


def _meetings(count: int) -> str:
    return f"{count} meeting{'s' if count != 1 else ''} recorded"


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= LONG_TEXT else line[: LONG_TEXT - 1] + "…"


class MergeDialog(QDialog):
    """Merges through `merge.merge` on OK; the preview below the table follows the Keep choice."""

    merged = Signal(object)  # the MergeResult, after the merge has committed

    def __init__(self, services: Services, first_id: int, second_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_MergeDialog()
        self.ui.setupUi(self)
        self.services = services
        self.records = (self._record(first_id), self._record(second_id))
        self.result: MergeResult | None = None

        self.keep_group = QButtonGroup(self)
        self.keep_group.addButton(self.ui.keepFirstRadio, 0)
        self.keep_group.addButton(self.ui.keepSecondRadio, 1)
        for radio, letter, record in zip(
            (self.ui.keepFirstRadio, self.ui.keepSecondRadio), "AB", self.records, strict=True
        ):
            radio.setText(f"Record &{letter}: {record.person.display_name}")
        default = 0 if self.records[0].weight >= self.records[1].weight else 1
        self.keep_group.button(default).setChecked(True)
        self.keep_group.idToggled.connect(lambda _id, on: on and self._show())

        self.merge_button = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        self.merge_button.setText("&Merge")
        table = self.ui.comparisonTable
        table.setColumnCount(len(HEADERS))
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        table.setWordWrap(True)  # the committees, and long notes, wrap instead of being cut off
        for column, width in enumerate((145, 200, 200, 200)):
            header.resizeSection(column, width)
        self.setWindowTitle("Merge two records of one person")
        self.ui.errorLabel.hide()
        self._show()

    def _record(self, person_id: int) -> Record:
        person = self.services.people.get(person_id)
        committees = [entry.committee_name for entry in self.services.people.memberships_of(person_id)]
        history = self.services.attendance.history_of(person_id)
        meetings = {(r["starts_at"], r["committee"], r["meeting"]) for r in history}
        return Record(person, committees, meetings)

    # --- which record is kept --------------------------------------------------------------------------------

    @property
    def keep_index(self) -> int:
        return max(self.keep_group.checkedId(), 0)

    @property
    def kept(self) -> Record:
        return self.records[self.keep_index]

    @property
    def removed(self) -> Record:
        return self.records[1 - self.keep_index]

    def keep(self, person_id: int) -> None:
        """Choose the record to keep by id (as clicking its radio button would)."""
        index = next(i for i, r in enumerate(self.records) if r.person.id == person_id)
        self.keep_group.button(index).setChecked(True)

    # --- showing ---------------------------------------------------------------------------------------------

    def _rows(self) -> list[tuple[str, str, str, str, str]]:
        """(label, A, B, after, note) for every detail either record has, then committees and attendance."""
        a, b = (r.person for r in self.records)
        keep, other = self.kept.person, self.removed.person
        letter = "AB"[self.keep_index]
        rows: list[tuple[str, str, str, str, str]] = []
        for name, spec in PERSON_FIELDS.items():
            values = [getattr(p, name) or "" for p in (a, b)]
            if not any(values):
                continue
            value, how = merged_value(name, getattr(keep, name), getattr(other, name))
            after = value or ""
            note = {FILLED_HOW: FILLED, COMBINED: "combined", KEPT: f"{letter}'s value kept"}.get(how, "")
            rows.append((spec.label, _short(values[0]), _short(values[1]), _short(after), note))
        first, second = self.records
        committees = sorted(set(first.committees) | set(second.committees))
        rows.append(("Committees", _committees(first.committees), _committees(second.committees),
                     _committees(committees), ""))  # fmt: skip
        meetings = len(first.meetings | second.meetings)
        rows.append(("Attendance", _meetings(len(first.meetings)), _meetings(len(second.meetings)),
                     _meetings(meetings), ""))  # fmt: skip
        rows.append(("Added on", *(format_date(r.person.created_at.date()) for r in self.records), "", ""))
        return rows

    def _show(self) -> None:
        table = self.ui.comparisonTable
        letters = "AB"
        labels = list(HEADERS)
        for i in range(2):
            labels[i + 1] = f"Record {letters[i]} ({'kept' if i == self.keep_index else 'removed'})"
        table.setHorizontalHeaderLabels(labels)
        rows = self._rows()
        table.setRowCount(len(rows))
        bold = QFont(table.font())
        bold.setBold(True)
        for row, (label, first, second, after, note) in enumerate(rows):
            tone = None if not note else GREEN if note == FILLED else AMBER
            for column, text in enumerate((label, first, second, after, note)):
                item = QTableWidgetItem(text)
                item.setToolTip(text if len(text) > 30 else "")
                if column == 0:
                    item.setFont(bold)
                if column == self.keep_index + 1:
                    item.setBackground(QBrush(KEPT_FILL))
                elif column in (1, 2):
                    item.setForeground(QBrush(QColor("gray")))
                if column in (3, 4) and tone is not None:
                    item.setForeground(QBrush(QColor(tone)))
                table.setItem(row, column, item)
        table.resizeRowsToContents()
        for row in range(table.rowCount()):  # rows fitted to their text, with the breathing room of other tables
            table.setRowHeight(row, table.rowHeight(row) + 8)
        self.ui.previewLabel.setText(self._preview_text())

    def _preview_text(self) -> str:
        kept, removed = self.kept, self.removed
        change = preview(kept.person, removed.person)
        letter = "AB"[self.keep_index]
        lines = [f"Record {letter}, <b>{escape(kept.person.display_name)}</b>, is kept; the other record is removed."]
        if change.filled:
            lines.append(
                f"<span style='color:{GREEN}'>Filled in from the other record:</span> {escape(_words(change.filled))}."
            )
        if change.conflicts:
            lines.append(
                f"<span style='color:{AMBER}'>Different in the two records, the kept value stays:</span> "
                f"{escape(_words(change.conflicts))}."
            )
        shared = set(kept.committees) & set(removed.committees)
        moving = len(set(removed.committees) - shared)
        if moving:
            lines.append(f"{moving} committee membership{'s' if moving != 1 else ''} move{'s' if moving == 1 else ''} "
                         "to the kept record.")  # fmt: skip
        if shared:
            lines.append(f"On {escape(_words(sorted(shared)))} both are members: the kept record's membership stays.")
        lines.append("A merge cannot be undone.")
        return "<br>".join(lines)

    # --- merging ---------------------------------------------------------------------------------------------

    def accept(self) -> None:
        try:
            self.result = self.services.merge.merge(keep_id=self.kept.person.id, remove_id=self.removed.person.id)
        except DomainError as error:  # one of them was deleted or merged meanwhile
            self.ui.errorLabel.setText(error.message)
            self.ui.errorLabel.show()
            self.merge_button.setEnabled(False)  # the same merge would fail again; Cancel and choose afresh
            return
        self.merged.emit(self.result)
        super().accept()


def open_merge_dialog(page: RosterPage) -> MergeDialog | None:
    """Roster › Merge people… for the two people selected on the page; afterwards the kept one is selected."""
    ids = page.selected_ids()
    services = page.services
    if services is None or len(ids) != 2:
        return None
    try:
        dialog = MergeDialog(services, *ids, parent=page)
    except DomainError as error:  # one of them was deleted meanwhile
        QMessageBox.warning(page, "Merge people", error.message)
        page.refresh()
        return None

    def merged(result: MergeResult) -> None:
        page.refresh(select_id=result.kept_id)
        page.changed.emit()
        page.notify(merge_summary(result, services.people.get(result.kept_id).display_name))

    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.merged.connect(merged)
    dialog.finished.connect(lambda _result: setattr(page, "merge_dialog", None))
    page.merge_dialog = dialog
    dialog.open()  # window-modal and non-blocking, like the other editors
    return dialog
