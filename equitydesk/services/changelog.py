"""The change log: who changed what and when, written in the same transaction as the change itself."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.orm import Session

from equitydesk.db.base import utcnow
from equitydesk.db.tables import ChangeLog
from equitydesk.domain.enums import ChangeAction
from equitydesk.services.fields import to_json


def record(
    session: Session,
    *,
    actor: str,
    entity: str,
    entity_id: int,
    action: ChangeAction,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
    subject_person_id: int | None = None,
    batch_id: int | None = None,
) -> None:
    session.add(
        ChangeLog(
            at=utcnow(),
            actor=actor,
            entity=entity,
            entity_id=entity_id,
            action=action,
            changes={k: [to_json(b), to_json(a)] for k, (b, a) in (changes or {}).items()},
            subject_person_id=subject_person_id,
            batch_id=batch_id,
        )
    )


def record_many(session: Session, rows: Iterable[dict[str, Any]]) -> None:
    """Bulk form for imports: each row has the keys of `record` with `changes` already JSON-friendly."""
    now = utcnow()
    payload = [{"at": now, **r} for r in rows]
    if payload:
        session.execute(insert(ChangeLog), payload)


@dataclass(frozen=True, slots=True)
class ChangeEntry:
    at: datetime
    actor: str
    entity: str
    entity_id: int
    action: str
    changes: dict[str, Any]


def history(session: Session, *, entity: str, entity_id: int, limit: int = 200) -> list[ChangeEntry]:
    rows = session.scalars(
        select(ChangeLog)
        .where(ChangeLog.entity == entity, ChangeLog.entity_id == entity_id)
        .order_by(ChangeLog.at.desc(), ChangeLog.id.desc())
        .limit(limit)
    )
    return [ChangeEntry(r.at, r.actor, r.entity, r.entity_id, r.action.value, dict(r.changes)) for r in rows]


def erase_person(session: Session, person_id: int) -> None:
    """Erasing a person removes what the log says about them too."""
    session.execute(
        delete(ChangeLog).where(
            or_(
                ChangeLog.subject_person_id == person_id,
                (ChangeLog.entity == "person") & (ChangeLog.entity_id == person_id),
            )
        )
    )


def forget_subject(session: Session, person_id: int) -> None:
    """Keep the erasure entry itself, but with nothing pointing back at a person who no longer exists."""
    from sqlalchemy import update

    session.execute(update(ChangeLog).where(ChangeLog.subject_person_id == person_id).values(subject_person_id=None))
