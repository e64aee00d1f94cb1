"""Who is at the table: a committee's members by group, school and language, with target shares to edit."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from equitydesk.domain.enums import StakeholderGroup
from equitydesk.gui.display import GREEN, RED, format_date
from equitydesk.gui.forms.ui_representation_dialog import Ui_RepresentationDialog
from equitydesk.gui.jobs import user_message
from equitydesk.gui.settings import committee_to_start, remember_committee
from equitydesk.gui.workspace import Change

if TYPE_CHECKING:
    from equitydesk.gui.workspace import Workspace
    from equitydesk.services.representation import Representation, Share

GROUP_HEADERS = ("Stakeholder group", "Members", "Share", "Target", "Status")
NO_TARGET = -1  # the spin box's lowest value, shown as "No target"
SHARE_ROLE = Qt.ItemDataRole.UserRole + 1
TARGET_ROLE = Qt.ItemDataRole.UserRole + 2
BAR = QColor("#4a78b5")
GREY = "#6b6b6b"
Index = QModelIndex | QPersistentModelIndex


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


class ShareBarDelegate(QStyledItemDelegate):
    """The share as a number and a bar, with a dark tick at the target, so a gap is seen before it is read."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        share = float(index.data(SHARE_ROLE) or 0.0)
        target = float(index.data(TARGET_ROLE) or NO_TARGET)
        rect: QRect = option.rect.adjusted(48, 7, -10, -7)
        if rect.width() < 20:
            return
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor(0, 0, 0, 18)))
        painter.drawRect(rect)
        painter.setBrush(QBrush(BAR))
        painter.drawRect(QRect(rect.left(), rect.top(), round(rect.width() * min(share, 1.0)), rect.height()))
        if target >= 0:
            x = rect.left() + round(rect.width() * min(target, 1.0))
            painter.setPen(QPen(QColor("#222222"), 2))
            painter.drawLine(x, rect.top() - 4, x, rect.bottom() + 4)
        painter.restore()


def _table(table: QTableWidget, headers: tuple[str, ...], widths: tuple[int, ...] = ()) -> None:
    """Columns of the given widths, the last one stretched; without widths the first column takes what is left."""
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)
    if not widths:  # narrow side tables: numbers and dates whole, the name shortened if it must be
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        return
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in enumerate(widths):
        header.resizeSection(column, width)


