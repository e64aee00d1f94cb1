"""Checks of the Qt binding itself, run once at start-up before any model can crash the process."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

PROBE_CALLS = 200


class _NoneModel(QAbstractListModel):
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return None


def none_refcount_leaks(calls: int = PROBE_CALLS) -> bool:
    """True on a binding that drops a reference to None per data() call (PySide6 6.12.0 on Python 3.11).

    Such a build aborts with "Fatal Python error: none_dealloc" after some thousand repaints; a few hundred
    probe calls are harmless and tell. On Python 3.12+ None is immortal and its count never moves.
    """
    model = _NoneModel()
    index = model.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(calls):
        index.data(Qt.ItemDataRole.ToolTipRole)
    return before - sys.getrefcount(None) >= calls // 2
