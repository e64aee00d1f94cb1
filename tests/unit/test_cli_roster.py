"""The roster commands as a user runs them: import (dry run, JSON, refusals), undo, export, reports."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EQUITYDESK_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "equitydesk", "--db", str(tmp_path / "r.sqlite"), *args],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip


def write_roster(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sign-ups"
    ws.append(["Lincoln Elementary — Equity Committee sign-ups"])
    ws.merge_cells("A1:F1")
    ws.append([])
    ws.append(["Name", "E-mail Address", "Cell #", "Which group do you represent?", "Home Language",
               "Interpreter Needed?", "Student ID #", "Notes"])  # fmt: skip
    ws.append(["Warsame, Hodan", "Hodan@Example.org", "612-555-0101", "Parent", "Somali", "Yes", "123456", ""])
    ws.append(["Mai Nou Xiong", "mai@example.org", "651-555-0102", "Teacher", "Hmong, English", "No", "654321", ""])
    ws.append(["", "nobody@example.org", "", "", "", "", "", ""])
    ws.append(["Tom <b>Lee</b>", "", "", "Student", "", "", "", '=HYPERLINK("http://x","y")'])
    ws["H7"].data_type = "s"  # text that looks like a formula, as typed by someone, not a live formula
    wb.save(path)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_dry_run_then_commit_then_undo(tmp_path: Path) -> None:
    roster = write_roster(tmp_path / "roster.xlsx")
    assert run(tmp_path, "init").returncode == 0
    db = tmp_path / "r.sqlite"

    dry = run(tmp_path, "import-roster", str(roster), "--committee", "EAC", "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    report = json.loads(dry.stdout)
    assert report["batch_id"] is None and report["committee_created"] is True
    assert (report["created"], report["rejected"], report["header_row"], report["rows_read"]) == (3, 1, 3, 4)
    assert report["ignored_columns"] == ["Student ID #"]
    assert report["errors"][0]["row"] == 6
    stats = json.loads(run(tmp_path, "stats", "--json").stdout)
    assert stats["people"] == 0 and stats["committees"] == 0

    done = run(tmp_path, "import-roster", str(roster), "--committee", "EAC", "--json")
    assert done.returncode == 0, done.stderr
    batch = json.loads(done.stdout)["batch_id"]
    people = json.loads(run(tmp_path, "list", "people", "--json").stdout)
    assert len(people) == 3
    assert any(p.get("interpreter_language") == "Somali" for p in people)
    assert "123456" not in db.read_bytes().decode("latin-1")  # the Student ID column is stored nowhere

    again = json.loads(run(tmp_path, "import-roster", str(roster), "--committee", "EAC", "--json").stdout)
    assert (again["created"], again["unchanged"]) == (0, 3)

    undo = run(tmp_path, "undo-import", str(batch))
    assert undo.returncode == 0 and "removed 3 people" in undo.stdout
    assert json.loads(run(tmp_path, "stats", "--json").stdout)["people"] == 0


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "save it as .xlsx"),
        ("scan.xlsx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        ("empty.csv", b"", "empty"),
    ],
)
def test_unusable_files_exit_2_with_one_plain_line_and_change_nothing(tmp_path, name, content, expected) -> None:
    assert run(tmp_path, "init").returncode == 0
    before = digest(tmp_path / "r.sqlite")
    bad = tmp_path / name
    bad.write_bytes(content)
    result = run(tmp_path, "import-roster", str(bad), "--committee", "EAC")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and expected in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert digest(tmp_path / "r.sqlite") == before


def test_export_and_reports(tmp_path: Path) -> None:
    roster = write_roster(tmp_path / "roster.xlsx")
    assert run(tmp_path, "init").returncode == 0
    assert run(tmp_path, "import-roster", str(roster), "--committee", "EAC").returncode == 0

    out = tmp_path / "out.xlsx"
    result = run(tmp_path, "export", "roster", str(out), "--committee", "EAC")
    assert result.returncode == 0, result.stderr
    ws = load_workbook(out)["Roster"]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.value]
    assert any(c.value == '=HYPERLINK("http://x","y")' and c.data_type == "s" for c in cells)

    for args in (["report", "roster", "dir.pdf", "--public"], ["report", "signin", "signin.pdf", "--large-print"]):
        result = run(tmp_path, *args[:2], str(tmp_path / args[2]), "--committee", "EAC", *args[3:])
        assert result.returncode == 0, result.stderr
        assert (tmp_path / args[2]).read_bytes().startswith(b"%PDF")

    missing = run(tmp_path, "export", "roster", str(tmp_path / "no" / "x.xlsx"), "--committee", "EAC")
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    unknown = run(tmp_path, "report", "roster", str(tmp_path / "x.pdf"), "--committee", "Nobody")
    assert unknown.returncode == 2 and "no committee called Nobody" in unknown.stderr


def test_the_json_report_is_a_contract_every_field_and_value(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Roster"
    ws.append(["First Name", "Last Name", "Email", "Phone", "Term End", "Interpreter Needed?", "Home Language"])
    ws.append(["Mai", "Vang", "mai@example.org", "651-555-0101", "next fall", "Yes", "English"])
    ws.append(["Mai", "Vang", "MAI@example.org", "651-555-0199", None, None, None])
    ws.append([None, None, "x@example.org"])
    wb.save(tmp_path / "warn.xlsx")
    wb = Workbook()
    wb.active.append(["Email", "Phone"])
    wb.active.append(["a@example.org", "651-555-0101"])
    wb.save(tmp_path / "nonames.xlsx")
    assert run(tmp_path, "init").returncode == 0

    dry = run(tmp_path, "import-roster", str(tmp_path / "warn.xlsx"), "--committee", "EAC", "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    report = json.loads(dry.stdout)
    assert report == {
        "file": str(tmp_path / "warn.xlsx"), "sheet": "Roster", "header_row": 1,
        "mapping": {"First Name": "given_name", "Last Name": "family_name", "Email": "email", "Phone": "phone",
                    "Term End": "term_end", "Interpreter Needed?": "interpreter_needed", "Home Language": "languages"},
        "ignored_columns": [], "rows_read": 3, "created": 1, "updated": 0, "unchanged": 1, "rejected": 1,
        "warnings": [
            {"row": 2, "column": "E",
             "message": "'next fall' is not a date I can read; write it like 9/1/2025. The term end was left empty."},
            {"row": 2, "column": None, "message": "An interpreter is needed, but no language other than English is "
                                                  "given; add the interpreter language to this person after the "
                                                  "import."},
            {"row": 3, "column": None, "message": "Same person as row 2; merged into it. Row 2's phone "
                                                  "'651-555-0101' was kept, not '651-555-0199'."},
        ],
        "errors": [{"row": 4, "column": None, "message": "this row has no name, so it cannot be imported; add the "
                                                         "person's name or delete the row"}],
        "batch_id": None, "committee": "EAC", "committee_created": True, "dry_run": True,
        # Added with the one summary and the changes listed (issue 13): the fields above keep their values.
        "counts": {"new": 1, "updated": 0, "unchanged": 0, "merged": 1, "skipped": 1, "warnings": 1},
        "summary": "1 new, 0 updated, 0 unchanged, 1 duplicate merged, 1 skipped, 1 with warnings",
        "notes": [], "organizations_skipped": 0, "role_changes_accepted": False, "changes": [], "held_changes": [],
    }  # fmt: skip
    nameless = json.loads(run(tmp_path, "import-roster", str(tmp_path / "nonames.xlsx"), "--committee", "EAC",
                              "--json").stdout)  # fmt: skip
    assert nameless["warnings"][0] == {
        "row": 0, "column": "", "message": "no column holds names; choose the column with full names, or the first "
                                           "and last name columns"
    }, "a sheet's problem: row 0, column ''"  # fmt: skip
    assert nameless["errors"] == [{"row": 2, "column": None, "message": "This row has no name, so it was skipped."}]
    assert (nameless["batch_id"], nameless["committee_created"], nameless["dry_run"]) == (1, True, False)
