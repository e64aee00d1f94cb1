"""Vote rules, table-driven: every profile of votes under every rule, ties and abstentions included; and quorum."""

from __future__ import annotations

import pytest

from equitydesk.domain.enums import DecisionOutcome, QuorumKind
from equitydesk.domain.quorum import quorum, quorum_needed
from equitydesk.domain.votes import Tally, VoteChoice, VoteCountError, VoteRule, decide

C, F = DecisionOutcome.CARRIED, DecisionOutcome.FAILED
RULES = (
    VoteRule.MAJORITY_CAST,
    VoteRule.TWO_THIRDS_CAST,
    VoteRule.MAJORITY_MEMBERS,
    VoteRule.TWO_THIRDS_MEMBERS,
    VoteRule.UNANIMOUS,
)

# (for, against, abstain, voting members, present): outcome under each rule, in the order of RULES
PROFILES = {
    "plain majority": ((5, 3, 0, 10, 8), (C, F, F, F, F)),
    "tie": ((4, 4, 0, 10, 8), (F, F, F, F, F)),
    "all for, two abstain": ((6, 0, 2, 9, 8), (C, C, C, C, C)),
    "everyone abstains": ((0, 0, 5, 7, 5), (F, F, F, F, F)),
    "every member for": ((7, 0, 0, 7, 7), (C, C, C, C, C)),
    "few present": ((2, 1, 0, 12, 3), (C, C, F, F, F)),
    "exactly two-thirds": ((6, 3, 0, 9, 9), (C, C, C, C, F)),
    "one short of two-thirds with an abstention": ((5, 3, 1, 9, 9), (C, F, C, F, F)),
    "abstentions sink the members' rules": ((4, 2, 3, 9, 9), (C, C, F, F, F)),
    "a lone vote": ((1, 0, 0, 12, 1), (C, C, F, F, C)),
    "tie with an abstention": ((3, 3, 1, 8, 7), (F, F, F, F, F)),
    "all against": ((0, 4, 0, 5, 4), (F, F, F, F, F)),
    "two-thirds of a full house": ((8, 4, 0, 12, 12), (C, C, C, C, F)),
    "one short of two-thirds cast": ((7, 4, 0, 12, 11), (C, F, C, F, F)),
}

CASES = [
    pytest.param(rule, counts, outcomes[i], id=f"{name}-{rule.value}")
    for name, (counts, outcomes) in PROFILES.items()
    for i, rule in enumerate(RULES)
]


@pytest.mark.parametrize(("rule", "counts", "expected"), CASES)
def test_each_profile_under_each_rule(rule: VoteRule, counts: tuple[int, ...], expected: DecisionOutcome) -> None:
    for_, against, abstain, members, present = counts
    result = decide(rule, Tally(for_, against, abstain), voting_members=members, present=present)
    assert result.outcome == expected
    assert result.reason.startswith("Carried" if expected == C else "Failed")


def test_the_reason_says_the_rule_in_words() -> None:
    assert decide(VoteRule.MAJORITY_CAST, Tally(4, 4, 1), voting_members=10, present=9).reason == (
        "Failed: 4 for, 4 against, 1 abstaining; a majority of the 8 votes cast is 5 (a tie fails); "
        "abstentions are not votes cast."
    )
    assert decide(VoteRule.TWO_THIRDS_MEMBERS, Tally(8, 1, 0), voting_members=12, present=9).reason == (
        "Carried: 8 for, 1 against; two-thirds of all 12 voting members is 8."
    )
    assert decide(VoteRule.UNANIMOUS, Tally(6, 0, 2), voting_members=9, present=8).reason == (
        "Carried unanimously: 6 for, 0 against; 2 abstaining, which does not break unanimity."
    )
    assert "1 against" in decide(VoteRule.UNANIMOUS, Tally(6, 1, 0), voting_members=9, present=8).reason


@pytest.mark.parametrize(
    ("tally", "members", "present", "field", "words"),
    [
        (Tally(5, 3, 1), 12, 8, "votes_for", "9 members voted or abstained"),
        (Tally(2, 0, 0), 12, 1, "votes_for", "only 1 voting member is present"),
        (Tally(-1, 0, 0), 12, 8, "votes_for", "cannot be negative"),
        (Tally(1, 0, -2), 12, 8, "votes_abstain", "cannot be negative"),
        (Tally(1, 0, 0), 3, 4, "votes_for", "has only 3"),
    ],
)
def test_a_tally_that_does_not_add_up_is_refused(
    tally: Tally, members: int, present: int, field: str, words: str
) -> None:
    for rule in RULES:
        with pytest.raises(VoteCountError, match=words) as caught:
            decide(rule, tally, voting_members=members, present=present)
        assert caught.value.field == field


def test_a_roll_call_counts_yes_no_abstain_and_leaves_out_the_absent() -> None:
    choices = [VoteChoice.YES] * 4 + [VoteChoice.NO] * 2 + [VoteChoice.ABSTAIN] + [VoteChoice.ABSENT] * 3
    assert Tally.of_roll_call(choices) == Tally(4, 2, 1)


@pytest.mark.parametrize(
    ("kind", "value", "members", "needed"),
    [
        (QuorumKind.SHARE, 0.51, 12, 7),
        (QuorumKind.SHARE, 0.5, 12, 6),
        (QuorumKind.SHARE, 0.5, 13, 7),
        (QuorumKind.SHARE, 0.51, 100, 51),  # 51.000000000000007 in floating point must not need 52
        (QuorumKind.SHARE, 2 / 3, 9, 6),
        (QuorumKind.SHARE, 0.51, 1, 1),
        (QuorumKind.SHARE, 0.01, 5, 1),
        (QuorumKind.SHARE, 0.51, 0, 0),
        (QuorumKind.COUNT, 8, 12, 8),
        (QuorumKind.COUNT, 7.5, 12, 8),
        (QuorumKind.COUNT, 0, 12, 1),
    ],
)
def test_quorum_needed(kind: QuorumKind, value: float, members: int, needed: int) -> None:
    assert quorum_needed(kind, value, members) == needed


def test_quorum_is_met_from_exactly_the_number_needed() -> None:
    assert quorum(QuorumKind.COUNT, 8, voting_members=12, present=8).met
    assert not quorum(QuorumKind.COUNT, 8, voting_members=12, present=7).met
    assert quorum(QuorumKind.COUNT, 8, voting_members=12, present=9).text() == "Quorum: 9 of 8 needed — met"
    assert quorum(QuorumKind.COUNT, 8, voting_members=12, present=7).text() == "Quorum: 7 of 8 needed — not met"
    assert quorum(QuorumKind.SHARE, 0.51, voting_members=12, present=7).minutes_text() == (
        "Quorum present: 7 of 12 voting members; 7 required"
    )
    assert quorum(QuorumKind.SHARE, 0.51, voting_members=12, present=6).minutes_text() == (
        "Quorum not present: 6 of 12 voting members; 7 required"
    )
    nobody = quorum(QuorumKind.SHARE, 0.51, voting_members=0, present=0)
    assert not nobody.met and nobody.text() == "Quorum: the committee has no voting members — not met"
