"""The measurement import: indicator values from a spreadsheet read, previewed, written as one batch, undone."""

from equitydesk.services.measurement_import.planning import MeasurementImportPlan, MeasurementRowPlan
from equitydesk.services.measurement_import.service import (
    MeasurementImportResult,
    MeasurementImportService,
    MeasurementUndoResult,
)

__all__ = [
    "MeasurementImportPlan",
    "MeasurementImportResult",
    "MeasurementImportService",
    "MeasurementRowPlan",
    "MeasurementUndoResult",
]
