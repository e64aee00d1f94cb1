"""Action items: the editor's operations (owners, status with a reason, progress log) and bulk edits."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from equitydesk.db.tables import ActionItem, ActionUpdate
from equitydesk.domain.enums import ActionStatus, ChangeAction, Priority
from equitydesk.services import changelog
from equitydesk.services.actions.choices import ActionChoices
from equitydesk.services.actions.items import ActionListing
from equitydesk.services.actions.owners import (
    OwnerRecord,
    OwnerSpec,
    clean_owners,
    legacy_owners,
    read_owners,
    write_owners,
)
from equitydesk.services.context import ServiceContext
from equitydesk.services.crud import Column, EntityService
from equitydesk.services.errors import DomainError, NotFound
from equitydesk.services.fields import Field
from equitydesk.services.records import ActionItemRecord, ActionUpdateRecord

NEEDS_REASON = frozenset({ActionStatus.BLOCKED, ActionStatus.DROPPED})
# What an edit can change, and so what an undo puts back.
EDITABLE = (
    "committee_id", "title", "details", "due_on", "status", "status_reason", "priority", "meeting_id",
    "agenda_item_id", "strategy_id", "goal_id", "completed_on",
)  # fmt: skip
_NOTE = "_note"  # a note to file with the automatic update this edit writes (popped before the values are set)
_NOTE_FIELD = Field("Note", kind="longtext", max_len=20000)
_LOGGED = "action_updates_written"  # session.info: the progress-log rows this transaction wrote (undo removes them)
_QUIET = "action_restoring"  # session.info: an undo puts values back without logging them as a new change


@dataclass(frozen=True)
class ActionSnapshot:
    """An item's editable values and owners at one moment: what an undo gives back to restore()."""

    id: int
    values: Mapping[str, Any]
    owners: tuple[OwnerSpec, ...]


@dataclass(frozen=True)
class EditResult:
    record: ActionItemRecord
    created: bool
    before: ActionSnapshot | None  # None for a new item (undo deletes it)
    logged: tuple[int, ...] = ()  # the progress-log rows this edit wrote: restore(unlog=...) takes them out


@dataclass(frozen=True)
class BulkResult:
    """The items a bulk edit changed, and each one as it was before (for undo)."""

    ids: list[int]
    before: list[ActionSnapshot] = field(default_factory=list)
    logged: tuple[int, ...] = ()  # the progress-log rows this edit wrote: restore(unlog=...) takes them out

    @property
    def changed(self) -> int:
        return len(self.ids)


