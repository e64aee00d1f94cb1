"""The shape every list page shares: a title and count, a search box and filters, a lazily paged table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from equitydesk.gui.commands import CommandId, CommandRegistry
from equitydesk.gui.display import plural
from equitydesk.gui.models.lazy_table_model import LazyTableModel
from equitydesk.gui.settings import Setting, hidden_columns
from equitydesk.gui.widgets.column_fit import ColumnFitter, ColumnRules
from equitydesk.gui.widgets.flow_layout import FlowLayout, flow_container
from equitydesk.gui.widgets.search_field import SearchField
from equitydesk.gui.workspace import Change

if TYPE_CHECKING:
    from equitydesk.gui.workspace import Changes, Workspace
    from equitydesk.services.crud import EntityService
    from equitydesk.services.registry import Services


class ListPage(QWidget):
    """Subclasses set the class attributes and may override the build_* and on_* hooks."""

    title: ClassVar[str] = ""
    service_name: ClassVar[str] = ""  # the attribute of Services this page lists
    noun: ClassVar[tuple[str, str]] = ("row", "rows")
    columns: ClassVar[Sequence[str] | None] = None
    column_widths: ClassVar[dict[str, int]] = {}  # the widths wanted; in a narrow window they give way
    stretch_column: ClassVar[str | None] = None  # takes the width left over; None: the last column does
    key_column: ClassVar[str | None] = None  # the column a row is read by (None: the stretch column) …
    key_minimum: ClassVar[int] = 200  # … keeps this width while the others give way, then the table scrolls
    fixed_columns: ClassVar[tuple[str, ...]] = ()  # short values read whole (dates, phones): they never give way
    hidden_columns: ClassVar[tuple[str, ...]] = ()  # hidden until the user shows them (header's context menu)
    default_sort: ClassVar[str | None] = None
    default_descending: ClassVar[bool] = False
    search_placeholder: ClassVar[str] = "Search…"
    empty_text: ClassVar[str] = "Nothing here yet."
    nav_action: ClassVar[CommandId]
    listens: ClassVar[frozenset[Change]] = frozenset()  # the kinds of change that make the page read its rows again

    def __init__(self, commands: CommandRegistry | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(type(self).__name__)
        self.commands = commands if commands is not None else CommandRegistry(self)
        self.workspace: Workspace | None = None
        self.services: Services | None = None
        self._waiting: str | None = None  # said instead of "no database" while one is being opened

        self.model = LazyTableModel(columns=self.columns, parent=self)
        self.model.set_sort_key(self.default_sort, descending=self.default_descending)
        self.model.count_changed.connect(self._show_count)

        self.title_label = QLabel(self.title)
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title_label.setFont(font)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.count_label.setStyleSheet("color: palette(placeholder-text);")
        self.search = SearchField(self.search_placeholder)
        self.search.search_changed.connect(self.model.set_text_filter)
        self.search.returnPressed.connect(self.search.flush)
        self._restoring = False  # True while the page itself changes the selection (one update at the end)
        self.table = self._make_table()
        self.fitter = ColumnFitter(
            self.table,
            ColumnRules(
                widths=self.column_widths,
                fixed=self.fixed_columns,
                stretch=self.stretch_column,
                key=self.key_column,
                key_minimum=self.key_minimum,
            ),
            lambda: self.model.keys,
        )
        # A reset (search, filter, sort, refresh) clears the view's selection without a selectionChanged signal,
        # so the page would go on showing, and acting on, a row that is no longer listed: carry it over here.
        # Connected after the view's selection model, which clears itself on the same signal first.
        self._kept_ids: list[int] | None = None  # set before a reset: the ids to select after it
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.empty_label = QLabel(self.table.viewport())
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: palette(placeholder-text); font-size: 11pt; padding: 24px;")
        self.empty_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.table.viewport().installEventFilter(self)

        # Buttons and filters wrap onto another line in a narrow window (1024 px and less) rather than cut
        # their text or push the window wider than the screen.
        heading = QHBoxLayout()
        heading.addWidget(self.title_label)
        heading.addSpacing(12)
        heading.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        title_row = QHBoxLayout()
        title_row.addLayout(heading)
        title_row.setAlignment(heading, Qt.AlignmentFlag.AlignTop)  # beside the first line of buttons
        title_row.addStretch(1)
        self.buttons_box, buttons = flow_container(align_right=True)
        self.build_buttons(buttons)
        title_row.addWidget(self.buttons_box)
        self.filters_box, filter_row = flow_container()
        self.search.setMinimumWidth(max(180, self.search.fontMetrics().horizontalAdvance(self.search_placeholder) + 36))
        self.search.setMaximumWidth(340)
        filter_row.addWidget(self.search)
        self.build_filters(filter_row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(title_row)
        layout.addWidget(self.filters_box)
        layout.addWidget(self.build_body(self.table), 1)
        self._show_count(0)

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setAlternatingRowColors(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = table.verticalHeader()
        vertical.hide()
        # Fixed row heights: with rows sized to contents the view would read every row of a 100k-row table.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(table.fontMetrics().height() + 12)
        header = table.horizontalHeader()
        header.setStretchLastSection(False)  # the ColumnFitter hands out the width, the stretch share too
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        table.setSortingEnabled(True)
        table.activated.connect(self._activated)
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        return table

    # --- hooks -----------------------------------------------------------------------------------------------

    def build_buttons(self, row: FlowLayout) -> None:
        """Add the page's command buttons to the title row (they wrap, right-aligned, when the window is narrow)."""

    def build_filters(self, row: FlowLayout) -> None:
        """Add filter widgets after the search box; each keeps the width its text needs, and the row wraps."""

    def build_body(self, table: QTableView) -> QWidget:
        """The widget under the filters: the table alone, or the table with a detail panel."""
        return table

    def on_services_changed(self, services: Services | None) -> None:
        """Reload what depends on the database (filter choices)."""

    def on_changes(self, changes: Changes) -> None:
        """A write through the workspace changed what this page listens to: read the rows again."""
        self.refresh()

    def on_selection_changed(self) -> None:
        """The selected row changed."""

    def activate(self, entity_id: int) -> None:
        """A row was double-clicked or Enter was pressed on it."""

    # --- the database ----------------------------------------------------------------------------------------

    def service(self) -> EntityService[Any] | None:
        return getattr(self.services, self.service_name) if self.services is not None else None

    def set_waiting(self, text: str | None) -> None:
        """What an empty page says while a database is being opened (None: back to the usual words)."""
        self._waiting = text
        self._show_count(self.model.rowCount())

    def set_workspace(self, workspace: Workspace | None) -> None:
        """Show another open database (None: none); its writes refresh the page from then on."""
        if self.workspace is not None:
            self.workspace.changed.disconnect(self._changed)
        self.workspace = workspace
        if workspace is not None:
            workspace.changed.connect(self._changed)
        self.set_services(workspace.services if workspace is not None else None)

    def _changed(self, changes: Changes) -> None:
        if self.services is not None and changes.touches(*self.listens):
            self.on_changes(changes)

    def reload(self) -> None:
        """Read everything again, the filter choices too (View › Refresh, or another program changed the file)."""
        self.on_services_changed(self.services)
        self.refresh()

    def set_services(self, services: Services | None) -> None:
        """Show another database: the search and filters stay, the rows and choices are read again."""
        self.services = services
        self._waiting = None
        self._restoring = True  # an id in another database is another record: nothing stays selected
        self.table.selectionModel().clear()
        self._restoring = False
        self.on_services_changed(services)
        self.model.set_service(self.service())
        self._sync_sort_indicator()
        self._apply_widths()
        self.on_selection_changed()

    def refresh(self, *, select_id: int | None = None) -> None:
        """Read the rows again, keeping (or moving to) the selected records; on_selection_changed follows."""
        if select_id is not None:
            self._kept_ids = [select_id]
        try:
            self.model.refresh()
        finally:
            self._kept_ids = None

    # --- selection -------------------------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """The ids of the selected rows, top to bottom."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [entity_id for entity_id in (self.model.id_at(r) for r in rows) if entity_id is not None]

    def selected_id(self) -> int | None:
        ids = self.selected_ids()
        return ids[0] if ids else None

    def select_id(self, entity_id: int) -> bool:
        row = self.model.row_of(entity_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def _selection_changed(self) -> None:
        if not self._restoring:
            self.on_selection_changed()

    def _remember_selection(self) -> None:
        if self._kept_ids is None:
            self._kept_ids = self.selected_ids()

    def _restore_selection(self) -> None:
        """After a reset: the remembered rows that are still listed are selected again, the others are not."""
        kept, self._kept_ids = self._kept_ids or [], None
        rows = [row for row in (self.model.row_of(entity_id) for entity_id in kept) if row >= 0]
        selection = self.table.selectionModel()
        self._restoring = True  # one on_selection_changed for the whole selection, below
        try:
            selection.clear()
            if rows:
                chosen = QItemSelection()
                for row in rows:
                    chosen.select(self.model.index(row, 0), self.model.index(row, self.model.columnCount() - 1))
                selection.select(chosen, QItemSelectionModel.SelectionFlag.Select)
                first = self.model.index(rows[0], 0)
                selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
                self.table.scrollTo(first)
        finally:
            self._restoring = False
        self.on_selection_changed()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _activated(self, index: QModelIndex) -> None:
        entity_id = self.model.id_at(index.row())
        if entity_id is not None:
            self.activate(entity_id)

    # --- looks -----------------------------------------------------------------------------------------------

    def _show_count(self, count: int) -> None:
        singular, plural_form = self.noun
        self.count_label.setText(plural(count, singular, plural_form))
        if count:
            self.empty_label.hide()
            return
        if self.services is None:
            text = self._waiting or "No database is open. Use File › Open… or File › New database…"
        elif self.model.query().text or self._narrowed():
            text = f"No {plural_form} match the search and filters."
        else:
            text = self.empty_text
        self.empty_label.setText(text)
        self.empty_label.setGeometry(self.table.viewport().rect())
        self.empty_label.show()

    def _narrowed(self) -> bool:
        """Whether filters hide rows (pages whose default filter hides some, like open items only, say so)."""
        return bool(self.model.filters)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.empty_label.setGeometry(self.table.viewport().rect())
        return super().eventFilter(watched, event)

    def _sync_sort_indicator(self) -> None:
        column = self.model.column_of(self.model.sort_key) if self.model.sort_key else -1
        order = Qt.SortOrder.DescendingOrder if self.default_descending else Qt.SortOrder.AscendingOrder
        header = self.table.horizontalHeader()
        header.blockSignals(True)  # the model is already sorted this way; do not query twice
        header.setSortIndicator(column, order)
        header.blockSignals(False)

    def _apply_widths(self) -> None:
        header = self.table.horizontalHeader()
        hidden = self._hidden_keys()
        for column, key in enumerate(self.model.keys):
            header.setSectionHidden(column, key in hidden)
        self.fitter.refit()

    # --- which columns show ----------------------------------------------------------------------------------

    def _hidden_setting(self) -> Setting:
        return hidden_columns(type(self).__name__)

    def _hidden_keys(self) -> set[str]:
        stored = self._hidden_setting().read()
        if stored is None:
            return set(self.hidden_columns)
        return {stored} if isinstance(stored, str) else set(stored)

    def set_column_visible(self, key: str, visible: bool) -> None:
        column = self.model.column_of(key)
        if column < 0:
            return
        hidden = self._hidden_keys()
        hidden = hidden - {key} if visible else hidden | {key}
        self._hidden_setting().write(sorted(hidden) or "")
        self.table.horizontalHeader().setSectionHidden(column, not visible)
        self._apply_widths()

    def _header_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.addSection("Show columns")
        header = self.table.horizontalHeader()
        shown = [c for c in range(self.model.columnCount()) if not header.isSectionHidden(c)]
        for column, key in enumerate(self.model.keys):
            action = menu.addAction(str(self.model.headerData(column, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(column in shown)
            action.setEnabled(not (column in shown and len(shown) == 1))  # never hide the last column shown
            action.toggled.connect(lambda on, k=key: self.set_column_visible(k, on))
        menu.popup(header.mapToGlobal(pos))
