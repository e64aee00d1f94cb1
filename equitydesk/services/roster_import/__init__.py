"""The roster import: people and their committee memberships from a spreadsheet, previewed, written, undone."""

from equitydesk.services.imports.batches import BatchRecord
from equitydesk.services.imports.plan import Outcome
from equitydesk.services.roster_import.planning import ImportPlan, RosterSnapshot, RowPlan, plan_roster
from equitydesk.services.roster_import.reading import OpenedSheet
from equitydesk.services.roster_import.service import ImportResult, RosterImportService
from equitydesk.services.roster_import.undo import UndoResult

__all__ = [
    "BatchRecord",
    "ImportPlan",
    "ImportResult",
    "OpenedSheet",
    "Outcome",
    "RosterImportService",
    "RosterSnapshot",
    "RowPlan",
    "UndoResult",
    "plan_roster",
]