def _item(text: str, *, right: bool = False, tone: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if tone is not None:
        item.setForeground(QBrush(QColor(tone)))
    return item


class RepresentationDialog(QDialog):
    """Reads `representation.summary` for the chosen committee; Save targets writes the changed spin boxes."""

    def __init__(self, workspace: Workspace, committee_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_RepresentationDialog()
        self.ui.setupUi(self)
        self.workspace = workspace
        self.services = services = workspace.services
        self.saving = False
        self.summary: Representation | None = None
        self.shown_id: int | None = None
        self.spins: dict[StakeholderGroup, QSpinBox] = {}
        self._saved: dict[StakeholderGroup, int] = {}

        _table(self.ui.groupTable, GROUP_HEADERS, (230, 90, 330, 130))
        self.ui.groupTable.setItemDelegateForColumn(2, ShareBarDelegate(self.ui.groupTable))
        self.ui.groupTable.verticalHeader().setDefaultSectionSize(30)
        _table(self.ui.schoolTable, ("School or organization", "Members", "Share"))
        _table(self.ui.languageTable, ("Language", "Members", "Share"))
        _table(self.ui.termsTable, ("Member", "Role", "Term ends"))
        self.save_button = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Save targets")
        self.save_button.clicked.connect(lambda _checked=False: self.save_targets())
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)

        combo = self.ui.committeeCombo
        for cid, name in services.committees.choices():
            combo.addItem(name, cid)
        start = committee_to_start(workspace.db.label, committee_id)
        combo.setCurrentIndex(max(combo.findData(start), 0) if start is not None else 0)
        self._shown_index = combo.currentIndex()
        combo.currentIndexChanged.connect(self._committee_chosen)
        self.load()

    @property
    def committee_id(self) -> int | None:
        data = self.ui.committeeCombo.currentData()
        return int(data) if data is not None else None

    # --- reading ---------------------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the summary again for the chosen committee; unsaved target changes are dropped."""
        self._error("")
        cid = self.shown_id = self.committee_id
        if cid is None:
            self.summary = None
            self.ui.membersLabel.setText("No committees yet")
            self.ui.missedLabel.setText("Add a committee and its members to see who is at the table.")
            self._fill_groups([])
            for table in (self.ui.schoolTable, self.ui.languageTable, self.ui.termsTable):
                table.setRowCount(0)
            return
        remember_committee(self.workspace.db.label, cid)
        self.summary = s = self.services.representation.summary(cid)
        self.setWindowTitle(f"Who is at the table — {s.committee}")
        self.ui.membersLabel.setText(f"{s.members} active member{'s' if s.members != 1 else ''}")
        self.ui.missedLabel.setText(self._missed_text(s))
        self._fill_groups(s.by_group)
        self._fill_shares(self.ui.schoolTable, s.by_school)
        self._fill_shares(self.ui.languageTable, s.by_language)
        self._fill_terms(s)
        self._update_save()

    @staticmethod
    def _missed_text(s: Representation) -> str:
        with_target = [share for share in s.by_group if share.target is not None]
        if not s.members:
            return "No active members yet."
        if not with_target:
            return "No target shares are set. Set them below to see which groups are under-represented."
        missed = s.targets_missed
        if not missed:
            return f"<span style='color:{GREEN}'><b>Every target share is met</b></span> ({len(with_target)} set)."
        gaps = "; ".join(f"{escape(m.label)} {percent(m.share)} (target {percent(m.target or 0)})" for m in missed)
        noun = "target" if len(missed) == 1 else "targets"
        return f"<span style='color:{RED}'><b>{len(missed)} {noun} not met:</b></span> {gaps}."

    def _fill_groups(self, shares: list[Share]) -> None:
        """Every group is listed, members or not, so a target can be set for a group nobody represents yet."""
        by_label = {share.label: share for share in shares}
        table = self.ui.groupTable
        groups: list[StakeholderGroup | None] = list(StakeholderGroup)
        extra = [share for share in shares if share.label not in {g.label for g in StakeholderGroup}]
        groups += [None] * len(extra)
        table.setRowCount(len(groups))
        self.spins.clear()
        self._saved.clear()
        for row, group in enumerate(groups):
            share = by_label.get(group.label) if group is not None else extra[row - len(StakeholderGroup)]
            label = group.label if group is not None else (share.label if share else "")
            count = share.count if share else 0
            value = share.share if share else 0.0
            target = share.target if share else None
            table.setItem(row, 0, _item(label, tone=None if count else GREY))
            table.setItem(row, 1, _item(str(count), right=True, tone=None if count else GREY))
            bar = _item(percent(value))
            bar.setData(SHARE_ROLE, value)
            bar.setData(TARGET_ROLE, target if target is not None else float(NO_TARGET))
            table.setItem(row, 2, bar)
            if target is None:
                status = _item("No target", tone=GREY)
            elif value >= target - 1e-9:
                status = _item("✓ Met", tone=GREEN)
            else:
                status = _item("✗ Not met", tone=RED)
            table.setItem(row, 4, status)
            if group is None:
                table.setItem(row, 3, _item("—", tone=GREY))
                continue
            spin = QSpinBox()
            spin.setObjectName(f"target_{group.value}")
            spin.setRange(NO_TARGET, 100)
            spin.setSpecialValueText("No target")
            spin.setSuffix(" %")
            spin.setAccessibleName(f"Target share for {group.label}")
            spin.setToolTip("The share of active members this group should have (down to “No target” to unset)")
            spin.setValue(round(target * 100) if target is not None else NO_TARGET)
            spin.valueChanged.connect(lambda _v: self._update_save())
            table.setCellWidget(row, 3, spin)
            self.spins[group] = spin
            self._saved[group] = spin.value()
        # Every group in sight at once: a group hidden below a scroll bar is the one nobody notices is missing.
        rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setFixedHeight(table.horizontalHeader().sizeHint().height() + rows + 2 * table.frameWidth())

    def _fill_shares(self, table: QTableWidget, shares: list[Share]) -> None:
        table.setRowCount(len(shares))
        for row, share in enumerate(shares):
            table.setItem(row, 0, _item(share.label))
            table.setItem(row, 1, _item(str(share.count), right=True))
            table.setItem(row, 2, _item(percent(share.share), right=True))

    def _fill_terms(self, s: Representation) -> None:
        table = self.ui.termsTable
        today = self.services.ctx.today()
        table.setRowCount(max(len(s.terms_ending), 1))
        if not s.terms_ending:
            table.setItem(0, 0, _item("No terms end in the next 90 days", tone=GREY))
            table.setSpan(0, 0, 1, 3)
            return
        table.clearSpans()
        for row, term in enumerate(s.terms_ending):
            days = (term.term_end - today).days
            when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
            table.setItem(row, 0, _item(term.person))
            table.setItem(row, 1, _item(term.role))
            table.setItem(row, 2, _item(f"{format_date(term.term_end)} ({when})"))

    # --- targets ---------------------------------------------------------------------------------------------

    def changed_targets(self) -> dict[StakeholderGroup, float | None]:
        """Groups whose spin box differs from what is saved: the new share (0–1), or None to remove the target."""
        return {
            group: (None if spin.value() == NO_TARGET else spin.value() / 100)
            for group, spin in self.spins.items()
            if spin.value() != self._saved.get(group)
        }

    def _error(self, text: str) -> None:
        self.ui.errorLabel.setText(text)
        self.ui.errorLabel.setVisible(bool(text))  # an empty label would still hold a line of space

    def _update_save(self) -> None:
        self.save_button.setEnabled(bool(self.changed_targets()) and not self.saving)

    def save_targets(self, then: Callable[[], None] | None = None) -> None:
        """Every changed target in one write; then the summary is read again (and `then` runs)."""
        cid = self.shown_id  # not the combo's: it may already show the next committee the user picked
        targets = self.changed_targets()
        if cid is None or not targets or self.saving:
            return
        self.saving = True
        self._update_save()

        def done(_result: object) -> None:
            self.load()
            if then is not None:
                then()

        def finished() -> None:
            self.saving = False
            self._update_save()

        committee = self.ui.committeeCombo.itemText(self._shown_index)
        self.workspace.undoable(
            self,
            f"Set representation targets of {committee}",
            do=lambda s: s.representation.set_targets(committee_id=cid, targets=targets),
            undo=lambda s, before: s.representation.set_targets(committee_id=cid, targets=before),
            redo=lambda s, _after: s.representation.set_targets(committee_id=cid, targets=targets),
            changes=(Change.COMMITTEES,),
            committee_ids=[cid],
            title="Save targets",
        ).success(done).failure(lambda error: self._error(user_message(error))).finally_(finished).run()

    def _settle_changes(self, then: Callable[[], None]) -> bool:
        """Ask about unsaved targets. True: go on now; False: stay (Cancel, or `then` runs once they are saved)."""
        if self.saving:
            return False
        if not self.changed_targets():
            return True
        answer = QMessageBox.question(
            self,
            "Unsaved targets",
            "Save the target shares you changed?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Discard:
            return True
        self.save_targets(then)
        return False

    def _committee_chosen(self, index: int) -> None:
        if index == self._shown_index:
            return
        combo = self.ui.committeeCombo

        def show_chosen() -> None:
            combo.blockSignals(True)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)
            self._shown_index = index
            self.load()

        if not self._settle_changes(show_chosen):
            combo.blockSignals(True)  # back to the committee whose changes are being kept or saved
            combo.setCurrentIndex(self._shown_index)
            combo.blockSignals(False)
            return
        show_chosen()

    def reject(self) -> None:
        if self._settle_changes(lambda: super(RepresentationDialog, self).reject()):
            super().reject()
