"""Write action items and their progress log to an .xlsx workbook (the roster export's writer, two sheets)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from equitydesk.formats.action_rows import (
    ACTION_COLUMNS,
    LOG_COLUMNS,
    ActionExportRow,
    ActionLogRow,
    action_values,
    log_values,
)
from equitydesk.formats.xlsx_safe import CellValue
from equitydesk.formats.xlsx_tables import Table, write_tables

ACTIONS_SHEET = "Action items"
LOG_SHEET = "Progress log"


def write_actions_xlsx(
    target: Path,
    rows: Sequence[ActionExportRow],
    log: Sequence[ActionLogRow],
    *,
    scope: str,
    exported_at: dt.datetime | None = None,
) -> list[str]:
    """Both sheets all or nothing; `scope` says what was exported ("Equity Advisory Committee, open items")."""
    when = (exported_at or dt.datetime.now()).replace(microsecond=0, tzinfo=None)
    about: list[tuple[str, CellValue]] = [
        ("Action items", scope),
        ("Exported at", when),
        ("Items", len(rows)),
        ("Log entries", len(log)),
        ("Exported by", "EquityDesk"),
    ]
    tables = [
        Table(ACTIONS_SHEET, ACTION_COLUMNS, [action_values(r) for r in rows]),
        Table(LOG_SHEET, LOG_COLUMNS, [log_values(r) for r in log]),
    ]
    return write_tables(target, tables, about=about, title=f"Action items: {scope}")
