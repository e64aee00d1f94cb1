"""Undoing an import as a whole: find the batch, put back what it changed from the change log, mark it undone."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from equitydesk.db.base import utcnow
from equitydesk.db.tables import ChangeLog, ImportBatch
from equitydesk.domain.enums import ChangeAction
from equitydesk.services import changelog
from equitydesk.services.errors import DomainError, NotFound

CHUNK = 500  # ids per IN (...): well under SQLite's limit on bound parameters


@dataclass(frozen=True)
class Restorable:
    """A table whose rows an import may have updated, as the change log names it (entity), and how to restore it.

    `derived` gives the stored values that follow from the restored ones (an e-mail's matching key).
    """

    table: Any  # an ORM class with an integer `id`
    derived: Callable[[dict[str, Any]], dict[str, Any]] | None = None


def begin_undo(session: Session, batch_id: int) -> ImportBatch:
    """The batch to undo, inside the undo's transaction; refused when there is none or it was undone already."""
    batch = session.get(ImportBatch, batch_id)
    if batch is None:
        raise NotFound(f"There is no import number {batch_id}.")
    if batch.undone_at is not None:
        raise DomainError(f"Import {batch_id} was already undone on {batch.undone_at:%b %d, %Y}.")
    return batch


def restore_updates(
    session: Session, batch_id: int, *, actor: str, tables: Mapping[str, Restorable]
) -> dict[str, set[int]]:
    """Put back every value the batch changed in these tables, newest change first; the ids restored, by entity.

    Each restore is logged as an update of its own, so the history shows the undo as well as the import.
    """
    entries = session.scalars(
        select(ChangeLog)
        .where(ChangeLog.batch_id == batch_id, ChangeLog.action == ChangeAction.UPDATE)
        .order_by(ChangeLog.id.desc())
    ).all()
    restored: dict[str, set[int]] = {}
    for entry in entries:
        target = tables.get(entry.entity)
        if target is None:
            continue
        before = {k: _from_json(target.table, k, v[0]) for k, v in entry.changes.items()}
        if target.derived is not None:
            before.update(target.derived(before))
        session.execute(update(target.table).where(target.table.id == entry.entity_id).values(**before))
        changelog.record(
            session, actor=actor, entity=entry.entity, entity_id=entry.entity_id, action=ChangeAction.UPDATE,
            changes={k: (v[1], v[0]) for k, v in entry.changes.items()}, subject_person_id=entry.subject_person_id,
        )  # fmt: skip
        restored.setdefault(entry.entity, set()).add(entry.entity_id)
    return restored


def finish_undo(session: Session, batch: ImportBatch, *, actor: str, changes: Mapping[str, tuple[Any, Any]]) -> None:
    """Mark the batch undone and log what the undo removed."""
    batch.undone_at = utcnow()
    changelog.record(
        session, actor=actor, entity="import_batch", entity_id=batch.id, action=ChangeAction.DELETE,
        changes=dict(changes), batch_id=batch.id,
    )  # fmt: skip


def chunks(items: list[int], size: int = CHUNK) -> Iterable[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _from_json(table: Any, name: str, value: Any) -> Any:
    """A value as the change log keeps it (JSON) turned back into what the column takes."""
    if value is None:
        return None
    column = table.__table__.c[name]
    python_type: type | None
    try:
        python_type = column.type.python_type
    except NotImplementedError:
        python_type = None
    if python_type is date and isinstance(value, str):
        return date.fromisoformat(value)
    if getattr(column.type, "enum_class", None) is not None:
        return column.type.enum_class(value)
    return value
