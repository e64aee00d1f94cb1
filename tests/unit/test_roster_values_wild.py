"""Values of the messy roster: Spanish groups and roles, an ambiguous "Staff", and e-mails stored in lower case
both by the import and by the person editor's service."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from equitydesk.db.engine import open_database
from equitydesk.domain.enums import Role, StakeholderGroup
from equitydesk.formats.roster_columns import parse_roster
from equitydesk.services.context import ServiceContext
from equitydesk.services.registry import Services
from equitydesk.services.roster_import import RosterImportService
from tests.roster_files import write_xlsx

STAFF_WARNING = (
    "'Staff' could be teacher, support staff or administrator: the group was left empty; choose it in the roster."
)


@pytest.fixture
def env(tmp_path):
    db = open_database(tmp_path / "values.sqlite")
    ctx = ServiceContext(db.sessions, actor="office", today=lambda: date(2025, 9, 1))
    yield Services.build(ctx), RosterImportService(ctx)
    db.dispose()


def messy(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "messy.xlsx", [
        ["First Name", "Last Name", "Email", "Role", "Stakeholder Group"],
        ["Hodan", "Warsame", "Hodan.Warsame@Example.ORG", "Secretaria", "Padre/Madre"],
        ["Ana", "García", "ana@example.org", "Presidente", "Madre"],
        ["Luis", "Pérez", "LUIS@example.org", "Copresidente", "Tutor"],
        ["Tom", "Lee", "tom@example.org", "Miembro", "Staff"],
    ])  # fmt: skip


def test_spanish_values_and_an_ambiguous_staff(tmp_path: Path) -> None:
    roster = parse_roster(messy(tmp_path))
    got = [(r.values.get("email"), r.values.get("role"), r.values.get("stakeholder_group")) for r in roster.rows]
    assert got == [
        ("hodan.warsame@example.org", Role.SECRETARY, StakeholderGroup.PARENT_GUARDIAN),
        ("ana@example.org", Role.CHAIR, StakeholderGroup.PARENT_GUARDIAN),
        ("luis@example.org", Role.CO_CHAIR, StakeholderGroup.PARENT_GUARDIAN),
        ("tom@example.org", Role.MEMBER, None),
    ]
    problems = roster.all_problems()
    assert [(p.row, p.column, p.message) for p in problems] == [(5, "E", STAFF_WARNING)]
    assert not problems[0].is_error, "a warning: the person is imported, the group left for the user to choose"


def test_the_import_stores_e_mails_in_lower_case(env, tmp_path: Path) -> None:
    svc, imp = env
    parsed = imp.read_file(messy(tmp_path))
    imp.commit(parsed.rows, committee="EAC", file_name="messy.xlsx")
    hodan = svc.people.find_by_email("hodan.warsame@example.org")
    assert hodan is not None and hodan.email == "hodan.warsame@example.org"
    assert svc.people.find_by_email("luis@example.org").email == "luis@example.org"  # type: ignore[union-attr]


def test_the_person_editor_stores_e_mails_in_lower_case(env) -> None:
    svc, _imp = env
    person = svc.people.create(given_name="Mai", family_name="Vang", email="Mai.Vang@Example.ORG")
    assert svc.people.get(person.id).email == "mai.vang@example.org"
    svc.people.update(person.id, email="MAI@Example.org")
    assert svc.people.get(person.id).email == "mai@example.org"
