"""A strategy's detail names the action items that serve it and the meetings that took it up."""

from __future__ import annotations

from datetime import datetime

from equitydesk.gui.pages.roadmap_page import RoadmapPage


def test_a_strategy_shows_its_actions_and_agenda_items(qtbot, workspace, services) -> None:
    plan = services.plans.create_from_template(template="blank", name="Our plan")
    voice = services.roadmap.add_strategy(plan_id=plan.id, title="Student voice")
    committee = services.committees.create(name="Links committee")
    march = services.meetings.schedule(committee_id=committee.id, title="March meeting",
                                       starts_at=datetime(2026, 3, 10, 18))  # fmt: skip
    april = services.meetings.schedule(committee_id=committee.id, title="April meeting",
                                       starts_at=datetime(2026, 4, 14, 18))  # fmt: skip
    services.agenda.add(meeting_id=march.id, title="Student panel <report>", strategy_id=voice.id)
    services.agenda.add(meeting_id=april.id, title="Student survey results", strategy_id=voice.id)
    services.agenda.add(meeting_id=april.id, title="Budget", strategy_id=None)
    services.actions.create(committee_id=committee.id, title="Recruit student members", strategy_id=voice.id)
    assert [a.title for a in services.agenda.of_strategy(strategy_id=voice.id)] == [
        "Student survey results", "Student panel <report>"], "newest meeting first, only this strategy's"  # fmt: skip

    page = RoadmapPage()
    qtbot.addWidget(page)
    page.set_workspace(workspace)
    page.plan_combo.setCurrentIndex(page.plan_combo.findData(plan.id))
    assert page.select_node("strategy", voice.id)
    text = page.detail.extra.text()
    assert "Recruit student members" in text and "On meeting agendas" in text
    assert "April meeting: Student survey results" in text and "Student panel &lt;report&gt;" in text
    assert "Budget" not in text
