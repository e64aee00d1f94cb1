"""Plan a roster import without the database: match rows to people already known, fold duplicates, say what each does.

Rows match by e-mail, then by name; the snapshot of the roster they are matched against is read by the service.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from equitydesk.domain.keys import email_key, person_name_key
from equitydesk.services.imports.plan import ImportRow, Outcome, Plan, RowOutcome
from equitydesk.services.roster import PERSON_FIELDS

# The person fields a roster row can set: those the person editor declares, in the same order.
MEMBERSHIP_FIELDS = ("role", "stakeholder_group", "voting", "term_start", "term_end")

_PERSON_SET = frozenset(PERSON_FIELDS)
_MEMBERSHIP_SET = frozenset(MEMBERSHIP_FIELDS)
_WRITTEN = frozenset({Outcome.NEW, Outcome.UPDATE})


@dataclass(frozen=True)
class RosterSnapshot:
    """What planning needs to know of the database, as plain values: the committee (None: it would be created),
    everyone's matching keys and fields, and the committee's memberships by person."""

    committee_id: int | None
    people: Mapping[int, Mapping[str, Any]]  # id → id, email_key, name_key and PERSON_FIELDS
    members: Mapping[int, Mapping[str, Any]] = field(default_factory=dict)  # person id → MEMBERSHIP_FIELDS
    by_email: Mapping[str, int] = field(default_factory=dict)
    by_name: Mapping[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        people: Iterable[Mapping[str, Any]],
        *,
        committee_id: int | None = None,
        members: Mapping[int, Mapping[str, Any]] | None = None,
    ) -> RosterSnapshot:
        """A snapshot indexed for matching; each person is a mapping with id, email_key, name_key and fields."""
        by_id: dict[int, Mapping[str, Any]] = {}
        by_email: dict[str, int] = {}
        by_name: dict[str, list[int]] = {}
        for person in people:
            pid = person["id"]
            by_id[pid] = person
            if person["email_key"]:
                by_email[person["email_key"]] = pid
            by_name.setdefault(person["name_key"], []).append(pid)
        return cls(committee_id, by_id, dict(members or {}), by_email, by_name)


@dataclass(slots=True)
class RowPlan(RowOutcome):
    """What one roster row will do to a person and to their membership of the committee."""

    person_values: dict[str, Any] = field(default_factory=dict)
    membership_values: dict[str, Any] = field(default_factory=dict)
    person_id: int | None = None
    email_key: str | None = None
    name_key: str = ""
    new_membership: bool = False

    @property
    def name(self) -> str:
        v = self.person_values
        return " ".join(p for p in (v.get("preferred_name") or v.get("given_name"), v.get("family_name")) if p)


@dataclass
class ImportPlan(Plan[RowPlan]):
    """The preview of a roster import: every row's plan, and the committee the people go into."""

    committee_name: str
    committee_exists: bool


def plan_roster(rows: Iterable[ImportRow], snapshot: RosterSnapshot, *, committee_name: str) -> ImportPlan:
    """What each row will do against this snapshot. Pure: the same rows and snapshot always give the same plan."""
    first_by_email: dict[str, RowPlan] = {}
    first_by_name: dict[str, RowPlan] = {}
    plans: list[RowPlan] = []
    for parsed in rows:
        plan = _plan_row(parsed)
        plans.append(plan)
        if plan.action is Outcome.ERROR:
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
            _merge_duplicate(plan, earlier)
            continue
        if ekey:
            first_by_email[ekey] = plan
        first_by_name.setdefault(nkey, plan)
        _match_existing(plan, snapshot, ekey, nkey)
    for plan in plans:  # after every merge: a duplicate row can bring the other end of a term
        if plan.action in _WRITTEN and (plan.membership_values or plan.changes):
            _keep_term_in_order(plan, snapshot)
    return ImportPlan(plans, committee_name=committee_name, committee_exists=snapshot.committee_id is not None)


def _plan_row(parsed: ImportRow) -> RowPlan:
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


def _match_existing(plan: RowPlan, known: RosterSnapshot, ekey: str | None, nkey: str) -> None:
    person_id = known.by_email.get(ekey) if ekey else None
    if person_id is None and nkey not in known.by_name:
        plan.new_membership = True
        return
    if person_id is None:
        same_name = [
            pid
            for pid in known.by_name.get(nkey, [])
            if not (ekey and known.people[pid]["email_key"] not in (None, ekey))
        ]
        if len(same_name) > 1:
            plan.fail(
                f"{len(same_name)} people called {plan.name} are already in the roster. "
                "Add this person's e-mail to the row so EquityDesk knows which one it is."
            )
            return
        person_id = same_name[0] if same_name else None
        if person_id is None and known.by_name.get(nkey):
            plan.warn(f"Someone else called {plan.name} with another e-mail is in the roster.")
    if person_id is None:
        plan.new_membership = True
        return
    plan.person_id = person_id
    current = known.people[person_id]
    for key, value in plan.person_values.items():
        before = current.get(key)
        if key == "email" and email_key(before) == email_key(value):
            continue
        if before != value:
            plan.changes[key] = (before, value)
    membership = known.members.get(person_id)
    if membership is None:
        plan.new_membership = True
    else:
        for key, value in plan.membership_values.items():
            if membership.get(key) != value:
                plan.changes[f"membership.{key}"] = (membership.get(key), value)
    plan.action = Outcome.UPDATE if plan.changes or plan.new_membership else Outcome.UNCHANGED
