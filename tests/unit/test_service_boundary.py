"""Plain values across the service boundary: no service method hands out an ORM row, and records are frozen copies."""

from __future__ import annotations

import dataclasses
import inspect
import types
import typing
from collections.abc import Iterator
from datetime import date
from typing import Any, Generic, TypeVar, get_args, get_origin, get_type_hints

import pytest
from sqlalchemy import inspect as sa_inspect

from equitydesk.db.base import Base
from equitydesk.db.engine import Database, open_database
from equitydesk.db.tables import Committee, Person
from equitydesk.domain.enums import MembershipStatus, QuorumKind, Role, StakeholderGroup
from equitydesk.services.context import ServiceContext
from equitydesk.services.crud import EntityService
from equitydesk.services.errors import NotFound
from equitydesk.services.records import CommitteeRecord, MembershipRecord, PersonMembership, PersonRecord
from equitydesk.services.registry import Services

# Methods that still return ORM rows, each waiting for work in a module another change owns. An entry here must
# still fail the check (the test below says so), so it is removed as soon as its method returns plain values.
PENDING: dict[tuple[str, str], str] = {}  # (service, method): why it may still return ORM rows, for now


# --- the check -------------------------------------------------------------------------------------------------


def _typevar_map(cls: type) -> dict[Any, Any]:
    """What each type variable of cls's generic bases stands for (EntityService[Person, PersonRecord]: R → …)."""
    found: dict[Any, Any] = {}
    for klass in reversed(cls.__mro__):
        for base in getattr(klass, "__orig_bases__", ()):
            origin = get_origin(base)
            params = getattr(origin, "__parameters__", ())
            for param, arg in zip(params, get_args(base), strict=False):
                found[param] = found.get(arg, arg)
    return found


def orm_in(annotation: Any, bindings: dict[Any, Any], seen: set[Any] | None = None) -> list[str]:
    """The ORM classes an annotation mentions: inside list[...], dict[...], unions, and fields of dataclasses."""
    seen = set() if seen is None else seen
    if isinstance(annotation, TypeVar):
        bound = bindings.get(annotation)
        if bound is None or isinstance(bound, TypeVar):
            bound = annotation.__bound__ if annotation.__bound__ is not None else Any
        return orm_in(bound, bindings, seen)
    if annotation in (None, type(None), Any) or isinstance(annotation, str):
        return [] if not isinstance(annotation, str) else [f"unresolved {annotation!r}"]
    args = get_args(annotation)
    if args or get_origin(annotation) is not None:
        return [name for arg in args if arg is not Ellipsis for name in orm_in(arg, bindings, seen)]
    if not isinstance(annotation, type) or annotation in seen:
        return []
    seen.add(annotation)
    if issubclass(annotation, Base):
        return [annotation.__name__]
    if dataclasses.is_dataclass(annotation):
        hints = get_type_hints(annotation)
        return [name for hint in hints.values() for name in orm_in(hint, bindings, seen)]
    return []


def problems_of(cls: type) -> dict[str, str]:
    """For each public method of cls that breaks the rule: why."""
    bindings = _typevar_map(cls)
    found: dict[str, str] = {}
    for name, member in inspect.getmembers(cls):
        if name.startswith("_") or not callable(member) or isinstance(member, type):
            continue
        func = inspect.unwrap(member)
        if not isinstance(func, types.FunctionType | types.MethodType):
            continue
        hints = get_type_hints(func)
        if "return" not in hints:
            found[name] = "has no return annotation"
            continue
        orm = orm_in(hints["return"], bindings)
        if orm:
            found[name] = f"returns {', '.join(sorted(set(orm)))}"
    return found


def service_classes() -> dict[str, type]:
    return {f.name: typing.get_type_hints(Services)[f.name] for f in dataclasses.fields(Services) if f.name != "ctx"}


# --- the rule over every service --------------------------------------------------------------------------------


def test_no_service_method_returns_an_orm_row() -> None:
    broken = {
        (attr, method): why
        for attr, cls in service_classes().items()
        for method, why in problems_of(cls).items()
        if (attr, method) not in PENDING
    }
    assert not broken, "\n".join(f"services.{a}.{m} {why}" for (a, m), why in sorted(broken.items()))


def test_no_exceptions_are_pending() -> None:
    assert not PENDING, "every service returns plain values now; a new exception needs a reason and an issue"


_Row = TypeVar("_Row", bound=Base)
_Plain = TypeVar("_Plain")


@dataclasses.dataclass(frozen=True)
class _Holder:
    person: Person | None


