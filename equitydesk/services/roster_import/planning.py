"""Plan a roster import without the database: match rows to people already known, fold duplicates, say what each does.

Rows match by e-mail, then by name when nothing contradicts it; the snapshot of the roster they are matched
against is read by the service. An update lists each change; some wait for the user's yes (changes.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from equitydesk.domain.keys import email_key, person_name_key
from equitydesk.formats.problems import Problem, Severity
from equitydesk.services.imports.plan import ImportRow, Outcome, Plan, RowOutcome
from equitydesk.services.roster import PERSON_FIELDS
from equitydesk.services.roster_import import matching
from equitydesk.services.roster_import.changes import (
    MEMBERSHIP,
    FieldChange,
    changes_text,
    held_message,
    membership_changes,
    needs_consent,
    person_changes,
)
from equitydesk.services.roster_import.organizations import is_organization
from equitydesk.services.roster_import.schools import SchoolIndex, did_you_mean

# The person fields a roster row can set: those the person editor declares, in the same order.
MEMBERSHIP_FIELDS = ("role", "stakeholder_group", "voting", "term_start", "term_end")

_PERSON_SET = frozenset(PERSON_FIELDS)
_MEMBERSHIP_SET = frozenset(MEMBERSHIP_FIELDS)
_WRITTEN = frozenset({Outcome.NEW, Outcome.UPDATE})


@dataclass(frozen=True)
class RosterSnapshot:
    """What planning needs to know of the database, as plain values: the committee (None: it would be created),
    everyone's matching keys and fields, the committee's memberships by person, the other committees each person
    sits on, and the schools on the roster."""

    committee_id: int | None
    people: Mapping[int, Mapping[str, Any]]  # id → id, email_key, name_key and PERSON_FIELDS
    members: Mapping[int, Mapping[str, Any]] = field(default_factory=dict)  # person id → MEMBERSHIP_FIELDS
    by_email: Mapping[str, int] = field(default_factory=dict)
    by_name: Mapping[str, list[int]] = field(default_factory=dict)
    elsewhere: Mapping[int, tuple[str, ...]] = field(default_factory=dict)  # person id → other committees' names
    schools: SchoolIndex = field(default_factory=SchoolIndex)
    _namesakes: dict[str, matching.Namesakes[int]] = field(default_factory=dict, repr=False, compare=False)

    def namesakes(self, name_key: str) -> matching.Namesakes[int] | None:
        """The roster's people of this name, indexed (on first use: most imports match by e-mail alone)."""
        found = self._namesakes.get(name_key)
        if found is None and (ids := self.by_name.get(name_key)):
            found = self._namesakes[name_key] = matching.Namesakes()
            for pid in ids:
                found.add(pid, self.people[pid], self.people[pid]["email_key"])
        return found

    @classmethod
    def of(
        cls,
        people: Iterable[Mapping[str, Any]],
        *,
        committee_id: int | None = None,
        members: Mapping[int, Mapping[str, Any]] | None = None,
        elsewhere: Mapping[int, tuple[str, ...]] | None = None,
    ) -> RosterSnapshot:
        """A snapshot indexed for matching; each person is a mapping with id, email_key, name_key and fields."""
        by_id: dict[int, Mapping[str, Any]] = {}
        by_email: dict[str, int] = {}
        by_name: dict[str, list[int]] = {}
        schools: Counter[str] = Counter()
        for person in people:
            pid = person["id"]
            by_id[pid] = person
            if person["email_key"]:
                by_email[person["email_key"]] = pid
            by_name.setdefault(person["name_key"], []).append(pid)
            if person.get("organization"):
                schools[person["organization"]] += 1
        return cls(committee_id, by_id, dict(members or {}), by_email, by_name, dict(elsewhere or {}),
                   SchoolIndex.of(schools))  # fmt: skip


