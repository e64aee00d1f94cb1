"""The first page: what needs attention in the chosen committee, each figure a button to the list behind it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from equitydesk.gui.commands import CommandId, CommandRegistry
from equitydesk.gui.display import AMBER, GREEN, RED, format_date, format_time, plural
from equitydesk.gui.settings import committee_to_start, remember_committee

if TYPE_CHECKING:
    from equitydesk.gui.workspace import Changes, Workspace
    from equitydesk.services.home import HomeFigures
    from equitydesk.services.registry import Services

# The figures, in reading order: key, heading, the page (and view) a click shows.
FIGURES: dict[str, tuple[str, CommandId, str]] = {
    "overdue": ("Overdue", CommandId.GO_ACTIONS, "overdue"),
    "due_week": ("Due this week", CommandId.GO_ACTIONS, "due_week"),
    "meeting": ("Next meeting", CommandId.GO_MEETINGS, "upcoming"),
    "targets": ("Representation", CommandId.GO_ROSTER, "representation"),
    "roadmap": ("Roadmap", CommandId.GO_ROADMAP, "status"),
}
ROADMAP_WORDS = {"off_track": "off track", "at_risk": "at risk", "on_track": "on track", "not_started": "not started",
                 "achieved": "achieved", "no_data": "with no data yet"}  # fmt: skip


class FigureButton(QPushButton):
    """A big figure with a line under it; a button, so that Tab and Space reach it as well as a click."""

    def __init__(self, key: str, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{key}Figure")
        self.heading = QLabel(heading.upper())
        self.heading.setStyleSheet("color: palette(placeholder-text); font-weight: bold; letter-spacing: 1px;")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(118)
        self.figure = QLabel()
        self.figure.setObjectName("figure")
        font = QFont(self.figure.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.figure.setFont(font)
        self.caption = QLabel()
        self.caption.setObjectName("caption")
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.addWidget(self.heading)
        layout.addWidget(self.figure)
        layout.addWidget(self.caption, 1)
        for label in (self.heading, self.figure, self.caption):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def show_figure(self, figure: str, caption: str, tone: str | None = None) -> None:
        self.figure.setText(figure)
        self.caption.setText(caption)
        self.figure.setStyleSheet(f"color: {tone};" if tone else "")
        self.setAccessibleName(f"{self.heading.text().capitalize()}: {figure} {caption}")
        self.setToolTip(caption)


class HomePage(QWidget):
    """Paints from HomeService.figures (a few aggregate queries); clicking a figure asks the workspace to show
    the list behind it, which the main window routes (pages never import each other)."""

    title: ClassVar[str] = "Home"
    nav_action: ClassVar[CommandId] = CommandId.GO_HOME

    def __init__(self, commands: CommandRegistry | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("HomePage")
        self.commands = commands if commands is not None else CommandRegistry(self)
        self.workspace: Workspace | None = None
        self.services: Services | None = None
        self.figures: HomeFigures | None = None
        self.committee_id: int | None = None

        heading = QLabel("What needs attention")
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        self.committee_combo = QComboBox()
        self.committee_combo.setObjectName("homeCommitteeCombo")
        self.committee_combo.setToolTip("The committee this page is about")
        self.committee_combo.setMinimumContentsLength(28)
        self.committee_combo.currentIndexChanged.connect(self._committee_picked)
        self.note = QLabel()
        self.note.setObjectName("homeNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: palette(placeholder-text); font-size: 11pt;")
        self.buttons = {key: FigureButton(key, heading) for key, (heading, _page, _view) in FIGURES.items()}
        for key, button in self.buttons.items():
            button.clicked.connect(lambda _checked=False, k=key: self.open_figure(k))

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(QLabel("Committee:"))
        top.addWidget(self.committee_combo)
        grid = QGridLayout()
        grid.setSpacing(14)
        for number, button in enumerate(self.buttons.values()):
            grid.addWidget(button, number // 2, number % 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addLayout(grid)
        layout.addStretch(1)
        self._show()

    # --- the page interface of the main window ---------------------------------------------------------------

    def set_workspace(self, workspace: Workspace | None) -> None:
        if self.workspace is not None:
            self.workspace.changed.disconnect(self._changed)
            self.workspace.committee_chosen.disconnect(self._committee_chosen)
        self.workspace = workspace
        self.services = workspace.services if workspace is not None else None
        if workspace is not None:
            workspace.changed.connect(self._changed)
            workspace.committee_chosen.connect(self._committee_chosen)
        self.reload()

    def set_waiting(self, text: str | None) -> None:
        if text:
            self.note.setText(text)

    def reload(self) -> None:
        """Read the committees and the figures again."""
        combo = self.committee_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("Choose a committee…", None)
        choices = self.services.committees.choices() if self.services is not None else []
        for committee_id, name in choices:
            combo.addItem(name, committee_id)
        wanted = self._committee_to_show(choices)
        combo.setCurrentIndex(max(combo.findData(wanted), 0) if wanted is not None else 0)
        combo.blockSignals(False)
        self.committee_id = combo.currentData()
        self.refresh()

    def focus_search(self) -> None:
        self.committee_combo.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _committee_to_show(self, choices: list[tuple[int, str]]) -> int | None:
        if self.workspace is None:
            return None
        wanted = committee_to_start(self.workspace.label, self.workspace.chosen_committee())
        if wanted is None and len(choices) == 1:
            wanted = choices[0][0]
        return wanted if any(cid == wanted for cid, _name in choices) else None

    # --- figures ---------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.figures = None
        if self.services is not None and self.committee_id is not None:
            self.figures = self.services.home.figures(committee_id=int(self.committee_id))
        self._show()

    def _show(self) -> None:
        f = self.figures
        for button in self.buttons.values():
            button.setVisible(f is not None)
        if self.services is None:
            self.note.setText("No database is open. Use File › Open… or File › New database…")
            return
        if f is None:
            self.note.setText("Choose a committee to see its action items, next meeting, representation and roadmap.")
            return
        self.note.setText(f"{f.committee} on {format_date(f.today)}: {plural(f.open_actions, 'open action item')}.")
        b = self.buttons
        b["overdue"].show_figure(
            str(f.overdue),
            "action item overdue" if f.overdue == 1 else "action items overdue",
            RED if f.overdue else GREEN,
        )
        b["due_week"].show_figure(
            str(f.due_this_week), f"{'action item' if f.due_this_week == 1 else 'action items'} due in the next 7 days"
        )
        b["meeting"].show_figure(*self._meeting_text(f))
        missed = f.targets_missed
        if not f.targets_set:
            b["targets"].show_figure("—", "no target shares set: Representation… sets them", None)
        else:
            b["targets"].show_figure(
                str(len(missed)),
                f"of {plural(f.targets_set, 'target share')} not met"
                + (
                    ": " + "; ".join(f"{s.label} {s.share:.0%}, target {s.target:.0%}" for s in missed)
                    if missed
                    else ""
                ),
                AMBER if missed else GREEN,
            )
        parts = [f"{n} {ROADMAP_WORDS.get(status.value, status.label)}" for status, n in f.roadmap]
        behind = f.strategies_behind
        b["roadmap"].show_figure(
            str(behind),
            f"of {plural(f.strategies, 'strategy', 'strategies')} off track or at risk"
            + (": " + " · ".join(parts) if parts else ""),
            (RED if behind else GREEN) if f.strategies else None,
        )

    def _meeting_text(self, f: HomeFigures) -> tuple[str, str, str | None]:
        m = f.next_meeting
        if m is None:
            return "—", "no meeting planned: add the next one on the Meetings page", AMBER
        when = f"{format_date(m.starts_at.date())}, {format_time(m.starts_at)}"
        outlook = (
            f"quorum needs {f.quorum_needed} of {plural(f.voting_members, 'voting member')}"
            if f.quorum_reachable
            else f"quorum needs {f.quorum_needed}, but only {plural(f.voting_members, 'voting member')}: "
            "it cannot be reached"
        )
        days = (m.starts_at.date() - f.today).days
        soon = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
        return soon, f"{m.title}, {when}; {outlook}", None if f.quorum_reachable else RED

    def open_figure(self, key: str) -> None:
        """Ask for the list behind a figure: the main window shows that page and passes the view on."""
        if self.workspace is not None:
            _heading, page, view = FIGURES[key]
            self.workspace.request_show(page, view)

    # --- following the workspace -----------------------------------------------------------------------------

    def _changed(self, _changes: Changes) -> None:
        self.reload()  # a few aggregate queries: cheaper to read again than to reason about which change counts

    def _committee_chosen(self, committee_id: int | None) -> None:
        if committee_id is not None and committee_id != self.committee_id:
            index = self.committee_combo.findData(committee_id)
            if index >= 0:
                self.committee_combo.setCurrentIndex(index)

    def _committee_picked(self, index: int) -> None:
        self.committee_id = self.committee_combo.itemData(index)
        if self.workspace is not None and self.committee_id is not None:
            remember_committee(self.workspace.label, int(self.committee_id))
            self.workspace.set_chosen_committee(int(self.committee_id))
        self.refresh()
