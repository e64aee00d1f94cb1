"""Save progress report…: choose the audience and the edition, pick a file, and write the report as a job."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from equitydesk.gui.exports import failure_message, file_name, show_status, with_suffix
from equitydesk.gui.jobs import Job, JobCancelled, run_job
from equitydesk.gui.workspace import Workspace
from equitydesk.services.documents.service import DocumentResult

TITLE = "Save progress report"


class ProgressReportDialog(QDialog):
    """The report's audience and edition; `choice()` gives (audience, accessible)."""

    def __init__(self, plan_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.audience = QComboBox()
        self.audience.setObjectName("audience")
        self.audience.addItem("Public: for the website and the meeting (no e-mail addresses or phones)", "public")
        self.audience.addItem("Internal: for the committee, with owners' contact details", "internal")
        self.accessible = QCheckBox("Accessible edition (tagged PDF/UA-1, for posting on the district website)")
        self.accessible.setObjectName("accessible")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Choose file…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(f"The annual progress report of “{plan_name}”: a one-page summary, then each strategy and goal "
                       "with its status, the reason, its chart and its action items.")  # fmt: skip
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.addRow("Audience:", self.audience)
        form.addRow("", self.accessible)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def choice(self) -> tuple[str, bool]:
        return str(self.audience.currentData()), self.accessible.isChecked()


class ProgressReportSaver:
    """The command's steps for one page: the dialog, the file dialog, the job, and the sentence saying where."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent
        self.dialog: ProgressReportDialog | None = None
        self.job: Job | None = None
        self.said: str = ""

    def start(self, workspace: Workspace | None, plan_id: int | None) -> ProgressReportDialog | None:
        if workspace is None or plan_id is None:
            return None
        plan_name = str(workspace.services.plans.get(plan_id).name)
        dialog = ProgressReportDialog(plan_name, self.parent)
        dialog.accepted.connect(lambda: self.ask_where(workspace, plan_id, plan_name, *dialog.choice()))
        dialog.finished.connect(lambda _r: (setattr(self, "dialog", None), dialog.deleteLater()))
        self.dialog = dialog
        dialog.open()  # window-modal without blocking, like the other dialogs of the page
        return dialog

    def ask_where(self, workspace: Workspace, plan_id: int, plan_name: str, audience: str, accessible: bool) -> None:
        today = workspace.services.ctx.today().isoformat()
        edition = " accessible" if accessible else ""
        default = file_name(plan_name, f"progress report{edition}", "internal" if audience == "internal" else "",
                            today, suffix=".pdf")  # fmt: skip
        path, _filter = QFileDialog.getSaveFileName(self.parent, TITLE, default, "PDF files (*.pdf)")
        if path:  # on Cancel nothing at all is written
            self.write(workspace, plan_id, with_suffix(Path(path), ".pdf"), audience=audience, accessible=accessible)

    def write(self, workspace: Workspace, plan_id: int, target: Path, *, audience: str, accessible: bool) -> Job:
        documents = workspace.services.documents

        def work(progress: Callable[..., None], is_cancelled: Callable[[], bool]) -> DocumentResult:
            progress(0, None, "Gathering the plan's status, measurements and actions")

            def step(done: int, total: int, text: str) -> None:
                if is_cancelled():
                    raise JobCancelled()
                progress(done, total, text)

            return documents.save_progress_report(plan_id=plan_id, target=target, audience=audience,
                                                  accessible=accessible, progress=step)  # fmt: skip

        def done(result: DocumentResult) -> None:
            edition = "accessible PDF/UA-1" if accessible else "PDF"
            pages = f"{result.pages} {'page' if result.pages == 1 else 'pages'}"
            self.tell(f"Saved the {audience} progress report ({edition}, {pages}) to {result.path}")

        def failed(error: BaseException) -> None:
            self.said = failure_message(error, target)
            QMessageBox.warning(self.parent, TITLE, self.said)

        self.job = run_job(self.parent, "Saving the progress report", work, done, failed,
                           on_cancelled=lambda: self.tell("Stopped; the progress report was not saved."))  # fmt: skip
        return self.job

    def tell(self, text: str) -> None:
        self.said = text
        show_status(self.parent, text)