class ActionItemService(ActionListing):
    """The list (ActionListing), the editor's operations and bulk edits; `choices` feeds the editor's choosers."""

    table = ActionItem
    record = ActionItemRecord
    entity = "action_item"
    noun = "action item"
    fields = {
        "committee_id": Field("Committee", kind="ref", required=True),
        "title": Field("Title", required=True, max_len=300),
        "details": Field("Details", kind="longtext", max_len=20000),
        "owner_person_id": Field("Owner", kind="ref"),
        "owner_text": Field("Owner (not on the roster)", max_len=200),
        "due_on": Field("Due", kind="date"),
        "status": Field("Status", kind="enum", enum=ActionStatus),
        "status_reason": Field("Reason", max_len=500),
        "priority": Field("Priority", kind="enum", enum=Priority),
        "meeting_id": Field("Meeting", kind="ref"),
        "agenda_item_id": Field("Agenda item", kind="ref"),
        "strategy_id": Field("Strategy", kind="ref"),
        "goal_id": Field("Goal", kind="ref"),
        "completed_on": Field("Completed on", kind="date"),
    }

    def __init__(self, ctx: ServiceContext) -> None:
        super().__init__(ctx)
        self.choices = ActionChoices(ctx)

    # --- rules every write follows ---------------------------------------------------------------------------

    def prepare(self, session: Session, values: dict[str, Any], obj: ActionItem | None) -> None:
        note = values.pop(_NOTE, None)
        new_status = values.get("status")
        if new_status == ActionStatus.DONE and not values.get("completed_on") and not (obj and obj.completed_on):
            values["completed_on"] = self.ctx.today()
        if new_status is not None and new_status != ActionStatus.DONE and "completed_on" not in values:
            values["completed_on"] = None  # reopened: no longer done
        if new_status is not None and new_status not in NEEDS_REASON and "status_reason" not in values:
            values["status_reason"] = None  # the reason was for being blocked or dropped
        if obj is None:
            return
        moved = new_status is not None and new_status != obj.status
        redated = "due_on" in values and values["due_on"] != obj.due_on
        if (moved or redated or note) and not session.info.get(_QUIET):
            self._written(
                session,
                ActionUpdate(
                    action_item_id=obj.id,
                    on=self.ctx.today(),
                    note=note or (values.get("status_reason") if moved and new_status in NEEDS_REASON else None),
                    status_from=obj.status if moved else None,
                    status_to=new_status if moved else None,
                    due_from=obj.due_on if redated else None,
                    due_to=values["due_on"] if redated else None,
                    author=self.ctx.actor,
                ),
            )

    def validate(self, session: Session, obj: ActionItem) -> None:
        # A new item given no status is open: the column default is only applied when the row is inserted.
        if obj.completed_on and (obj.status or ActionStatus.OPEN) != ActionStatus.DONE:
            raise DomainError("Only a done action item has a completion date.", field="completed_on")

    def _create(self, session: Session, cleaned: dict[str, Any], *, batch_id: int | None) -> ActionItem:
        obj = super()._create(session, cleaned, batch_id=batch_id)
        if obj.owner_person_id is not None or obj.owner_text:
            write_owners(session, obj, legacy_owners(obj))  # created through the single-owner columns
        return obj

    def _update(
        self, session: Session, obj: ActionItem, cleaned: dict[str, Any], *, batch_id: int | None
    ) -> dict[str, tuple[Any, Any]]:
        diff = super()._update(session, obj, cleaned, batch_id=batch_id)
        if "owner_person_id" in cleaned or "owner_text" in cleaned:
            write_owners(session, obj, legacy_owners(obj))
        return diff  # edit() hands the before-values to undo

    # --- the editor ------------------------------------------------------------------------------------------

    def save(
        self,
        action_id: int | None = None,
        *,
        values: Mapping[str, Any],
        owners: Sequence[OwnerSpec] | None = None,
        note: str | None = None,
    ) -> EditResult:
        """Create (action_id None) or change one item and its owners in one transaction.

        A change of status or due date is written to the progress log, with `note` if given. Blocked and
        dropped need a reason (status_reason). The result carries the item as it was, for undo.
        """
        cleaned = self.clean(values, partial=action_id is not None)
        note_text = _NOTE_FIELD.clean("note", note)
        with self.ctx.sessions.begin() as session:
            if action_id is None:
                obj = self._create(session, cleaned, batch_id=None)
                self._check_reason(obj)
                before = None
                if note_text:
                    self._log(session, obj.id, note=note_text)
            else:
                obj = self._load(session, action_id)
                before = self._snapshot(session, obj)
                self._change(session, obj, cleaned, note_text)
            if owners is not None:
                self._set_owners(session, obj, owners)
            session.flush()
            return EditResult(ActionItemRecord.of(obj), action_id is None, before, self._logged(session))

    def set_status(self, action_id: int, *, status: ActionStatus | str, reason: str | None = None,
                   note: str | None = None) -> EditResult:  # fmt: skip
        """Move one item to a status (done, blocked with a reason …), logged with the note."""
        values: dict[str, Any] = {"status": status}
        if reason is not None:
            values["status_reason"] = reason
        return self.save(action_id, values=values, note=note)

    def mark_done(self, action_id: int, *, note: str | None = None) -> EditResult:
        return self.set_status(action_id, status=ActionStatus.DONE, note=note)

    def add_note(self, action_id: int, *, note: str) -> ActionUpdateRecord:
        """A dated progress note (today, by whoever is acting)."""
        text = _NOTE_FIELD.clean("note", note)
        if not text:
            raise DomainError("Write the note first.", field="note")
        with self.ctx.sessions.begin() as session:
            self._load(session, action_id)
            return ActionUpdateRecord.of(self._log(session, action_id, note=text))

    def remove_update(self, update_id: int) -> None:
        """Take one progress note back out (undoing Add note)."""
        with self.ctx.sessions.begin() as session:
            row = session.get(ActionUpdate, update_id)
            if row is not None:
                session.delete(row)

    def updates(self, action_item_id: int) -> list[ActionUpdateRecord]:
        """An action item's progress notes, status and due-date changes, oldest first."""
        with self.ctx.sessions() as session:
            rows = session.scalars(
                select(ActionUpdate)
                .where(ActionUpdate.action_item_id == action_item_id)
                .order_by(ActionUpdate.on, ActionUpdate.id)
            )
            return [ActionUpdateRecord.of(row) for row in rows]

    def owners(self, action_id: int) -> list[OwnerRecord]:
        with self.ctx.sessions() as session:
            return read_owners(session, [action_id])[action_id]

    def owners_of(self, action_ids: Sequence[int]) -> dict[int, list[OwnerRecord]]:
        with self.ctx.sessions() as session:
            return read_owners(session, list(action_ids))

    # --- bulk edits: one transaction, all or nothing ---------------------------------------------------------

    def set_status_many(self, ids: Sequence[int], *, status: ActionStatus | str, reason: str | None = None,
                        note: str | None = None) -> BulkResult:  # fmt: skip
        values: dict[str, Any] = {"status": status}
        if reason is not None:
            values["status_reason"] = reason
        return self._bulk(ids, values, note=note)

    def set_due_many(self, ids: Sequence[int], *, due_on: date | None, note: str | None = None) -> BulkResult:
        return self._bulk(ids, {"due_on": due_on}, note=note)

    def set_owners_many(self, ids: Sequence[int], *, owners: Sequence[OwnerSpec]) -> BulkResult:
        return self._bulk(ids, {}, owners=owners)

    def restore(self, snapshots: Sequence[ActionSnapshot], *, unlog: Sequence[int] = ()) -> BulkResult:
        """Put items back as the snapshots say (undo of an edit or a bulk edit), in one transaction.

        `unlog` names the progress-log rows the undone edit wrote (its result's `logged`): they are taken out,
        and the putting back is not logged, so the log reads as if the edit had not happened (the change log
        keeps both for accountability).
        """
        with self.ctx.sessions.begin() as session:
            for update_id in unlog:
                row = session.get(ActionUpdate, update_id)
                if row is not None:
                    session.delete(row)
            session.info[_QUIET] = True
            try:
                before = []
                for snap in snapshots:
                    obj = self._load(session, snap.id)
                    before.append(self._snapshot(session, obj))
                    self._update(session, obj, dict(snap.values), batch_id=None)
                    self._set_owners(session, obj, snap.owners)
            finally:
                session.info.pop(_QUIET, None)
            return BulkResult([s.id for s in snapshots], before)

    def _bulk(
        self, ids: Sequence[int], values: dict[str, Any], *, note: str | None = None,
        owners: Sequence[OwnerSpec] | None = None,
    ) -> BulkResult:  # fmt: skip
        if not ids:
            raise DomainError("Select the action items to change first.")
        cleaned = self.clean(values, partial=True)
        note_text = _NOTE_FIELD.clean("note", note)
        with self.ctx.sessions.begin() as session:
            wanted = list(dict.fromkeys(ids))
            owners_before = read_owners(session, wanted)  # one query for every item's snapshot, not one each
            loaded = {o.id: o for o in session.scalars(select(ActionItem).where(ActionItem.id.in_(wanted)))}
            before = []
            for action_id in wanted:
                obj = loaded.get(action_id) or self._load(session, action_id)  # NotFound rolls everything back
                before.append(self._snapshot(session, obj, owners_before.get(action_id)))
                self._change(session, obj, dict(cleaned), note_text)
                if owners is not None:
                    self._set_owners(session, obj, owners)
            session.flush()
            return BulkResult([s.id for s in before], before, self._logged(session))

    # --- inside a transaction --------------------------------------------------------------------------------

    def _change(self, session: Session, obj: ActionItem, cleaned: dict[str, Any], note: str | None) -> None:
        moving = "status" in cleaned and cleaned["status"] != obj.status
        if note and not moving and not ("due_on" in cleaned and cleaned["due_on"] != obj.due_on):
            self._log(session, obj.id, note=note)  # nothing logged automatically: the note stands alone
        else:
            cleaned[_NOTE] = note
        self._update(session, obj, cleaned, batch_id=None)
        if moving:
            self._check_reason(obj)

    def _check_reason(self, obj: ActionItem) -> None:
        if obj.status in NEEDS_REASON and not obj.status_reason:
            word = "blocked" if obj.status == ActionStatus.BLOCKED else "dropped"
            raise DomainError(f"Say why “{obj.title}” is {word}: write a reason.", field="status_reason")

    def _set_owners(self, session: Session, obj: ActionItem, owners: Sequence[OwnerSpec]) -> None:
        pairs = clean_owners(session, owners)
        before = [o.spec for o in read_owners(session, [obj.id])[obj.id]]
        after: list[OwnerSpec] = [p if p is not None else str(t) for p, t in pairs]
        if before == after:
            return
        write_owners(session, obj, pairs)
        session.flush()
        changelog.record(
            session, actor=self.ctx.actor, entity=self.entity, entity_id=obj.id, action=ChangeAction.UPDATE,
            changes={"owners": (before, after)},
        )  # fmt: skip

    def _snapshot(
        self, session: Session, obj: ActionItem, owners_now: list[OwnerRecord] | None = None
    ) -> ActionSnapshot:
        listed = owners_now if owners_now is not None else read_owners(session, [obj.id])[obj.id]
        owners = tuple(o.spec for o in listed)
        return ActionSnapshot(obj.id, {name: getattr(obj, name) for name in EDITABLE}, owners)

    def _log(self, session: Session, action_id: int, *, note: str) -> ActionUpdate:
        update = ActionUpdate(action_item_id=action_id, on=self.ctx.today(), note=note, author=self.ctx.actor)
        self._written(session, update)
        session.flush()
        return update

    @staticmethod
    def _written(session: Session, update: ActionUpdate) -> None:
        session.add(update)
        session.info.setdefault(_LOGGED, []).append(update)

    @staticmethod
    def _logged(session: Session) -> tuple[int, ...]:
        """The ids of the progress-log rows written so far in this transaction (flushed first)."""
        return tuple(u.id for u in session.info.pop(_LOGGED, []))


class ActionUpdateService(EntityService[ActionUpdate, ActionUpdateRecord]):
    table = ActionUpdate
    record = ActionUpdateRecord
    entity = "action_update"
    noun = "progress note"
    fields = {
        "action_item_id": Field("Action item", kind="ref", required=True),
        "on": Field("Date", kind="date", required=True),
        "note": Field("Note", kind="longtext", max_len=20000),
        "status_from": Field("Status before", kind="enum", enum=ActionStatus),
        "status_to": Field("Status after", kind="enum", enum=ActionStatus),
        "due_from": Field("Due before", kind="date"),
        "due_to": Field("Due after", kind="date"),
        "author": Field("Author", max_len=200),
    }

    def columns(self) -> dict[str, Column]:
        return {"on": Column("Date", ActionUpdate.on), "note": Column("Note", ActionUpdate.note)}

    def validate(self, session: Session, obj: ActionUpdate) -> None:
        if not obj.note and obj.status_to is None and obj.due_to is None:
            raise DomainError("A progress note needs some text or a status change.", field="note")


__all__ = ["ActionItemService", "ActionSnapshot", "ActionUpdateService", "BulkResult", "EditResult", "NotFound"]
