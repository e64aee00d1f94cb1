"""Who a row is: same-name people kept apart unless nothing contradicts, organizations skipped, schools written two
ways noticed. Planning alone, against snapshots built here, some of them a district roster of thousands."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from equitydesk.domain.enums import StakeholderGroup
from equitydesk.domain.keys import email_key, person_name_key
from equitydesk.formats.problems import Problem
from equitydesk.services.roster_import import Outcome, RosterSnapshot, plan_roster
from equitydesk.services.roster_import.schools import SchoolIndex, same_school, school_key


@dataclass
class Row:
    row_number: int
    values: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)


def person(pid: int, given: str, family: str, email: str | None = None, **fields: Any) -> dict[str, Any]:
    return {"id": pid, "given_name": given, "family_name": family, "email": email, "email_key": email_key(email),
            "name_key": person_name_key(given, family), **fields}  # fmt: skip


def named(number: int, given: str, family: str, **values: Any) -> Row:
    return Row(number, {"given_name": given, "family_name": family, **values})


def plan(rows: list[Row], *people: dict[str, Any]) -> dict[int, Any]:
    found = plan_roster(rows, RosterSnapshot.of(people, committee_id=7), committee_name="EAC")
    return {r.row: r for r in found.rows}


def test_two_mike_rogers_with_different_phones_in_one_file_are_both_kept_and_flagged() -> None:
    found = plan([
        named(2, "Mike", "Rogers", phone="(612) 555-0101", organization="Roosevelt High"),
        named(7, "Mike", "Rogers", phone="651-555-0199"),
        named(9, "Mike", "Rogers", phone="1-612-555-0101", organization="Roosevelt High School"),
    ])  # fmt: skip
    assert [found[r].action for r in (2, 7, 9)] == [Outcome.NEW, Outcome.NEW, Outcome.MERGED]
    assert found[9].merged_into == 2, "the same phone written another way, the same school: one person"
    assert found[7].warnings[0].message == ("Another Mike Rogers is in row 2 with a different phone: kept apart. "
                                            "Merge them later if they are one person.")  # fmt: skip
    assert found[2].warnings[0].message.startswith("Another Mike Rogers is in row 7 with a different phone")
    assert found[2].status is Outcome.WARNING and found[7].status is Outcome.WARNING


def test_a_row_that_could_be_either_of_two_earlier_rows_is_not_guessed() -> None:
    found = plan([named(2, "Maria", "Garcia", email="maria.g@example.org"),
                  named(3, "Maria", "Garcia", email="mgarcia@example.org"),
                  named(4, "Maria", "Garcia", organization="Lincoln Elementary")])  # fmt: skip
    assert (found[2].action, found[3].action) == (Outcome.NEW, Outcome.NEW)
    assert found[4].action is Outcome.ERROR and found[4].errors[0].message.startswith(
        "This Maria Garcia could be the one in row 2 or 3; add an e-mail or phone"
    )


def test_against_the_roster_a_same_name_person_with_another_phone_or_school_is_someone_else() -> None:
    known = (person(1, "Pa Nhia", "Xiong", phone="651-555-0110", organization="Harding High School"),
             person(2, "Mohamed", "Ali", "mohamed.ali@example.org"))  # fmt: skip
    other_phone = plan([named(2, "Pa Nhia", "Xiong", phone="651-555-0120")], *known)[2]
    other_school = plan([named(3, "Pa Nhia", "Xiong", organization="Como Park Senior High")], *known)[3]
    same_school = plan([named(3, "Pa Nhia", "Xiong", organization="Harding High")], *known)[3]
    other_email = plan([named(4, "Mohamed", "Ali", email="m.ali@example.org")], *known)[4]
    new_phone = plan([named(5, "Mohamed", "Ali", phone="612-555-0177")], *known)[5]
    assert [r.action for r in (other_phone, other_school, other_email)] == [Outcome.NEW] * 3
    assert other_phone.warnings[0].message == (
        "Another Pa Nhia Xiong is already on the roster with a different phone: kept apart. Merge them later if they "
        "are one person.")  # fmt: skip
    assert "with a different school" in other_school.warnings[0].message
    assert "with a different e-mail" in other_email.warnings[0].message
    assert same_school.person_id == 1, "Harding High is how people write Harding High School"
    assert new_phone.action is Outcome.UPDATE and new_phone.person_id == 2, "nothing contradicts: the same person"
    assert new_phone.changes == {"phone": (None, "612-555-0177")}


def test_common_names_in_a_district_roster_of_thousands_match_only_their_own_person() -> None:
    # 3,000 people; 12 Mohamed Alis, 9 Maria Garcias and 5 Pa Nhia Xiongs among them, each with a school and phone.
    common = [("Mohamed", "Ali", 12), ("Maria", "Garcia", 9), ("Pa Nhia", "Xiong", 5)]
    schools = [f"{n} Elementary" for n in ("Adams", "Bruce Vento", "Chelsea Heights", "Dayton's Bluff", "Eastern")]
    people, pid = [], 0
    for given, family, count in common:
        for i in range(count):
            pid += 1
            people.append(person(pid, given, family, phone=f"651-555-{pid:04d}", organization=schools[i % 5]))
    while pid < 3000:
        pid += 1
        people.append(person(pid, f"Given{pid}", f"Family{pid}", f"p{pid}@example.org"))
    rows = [named(10 + p["id"], p["given_name"], p["family_name"], phone=p["phone"], organization=p["organization"],
                  notes="Re-signed") for p in people[:26]]  # fmt: skip
    rows.append(named(100, "Maria", "Garcia", phone="651-555-9999"))  # one more Maria Garcia, new to the district
    rows.append(named(101, "Mohamed", "Ali", organization="Adams Elementary"))  # three Mohamed Alis at Adams
    found = plan(rows, *people)
    assert all(found[10 + p["id"]].person_id == p["id"] for p in people[:26]), "each row its own person"
    assert all(found[10 + p["id"]].changes == {"notes": (None, "Re-signed")} for p in people[:26])
    assert found[100].action is Outcome.NEW and [w.message for w in found[100].warnings] == [
        "Other people called Maria Garcia are in rows 23, 24, 25 and 6 more, each with a different e-mail, phone or "
        "school: kept apart. Merge them later if one of them is this person.",
    ], "one warning, however many namesakes; the roster's Maria Garcias are those rows already"
    assert found[101].errors[0].message == (
        "This Mohamed Ali could be the one in row 11, 16 or 21; add an e-mail or phone to the row so EquityDesk knows "
        "which, or delete the row.")  # fmt: skip
    alone = plan([rows[-1]], *people)[101]
    assert alone.action is Outcome.ERROR and alone.errors[0].message.startswith(
        "3 people called Mohamed Ali are already in the roster"
    ), "the roster's three at Adams: not a guess either"


def test_rows_that_are_organizations_are_skipped_and_counted() -> None:
    # A CRM export mixing companies and contacts (CiviCRM's Contact Type, Odoo's "Is a Company"), and rows with a
    # company and no name at all; a school roster's nameless row stays a person with a missing name.
    rows = [
        Row(2, {"contact_type": "Organization", "organization": "Hmong American Partnership",
                "email": "info@hmong.org"}),
        Row(3, {"contact_type": "Individual", "given_name": "Kou", "family_name": "Vang", "organization": "HAP"}),
        Row(4, {"is_company": True, "given_name": "Acme", "family_name": "Supplies"}),
        Row(5, {"organization": "Somali Parents Network", "phone": "612-555-0100"}),
        Row(6, {"given_name": "Lutheran Social", "family_name": "Service", "organization": "Lutheran Social Service"}),
        Row(7, {"organization": "Roosevelt High School", "stakeholder_group": StakeholderGroup.PARENT_GUARDIAN}),
        Row(8, {"organization": "Roosevelt High School", "email": "someone@example.org"}),
    ]  # fmt: skip
    result = plan_roster(rows, RosterSnapshot.of([person(1, "Ana", "Ruiz", organization="Roosevelt High School")],
                                                 committee_id=7), committee_name="EAC")  # fmt: skip
    found = {r.row: r for r in result.rows}
    assert [r for r, p in found.items() if p.organization] == [2, 4, 5, 6]
    assert found[2].errors[0].message == ("This row is an organization (Hmong American Partnership), not a person, "
                                          "so it was skipped.")  # fmt: skip
    assert found[3].action is Outcome.NEW, "flagged as a person"
    assert found[7].action is Outcome.ERROR and not found[7].organization, "a parent whose name is missing"
    assert not found[8].organization, "a school people on the roster belong to is no company"
    assert result.organizations == 4 and result.rejected == 6
    assert result.summary().notes == ("4 rows are organizations, not people, and were skipped.",)


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Roosevelt High", "Roosevelt High School", True),
        ("ROOSEVELT HIGH SCHOOL", "Roosevelt High School", True),
        ("St. Paul Academy", "Saint Paul Academy", True),
        ("Lincoln Elem.", "Lincoln Elementary School", True),
        ("Northside MS", "Northside Middle School", True),
        ("Lincoln", "Lincoln Elementary", True),
        ("The Heights Community School", "Heights Community", True),
        ("Lincoln Elementary", "Lincoln High School", False),
        ("Roosevelt High School", "Roosevelt Elementary", False),
        ("Escuela Bilingüe", "Escuela Bilingue", True),
    ],
)
def test_school_spellings(first, second, same) -> None:
    assert same_school(first, second) is same
    assert (school_key(first) == school_key(second)) is (same and first != "Lincoln")


def test_a_school_written_differently_from_the_roster_is_offered_the_roster_spelling() -> None:
    known = [person(i, f"G{i}", f"F{i}", organization=school) for i, school in enumerate(
        ["Roosevelt High School", "Roosevelt High School", "Roosevelt High", "Saint Paul Academy",
         "Lincoln Elementary", "Lincoln High School"])]  # fmt: skip
    rows = [named(2, "A", "One", organization="Roosevelt high"), named(3, "B", "Two", organization="St. Paul Academy"),
            named(4, "C", "Three", organization="Roosevelt High School"), named(5, "D", "Four", organization="Lincoln"),
            named(6, "E", "Five", organization="Harding High")]  # fmt: skip
    found = plan(rows, *known)
    assert found[2].warnings[0].message == "Roosevelt high — did you mean Roosevelt High School, as on the roster?"
    assert found[2].warnings[0].field == "organization" and found[2].status is Outcome.WARNING
    assert found[2].person_values["organization"] == "Roosevelt high", "a warning, never a silent change"
    assert found[3].warnings[0].message == "St. Paul Academy — did you mean Saint Paul Academy, as on the roster?"
    assert not found[4].warnings, "written as on the roster"
    assert found[5].warnings[0].message == ("Lincoln — did you mean Lincoln Elementary or Lincoln High School, as on "
                                            "the roster?")  # fmt: skip
    assert not found[6].warnings, "a school the roster does not know"
    index = SchoolIndex.of({"Roosevelt High School": 2, "Roosevelt High": 1})
    assert index.look_alikes("Roosevelt HS") == ("Roosevelt High School",), "the spelling most people have"
