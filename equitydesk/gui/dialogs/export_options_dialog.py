"""Asked before an export or a printout: which committee, and the choices that change what is printed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from equitydesk.gui.display import format_date

if TYPE_CHECKING:
    from equitydesk.services.registry import Services


@dataclass(frozen=True)
class ExportChoice:
    """The committee an export is for and the options chosen; what every export spec's call receives."""

    committee_id: int
    committee_name: str
    include_contact: bool = False
    meeting_id: int | None = None
    meeting_day: str = ""
    large_print: bool = False


class ExportOptionsDialog(QDialog):
    """Which committee, and for a directory or a sign-in sheet the choices that change what is printed."""

    def __init__(
        self,
        services: Services,
        title: str,
        committee_id: int | None,
        *,
        directory: bool = False,
        signin: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.services = services
        self.committee_combo = QComboBox()
        self.committee_combo.setObjectName("exportCommitteeCombo")
        for cid, name in services.committees.choices():
            self.committee_combo.addItem(name, cid)
        if committee_id is not None:
            self.committee_combo.setCurrentIndex(max(self.committee_combo.findData(committee_id), 0))
        form = QFormLayout()
        form.addRow("&Committee", self.committee_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)

        self.public_radio = QRadioButton("&Public: names, roles, groups, schools and languages; no e-mail or phone")
        self.internal_radio = QRadioButton("&Internal: with e-mail and phone, for the committee's own use only")
        self.public_radio.setChecked(True)  # the version safe to hand out is the one chosen without thinking
        if directory:
            layout.addWidget(QLabel("Which version?"))
            layout.addWidget(self.public_radio)
            layout.addWidget(self.internal_radio)

        self.meeting_combo = QComboBox()
        self.meeting_combo.setObjectName("meetingCombo")
        self.large_print_check = QCheckBox("&Large print (18 pt, landscape)")
        if signin:
            form.addRow("&Meeting", self.meeting_combo)
            form.addRow("", self.large_print_check)
            self.committee_combo.currentIndexChanged.connect(lambda _i: self._fill_meetings())
            self._fill_meetings()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Save as…")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _fill_meetings(self) -> None:
        """The committee's meetings newest first; the next one coming up is chosen, as its sheet is the one needed."""
        from equitydesk.services.crud import ListQuery

        combo = self.meeting_combo
        combo.clear()
        combo.addItem("No particular meeting (all active members)", None)
        cid = self.committee_id
        if cid is None:
            return
        query = ListQuery(filters={"committee_id": cid}, sort="starts_at", descending=True)
        today = self.services.ctx.today()
        upcoming = -1
        for row in self.services.meetings.list(query, limit=200).rows:
            combo.addItem(f"{format_date(row['starts_at'].date())} — {row['title']}", row["id"])
            if row["starts_at"].date() >= today:
                upcoming = combo.count() - 1  # the list runs newest first, so the last one seen is the nearest
        combo.setCurrentIndex(max(upcoming, 0))

    @property
    def committee_id(self) -> int | None:
        data = self.committee_combo.currentData()
        return int(data) if data is not None else None

    @property
    def committee_name(self) -> str:
        return self.committee_combo.currentText()

    @property
    def include_contact(self) -> bool:
        return self.internal_radio.isChecked()

    @property
    def meeting_id(self) -> int | None:
        data = self.meeting_combo.currentData()
        return int(data) if data is not None else None

    @property
    def meeting_day(self) -> str:
        text = self.meeting_combo.currentText()
        return text.split(" — ", 1)[0] if self.meeting_id is not None else ""

    def choice(self) -> ExportChoice:
        """What the user chose, as plain values for the export to run with."""
        return ExportChoice(
            committee_id=self.committee_id or 0,
            committee_name=self.committee_name,
            include_contact=self.include_contact,
            meeting_id=self.meeting_id,
            meeting_day=self.meeting_day,
            large_print=self.large_print_check.isChecked(),
        )
