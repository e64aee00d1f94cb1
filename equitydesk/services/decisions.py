"""Decisions on motions: mover, seconder, a tally or a roll call, and the outcome worked out from the vote rule."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from equitydesk.db.tables import AgendaItem, Decision, DecisionVote, Person
from equitydesk.domain.enums import ChangeAction, DecisionOutcome
from equitydesk.domain.votes import DEFAULT_RULE, Tally, VoteChoice, VoteCountError, VoteRule, decide
from equitydesk.services import changelog
from equitydesk.services.attendance import PRESENT, AttendanceSheet, attendance_sheet
from equitydesk.services.crud import Column, EntityService, Row, SqlExpr, row_of
from equitydesk.services.errors import DomainError, NotFound
from equitydesk.services.fields import Field
from equitydesk.services.meetings import LockedByApprovedMinutes
from equitydesk.services.records import DecisionRecord

COUNTS = ("votes_for", "votes_against", "votes_abstain")
WITHOUT_VOTE = (DecisionOutcome.TABLED, DecisionOutcome.CONSENSUS)


@dataclass(frozen=True)
class DecisionState:
    """A decision's stored row and its roll call as (vote id, person id, choice): what undo puts back."""

    row: Row
    votes: tuple[tuple[int, int, VoteChoice], ...]


@dataclass(frozen=True)
class DecisionChange:
    """A decision that changed and what it was before (None: it did not exist)."""

    decision_id: int
    before: DecisionState | None


@dataclass(frozen=True, slots=True)
class DecisionView:
    """A decision as the minutes tell it."""

    id: int
    meeting_id: int
    agenda_item_id: int | None
    motion: str
    moved_by: str | None
    seconded_by: str | None
    vote_rule: VoteRule
    tally: Tally | None  # None: no vote was taken (tabled, consensus)
    roll_call: bool
    outcome: DecisionOutcome
    reason: str  # the outcome in words
    confidential: bool  # its agenda item is in closed session