@dataclass(slots=True)
class RowPlan(RowOutcome):
    """What one roster row will do to a person and to their membership of the committee.

    `changes` is what gets written; `held` what the file would change but the user has not accepted (an officer's
    role, a shorter term); `consent` the keys of either that need that acceptance.
    """

    person_values: dict[str, Any] = field(default_factory=dict)
    membership_values: dict[str, Any] = field(default_factory=dict)
    person_id: int | None = None
    email_key: str | None = None
    name_key: str = ""
    new_membership: bool = False
    held: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    # Immutable and shared while empty, as they are on almost every row: a 100,000-row import holds them all.
    consent: frozenset[str] = frozenset()
    held_notes: tuple[Problem, ...] = ()  # the warnings saying so (also among `warnings`)
    also_on: tuple[str, ...] = ()  # other committees of the person whose details change: it shows there too
    organization: bool = False  # an organization, not a person: skipped

    @property
    def name(self) -> str:
        v = self.person_values
        return " ".join(p for p in (v.get("preferred_name") or v.get("given_name"), v.get("family_name")) if p)

    def field_changes(self) -> list[FieldChange]:
        """Every field that differs from the roster: those written, then those held back."""
        found = [
            FieldChange(self.row, self.person_id, key, old, new, False, key in self.consent,
                        not key.startswith(MEMBERSHIP))
            for key, (old, new) in self.changes.items()
        ]  # fmt: skip
        found += [
            FieldChange(self.row, self.person_id, key, old, new, True, True, False)
            for key, (old, new) in self.held.items()
        ]
        return found

    def changes_text(self, *, held: bool = False) -> str:
        """The changes written (or, held=True, those held back) on one line, as every face shows them."""
        return changes_text([c for c in self.field_changes() if c.held == held], self.also_on)


@dataclass
class ImportPlan(Plan[RowPlan]):
    """The preview of a roster import: every row's plan, and the committee the people go into."""

    committee_name: str
    committee_exists: bool
    accept_role_changes: bool = False

    @property
    def organizations(self) -> int:
        return sum(1 for r in self.rows if r.organization)

    @property
    def role_changes(self) -> int:
        """Rows with a change of an officer's role or a shorter term (held back, or accepted)."""
        return sum(1 for r in self.rows if r.consent)

    @property
    def held_rows(self) -> int:
        return sum(1 for r in self.rows if r.held)

    def field_changes(self) -> list[FieldChange]:
        return [c for r in self.rows for c in r.field_changes()]

    def notes(self) -> tuple[str, ...]:
        found = []
        if count := self.organizations:
            found.append(
                f"{count:,} {'row is an organization' if count == 1 else 'rows are organizations'}, not "
                f"{'a person' if count == 1 else 'people'}, and {'was' if count == 1 else 'were'} skipped."
            )
        if held := [r for r in self.rows if r.held]:
            found.append(f"{_rows_named(held)} an officer's role or shorten{'s' if len(held) == 1 else ''} a term: "
                         "kept as on the roster until you apply the role and term changes.")  # fmt: skip
        elif self.accept_role_changes and (accepted := [r for r in self.rows if r.consent]):
            found.append(f"{_rows_named(accepted)} an officer's role or shorten{'s' if len(accepted) == 1 else ''} "
                         "a term, as you chose to apply.")  # fmt: skip
        return tuple(found)


def _rows_named(rows: list[RowPlan], listed: int = 4) -> str:
    """ "Row 4 (Hodan Abdi Warsame) changes", "Rows 4, 9 and 12 change", "Rows 4, 9, 12, 15 and 3 more change"."""
    if len(rows) == 1:
        return f"Row {rows[0].row} ({rows[0].name}) changes"
    numbers = [str(r.row) for r in rows[:listed]]
    if len(rows) > listed:
        return f"Rows {', '.join(numbers)} and {len(rows) - listed:,} more change"
    return f"Rows {', '.join(numbers[:-1])} and {numbers[-1]} change"


