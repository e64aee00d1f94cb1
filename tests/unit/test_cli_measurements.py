"""`import-measurements`'s contract: the import JSON shape, a dry run that writes nothing, exit 2 in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from equitydesk.cli.runner import main
from tests.roster_files import write_csv

MEASUREMENT_ROWS = [
    ["Indicator code", "Date", "Value", "Student group", "Source"],
    ["II.1.1", "9/1/2024", "38%", "Black students", "MCA"],
    ["II.1.1", "9/1/2024", "70%", "White students", "MCA"],
    ["Licensed teachers who are teachers of color", "9/1/2024", "6", "", "HR"],
    ["IV.9", "9/1/2024", "1", "", ""],
]


@pytest.fixture
def run(tmp_path: Path, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    db = str(tmp_path / "plans.sqlite")

    def call(*args: str, target: str = db) -> tuple[int, str, str]:
        code = main(["--db", target, *args])
        out, err = capsys.readouterr()
        return code, out, err

    assert call("init")[0] == 0
    assert call("plan", "new", "--template", "ai_plan", "--name", "A&I 2025–2028")[0] == 0
    return call


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_json_has_the_import_keys_and_a_dry_run_writes_nothing(run, tmp_path: Path, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "in").mkdir()
    sheet = write_csv(tmp_path / "in" / "scores.csv", MEASUREMENT_ROWS)
    before = files_of(tmp_path), files_of(data_dir)
    code, out, _err = run("import-measurements", str(sheet), "--plan", "a&i 2025–2028", "--dry-run", "--json")
    dry = json.loads(out)
    assert code == 0 and (files_of(tmp_path), files_of(data_dir)) == before, "not a byte written, not even a backup"
    assert (dry["dry_run"], dry["batch_id"], dry["plan"], dry["created"], dry["rejected"]) == (
        True, None, "A&I 2025–2028", 3, 1)  # fmt: skip
    assert dry["errors"] == [{"row": 5, "column": "A", "message": "No indicator of the plan “A&I 2025–2028” has the "
                              "code or name “IV.9”. Check the spelling, or add the indicator on the Roadmap page "
                              "first."}]  # fmt: skip
    assert dry["summary"] == "3 new, 0 updated, 0 unchanged, 1 skipped, 0 with warnings"

    tracker = write_csv(tmp_path / "in" / "tracker.csv", [["Action", "Owner"], ["Book the room", "Mai"]])
    code, out, _err = run("import-actions", str(tracker), "--committee", "EAC", "--dry-run", "--json")
    action_keys = set(json.loads(out)) - {"committee", "committee_created"}
    assert code == 0 and set(dry) == action_keys | {"plan"}, "the keys import-actions prints, where they apply"

    code, out, _err = run("import-measurements", str(sheet), "--plan", "A&I 2025–2028", "--json")
    done = json.loads(out)
    assert code == 0 and (done["dry_run"], done["created"]) == (False, 3) and isinstance(done["batch_id"], int)
    assert {k: done[k] for k in ("header_row", "rows_read", "mapping", "ignored_columns")} == {
        "header_row": 1, "rows_read": 4, "ignored_columns": [],
        "mapping": {"Indicator code": "code", "Date": "measured_on", "Value": "value", "Student group": "group",
                    "Source": "source"}}  # fmt: skip
    code, out, _err = run("status", "--plan", "A&I 2025–2028", "--json")
    gap = next(n for n in json.loads(out)["nodes"] if n["code"] == "II.1.1")
    assert gap["reason"].startswith("Gap of 32.0 points on 2024-09-01")

    code, out, _err = run("import-measurements", str(sheet), "--plan", "A&I 2025–2028")
    assert code == 0 and "4 rows read: 0 new, 0 updated, 3 unchanged, 1 skipped, 0 with warnings." in out
    assert "scores.csv, row 5, column A (Indicator code): No indicator of the plan" in out
    code, out, _err = run("undo-import", str(done["batch_id"]))
    assert code == 0 and out.strip() == (f"Undid import {done['batch_id']}: removed 3 measurements, put back the "
                                         "earlier values of 0 measurements.")  # fmt: skip
    code, out, _err = run("status", "--plan", "A&I 2025–2028", "--json")
    assert next(n for n in json.loads(out)["nodes"] if n["code"] == "II.1.1")["status"] == "no_data"


def test_a_dry_run_does_not_even_create_the_database(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sheet = write_csv(tmp_path / "scores.csv", MEASUREMENT_ROWS)
    missing = tmp_path / "nowhere" / "new.sqlite"
    code, out, err = run("import-measurements", str(sheet), "--plan", "X", "--dry-run", target=str(missing))
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert not missing.parent.exists()


@pytest.mark.parametrize(
    ("name", "content", "plan", "words"),
    [
        ("scores.csv", None, "Missing", "There is no plan named “Missing”. The plans are: “A&I 2025–2028”."),
        ("absent.csv", "", "A&I 2025–2028", "absent.csv"),
        ("scores.xlsx", "this is not a workbook", "A&I 2025–2028", "scores.xlsx"),
        ("people.csv", "Name,Email\nMai,mai@example.org\n", "A&I 2025–2028", "could not find the column headings"),
        ("undated.csv", "Indicator,Value\nII.1.1,38\n", "A&I 2025–2028", "undated.csv: No column holds Date"),
    ],
)
def test_mistakes_are_one_plain_line_exit_2_and_nothing_written(run, tmp_path: Path, name, content, plan,
                                                                words) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    path = tmp_path / name
    if content is None:
        write_csv(path, MEASUREMENT_ROWS)
    elif content:
        path.write_text(content, encoding="utf-8")
    before = files_of(tmp_path)
    code, out, err = run("import-measurements", str(path), "--plan", plan, "--json")
    assert code == 2 and out == "" and words in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err and files_of(tmp_path) == before
