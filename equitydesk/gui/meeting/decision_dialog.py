"""Record or change a decision: the motion, mover and seconder, a tally or a roll call, and the vote rule."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from equitydesk.domain.enums import AttendanceStatus, DecisionOutcome
from equitydesk.domain.votes import DEFAULT_RULE, Tally, VoteChoice, VoteCountError, VoteRule, decide
from equitydesk.gui.dialogs.field_errors import FieldErrors
from equitydesk.gui.dialogs.membership_dialog import fill_combo, select_data
from equitydesk.gui.jobs import user_message
from equitydesk.gui.workspace import Change
from equitydesk.services.errors import DomainError

if TYPE_CHECKING:
    from equitydesk.gui.workspace import Workspace
    from equitydesk.services.registry import Services

NOBODY = "(nobody recorded)"
COUNTS, ROLL_CALL, NO_VOTE = 0, 1, 2
COUNT_FIELDS = ("votes_for", "votes_against", "votes_abstain", "roll_call")
PRESENT = (AttendanceStatus.PRESENT, AttendanceStatus.REMOTE)


class DecisionDialog(QDialog):
    """A decision of `meeting_id`; a vote that does not add up is shown beside the counts and nothing is lost."""

    saved = Signal(int)

    def __init__(
        self,
        workspace: Workspace,
        *,
        meeting_id: int,
        decision_id: int | None = None,
        agenda_item_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.meeting_id = meeting_id
        self.decision_id = decision_id
        services: Services = workspace.services
        self.sheet = services.attendance.sheet(meeting_id)
        self.setWindowTitle("Record decision" if decision_id is None else "Edit decision")

        self.item_combo = QComboBox()
        self.item_combo.addItem("(no agenda item)", None)
        for item in services.minutes.state(meeting_id).items:
            self.item_combo.addItem(f"{item.position}. {item.title}", item.id)
        self.motion_edit = QPlainTextEdit()
        self.motion_edit.setTabChangesFocus(True)
        self.motion_edit.setPlaceholderText("Moved that the committee …")
        self.motion_edit.setFixedHeight(80)
        self.mover_combo, self.seconder_combo = QComboBox(), QComboBox()
        members = [(a.person_id, a.name) for a in self.sheet.attendees if a.role is not None]
        for combo in (self.mover_combo, self.seconder_combo):
            combo.addItem(NOBODY, None)
            for person_id, name in members:
                combo.addItem(name, person_id)
        self.rule_combo = QComboBox()
        fill_combo(self.rule_combo, VoteRule.choices())

        self.mode_group = QButtonGroup(self)
        modes = QHBoxLayout()
        for mode, text in ((COUNTS, "&Counts"), (ROLL_CALL, "&Roll call"), (NO_VOTE, "&No vote")):
            button = QRadioButton(text)
            self.mode_group.addButton(button, mode)
            modes.addWidget(button)
        modes.addStretch(1)

        self.for_spin, self.against_spin, self.abstain_spin = QSpinBox(), QSpinBox(), QSpinBox()
        counts_page = QWidget()
        counts_row = QHBoxLayout(counts_page)
        counts_row.setContentsMargins(0, 0, 0, 0)
        for label, spin in (("For", self.for_spin), ("Against", self.against_spin), ("Abstaining", self.abstain_spin)):
            spin.setRange(0, 999)
            spin.setAccessibleName(f"Votes {label.lower()}")
            counts_row.addWidget(QLabel(label))
            counts_row.addWidget(spin)
            spin.valueChanged.connect(self.update_preview)
        counts_row.addStretch(1)

        self.roll_table = QTableWidget(0, 2)
        self.roll_table.setHorizontalHeaderLabels(["Voting member", "Vote"])
        self.roll_table.verticalHeader().hide()
        self.roll_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.roll_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.voters = [a for a in self.sheet.attendees if a.voting]
        self.roll_table.setRowCount(len(self.voters))
        for row, voter in enumerate(self.voters):
            self.roll_table.setItem(row, 0, QTableWidgetItem(voter.name))
            combo = QComboBox()
            fill_combo(combo, VoteChoice.choices())
            combo.setAccessibleName(f"Vote of {voter.name}")
            # Members not present are absent from the vote; those present start at "Yes" for the chair to correct.
            select_data(combo, VoteChoice.YES.value if voter.status in PRESENT else VoteChoice.ABSENT.value)
            combo.currentIndexChanged.connect(self.update_preview)
            self.roll_table.setCellWidget(row, 1, combo)

        self.outcome_combo = QComboBox()
        for outcome in (DecisionOutcome.TABLED, DecisionOutcome.CONSENSUS):
            self.outcome_combo.addItem(outcome.label, outcome.value)
        no_vote_page = QWidget()
        no_vote_form = QFormLayout(no_vote_page)
        no_vote_form.setContentsMargins(0, 0, 0, 0)
        no_vote_form.addRow("Decided by", self.outcome_combo)

        # Only the chosen way of voting is shown; hidden pages take no room (a stacked widget sizes to its largest).
        self.pages: list[QWidget] = [counts_page, self.roll_table, no_vote_page]
        self.mode_group.idToggled.connect(self._mode_toggled)

        self.vote_error = QLabel()  # beside the counts: where the eye is when the tally is wrong
        self.vote_error.setWordWrap(True)
        self.vote_error.setStyleSheet("color: #b00020;")
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        q = self.sheet.quorum
        self.numbers = QLabel(f"{q.present} of {q.voting_members} voting members present.")
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.rule_combo.currentIndexChanged.connect(self.update_preview)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Agenda item", self.item_combo)
        form.addRow("&Motion", self.motion_edit)
        form.addRow("Moved by", self.mover_combo)
        form.addRow("Seconded by", self.seconder_combo)
        form.addRow("Vote rule", self.rule_combo)
        form.addRow("Vote", modes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.numbers)
        for page in self.pages:
            layout.addWidget(page)
        layout.addWidget(self.vote_error)
        layout.addWidget(self.preview)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        widgets: dict[str, QWidget] = {
            "motion": self.motion_edit,
            "moved_by_id": self.mover_combo,
            "seconded_by_id": self.seconder_combo,
            "vote_rule": self.rule_combo,
            "outcome": self.outcome_combo,
            "agenda_item_id": self.item_combo,
        }
        self.errors = FieldErrors(self.error_label, widgets)
        self.vote_errors = FieldErrors(
            self.vote_error,
            {"votes_for": self.for_spin, "votes_against": self.against_spin, "votes_abstain": self.abstain_spin,
             "roll_call": self.roll_table},
        )  # fmt: skip
        self._load(services, agenda_item_id)
        self.resize(560, 420)

    def _load(self, services: Services, agenda_item_id: int | None) -> None:
        select_data(self.rule_combo, DEFAULT_RULE.value)
        if self.decision_id is None:
            select_data(self.item_combo, agenda_item_id)
            self.mode_group.button(COUNTS).setChecked(True)
            self.update_preview()
            return
        d = services.decisions.get(self.decision_id)
        select_data(self.item_combo, d.agenda_item_id)
        self.motion_edit.setPlainText(d.motion)
        select_data(self.mover_combo, d.moved_by_id)
        select_data(self.seconder_combo, d.seconded_by_id)
        select_data(self.rule_combo, d.vote_rule.value)
        roll = services.decisions.roll_call(self.decision_id)
        if roll:
            for row, voter in enumerate(self.voters):
                select_data(self.roll_combo(row), roll.get(voter.person_id, VoteChoice.ABSENT).value)
            self.mode_group.button(ROLL_CALL).setChecked(True)
        elif d.votes_for is None and d.votes_against is None and d.votes_abstain is None:
            select_data(self.outcome_combo, d.outcome.value)
            self.mode_group.button(NO_VOTE).setChecked(True)
        else:
            self.for_spin.setValue(d.votes_for or 0)
            self.against_spin.setValue(d.votes_against or 0)
            self.abstain_spin.setValue(d.votes_abstain or 0)
            self.mode_group.button(COUNTS).setChecked(True)
        self.update_preview()

    def roll_combo(self, row: int) -> QComboBox:
        widget = self.roll_table.cellWidget(row, 1)
        assert isinstance(widget, QComboBox)
        return widget

    def _mode_toggled(self, mode: int, checked: bool) -> None:
        if checked:
            for index, page in enumerate(self.pages):
                page.setVisible(index == mode)
            self.rule_combo.setEnabled(mode != NO_VOTE)
            self.update_preview()

    def mode(self) -> int:
        return self.mode_group.checkedId()

    def tally(self) -> Tally | None:
        if self.mode() == COUNTS:
            return Tally(self.for_spin.value(), self.against_spin.value(), self.abstain_spin.value())
        if self.mode() == ROLL_CALL:
            return Tally.of_roll_call(VoteChoice(self.roll_combo(r).currentData()) for r in range(len(self.voters)))
        return None

    def update_preview(self) -> None:
        """The outcome in words as the counts are typed; the service decides again on saving."""
        tally = self.tally()
        self.vote_errors.clear()
        if tally is None:
            self.preview.setText(f"Outcome: {self.outcome_combo.currentText()}, without a vote.")
            return
        q = self.sheet.quorum
        rule = VoteRule(self.rule_combo.currentData() or DEFAULT_RULE.value)
        try:
            result = decide(rule, tally, voting_members=q.voting_members, present=q.present)
        except VoteCountError as exc:
            self.preview.clear()
            self.vote_error.setText(exc.message)
            self.vote_error.show()
            return
        self.preview.setText(result.reason)

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "agenda_item_id": self.item_combo.currentData(),
            "motion": self.motion_edit.toPlainText(),
            "moved_by_id": self.mover_combo.currentData(),
            "seconded_by_id": self.seconder_combo.currentData(),
        }
        mode = self.mode()
        if mode == NO_VOTE:
            values.update(
                votes_for=None, votes_against=None, votes_abstain=None, outcome=self.outcome_combo.currentData()
            )
        else:
            values["vote_rule"] = self.rule_combo.currentData()
        if mode == COUNTS:
            values.update(
                votes_for=self.for_spin.value(),
                votes_against=self.against_spin.value(),
                votes_abstain=self.abstain_spin.value(),
            )
        if mode == ROLL_CALL:
            values["roll_call"] = {
                voter.person_id: self.roll_combo(row).currentData() for row, voter in enumerate(self.voters)
            }
        return values

    @property
    def saving(self) -> bool:
        return not self.buttons.isEnabled()

    def accept(self) -> None:
        if self.saving:
            return
        self.errors.clear()
        self.vote_errors.clear()
        values, meeting_id, decision_id = self.values(), self.meeting_id, self.decision_id

        def done(record: Any) -> None:
            self.decision_id = int(record.decision_id)
            self.saved.emit(self.decision_id)
            super(DecisionDialog, self).accept()

        def failed(error: BaseException) -> None:
            problem = error if isinstance(error, DomainError) else DomainError(user_message(error))
            (self.vote_errors if problem.field in COUNT_FIELDS else self.errors).show(problem)

        self.buttons.setEnabled(False)
        op = self.workspace.undoable(  # each step hands the other the decision as it was, roll call included
            self,
            "Record decision" if decision_id is None else "Edit decision",
            do=lambda s: s.decisions.save_returning(meeting_id=meeting_id, decision_id=decision_id, **values),
            undo=lambda s, change: s.decisions.put_back(change=change),
            redo=lambda s, change: s.decisions.put_back(change=change),
            changes=(Change.MEETINGS,),
        )
        op.success(done).failure(failed).finally_(lambda: self.buttons.setEnabled(True)).run()

    def reject(self) -> None:
        if not self.saving:
            super().reject()
