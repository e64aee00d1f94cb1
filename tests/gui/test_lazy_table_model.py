"""The lazy table model: Qt's model contract, rows read a block at a time, sorting and filtering done in SQL."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from equitydesk.gui.display import format_value
from equitydesk.gui.models.lazy_table_model import ID_ROLE, LazyTableModel

DISPLAY = Qt.ItemDataRole.DisplayRole


def column_texts(model: LazyTableModel, key: str) -> list[str]:
    column = model.column_of(key)
    return [model.index(row, column).data(DISPLAY) for row in range(model.rowCount())]


def test_model_passes_qt_model_tester(qtmodeltester, services, committee):
    model = LazyTableModel(services.people)
    assert model.rowCount() == len(committee.people)
    qtmodeltester.check(model)
    model.set_text_filter("somali")
    qtmodeltester.check(model)
    model.sort(model.column_of("email"), Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_model_without_a_service_is_empty_and_valid(qtmodeltester):
    model = LazyTableModel()
    assert model.rowCount() == 0 and model.columnCount() == 0
    qtmodeltester.check(model)


def test_rows_are_read_in_blocks_only_when_shown(services):
    for n in range(45):
        services.people.create(given_name=f"Person{n:02d}", family_name="Block")
    model = LazyTableModel(services.people, block_size=10, cache_blocks=2)
    assert model.rowCount() == 45
    assert model.fetches == 0, "nothing is read until a cell is asked for"
    assert model.index(0, 0).data(DISPLAY) == "Block, Person00"
    model.index(9, 1).data(DISPLAY)
    assert model.fetches == 1, "rows 0-9 come in one query"
    assert model.index(44, 0).data(DISPLAY) == "Block, Person44"
    model.index(25, 0).data(DISPLAY)
    assert model.fetches == 3
    model.index(0, 0).data(DISPLAY)
    assert model.fetches == 4, "the least recently used block was dropped from the two-block cache"


def test_sorting_and_filtering_requery_sql(services, committee):
    model = LazyTableModel(services.people, columns=["name", "email", "languages"])
    assert model.keys == ["name", "email", "languages"]
    model.sort(model.column_of("name"))
    names = column_texts(model, "name")
    assert names == sorted(names, key=str.casefold) and names[0] == "Abdi Warsame, Hodan"
    model.sort(model.column_of("email"), Qt.SortOrder.DescendingOrder)
    emails = column_texts(model, "email")
    assert emails[0] == "yer@example.org"
    assert emails[-1] == "", "people without an e-mail sort last"
    model.set_text_filter("hmong")
    assert sorted(column_texts(model, "name")) == ["Lor, Yer", "Thao, Chue"]
    model.set_filters({"interpreter_needed": True})
    assert model.rowCount() == 2
    model.set_text_filter("")
    model.set_filters({})
    assert model.rowCount() == len(committee.people)


def test_ids_and_rows(services, committee):
    model = LazyTableModel(services.people)
    linda = committee.people["Linda"]
    row = model.row_of(linda)
    assert model.id_at(row) == linda
    assert model.index(row, 0).data(ID_ROLE) == linda
    assert model.row_values(row)["email"] == "linda@example.org"
    assert model.row_of(-1) == -1 and model.id_at(10_000) is None and model.row_values(-1) == {}


def test_row_of_follows_every_sort_filter_and_refresh(qtmodeltester, services, committee):
    model = LazyTableModel(services.people)
    linda = committee.people["Linda"]

    def assert_rows_known() -> None:
        assert [model.row_of(model.id_at(row)) for row in range(model.rowCount())] == list(range(model.rowCount()))

    model.sort(model.column_of("name"))
    assert_rows_known()
    first = model.row_of(linda)
    assert model.row_values(first)["email"] == "linda@example.org"
    model.sort(model.column_of("name"), Qt.SortOrder.DescendingOrder)
    assert model.row_of(linda) == model.rowCount() - 1 - first
    assert_rows_known()
    model.set_text_filter("somali")
    assert model.row_of(linda) == -1, "filtered out"
    assert_rows_known()
    qtmodeltester.check(model)
    model.set_text_filter("")
    model.sort(model.column_of("name"))
    aaron = services.people.create(given_name="Aaron", family_name="Aaberg").id
    assert model.row_of(aaron) == -1, "not shown until the model reads its rows again"
    model.refresh()
    assert model.row_of(aaron) == 0 and model.row_of(linda) == first + 1
    assert_rows_known()
    services.people.delete(linda)
    model.refresh()
    assert model.row_of(linda) == -1 and model.row_of(aaron) == 0
    team = committee.committees["ai"]
    model.set_service(services.committees)
    assert model.id_at(model.row_of(team)) == team, "another service: the rows are the committees'"
    model.set_service(None)
    assert model.row_of(team) == -1


def test_values_read_the_way_a_chair_reads_them(services, committee):
    model = LazyTableModel(services.memberships)
    roles = {model.index(r, model.column_of("role")).data(DISPLAY) for r in range(model.rowCount())}
    assert {"Co-chair", "Staff liaison", "Ex officio"} <= roles
    assert format_value(date(2025, 9, 10)) == "Sep 10, 2025"
    assert format_value(True) == "Yes" and format_value(False) == "No" and format_value(None) == ""
    voting = {model.index(r, model.column_of("voting")).data(DISPLAY) for r in range(model.rowCount())}
    assert voting == {"Yes"}
    meetings = LazyTableModel(services.meetings)
    when = meetings.index(0, meetings.column_of("starts_at")).data(DISPLAY)
    assert when.endswith("6:00 PM") and "," in when


def test_numbers_align_right_and_statuses_have_a_colour(services, committee):
    model = LazyTableModel(services.strategies)
    model.sort(model.column_of("title"))
    goals = model.index(0, model.column_of("goals"))
    assert goals.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    status_col = model.column_of("status")
    colours = {model.index(r, status_col).data(DISPLAY): model.index(r, status_col).data(Qt.ItemDataRole.ForegroundRole)
               for r in range(model.rowCount())}  # fmt: skip
    assert colours["On track"] is not None and colours["At risk"] is not None
    assert colours["No data"] is None, "a strategy with nothing measured yet says so, uncoloured"


def test_another_service_rebuilds_columns(services, committee):
    model = LazyTableModel(services.people)
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    model.set_service(services.meetings)
    assert resets and model.rowCount() == len(committee.meetings)
    assert "title" in model.keys and "email" not in model.keys
    model.set_service(None)
    assert model.rowCount() == 0 and model.columnCount() == 0
