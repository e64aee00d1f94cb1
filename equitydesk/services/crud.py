"""A generic service for one table: create, edit, list (filter, sort, page), archive and delete, all logged."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, func, inspect, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import QueryableAttribute, Session

from equitydesk.db.base import Base
from equitydesk.domain.enums import ChangeAction
from equitydesk.services import changelog
from equitydesk.services.context import ServiceContext
from equitydesk.services.errors import DomainError, NotFound
from equitydesk.services.fields import Field
from equitydesk.services.records import Record

T = TypeVar("T", bound=Base)
R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class ListQuery:
    """What a list shows: free text, filters by name, a sort column, and whether archived rows count."""

    text: str = ""
    filters: Mapping[str, Any] = field(default_factory=dict)
    sort: str | None = None
    descending: bool = False
    include_archived: bool = False


# A mapped attribute (Person.email) or any SQL expression built from them.
SqlExpr = ColumnElement[Any] | QueryableAttribute[Any]


@dataclass(frozen=True)
class Column:
    """A list column: its label and the SQL expression that yields it (sorting happens in SQL)."""

    label: str
    expr: SqlExpr
    sort: SqlExpr | None = None  # what the list sorts by, when not the shown value (owners by family name)


@dataclass(frozen=True)
class Edited(Generic[R]):
    """An update and how to take it back: `update(id, **before)` undoes it, `update(id, **after)` redoes it."""

    record: R
    before: dict[str, Any]  # only the fields that changed, as they were stored
    after: dict[str, Any]


Row = dict[str, Any]  # every column of one stored row, id included: what `reinsert` puts back


@dataclass(frozen=True)
class Page:
    rows: list[dict[str, Any]]
    total: int


class EntityService(Generic[T, R]):
    """Reads return records (R), frozen copies made inside the session; the ORM rows (T) never leave it."""

    table: ClassVar[type[Base]]
    record: type[R]
    entity: ClassVar[str]
    noun: ClassVar[str]
    fields: ClassVar[dict[str, Field]]
    has_archive: ClassVar[bool] = False

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- hooks for subclasses --------------------------------------------------------------------------------

    def columns(self) -> dict[str, Column]:
        raise NotImplementedError

    def search_exprs(self) -> Sequence[SqlExpr]:
        return []

    def base_select(self) -> Select[Any]:
        return select(self.table.id)  # type: ignore[attr-defined]

    def apply_filter(self, stmt: Select[Any], name: str, value: Any) -> Select[Any]:
        col = getattr(self.table, name, None)
        if col is None:
            raise DomainError(f"Unknown filter '{name}'.")
        return stmt.where(col == value)

    def prepare(self, session: Session, values: dict[str, Any], obj: T | None) -> None:
        """Derive or check values before they are set; obj is None on create."""

    def validate(self, session: Session, obj: T) -> None:
        """Rules across fields, checked after the values are set."""

    def subject_person_id(self, obj: T) -> int | None:
        return None

    def before_delete(self, session: Session, obj: T) -> None:
        """Refuse a deletion the rules forbid (raise DomainError)."""

    def integrity_message(self, exc: IntegrityError) -> str:
        text = str(exc.orig)
        if "UNIQUE" in text:
            return f"That {self.noun} already exists."
        if "FOREIGN KEY" in text:
            return f"That {self.noun} refers to something that no longer exists."
        return f"That {self.noun} cannot be saved: {text}"

    # --- reading ---------------------------------------------------------------------------------------------

    def _load(self, session: Session, entity_id: int) -> T:
        obj = session.get(self.table, entity_id)
        if obj is None:
            raise NotFound(f"This {self.noun} no longer exists (it may have been deleted).")
        return obj  # type: ignore[return-value]

    def get(self, entity_id: int) -> R:
        with self.ctx.sessions() as session:
            return self.record.of(self._load(session, entity_id))

    def get_many(self, ids: Sequence[int]) -> dict[int, R]:
        """The records of these ids that still exist, keyed by id (the order of ids is the caller's)."""
        if not ids:
            return {}
        # Plain columns straight into records: no ORM objects to build and throw away.
        columns = [getattr(self.table, name) for name in self.record.field_names()]
        stmt = select(*columns).where(self.table.id.in_(ids))  # type: ignore[attr-defined]
        with self.ctx.sessions() as session:
            return {row.id: self.record(*row) for row in session.execute(stmt)}

    def _filtered(self, query: ListQuery) -> Select[Any]:
        stmt = self.base_select()
        if self.has_archive and not query.include_archived:
            stmt = stmt.where(self.table.archived.is_(False))  # type: ignore[attr-defined]
        for name, value in query.filters.items():
            if value is not None and value != "":
                stmt = self.apply_filter(stmt, name, value)
        words = query.text.split()
        exprs = self.search_exprs()
        for word in words:
            pattern = f"%{_escape_like(word)}%"
            stmt = stmt.where(or_(*(e.ilike(pattern, escape="\\") for e in exprs)))
        return stmt

    def list_ids(self, query: ListQuery = ListQuery()) -> list[int]:
        """Every matching id in display order; the list fetches the rows it shows by id, a screenful at a time."""
        stmt = self._filtered(query)
        cols = self.columns()
        order: list[Any] = []
        if query.sort and query.sort in cols:
            column = cols[query.sort]
            expr = column.sort if column.sort is not None else column.expr
            order.append(expr.desc().nulls_last() if query.descending else expr.asc().nulls_last())
        order.append(self.table.id)  # type: ignore[attr-defined]
        with self.ctx.sessions() as session:
            return list(session.scalars(stmt.order_by(*order)))

    def count(self, query: ListQuery = ListQuery()) -> int:
        stmt = select(func.count()).select_from(self._filtered(query).subquery())
        with self.ctx.sessions() as session:
            return int(session.scalar(stmt) or 0)

    def fetch_rows(self, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        """Display rows for these ids, keyed by id (the order of ids is the caller's)."""
        if not ids:
            return {}
        cols = self.columns()
        id_col = self.table.id  # type: ignore[attr-defined]
        stmt = self.base_select().add_columns(*(c.expr.label(k) for k, c in cols.items())).where(id_col.in_(ids))
        with self.ctx.sessions() as session:
            result = session.execute(stmt)
            keys = list(result.keys())
            return {row[0]: dict(zip(keys[1:], row[1:], strict=True)) for row in result}

    def list(self, query: ListQuery = ListQuery(), *, offset: int = 0, limit: int = 100) -> Page:
        ids = self.list_ids(query)
        window = ids[offset : offset + limit]
        rows = self.fetch_rows(window)
        return Page(rows=[{"id": i, **rows[i]} for i in window if i in rows], total=len(ids))

    # --- writing ---------------------------------------------------------------------------------------------

    def clean(self, values: Mapping[str, Any], *, partial: bool, supplied: Sequence[str] = ()) -> dict[str, Any]:
        """Checked values; `supplied` names required fields the caller fills in later (in the same transaction)."""
        unknown = set(values) - set(self.fields)
        if unknown:
            raise DomainError(f"Unknown field(s) for a {self.noun}: {', '.join(sorted(unknown))}.")
        cleaned = {name: self.fields[name].clean(name, value) for name, value in values.items()}
        if not partial:
            for name, spec in self.fields.items():
                if spec.required and name not in cleaned and name not in supplied:
                    raise DomainError(f"{spec.label} is required.", field=name)
        return cleaned

    def create(self, *, batch_id: int | None = None, **values: Any) -> R:
        cleaned = self.clean(values, partial=False)
        with self.ctx.sessions.begin() as session:
            return self.create_in(session, cleaned, batch_id=batch_id)

    def create_in(self, session: Session, cleaned: dict[str, Any], *, batch_id: int | None = None) -> R:
        """Create inside a caller's transaction (for jobs that write several things at once)."""
        return self.record.of(self._create(session, cleaned, batch_id=batch_id))

    def _create(self, session: Session, cleaned: dict[str, Any], *, batch_id: int | None) -> T:
        with session.no_autoflush:
            self.prepare(session, cleaned, None)
            obj: T = self.table(**cleaned)  # type: ignore[assignment]
            session.add(obj)
            self.validate(session, obj)
        self._flush(session)
        changelog.record(
            session,
            actor=self.ctx.actor,
            entity=self.entity,
            entity_id=obj.id,  # type: ignore[attr-defined]
            action=ChangeAction.CREATE,
            changes={k: (None, v) for k, v in cleaned.items() if v is not None},
            subject_person_id=self.subject_person_id(obj),
            batch_id=batch_id,
        )
        return obj

    def update(self, entity_id: int, **values: Any) -> R:
        return self.edit(entity_id, **values).record

    def edit(self, entity_id: int, **values: Any) -> Edited[R]:
        """update(), also returning the changed fields' values before and after (what undo and redo give back)."""
        cleaned = self.clean(values, partial=True)
        with self.ctx.sessions.begin() as session:
            obj = self._load(session, entity_id)
            diff = self._update(session, obj, cleaned, batch_id=None)
            mine = {name: pair for name, pair in diff.items() if name in self.fields}  # not derived keys
            return Edited(
                self.record.of(obj), {k: b for k, (b, _a) in mine.items()}, {k: a for k, (_b, a) in mine.items()}
            )

    def update_in(self, session: Session, entity_id: int, cleaned: dict[str, Any], *, batch_id: int | None = None) -> R:
        """Update inside a caller's transaction; only what changed is written and logged."""
        obj = self._load(session, entity_id)
        self._update(session, obj, cleaned, batch_id=batch_id)
        return self.record.of(obj)

    def _update(
        self, session: Session, obj: T, cleaned: dict[str, Any], *, batch_id: int | None
    ) -> dict[str, tuple[Any, Any]]:
        with session.no_autoflush:
            self.prepare(session, cleaned, obj)
        diff: dict[str, tuple[Any, Any]] = {}
        for name, value in cleaned.items():
            before = getattr(obj, name)
            if before != value:
                diff[name] = (before, value)
                setattr(obj, name, value)
        if not diff:
            return diff
        with session.no_autoflush:
            self.validate(session, obj)
        self._flush(session)
        changelog.record(
            session,
            actor=self.ctx.actor,
            entity=self.entity,
            entity_id=obj.id,  # type: ignore[attr-defined]
            action=ChangeAction.UPDATE,
            changes=diff,
            subject_person_id=self.subject_person_id(obj),
            batch_id=batch_id,
        )
        return diff

    def archive(self, entity_id: int, *, archived: bool = True) -> R:
        if not self.has_archive:
            raise DomainError(f"A {self.noun} cannot be archived.")
        with self.ctx.sessions.begin() as session:
            obj = self._load(session, entity_id)
            self._set_archived(session, obj, archived)
            session.flush()
            return self.record.of(obj)

    def _set_archived(self, session: Session, obj: T, archived: bool) -> bool:
        """Archive or restore one loaded row, logged; False when it already was."""
        if obj.archived == archived:  # type: ignore[attr-defined]
            return False
        obj.archived = archived  # type: ignore[attr-defined]
        changelog.record(
            session,
            actor=self.ctx.actor,
            entity=self.entity,
            entity_id=obj.id,  # type: ignore[attr-defined]
            action=ChangeAction.ARCHIVE if archived else ChangeAction.RESTORE,
            changes={"archived": (not archived, archived)},
            subject_person_id=self.subject_person_id(obj),
        )
        return True

    def delete(self, entity_id: int) -> None:
        self.delete_returning_row(entity_id)

    def delete_returning_row(self, entity_id: int) -> Row:
        """delete(), returning the row as it was, which `reinsert` puts back (to undo the deletion)."""
        with self.ctx.sessions.begin() as session:
            obj = self._load(session, entity_id)
            self.before_delete(session, obj)
            row = row_of(obj)
            snapshot = {name: (getattr(obj, name), None) for name in self.fields}
            person = self.subject_person_id(obj)
            session.delete(obj)
            self._flush(session)
            changelog.record(
                session,
                actor=self.ctx.actor,
                entity=self.entity,
                entity_id=entity_id,
                action=ChangeAction.DELETE,
                changes={k: v for k, v in snapshot.items() if v[0] is not None},
                subject_person_id=person,
            )
        return row

    def reinsert(self, *, row: Row) -> R:
        """Put a deleted row back as it was, under its old id when that is still free (logged as created)."""
        with self.ctx.sessions.begin() as session:
            values = dict(row)
            if session.get(self.table, values["id"]) is not None:
                values.pop("id")  # taken meanwhile: the row comes back under a new id
            obj: T = self.table(**values)  # type: ignore[assignment]
            session.add(obj)
            with session.no_autoflush:
                self.validate(session, obj)
            self._flush(session)
            changelog.record(
                session,
                actor=self.ctx.actor,
                entity=self.entity,
                entity_id=obj.id,  # type: ignore[attr-defined]
                action=ChangeAction.CREATE,
                changes={k: (None, row[k]) for k in self.fields if row.get(k) is not None},
                subject_person_id=self.subject_person_id(obj),
            )
            return self.record.of(obj)

    def _flush(self, session: Session) -> None:
        try:
            session.flush()
        except IntegrityError as exc:
            raise DomainError(self.integrity_message(exc)) from exc


def row_of(obj: Base) -> Row:
    """Every column of a loaded row by attribute name (plain values: enums, dates, text, numbers)."""
    return {attr.key: getattr(obj, attr.key) for attr in inspect(obj).mapper.column_attrs}


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
