"""Roster import planning alone, with no database: rows matched against a snapshot built here, row by row."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from equitydesk.domain.enums import Role
from equitydesk.domain.keys import email_key, person_name_key
from equitydesk.formats.problems import Problem, Severity
from equitydesk.services.roster_import import Outcome, RosterSnapshot, plan_roster


@dataclass
class Row:
    row_number: int
    values: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)


def person(pid: int, given: str, family: str, email: str | None = None, **fields: Any) -> dict[str, Any]:
    return {"id": pid, "given_name": given, "family_name": family, "email": email, "email_key": email_key(email),
            "name_key": person_name_key(given, family), **fields}  # fmt: skip


HODAN = person(1, "Hodan", "Ali", "hodan@example.org", phone="612")
MAI = person(2, "Mai", "Xiong")
MEMBERS = {1: {"person_id": 1, "role": Role.MEMBER, "term_start": date(2025, 9, 1), "term_end": None}}


def snapshot(*people: dict[str, Any], members: dict[int, dict[str, Any]] | None = None) -> RosterSnapshot:
    return RosterSnapshot.of(people, committee_id=7, members=members or {})


def by_row(plan) -> dict[int, Any]:
    return {r.row: r for r in plan.rows}


def test_rows_match_by_email_then_by_name_and_duplicates_merge() -> None:
    rows = [
        Row(2, {"given_name": "Hodan", "family_name": "Ali", "email": "HODAN@example.org", "phone": "612"}),
        Row(3, {"given_name": "Mai", "family_name": "Xiong", "phone": "651-555-0100", "role": Role.CO_CHAIR}),
        Row(4, {"given_name": "Ana", "family_name": "López", "email": "ana@example.org"}),
        Row(5, {"given_name": "ANA", "family_name": "lópez", "phone": "555"}),
        Row(6, {"email": "nobody@example.org"}),
    ]
    plan = plan_roster(rows, snapshot(HODAN, MAI, members=MEMBERS), committee_name="EAC")
    found = by_row(plan)
    assert plan.committee_exists and plan.committee_name == "EAC"
    assert found[2].action is Outcome.UNCHANGED and found[2].person_id == 1
    assert found[3].action is Outcome.UPDATE and found[3].changes == {"phone": (None, "651-555-0100")}
    assert found[3].new_membership, "Mai is known, but not on this committee"
    assert found[4].action is Outcome.NEW and found[4].person_values["phone"] == "555", "the duplicate's phone"
    assert found[5].action is Outcome.MERGED and found[5].merged_into == 4 and found[5].status is Outcome.MERGED
    assert found[6].action is Outcome.ERROR and found[6].errors[0].message == "This row has no name, so it was skipped."
    assert (plan.created, plan.updated, plan.unchanged, plan.rejected) == (1, 1, 2, 1)


def test_a_reader_problem_sorts_into_warnings_or_errors() -> None:
    warning = Problem(2, "F", "Term Start", "term_start", "bad date", Severity.WARNING)
    error = Problem(3, "", "", None, "this row has no name", Severity.ERROR)
    rows = [Row(2, {"given_name": "Tou", "family_name": "Vang"}, [warning]), Row(3, {"email": "x@y.org"}, [error])]
    tou, nameless = plan_roster(rows, snapshot(), committee_name="EAC").rows
    assert tou.action is Outcome.NEW and tou.status is Outcome.WARNING and tou.warnings == [warning]
    assert nameless.action is Outcome.ERROR and nameless.errors == [error], "the reader's own sentence, once"


def test_an_ambiguous_name_is_an_error_not_a_guess() -> None:
    twins = (person(1, "Pa", "Vang", "pa1@example.org"), person(2, "Pa", "Vang", "pa2@example.org"))
    plan = plan_roster([Row(2, {"given_name": "Pa", "family_name": "Vang"})], snapshot(*twins), committee_name="EAC")
    assert plan.rows[0].action is Outcome.ERROR and "2 people called Pa Vang" in plan.rows[0].errors[0].message


def test_a_yes_for_an_interpreter_means_the_home_language() -> None:
    rows = [
        Row(2, {"given_name": "Hodan", "family_name": "Warsame", "languages": "Somali, English",
                "interpreter_needed": True}),
        Row(3, {"given_name": "Linda", "family_name": "Anderson", "languages": "English", "interpreter_needed": True}),
    ]  # fmt: skip
    hodan, linda = plan_roster(rows, snapshot(), committee_name="EAC").rows
    assert hodan.person_values["interpreter_language"] == "Somali" and not hodan.warnings
    assert "interpreter_language" not in linda.person_values and "no language other than English" in (
        linda.warnings[0].message
    )


def test_a_term_that_would_end_before_it_starts_is_left_out_not_written() -> None:
    reader = Problem(2, "", "", "term_end", "the term ends (…) before it starts (…); …", Severity.WARNING)
    rows = [
        Row(2, {"given_name": "Ana", "family_name": "Ruiz", "term_start": date(2026, 9, 1),
                "term_end": date(2025, 6, 30)}, [reader]),
        Row(3, {"given_name": "Tou", "family_name": "Vang", "email": "t@example.org", "term_start": date(2026, 9, 1)}),
        Row(4, {"given_name": "Tou", "family_name": "Vang", "email": "t@example.org", "term_end": date(2025, 1, 1)}),
        Row(5, {"given_name": "Hodan", "family_name": "Ali", "email": "hodan@example.org",
                "term_end": date(2024, 6, 30)}),
    ]  # fmt: skip
    ana, tou, _dup, hodan = plan_roster(rows, snapshot(HODAN, members=MEMBERS), committee_name="EAC").rows
    assert "term_end" not in ana.membership_values and ana.warnings == [reader], "the reader said so already"
    assert tou.membership_values == {"term_start": date(2026, 9, 1)}
    assert "this row's term end was left out" in tou.warnings[-1].message, "the end came from the duplicate row"
    assert hodan.action is Outcome.UNCHANGED and hodan.changes == {}, "ending before the start on file: left out"
    assert "(06/30/2024) before it starts (09/01/2025)" in hodan.warnings[0].message


def test_planning_reads_the_snapshot_without_changing_it() -> None:
    known = snapshot(HODAN, MAI, members=MEMBERS)
    before = copy.deepcopy((dict(known.people), dict(known.members), dict(known.by_email), dict(known.by_name)))
    rows = [Row(2, {"given_name": "Hodan", "family_name": "Ali", "email": "hodan@example.org", "phone": "999"}),
            Row(3, {"given_name": "Hodan", "family_name": "Ali", "notes": "new"})]  # fmt: skip
    first = plan_roster(rows, known, committee_name="EAC")
    second = plan_roster(rows, known, committee_name="EAC")
    assert (dict(known.people), dict(known.members), dict(known.by_email), dict(known.by_name)) == before
    assert [(r.action, r.changes) for r in first.rows] == [(r.action, r.changes) for r in second.rows]


def test_outcomes_are_the_words_scripts_read() -> None:
    assert [o.value for o in Outcome] == ["new", "update", "unchanged", "merged", "error", "warning"]
    assert Outcome.NEW == "new" and f"{Outcome.MERGED}" == "merged"
