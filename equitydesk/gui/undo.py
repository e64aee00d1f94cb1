"""Undo and redo for every edit of the window: one QUndoStack per open database, one command per user edit.

Plugging an edit in (a few lines where the edit already calls `workspace.op`)::

    self.workspace.undoable(
        self,
        f"Mark {n} items done",                                        # the menu says "Undo Mark 3 items done"
        do=lambda s: s.actions.set_status_many(ids=ids, status="done"),   # returns what undo needs (a token)
        undo=lambda s, before: s.actions.set_status_many_back(before),    # gets do's (or redo's) result
        redo=None,                       # optional: (s, undo's result) -> like do's; by default do runs again
        changes=(Change.ACTIONS,), committee_ids=[committee_id],
        said=None,                       # optional: (undo's result) -> a sentence for the status bar
    ).success(...).failure(...).run()

`do`, `undo` and `redo` each make ONE service call that writes (one transaction), never widget code: they run on
the job lane like every write. A bulk edit is one service call for the whole selection, so one step. Services give
the inverse as plain data: any table service's `edit()` returns the before-values (`update(id, **before)`
undoes) and `delete_returning_row()` the row that `reinsert(row=...)` puts back under its id; on the roster,
`people.set_archived()` returns the ids it changed, `people.undo_create()`/`redo_create()` take back an added
person, `memberships.remove()`/`put_back()` a membership (and a committee it started), `merge.merge()` returns a
token that `merge.unmerge(token=...)` takes, `representation.set_targets()` the shares before. At a meeting,
`agenda.remove()` returns what `agenda.restore()` puts back at its place, `attendance.change_statuses()` the statuses
before, `decisions.save_returning()`/`remove()` what `decisions.put_back()` restores (roll call included),
`meetings.unschedule()` (refused once anything refers to the meeting) what `meetings.reschedule()` takes, and
`minutes.approve_returning()` what `minutes.withdraw_approval()` puts back (refused once an amendment is recorded).
Redo must give back what undo is given next (the same shape as do's result); ids stay the same where the
database allows.
A write that is not undoable by this history (a whole import, an undone import, a restore) calls
`workspace.history.clear(reason)` after it commits, so the user is told the list was emptied and why.
Move the stack only through UndoHistory.undo()/redo() (a QUndoView or stack.undo() would skip the writes).

Why the stack moves only after the write has committed: QUndoStack.push() calls redo() at once, and
stack.undo() calls undo() at once, but our writes are asynchronous (they wait their turn behind an import) and
may fail. So, as Anki's operations update the undo menu only when the op has finished (qt/aqt/operations), the
command's own undo()/redo() do nothing; UndoHistory runs the write on the lane and moves the stack when it
committed. A first write that fails never reaches the stack; an undo or redo that fails takes its command off
the stack (setObsolete, then the stack's own step deletes it; a failed redo takes the redo steps above it too)
and the user is told in one sentence. While an undo or redo is on its way, Undo and Redo wait (are disabled).
Orange's canvas (orangecanvas/document/commands.py) is the model for commands that call the model, never widgets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from equitydesk.gui.commands import CommandId, CommandRegistry
from equitydesk.gui.jobs import Job, Op, user_message

if TYPE_CHECKING:
    from equitydesk.gui.workspace import Change, Workspace
    from equitydesk.services.registry import Services

UNDO_LIMIT = 100  # steps kept; the oldest go first


class EditCommand(QUndoCommand):
    """One user edit on the stack: the service calls that undo and redo it, and what they last returned."""

    def __init__(
        self,
        text: str,
        *,
        undo: Callable[[Services, Any], Any],
        redo: Callable[[Services, Any], Any],
        result: Any,
        changes: frozenset[Change],
        committee_ids: frozenset[int],
        said: Callable[[Any], str] | None = None,
    ) -> None:
        super().__init__(text)
        self.undo_fn, self.redo_fn = undo, redo
        self.result = result  # what do (or the last redo) returned: undo is given it
        self.undone: Any = None  # what the last undo returned: redo is given it
        self.changes, self.committee_ids, self.said = changes, committee_ids, said

    # The stack calls these as it moves; the writes have already committed by then (see the module's docstring).
    def redo(self) -> None:
        pass

    def undo(self) -> None:
        pass


class UndoHistory(QObject):
    """The undo stack of one open database (Workspace.history); undo() and redo() write on the job lane."""

    changed = Signal()  # what Undo and Redo offer may have changed
    said = Signal(str)  # a sentence for the status bar: what was undone, or why the list was emptied

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.workspace = workspace
        self.stack = QUndoStack(self)
        self.stack.setUndoLimit(UNDO_LIMIT)
        self.stack.indexChanged.connect(self._index_changed)  # a slot, not a lambda: let go of when this goes
        self._busy = False

    @Slot(int)
    def _index_changed(self, _index: int) -> None:
        self.changed.emit()

    # --- recording edits -------------------------------------------------------------------------------------

    def edit(
        self,
        parent: QWidget | None,
        text: str,
        *,
        do: Callable[[Services], Any],
        undo: Callable[[Services, Any], Any],
        redo: Callable[[Services, Any], Any] | None = None,
        changes: Iterable[Change],
        committee_ids: Iterable[int | None] = (),
        said: Callable[[Any], str] | None = None,
        title: str | None = None,
    ) -> Op[Any]:
        """The edit as an Op (chain .success/.failure/.run); once `do` has committed, it is on the stack."""
        kinds = frozenset(changes)
        ids = frozenset(i for i in committee_ids if i is not None)
        again = redo if redo is not None else (lambda s, _undone: do(s))
        op = self.workspace.op(parent, do, changes=kinds, committee_ids=ids, title=title or text)
        return op.after(
            lambda result: self.stack.push(
                EditCommand(text, undo=undo, redo=again, result=result, changes=kinds, committee_ids=ids, said=said)
            )
        )

    # --- undoing and redoing ---------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._busy

    def can_undo(self) -> bool:
        return not self._busy and self.stack.canUndo()

    def can_redo(self) -> bool:
        return not self._busy and self.stack.canRedo()

    def undo(self, parent: QWidget | None = None) -> Job | None:
        """Undo the last edit (None when there is none, or an undo or redo is still on its way)."""
        if not self.can_undo():
            return None
        return self._step(parent, self._command(self.stack.index() - 1), forward=False)

    def redo(self, parent: QWidget | None = None) -> Job | None:
        if not self.can_redo():
            return None
        return self._step(parent, self._command(self.stack.index()), forward=True)

    def _command(self, index: int) -> EditCommand:
        command = self.stack.command(index)
        assert isinstance(command, EditCommand)
        return command

    def _step(self, parent: QWidget | None, command: EditCommand, *, forward: bool) -> Job:
        verb = "Redo" if forward else "Undo"
        text = command.text()
        at = self.stack.index() if forward else self.stack.index() - 1

        def write(services: Services) -> Any:
            return command.redo_fn(services, command.undone) if forward else command.undo_fn(services, command.result)

        def still_there() -> bool:  # the list may have been emptied while the write waited its turn
            return 0 <= at < self.stack.count() and self.stack.command(at) is command

        def done(value: Any) -> None:
            if not still_there():
                return
            if forward:
                command.result = value
                self.stack.redo()
                self.said.emit(f"Redone: {text}.")
            else:
                command.undone = value
                self.stack.undo()
                extra = command.said(value) if command.said is not None else ""
                self.said.emit(f"Undone: {text}." + (f" {extra}" if extra else ""))

        def failed(error: BaseException) -> None:
            if still_there():
                self._drop(command, forward=forward)
            reason = user_message(error).rstrip(". ")
            QMessageBox.warning(
                parent, f"{verb} {text}", f"{reason}, so “{text}” could not be {verb.lower()}ne and is off the list."
            )

        self._set_busy(True)
        op = self.workspace.op(parent, write, changes=command.changes, committee_ids=command.committee_ids,
                               title=f"{verb} {text}")  # fmt: skip
        return op.success(done).failure(failed).finally_(lambda: self._set_busy(False)).run()

    def _drop(self, command: EditCommand, *, forward: bool) -> None:
        """Take a command whose undo or redo failed off the stack; after a failed redo, the redo steps above it,
        which built on it, go too."""
        if forward:
            for index in range(self.stack.index(), self.stack.count()):
                self.stack.command(index).setObsolete(True)
            while self.stack.index() < self.stack.count():
                self.stack.redo()  # an obsolete command is deleted instead of redone
        else:
            command.setObsolete(True)
            self.stack.undo()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.changed.emit()

    # --- emptying --------------------------------------------------------------------------------------------

    def clear(self, reason: str) -> None:
        """Empty the list because the database changed under it; `reason` completes "The undo list was emptied: …"."""
        if self.stack.count() == 0:
            return
        self.stack.clear()
        self.said.emit(f"The undo list was emptied: {reason}.")
        self.changed.emit()

    def undo_text(self) -> str:
        return self.stack.undoText()

    def redo_text(self) -> str:
        return self.stack.redoText()


class EditCommands(QObject):
    """Edit › Undo and Redo for the window, following the history of whichever database is open."""

    def __init__(self, commands: CommandRegistry, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = parent
        self.commands = commands
        self.history: UndoHistory | None = None
        commands.bind(CommandId.UNDO, self.undo)
        commands.bind(CommandId.REDO, self.redo)
        redo = commands[CommandId.REDO]
        keys = [k.toString() for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]
        keys += ["Ctrl+Shift+Z", "Ctrl+Y"]  # both, on every platform
        redo.setShortcuts([QKeySequence(k) for k in dict.fromkeys(keys)])
        self.update()

    def set_history(self, history: UndoHistory | None) -> None:
        if self.history is not None:
            self.history.changed.disconnect(self.update)
        self.history = history
        if history is not None:
            history.changed.connect(self.update)
        self.update()

    def undo(self) -> Job | None:
        return self.history.undo(self.window) if self.history is not None else None

    def redo(self) -> Job | None:
        return self.history.redo(self.window) if self.history is not None else None

    def update(self) -> None:
        history = self.history
        undo, redo = self.commands[CommandId.UNDO], self.commands[CommandId.REDO]
        undo_text = history.undo_text() if history is not None and history.stack.canUndo() else ""
        redo_text = history.redo_text() if history is not None and history.stack.canRedo() else ""
        # A name holding "&" ("Smith & Jones") would otherwise turn its next letter into a mnemonic.
        undo.setText(f"&Undo {undo_text.replace('&', '&&')}" if undo_text else "&Undo")
        redo.setText(f"&Redo {redo_text.replace('&', '&&')}" if redo_text else "&Redo")
        undo.setEnabled(history is not None and history.can_undo())
        redo.setEnabled(history is not None and history.can_redo())
