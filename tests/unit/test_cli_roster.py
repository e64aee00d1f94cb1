"""The roster commands as a user runs them: import (dry run, JSON, refusals), undo, export, reports."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

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
        "counts": {"new": 1, "updated": 0, "unchanged": 0, "merged": 1, "skipped": 1, "with_warnings": 1},
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


EAC_NAME = "Equity Advisory Committee"


def demo_database(tmp_path: Path) -> dict[str, Any]:
    """The demo dataset as of Oct 1, 2025 in this test's database; its EAC chair, Hodan, as she stands."""
    from equitydesk.db.engine import open_database
    from equitydesk.services.demo import fill_demo
    from equitydesk.services.registry import services_for

    database = open_database(tmp_path / "r.sqlite")
    try:
        fill_demo(services_for(database), today=date(2025, 10, 1))
    finally:
        database.dispose()
    return hodan_on_eac(tmp_path)


def hodan_on_eac(tmp_path: Path) -> dict[str, Any]:
    with sqlite3.connect(tmp_path / "r.sqlite") as conn:
        pid, languages, notes, role, end = conn.execute(
            "SELECT p.id, p.languages, p.notes, m.role, m.term_end FROM person p "
            "JOIN membership m ON m.person_id = p.id JOIN committee c ON c.id = m.committee_id "
            "WHERE p.email = 'hodan.warsame@example.org' AND c.name = ?", (EAC_NAME,)
        ).fetchone()  # fmt: skip
    return {"id": pid, "languages": languages, "notes": notes, "role": role, "term_end": date.fromisoformat(end)}


def chair_as_member(path: Path, term_end: date) -> Path:
    """The office's re-sent sheet, headings as it typed them, listing the chair as a Member with a shorter term."""
    wb = Workbook()
    ws = wb.active
    ws.title = "EAC"
    ws.append(["First Name", "Last", "E-mail Address", "Home Language", "Role on Committee", "Term End",
               "Notes (office use)"])  # fmt: skip
    ws.append(["Hodan", "Abdi Warsame", "hodan.warsame@example.org", "Somali", "Member", term_end,
               "Prefers text messages"])  # fmt: skip
    wb.save(path)
    return path


