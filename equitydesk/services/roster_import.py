"""Roster import: plan what each spreadsheet row will do (preview), then write it all in one transaction, or undo it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from equitydesk.db.base import utcnow
from equitydesk.db.bulk import insert_tuples, sql_date, sql_datetime
from equitydesk.db.tables import ChangeLog, Committee, ImportBatch, Membership, Person
from equitydesk.domain.enums import ChangeAction, MembershipStatus, Role
from equitydesk.domain.keys import email_key, person_name_key
from equitydesk.services import changelog
from equitydesk.services.context import ServiceContext
from equitydesk.services.errors import DomainError, NotFound
from equitydesk.services.fields import to_json
from equitydesk.services.roster import PERSON_FIELDS as ROSTER_PERSON_FIELDS

# The person fields a roster row can set: those the person editor declares, in the same order.
PERSON_FIELDS: tuple[str, ...] = tuple(ROSTER_PERSON_FIELDS)
MEMBERSHIP_FIELDS = ("role", "stakeholder_group", "voting", "term_start", "term_end")

_PERSON_SET = frozenset(PERSON_FIELDS)
_PERSON_REST = PERSON_FIELDS[2:]
_PERSON_COLUMNS = ("id", "given_name", "family_name", *_PERSON_REST, "email_key", "name_key", "archived",
                   "import_batch_id", "created_at", "updated_at")  # fmt: skip
_MEMBERSHIP_COLUMNS = ("id", "person_id", "committee_id", "role", "stakeholder_group", "voting", "term_start",
                       "term_end", "status", "import_batch_id", "created_at", "updated_at")  # fmt: skip
_MEMBERSHIP_SET = frozenset(MEMBERSHIP_FIELDS)

NEW, UPDATE, UNCHANGED, MERGED, ERROR = "new", "update", "unchanged", "merged", "error"


class ParsedRowLike(Protocol):
    row_number: int
    values: Mapping[str, Any]
    problems: list[Any]


@dataclass(slots=True)
class RowPlan:
    """What one spreadsheet row will do, and why."""

    row: int
    action: str
    person_values: dict[str, Any]
    membership_values: dict[str, Any]
    person_id: int | None = None
    email_key: str | None = None
    name_key: str = ""
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    warnings: list[Issue] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    merged_into: int | None = None
    new_membership: bool = False

    @property
    def name(self) -> str:
        v = self.person_values
        return " ".join(p for p in (v.get("preferred_name") or v.get("given_name"), v.get("family_name")) if p)

    @property
    def status(self) -> str:
        """new / update / unchanged / merged / error, or warning when a row imports with something left out."""
        if self.action != ERROR and self.warnings:
            return "warning"
        return self.action


@dataclass(frozen=True)
class Issue:
    row: int
    column: str | None
    message: str


@dataclass
class ImportPlan:
    committee_name: str
    committee_exists: bool
    rows: list[RowPlan]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def created(self) -> int:
        return self.count(NEW)

    @property
    def updated(self) -> int:
        return self.count(UPDATE)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED) + self.count(MERGED)

    @property
    def rejected(self) -> int:
        return self.count(ERROR)

    @property
    def warnings(self) -> list[Issue]:
        return [w for r in self.rows for w in r.warnings]

    @property
    def errors(self) -> list[Issue]:
        return [e for r in self.rows for e in r.errors]


@dataclass(frozen=True)
class ImportResult:
    batch_id: int | None
    committee_id: int | None
    committee_created: bool
    plan: ImportPlan


@dataclass(frozen=True)
class UndoResult:
    people_removed: int
    memberships_removed: int
    people_restored: int
    people_kept: int


class _People:
    """Existing people, indexed for matching: by e-mail key, and by name key."""

    def __init__(self, session: Session) -> None:
        cols = [Person.id, Person.email_key, Person.name_key, *(getattr(Person, f) for f in PERSON_FIELDS)]
        self.by_id: dict[int, dict[str, Any]] = {}
        self.by_email: dict[str, int] = {}
        self.by_name: dict[str, list[int]] = {}
        for row in session.execute(select(*cols)).mappings():
            self.by_id[row["id"]] = dict(row)
            if row["email_key"]:
                self.by_email[row["email_key"]] = row["id"]
            self.by_name.setdefault(row["name_key"], []).append(row["id"])


class RosterImportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- planning --------------------------------------------------------------------------------------------

    def plan(self, rows: Iterable[ParsedRowLike], *, committee: str) -> ImportPlan:
        """The preview: nothing is written."""
        name = committee.strip()
        if not name:
            raise DomainError("Choose the committee these people belong to.", field="committee")
        with self.ctx.sessions() as session:
            return self._plan(session, rows, name)

    def _plan(self, session: Session, rows: Iterable[ParsedRowLike], committee_name: str) -> ImportPlan:
        committee_id = session.scalar(select(Committee.id).where(func.lower(Committee.name) == committee_name.lower()))
        people = _People(session)
        members: dict[int, dict[str, Any]] = {}
        if committee_id is not None:
            for m in session.execute(
                select(Membership.person_id, *(getattr(Membership, f) for f in MEMBERSHIP_FIELDS)).where(
                    Membership.committee_id == committee_id
                )
            ).mappings():
                members[m["person_id"]] = dict(m)
        first_by_email: dict[str, RowPlan] = {}
        first_by_name: dict[str, RowPlan] = {}
        plans: list[RowPlan] = []
        for parsed in rows:
            plan = self._plan_row(parsed)
            plans.append(plan)
            if plan.action == ERROR:
                continue
            pv = plan.person_values
            ekey = plan.email_key = email_key(pv.get("email"))
            nkey = plan.name_key = person_name_key(pv.get("given_name"), pv.get("family_name"))
            earlier = first_by_email.get(ekey) if ekey else None
            if earlier is None:
                candidate = first_by_name.get(nkey)
                if candidate is not None and not (ekey and candidate.email_key not in (None, ekey)):
                    earlier = candidate
            if earlier is not None:
                self._merge_duplicate(plan, earlier)
                continue
            if ekey:
                first_by_email[ekey] = plan
            first_by_name.setdefault(nkey, plan)
            self._match_existing(plan, people, members, ekey, nkey)
        return ImportPlan(committee_name, committee_id is not None, plans)

    @staticmethod
    def _plan_row(parsed: ParsedRowLike) -> RowPlan:
        values = parsed.values
        person: dict[str, Any] = {}
        membership: dict[str, Any] = {}
        for k, v in values.items():
            if v is None or v == "":
                continue
            if k in _PERSON_SET:
                person[k] = v
            elif k in _MEMBERSHIP_SET:
                membership[k] = v
        plan = RowPlan(parsed.row_number, NEW, person, membership)
        for problem in parsed.problems:
            column = getattr(problem, "column", None) or None
            issue = Issue(parsed.row_number, column, getattr(problem, "message", str(problem)))
            (plan.errors if getattr(problem, "severity", "error") == "error" else plan.warnings).append(issue)
        if values.get("interpreter_needed") is True and not person.get("interpreter_language"):
            # A yes/no "Interpreter needed?" column means an interpreter in the person's (first) home language.
            first = str(person.get("languages") or "").split(",")[0].strip()
            if first and first.casefold() != "english":
                person["interpreter_language"] = first
            else:
                plan.warnings.append(
                    Issue(parsed.row_number, None, "An interpreter is needed, but no language other than English is "
                          "given; add the interpreter language to this person after the import.")
                )  # fmt: skip
        if not (person.get("given_name") or person.get("family_name")) and not plan.errors:
            plan.errors.append(Issue(parsed.row_number, None, "This row has no name, so it was skipped."))
        if plan.errors:
            plan.action = ERROR
        return plan

    @staticmethod
    def _merge_duplicate(plan: RowPlan, earlier: RowPlan) -> None:
        plan.action = MERGED
        plan.merged_into = earlier.row
        plan.person_id = earlier.person_id
        note = f"Same person as row {earlier.row}; merged into it."
        for key, value in plan.person_values.items():
            kept = earlier.person_values.get(key)
            if kept is None:
                earlier.person_values[key] = value
            elif kept != value and str(kept).casefold() != str(value).casefold():
                note += f" Row {earlier.row}'s {key.replace('_', ' ')} '{kept}' was kept, not '{value}'."
        for key, value in plan.membership_values.items():
            earlier.membership_values.setdefault(key, value)
        plan.warnings.append(Issue(plan.row, None, note))

    @staticmethod
    def _match_existing(
        plan: RowPlan, people: _People, members: dict[int, dict[str, Any]], ekey: str | None, nkey: str
    ) -> None:
        person_id = people.by_email.get(ekey) if ekey else None
        if person_id is None and nkey not in people.by_name:
            plan.new_membership = True
            return
        if person_id is None:
            same_name = [
                pid
                for pid in people.by_name.get(nkey, [])
                if not (ekey and people.by_id[pid]["email_key"] not in (None, ekey))
            ]
            if len(same_name) > 1:
                plan.action = ERROR
                plan.errors.append(
                    Issue(
                        plan.row,
                        None,
                        f"{len(same_name)} people called {plan.name} are already in the roster. "
                        "Add this person's e-mail to the row so EquityDesk knows which one it is.",
                    )
                )
                return
            person_id = same_name[0] if same_name else None
            if person_id is None and people.by_name.get(nkey):
                plan.warnings.append(
                    Issue(plan.row, None, f"Someone else called {plan.name} with another e-mail is in the roster.")
                )
        if person_id is None:
            plan.new_membership = True
            return
        plan.person_id = person_id
        current = people.by_id[person_id]
        for key, value in plan.person_values.items():
            before = current.get(key)
            if key == "email" and email_key(before) == email_key(value):
                continue
            if before != value:
                plan.changes[key] = (before, value)
        membership = members.get(person_id)
        if membership is None:
            plan.new_membership = True
        else:
            for key, value in plan.membership_values.items():
                if membership.get(key) != value:
                    plan.changes[f"membership.{key}"] = (membership.get(key), value)
        plan.action = UPDATE if plan.changes or plan.new_membership else UNCHANGED

    # --- writing ---------------------------------------------------------------------------------------------

    def commit(
        self,
        rows: Iterable[ParsedRowLike],
        *,
        committee: str,
        file_name: str,
        sheet: str | None = None,
        header_row: int | None = None,
        mapping: Mapping[str, str] | None = None,
        rows_read: int | None = None,
    ) -> ImportResult:
        """Plan again inside one write transaction (the database may have changed since the preview) and write."""
        name = committee.strip()
        if not name:
            raise DomainError("Choose the committee these people belong to.", field="committee")
        row_list = list(rows)
        with self.ctx.sessions.begin() as session:
            plan = self._plan(session, row_list, name)
            committee_id = session.scalar(select(Committee.id).where(func.lower(Committee.name) == name.lower()))
            created_committee = committee_id is None
            if committee_id is None:
                new_committee = Committee(name=name)
                session.add(new_committee)
                session.flush()
                committee_id = new_committee.id
                changelog.record(
                    session, actor=self.ctx.actor, entity="committee", entity_id=committee_id,
                    action=ChangeAction.CREATE, changes={"name": (None, name)},
                )  # fmt: skip
            batch = ImportBatch(
                file_name=file_name,
                sheet=sheet,
                header_row=header_row,
                committee_id=committee_id,
                mapping=dict(mapping or {}),
                rows_read=rows_read if rows_read is not None else len(row_list),
                created=plan.created,
                updated=plan.updated,
                unchanged=plan.unchanged,
                rejected=plan.rejected,
                imported_by=self.ctx.actor,
            )
            session.add(batch)
            session.flush()
            self._write(session, plan, committee_id=committee_id, batch_id=batch.id)
            batch_id = batch.id
        return ImportResult(batch_id, committee_id, created_committee, plan)

    def _write(self, session: Session, plan: ImportPlan, *, committee_id: int, batch_id: int) -> None:
        now = sql_datetime(utcnow())
        next_person = (session.scalar(select(func.max(Person.id))) or 0) + 1
        next_membership = (session.scalar(select(func.max(Membership.id))) or 0) + 1
        people: list[tuple[Any, ...]] = []
        memberships: list[tuple[Any, ...]] = []
        log: list[dict[str, Any]] = []
        person_of_row: dict[int, int] = {}
        for row in plan.rows:
            if row.action == NEW:
                row.person_id = next_person
                next_person += 1
                pv = row.person_values
                people.append(
                    (row.person_id, pv.get("given_name") or "", pv.get("family_name") or "",
                     *[pv.get(f) for f in _PERSON_REST], row.email_key, row.name_key, 0, batch_id, now, now)
                )  # fmt: skip
            elif row.action == UPDATE and row.person_id is not None:
                self._apply_update(session, row, committee_id, log, batch_id)
            if row.action in (NEW, UPDATE) and row.new_membership and row.person_id is not None:
                mv = row.membership_values
                role, group = mv.get("role") or Role.MEMBER, mv.get("stakeholder_group")
                memberships.append(
                    (next_membership, row.person_id, committee_id, role.value, group.value if group else None,
                     int(mv.get("voting", True)), sql_date(mv.get("term_start")), sql_date(mv.get("term_end")),
                     MembershipStatus.ACTIVE.value, batch_id, now, now)
                )  # fmt: skip
                next_membership += 1
            if row.person_id is not None:
                person_of_row[row.row] = row.person_id
        for row in plan.rows:
            if row.action == MERGED and row.merged_into is not None:
                row.person_id = person_of_row.get(row.merged_into)
        # Explicit ids: within this write transaction nobody else can take them, and no RETURNING round trip.
        insert_tuples(session, "person", _PERSON_COLUMNS, people)
        insert_tuples(session, "membership", _MEMBERSHIP_COLUMNS, memberships)
        changelog.record_many(session, log)
        # New people are linked to the batch (person.import_batch_id) rather than logged one by one: the batch says
        # who imported what and when, and a 100,000-row import stays fast.
        changelog.record(
            session, actor=self.ctx.actor, entity="import_batch", entity_id=batch_id, action=ChangeAction.CREATE,
            changes={"people_created": (None, len(people)), "memberships_created": (None, len(memberships))},
            batch_id=batch_id,
        )  # fmt: skip

    def _apply_update(
        self, session: Session, row: RowPlan, committee_id: int, log: list[dict[str, Any]], batch_id: int
    ) -> None:
        person_changes = {k: v for k, v in row.changes.items() if not k.startswith("membership.")}
        member_changes = {k.split(".", 1)[1]: v for k, v in row.changes.items() if k.startswith("membership.")}
        if person_changes:
            values = {k: after for k, (_before, after) in person_changes.items()}
            if "email" in values:
                values["email_key"] = email_key(values["email"])
            if "given_name" in values or "family_name" in values:
                current = session.execute(
                    select(Person.given_name, Person.family_name).where(Person.id == row.person_id)
                ).one()
                values["name_key"] = person_name_key(
                    values.get("given_name", current.given_name), values.get("family_name", current.family_name)
                )
            session.execute(update(Person).where(Person.id == row.person_id).values(**values, updated_at=utcnow()))
            log.append(self._log_row("person", row.person_id, person_changes, row.person_id, batch_id))
        if member_changes and not row.new_membership:
            membership_id = session.scalar(
                select(Membership.id).where(
                    Membership.person_id == row.person_id, Membership.committee_id == committee_id
                )
            )
            values = {k: after for k, (_b, after) in member_changes.items()}
            session.execute(update(Membership).where(Membership.id == membership_id).values(**values))
            log.append(self._log_row("membership", membership_id, member_changes, row.person_id, batch_id))

    def _log_row(
        self, entity: str, entity_id: Any, changes: Mapping[str, tuple[Any, Any]], person_id: Any, batch_id: int
    ) -> dict[str, Any]:
        return {
            "actor": self.ctx.actor,
            "entity": entity,
            "entity_id": entity_id,
            "action": ChangeAction.UPDATE,
            "changes": {k: [to_json(b), to_json(a)] for k, (b, a) in changes.items()},
            "subject_person_id": person_id,
            "batch_id": batch_id,
        }

    # --- undo ------------------------------------------------------------------------------------------------

    def undo(self, batch_id: int) -> UndoResult:
        """Remove what the import created and put back what it changed, in one transaction.

        A person the import created who has since been given other committees, attendance or actions is kept
        (only the import's membership goes), so undoing an import never deletes someone else's work.
        """
        with self.ctx.sessions.begin() as session:
            batch = session.get(ImportBatch, batch_id)
            if batch is None:
                raise NotFound(f"There is no import number {batch_id}.")
            if batch.undone_at is not None:
                raise DomainError(f"Import {batch_id} was already undone on {batch.undone_at:%b %d, %Y}.")
            memberships = session.execute(
                delete(Membership).where(Membership.import_batch_id == batch_id).returning(Membership.id)
            ).all()
            created = list(session.scalars(select(Person.id).where(Person.import_batch_id == batch_id)))
            in_use = _people_in_use(session, created)
            removable = [pid for pid in created if pid not in in_use]
            for chunk in _chunks(removable, 500):
                session.execute(delete(Person).where(Person.id.in_(chunk)))
            restored = self._restore_updates(session, batch_id)
            batch.undone_at = utcnow()
            changelog.record(
                session, actor=self.ctx.actor, entity="import_batch", entity_id=batch_id, action=ChangeAction.DELETE,
                changes={"people_removed": (len(removable), None), "memberships_removed": (len(memberships), None)},
                batch_id=batch_id,
            )  # fmt: skip
        return UndoResult(len(removable), len(memberships), restored, len(in_use))

    def _restore_updates(self, session: Session, batch_id: int) -> int:
        entries = session.scalars(
            select(ChangeLog)
            .where(ChangeLog.batch_id == batch_id, ChangeLog.action == ChangeAction.UPDATE)
            .order_by(ChangeLog.id.desc())
        ).all()
        people = set()
        for entry in entries:
            table: type[Person] | type[Membership]
            if entry.entity == "person":
                table = Person
            elif entry.entity == "membership":
                table = Membership
            else:
                continue
            before = {k: _from_json(table, k, v[0]) for k, v in entry.changes.items()}
            if entry.entity == "person":
                if "email" in before:
                    before["email_key"] = email_key(before["email"])
                people.add(entry.entity_id)
            session.execute(update(table).where(table.id == entry.entity_id).values(**before))
            changelog.record(
                session, actor=self.ctx.actor, entity=entry.entity, entity_id=entry.entity_id,
                action=ChangeAction.UPDATE, changes={k: (v[1], v[0]) for k, v in entry.changes.items()},
                subject_person_id=entry.subject_person_id,
            )  # fmt: skip
        if people:
            for person in session.scalars(select(Person).where(Person.id.in_(people))):
                person.name_key = person_name_key(person.given_name, person.family_name)
        return len(people)

    def batches(self, limit: int = 50) -> list[ImportBatch]:
        with self.ctx.sessions() as session:
            return list(session.scalars(select(ImportBatch).order_by(ImportBatch.id.desc()).limit(limit)))

    def read_file(self, path: Path, **kwargs: Any) -> Any:
        from equitydesk.formats.roster_columns import parse_roster

        return parse_roster(path, **kwargs)


def _people_in_use(session: Session, person_ids: list[int]) -> set[int]:
    from equitydesk.db.tables import ActionItem, Attendance

    used: set[int] = set()
    for chunk in _chunks(person_ids, 500):
        used.update(session.scalars(select(Membership.person_id).where(Membership.person_id.in_(chunk))))
        used.update(session.scalars(select(Attendance.person_id).where(Attendance.person_id.in_(chunk))))
        used.update(session.scalars(select(ActionItem.owner_person_id).where(ActionItem.owner_person_id.in_(chunk))))
    return used


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _from_json(table: Any, name: str, value: Any) -> Any:
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