def plan_roster(
    rows: Iterable[ImportRow], snapshot: RosterSnapshot, *, committee_name: str, accept_role_changes: bool = False
) -> ImportPlan:
    """What each row will do against this snapshot. Pure: the same rows and snapshot always give the same plan.

    accept_role_changes: write the changes of an officer's role and the shorter terms too; by default they are
    held back, and the row says what was kept.
    """
    first_by_email: dict[str, RowPlan] = {}
    by_name: dict[str, matching.Namesakes[RowPlan]] = {}  # the file's people (a row each) by name
    claimed: set[int] = set()  # people of the roster matched by an earlier row of the file
    plans: list[RowPlan] = []
    for parsed in rows:
        plan = _plan_row(parsed, snapshot.schools)
        plans.append(plan)
        if plan.action is Outcome.ERROR:
            continue
        pv = plan.person_values
        ekey = plan.email_key = email_key(pv.get("email"))
        nkey = plan.name_key = person_name_key(pv.get("given_name"), pv.get("family_name"))
        earlier = first_by_email.get(ekey) if ekey else None
        if earlier is None:
            earlier = matching.same_name_in_file(plan, by_name.get(nkey), ekey)
            if plan.errors:  # it could be either of two earlier rows
                continue
        if earlier is not None:
            _merge_duplicate(plan, earlier)
            continue
        if ekey:
            first_by_email[ekey] = plan
        by_name.setdefault(nkey, matching.Namesakes()).add(plan, pv, ekey)
        _match_existing(plan, snapshot, ekey, nkey, claimed)
    for namesakes in by_name.values():
        matching.flag_kept_apart(namesakes.everyone)
    for plan in plans:  # after every merge: a duplicate row can bring a detail or the other end of a term
        if plan.action not in _WRITTEN:
            continue
        _school_spelling(plan, snapshot.schools)
        if plan.person_id is not None:
            plan.changes = _diff(plan, snapshot)
        if plan.membership_values or plan.changes:
            _keep_term_in_order(plan, snapshot)
        if plan.person_id is not None:
            _hold_back(plan, snapshot, accept_role_changes)
    return ImportPlan(plans, committee_name=committee_name, committee_exists=snapshot.committee_id is not None,
                      accept_role_changes=accept_role_changes)  # fmt: skip


def _plan_row(parsed: ImportRow, schools: SchoolIndex) -> RowPlan:
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
    plan = RowPlan(parsed.row_number, person_values=person, membership_values=membership)
    if is_organization(values, person, membership, schools):
        # Whatever else the reader found (no name, most often) is beside the point: this is not a person.
        plan.organization = True
        what = f" ({person['organization']})" if person.get("organization") else ""
        plan.fail(f"This row is an organization{what}, not a person, so it was skipped.")
        return plan
    if problems := parsed.problems:
        plan.take_problems(problems)
    if values.get("interpreter_needed") is True and not person.get("interpreter_language"):
        # A yes/no "Interpreter needed?" column means an interpreter in the person's (first) home language.
        first = str(person.get("languages") or "").split(",")[0].strip()
        if first and first.casefold() != "english":
            person["interpreter_language"] = first
        else:
            plan.warn("An interpreter is needed, but no language other than English is given; add the "
                      "interpreter language to this person after the import.")  # fmt: skip
    if not (person.get("given_name") or person.get("family_name")) and not plan.errors:
        plan.fail("This row has no name, so it was skipped.")
    return plan


def _merge_duplicate(plan: RowPlan, earlier: RowPlan) -> None:
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
    plan.merge_into(earlier.row, note)


def _match_existing(plan: RowPlan, known: RosterSnapshot, ekey: str | None, nkey: str, claimed: set[int]) -> None:
    """Which person of the roster the row is (by e-mail, else by a name nothing contradicts), or a new person."""
    person_id = known.by_email.get(ekey) if ekey else None
    if person_id is None and (namesakes := known.namesakes(nkey)) is not None:
        # Someone an earlier row of the file already is cannot be this row too: the two rows were kept apart.
        values = plan.person_values
        fits = [pid for pid in namesakes.could_be(values, ekey)
                if pid not in claimed and matching.contradiction(known.people[pid], values) is None]  # fmt: skip
        if len(fits) > 1:
            plan.fail(matching.which_person(plan.name, len(fits)))
            return
        person_id = fits[0] if fits else None
        other = next((pid for pid in namesakes.everyone if pid not in claimed), None) if person_id is None else None
        if other is not None:
            what = matching.contradiction(known.people[other], values) or "e-mail, phone or school"
            plan.warn(matching.kept_apart_on_roster(plan.name, what))
    if person_id is None:
        plan.new_membership = True
        return
    claimed.add(person_id)
    plan.person_id = person_id
    plan.new_membership = person_id not in known.members
    plan.action = Outcome.UPDATE  # until _diff finds nothing to change


