"""Merge two records of one person, side by side, on the Designer form ui/dialogs/merge_dialog.ui."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

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
from equitydesk.gui.jobs import user_message
from equitydesk.gui.workspace import ROSTER, Change
from equitydesk.services.errors import DomainError
from equitydesk.services.person_merge import COMBINED, KEPT
from equitydesk.services.person_merge import FILLED as FILLED_HOW
from equitydesk.services.roster import PERSON_FIELDS

if TYPE_CHECKING:
    from equitydesk.gui.workspace import Workspace
    from equitydesk.services.person_merge import MergePreview, MergeResult

HEADERS = ("", "Record A", "Record B", "After the merge", "Note")
KEPT_FILL = QColor(27, 122, 58, 28)  # a pale green behind the kept record's column; the header says "kept" too
LONG_TEXT = 80
FILLED = "filled in"


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

    def __init__(self, workspace: Workspace, first_id: int, second_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_MergeDialog()
        self.ui.setupUi(self)
        self.workspace = workspace
        self.services = workspace.services
        self.ids = (first_id, second_id)
        self._previews: dict[int, MergePreview] = {}
        first = self.preview_keeping(first_id)  # raises NotFound when one of them is gone
        self.people = (first.kept.person, first.removed.person)
        self.result: MergeResult | None = None

        self.keep_group = QButtonGroup(self)
        self.keep_group.addButton(self.ui.keepFirstRadio, 0)
        self.keep_group.addButton(self.ui.keepSecondRadio, 1)
        for radio, letter, person in zip(
            (self.ui.keepFirstRadio, self.ui.keepSecondRadio), "AB", self.people, strict=True
        ):
            radio.setText(f"Record &{letter}: {person.display_name}")
        default = self.ids.index(first.suggested_keep_id)
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

    def preview_keeping(self, keep_id: int) -> MergePreview:
        """The service's preview of keeping this record (read once per choice)."""
        if keep_id not in self._previews:
            other = self.ids[1 - self.ids.index(keep_id)]
            self._previews[keep_id] = self.services.merge.preview(keep_id=keep_id, remove_id=other)
        return self._previews[keep_id]

    # --- which record is kept --------------------------------------------------------------------------------

    @property
    def keep_index(self) -> int:
        return max(self.keep_group.checkedId(), 0)

    @property
    def preview(self) -> MergePreview:
        return self.preview_keeping(self.ids[self.keep_index])

    def keep(self, person_id: int) -> None:
        """Choose the record to keep by id (as clicking its radio button would)."""
        self.keep_group.button(self.ids.index(person_id)).setChecked(True)

    # --- showing ---------------------------------------------------------------------------------------------

    def _rows(self) -> list[tuple[str, str, str, str, str]]:
        """(label, A, B, after, note) for every detail either record has, then committees and attendance."""
        p = self.preview
        kept_first = self.keep_index == 0
        letter = "AB"[self.keep_index]
        rows: list[tuple[str, str, str, str, str]] = []
        for f in p.fields:
            values = [f.kept or "", f.removed or ""] if kept_first else [f.removed or "", f.kept or ""]
            if not any(values):
                continue
            note = {FILLED_HOW: FILLED, COMBINED: "combined", KEPT: f"{letter}'s value kept"}.get(f.how, "")
            rows.append((f.label, _short(str(values[0])), _short(str(values[1])), _short(str(f.after or "")), note))
        first, second = (p.kept, p.removed) if kept_first else (p.removed, p.kept)
        rows.append(("Committees", _committees(list(first.committees)), _committees(list(second.committees)),
                     _committees(list(p.committees_after)), ""))  # fmt: skip
        rows.append(("Attendance", _meetings(first.meetings_attended), _meetings(second.meetings_attended),
                     _meetings(p.meetings_after), ""))  # fmt: skip
        rows.append(("Added on", *(format_date(side.person.created_at.date()) for side in (first, second)), "", ""))
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
        p = self.preview
        letter = "AB"[self.keep_index]
        lines = [f"Record {letter}, <b>{escape(p.kept.person.display_name)}</b>, is kept; the other record is removed."]
        if p.filled:
            lines.append(
                f"<span style='color:{GREEN}'>Filled in from the other record:</span> {escape(_words(p.filled))}."
            )
        if p.conflicts:
            lines.append(
                f"<span style='color:{AMBER}'>Different in the two records, the kept value stays:</span> "
                f"{escape(_words(p.conflicts))}."
            )
        moving = len(p.memberships_moved)
        if moving:
            lines.append(f"{moving} committee membership{'s' if moving != 1 else ''} move{'s' if moving == 1 else ''} "
                         "to the kept record.")  # fmt: skip
        if p.memberships_dropped:
            shared = _words(sorted(p.memberships_dropped))
            lines.append(f"On {escape(shared)} both are members: the kept record's membership stays.")
        lines.append("Edit › Undo takes the merge back.")
        return "<br>".join(lines)

    # --- merging ---------------------------------------------------------------------------------------------

    def accept(self) -> None:
        keep_id, remove_id = self.preview.kept.person.id, self.preview.removed.person.id
        self.merge_button.setEnabled(False)  # one merge per press, even while it waits behind an import

        def done(result: MergeResult) -> None:
            self.result = result
            self.merged.emit(result)
            super(MergeDialog, self).accept()

        def failed(error: BaseException) -> None:  # one of them was deleted or merged meanwhile
            self.ui.errorLabel.setText(user_message(error))
            self.ui.errorLabel.show()  # the merge button stays off: the same merge would fail again

        kept, removed = self.preview.kept.person.display_name, self.preview.removed.person.display_name
        self.workspace.undoable(
            self,
            f"Merge {removed} into {kept}" if removed != kept else f"Merge two records of {kept}",
            do=lambda s: s.merge.merge(keep_id=keep_id, remove_id=remove_id),
            undo=lambda s, result: s.merge.unmerge(token=result.token),
            redo=lambda s, undone: s.merge.merge(keep_id=undone.kept_id, remove_id=undone.restored_id),
            changes=ROSTER,
            title="Merge people",
        ).success(done).failure(failed).run()


def open_merge_dialog(workspace: Workspace, first_id: int, second_id: int, parent: QWidget) -> MergeDialog | None:
    """Roster › Merge people… for two people; None (after saying why) when one of them is gone."""
    try:
        dialog = MergeDialog(workspace, first_id, second_id, parent=parent)
    except DomainError as error:  # one of them was deleted meanwhile
        QMessageBox.warning(parent, "Merge people", error.message)
        workspace.notify(Change.PEOPLE)
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()  # window-modal and non-blocking, like the other editors
    return dialog