class DecisionService(LockedByApprovedMinutes, EntityService[Decision, DecisionRecord]):
    table = Decision
    record = DecisionRecord
    entity = "decision"
    noun = "decision"
    fields = {
        "meeting_id": Field("Meeting", kind="ref", required=True),
        "agenda_item_id": Field("Agenda item", kind="ref"),
        "motion": Field("Motion", kind="longtext", required=True, max_len=20000),
        "moved_by_id": Field("Moved by", kind="ref"),
        "seconded_by_id": Field("Seconded by", kind="ref"),
        "votes_for": Field("Votes for", kind="int", minimum=0),
        "votes_against": Field("Votes against", kind="int", minimum=0),
        "votes_abstain": Field("Abstentions", kind="int", minimum=0),
        "vote_rule": Field("Vote rule", kind="enum", enum=VoteRule),
        # Worked out from the counts when there are any; chosen only for a motion decided without a vote.
        "outcome": Field("Outcome", kind="enum", enum=DecisionOutcome),
    }

    def columns(self) -> dict[str, Column]:
        return {"motion": Column("Motion", Decision.motion), "outcome": Column("Outcome", Decision.outcome)}

    def search_exprs(self) -> Sequence[SqlExpr]:
        return [Decision.motion]

    def prepare(self, session: Session, values: dict[str, Any], obj: Any) -> None:
        super().prepare(session, values, obj)

        def now(name: str) -> Any:
            return values[name] if name in values else getattr(obj, name, None) if obj is not None else None

        meeting_id = now("meeting_id")
        mover, seconder = now("moved_by_id"), now("seconded_by_id")
        if mover is not None and mover == seconder:
            raise DomainError("The seconder must be someone other than the mover.", field="seconded_by_id")
        counts = [now(name) for name in COUNTS]
        if all(c is None for c in counts):
            if now("outcome") is None:
                raise DomainError(
                    "Type the votes for, against and abstaining, or choose how the motion was decided without a vote.",
                    field="votes_for",
                )
            return
        if "outcome" in values and values["outcome"] in WITHOUT_VOTE:
            raise DomainError(
                f"A motion that was {values['outcome'].label.lower()} has no vote counts: clear them, or leave the "
                "outcome to the vote.",
                field="outcome",
            )
        rule = now("vote_rule") or DEFAULT_RULE
        sheet = attendance_sheet(session, meeting_id)
        tally = Tally(*(c or 0 for c in counts))
        try:
            result = decide(rule, tally, voting_members=sheet.quorum.voting_members, present=sheet.quorum.present)
        except VoteCountError as exc:
            raise DomainError(exc.message, field=exc.field) from exc
        values["outcome"] = result.outcome
        values["vote_rule"] = rule

    # --- one call from the decision dialog --------------------------------------------------------------------

    def save(
        self,
        *,
        meeting_id: int,
        decision_id: int | None = None,
        roll_call: Mapping[int, VoteChoice | str] | None = None,
        **values: Any,
    ) -> DecisionRecord:
        """Create or change a decision in one transaction; a roll call gives the counts (and replaces typed ones)."""
        cleaned = self.clean({"meeting_id": meeting_id, **values}, partial=decision_id is not None)
        with self.ctx.sessions.begin() as session:
            choices: dict[int, VoteChoice] | None = None
            if roll_call is not None:
                choices = {int(p): VoteChoice(c) for p, c in roll_call.items()}
                _check_roll_call(choices, attendance_sheet(session, meeting_id))
                tally = Tally.of_roll_call(choices.values())
                cleaned.update(votes_for=tally.for_, votes_against=tally.against, votes_abstain=tally.abstain)
            if decision_id is None:
                record = self.create_in(session, cleaned)
            else:
                record = self.update_in(session, decision_id, cleaned)
            session.execute(delete(DecisionVote).where(DecisionVote.decision_id == record.id))
            for person_id, choice in (choices or {}).items():
                session.add(DecisionVote(decision_id=record.id, person_id=person_id, choice=choice))
            session.flush()
            return record

    def save_returning(
        self,
        *,
        meeting_id: int,
        decision_id: int | None = None,
        roll_call: Mapping[int, VoteChoice | str] | None = None,
        **values: Any,
    ) -> DecisionChange:
        """save(), also returning the decision as it was (None: it is new), which `put_back` restores."""
        before = self._state(decision_id) if decision_id is not None else None
        record = self.save(meeting_id=meeting_id, decision_id=decision_id, roll_call=roll_call, **values)
        return DecisionChange(decision_id=record.id, before=before)

    def remove(self, *, decision_id: int) -> DecisionChange:
        """Delete the decision and its roll call; returns them, which `put_back` restores under their ids."""
        return self.put_back(change=DecisionChange(decision_id=decision_id, before=None))

    def put_back(self, *, change: DecisionChange) -> DecisionChange:
        """Make decision `change.decision_id` what `change.before` holds (None: no such decision) in one
        transaction, returning what it was: the undo and the redo of save_returning and remove."""
        with self.ctx.sessions.begin() as session:
            obj = session.get(Decision, change.decision_id)
            was = _state_in(session, obj) if obj is not None else None
            wanted = change.before
            if obj is not None:
                self.before_delete(session, obj)
            if wanted is not None:
                self._check_unlocked(session, wanted.row["meeting_id"])
            session.execute(delete(DecisionVote).where(DecisionVote.decision_id == change.decision_id))
            if obj is not None and wanted is None:
                session.delete(obj)
                action, diff = ChangeAction.DELETE, {k: (v, None) for k, v in was.row.items() if k in self.fields}  # type: ignore[union-attr]
            elif obj is None and wanted is not None:
                obj = Decision(**wanted.row)
                session.add(obj)
                action, diff = ChangeAction.CREATE, {k: (None, v) for k, v in wanted.row.items() if k in self.fields}
            elif obj is not None and wanted is not None:
                diff = {k: (getattr(obj, k), v) for k, v in wanted.row.items() if k != "id" and getattr(obj, k) != v}
                for k, (_old, v) in diff.items():
                    setattr(obj, k, v)
                action = ChangeAction.UPDATE
            else:
                raise NotFound("This decision no longer exists (it may have been deleted).")
            self._flush(session)
            for vote_id, person_id, choice in wanted.votes if wanted is not None else ():
                free = session.get(DecisionVote, vote_id) is None
                vote = DecisionVote(decision_id=change.decision_id, person_id=person_id, choice=choice)
                if free:
                    vote.id = vote_id
                session.add(vote)
            self._flush(session)
            changelog.record(
                session, actor=self.ctx.actor, entity=self.entity, entity_id=change.decision_id, action=action,
                changes={k: pair for k, pair in diff.items() if pair != (None, None)},
            )  # fmt: skip
            return DecisionChange(decision_id=change.decision_id, before=was)

    def _state(self, decision_id: int) -> DecisionState:
        with self.ctx.sessions() as session:
            return _state_in(session, self._load(session, decision_id))

    def roll_call(self, decision_id: int) -> dict[int, VoteChoice]:
        """The roll call of a decision, by person id (empty: the counts were typed)."""
        with self.ctx.sessions() as session:
            rows = session.execute(
                select(DecisionVote.person_id, DecisionVote.choice).where(DecisionVote.decision_id == decision_id)
            )
            return {p: c for p, c in rows}

    def of_meeting(self, meeting_id: int) -> list[DecisionView]:
        with self.ctx.sessions() as session:
            return decisions_of(session, meeting_id)


