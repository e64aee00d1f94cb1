"""The plan commands' contracts: JSON shapes for scripts, and one plain line with exit 2 when something is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from equitydesk.cli.runner import main


@pytest.fixture
def run(tmp_path: Path, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    db = str(tmp_path / "plans.sqlite")

    def call(*args: str) -> tuple[int, str, str]:
        code = main(["--db", db, *args])
        out, err = capsys.readouterr()
        return code, out, err

    assert call("init")[0] == 0
    return call


def test_templates_new_list_status_and_export(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _err = run("plan", "templates", "--json")
    templates = json.loads(out)
    assert code == 0 and all(isinstance(t["name"], str) for t in templates)
    assert "Achievement and Integration plan" in {t["name"] for t in templates}

    code, out, _err = run("plan", "new", "--template", "ai_plan", "--name", "A&I 2025–2028")
    assert code == 0 and "A&I 2025–2028" in out

    code, out, _err = run("list", "plans", "--json")
    (plan,) = json.loads(out)
    assert (plan["name"], plan["strategies"], plan["goals"], plan["indicators"]) == ("A&I 2025–2028", 4, 3, 3)

    code, out, _err = run("status", "--plan", "a&i 2025–2028", "--json")
    status = json.loads(out)
    assert code == 0 and status["thresholds"]["on_track"] == 0.9 and status["thresholds"]["at_risk"] == 0.7
    nodes = status["nodes"]
    assert nodes[0]["kind"] == "plan" and {n["kind"] for n in nodes} == {"plan", "strategy", "goal", "indicator",
                                                                          "milestone"}  # fmt: skip
    for node in nodes:
        assert {"id", "kind", "code", "title", "status", "reason"} <= set(node)
        assert isinstance(node["id"], int) and node["reason"]
    assert {n["status"] for n in nodes if n["kind"] == "indicator"} == {"no_data"}

    target = tmp_path / "plan.xlsx"
    code, out, _err = run("export", "plan", str(target), "--plan", "A&I 2025–2028")
    assert code == 0 and target.is_file() and "4 strategies" in out
    assert load_workbook(target, read_only=True).sheetnames[-1] == "Measurements"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("plan", "new", "--template", "nope", "--name", "X"), "There is no plan template named “nope”."),
        (("status", "--plan", "Missing"), "There is no plan named “Missing”."),
        (("export", "plan", "/no/such/folder/p.xlsx", "--plan", "Missing"), "There is no plan named"),
    ],
)
def test_mistakes_are_one_plain_line_and_exit_2(run, args: tuple[str, ...], words: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(*args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("equitydesk: ") and words in err


def test_a_second_plan_with_the_same_name_is_refused(run) -> None:  # type: ignore[no-untyped-def]
    assert run("plan", "new", "--template", "blank", "--name", "Ours")[0] == 0
    code, _out, err = run("plan", "new", "--template", "blank", "--name", "Ours")
    assert code == 2 and "already a plan with that name" in err
