"""Import batches: each import recorded as one batch (where its rows came from, what they did), and listed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from equitydesk.db.tables import Committee, ImportBatch
from equitydesk.services.imports.plan import Plan
from equitydesk.services.imports.summary import ImportSummary


@dataclass(frozen=True, slots=True)
class BatchSource:
    """Where an import's rows came from: the file, the sheet, the heading row, and which column went where."""

    file_name: str
    sheet: str | None = None
    header_row: int | None = None
    mapping: Mapping[str, str] = field(default_factory=dict)  # heading (or "Column X") → field
    rows_read: int = 0


@dataclass(frozen=True, slots=True)
class BatchRecord:
    """One import as it is listed for review and undo: plain values, read in one query."""

    id: int
    file_name: str
    sheet: str | None
    header_row: int | None
    committee_id: int | None
    committee_name: str | None
    mapping: Mapping[str, str]
    rows_read: int
    created: int
    updated: int
    unchanged: int
    rejected: int
    imported_at: datetime
    imported_by: str | None
    undone_at: datetime | None
    counts: Mapping[str, int] | None = None  # by ImportSummary key; None for batches recorded before they were kept

    @property
    def undone(self) -> bool:
        return self.undone_at is not None

    @property
    def summary(self) -> ImportSummary:
        """The same summary the import showed when it was previewed and written."""
        return ImportSummary.of_batch(
            rows_read=self.rows_read, counts=self.counts, created=self.created, updated=self.updated,
            unchanged=self.unchanged, rejected=self.rejected,
        )  # fmt: skip


def open_batch(session: Session, source: BatchSource, *, actor: str) -> int:
    """Record a new batch as the write transaction's first statement, and return its number.

    Writing first takes SQLite's write lock at once, so nobody can change the records the import reads next
    before it writes: the plan made inside this transaction is exactly what gets written.
    """
    batch = ImportBatch(
        file_name=source.file_name,
        sheet=source.sheet,
        header_row=source.header_row,
        mapping=dict(source.mapping),
        rows_read=source.rows_read,
        imported_by=actor,
    )
    session.add(batch)
    session.flush()
    return batch.id


def close_batch(session: Session, batch_id: int, plan: Plan[Any], *, committee_id: int | None) -> None:
    """Store the counts of what the batch did (and the committee it went into, once that exists)."""
    session.execute(
        update(ImportBatch)
        .where(ImportBatch.id == batch_id)
        .values(
            committee_id=committee_id,
            created=plan.created,
            updated=plan.updated,
            unchanged=plan.unchanged,
            rejected=plan.rejected,
            counts=plan.summary().counts(),
        )
    )


def list_batches(session: Session, *, limit: int) -> list[BatchRecord]:
    """The latest batches, newest first, with their committee's name."""
    query = (
        select(ImportBatch, Committee.name)
        .outerjoin(Committee, Committee.id == ImportBatch.committee_id)
        .order_by(ImportBatch.id.desc())
        .limit(limit)
    )
    return [
        BatchRecord(
            id=b.id,
            file_name=b.file_name,
            sheet=b.sheet,
            header_row=b.header_row,
            committee_id=b.committee_id,
            committee_name=name,
            mapping=dict(b.mapping or {}),
            rows_read=b.rows_read,
            created=b.created,
            updated=b.updated,
            unchanged=b.unchanged,
            rejected=b.rejected,
            imported_at=b.imported_at,
            imported_by=b.imported_by,
            undone_at=b.undone_at,
            counts=dict(b.counts) if b.counts else None,
        )
        for b, name in session.execute(query)
    ]