def _state_in(session: Session, obj: Decision) -> DecisionState:
    votes = session.execute(
        select(DecisionVote.id, DecisionVote.person_id, DecisionVote.choice)
        .where(DecisionVote.decision_id == obj.id)
        .order_by(DecisionVote.id)
    )
    return DecisionState(row=row_of(obj), votes=tuple((i, p, c) for i, p, c in votes))


def _check_roll_call(choices: Mapping[int, VoteChoice], sheet: AttendanceSheet) -> None:
    by_id = {a.person_id: a for a in sheet.attendees}
    for person_id, choice in choices.items():
        who = by_id.get(person_id)
        if who is None or not who.voting:
            raise DomainError("Only the committee's voting members take part in a roll call.", field="roll_call")
        if choice != VoteChoice.ABSENT and who.status not in PRESENT:
            raise DomainError(
                f"{who.name} is not recorded present: mark them present in Attendance, or absent in the roll call.",
                field="roll_call",
            )


def decisions_of(session: Session, meeting_id: int) -> list[DecisionView]:
    """A meeting's decisions in agenda order, with names and the outcome in words (inside a caller's session)."""
    sheet = attendance_sheet(session, meeting_id)
    rows = list(
        session.execute(
            select(Decision, AgendaItem.position, AgendaItem.confidential)
            .outerjoin(AgendaItem, AgendaItem.id == Decision.agenda_item_id)
            .where(Decision.meeting_id == meeting_id)
            .order_by(AgendaItem.position.nulls_last(), Decision.id)
        )
    )
    people = {d.moved_by_id for d, _, _ in rows} | {d.seconded_by_id for d, _, _ in rows}
    names = {
        p.id: " ".join(x for x in (p.preferred_name or p.given_name, p.family_name) if x)
        for p in session.scalars(select(Person).where(Person.id.in_([i for i in people if i is not None])))
    }
    called = set(
        session.scalars(
            select(DecisionVote.decision_id).where(DecisionVote.decision_id.in_([d.id for d, _, _ in rows]))
        )
    )
    return [_view(d, bool(confidential), d.id in called, names, sheet) for d, _, confidential in rows]


def _view(
    d: Decision, confidential: bool, roll_call: bool, names: dict[int, str], sheet: AttendanceSheet
) -> DecisionView:
    counts = (d.votes_for, d.votes_against, d.votes_abstain)
    tally = None if all(c is None for c in counts) else Tally(*(c or 0 for c in counts))
    rule = d.vote_rule or DEFAULT_RULE
    if tally is None:
        reason = f"{d.outcome.label} without a vote."
    else:
        try:
            q = sheet.quorum
            result = decide(rule, tally, voting_members=q.voting_members, present=q.present)
            if result.outcome != d.outcome:
                raise VoteCountError(result.reason)
            reason = result.reason
        except VoteCountError:
            # Attendance changed after the vote was recorded: say what was stored rather than refuse to show it.
            reason = f"{d.outcome.label}: {tally.words()}."
    return DecisionView(
        id=d.id,
        meeting_id=d.meeting_id,
        agenda_item_id=d.agenda_item_id,
        motion=d.motion,
        moved_by=names.get(d.moved_by_id) if d.moved_by_id else None,
        seconded_by=names.get(d.seconded_by_id) if d.seconded_by_id else None,
        vote_rule=rule,
        tally=tally,
        roll_call=roll_call,
        outcome=d.outcome,
        reason=reason,
        confidential=confidential,
    )
