"""Quorum from a committee's rule (a count, or a share of voting members) and who is present, said in words."""

from __future__ import annotations

import math
from dataclasses import dataclass

from equitydesk.domain.enums import QuorumKind


def quorum_needed(kind: QuorumKind, value: float, voting_members: int) -> int:
    """Members needed present: a count as given (rounded up), or at least this share of the voting members."""
    # round() first: 0.51 × 100 is 51.00000000000001 in floating point, which must not become 52.
    needed = math.ceil(value) if kind == QuorumKind.COUNT else math.ceil(round(voting_members * value, 9))
    return max(needed, 1 if voting_members else 0)


@dataclass(frozen=True)
class Quorum:
    voting_members: int
    present: int  # voting members present in person or remotely
    needed: int

    @property
    def met(self) -> bool:
        return self.voting_members > 0 and self.present >= self.needed

    def text(self) -> str:
        """For the attendance tab: "Quorum: 9 of 8 needed — met"."""
        if self.voting_members == 0:
            return "Quorum: the committee has no voting members — not met"
        return f"Quorum: {self.present} of {self.needed} needed — {'met' if self.met else 'not met'}"

    def minutes_text(self) -> str:
        """For the minutes: "Quorum present: 7 of 12 voting members; 7 required"."""
        head = "Quorum present" if self.met else "Quorum not present"
        return f"{head}: {self.present} of {self.voting_members} voting members; {self.needed} required"


def quorum(kind: QuorumKind, value: float, *, voting_members: int, present: int) -> Quorum:
    return Quorum(voting_members, present, quorum_needed(kind, value, voting_members))
