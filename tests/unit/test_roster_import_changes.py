"""An update never changes a person behind the user's back: each change listed, lists combined, blanks kept, and an
officer's role or a shorter term changed only when accepted; people's other committees are named. No database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest

from equitydesk.domain.enums import Role, StakeholderGroup
from equitydesk.domain.keys import email_key, person_name_key
from equitydesk.formats.problems import Problem
from equitydesk.services.roster_import import Outcome, RosterSnapshot, plan_roster
from equitydesk.services.roster_import.changes import needs_consent, value_text


@dataclass
class Row:
    row_number: int
    values: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)


def person(pid: int, given: str, family: str, email: str | None = None, **fields: Any) -> dict[str, Any]:
    return {"id": pid, "given_name": given, "family_name": family, "email": email, "email_key": email_key(email),
            "name_key": person_name_key(given, family), **fields}  # fmt: skip


HODAN = person(1, "Hodan", "Abdi Warsame", "hodan@example.org", languages="Somali, English", phone="612-555-0141",
               organization="Roosevelt High School")  # fmt: skip
CHAIR = {"person_id": 1, "role": Role.CHAIR, "stakeholder_group": StakeholderGroup.PARENT_GUARDIAN, "voting": True,
         "term_start": date(2025, 9, 1), "term_end": date(2027, 8, 31)}  # fmt: skip
ELSEWHERE = {1: ("Achievement and Integration Plan Team",)}


def snapshot(*people: dict[str, Any], members: dict[int, dict[str, Any]] | None = None, **kw: Any) -> RosterSnapshot:
    return RosterSnapshot.of(people, committee_id=7, members=members or {}, **kw)


def hodan_row(**values: Any) -> Row:
    return Row(4, {"given_name": "Hodan", "family_name": "Abdi Warsame", "email": "hodan@example.org", **values})


def test_an_update_lists_each_change_combines_languages_and_never_erases_a_value() -> None:
    row = hodan_row(languages="Somali", phone=None, notes="Prefers text messages", organization="")
    plan = plan_roster([row], snapshot(HODAN, members={1: CHAIR}), committee_name="EAC")
    hodan = plan.rows[0]
    assert hodan.action is Outcome.UPDATE
    assert hodan.changes == {"notes": (None, "Prefers text messages")}, "Somali is already among her languages"
    assert [c.text for c in hodan.field_changes()] == ["Notes: (empty) → Prefers text messages"]

    more = plan_roster([hodan_row(languages="Somali, Arabic", phone="612-555-0199")], snapshot(HODAN),
                       committee_name="EAC").rows[0]  # fmt: skip
    assert more.changes["languages"] == ("Somali, English", "Somali, English, Arabic"), "lists combine"
    assert more.changes["phone"] == ("612-555-0141", "612-555-0199"), "the file's newer phone replaces the old"
    assert "organization" not in more.changes and "notes" not in more.changes


def test_an_officer_demoted_or_a_shorter_term_is_kept_and_said_unless_accepted() -> None:
    known = snapshot(HODAN, members={1: CHAIR}, elsewhere=ELSEWHERE)
    row = hodan_row(role=Role.MEMBER, term_end=date(2026, 6, 30), languages="Somali")
    kept = plan_roster([row], known, committee_name="EAC").rows[0]
    assert kept.action is Outcome.UNCHANGED and kept.status is Outcome.WARNING and kept.changes == {}
    assert kept.held == {"membership.role": (Role.CHAIR, Role.MEMBER),
                         "membership.term_end": (date(2027, 8, 31), date(2026, 6, 30))}  # fmt: skip
    assert [c.text for c in kept.field_changes()] == ["Role: Chair → Member", "Term end: Aug 31, 2027 → Jun 30, 2026"]
    assert [w.message for w in kept.warnings] == [
        "Kept the role Chair: the file says Member. An officer's role changes only when you choose to apply the role "
        "and term changes.",
        "Kept the term end (Aug 31, 2027): the file's Jun 30, 2026 would shorten the term. A term is shortened only "
        "when you choose to apply the role and term changes.",
    ]
    assert list(kept.held_notes) == kept.warnings and kept.also_on == (), "a membership change: this committee only"

    accepted = plan_roster([row], known, committee_name="EAC", accept_role_changes=True)
    applied = accepted.rows[0]
    assert applied.action is Outcome.UPDATE and applied.held == {} and not applied.warnings
    assert applied.changes == {"membership.role": (Role.CHAIR, Role.MEMBER),
                               "membership.term_end": (date(2027, 8, 31), date(2026, 6, 30))}  # fmt: skip
    assert applied.consent == {"membership.role", "membership.term_end"} and accepted.role_changes == 1
    assert [c.to_json() for c in applied.field_changes()] == [
        {"row": 4, "person_id": 1, "field": "role", "old": "chair", "new": "member"},
        {"row": 4, "person_id": 1, "field": "term_end", "old": "2027-08-31", "new": "2026-06-30"},
    ], "JSON-plain: enum values, ISO dates"


@pytest.mark.parametrize(
    ("key", "old", "new", "asks"),
    [
        ("membership.role", Role.CHAIR, Role.MEMBER, True),
        ("membership.role", Role.SECRETARY, Role.CO_CHAIR, True),
        ("membership.role", Role.MEMBER, Role.CHAIR, True),  # made an officer by a spreadsheet
        ("membership.role", Role.MEMBER, Role.ALTERNATE, False),
        ("membership.role", None, Role.MEMBER, False),
        ("membership.term_end", date(2027, 6, 30), date(2026, 6, 30), True),
        ("membership.term_end", None, date(2026, 6, 30), True),  # an open term given an end
        ("membership.term_end", date(2026, 6, 30), date(2027, 6, 30), False),  # a longer term
        ("phone", "1", "2", False),
    ],
)
def test_which_changes_wait_for_a_yes(key, old, new, asks) -> None:
    assert needs_consent(key, old, new) is asks


def test_a_change_to_a_person_on_other_committees_says_it_applies_there_too() -> None:
    known = snapshot(HODAN, members={1: CHAIR}, elsewhere=ELSEWHERE)
    phone = plan_roster([hodan_row(phone="612-555-0199", role=Role.MEMBER)], known, committee_name="EAC").rows[0]
    assert phone.also_on == ("Achievement and Integration Plan Team",)
    assert phone.changes_text() == ("Phone: 612-555-0141 → 612-555-0199 (also on Achievement and Integration Plan "
                                    "Team: the change applies there too)")  # fmt: skip
    assert phone.changes_text(held=True) == "Role: Chair → Member"
    group = plan_roster([hodan_row(stakeholder_group=StakeholderGroup.COMMUNITY_MEMBER)], known,
                        committee_name="EAC").rows[0]  # fmt: skip
    assert group.action is Outcome.UPDATE and group.also_on == (), "a membership detail is this committee's alone"


def test_values_read_the_same_on_every_face() -> None:
    assert [value_text(v) for v in (None, "", True, Role.CO_CHAIR, date(2026, 6, 30), "x")] == [
        "(empty)", "(empty)", "Yes", "Co-chair", "Jun 30, 2026", "x"]  # fmt: skip
