"""Representation summary: shares by group, school and language, target shares met or not, terms ending soon."""

from __future__ import annotations

from datetime import date

import pytest

from equitydesk.db.engine import open_database
from equitydesk.domain.enums import StakeholderGroup
from equitydesk.services.context import ServiceContext
from equitydesk.services.errors import DomainError
from equitydesk.services.registry import Services

TODAY = date(2025, 11, 1)


@pytest.fixture
def svc(tmp_path):
    db = open_database(tmp_path / "rep.sqlite")
    yield Services.build(ServiceContext(db.sessions, actor="test", today=lambda: TODAY))
    db.dispose()


def _member(svc, committee_id, given, group, *, school=None, languages=None, term_end=None, status="active"):
    p = svc.people.create(given_name=given, family_name="Test", organization=school, languages=languages)
    svc.memberships.create(
        person_id=p.id, committee_id=committee_id, stakeholder_group=group, term_end=term_end, status=status
    )
    return p


def test_shares_targets_and_terms(svc):
    c = svc.committees.create(name="EAC")
    _member(
        svc, c.id, "A", "parent_guardian", school="Lincoln", languages="Somali, English", term_end=date(2025, 12, 1)
    )
    _member(svc, c.id, "B", "parent_guardian", school="Lincoln", languages="Hmong")
    _member(svc, c.id, "C", "teacher", school="Roosevelt", languages="English", term_end=date(2026, 6, 30))
    _member(svc, c.id, "D", "student", languages=None, term_end=date(2025, 10, 1))
    _member(svc, c.id, "E", "student", status="inactive")
    svc.representation.set_target(committee_id=c.id, group=StakeholderGroup.PARENT_GUARDIAN, share=0.4)
    svc.representation.set_target(committee_id=c.id, group="community_member", share=0.2)

    rep = svc.representation.summary(c.id)

    assert rep.members == 4
    groups = {s.label: s for s in rep.by_group}
    assert groups["Parent/guardian"].count == 2 and groups["Parent/guardian"].share == pytest.approx(0.5)
    assert groups["Parent/guardian"].target_met is True
    assert groups["Community member"].count == 0 and groups["Community member"].target_met is False
    assert groups["Teacher"].target is None and groups["Teacher"].target_met is None
    assert [s.label for s in rep.targets_missed] == ["Community member"]
    schools = {s.label: s.count for s in rep.by_school}
    assert schools == {"Lincoln": 2, "Roosevelt": 1, "Not recorded": 1}
    langs = {s.label: s.count for s in rep.by_language}
    assert langs == {"English": 2, "Somali": 1, "Hmong": 1, "Not recorded": 1}
    assert [t.person for t in rep.terms_ending] == ["A Test"]


def test_target_share_is_checked_and_removable(svc):
    c = svc.committees.create(name="EAC")
    with pytest.raises(DomainError, match="between 0% and 100%"):
        svc.representation.set_target(committee_id=c.id, group="student", share=1.5)
    svc.representation.set_target(committee_id=c.id, group="student", share=0.25)
    svc.representation.set_target(committee_id=c.id, group="student", share=None)
    assert svc.representation.summary(c.id).by_group == []
