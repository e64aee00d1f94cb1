"""One open database as the window sees it: its services, the writes made through it, and what they changed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from equitydesk.gui.auto_backup import AutoBackup
from equitydesk.gui.jobs import Op
from equitydesk.gui.undo import UndoHistory

if TYPE_CHECKING:
    from equitydesk.db.engine import Database
    from equitydesk.db.file_lock import LockHolder, WriterLock
    from equitydesk.services.context import ServiceContext
    from equitydesk.services.registry import Services

    # How the services see an opened database (who acts, which day it is); tests pin the day with one.
    ContextFactory = Callable[[Database], ServiceContext]

T = TypeVar("T")


class Change(Enum):
    """The kinds of record a write can change; pages listen for the kinds they show."""

    PEOPLE = "people"
    COMMITTEES = "committees"
    MEMBERSHIPS = "memberships"
    MEETINGS = "meetings"
    ACTIONS = "actions"
    PLANS = "plans"


@dataclass(frozen=True)
class Changes:
    """What one write changed: the kinds, and the committees concerned (empty: not known, or not one committee)."""

    kinds: frozenset[Change]
    committee_ids: frozenset[int] = frozenset()

    def __contains__(self, kind: object) -> bool:
        return kind in self.kinds

    def touches(self, *kinds: Change) -> bool:
        return any(kind in self.kinds for kind in kinds)


ROSTER = (Change.PEOPLE, Change.MEMBERSHIPS)  # most roster edits change both what a person is and where they sit


class Workspace(QObject):
    """Built by gui/application.py for each database the window opens; passed to pages, dialogs and commands.

    Pages and dialogs read through `services` and write through `op()`, which runs the write on the one job lane
    and, once it has committed, announces what changed. Nobody reaches into the main window or another page:
    what a page shows that others need (the committee chosen on the roster) is published here.
    """

    changed = Signal(object)  # Changes, after every successful write made through this workspace
    people_changed = Signal()
    committees_changed = Signal()
    memberships_changed = Signal(object)  # frozenset of committee ids (empty: any)
    meetings_changed = Signal(object)
    actions_changed = Signal(object)
    plans_changed = Signal()
    committee_chosen = Signal(object)  # the committee id the roster shows, or None for every committee
    # A page asks to show another page's list: (that page's CommandId.GO_*, a plain view name such as "overdue").
    show_requested = Signal(object, str)

    def __init__(
        self,
        db: Database,
        services: Services,
        parent: QObject | None = None,
        *,
        lock: WriterLock | None = None,
        holder: LockHolder | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.services = services
        self.lock = lock  # one writer at a time (db/file_lock.py): held while open, released on close
        self.holder = holder  # read-only because this EquityDesk holds the lock elsewhere
        self._chosen_committee: int | None = None
        self._closed = False
        self.auto_backup = AutoBackup(self)  # backs the database up while it changes, and on closing
        self.history = UndoHistory(self)  # the undo stack of this database (gui/undo.py)

    @classmethod
    def open(
        cls,
        db: Database,
        parent: QObject | None = None,
        *,
        context: ContextFactory | None = None,
        lock: WriterLock | None = None,
        holder: LockHolder | None = None,
    ) -> Workspace:
        """The workspace over `db`; its services get `context(db)`, or else the login name and the real date."""
        from equitydesk.services.registry import Services, services_for  # late: the window shows before SQLAlchemy

        services = services_for(db) if context is None else Services.build(context(db))
        return cls(db, services, parent, lock=lock, holder=holder)

    @property
    def label(self) -> str:
        return self.db.label

    @property
    def read_only(self) -> bool:
        """Opened with SQLite's mode=ro (another EquityDesk has it): nothing here can write to it."""
        return self.db.read_only

    # --- what the pages show ---------------------------------------------------------------------------------

    def chosen_committee(self) -> int | None:
        """The committee chosen in the roster's filter (exports and the import start from it), or None."""
        return self._chosen_committee

    def set_chosen_committee(self, committee_id: int | None) -> None:
        if committee_id != self._chosen_committee:
            self._chosen_committee = committee_id
            self.committee_chosen.emit(committee_id)

    # --- writing ---------------------------------------------------------------------------------------------

    def op(
        self,
        parent: QWidget | None,
        fn: Callable[[Services], T],
        *,
        changes: Iterable[Change] = ROSTER,
        committee_ids: Iterable[int | None] = (),
        title: str = "Saving",
    ) -> Op[T]:
        """A write on the job lane: `ws.op(self, lambda s: s.people.update(...)).success(...).run()`.

        The changes are announced after the write commits and before `success` runs, so that a page the
        success callback selects a row in has already read its rows again.
        """
        services = self.services
        kinds = frozenset(changes)
        ids = frozenset(i for i in committee_ids if i is not None)
        return Op(parent, lambda: fn(services), title=title).after(lambda _r: self.notify(*kinds, committee_ids=ids))

    def undoable(self, parent: QWidget | None, text: str, **edit: Any) -> Op[Any]:
        """A write that Edit › Undo can take back: see gui/undo.py (UndoHistory.edit) for the arguments."""
        return self.history.edit(parent, text, **edit)

    def request_show(self, page: object, view: str = "") -> None:
        """Ask the window to show a page (its CommandId.GO_*) with a view the page may know ("overdue")."""
        self.show_requested.emit(page, view)

    def notify(self, *kinds: Change, committee_ids: Iterable[int] = ()) -> None:
        """Tell every listener that these kinds of record changed (writes that ran as their own jobs call it)."""
        if self._closed or not kinds:
            return
        ids = frozenset(committee_ids)
        change = Changes(frozenset(kinds), ids)
        signals: dict[Change, Callable[[], Any]] = {
            Change.PEOPLE: self.people_changed.emit,
            Change.COMMITTEES: self.committees_changed.emit,
            Change.MEMBERSHIPS: lambda: self.memberships_changed.emit(ids),
            Change.MEETINGS: lambda: self.meetings_changed.emit(ids),
            Change.ACTIONS: lambda: self.actions_changed.emit(ids),
            Change.PLANS: self.plans_changed.emit,
        }
        for kind in Change:
            if kind in change.kinds:
                signals[kind]()
        self.changed.emit(change)

    # --- closing ---------------------------------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Let the database go; writes still queued on the lane finish first (their announcements are dropped), and
        a database that changed since its last backup is backed up before it is let go."""
        if self._closed:
            return
        self._closed = True
        from equitydesk.gui.jobs import wait_for_lane

        wait_for_lane()
        try:
            self.auto_backup.close()
            self.db.dispose()
        finally:
            if self.lock is not None:  # last: the closing backup is made while we are still the writer
                self.lock.release()
