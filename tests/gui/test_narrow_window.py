"""At 1024×768 the column a row is read by keeps its width, other columns give way, filters and buttons wrap."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLineEdit, QWidget

from equitydesk.gui.pages.actions_page import ActionsPage
from equitydesk.gui.pages.list_page import ListPage
from equitydesk.gui.pages.meetings_page import MeetingsPage
from equitydesk.gui.pages.roster_page import RosterPage
from equitydesk.gui.widgets.column_fit import HEADER_PADDING, share_width

PAGES = (RosterPage, ActionsPage, MeetingsPage)


def settle(qtbot, window, width: int, height: int) -> None:
    window.resize(width, height)
    for _ in range(3):  # layouts and the viewport's resize event run from the event loop
        QApplication.processEvents()


def section(page: ListPage, key: str) -> int:
    return page.table.horizontalHeader().sectionSize(page.model.column_of(key))


def widgets_in(box: QWidget) -> list[QWidget]:
    layout = box.layout()
    found = [layout.itemAt(i).widget() for i in range(layout.count())]
    return [w for w in found if w is not None and w.isVisible()]


def assert_whole(widget: QWidget, page: ListPage) -> None:
    """Its text fits its width, and the widget lies inside the page, not under its right edge."""
    name = widget.objectName() or type(widget).__name__
    if isinstance(widget, QComboBox | QAbstractButton):
        assert widget.width() >= widget.sizeHint().width(), f"{name} is cut: {widget.width()} < {widget.sizeHint()}"
    if isinstance(widget, QLineEdit) and widget.placeholderText():
        needed = widget.fontMetrics().horizontalAdvance(widget.placeholderText())
        assert widget.width() >= needed + 8, f"the hint of {name} is cut"
    right = widget.mapTo(page, widget.rect().topRight()).x()
    assert right <= page.width(), f"{name} runs off the page"


@pytest.mark.parametrize("page_class", PAGES)
def test_at_1024_the_key_column_keeps_its_width_and_nothing_is_cut(qtbot, window, committee, page_class):
    page = window.show_page(page_class)
    settle(qtbot, window, 1024, 768)
    assert window.width() == 1024, f"the window cannot be made narrower than {window.minimumSizeHint().width()} px"
    key = page.key_column or page.stretch_column
    assert section(page, key) >= page.key_minimum
    header = page.table.horizontalHeader()
    for column, name in enumerate(page.model.keys):
        if header.isSectionHidden(column):
            continue
        label = str(page.model.headerData(column, 1))
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(label) + HEADER_PADDING
        if name in page.fixed_columns:
            assert header.sectionSize(column) >= page.column_widths[name], f"{name} gave way"
    for widget in widgets_in(page.filters_box) + widgets_in(page.buttons_box):
        assert_whole(widget, page)


def test_the_roster_at_1024_with_archived_people_shown(qtbot, window, committee):
    page = window.show_page(RosterPage)
    settle(qtbot, window, 1024, 768)
    page.archived_check.setChecked(True)  # Restore joins the buttons, Archived the columns
    settle(qtbot, window, 1024, 768)
    assert window.width() == 1024 and page.restore_button.isVisible()
    assert section(page, "name") >= page.key_minimum
    for widget in widgets_in(page.filters_box) + widgets_in(page.buttons_box):
        assert_whole(widget, page)
    assert page.memberships.heading.width() > 0


@pytest.mark.parametrize("page_class", PAGES)
def test_at_1280_the_columns_fill_the_table_and_the_stretch_column_takes_the_rest(qtbot, window, committee, page_class):
    page = window.show_page(page_class)
    settle(qtbot, window, 1280, 800)
    header = page.table.horizontalHeader()
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    total = sum(header.sectionSize(c) for c in shown)
    if total == page.table.viewport().width():
        assert section(page, page.stretch_column) >= page.column_widths.get(page.stretch_column, 0)
    else:  # wider than the window even so: it scrolls, with the key column whole
        assert total > page.table.viewport().width()
        assert page.table.horizontalScrollBar().maximum() > 0
    settle(qtbot, window, 1920, 1000)
    assert sum(header.sectionSize(c) for c in shown) == page.table.viewport().width(), "no gap at the right"


def test_a_column_the_user_widens_keeps_its_width(qtbot, window, committee):
    page = window.show_page(ActionsPage)
    settle(qtbot, window, 1280, 800)
    header = page.table.horizontalHeader()
    owner = page.model.column_of("owner")
    header.resizeSection(owner, 260)  # as a drag on the section's edge does
    qtbot.waitUntil(lambda: section(page, "title") < 327, timeout=2000)
    assert section(page, "owner") == 260
    assert section(page, "title") >= page.key_minimum
    settle(qtbot, window, 1024, 768)
    assert section(page, "owner") == 260 and section(page, "title") >= page.key_minimum


def test_sharing_the_width() -> None:
    wanted = {"name": 180, "email": 210, "phone": 110, "notes": 100}
    floor = {"name": 180, "email": 126, "phone": 110, "notes": 60}
    roomy = share_width(wanted, floor, 700, stretch="notes", key="name")
    assert roomy == {"name": 180, "email": 210, "phone": 110, "notes": 200}
    tight = share_width(wanted, floor, 550, stretch="notes", key="name")
    assert sum(tight.values()) == 550 and tight["name"] == 180 and tight["phone"] == 110
    assert tight["email"] < 210 and tight["notes"] < 100
    too_narrow = share_width(wanted, floor, 300, stretch="notes", key="name")
    assert too_narrow == floor, "below the floors the table scrolls"
    key_last = share_width({"title": 300, "owner": 150}, {"title": 200, "owner": 90}, 330, stretch="title", key="title")
    assert key_last == {"title": 240, "owner": 90}, "the key column gives way only after the others"
