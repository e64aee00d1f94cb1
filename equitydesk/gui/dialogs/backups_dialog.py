"""File › Backups…: the database's backups with their dates and counts, Back up now, and Restore."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from equitydesk.gui.display import GREEN, plural
from equitydesk.gui.jobs import Job, user_message

if TYPE_CHECKING:
    from equitydesk.gui.workspace import Workspace
    from equitydesk.services.backups import BackupRecord, RestoreResult

HEADINGS = ("Made", "People", "Committees", "Meetings", "Action items", "Size")


class BackupsDialog(QDialog):
    """Lists the backups newest first; Restore replaces the database with the selected one, after a question."""

    restored = Signal(str)  # the database now holds a backup's content (what to say): the window opens it afresh

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BackupsDialog")
        self.setWindowTitle("Backups")
        self.resize(760, 420)
        self.workspace = workspace
        self.job: Job | None = None
        self.records: list[BackupRecord] = []
        folder = workspace.services.backups.folder
        intro = QLabel(
            "EquityDesk backs this database up on its own: every 30 minutes while you work, when you close it, and "
            f"before an import or an upgrade. Each backup is checked when it is made. They are kept in {folder}."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADINGS))
        self.table.setObjectName("backupTable")
        self.table.setHorizontalHeaderLabels(list(HEADINGS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.note = QLabel()
        self.note.setObjectName("backupNote")
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.backup_button = QPushButton("&Back up now")
        self.backup_button.setObjectName("backUpNowButton")
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton("&Restore…")
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.records = self.workspace.services.backups.list()
        self.table.setRowCount(len(self.records))
        for row, record in enumerate(self.records):
            values = (
                backup_date(record),
                _count(record.people),
                _count(record.committees),
                _count(record.meetings),
                _count(record.action_items),
                f"{record.size / 1_048_576:.1f} MB",
            )
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(str(record.path))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if not self.records and not self.note.text():
            self.note.setText("There are no backups of this database yet.")
        self._update_buttons()

    def selected(self) -> BackupRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.records[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        idle = self.job is None or not self.job.running
        self.backup_button.setEnabled(idle)
        self.restore_button.setEnabled(idle and self.selected() is not None)

    def _say(self, text: str, *, good: bool = False) -> None:
        self.note.setText(text)
        self.note.setStyleSheet(f"color: {GREEN};" if good else "")

    # --- back up now -------------------------------------------------------------------------------------------

    def back_up_now(self) -> None:
        auto = self.workspace.auto_backup
        self.job = (
            self.workspace.op(self, lambda _services: auto.back_up(), changes=(), title="Backing up")
            .success(self._backed_up)
            .failure(self._failed)
            .run()
        )
        self._update_buttons()

    def _backed_up(self, record: BackupRecord | None) -> None:
        self.job = None
        self.reload()
        if record is None:
            self._say("There is nothing in this database to back up yet.")
            return
        self.table.selectRow(0)
        self._say(f"Backed up and checked: {backup_date(record)}, {counts_text(record)}.", good=True)

    # --- restore -----------------------------------------------------------------------------------------------

    def restore_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        answer = QMessageBox.question(
            self,
            "Restore a backup",
            f"Restore the backup of {backup_date(record)} ({counts_text(record)})? The database will hold what it "
            "held then; what was added or changed since is replaced. EquityDesk first backs up the database as it "
            "is now, so you can go back to it from this list.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        path = record.path
        self.job = (
            self.workspace.op(
                self, lambda services: services.backups.restore(path), changes=(), title="Restoring the backup"
            )
            .success(self._restored)
            .failure(self._failed)
            .run()
        )
        self._update_buttons()

    def _restored(self, result: RestoreResult) -> None:
        self.job = None
        self.workspace.auto_backup.restored()
        text = f"Restored the backup of {result.source.name}: the database now holds {counts_text(result.restored)}."
        # This workspace is about to be replaced by the reopened database's: the dialog goes with it.
        self.accept()
        self.restored.emit(text)

    def _failed(self, error: BaseException) -> None:
        self.job = None
        from equitydesk.services.backups import BackupError

        message = str(error) if isinstance(error, BackupError) else user_message(error)
        QMessageBox.warning(self, "Backups", message)
        self._say(message)
        self.reload()

    def reject(self) -> None:
        if self.job is not None and self.job.running:
            return  # a restore is one copy under SQLite's lock: it finishes first, and quickly
        super().reject()


def backup_date(record: BackupRecord) -> str:
    return record.created.strftime("%a %d %b %Y, %H:%M:%S")


def counts_text(record: BackupRecord) -> str:
    return ", ".join(
        (
            plural(record.people or 0, "person", "people"),
            plural(record.committees or 0, "committee"),
            plural(record.meetings or 0, "meeting"),
            plural(record.action_items or 0, "action item"),
        )
    )


def _count(value: int | None) -> str:
    return "?" if value is None else f"{value:,}"


def open_backups_dialog(workspace: Workspace | None, parent: QWidget) -> BackupsDialog | None:
    """Open File › Backups… over `parent`; None without a database kept in a file."""
    if workspace is None or not workspace.services.backups.has_file:
        QMessageBox.information(parent, "Backups", "Open a database file first (File › Open…).")
        return None
    dialog = BackupsDialog(workspace, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
