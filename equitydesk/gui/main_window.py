"""The main window: navigation between pages, the File menu, and which database is open."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from equitydesk import __version__
from equitydesk.gui.commands import CommandId, CommandRegistry
from equitydesk.gui.display import plural
from equitydesk.gui.exports import ExportCommands
from equitydesk.gui.pages.actions_page import ActionsPage
from equitydesk.gui.pages.home_page import HomePage
from equitydesk.gui.pages.list_page import ListPage
from equitydesk.gui.pages.meetings_page import MeetingsPage
from equitydesk.gui.pages.roadmap_page import RoadmapPage
from equitydesk.gui.pages.roster_page import RosterPage
from equitydesk.gui.settings import (
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    add_recent_file,
    app_settings,
    clear_recent_files,
    recent_files,
)
from equitydesk.gui.undo import EditCommands

if TYPE_CHECKING:
    from equitydesk.db.engine import Database
    from equitydesk.gui.opening import Opened
    from equitydesk.gui.workspace import ContextFactory, Workspace
    from equitydesk.services.registry import Services

Page = ListPage | HomePage  # what the navigation lists
DB_FILTER = "EquityDesk databases (*.sqlite *.db *.sqlite3);;All files (*)"
NAV_WIDTH = 168


class MainWindow(QMainWindow):
    """Holds the Workspace of the open database; pages and commands get the new one whenever another is opened."""

    database_changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, context: ContextFactory | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self._context = context  # how the services see each database opened here (see Workspace.open)
        self.workspace: Workspace | None = None
        self.commands = CommandRegistry(self)
        self.pages: list[Page] = []

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(NAV_WIDTH)
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setSpacing(2)
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.setStyleSheet(
            "QListWidget#navigation { background: palette(window); padding-top: 10px; outline: 0; }"
            "QListWidget#navigation::item { padding: 8px 6px; border-radius: 4px; }"
            "QListWidget#navigation::item:selected"
            " { background: palette(highlight); color: palette(highlighted-text); }"
        )
        self.stack = QStackedWidget()
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        for page_class in (HomePage, RosterPage, MeetingsPage, ActionsPage, RoadmapPage):
            self.add_page(page_class(self.commands))
        self._build_menus()
        self.db_label = QLabel("No database open")
        self.counts_label = QLabel()
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.nav.setCurrentRow(0)
        self._update_title()
        self._restore_settings()

    # --- pages -----------------------------------------------------------------------------------------------

    def add_page(self, page: Page) -> None:
        """Add a page after the others: a navigation entry, its Go action (Ctrl+number), its services."""
        index = len(self.pages)
        self.pages.append(page)
        self.stack.addWidget(page)
        action = self.commands[page.nav_action]
        item = QListWidgetItem(action.icon(), page.title)
        item.setToolTip(f"{action.statusTip()} ({action.shortcut().toString()})")
        self.nav.addItem(item)
        self.commands.bind(page.nav_action, lambda: self.show_page(index))
        self.addAction(action)
        if self.workspace is not None:
            page.set_workspace(self.workspace)

    def show_page(self, page: int | type[Page]) -> Page:
        index = page if isinstance(page, int) else next(i for i, p in enumerate(self.pages) if isinstance(p, page))
        self.nav.setCurrentRow(index)
        return self.pages[index]

    @property
    def current_page(self) -> Page:
        return self.pages[self.stack.currentIndex()]

    def page(self, page_class: type[Page]) -> Page:
        return next(p for p in self.pages if isinstance(p, page_class))

    def show_requested(self, nav_action: CommandId, view: str = "") -> Page | None:
        """A page asked (through the workspace) for another page's list: show it, and pass the view on when that
        page knows views (`apply_view(name)`); a page that does not yet just shows."""
        index = next((i for i, p in enumerate(self.pages) if p.nav_action == nav_action), None)
        if index is None:
            return None
        page = self.show_page(index)
        apply_view = getattr(page, "apply_view", None)
        if view and callable(apply_view):
            apply_view(view)
        return page

    # --- menus -----------------------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        a = self.commands
        a.bind(CommandId.NEW_DATABASE, self.choose_new_database)
        a.bind(CommandId.OPEN_DATABASE, self.choose_database)
        a.bind(CommandId.CLEAR_RECENT, self._clear_recent)
        a.bind(CommandId.QUIT, self.close)
        a.bind(CommandId.FIND, lambda: self.current_page.focus_search())
        a.bind(CommandId.REFRESH, self.refresh)
        a.bind(CommandId.ABOUT, self._about)

        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(a[CommandId.NEW_DATABASE])
        file_menu.addAction(a[CommandId.OPEN_DATABASE])
        self.recent_menu = QMenu("Open &recent", self)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(a.bind(CommandId.NEW_MEETING, self.new_meeting))
        file_menu.addSeparator()
        self.exports = ExportCommands(self.commands, self)
        self.exports.add_to(file_menu)
        file_menu.addAction(a[CommandId.IMPORT_ACTIONS])  # bound by the Action items page
        file_menu.addSeparator()
        file_menu.addAction(a.bind(CommandId.BACKUPS, self.show_backups))
        file_menu.addSeparator()
        file_menu.addAction(a[CommandId.QUIT])
        self.file_menu = file_menu

        self.edit_commands = EditCommands(a, self)
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addAction(a[CommandId.UNDO])
        edit_menu.addAction(a[CommandId.REDO])
        self.edit_menu = edit_menu

        go_menu = self.menuBar().addMenu("&Go")
        for page in self.pages:
            go_menu.addAction(a[page.nav_action])
        go_menu.addSeparator()
        go_menu.addAction(a[CommandId.FIND])
        go_menu.addAction(a[CommandId.REFRESH])

        roster_menu = self.menuBar().addMenu("&Roster")
        for action_id in (
            CommandId.ADD_PERSON,
            CommandId.EDIT_PERSON,
            CommandId.ARCHIVE_PERSON,
            CommandId.RESTORE_PERSON,
            CommandId.ERASE_PERSON,
        ):
            roster_menu.addAction(a[action_id])
        roster_menu.addSeparator()
        for action_id in (CommandId.ADD_MEMBERSHIP, CommandId.EDIT_MEMBERSHIP, CommandId.REMOVE_MEMBERSHIP):
            roster_menu.addAction(a[action_id])
        roster_menu.addSeparator()
        roster_menu.addAction(a[CommandId.MERGE_PEOPLE])
        roster_menu.addAction(a[CommandId.REPRESENTATION])
        roster_menu.addSeparator()
        roster_menu.addAction(a.bind(CommandId.IMPORT_ROSTER, self.import_roster))
        roster_menu.addAction(a.bind(CommandId.UNDO_IMPORT, self.undo_import))
        self.page(RosterPage).roster_file_dropped.connect(self.import_roster)

        self.menuBar().addMenu("&Help").addAction(a[CommandId.ABOUT])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = recent_files()  # prunes files that have gone
        for number, path in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{number}  {path.name}   ({path.parent})")
            action.setToolTip(str(path))
            action.setData(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if not files:
            self.recent_menu.addAction("No recent files").setEnabled(False)
        self.recent_menu.addSeparator()
        self.recent_menu.addAction(self.commands[CommandId.CLEAR_RECENT])
        self.commands.enable(bool(files), CommandId.CLEAR_RECENT)

    def _clear_recent(self) -> None:
        clear_recent_files()

    # --- the database ----------------------------------------------------------------------------------------

    def show_opening(self, label: str) -> None:
        """Say which database is on its way while it opens, instead of "no database is open"."""
        self.db_label.setText(f"Opening {label}…")
        for page in self.pages:
            page.set_waiting(f"Opening {label}…")

    @property
    def db(self) -> Database | None:
        return self.workspace.db if self.workspace is not None else None

    @property
    def services(self) -> Services | None:
        return self.workspace.services if self.workspace is not None else None

    def set_database(self, db: Database | None, opened: Opened | None = None) -> None:
        """Show this database in every page, through a new workspace; the one shown before is closed.

        `opened` carries the lock taken for it (gui/opening.py), or who holds it when it is open read-only.
        """
        from equitydesk.gui.workspace import Workspace  # late: the window shows before SQLAlchemy loads

        if db is None:
            self.set_workspace(None)
            return
        lock, holder = (opened.lock, opened.holder) if opened is not None else (None, None)
        self.set_workspace(Workspace.open(db, self, context=self._context, lock=lock, holder=holder))

    def set_workspace(self, workspace: Workspace | None) -> None:
        old = self.workspace
        if old is workspace:
            return
        self.workspace = workspace
        if old is not None:
            old.changed.disconnect(self._update_counts)
            old.show_requested.disconnect(self.show_requested)
            old.history.said.disconnect(self._say)
            if old.history.stack.count() and workspace is not None:
                self._say("The undo list was emptied: another database is open.")
        if workspace is not None:
            workspace.changed.connect(self._update_counts)
            workspace.show_requested.connect(self.show_requested)
            workspace.history.said.connect(self._say)
        self.edit_commands.set_history(workspace.history if workspace is not None else None)
        # Before the pages: their selection handlers enable commands, and a read-only view keeps edits off.
        self.commands.set_read_only(workspace is not None and workspace.read_only)
        for page in self.pages:
            page.set_workspace(workspace)
        self.exports.set_workspace(workspace)
        if old is not None:
            old.close()
            old.deleteLater()
        if workspace is not None and workspace.db.path is not None:
            add_recent_file(workspace.db.path)
        self._update_title()
        self._update_counts()
        self.database_changed.emit()

    def open_path(self, target: str | Path, *, create: bool = False) -> bool:
        """Open a database file (or URL); on failure say why in plain words and keep the current one."""
        from equitydesk.db.errors import DatabaseError
        from equitydesk.db.integrity import DatabaseDamaged
        from equitydesk.gui.opening import open_for_window

        try:
            opened = open_for_window(self, target, create=create)
        except DatabaseDamaged as error:
            from equitydesk.gui.dialogs.recovery_dialog import RecoveryChoice, offer_recovery

            choice = offer_recovery(self, error.path, at_start=False)
            if choice is RecoveryChoice.CHOOSE:
                return self.choose_database()
            return choice is RecoveryChoice.RETRY and self.open_path(target)
        except DatabaseError as error:
            QMessageBox.warning(self, "Cannot open this database", str(error))
            return False
        if opened is None:
            return False
        self.set_database(opened.db, opened)
        return True

    def show_backups(self) -> QWidget | None:
        """File › Backups…; after a restore the database is opened afresh, so that every page reads it again."""
        from equitydesk.gui.dialogs.backups_dialog import open_backups_dialog

        dialog = open_backups_dialog(self.workspace, self)
        if dialog is not None:
            dialog.restored.connect(self.reopen_database)
        return dialog

    def reopen_database(self, message: str = "") -> bool:
        """Open the same database file again, through a new workspace (after a restore replaced its content)."""
        path = self.db.path if self.db is not None else None
        had_undo = self.workspace is not None and self.workspace.history.stack.count() > 0
        opened = path is not None and self.open_path(path)
        if opened and message:
            self._say(message + (" The undo list was emptied: the database holds the backup now." if had_undo else ""))
        return opened

    def choose_database(self) -> bool:
        path, _filter = QFileDialog.getOpenFileName(self, "Open database", self._start_folder(), DB_FILTER)
        return bool(path) and self.open_path(path)

    def choose_new_database(self) -> bool:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            "New database",
            str(Path(self._start_folder()) / "committee.sqlite"),
            DB_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not path:
            return False
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(".sqlite")
        if target.exists():
            # A new database never replaces a file: that file may be someone's only copy of their work.
            QMessageBox.warning(
                self,
                "File already exists",
                f"{target} already exists. Choose another name for the new database, or use Open… to open it.",
            )
            return False
        return self.open_path(target, create=True)

    def _start_folder(self) -> str:
        if self.db is not None and self.db.path is not None:
            return str(self.db.path.parent)
        from equitydesk.paths import data_dir

        folder = data_dir()
        return str(folder if folder.exists() else Path.home())

    def new_meeting(self) -> QWidget | None:
        """File › New meeting…: the Meetings page, with its schedule dialog open."""
        page = self.show_page(MeetingsPage)
        assert isinstance(page, MeetingsPage)
        return page.new_meeting()

    def import_roster(self, path: Path | None = None) -> QWidget | None:
        """The import wizard (with a dropped file already being read); the pages hear of its writes."""
        from equitydesk.gui.roster_import import open_import_wizard  # late: not needed to show the window

        return open_import_wizard(self.workspace, self, path)

    def undo_import(self) -> QWidget | None:
        from equitydesk.gui.roster_import import open_undo_import

        return open_undo_import(self.workspace, self)

    def refresh(self) -> None:
        for page in self.pages:
            if page.services is not None:
                page.reload()
        self._update_counts()

    # --- what the window says --------------------------------------------------------------------------------

    def _update_title(self) -> None:
        name = self.db.path.name if self.db is not None and self.db.path is not None else None
        if name and self.workspace is not None and self.workspace.read_only:
            name += " (read-only)"
        self.setWindowTitle(f"{name} — EquityDesk" if name else "EquityDesk")

    def _update_counts(self, _changes: object = None) -> None:
        workspace = self.workspace
        if workspace is None:
            self.db_label.setText("No database open")
            self.counts_label.setText("")
            return
        counts = workspace.services.stats.window_counts()
        parts = [
            plural(counts.people, "person", "people"),
            plural(counts.committees, "committee"),
            plural(counts.meetings, "meeting"),
            plural(counts.open_actions, "open action item"),
        ]
        holder = workspace.holder
        where = f" — read-only: {holder.describe()}" if holder is not None else ""
        self.db_label.setText(f"Database: {workspace.label}{where}")
        self.db_label.setToolTip(workspace.label)
        self.counts_label.setText("  ·  ".join(parts) + "  ")

    def _say(self, text: str) -> None:
        self.statusBar().showMessage(text, 15_000)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About EquityDesk",
            f"<b>EquityDesk {__version__}</b><p>Rosters, meetings, action items and roadmap tracking for "
            "school-district equity committees. Everything stays in one file on this computer.</p>",
        )

    # --- remembering the window ------------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = WINDOW_GEOMETRY.read()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        state = WINDOW_STATE.read()
        if state is not None:
            self.restoreState(state)
        self.nav.setCurrentRow(0)  # the home page, whichever page was open last time: it says what needs attention

    def save_settings(self) -> None:
        WINDOW_GEOMETRY.write(self.saveGeometry())
        WINDOW_STATE.write(self.saveState())
        app_settings().sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        self.set_workspace(None)
        event.accept()
        super().closeEvent(event)