class _GenericSample(Generic[_Row, _Plain]):
    def get(self) -> _Row:
        raise NotImplementedError

    def plain(self) -> _Plain:
        raise NotImplementedError


class _Sample(_GenericSample[Committee, CommitteeRecord]):
    def listed(self) -> list[Person]:
        raise NotImplementedError

    def nested(self) -> dict[str, tuple[Committee | None, int]]:
        raise NotImplementedError

    def held(self) -> list[_Holder]:
        raise NotImplementedError

    def fine(self) -> dict[int, list[PersonRecord]]:
        raise NotImplementedError

    def unannotated(self):  # type: ignore[no-untyped-def]
        raise NotImplementedError


def test_the_check_sees_orm_rows_however_they_are_wrapped() -> None:
    assert problems_of(_Sample) == {
        "get": "returns Committee",
        "listed": "returns Person",
        "nested": "returns Committee",
        "held": "returns Person",
        "unannotated": "has no return annotation",
    }


def test_every_table_service_declares_the_record_of_its_table() -> None:
    for attr, cls in service_classes().items():
        if not issubclass(cls, EntityService):
            continue
        columns = {c.key for c in sa_inspect(cls.table).column_attrs}
        assert {f.name for f in dataclasses.fields(cls.record)} == columns, f"services.{attr}.record"


# --- the records themselves -------------------------------------------------------------------------------------


@pytest.fixture
def database(tmp_path) -> Iterator[Database]:
    db = open_database(tmp_path / "boundary.sqlite")
    yield db
    db.dispose()


@pytest.fixture
def svc(database: Database) -> Services:
    return Services.build(ServiceContext(database.sessions, actor="test", today=lambda: date(2025, 9, 1)))


def test_records_are_frozen_copies_with_the_stored_values(svc: Services, database: Database) -> None:
    created = svc.people.create(given_name="Saw Eh", family_name="Htoo", preferred_name="Eh Htoo", email="E@x.org")
    assert isinstance(created, PersonRecord)
    person = svc.people.get(created.id)
    assert person == created
    assert (person.given_name, person.email, person.email_key) == ("Saw Eh", "e@x.org", "e@x.org")
    assert person.archived is False
    with database.sessions() as session:
        assert person.display_name == session.get(Person, person.id).display_name == "Eh Htoo Htoo"
    with pytest.raises(dataclasses.FrozenInstanceError):
        person.given_name = "Changed"  # type: ignore[misc]

    updated = svc.people.update(person.id, phone="651-555-0100")
    assert updated.phone == "651-555-0100" and person.phone is None, "an earlier record does not change under you"
    assert updated.updated_at >= person.updated_at
    assert svc.people.archive(person.id).archived is True

    committee = svc.committees.create(name="Equity Advisory Committee")
    assert isinstance(committee, CommitteeRecord) and committee.quorum_kind is QuorumKind.SHARE
    membership = svc.memberships.create(person_id=person.id, committee_id=committee.id, stakeholder_group="teacher")
    assert isinstance(membership, MembershipRecord)
    assert (membership.role, membership.stakeholder_group, membership.status, membership.voting) == (
        Role.MEMBER,
        StakeholderGroup.TEACHER,
        MembershipStatus.ACTIVE,
        True,
    )
    (listed,) = svc.people.memberships_of(person.id)
    assert isinstance(listed, PersonMembership) and listed.committee_name == "Equity Advisory Committee"
    assert listed.id == membership.id and listed.role.value == "member"
    with pytest.raises(dataclasses.FrozenInstanceError):
        listed.committee_name = "Other"  # type: ignore[misc]


def test_get_many_reads_the_ids_that_exist(svc: Services) -> None:
    first = svc.committees.create(name="Equity Advisory Committee")
    second = svc.committees.create(name="Plan team")
    svc.committees.delete(second.id)
    assert svc.committees.get_many([first.id, second.id, 9999]) == {first.id: first}
    assert svc.committees.get_many([]) == {}
    with pytest.raises(NotFound):
        svc.committees.get(second.id)


def test_reads_by_key_return_records(svc: Services) -> None:
    person = svc.people.create(given_name="Anh", family_name="Nguyễn", email="anh@example.org")
    assert svc.people.find_by_email("ANH@example.org") == person
    assert svc.people.find_by_email("nobody@example.org") is None
    updates = svc.actions.updates(svc.actions.create(committee_id=svc.committees.create(name="EAC").id, title="x").id)
    assert updates == []
