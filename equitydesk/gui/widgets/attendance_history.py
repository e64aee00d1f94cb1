"""The attendance of the person selected on the roster: each meeting newest first, and how many they attended."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from equitydesk.domain.enums import AttendanceStatus
from equitydesk.gui.display import AMBER, RED, format_date, format_value
from equitydesk.gui.widgets.side_table import side_table

if TYPE_CHECKING:
    from equitydesk.services.registry import Services

HEADERS = ("Date", "Committee", "Meeting", "Attendance")
WIDTHS = (110, 260, 300)
ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.REMOTE)
# The word stays in the cell; the colour only helps the eye find the missed meetings.
TONES = {AttendanceStatus.ABSENT: RED, AttendanceStatus.EXCUSED: AMBER}


def attendance_summary(statuses: Sequence[Any]) -> str:
    """'Attended 7 of 9 meetings (78%)': present and remote count as attended, excused and absent do not."""
    total = len(statuses)
    if not total:
        return "No attendance recorded yet"
    attended = sum(1 for s in statuses if s in ATTENDED)
    excused = sum(1 for s in statuses if s == AttendanceStatus.EXCUSED)
    noun = "meeting" if total == 1 else "meetings"
    text = f"Attended {attended} of {total} {noun} ({round(100 * attended / total)}%)"
    return text + (f", excused from {excused}" if excused else "")


class AttendanceHistory(QWidget):
    """A person attends a few dozen meetings at most, so a QTableWidget filled on each selection is enough."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services: Services | None = None
        self.person_id: int | None = None

        self.heading = QLabel()
        self.heading.setObjectName("attendanceHeading")
        self.heading.setStyleSheet("font-weight: bold;")
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.summary = QLabel()
        self.summary.setObjectName("attendanceSummary")
        self.table = side_table(HEADERS, WIDTHS)
        self.table.setObjectName("attendanceTable")

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.show_person(None)

    def set_services(self, services: Services | None) -> None:
        self.services = services
        self.show_person(None)

    def show_person(self, person_id: int | None, name: str = "") -> None:
        self.person_id = person_id if self.services is not None else None
        self.table.setRowCount(0)
        if self.person_id is None or self.services is None:
            self.heading.setText("Attendance — select a person to see the meetings they attended")
            self.summary.setText("")
            return
        self.heading.setText(f"Attendance of {name}" if name else "Attendance")
        rows = self.services.attendance.history_of(self.person_id)
        self.summary.setText(attendance_summary([r["status"] for r in rows]))
        self._fill(rows)

    @property
    def row_count(self) -> int:
        return self.table.rowCount()

    def _fill(self, rows: list[dict[str, Any]]) -> None:
        self.table.setRowCount(len(rows))
        for row, entry in enumerate(rows):
            status = entry["status"]
            cells = (format_date(entry["starts_at"].date()), entry["committee"], entry["meeting"], format_value(status))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setToolTip(format_value(entry["starts_at"]))
                self.table.setItem(row, column, item)
            tone = TONES.get(status)
            if tone is not None:
                self.table.item(row, 3).setForeground(QColor(tone))
