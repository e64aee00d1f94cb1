"""Action items: the follow-up list (views, filters, counts), the editor's operations, bulk edits, exports."""

from equitydesk.services.actions.owners import OwnerRecord, OwnerSpec
from equitydesk.services.actions.service import (
    ActionItemService,
    ActionSnapshot,
    ActionUpdateService,
    BulkResult,
    EditResult,
)
from equitydesk.services.actions.views import VIEWS, View, school_year_start

__all__ = [
    "VIEWS",
    "ActionItemService",
    "ActionSnapshot",
    "ActionUpdateService",
    "BulkResult",
    "EditResult",
    "OwnerRecord",
    "OwnerSpec",
    "View",
    "school_year_start",
]
