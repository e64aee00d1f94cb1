"""The roster: everyone on any committee, filtered by committee, group, term and language, with their memberships."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMetaMethod, QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolButton,
    QWidget,
)

from equitydesk.domain.enums import StakeholderGroup
from equitydesk.gui.actions import ActionId, ActionRegistry
from equitydesk.gui.pages.list_page import ListPage
from equitydesk.gui.pages.memberships_panel import MembershipsPanel
from equitydesk.gui.widgets.search_field import SearchField
from equitydesk.services.errors import DomainError

if TYPE_CHECKING:
    from equitydesk.gui.dialogs.person_dialog import PersonDialog
    from equitydesk.services.registry import Services

ROSTER_SUFFIXES = (".xlsx", ".xlsm", ".csv")
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
    )
    column_widths = {
        "name": 175,
        "preferred_name": 110,
        "email": 210,
        "phone": 110,
        "organization": 165,
        "languages": 135,
        "interpreter_language": 100,
    }
    stretch_column = "committees"
    hidden_columns = ("preferred_name",)
    default_sort = "name"
    search_placeholder = "Search name, e-mail, school…"
    empty_text = "No one is on the roster yet. Use Add person to start it."
    nav_action = ActionId.GO_ROSTER

    dialog: PersonDialog | None = None
    # A roster file dropped on the page; the import wizard connects here. Drops are refused until it does.
    roster_file_dropped = Signal(Path)

    def __init__(self, actions: ActionRegistry | None = None, parent: QWidget | None = None) -> None:
        super().__init__(actions, parent)
        self.setAcceptDrops(True)

    # --- building --------------------------------------------------------------------------------------------

    def build_buttons(self, row: QHBoxLayout) -> None:
        for action_id, handler in (
            (ActionId.ADD_PERSON, self.add_person),
            (ActionId.EDIT_PERSON, self.edit_person),
            (ActionId.ARCHIVE_PERSON, self.archive_person),
        ):
            self.actions.bind(action_id, handler)
            button = QToolButton()
            button.setDefaultAction(self.actions[action_id])
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            row.addWidget(button)
        self.actions.enable(False, ActionId.ADD_PERSON, ActionId.EDIT_PERSON, ActionId.ARCHIVE_PERSON)

    def build_filters(self, row: QHBoxLayout) -> None:
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
        self.language_field.setMinimumWidth(90)
        self.language_field.setMaximumWidth(160)
        self.language_field.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.language_field.setToolTip("Only people who speak, or need an interpreter for, this language")

        self.interpreter_check = QCheckBox("Needs interpreter")
        self.interpreter_check.setToolTip("Only people who have an interpreter language")
        self.interpreter_check.setObjectName("interpreterCheck")

        # Narrow windows shrink the combos (their text is clipped, not the window cut); wide ones let them grow.
        for widget, chars in ((self.committee_combo, 12), (self.group_combo, 12), (self.term_combo, 10)):
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            widget.setMinimumContentsLength(chars)
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            widget.setMaximumWidth(250)
            widget.currentIndexChanged.connect(lambda _i: self._apply_filters())
            row.addWidget(widget, 2)
        self.language_field.search_changed.connect(lambda _t: self._apply_filters())
        self.interpreter_check.toggled.connect(lambda _on: self._apply_filters())
        row.addWidget(self.language_field, 1)
        row.addWidget(self.interpreter_check)

    def build_body(self, table: QTableView) -> QWidget:
        self.memberships = MembershipsPanel(self.actions)
        self.memberships.changed.connect(self._memberships_changed)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("rosterSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(table)
        splitter.addWidget(self.memberships)
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
        if self.services is not None:
            self.model.set_filters(self.filters())

    def on_services_changed(self, services: Services | None) -> None:
        combo = self.committee_combo
        keep = combo.currentData()
        combo.blockSignals(True)  # one query when the choices are back, not one per item
        combo.clear()
        combo.addItem("All committees", None)
        if services is not None:
            for committee in services.committees.all():
                if not committee.archived:
                    combo.addItem(committee.name, committee.id)
        index = combo.findData(keep) if keep is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        self.model.set_filters(self.filters())
        self.memberships.set_services(services)

    def on_selection_changed(self) -> None:
        person_id = self.selected_id()
        self.actions.enable(self.services is not None, ActionId.ADD_PERSON)
        self.actions.enable(person_id is not None, ActionId.EDIT_PERSON, ActionId.ARCHIVE_PERSON)
        name = ""
        if person_id is not None:
            row = self.model.row_of(person_id)
            values = self.model.row_values(row)
            name = values.get("preferred_name") or values.get("name") or ""
            if values.get("preferred_name") and values.get("name"):
                name = f"{values['name']} ({values['preferred_name']})"
        self.memberships.show_person(person_id, name)

    def _memberships_changed(self) -> None:
        self.refresh()  # the Committees column and the committee filter depend on memberships
        self.changed.emit()

    # --- commands --------------------------------------------------------------------------------------------

    def activate(self, entity_id: int) -> None:
        self.edit_person(entity_id)

    def add_person(self) -> PersonDialog | None:
        return self._open_dialog(None)

    def edit_person(self, person_id: int | None = None) -> PersonDialog | None:
        person_id = person_id if person_id is not None else self.selected_id()
        return self._open_dialog(person_id) if person_id is not None else None

    def _open_dialog(self, person_id: int | None) -> PersonDialog | None:
        if self.services is None:
            return None
        from equitydesk.gui.dialogs.person_dialog import PersonDialog  # late: not needed to show the window

        try:
            dialog = PersonDialog(self.services.people, person_id, parent=self)
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
        self.refresh(select_id=person_id)
        self.changed.emit()

    def archive_person(self) -> None:
        person_id = self.selected_id()
        if self.services is None or person_id is None:
            return
        person = self.services.people.get(person_id)
        answer = QMessageBox.question(
            self,
            "Archive person",
            f"Archive {person.display_name}? They leave the roster lists; their memberships, attendance "
            "and history are kept.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.services.people.archive(person_id)
        except DomainError as error:
            QMessageBox.warning(self, "Archive person", error.message)
        self.refresh()
        self.changed.emit()

    # --- dropping a roster file --------------------------------------------------------------------------

    def dropped_roster_file(self, mime: QMimeData) -> Path | None:
        """The one local spreadsheet or CSV being dragged, if that is what it is and someone will take it."""
        receivers = self.isSignalConnected(QMetaMethod.fromSignal(self.roster_file_dropped))
        if self.services is None or not receivers or not mime.hasUrls() or len(mime.urls()) != 1:
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
