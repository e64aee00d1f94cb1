"""Vote rules for motions: from a tally (or a roll call) and the committee's numbers to carried or failed, in words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from equitydesk.domain.enums import DecisionOutcome, LabelledEnum


class VoteRule(LabelledEnum):
    MAJORITY_CAST = "majority_cast"
    TWO_THIRDS_CAST = "two_thirds_cast"
    MAJORITY_MEMBERS = "majority_members"
    TWO_THIRDS_MEMBERS = "two_thirds_members"
    UNANIMOUS = "unanimous"

    @property
    def label(self) -> str:
        return _RULE_LABELS[self]


_RULE_LABELS = {
    VoteRule.MAJORITY_CAST: "Majority of votes cast",
    VoteRule.TWO_THIRDS_CAST: "Two-thirds of votes cast",
    VoteRule.MAJORITY_MEMBERS: "Majority of all voting members",
    VoteRule.TWO_THIRDS_MEMBERS: "Two-thirds of all voting members",
    VoteRule.UNANIMOUS: "Unanimous",
}

DEFAULT_RULE = VoteRule.MAJORITY_CAST


class VoteChoice(LabelledEnum):
    """One voting member's part in a roll call."""

    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"
    ABSENT = "absent"


class VoteCountError(ValueError):
    """A tally that cannot be right; `field` names the count at fault, `message` says how to fix it."""

    def __init__(self, message: str, *, field: str = "votes_for") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Tally:
    for_: int = 0
    against: int = 0
    abstain: int = 0

    @property
    def cast(self) -> int:
        """Votes cast: for and against; an abstention is not a vote cast."""
        return self.for_ + self.against

    @property
    def voting(self) -> int:
        """Members who took part (voted or abstained), each of whom must be present."""
        return self.for_ + self.against + self.abstain

    def words(self) -> str:
        parts = [f"{self.for_} for", f"{self.against} against"]
        if self.abstain:
            parts.append(f"{self.abstain} abstaining")
        return ", ".join(parts)

    @classmethod
    def of_roll_call(cls, choices: Iterable[VoteChoice]) -> Tally:
        picked = list(choices)
        return cls(picked.count(VoteChoice.YES), picked.count(VoteChoice.NO), picked.count(VoteChoice.ABSTAIN))


@dataclass(frozen=True)
class VoteResult:
    outcome: DecisionOutcome  # CARRIED or FAILED
    needed: int  # votes for the motion needed to carry it
    reason: str

    @property
    def carried(self) -> bool:
        return self.outcome == DecisionOutcome.CARRIED


def check_tally(tally: Tally, *, voting_members: int, present: int) -> None:
    """Raise VoteCountError for a tally that does not add up."""
    for name, value in (("votes_for", tally.for_), ("votes_against", tally.against), ("votes_abstain", tally.abstain)):
        if value < 0:
            raise VoteCountError("A vote count cannot be negative.", field=name)
    if present > voting_members:
        raise VoteCountError(
            f"{present} voting members are recorded present but the committee has only {voting_members}; "
            "correct the attendance."
        )
    if tally.voting > present:
        raise VoteCountError(
            f"{tally.voting} members voted or abstained ({tally.words()}) but only {present} voting "
            f"{'member is' if present == 1 else 'members are'} present; correct the counts or the attendance."
        )


def majority_of(n: int) -> int:
    """More than half of n."""
    return n // 2 + 1


def two_thirds_of(n: int) -> int:
    """At least two-thirds of n (integer arithmetic: no rounding surprises)."""
    return -(-2 * n // 3)


def decide(rule: VoteRule, tally: Tally, *, voting_members: int, present: int) -> VoteResult:
    """The outcome of a motion under `rule`; raises VoteCountError when the tally does not add up.

    Rules "of votes cast" leave abstentions out; rules "of all voting members" measure against every voting
    member, so an abstention (or an absence) weighs as a vote against. Unanimous means no vote against and at
    least one for: abstentions do not break unanimity (Robert's Rules' "unanimous" counts the votes cast).
    """
    check_tally(tally, voting_members=voting_members, present=present)
    words = tally.words()
    if rule in (VoteRule.MAJORITY_CAST, VoteRule.TWO_THIRDS_CAST):
        base, of = tally.cast, f"the {tally.cast} votes cast"
    elif rule in (VoteRule.MAJORITY_MEMBERS, VoteRule.TWO_THIRDS_MEMBERS):
        base, of = voting_members, f"all {voting_members} voting members"
    else:
        base, of = tally.cast, ""
    if rule == VoteRule.UNANIMOUS:
        needed = max(tally.cast, 1)
        carried = tally.against == 0 and tally.for_ > 0
        if carried:
            note = f"; {tally.abstain} abstaining, which does not break unanimity" if tally.abstain else ""
            core = Tally(tally.for_, tally.against).words()
            return VoteResult(DecisionOutcome.CARRIED, needed, f"Carried unanimously: {core}{note}.")
        why = "no votes were cast" if tally.cast == 0 else f"{tally.against} against"
        return VoteResult(DecisionOutcome.FAILED, needed, f"Failed: a unanimous vote was needed and {why} ({words}).")
    majority = rule in (VoteRule.MAJORITY_CAST, VoteRule.MAJORITY_MEMBERS)
    needed = majority_of(base) if majority else two_thirds_of(base)
    share = "a majority" if majority else "two-thirds"
    if base == 0 or tally.for_ < needed or needed == 0:
        if base == 0:
            return VoteResult(DecisionOutcome.FAILED, 1, f"Failed: no votes were cast for or against ({words}).")
        tie = " (a tie fails)" if majority and tally.for_ * 2 == base else ""
        return VoteResult(
            DecisionOutcome.FAILED,
            needed,
            f"Failed: {words}; {share} of {of} is {needed}{tie}{_abstain_note(rule, tally)}.",
        )
    return VoteResult(
        DecisionOutcome.CARRIED, needed, f"Carried: {words}; {share} of {of} is {needed}{_abstain_note(rule, tally)}."
    )


def _abstain_note(rule: VoteRule, tally: Tally) -> str:
    if not tally.abstain:
        return ""
    if rule in (VoteRule.MAJORITY_CAST, VoteRule.TWO_THIRDS_CAST):
        return "; abstentions are not votes cast"
    return "; abstentions count as not voting for"
