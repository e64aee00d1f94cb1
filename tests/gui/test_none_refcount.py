"""PySide6 6.12.0 on Python 3.11 drops a reference to None per data() call that returns None: guard against it.

After a few thousand repaints such a build aborts with "Fatal Python error: none_dealloc". The pin in setup.cfg
excludes it; these tests fail on any build that has the bug, before a user meets it.

How: 10,000 calls of data() through Qt (`QModelIndex.data(role)`, and a view painting), checking the count of
None every CHECK_EVERY calls. None starts with only a few thousand references, so a buggy build must be stopped
early: run straight to 10,000 it would abort the whole test run instead of failing one test.

Tolerance: the count may move by a few for reasons of its own (a frame or temporary holding None when it is
read), so ±5 is allowed; the bug moves it by one per call.

On Python 3.12+ None is immortal (PEP 683): its count never moves, so the two checks of the model could not fail
there, and the two checks of the measuring stick, which simulate the leak with Py_DecRef, fail wrongly. The
module is skipped there; the bug it guards against cannot crash such a Python.
"""

from __future__ import annotations

import ctypes
import gc
import sys
from collections.abc import Callable

import pytest
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from equitydesk.gui.compat import none_refcount_leaks
from equitydesk.gui.models.lazy_table_model import LazyTableModel

pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="None is immortal on Python 3.12+: its count cannot move, so these checks cannot fail (the model's) "
    "or fail wrongly (the simulated leak's)",
)

CALLS = 10_000
CHECK_EVERY = 250
TOLERANCE = 5
# Roles the model does not handle (None back through Qt), and ForegroundRole, None for cells with no colour.
UNHANDLED = (
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.CheckStateRole,
    Qt.ItemDataRole.SizeHintRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.EditRole,
    Qt.ItemDataRole.WhatsThisRole,
)


def none_drift(step: Callable[[int], None], calls: int) -> int:
    """Run step(i) `calls` times; the change in None's count, stopping as soon as it leaves the tolerance."""
    gc.collect()
    gc.disable()  # a collection midway would free objects that hold None and blur the count
    try:
        before = sys.getrefcount(None)
        for i in range(calls):
            step(i)
            if i % CHECK_EVERY == CHECK_EVERY - 1 and abs(sys.getrefcount(None) - before) > TOLERANCE:
                break
        return sys.getrefcount(None) - before
    finally:
        gc.enable()


def test_data_through_qt_keeps_the_count_of_none(services, committee):
    model = LazyTableModel(services.people)
    index = model.index(0, model.column_of("name"))
    index.data(Qt.ItemDataRole.DisplayRole)  # read the block first: the database's own use of None is not at issue
    drift = none_drift(lambda i: index.data(UNHANDLED[i % len(UNHANDLED)]), CALLS)
    assert abs(drift) <= TOLERANCE, f"None lost {-drift} references: this PySide6 build would crash while painting"


def test_painting_a_table_keeps_the_count_of_none(qtbot, services, committee):
    """The real hot path: a view asking every role of every visible cell on each repaint (≈800 calls a paint)."""
    model = LazyTableModel(services.people)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)
    view.viewport().grab()
    drift = none_drift(lambda _i: view.viewport().grab(), CALLS // 800)
    assert abs(drift) <= TOLERANCE


class _LeakingModel(QAbstractListModel):
    """Behaves like the buggy binding: every data() call costs None one reference."""

    def rowCount(self, parent=QModelIndex()):  # noqa: B008
        return 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        ctypes.pythonapi.Py_DecRef(ctypes.py_object(None))
        return None


def test_the_check_catches_a_leaking_binding(qapp):
    """The measuring stick itself: a simulated leak is seen, and stopped long before None runs out."""
    model = _LeakingModel()
    index = model.index(0, 0)
    drift = 0
    try:
        drift = none_drift(lambda _i: index.data(Qt.ItemDataRole.ToolTipRole), CALLS)
    finally:
        for _ in range(-drift):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))  # give None back what the simulation took
    assert -drift == CHECK_EVERY


def test_start_up_probe_agrees(qapp, monkeypatch):
    assert none_refcount_leaks() is False
    import equitydesk.gui.compat as compat

    monkeypatch.setattr(compat, "_NoneModel", _LeakingModel)
    try:
        assert none_refcount_leaks() is True
    finally:
        for _ in range(compat.PROBE_CALLS):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
