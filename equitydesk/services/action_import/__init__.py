"""The action-item import: a committee's spreadsheet tracker read, previewed, written as one batch, undone."""

from equitydesk.services.action_import.planning import ActionImportPlan, ActionRowPlan
from equitydesk.services.action_import.service import ActionImportResult, ActionImportService, ActionUndoResult

__all__ = ["ActionImportPlan", "ActionImportResult", "ActionImportService", "ActionRowPlan", "ActionUndoResult"]
