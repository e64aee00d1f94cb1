"""The roster import: people and their committee memberships from a spreadsheet, previewed, written, undone."""

from equitydesk.services.imports.batches import BatchRecord
from equitydesk.services.imports.plan import Outcome
from equitydesk.services.imports.summary import ImportSummary, Tally
from equitydesk.services.roster_import.changes import FieldChange, also_on_text
from equitydesk.services.roster_import.planning import ImportPlan, RosterSnapshot, RowPlan, plan_roster
from equitydesk.services.roster_import.reading import OpenedSheet
from equitydesk.services.roster_import.service import ImportResult, RosterImportService
from equitydesk.services.roster_import.undo import UndoResult

__all__ = [
    "BatchRecord",
    "FieldChange",
    "ImportPlan",
    "ImportResult",
    "ImportSummary",
    "OpenedSheet",
    "Outcome",
    "RosterImportService",
    "RosterSnapshot",
    "RowPlan",
    "Tally",
    "UndoResult",
    "also_on_text",
    "plan_roster",
]
