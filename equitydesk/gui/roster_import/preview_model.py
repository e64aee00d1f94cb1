"""The import preview table: one row per spreadsheet row, what the import will do with it and why, filterable."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from equitydesk.gui.display import AMBER, GREEN, RED
from equitydesk.services.roster_import import ImportPlan, ImportSummary, Outcome, RowPlan, also_on_text

Index = QModelIndex | QPersistentModelIndex
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Row", "Name", "Status", "What will happen")
ROW, NAME, STATUS, DETAILS = range(4)
GREY = "#5f6368"
BLUE = "#1a5fb4"

# The filter's labels are the summary's own words, so "Duplicates merged" reads the same as in the counts line.
_HEADING = ImportSummary.headings()

# The statuses a row can show, in the order the filter offers them: (status, word in the table, filter label, colour).
STATUSES: tuple[tuple[Outcome, str, str, str], ...] = (
    (Outcome.NEW, "New", _HEADING["new"], GREEN),
    (Outcome.UPDATE, "Update", _HEADING["updated"], BLUE),
    (Outcome.UNCHANGED, "Unchanged", _HEADING["unchanged"], GREY),
    (Outcome.MERGED, "Merged", _HEADING["merged"], GREY),
    (Outcome.WARNING, "Warning", _HEADING["with_warnings"], AMBER),
    (Outcome.ERROR, "Skipped", _HEADING["skipped"], RED),
)
WORDS = {key: word for key, word, _label, _colour in STATUSES}
COLOURS = {key: colour for key, _word, _label, colour in STATUSES}


def sentence(text: str) -> str:
    """Messages from the reader are clauses ("this row has no name, …"); shown alone they read as sentences."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _outcome(row: RowPlan) -> str:
    if row.action is Outcome.NEW:
        return "Will be added to the roster"
    kept = _kept(row)  # first: on a one-line row, what a chair must not miss comes before what may be cut off
    if row.action is Outcome.UPDATE:
        changes = row.changes_text()
        if row.new_membership:
            text = "Already in the roster; joins this committee" + (f"; updates {changes}" if changes else "")
        else:
            text = f"Updates {changes}"
        return f"{kept}; {text[0].lower()}{text[1:]}" if kept else text
    if row.action is Outcome.UNCHANGED:
        return f"{kept}; nothing else to change" if kept else "Already in the roster with these details"
    if row.action is Outcome.MERGED:
        return f"Same person as row {row.merged_into}: merged into it"
    return "Skipped"


def _kept(row: RowPlan) -> str:
    """What the row would change but keeps, until the role and term changes are applied."""
    kept = [c.kept_text for c in row.field_changes() if c.held]
    return "Keeps " + " and ".join(kept) if kept else ""


def describe(row: RowPlan) -> str:
    """One line for the table: what happens, then the first reason it is not plain sailing."""
    outcome = _outcome(row)
    held = {id(note) for note in row.held_notes}  # the line says what was kept already
    problems = row.errors or [
        w for w in row.warnings
        if id(w) not in held and not (row.action is Outcome.MERGED and w.message.startswith("Same"))
    ]  # fmt: skip
    if row.action is Outcome.ERROR and problems:
        return sentence(problems[0].message)
    if problems:
        more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
        return f"{outcome}. {sentence(problems[0].message)}{more}"
    return outcome


def messages(row: RowPlan) -> list[str]:
    """Everything there is to say about a row: the outcome, each change, each problem with its column."""
    lines = [_outcome(row) + "."]
    changes = row.field_changes()
    # In the row's own order: what is kept, this committee's changes, then the person's and where else they show.
    lines += [sentence(f"Kept {c.kept_text}") for c in changes if c.held]
    lines += [c.text for c in changes if not c.held and not c.shared]
    shared = [c.text for c in changes if not c.held and c.shared]
    lines += shared
    if shared and row.also_on:
        lines.append(sentence(also_on_text(row.also_on, len(shared))))
    held = {id(note) for note in row.held_notes}  # said by the "Kept" lines
    for problem in [*row.errors, *(w for w in row.warnings if id(w) not in held)]:
        where = f"Column {problem.column}: " if problem.column else ""
        lines.append(where + sentence(problem.message))
    return lines


class ImportPreviewModel(QAbstractTableModel):
    """Holds the plan's rows (plain objects, already in memory) and the indexes the status filter lets through."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RowPlan] = []
        self._statuses: list[Outcome] = []
        self._shown: list[int] = []
        self._filter: Outcome | None = None
        self._colours = {key: QColor(colour) for key, colour in COLOURS.items()}
        self._grey = QColor(GREY)
        self._bold = QFont()
        self._bold.setBold(True)

    # --- contents --------------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[RowPlan]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._statuses = [r.status for r in self._rows]
        self._apply_filter()
        self.endResetModel()

    def set_status_filter(self, status: Outcome | None) -> None:
        """Show only rows with this status (a key of STATUSES), or every row."""
        if status == self._filter:
            return
        self.beginResetModel()
        self._filter = status
        self._apply_filter()
        self.endResetModel()

    def _apply_filter(self) -> None:
        wanted = self._filter
        self._shown = [i for i, s in enumerate(self._statuses) if wanted is None or s == wanted]

    @property
    def status_filter(self) -> Outcome | None:
        return self._filter

    def counts(self) -> Counter[Outcome]:
        """How many rows have each status, whatever the filter."""
        return Counter(self._statuses)

    def row_plan(self, row: int) -> RowPlan:
        return self._rows[self._shown[row]]

    # --- Qt --------------------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Unhandled roles return None, as PySide6 requires; see DESIGN.md on the 6.12.0 reference leak.
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        position = self._shown[index.row()]
        row, status, column = self._rows[position], self._statuses[position], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == ROW:
                return str(row.row)
            if column == NAME:
                return row.name or "(no name)"
            if column == STATUS:
                return WORDS.get(status, status)
            return describe(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(messages(row))
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == STATUS:
                return self._colours.get(status)
            if column == NAME and not row.name:
                return self._grey
            return None
        if role == Qt.ItemDataRole.FontRole and column == STATUS:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column == ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == STATUS_ROLE:
            return status.value
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None


def counts_text(plan: ImportPlan) -> str:
    """The counts line, as the service's summary words it: 12 new · 3 updated · 40 unchanged · 2 skipped · …"""
    return plan.summary().line(" · ")
