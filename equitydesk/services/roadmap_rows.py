"""The rows a roadmap deletion touches, taken before it and put back as they were (what undoing a removal needs)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, and_, select, text
from sqlalchemy.orm import Session

import equitydesk.db.tables  # noqa: F401  (every table registered on Base before its foreign keys are read)
from equitydesk.db.base import Base


@dataclass(frozen=True)
class RemovedRows:
    """A removed node (or measurement) and every row its deletion deleted or changed, parents first."""

    kind: str
    node_id: int
    plan_id: int
    rows: tuple[tuple[str, dict[str, Any]], ...]  # (table name, every column by name), as stored before

    @property
    def id(self) -> int:
        """The node's id, as an added record has it: undoing an add and undoing its redo read the same name."""
        return self.node_id


def rows_touched(session: Session, table_name: str, row_id: int) -> tuple[tuple[str, dict[str, Any]], ...]:
    """The row and, recursively, every row whose foreign key points at one of them (cascaded or set to null).

    Read from the schema's foreign keys rather than listed by hand, so a table that later refers to a strategy
    (an action item serving it) is put back too.
    """
    tables = Base.metadata.tables
    found: list[tuple[str, dict[str, Any]]] = []
    seen: set[tuple[str, tuple[Any, ...]]] = set()
    queue: list[tuple[Table, Any]] = [(tables[table_name], tables[table_name].c.id == row_id)]
    while queue:
        table, where = queue.pop(0)
        for mapping in session.execute(select(table).where(where)).mappings():
            row = dict(mapping)
            key = (table.name, tuple(row[c.name] for c in table.primary_key.columns))
            if key in seen:
                continue
            seen.add(key)
            found.append((table.name, row))
            for child in tables.values():
                for fk in child.foreign_keys:
                    if fk.column.table is table and fk.column.name in row:
                        queue.append((child, fk.parent == row[fk.column.name]))
    return tuple(found)


def put_back(session: Session, rows: tuple[tuple[str, dict[str, Any]], ...]) -> None:
    """Insert the rows that are gone and set the others back to their stored values, under their own ids.

    Foreign keys are checked at commit: a milestone may be put back before the goal it names.
    """
    session.execute(text("PRAGMA defer_foreign_keys = ON"))
    tables = Base.metadata.tables
    for name, row in rows:
        table = tables[name]
        pk = [c for c in table.primary_key.columns]
        match = and_(*(c == row[c.name] for c in pk))
        if session.execute(select(pk[0]).where(match)).first() is None:
            session.execute(table.insert().values(**row))
        else:
            session.execute(table.update().where(match).values(**row))
    session.expire_all()  # the ORM's identity map still holds what was deleted
