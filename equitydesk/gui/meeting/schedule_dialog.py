"""Schedule a meeting: a new one, a change to one, a copy of an earlier one, or a monthly series."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from equitydesk.domain.agenda_times import DEFAULT_TIME_ZONE
from equitydesk.domain.enums import MeetingStatus
from equitydesk.domain.meeting_series import (
    LAST,
    MONTH_NAMES,
    ORDINALS,
    WEEKDAYS,
    MonthlyRule,
    nth_weekday,
    series_dates,
)
from equitydesk.gui.dialogs.field_errors import FieldErrors
from equitydesk.gui.display import format_date, format_time
from equitydesk.gui.jobs import user_message
from equitydesk.gui.workspace import Change
from equitydesk.services.crud import ListQuery
from equitydesk.services.errors import DomainError

if TYPE_CHECKING:
    from equitydesk.gui.workspace import Workspace
    from equitydesk.services.records import MeetingRecord
    from equitydesk.services.registry import Services

# The zones Minnesota districts and their neighbours meet in; any other IANA name can be typed.
TIME_ZONES = (DEFAULT_TIME_ZONE, "America/New_York", "America/Denver", "America/Phoenix", "America/Los_Angeles",
              "America/Anchorage", "Pacific/Honolulu", "America/Winnipeg")  # fmt: skip


class Mode(Enum):
    NEW = "New meeting"
    EDIT = "Meeting schedule"
    COPY = "Copy a previous meeting"
    SERIES = "Monthly series of meetings"


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def same_slot_next_month(day: date) -> date:
    """The same weekday in the same week of the next month (second Tuesday → second Tuesday), for a default."""
    ordinal = (day.day - 1) // 7 + 1
    year, month = (day.year, day.month + 1) if day.month < 12 else (day.year + 1, 1)
    return nth_weekday(year, month, day.weekday(), ordinal) or nth_weekday(year, month, day.weekday(), LAST) or day


class ScheduleDialog(QDialog):
    """One service call on OK; `saved` gives the meeting to open (for a series, the first one made)."""

    saved = Signal(int)

    def __init__(
        self,
        workspace: Workspace,
        mode: Mode,
        *,
        meeting_id: int | None = None,
        committee_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ScheduleDialog")
        self.setWindowTitle(mode.value)
        self.workspace = workspace
        self.services = workspace.services
        self.mode = mode
        self.meeting_id = meeting_id
        self.series_note = ""
        today = self.services.ctx.today()

        self.committee_combo = QComboBox()
        self.committee_combo.setObjectName("committeeCombo")
        for cid, name in self.services.committees.choices():
            self.committee_combo.addItem(name, cid)
        self.source_combo = QComboBox()
        self.source_combo.setObjectName("sourceCombo")
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("titleEdit")
        self.date_edit = QDateEdit(qdate(today + timedelta(days=7)))
        self.date_edit.setObjectName("dateEdit")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dddd, MMMM d, yyyy")
        self.start_edit = QTimeEdit(QTime(18, 0))
        self.start_edit.setObjectName("startEdit")
        self.end_edit = QTimeEdit(QTime(20, 0))
        self.end_edit.setObjectName("endEdit")
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat("h:mm AP")
        self.location_edit = QLineEdit()
        self.location_edit.setObjectName("locationEdit")
        self.location_edit.setPlaceholderText("e.g. District Office, Board Room")
        self.link_edit = QLineEdit()
        self.link_edit.setObjectName("linkEdit")
        self.link_edit.setPlaceholderText("https://… (optional)")
        self.zone_combo = QComboBox()
        self.zone_combo.setObjectName("zoneCombo")
        self.zone_combo.setEditable(True)
        self.zone_combo.addItems(TIME_ZONES)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusCombo")
        for value, label in MeetingStatus.choices():
            self.status_combo.addItem(label, value)
        # The series: "second Tuesday of the month, from September to June".
        self.ordinal_combo = QComboBox()
        self.ordinal_combo.setObjectName("ordinalCombo")
        for value, word in ORDINALS.items():
            self.ordinal_combo.addItem(word.capitalize(), value)
        self.weekday_combo = QComboBox()
        self.weekday_combo.setObjectName("weekdayCombo")
        for value, word in enumerate(WEEKDAYS):
            self.weekday_combo.addItem(word, value)
        start_year = today.year if today.month >= 7 else today.year - 1
        self.first_edit = QDateEdit(QDate(start_year, 9, 1))
        self.first_edit.setObjectName("firstEdit")
        self.last_edit = QDateEdit(QDate(start_year + 1, 6, 1))
        self.last_edit.setObjectName("lastEdit")
        for edit in (self.first_edit, self.last_edit):
            edit.setDisplayFormat("MMMM yyyy")
        self.template_combo = QComboBox()
        self.template_combo.setObjectName("templateCombo")
        self.preview_label = QLabel()
        self.preview_label.setObjectName("previewLabel")
        self.preview_label.setWordWrap(True)
        self.note_label = QLabel()
        self.note_label.setObjectName("noteLabel")
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("color: palette(placeholder-text);")
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        if mode is not Mode.EDIT:
            form.addRow("&Committee:", self.committee_combo)
        if mode is Mode.COPY:
            form.addRow("Copy &from:", self.source_combo)
        if mode is Mode.SERIES:
            rule = QHBoxLayout()
            rule.addWidget(self.ordinal_combo)
            rule.addWidget(self.weekday_combo)
            rule.addWidget(QLabel("of the month, from"))
            rule.addWidget(self.first_edit)
            rule.addWidget(QLabel("to"))
            rule.addWidget(self.last_edit)
            rule.addStretch(1)
            form.addRow("Meets on the:", rule)
        else:
            form.addRow("&Title:", self.title_edit)
            form.addRow("&Date:", self.date_edit)
        times = QHBoxLayout()
        times.addWidget(self.start_edit)
        times.addWidget(QLabel("to"))
        times.addWidget(self.end_edit)
        times.addStretch(1)
        form.addRow("Time:", times)
        form.addRow("&Location:", self.location_edit)
        form.addRow("&Video link:", self.link_edit)
        form.addRow("Time &zone:", self.zone_combo)
        if mode is Mode.EDIT:
            form.addRow("&Status:", self.status_combo)
        if mode is Mode.SERIES:
            form.addRow("&Agenda from:", self.template_combo)
            form.addRow("", self.preview_label)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.errors = FieldErrors(
            self.error_label,
            {"title": self.title_edit, "starts_at": self.date_edit, "ends_at": self.end_edit,
             "location": self.location_edit, "virtual_link": self.link_edit, "time_zone": self.zone_combo,
             "series": self.first_edit},
        )  # fmt: skip

        if meeting_id is not None and mode is Mode.EDIT:
            self._load(self.services.meetings.get(meeting_id))
        else:
            chosen = committee_id or workspace.chosen_committee() or self._latest_committee()
            if chosen is not None and self.committee_combo.findData(chosen) >= 0:
                self.committee_combo.setCurrentIndex(self.committee_combo.findData(chosen))
            self.committee_combo.currentIndexChanged.connect(self._committee_changed)
            self.source_combo.currentIndexChanged.connect(self._source_changed)
            self._committee_changed()
            if meeting_id is not None and self.source_combo.findData(meeting_id) >= 0:
                self.source_combo.setCurrentIndex(self.source_combo.findData(meeting_id))
        for widget in (self.ordinal_combo, self.weekday_combo):
            widget.currentIndexChanged.connect(self._preview)
        for edit in (self.first_edit, self.last_edit):
            edit.dateChanged.connect(self._preview)
        self.ordinal_combo.setCurrentIndex(self.ordinal_combo.findData(2))
        self.weekday_combo.setCurrentIndex(1)
        self._preview()
        self.resize(640, self.sizeHint().height())

    # --- filling in ------------------------------------------------------------------------------------------

    def _latest_committee(self) -> int | None:
        """The committee that met or meets last: with no committee chosen, the likeliest one to schedule for."""
        ids = self.services.meetings.list_ids(ListQuery(sort="starts_at", descending=True))
        return self.services.meetings.get(ids[0]).committee_id if ids else None

    def _load(self, meeting: MeetingRecord) -> None:
        self.title_edit.setText(meeting.title)
        self._set_times(meeting.starts_at, meeting.ends_at)
        self.location_edit.setText(meeting.location or "")
        self.link_edit.setText(meeting.virtual_link or "")
        self.zone_combo.setEditText(meeting.time_zone or DEFAULT_TIME_ZONE)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(meeting.status.value)))

    def _set_times(self, starts: datetime, ends: datetime | None) -> None:
        self.date_edit.setDate(qdate(starts.date()))
        self.start_edit.setTime(QTime(starts.hour, starts.minute))
        finish = ends or starts + timedelta(hours=2)
        self.end_edit.setTime(QTime(finish.hour, finish.minute))

    def _committee_changed(self) -> None:
        """Defaults from the committee's latest meeting: the same place and hours, the same slot next month."""
        cid = self.committee_combo.currentData()
        meetings = self.services.meetings.of_committee(committee_id=cid) if cid is not None else []
        for combo, empty in ((self.source_combo, None), (self.template_combo, "No agenda (start each one empty)")):
            combo.blockSignals(True)
            combo.clear()
            if empty:
                combo.addItem(empty, None)
            for m in meetings:
                combo.addItem(f"{m.title} — {format_date(m.starts_at.date())}", m.id)
            combo.blockSignals(False)
        latest = meetings[0] if meetings else None
        if self.mode is Mode.COPY:
            self._source_changed()
        elif latest is not None:
            self._follow(latest)
        if self.mode is Mode.NEW:
            self.note_label.setText(
                "A meeting after the committee's latest one starts with a “Review of action items” item listing "
                "its open actions, and the items the previous meeting did not reach."
                if latest is not None
                else ""
            )

    def _source_changed(self) -> None:
        source_id = self.source_combo.currentData()
        if source_id is None:
            return
        source = self.services.meetings.get(source_id)
        self._follow(source)
        self.title_edit.setText(f"{MONTH_NAMES[self.date_edit.date().month() - 1]} meeting")
        self.note_label.setText(
            "The copy takes the agenda (kinds, presenters, minutes, strategies), not the minutes or decisions. "
            "Items the previous meeting did not reach come back marked “Carried forward”."
        )

    def _follow(self, earlier: MeetingRecord) -> None:
        day = same_slot_next_month(earlier.starts_at.date())
        length = (earlier.ends_at - earlier.starts_at) if earlier.ends_at else timedelta(hours=2)
        starts = datetime.combine(day, earlier.starts_at.time())
        self._set_times(starts, starts + length)
        self.location_edit.setText(earlier.location or "")
        self.link_edit.setText(earlier.virtual_link or "")
        self.zone_combo.setEditText(earlier.time_zone or DEFAULT_TIME_ZONE)
        if self.mode is Mode.NEW:
            self.title_edit.setText(f"{MONTH_NAMES[day.month - 1]} meeting")

    def rule(self) -> MonthlyRule:
        first, last = self.first_edit.date(), self.last_edit.date()
        return MonthlyRule(self.weekday_combo.currentData(), self.ordinal_combo.currentData(), first.year(),
                           first.month(), last.year(), last.month())  # fmt: skip

    def _preview(self) -> None:
        if self.mode is not Mode.SERIES:
            return
        try:
            planned = series_dates(self.rule())
        except ValueError as exc:
            self.preview_label.setText(str(exc))
            return
        days = ", ".join(f"{MONTH_NAMES[d.month - 1][:3]} {d.day}" for d in planned.dates)
        text = f"{len(planned.dates)} meetings: {days}." if planned.dates else "No meetings."
        self.preview_label.setText(" ".join(p for p in (text, planned.missing_words()) if p))

    # --- saving ----------------------------------------------------------------------------------------------

    def _when(self, qtime: QTime) -> datetime:
        day = self.date_edit.date()
        return datetime(day.year(), day.month(), day.day(), qtime.hour(), qtime.minute())

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title_edit.text(),
            "starts_at": self._when(self.start_edit.time()),
            "ends_at": self._when(self.end_edit.time()),
            "location": self.location_edit.text(),
            "virtual_link": self.link_edit.text(),
            "time_zone": self.zone_combo.currentText().strip() or None,
        }

    @property
    def saving(self) -> bool:
        return not self.buttons.isEnabled()

    def accept(self) -> None:
        if self.saving:
            return
        self.errors.clear()
        values = self.values()
        committee_id = self.committee_combo.currentData()
        if self.mode is not Mode.EDIT and committee_id is None:
            self.errors.show(DomainError("Add a committee on the Roster page first: a meeting belongs to one."))
            return
        write, title = self._write(values, committee_id)
        undo = self._undo()

        def done(result: Any) -> None:
            meeting_id = result.record.id if self.mode is Mode.EDIT else result
            if isinstance(result, tuple):  # a series: the first of its meetings is the one shown
                meeting_id = result[0] if result else None
            if meeting_id is None:
                self.errors.show(DomainError(self.series_note or "No meetings were added."))
                return
            self.meeting_id = meeting_id
            self.saved.emit(meeting_id)
            super(ScheduleDialog, self).accept()

        def failed(error: BaseException) -> None:
            self.errors.show(error if isinstance(error, DomainError) else DomainError(user_message(error)))

        self.buttons.setEnabled(False)
        kinds, ids = (Change.MEETINGS,), [committee_id]
        if undo:
            op = self.workspace.undoable(self, title, do=write, changes=kinds, committee_ids=ids, **undo)
        else:
            op = self.workspace.op(self, write, changes=kinds, committee_ids=ids, title=title)
        op.success(done).failure(failed).finally_(lambda: self.buttons.setEnabled(True)).run()

    def _write(self, values: dict[str, Any], committee_id: int | None) -> tuple[Any, str]:
        mode, meeting_id = self.mode, self.meeting_id
        if mode is Mode.EDIT:
            assert meeting_id is not None
            values["status"] = self.status_combo.currentData()
            return (lambda s: s.meetings.edit(meeting_id, **values)), "Edit meeting schedule"
        if mode is Mode.NEW:
            return (lambda s: s.meetings.schedule(committee_id=committee_id, **values).id), "New meeting"
        if mode is Mode.COPY:
            source_id = self.source_combo.currentData()
            if source_id is None:
                raise_later = DomainError("This committee has no earlier meeting to copy. Use New meeting instead.")
                return (lambda _s: _raise(raise_later)), "Copy meeting"
            return (
                lambda s: s.meetings.copy_previous(source_id=source_id, starts_at=values["starts_at"],
                                                   ends_at=values["ends_at"], title=values["title"]).id
            ), "Copy previous meeting"  # fmt: skip
        rule, template = self.rule(), self.template_combo.currentData()
        start, end = self.start_edit.time(), self.end_edit.time()

        def series(s: Services) -> int | None:
            result = s.meetings.create_series(
                committee_id=committee_id, rule=rule, start_time=time(start.hour(), start.minute()),
                end_time=time(end.hour(), end.minute()), location=values["location"] or None,
                virtual_link=values["virtual_link"] or None, time_zone=values["time_zone"], template_id=template,
            )  # fmt: skip
            skipped = ", ".join(format_date(d) for d in result.skipped_days)
            self.series_note = f"The committee already meets on {skipped}." if skipped else ""
            if not result.meetings:  # nothing was added: no step for the Edit menu, and the reason beside the form
                raise DomainError(self.series_note or "No meetings were added.")
            return tuple(m.id for m in result.meetings)

        return series, "New series of meetings"

    def _undo(self) -> dict[str, Any]:
        """How the edit is undone: an edit gives back the values it replaced, a new or copied meeting is taken
        away, and so is a whole series, all of its meetings or none."""
        if self.mode is Mode.EDIT:
            back = lambda s, e: s.meetings.edit(e.record.id, **e.before)  # noqa: E731
            return {"undo": back, "redo": back}
        if self.mode in (Mode.NEW, Mode.COPY):
            return {"undo": lambda s, meeting_id: s.meetings.unschedule(meeting_id=meeting_id),
                    "redo": lambda s, removed: s.meetings.reschedule(removed=removed)}  # fmt: skip
        return {"undo": lambda s, made: s.meetings.unschedule_all(meeting_ids=made),
                "redo": lambda s, removed: s.meetings.reschedule_all(removed=removed)}  # fmt: skip

    def reject(self) -> None:
        if not self.saving:
            super().reject()


def _raise(error: Exception) -> Any:
    raise error


def describe_schedule(meeting: MeetingRecord) -> str:
    """'Tuesday, Dec 9, 2025 · 6:00 PM – 8:00 PM (America/Chicago)' for the meeting view's heading."""
    day = meeting.starts_at
    span = format_time(day) + (f" – {format_time(meeting.ends_at)}" if meeting.ends_at else "")
    return f"{WEEKDAYS[day.weekday()]}, {format_date(day.date())} · {span} ({meeting.time_zone or DEFAULT_TIME_ZONE})"
