"""People, committees and memberships: the roster, with duplicate checks and list queries for the roster page."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from equitydesk.db.tables import Committee, Membership, Person
from equitydesk.domain.enums import ChangeAction, MembershipStatus, QuorumKind, Role, StakeholderGroup
from equitydesk.domain.keys import email_key, person_name_key
from equitydesk.services import changelog, erasure, roster_undo
from equitydesk.services.backups import database_path
from equitydesk.services.crud import Column, Edited, EntityService, ListQuery, SqlExpr
from equitydesk.services.erasure import ErasureResult
from equitydesk.services.errors import DomainError, NotFound
from equitydesk.services.fields import Field
from equitydesk.services.records import CommitteeRecord, MembershipRecord, PersonMembership, PersonRecord
from equitydesk.services.roster_undo import CreateUndone, MembershipRemoved

TERM_ENDING_SOON_DAYS = 90

PERSON_FIELDS: dict[str, Field] = {
    "given_name": Field("Given name", max_len=200),
    "family_name": Field("Family name", max_len=200),
    "preferred_name": Field("Preferred name", max_len=200),
    "pronouns": Field("Pronouns", max_len=60),
    "email": Field("E-mail", kind="email", max_len=320),
    "phone": Field("Phone", max_len=60),
    "organization": Field("School or organization", max_len=200),
    "languages": Field("Languages", max_len=300),
    "interpreter_language": Field("Interpreter language", max_len=100),
    "accessibility_needs": Field("Accessibility needs", kind="longtext", max_len=4000),
    "notes": Field("Notes", kind="longtext", max_len=20000),
}


class PersonService(EntityService[Person, PersonRecord]):
    table = Person
    record = PersonRecord
    entity = "person"
    noun = "person"
    fields = PERSON_FIELDS
    has_archive = True

    MEMBERSHIP_FILTERS = ("committee_id", "stakeholder_group", "term", "role")

    def columns(self) -> dict[str, Column]:
        committees = (
            select(func.group_concat(Committee.name, ", "))
            .join(Membership, Membership.committee_id == Committee.id)
            .where(Membership.person_id == Person.id)
            .correlate(Person)
            .scalar_subquery()
        )
        return {
            "name": Column("Name", func.trim(Person.family_name + ", " + Person.given_name, ", ")),
            "preferred_name": Column("Preferred", Person.preferred_name),
            "email": Column("E-mail", Person.email),
            "phone": Column("Phone", Person.phone),
            "organization": Column("School / organization", Person.organization),
            "languages": Column("Languages", Person.languages),
            "interpreter_language": Column("Interpreter", Person.interpreter_language),
            "committees": Column("Committees", committees),
            "archived": Column("Archived", Person.archived),
        }

    def search_exprs(self) -> Sequence[SqlExpr]:
        return [
            Person.given_name,
            Person.family_name,
            func.coalesce(Person.preferred_name, ""),
            func.coalesce(Person.email, ""),
            func.coalesce(Person.organization, ""),
            func.coalesce(Person.languages, ""),
        ]

    def _filtered(self, query: ListQuery) -> Select[Any]:
        """Membership filters apply to one and the same membership (committee X *and* group Y in X)."""
        member_filters = {k: v for k, v in query.filters.items() if k in self.MEMBERSHIP_FILTERS and v}
        other = {k: v for k, v in query.filters.items() if k not in self.MEMBERSHIP_FILTERS}
        stmt = super()._filtered(ListQuery(query.text, other, query.sort, query.descending, query.include_archived))
        if member_filters:
            stmt = stmt.where(exists(select(Membership.id).where(and_(*self._membership_conditions(member_filters)))))
        return stmt

    def _membership_conditions(self, filters: dict[str, Any]) -> list[ColumnElement[bool]]:
        today = self.ctx.today()
        conds: list[ColumnElement[bool]] = [Membership.person_id == Person.id]
        if "committee_id" in filters:
            conds.append(Membership.committee_id == int(filters["committee_id"]))
        if "stakeholder_group" in filters:
            conds.append(Membership.stakeholder_group == StakeholderGroup(filters["stakeholder_group"]))
        if "role" in filters:
            conds.append(Membership.role == Role(filters["role"]))
        term = filters.get("term")
        if term == "current":
            conds += [
                or_(Membership.term_start.is_(None), Membership.term_start <= today),
                or_(Membership.term_end.is_(None), Membership.term_end >= today),
            ]
        elif term == "ending_soon":
            conds += [
                Membership.term_end >= today,
                Membership.term_end <= today + timedelta(days=TERM_ENDING_SOON_DAYS),
            ]
        elif term == "past":
            conds.append(Membership.term_end < today)
        elif term is not None:
            raise DomainError(f"Unknown term filter '{term}' (use current, ending_soon or past).")
        return conds

    def apply_filter(self, stmt: Select[Any], name: str, value: Any) -> Select[Any]:
        if name == "language":
            return stmt.where(
                or_(Person.languages.ilike(f"%{value}%"), Person.interpreter_language.ilike(f"%{value}%"))
            )
        if name == "interpreter_needed":
            has = and_(Person.interpreter_language.is_not(None), Person.interpreter_language != "")
            return stmt.where(has if value else ~has)
        return super().apply_filter(stmt, name, value)

    def prepare(self, session: Session, values: dict[str, Any], obj: Person | None) -> None:
        for name in ("given_name", "family_name"):
            if name in values and values[name] is None:
                values[name] = ""
        given = values.get("given_name", obj.given_name if obj else "")
        family = values.get("family_name", obj.family_name if obj else "")
        if not (given or family):
            raise DomainError("A person needs a given name or a family name.", field="given_name")
        values["name_key"] = person_name_key(given, family)
        if "email" in values:
            values["email_key"] = email_key(values["email"])
            key = values["email_key"]
            if key:
                clash = session.scalar(
                    select(Person.id).where(Person.email_key == key, Person.id != (obj.id if obj else -1))
                )
                if clash is not None:
                    raise DomainError(
                        f"Another person already has the e-mail {values['email']}. Open that person instead, "
                        "or merge the two.",
                        field="email",
                    )

    def subject_person_id(self, obj: Person) -> int | None:
        return obj.id

    def delete(self, entity_id: int) -> None:
        """Erase a person: their row, memberships and attendance, and what the change log says about them."""
        with self.ctx.sessions.begin() as session:
            person = self._load(session, entity_id)
            session.delete(person)
            self._flush(session)
            changelog.erase_person(session, entity_id)
            # The log keeps that someone was erased, and by whom, but nothing about who they were.
            changelog.record(
                session, actor=self.ctx.actor, entity="person", entity_id=entity_id, action=ChangeAction.DELETE
            )
            session.flush()
            changelog.forget_subject(session, entity_id)

    def erase(self, *, person_id: int, purge_backups: bool = False) -> ErasureResult:
        """Erase for good (services/erasure.py): a backup first, then no byte of them left in the file or -wal."""
        return erasure.erase_person(self.ctx, person_id=person_id, purge_backups=purge_backups)

    def backups_holding(self, *, person_id: int) -> int:
        """How many backups of the database hold this person (what erasing would leave behind)."""
        path = database_path(self.ctx.sessions)
        return 0 if path is None else len(erasure.backups_holding(path, erasure.identity_of(self.ctx, person_id)))

    def archive_many(self, ids: Sequence[int], *, archived: bool = True) -> int:
        """Archive (or restore) these people in one transaction, each logged; how many changed.

        All or nothing: when any of them no longer exists, nobody is changed.
        """
        return len(self.set_archived(ids=ids, archived=archived))

    def set_archived(self, *, ids: Sequence[int], archived: bool) -> tuple[int, ...]:
        """archive_many(), returning the ids it changed: set_archived(ids=those, archived=not archived) undoes it."""
        wanted = set(ids)
        with self.ctx.sessions.begin() as session:
            rows = list(session.scalars(select(Person).where(Person.id.in_(wanted)))) if wanted else []
            missing = len(wanted) - len(rows)
            if missing == 1 and len(wanted) == 1:
                raise NotFound("This person no longer exists (they may have been deleted or merged).")
            if missing:
                raise NotFound(
                    f"{missing} of these {len(wanted)} people no longer exist{'s' if missing == 1 else ''} "
                    f"(deleted or merged meanwhile), so nobody was {'archived' if archived else 'restored'}."
                )
            return tuple(sorted(person.id for person in rows if self._set_archived(session, person, archived)))

    def undo_create(self, *, person_id: int) -> CreateUndone:
        """Take back the adding of a person: erased while nothing refers to them, else archived (see roster_undo)."""
        return roster_undo.undo_create(self, person_id=person_id)

    def redo_create(self, *, undone: CreateUndone) -> PersonRecord:
        """Bring back a person whose adding undo_create took back: under the same id when it is free."""
        return roster_undo.redo_create(self, undone=undone)

    def find_by_email(self, email: str) -> PersonRecord | None:
        with self.ctx.sessions() as session:
            found = session.scalar(select(Person).where(Person.email_key == email_key(email)))
            return PersonRecord.of(found) if found is not None else None

    def memberships_of(self, person_id: int) -> list[PersonMembership]:
        """A person's memberships with their committees' names, in the order of those names."""
        with self.ctx.sessions() as session:
            rows = session.execute(
                select(Membership, Committee.name)
                .join(Committee, Committee.id == Membership.committee_id)
                .where(Membership.person_id == person_id)
                .order_by(Committee.name)
            )
            return [PersonMembership.of(m, committee_name=name) for m, name in rows]


COMMITTEE_FIELDS: dict[str, Field] = {
    "name": Field("Committee name", required=True, max_len=200),
    "purpose": Field("Purpose", kind="longtext", max_len=20000),
    "quorum_kind": Field("Quorum rule", kind="enum", enum=QuorumKind),
    "quorum_value": Field("Quorum", kind="float", minimum=0),
}


class CommitteeService(EntityService[Committee, CommitteeRecord]):
    table = Committee
    record = CommitteeRecord
    entity = "committee"
    noun = "committee"
    fields = COMMITTEE_FIELDS
    has_archive = True

    def columns(self) -> dict[str, Column]:
        members = (
            select(func.count(Membership.id))
            .where(Membership.committee_id == Committee.id, Membership.status == MembershipStatus.ACTIVE)
            .correlate(Committee)
            .scalar_subquery()
        )
        return {
            "name": Column("Committee", Committee.name),
            "members": Column("Members", members),
            "purpose": Column("Purpose", Committee.purpose),
            "archived": Column("Archived", Committee.archived),
        }

    def search_exprs(self) -> Sequence[SqlExpr]:
        return [Committee.name, func.coalesce(Committee.purpose, "")]

    def validate(self, session: Session, obj: Committee) -> None:
        if obj.quorum_kind == QuorumKind.SHARE and obj.quorum_value is not None and obj.quorum_value > 1:
            raise DomainError("A quorum share is a fraction of voting members between 0 and 1 (0.5 = half).")
        clash = _named(session, obj.name)
        if clash is not None and clash.id != obj.id:
            raise DomainError(f"There is already a committee called {obj.name}.", field="name")

    def by_name(self, name: str) -> CommitteeRecord | None:
        """The committee of this name, ignoring case and spacing; archived ones too."""
        with self.ctx.sessions() as session:
            found = _named(session, name)
            return CommitteeRecord.of(found) if found is not None else None

    def id_by_name(self, name: str) -> int:
        """The id of the committee of this name (as by_name); NotFound says so in a sentence."""
        found = self.by_name(name)
        if found is None:
            raise NotFound(f"There is no committee called {_spaced(name)}.", field="committee")
        return found.id

    def get_or_create(self, name: str) -> tuple[CommitteeRecord, bool]:
        """The committee of this name, started when there is none; True when it was started."""
        with self.ctx.sessions.begin() as session:
            found = _named(session, name)
            if found is not None:
                return CommitteeRecord.of(found), False
            return self.create_in(session, self.clean({"name": name}, partial=False)), True

    def all(self) -> list[CommitteeRecord]:
        """Every committee, the current ones first, each group by name."""
        with self.ctx.sessions() as session:
            rows = session.scalars(select(Committee).order_by(Committee.archived, Committee.name))
            return [CommitteeRecord.of(row) for row in rows]

    def choices(self, *, include_archived: bool = False) -> list[tuple[int, str]]:
        """(id, name) for a committee chooser, by name; archived committees only when asked for."""
        stmt = select(Committee.id, Committee.name).order_by(Committee.archived, Committee.name)
        if not include_archived:
            stmt = stmt.where(Committee.archived.is_(False))
        with self.ctx.sessions() as session:
            return [(cid, name) for cid, name in session.execute(stmt)]


MEMBERSHIP_FIELDS: dict[str, Field] = {
    "person_id": Field("Person", kind="ref", required=True),
    "committee_id": Field("Committee", kind="ref", required=True),
    "role": Field("Role", kind="enum", enum=Role),
    "stakeholder_group": Field("Stakeholder group", kind="enum", enum=StakeholderGroup),
    "voting": Field("Voting member", kind="bool"),
    "term_start": Field("Term start", kind="date"),
    "term_end": Field("Term end", kind="date"),
    "status": Field("Membership status", kind="enum", enum=MembershipStatus),
}


class MembershipService(EntityService[Membership, MembershipRecord]):
    table = Membership
    record = MembershipRecord
    entity = "membership"
    noun = "membership"
    fields = MEMBERSHIP_FIELDS

    def columns(self) -> dict[str, Column]:
        return {
            "person": Column("Person", func.trim(Person.family_name + ", " + Person.given_name, ", ")),
            "committee": Column("Committee", Committee.name),
            "role": Column("Role", Membership.role),
            "stakeholder_group": Column("Stakeholder group", Membership.stakeholder_group),
            "voting": Column("Voting", Membership.voting),
            "term_start": Column("Term start", Membership.term_start),
            "term_end": Column("Term end", Membership.term_end),
            "status": Column("Status", Membership.status),
        }

    def base_select(self) -> Select[Any]:
        return (
            select(Membership.id)
            .join(Person, Person.id == Membership.person_id)
            .join(Committee, Committee.id == Membership.committee_id)
        )

    def search_exprs(self) -> Sequence[SqlExpr]:
        return [Person.given_name, Person.family_name, Committee.name]

    def validate(self, session: Session, obj: Membership) -> None:
        if obj.term_start and obj.term_end and obj.term_end < obj.term_start:
            raise DomainError("The term cannot end before it starts.", field="term_end")
        if obj.role is None:
            obj.role = Role.MEMBER

    def integrity_message(self, exc: Any) -> str:
        if "UNIQUE" in str(exc.orig):
            return "This person is already a member of that committee. Edit that membership instead."
        return super().integrity_message(exc)

    def subject_person_id(self, obj: Membership) -> int | None:
        return obj.person_id

    def create(
        self, *, batch_id: int | None = None, committee_name: str | None = None, **values: Any
    ) -> MembershipRecord:
        """A new membership; with `committee_name` instead of `committee_id`, of the committee of that name.

        A name no committee has (ignoring case, archived ones included) starts that committee, in the same
        transaction: a membership that cannot be saved leaves no new, empty committee behind.
        """
        if committee_name is None:
            return super().create(batch_id=batch_id, **values)
        cleaned = self._with_committee(committee_name, values, partial=False)
        with self.ctx.sessions.begin() as session:
            cleaned["committee_id"] = self._committee_named(session, committee_name)
            return self.create_in(session, cleaned, batch_id=batch_id)

    def edit(self, entity_id: int, *, committee_name: str | None = None, **values: Any) -> Edited[MembershipRecord]:
        """Change a membership; `committee_name` moves it to the committee of that name, started if need be.

        Undone by editing back to `before` (a committee started here stays, empty, for the redo to find by name).
        """
        if committee_name is None:
            return super().edit(entity_id, **values)
        cleaned = self._with_committee(committee_name, values, partial=True)
        with self.ctx.sessions.begin() as session:
            cleaned["committee_id"] = self._committee_named(session, committee_name)
            before = self.record.of(self._load(session, entity_id))
            record = self.update_in(session, entity_id, cleaned)
        names = [n for n in cleaned if n in self.fields and getattr(before, n) != getattr(record, n)]
        return Edited(record, {n: getattr(before, n) for n in names}, {n: getattr(record, n) for n in names})

    def remove(self, membership_id: int, *, with_committee: bool = False) -> MembershipRemoved:
        """Delete a membership, returning what put_back() needs; see roster_undo.remove_membership."""
        return roster_undo.remove_membership(self, membership_id, with_committee=with_committee)

    def put_back(self, *, removed: MembershipRemoved) -> MembershipRecord:
        """Undo remove(): the membership (and a committee removed with it) back under their ids when free."""
        return roster_undo.put_back_membership(self, removed=removed)

    def _with_committee(self, name: str, values: dict[str, Any], *, partial: bool) -> dict[str, Any]:
        if "committee_id" in values:
            raise DomainError("Give either the committee or a committee's name, not both.", field="committee_id")
        if not _spaced(name):
            raise DomainError("Choose the committee, or type the name of a new one.", field="committee_id")
        # Each value is checked before a committee is started; the rules across fields (validate) run after it,
        # in the same transaction, so a membership they refuse takes the new committee with it.
        return self.clean(values, partial=partial, supplied=("committee_id",))

    def _committee_named(self, session: Session, name: str) -> int:
        found = _named(session, name)
        if found is not None:
            return found.id
        committees = CommitteeService(self.ctx)
        try:
            return committees.create_in(session, committees.clean({"name": _spaced(name)}, partial=False)).id
        except DomainError as error:  # the message is about the committee, shown where its name was typed
            raise DomainError(error.message, field="committee_id") from error


def _spaced(name: str) -> str:
    return " ".join(name.split())


def _named(session: Session, name: str) -> Committee | None:
    """The committee of this name ignoring case and spacing, archived or not.

    Compared in Python: SQLite's lower() folds ASCII only, so "Comité Équité" would not match "comité équité".
    There are tens of committees, not thousands.
    """
    key = _spaced(name).casefold()
    with session.no_autoflush:
        names = session.execute(select(Committee.id, Committee.name))
        found = next((cid for cid, stored in names if stored.casefold() == key), None)
        return session.get(Committee, found) if found is not None else None
