"""The roster: everyone on any committee, filtered by committee, group, term and language, with their memberships."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMetaMethod, QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QWidget,
)

from equitydesk.domain.enums import StakeholderGroup
from equitydesk.gui.commands import CommandId, CommandRegistry
from equitydesk.gui.display import tone_of
from equitydesk.gui.pages.list_page import ListPage
from equitydesk.gui.widgets.attendance_history import AttendanceHistory
from equitydesk.gui.widgets.flow_layout import FlowLayout
from equitydesk.gui.widgets.memberships_panel import MembershipsPanel
from equitydesk.gui.widgets.search_field import SearchField
from equitydesk.gui.workspace import ROSTER, Change
from equitydesk.services.errors import DomainError

if TYPE_CHECKING:
    from equitydesk.gui.dialogs.merge_dialog import MergeDialog
    from equitydesk.gui.dialogs.person_dialog import PersonDialog
    from equitydesk.gui.dialogs.representation_dialog import RepresentationDialog
    from equitydesk.gui.workspace import Changes, Workspace
    from equitydesk.services.person_merge import MergeResult
    from equitydesk.services.registry import Services

ROSTER_SUFFIXES = (".xlsx", ".xlsm", ".csv")
ARCHIVED_GREY = "#7a7a7a"
NOTICE_MS = 20000
COMBO_MAX_WIDTH = 360  # a committee name longer than this is shortened in the filter, not the window widened
TERMS = (("Any term", None), ("Current term", "current"), ("Term ending soon", "ending_soon"), ("Past term", "past"))


class RosterPage(ListPage):
    title = "Roster"
    service_name = "people"
    noun = ("person", "people")
    columns = (
        "name",
        "preferred_name",
        "email",
        "phone",
        "organization",
        "languages",
        "interpreter_language",
        "committees",
        "archived",
    )
    column_widths = {
        "name": 175,
        "preferred_name": 110,
        "email": 210,
        "phone": 110,
        "organization": 165,
        "languages": 135,
        "interpreter_language": 100,
        "archived": 80,
    }
    stretch_column = "committees"
    fixed_columns = ("phone",)
    key_column = "name"
    key_minimum = 180
    hidden_columns = ("preferred_name",)  # "archived" shows only while Show archived is ticked
    default_sort = "name"
    search_placeholder = "Search name, e-mail, school…"
    empty_text = "No one is on the roster yet. Use Add person to start it."
    listens = frozenset({Change.PEOPLE, Change.MEMBERSHIPS, Change.COMMITTEES, Change.MEETINGS})
    nav_action = CommandId.GO_ROSTER

    dialog: PersonDialog | None = None
    merge_dialog: MergeDialog | None = None
    representation_dialog: RepresentationDialog | None = None
    # A roster file dropped on the page; the import wizard connects here. Drops are refused until it does.
    roster_file_dropped = Signal(Path)

    def __init__(self, commands: CommandRegistry | None = None, parent: QWidget | None = None) -> None:
        super().__init__(commands, parent)
        self.setAcceptDrops(True)
        # Two rows selected can be merged, several archived at once; edit and the panels need exactly one.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.model.tone = lambda key, value, row: ARCHIVED_GREY if row.get("archived") else tone_of(value)

    # --- building --------------------------------------------------------------------------------------------

    def build_buttons(self, row: FlowLayout) -> None:
        # Beside Archive and Restore rather than among the filters, where the row has no room left.
        self.archived_check = QCheckBox("Show archived")
        self.archived_check.setToolTip("List archived people too (in grey), to look them up or restore them")
        self.archived_check.setObjectName("archivedCheck")
        self.archived_check.toggled.connect(self._show_archived)
        row.addWidget(self.archived_check)
        for action_id, handler in (
            (CommandId.ADD_PERSON, self.add_person),
            (CommandId.EDIT_PERSON, self.edit_person),
            (CommandId.ARCHIVE_PERSON, self.archive_person),
            (CommandId.RESTORE_PERSON, self.restore_person),
            (CommandId.MERGE_PEOPLE, self.merge_people),
            (CommandId.REPRESENTATION, self.show_representation),
        ):
            self.commands.bind(action_id, handler)
            button = QToolButton()
            button.setDefaultAction(self.commands[action_id])
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            row.addWidget(button)
            if action_id == CommandId.RESTORE_PERSON:
                self.restore_button = button  # shown only while archived people are listed
                button.hide()
        self.commands.enable(False, CommandId.ADD_PERSON, CommandId.EDIT_PERSON, CommandId.ARCHIVE_PERSON)
        self.commands.enable(False, CommandId.RESTORE_PERSON, CommandId.MERGE_PEOPLE, CommandId.REPRESENTATION)
        self.commands.bind(CommandId.ERASE_PERSON, self.erase_person)
        self.commands.enable(False, CommandId.ERASE_PERSON)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for action_id in (CommandId.EDIT_PERSON, CommandId.ARCHIVE_PERSON, CommandId.ERASE_PERSON):
            self.table.addAction(self.commands[action_id])

    def build_filters(self, row: FlowLayout) -> None:
        self.committee_combo = QComboBox()
        self.committee_combo.setObjectName("committeeCombo")
        self.committee_combo.setToolTip("Only members of this committee")
        self.committee_combo.addItem("All committees", None)

        self.group_combo = QComboBox()
        self.group_combo.setObjectName("groupCombo")
        self.group_combo.setToolTip("Only members from this stakeholder group")
        self.group_combo.addItem("All stakeholder groups", None)
        for value, label in StakeholderGroup.choices():
            self.group_combo.addItem(label, value)

        self.term_combo = QComboBox()
        self.term_combo.setObjectName("termCombo")
        self.term_combo.setToolTip("Only members whose term is current, ends within 90 days, or has ended")
        for label, value in TERMS:
            self.term_combo.addItem(label, value)

        self.language_field = SearchField("Language")
        self.language_field.setObjectName("languageField")
        self.language_field.setMinimumWidth(100)
        self.language_field.setMaximumWidth(110)
        self.language_field.setToolTip("Only people who speak, or need an interpreter for, this language")

        self.interpreter_check = QCheckBox("Needs interpreter")
        self.interpreter_check.setToolTip("Only people who have an interpreter language")
        self.interpreter_check.setObjectName("interpreterCheck")

        # Each combo is as wide as its longest choice, so no choice is ever cut; the row wraps in a narrow window.
        for widget in (self.committee_combo, self.group_combo, self.term_combo):
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            widget.setMaximumWidth(COMBO_MAX_WIDTH)
            widget.currentIndexChanged.connect(lambda _i: self._apply_filters())
            row.addWidget(widget)
        self.language_field.search_changed.connect(lambda _t: self._apply_filters())
        self.interpreter_check.toggled.connect(lambda _on: self._apply_filters())
        row.addWidget(self.language_field)
        row.addWidget(self.interpreter_check)

    def build_body(self, table: QTableView) -> QWidget:
        self.memberships = MembershipsPanel(self.commands)
        self.attendance = AttendanceHistory()
        self.details = QTabWidget()
        self.details.setObjectName("personTabs")
        self.details.setDocumentMode(True)
        self.details.addTab(self.memberships, "Memberships")
        self.details.addTab(self.attendance, "Attendance")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("rosterSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.splitter = splitter
        return splitter

    # --- filters ---------------------------------------------------------------------------------------------

    def filters(self) -> dict[str, Any]:
        return {
            "committee_id": self.committee_combo.currentData(),
            "stakeholder_group": self.group_combo.currentData(),
            "term": self.term_combo.currentData(),
            "language": self.language_field.text().strip() or None,
            "interpreter_needed": True if self.interpreter_check.isChecked() else None,
        }

    def _apply_filters(self) -> None:
        if self.workspace is not None:
            self.workspace.set_chosen_committee(self.chosen_committee())
        if self.services is not None:
            self.model.set_filters(self.filters())

    def chosen_committee(self) -> int | None:
        """The committee the roster is filtered to (exports and the import start from it), or None for all."""
        data = self.committee_combo.currentData()
        return int(data) if data is not None else None

    def _show_archived(self, on: bool) -> None:
        self.restore_button.setVisible(on)
        self.model.set_include_archived(on)
        if self.services is not None:
            self._apply_widths()
            self.on_selection_changed()

    def _hidden_keys(self) -> set[str]:
        hidden = super()._hidden_keys()
        return hidden - {"archived"} if self.archived_check.isChecked() else hidden | {"archived"}

    def set_workspace(self, workspace: Workspace | None) -> None:
        if self.workspace is not None:
            self.workspace.committee_chosen.disconnect(self._committee_chosen)
        super().set_workspace(workspace)
        if workspace is not None:
            workspace.committee_chosen.connect(self._committee_chosen)

    def _committee_chosen(self, committee_id: int | None) -> None:
        """Another page (the home page) chose a committee: the roster's filter follows, so exports agree."""
        if committee_id is not None and committee_id != self.chosen_committee():
            index = self.committee_combo.findData(committee_id)
            if index >= 0:
                self.committee_combo.setCurrentIndex(index)

    def apply_view(self, name: str) -> None:
        """A view another page asked for: "representation" opens Representation… for the chosen committee."""
        if name == "representation":
            self.show_representation()

    def on_services_changed(self, services: Services | None) -> None:
        combo = self.committee_combo
        keep = combo.currentData()
        combo.blockSignals(True)  # one query when the choices are back, not one per item
        combo.clear()
        combo.addItem("All committees", None)
        if services is not None:
            for committee_id, name in services.committees.choices():
                combo.addItem(name, committee_id)
        index = combo.findData(keep) if keep is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        if self.workspace is not None:
            self.workspace.set_chosen_committee(self.chosen_committee())
        self.model.set_filters(self.filters())
        self.memberships.set_workspace(self.workspace)
        self.attendance.set_services(services)

    def on_changes(self, changes: Changes) -> None:
        if Change.COMMITTEES in changes:
            self.on_services_changed(self.services)  # a new or renamed committee belongs in the filter
        self.refresh()  # the Committees column and the memberships panel follow memberships too

    def selected_id(self) -> int | None:
        """The one selected person; None when nobody or several people are selected."""
        ids = self.selected_ids()
        return ids[0] if len(ids) == 1 else None

    def _archived_flags(self) -> dict[int, bool]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())[:1000]
        return {pid: bool(self.model.row_values(r).get("archived")) for r in rows if (pid := self.model.id_at(r))}

    def on_selection_changed(self) -> None:
        ids = self.selected_ids()
        person_id = ids[0] if len(ids) == 1 else None
        flags = self._archived_flags()
        self.commands.enable(self.services is not None, CommandId.ADD_PERSON, CommandId.REPRESENTATION)
        self.commands.enable(person_id is not None, CommandId.EDIT_PERSON, CommandId.ERASE_PERSON)
        self.commands.enable(not all(flags.values()), CommandId.ARCHIVE_PERSON)
        self.commands.enable(any(flags.values()), CommandId.RESTORE_PERSON)
        self.commands.enable(len(ids) == 2, CommandId.MERGE_PEOPLE)
        name = ""
        if person_id is not None:
            row = self.model.row_of(person_id)
            values = self.model.row_values(row)
            name = values.get("preferred_name") or values.get("name") or ""
            if values.get("preferred_name") and values.get("name"):
                name = f"{values['name']} ({values['preferred_name']})"
            if values.get("archived"):
                name += " (archived)"
        self.memberships.show_person(person_id, name)
        self.attendance.show_person(person_id, name)
        if len(ids) > 1:
            hint = " — Roster › Merge people… combines two records of one person" if len(ids) == 2 else ""
            self.memberships.heading.setText(f"{len(ids)} people selected{hint}")
        self.details.setTabText(0, f"Memberships ({self.memberships.table.rowCount()})" if person_id else "Memberships")
        self.details.setTabText(1, f"Attendance ({self.attendance.row_count})" if person_id else "Attendance")

    # --- commands --------------------------------------------------------------------------------------------

    def activate(self, entity_id: int) -> None:
        self.edit_person(entity_id)

    def add_person(self) -> PersonDialog | None:
        return self._open_dialog(None)

    def edit_person(self, person_id: int | None = None) -> PersonDialog | None:
        person_id = person_id if person_id is not None else self.selected_id()
        return self._open_dialog(person_id) if person_id is not None else None

    def _open_dialog(self, person_id: int | None) -> PersonDialog | None:
        if self.workspace is None:
            return None
        from equitydesk.gui.dialogs.person_dialog import PersonDialog  # late: not needed to show the window

        try:
            dialog = PersonDialog(self.workspace, person_id, parent=self)
        except DomainError as error:  # deleted meanwhile, by another window or an import
            QMessageBox.warning(self, "Edit person", error.message)
            self.refresh()
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._person_saved)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()  # window-modal and non-blocking: the event loop (and tests) keep running
        return dialog

    def _person_saved(self, person_id: int) -> None:
        self.select_id(person_id)  # the workspace's announcement has already brought the rows up to date

    def archive_person(self) -> None:
        ids = [pid for pid, archived in self._archived_flags().items() if not archived]
        if self.services is None or not ids:
            return
        who = self.services.people.get(ids[0]).display_name if len(ids) == 1 else f"these {len(ids)} people"
        answer = QMessageBox.question(
            self,
            "Archive person" if len(ids) == 1 else "Archive people",
            f"Archive {who}? They leave the roster lists; their memberships, attendance and history are kept. "
            "Tick Show archived to find and restore them.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._set_archived(ids, True)

    def erase_person(self) -> bool:
        from equitydesk.gui.dialogs.erase_dialog import erase_person

        person_id = self.selected_id()
        return (
            self.workspace is not None
            and person_id is not None
            and erase_person(self, self.workspace, person_id, done=self.notify)
        )

    def restore_person(self) -> None:
        """Restoring hides nothing and loses nothing, so it needs no confirmation."""
        ids = [pid for pid, archived in self._archived_flags().items() if archived]
        if self.services is not None and ids:
            self._set_archived(ids, False)

    def _set_archived(self, ids: list[int], archived: bool) -> None:
        """One service call for the whole selection: all archived (or restored) together, or none."""
        assert self.workspace is not None
        title = ("Archive" if archived else "Restore") + (" person" if len(ids) == 1 else " people")
        who = f"{len(ids)} {'person' if len(ids) == 1 else 'people'}"

        def done(_changed: object) -> None:
            if not archived:
                self.select_id(ids[0])
            self.notify(f"{'Archived' if archived else 'Restored'} {who}.")

        self.workspace.undoable(
            self,
            f"{'Archive' if archived else 'Restore'} {who}",
            do=lambda s: s.people.set_archived(ids=ids, archived=archived),
            undo=lambda s, changed: s.people.set_archived(ids=changed, archived=not archived),
            redo=lambda s, changed: s.people.set_archived(ids=changed, archived=archived),
            changes=ROSTER,
            title=title,
        ).success(done).run()

    def merge_people(self) -> MergeDialog | None:
        from equitydesk.gui.dialogs.merge_dialog import open_merge_dialog

        ids = self.selected_ids()
        if self.workspace is None or len(ids) != 2:
            return None
        dialog = open_merge_dialog(self.workspace, ids[0], ids[1], parent=self)
        if dialog is not None:
            dialog.merged.connect(self._merged)
            dialog.finished.connect(lambda _result: setattr(self, "merge_dialog", None))
        self.merge_dialog = dialog
        return dialog

    def _merged(self, result: MergeResult) -> None:
        from equitydesk.gui.dialogs.merge_dialog import merge_summary

        self.select_id(result.kept_id)
        if self.services is not None:
            self.notify(merge_summary(result, self.services.people.get(result.kept_id).display_name))

    def show_representation(self) -> RepresentationDialog | None:
        if self.workspace is None:
            return None
        from equitydesk.gui.dialogs.representation_dialog import RepresentationDialog

        dialog = RepresentationDialog(self.workspace, self.chosen_committee(), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: setattr(self, "representation_dialog", None))
        self.representation_dialog = dialog
        dialog.open()
        return dialog

    def notify(self, text: str) -> None:
        """Say briefly what a command did, in the window's status bar."""
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, NOTICE_MS)

    # --- dropping a roster file --------------------------------------------------------------------------

    def dropped_roster_file(self, mime: QMimeData) -> Path | None:
        """The one local spreadsheet or CSV being dragged, if that is what it is and someone will take it."""
        receivers = self.isSignalConnected(QMetaMethod.fromSignal(self.roster_file_dropped))
        if self.workspace is None or not receivers or not mime.hasUrls() or len(mime.urls()) != 1:
            return None
        url = mime.urls()[0]
        path = Path(url.toLocalFile()) if url.isLocalFile() else None
        return path if path is not None and path.suffix.lower() in ROSTER_SUFFIXES else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.dropped_roster_file(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        path = self.dropped_roster_file(event.mimeData())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.roster_file_dropped.emit(path)