def _diff(plan: RowPlan, known: RosterSnapshot) -> dict[str, tuple[Any, Any]]:
    """Everything the row would change on a person of the roster and on their membership of the committee."""
    assert plan.person_id is not None
    changes = person_changes(known.people[plan.person_id], plan.person_values)
    membership = known.members.get(plan.person_id)
    if membership is not None:
        changes.update(membership_changes(membership, plan.membership_values))
    return changes


def _hold_back(plan: RowPlan, known: RosterSnapshot, accept: bool) -> None:
    """An officer's role or a shorter term waits for acceptance; then the row is an update or unchanged."""
    for key, (old, new) in list(plan.changes.items()):
        if not needs_consent(key, old, new):
            continue
        plan.consent |= {key}
        if not accept:
            plan.held[key] = plan.changes.pop(key)
            note = Problem(plan.row, "", "", key.removeprefix(MEMBERSHIP), held_message(key, old, new),
                           Severity.WARNING)  # fmt: skip
            plan.held_notes += (note,)
            plan.warnings.append(note)
    if any(not k.startswith(MEMBERSHIP) for k in plan.changes):
        plan.also_on = known.elsewhere.get(plan.person_id or 0, ())
    plan.action = Outcome.UPDATE if plan.changes or plan.new_membership else Outcome.UNCHANGED


def _school_spelling(plan: RowPlan, schools: SchoolIndex) -> None:
    school = plan.person_values.get("organization")
    if school and (offered := schools.look_alikes(str(school))):
        plan.warnings.append(Problem(plan.row, "", "", "organization", did_you_mean(str(school), offered),
                                     Severity.WARNING))  # fmt: skip


def _keep_term_in_order(plan: RowPlan, known: RosterSnapshot) -> None:
    """A term that would end before it starts is not written (the database refuses one): the row's end, or its
    start when only that was given, is left out and the row still imports."""
    if plan.new_membership:
        values = plan.membership_values
        start, end = values.get("term_start"), values.get("term_end")
        if start is None or end is None or end >= start:
            return
        del values["term_end"]
    else:
        current = known.members.get(plan.person_id or 0, {})
        changes = plan.changes
        start = changes["membership.term_start"][1] if "membership.term_start" in changes else current.get("term_start")
        end = changes["membership.term_end"][1] if "membership.term_end" in changes else current.get("term_end")
        if start is None or end is None or end >= start:
            return
        dropped = "membership.term_end" if "membership.term_end" in changes else "membership.term_start"
        del changes[dropped]
        if not changes:
            plan.action = Outcome.UNCHANGED
        if dropped == "membership.term_start" or not _reader_saw_term_order(plan):
            _warn_term(plan, start, end, "start" if dropped == "membership.term_start" else "end")
        return
    if not _reader_saw_term_order(plan):  # the two ends came from two rows of the same person
        _warn_term(plan, start, end, "end")


def _warn_term(plan: RowPlan, start: Any, end: Any, which: str) -> None:
    plan.warn(f"The term would end ({end:%m/%d/%Y}) before it starts ({start:%m/%d/%Y}), so this row's term "
              f"{which} was left out; check both dates.")  # fmt: skip


def _reader_saw_term_order(plan: RowPlan) -> bool:
    # The reader warns about a row whose own term ends before it starts, and says that the end is left out.
    return any(w.field == "term_end" and "before it starts" in w.message for w in plan.warnings)