def test_a_re_import_that_would_demote_the_chair_keeps_her_chair_and_says_so(tmp_path: Path) -> None:
    before = demo_database(tmp_path)
    assert (before["role"], before["languages"]) == ("chair", "Somali, English")
    shorter = date(before["term_end"].year - 1, 6, 30)
    sheet = chair_as_member(tmp_path / "eac.xlsx", shorter)

    dry = run(tmp_path, "import-roster", str(sheet), "--committee", EAC_NAME, "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    report = json.loads(dry.stdout)
    hodan, end = before["id"], before["term_end"].isoformat()
    assert (report["created"], report["updated"], report["unchanged"], report["rejected"]) == (0, 1, 0, 0)
    assert report["changes"] == [
        {"row": 2, "person_id": hodan, "field": "notes", "old": None, "new": "Prefers text messages",
         "also_on": ["Achievement and Integration Plan Team"]},
    ], "her languages stay 'Somali, English': Somali is one of them"  # fmt: skip
    assert report["held_changes"] == [
        {"row": 2, "person_id": hodan, "field": "role", "old": "chair", "new": "member", "also_on": []},
        {"row": 2, "person_id": hodan, "field": "term_end", "old": end, "new": shorter.isoformat(), "also_on": []},
    ]  # fmt: skip
    assert [w["message"] for w in report["warnings"]] == [
        "Kept the role Chair: the file says Member. An officer's role changes only when you choose to apply the role "
        "and term changes.",
        f"Kept the term end ({before['term_end']:%b} {before['term_end'].day}, {before['term_end'].year}): the "
        f"file's Jun 30, {shorter.year} would shorten the term. A term is shortened only when you choose to apply "
        "the role and term changes.",
    ]
    assert report["counts"] == {"new": 0, "updated": 1, "unchanged": 0, "merged": 0, "skipped": 0, "with_warnings": 1}
    assert report["role_changes_accepted"] is False

    text = run(tmp_path, "import-roster", str(sheet), "--committee", EAC_NAME, "--dry-run").stdout
    assert ("  Row 2, Hodan Abdi Warsame: Notes: (empty) → Prefers text messages (also on Achievement and "
            "Integration Plan Team: the change applies there too)") in text  # fmt: skip
    assert "to apply these too, run again with --accept-role-changes" in text
    assert "  Row 2, Hodan Abdi Warsame: Role: Chair → Member; Term end: " in text

    done = json.loads(run(tmp_path, "import-roster", str(sheet), "--committee", EAC_NAME, "--json").stdout)
    assert done["batch_id"] is not None and done["held_changes"] == report["held_changes"]
    after = hodan_on_eac(tmp_path)
    assert (after["role"], after["term_end"], after["languages"]) == ("chair", before["term_end"], "Somali, English")
    assert after["notes"] == "Prefers text messages"

    accepted = run(tmp_path, "import-roster", str(sheet), "--committee", EAC_NAME, "--accept-role-changes", "--json")
    applied = json.loads(accepted.stdout)
    assert applied["role_changes_accepted"] is True and applied["held_changes"] == []
    assert [(c["field"], c["old"], c["new"]) for c in applied["changes"]] == [
        ("role", "chair", "member"), ("term_end", end, shorter.isoformat())]  # fmt: skip
    assert hodan_on_eac(tmp_path)["role"] == "member", "only when asked"
    assert run(tmp_path, "undo-import", str(applied["batch_id"])).returncode == 0
    assert hodan_on_eac(tmp_path)["role"] == "chair"


def test_organizations_in_a_crm_export_are_skipped_and_counted(tmp_path: Path) -> None:
    crm = tmp_path / "crm-export.csv"
    crm.write_text(
        "First Name,Last Name,Organization,Email,Phone\n"
        "Kou,Vang,Hmong American Partnership,kou@example.org,651-555-0170\n"
        ",,Hmong American Partnership,info@hmong.example.org,651-555-0100\n"
        ",,Somali Parents Network,contact@spn.example.org,\n"
        ",,Lutheran Social Service,,612-555-0190\n"
        "Ana,Ruiz,,ana@example.org,\n",
        encoding="utf-8",
    )
    assert run(tmp_path, "init").returncode == 0
    report = json.loads(run(tmp_path, "import-roster", str(crm), "--committee", "EAC", "--dry-run", "--json").stdout)
    assert (report["created"], report["rejected"], report["organizations_skipped"]) == (2, 3, 3)
    assert report["notes"] == ["3 rows are organizations, not people, and were skipped."]
    assert report["errors"][0]["message"] == (
        "This row is an organization (Hmong American Partnership), not a person, so it was skipped.")  # fmt: skip
    text = run(tmp_path, "import-roster", str(crm), "--committee", "EAC", "--dry-run").stdout
    assert "5 rows read: 2 new, 0 updated, 0 unchanged, 3 skipped, 0 with warnings." in text
    assert "3 rows are organizations, not people, and were skipped." in text


def test_undoing_an_import_of_one_person_says_person_not_people(tmp_path: Path) -> None:
    roster = tmp_path / "one.csv"
    roster.write_text("First Name,Last Name,Email\nAyaan,Farah,ayaan@example.org\n", encoding="utf-8")
    assert run(tmp_path, "init").returncode == 0
    done = json.loads(run(tmp_path, "import-roster", str(roster), "--committee", "EAC", "--json").stdout)
    undo = run(tmp_path, "undo-import", str(done["batch_id"]))
    assert undo.returncode == 0
    assert "removed 1 person and 1 membership, restored the details of 0 people." in undo.stdout
    assert "people's" not in undo.stdout and "1 people" not in undo.stdout
