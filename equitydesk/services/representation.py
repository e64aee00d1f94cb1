"""Who is at the table: a committee's members by stakeholder group, school and language, against target shares."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from equitydesk.db.tables import Committee, GroupTarget, Membership, Person
from equitydesk.domain.enums import ChangeAction, MembershipStatus, StakeholderGroup
from equitydesk.services import changelog
from equitydesk.services.context import ServiceContext
from equitydesk.services.errors import DomainError, NotFound
from equitydesk.services.roster import TERM_ENDING_SOON_DAYS

NOT_SET = "Not recorded"


@dataclass(frozen=True)
class Share:
    label: str
    count: int
    share: float
    target: float | None = None

    @property
    def target_met(self) -> bool | None:
        return None if self.target is None else self.share >= self.target - 1e-9


@dataclass(frozen=True)
class TermEnding:
    person: str
    role: str
    term_end: date


@dataclass(frozen=True)
class Representation:
    committee: str
    members: int
    by_group: list[Share]
    by_school: list[Share]
    by_language: list[Share]
    terms_ending: list[TermEnding] = field(default_factory=list)

    @property
    def targets_missed(self) -> list[Share]:
        return [s for s in self.by_group if s.target_met is False]


class RepresentationService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def summary(self, committee_id: int) -> Representation:
        """Active members only; a person speaking three languages counts once under each."""
        today = self.ctx.today()
        with self.ctx.sessions() as session:
            committee = session.get(Committee, committee_id)
            if committee is None:
                raise NotFound("This committee no longer exists.")
            rows = session.execute(
                select(Membership, Person)
                .join(Person, Person.id == Membership.person_id)
                .where(Membership.committee_id == committee_id, Membership.status == MembershipStatus.ACTIVE)
            ).all()
            targets = {
                t.stakeholder_group: t.share
                for t in session.scalars(select(GroupTarget).where(GroupTarget.committee_id == committee_id))
            }
        total = len(rows)
        groups = Counter(m.stakeholder_group for m, _ in rows)
        schools = Counter((p.organization or NOT_SET) for _, p in rows)
        languages: Counter[str] = Counter()
        for _, p in rows:
            spoken = {lang.strip() for lang in (p.languages or "").replace(";", ",").split(",") if lang.strip()}
            languages.update(spoken or {NOT_SET})

        def share(n: int) -> float:
            return n / total if total else 0.0

        by_group = [
            Share(g.label, groups.get(g, 0), share(groups.get(g, 0)), targets.get(g))
            for g in StakeholderGroup
            if groups.get(g, 0) or g in targets
        ]
        if groups.get(None):
            by_group.append(Share(NOT_SET, groups[None], share(groups[None])))
        soon = today + timedelta(days=TERM_ENDING_SOON_DAYS)
        ending = sorted(
            (
                TermEnding(p.display_name, m.role.label, m.term_end)
                for m, p in rows
                if m.term_end is not None and today <= m.term_end <= soon
            ),
            key=lambda t: (t.term_end, t.person),
        )
        return Representation(
            committee=committee.name,
            members=total,
            by_group=by_group,
            by_school=[Share(k, n, share(n)) for k, n in sorted(schools.items(), key=lambda kv: (-kv[1], kv[0]))],
            by_language=[Share(k, n, share(n)) for k, n in sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))],
            terms_ending=ending,
        )

    def set_target(self, *, committee_id: int, group: StakeholderGroup | str, share: float | None) -> None:
        """Set (or with share None, remove) the target share of one stakeholder group."""
        self.set_targets(committee_id=committee_id, targets={group: share})

    def set_targets(
        self, *, committee_id: int, targets: Mapping[StakeholderGroup | str, float | None]
    ) -> dict[StakeholderGroup, float | None]:
        """Set several groups' target shares (None removes one) in one transaction, logged; all or nothing.

        Returns the shares the changed groups had before (None: no target), which set_targets takes back to undo.
        """
        wanted = {_group(g): _share(s) for g, s in targets.items()}
        with self.ctx.sessions.begin() as session:
            if session.get(Committee, committee_id) is None:
                raise NotFound("This committee no longer exists.")
            rows = {
                t.stakeholder_group: t
                for t in session.scalars(select(GroupTarget).where(GroupTarget.committee_id == committee_id))
            }
            before: dict[StakeholderGroup, float | None] = {}
            for group, share in wanted.items():
                row = rows.get(group)
                if (row.share if row is not None else None) == share:
                    continue
                before[group] = row.share if row is not None else None
                if row is None:
                    session.add(GroupTarget(committee_id=committee_id, stakeholder_group=group, share=share))
                elif share is None:
                    session.delete(row)
                else:
                    row.share = share
            if before:
                changelog.record(
                    session,
                    actor=self.ctx.actor,
                    entity="committee",
                    entity_id=committee_id,
                    action=ChangeAction.UPDATE,
                    changes={f"target_{g.value}": (was, wanted[g]) for g, was in before.items()},
                )
        return before


def _group(value: StakeholderGroup | str) -> StakeholderGroup:
    if isinstance(value, StakeholderGroup):
        return value
    try:
        return StakeholderGroup(StakeholderGroup.parse(value))
    except ValueError:
        raise DomainError(f"There is no stakeholder group called {value}.", field="group") from None


def _share(value: float | None) -> float | None:
    if value is not None and not 0 <= value <= 1:
        raise DomainError("A target share is between 0% and 100%.", field="share")
    return value
