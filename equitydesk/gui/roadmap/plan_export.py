"""Export plan to Excel…: the chosen plan, a sheet per level plus measurements, written as a job."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from equitydesk.gui.display import plural
from equitydesk.gui.exports import XLSX_FILTER, failure_message, file_name, show_status, with_suffix
from equitydesk.gui.jobs import Job, run_job

if TYPE_CHECKING:
    from equitydesk.gui.workspace import Workspace
    from equitydesk.services.roadmap_export import PlanExportResult

TITLE = "Export plan to Excel"


class PlanExporter:
    """The command's steps for the Roadmap page: a file, the job, and the sentence saying where it went."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent
        self.job: Job | None = None
        self.said = ""

    def start(self, workspace: Workspace | None, plan_id: int | None) -> Job | None:
        if workspace is None or plan_id is None:
            return None
        name = str(workspace.services.plans.get(plan_id).name)
        default = file_name(name, workspace.services.ctx.today().isoformat(), suffix=".xlsx")
        path, _filter = QFileDialog.getSaveFileName(self.parent, TITLE, default, XLSX_FILTER)
        if not path:
            return None  # Cancel writes nothing
        return self.write(workspace, plan_id, with_suffix(Path(path), ".xlsx"))

    def write(self, workspace: Workspace, plan_id: int, target: Path) -> Job:
        exporter = workspace.services.roadmap_export

        def work(_progress: Any, _cancelled: Any) -> PlanExportResult:
            return exporter.export_xlsx(plan_id=plan_id, target=target)

        def done(result: PlanExportResult) -> None:
            rows = result.rows
            strategies = plural(rows.get("Strategies", 0), "strategy", "strategies")
            said = (f"Exported the plan to {result.path}: {strategies}, "
                    f"{plural(rows.get('Goals', 0), 'goal')}, {plural(rows.get('Indicators', 0), 'indicator')} and "
                    f"{plural(rows.get('Measurements', 0), 'measurement')}.")  # fmt: skip
            if result.warnings:
                said += " " + " ".join(result.warnings)
            self.tell(said)

        def failed(error: BaseException) -> None:
            self.said = failure_message(error, target)
            QMessageBox.warning(self.parent, TITLE, self.said)

        self.job = run_job(self.parent, "Exporting the plan", work, done, failed)
        return self.job

    def tell(self, text: str) -> None:
        self.said = text
        show_status(self.parent, text)
