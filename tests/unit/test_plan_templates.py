"""Plan templates: the shipped ones load and hold what the issue asks; a wrong file is named with its field."""

from __future__ import annotations

from pathlib import Path

import pytest

from equitydesk.domain.enums import GoalType, IndicatorKind, PlanKind
from equitydesk.formats.plan_templates import TemplateError, load_template, load_templates, template_folder

GOOD = """
name = "Sample"
kind = "strategic_roadmap"
summary = "A sample."
[[strategies]]
title = "One"
  [[strategies.goals]]
  statement = "A goal"
    [[strategies.goals.indicators]]
    name = "An indicator"
"""


def test_the_shipped_templates_are_found_in_the_source_tree_and_load() -> None:
    assert template_folder().is_dir() and (template_folder() / "ai_plan.toml").is_file()
    by_key = {t.key: t for t in load_templates()}
    assert set(by_key) == {"reimagine_minnesota", "ai_plan", "equity_framework", "equity_audit", "blank"}
    reimagine = by_key["reimagine_minnesota"]
    assert [s.title for s in reimagine.strategies] == [
        "Cultural competence", "Personalized education", "Cultural inclusivity",
        "Recruitment and retention of staff of color", "Student voice", "Adult behaviors", "Community bridges",
        "Shared understanding", "Statewide funding",
    ]  # fmt: skip
    ai = by_key["ai_plan"]
    assert ai.kind is PlanKind.AI_PLAN and ai.years == 3
    assert {g.goal_type for s in ai.strategies for g in s.goals} == {
        GoalType.INTEGRATION, GoalType.ACHIEVEMENT_DISPARITIES, GoalType.EFFECTIVE_DIVERSE_TEACHERS}  # fmt: skip
    assert ai.racially_identifiable_schools and ai.collaborating_districts
    assert any("public school board meeting" in m.title for s in ai.strategies for m in s.milestones)
    assert any(i.kind is IndicatorKind.GAP for s in ai.strategies for g in s.goals for i in g.indicators)
    framework = by_key["equity_framework"]
    statements = [g.statement for s in framework.strategies for g in s.goals]
    assert any("looks like" in g for g in statements) and any("feels like" in g for g in statements)
    assert framework.counts()["indicators"] >= 6
    audit = by_key["equity_audit"]
    assert any("supports equity" in (s.description or "") for s in audit.strategies)
    assert any("limits equity" in (s.description or "") for s in audit.strategies)
    assert by_key["blank"].strategies == ()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (GOOD.replace('kind = "strategic_roadmap"', 'kind = "roadmap"'), "field kind: “roadmap” is not one of"),
        (GOOD.replace('name = "An indicator"', 'name = "X"\n    kind = "gap"'),
         "field strategies[1].goals[1].indicators[1].comparison_group: a gap indicator needs both"),
        (GOOD.replace('statement = "A goal"', 'statment = "A goal"'),
         "field strategies[1].goals[1].statment: is not a field a template can have here"),
        (GOOD.replace('title = "One"', "title = 3"), "field strategies[1].title: should be text in quotes"),
        (GOOD.replace('summary = "A sample."', ""), "field summary: is missing"),
        (GOOD + '  [[strategies.milestones]]\n  title = "M"\n  due_month = 0\n',
         "field strategies[1].milestones[1].due_month: should be a whole number from 1 to 120"),
        ("name = [", "is not valid TOML"),
    ],
)  # fmt: skip
def test_a_wrong_template_names_its_file_and_field(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    message = str(caught.value)
    assert message.startswith("The plan template mine.toml") and words in message
    assert "\n" not in message


def test_a_good_template_loads(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(GOOD, encoding="utf-8")
    (only,) = load_templates(tmp_path)
    assert only.key == "mine" and only.counts() == {"strategies": 1, "goals": 1, "indicators": 1, "milestones": 0}
