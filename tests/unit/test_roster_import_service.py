"""The roster import service on rows already read: preview, commit in one transaction, undo, the list of imports."""

from __future__ import annotations

import dataclasses
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from equitydesk.db.engine import open_database
from equitydesk.db.tables import ChangeLog, ImportBatch, Membership, Person
from equitydesk.domain.enums import Role, StakeholderGroup
from equitydesk.formats.errors import FileRefused
from equitydesk.formats.problems import Problem, Severity
from equitydesk.formats.roster_columns import ParsedRoster
from equitydesk.services.context import ServiceContext
from equitydesk.services.errors import DomainError
from equitydesk.services.registry import Services
from equitydesk.services.roster_import import BatchRecord, Outcome, RosterImportService


@dataclass
class Row:
    row_number: int
    values: dict[str, Any]
    problems: list[Any] = field(default_factory=list)


@pytest.fixture
def env(tmp_path):
    db = open_database(tmp_path / "imp.sqlite")
    ctx = ServiceContext(db.sessions, actor="office", today=lambda: date(2025, 9, 1))
    yield Services.build(ctx), RosterImportService(ctx), db
    db.dispose()


def _count(db, table) -> int:
    with db.sessions() as s:
        return s.scalar(select(func.count()).select_from(table))


def test_plan_matches_by_email_then_name_and_merges_duplicates_in_file(env):
    svc, imp, _db = env
    c = svc.committees.create(name="EAC")
    hodan = svc.people.create(given_name="Hodan", family_name="Ali", email="hodan@example.org", phone="612")
    svc.memberships.create(person_id=hodan.id, committee_id=c.id, role="member")
    svc.people.create(given_name="Mai", family_name="Xiong")
    rows = [
        Row(2, {"given_name": "Hodan", "family_name": "Ali", "email": "HODAN@example.org", "phone": "612"}),
        Row(3, {"given_name": "Mai", "family_name": "Xiong", "phone": "651-555-0100", "role": Role.CO_CHAIR}),
        Row(4, {"given_name": "Ana", "family_name": "López", "email": "ana@example.org"}),
        Row(5, {"given_name": "ANA", "family_name": "lópez", "phone": "555"}),
        Row(6, {"email": "nobody@example.org"}),
        Row(
            7,
            {"given_name": "Tou", "family_name": "Vang", "term_start": "x"},
            [Problem(7, "F", "Term Start", "term_start", "bad date", Severity.WARNING)],
        ),
    ]
    plan = imp.plan(rows, committee="eac")

    by_row = {r.row: r for r in plan.rows}
    assert plan.committee_exists
    assert by_row[2].action == "unchanged" and by_row[2].person_id == hodan.id
    assert by_row[3].action == "update" and by_row[3].changes["phone"] == (None, "651-555-0100")
    assert by_row[3].new_membership
    assert by_row[4].action == "new"
    assert by_row[5].action == "merged" and by_row[5].merged_into == 4
    assert by_row[4].person_values["phone"] == "555"
    assert by_row[6].action == "error" and "no name" in by_row[6].errors[0].message
    assert by_row[7].status == "warning" and by_row[7].action == "new"
    assert (plan.created, plan.updated, plan.unchanged, plan.rejected) == (2, 1, 2, 1)


def test_commit_writes_once_and_undo_restores_everything(env):
    svc, imp, db = env
    # Matched by e-mail: a new phone under the same name alone would be somebody else (kept apart).
    mai = svc.people.create(given_name="Mai", family_name="Xiong", email="mai@example.org", phone="111")
    rows = [
        Row(
            2,
            {
                "given_name": "Mai",
                "family_name": "Xiong",
                "email": "mai@example.org",
                "phone": "222",
                "stakeholder_group": StakeholderGroup.PARENT_GUARDIAN,
            },
        ),
        Row(
            3,
            {
                "given_name": "Nguyễn Thị",
                "family_name": "Ánh",
                "email": "anh@example.org",
                "term_end": date(2026, 6, 30),
            },
        ),
    ]
    result = imp.commit(rows, committee="A&I Plan Team", file_name="roster.xlsx", sheet="Sheet1", header_row=1)

    assert result.committee_created
    assert (result.plan.created, result.plan.updated) == (1, 1)
    assert svc.people.get(mai.id).phone == "222"
    anh = svc.people.find_by_email("ANH@example.org")
    assert anh is not None and anh.given_name == "Nguyễn Thị" and anh.import_batch_id == result.batch_id
    assert _count(db, Membership) == 2
    with db.sessions() as s:
        logged = s.scalars(select(ChangeLog).where(ChangeLog.batch_id == result.batch_id)).all()
    assert any(e.entity == "person" and e.changes == {"phone": ["111", "222"]} for e in logged)

    undone = imp.undo(result.batch_id)

    assert (undone.people_removed, undone.memberships_removed, undone.people_restored) == (1, 2, 1)
    assert svc.people.get(mai.id).phone == "111"
    assert _count(db, Person) == 1 and _count(db, Membership) == 0
    with pytest.raises(DomainError, match="already undone"):
        imp.undo(result.batch_id)


def test_ambiguous_name_is_an_error_not_a_guess(env):
    svc, imp, _db = env
    svc.people.create(given_name="Pa", family_name="Vang", email="pa1@example.org")
    svc.people.create(given_name="Pa", family_name="Vang", email="pa2@example.org")
    plan = imp.plan([Row(2, {"given_name": "Pa", "family_name": "Vang"})], committee="EAC")
    assert plan.rows[0].action == "error" and "2 people called Pa Vang" in plan.rows[0].errors[0].message


def test_failed_commit_leaves_nothing(env, monkeypatch):
    svc, imp, db = env
    import equitydesk.services.roster_import.writing as mod

    def boom(*_a, **_k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(mod, "insert_tuples", boom)
    with pytest.raises(RuntimeError):
        imp.commit([Row(2, {"given_name": "A", "family_name": "B"})], committee="New committee", file_name="f.xlsx")
    assert svc.committees.by_name("New committee") is None
    assert _count(db, Person) == 0 and _count(db, ChangeLog) == 0


def write_xlsx(path: Path, rows: list[list[Any]], *, sheets: tuple[str, ...] = ()) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    for name in sheets:
        book.create_sheet(name)
    book.save(path)
    return path


def test_open_finds_the_headings_or_offers_the_first_row_with_the_readers_sentence(env, tmp_path):
    _svc, imp, _db = env
    known = write_xlsx(tmp_path / "known.xlsx", [["Roster"], ["First Name", "Last Name"], ["Mai", "Vang"]])
    opened = imp.open(known)
    assert opened.headings_found and opened.sheet.header_row == 2
    # Finnish headings: a language the headings are not known in.
    french = write_xlsx(tmp_path / "liste.xlsx", [["Roster"], ["Koko nimi", "Sähköposti"], ["Aino V", "a@x.org"]])
    guessed = imp.open(french)
    assert not guessed.headings_found and guessed.sheet.header_row == 1, "the first row, for the user to fix"
    assert guessed.note.startswith("I could not find the column headings in liste.xlsx.")
    with pytest.raises(FileRefused, match="could not find the column headings"):
        imp.read_file(french)  # a script cannot point at the headings
    with pytest.raises(FileRefused, match="has no sheet named 'Nope'"):
        imp.open(known, sheet="Nope")
    empty = write_xlsx(tmp_path / "empty.xlsx", [], sheets=())
    with pytest.raises(FileRefused, match="nothing to import"):
        imp.open(empty)


def test_map_again_uses_what_was_read_and_names_the_batch_mapping(env, tmp_path, monkeypatch):
    _svc, imp, _db = env
    path = write_xlsx(tmp_path / "r.xlsx", [["Name", "Cell #", ""], ["Mai Vang", "651-555-0101", "x"]])
    sheet = imp.open(path).sheet
    monkeypatch.setattr("equitydesk.formats.sheet_reader.Workbook.__init__", _no_second_read)
    first = imp.map(sheet)
    assert imp.batch_mapping(first) == {"Name": "full_name", "Cell #": "phone"}
    remapped = imp.map(sheet, mapping={1: None, 2: "notes"})
    assert isinstance(remapped, ParsedRoster) and remapped.rows[0].values.get("notes") == "x"
    assert imp.batch_mapping(remapped) == {"Name": "full_name", "Column C": "notes"}, "no heading: its letter"


def _no_second_read(*_args: Any, **_kwargs: Any) -> None:
    raise AssertionError("the file was read again")


def test_batches_are_plain_frozen_records(env):
    _svc, imp, _db = env
    first = imp.commit([Row(2, {"given_name": "A", "family_name": "B"})], committee="EAC", file_name="one.xlsx",
                       sheet="S", header_row=1, mapping={"Name": "full_name"})  # fmt: skip
    second = imp.commit([Row(2, {"given_name": "C", "family_name": "D"})], committee="EAC", file_name="two.csv")
    imp.undo(first.batch_id)
    newest, oldest = imp.batches()
    assert all(type(b) is BatchRecord for b in (newest, oldest)), "never ORM instances"
    assert newest.committee_name == oldest.committee_name == "EAC"
    assert (newest.id, newest.file_name, newest.created, newest.undone) == (second.batch_id, "two.csv", 1, False)
    assert (oldest.sheet, oldest.header_row, dict(oldest.mapping), oldest.undone) == ("S", 1, {"Name": "full_name"},
                                                                                   True)  # fmt: skip
    assert oldest.imported_by == "office" and oldest.undone_at is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        newest.created = 5  # type: ignore[misc]
    assert [b.id for b in imp.batches(limit=1)] == [second.batch_id]


def test_commit_plans_again_inside_its_write_transaction(env):
    svc, imp, db = env
    svc.committees.create(name="EAC")
    rows = [Row(2, {"given_name": "Mai", "family_name": "Vang", "email": "mai@example.org", "phone": "651"})]
    preview = imp.plan(rows, committee="EAC")
    assert preview.rows[0].action is Outcome.NEW
    svc.people.create(given_name="Mai", family_name="Vang", email="mai@example.org")  # added after the preview
    result = imp.commit(rows, committee="EAC", file_name="r.xlsx")
    assert result.plan.rows[0].action is Outcome.UPDATE and result.plan.created == 0
    assert _count(db, Person) == 1, "no duplicate of the person added since the preview"
    with db.sessions() as s:
        assert s.get(ImportBatch, result.batch_id).updated == 1


def test_commit_holds_the_write_lock_while_it_reads_the_roster(env, monkeypatch, tmp_path):
    _svc, imp, db = env
    import equitydesk.services.roster_import.service as service_module

    real = service_module.read_snapshot
    outcome: list[str] = []

    def read_while_someone_writes(session, name):
        other = sqlite3.connect(db.path, timeout=0)
        try:
            other.execute("INSERT INTO committee (name, quorum_kind, quorum_value, archived, created_at, updated_at) "
                          "VALUES ('Sneaky', 'share', 0.5, 0, '2025-01-01', '2025-01-01')")  # fmt: skip
            other.commit()
            outcome.append("written")
        except sqlite3.OperationalError as exc:
            outcome.append(str(exc))
        finally:
            other.close()
        return real(session, name)

    monkeypatch.setattr(service_module, "read_snapshot", read_while_someone_writes)
    imp.commit([Row(2, {"given_name": "A", "family_name": "B"})], committee="EAC", file_name="f.xlsx")
    assert outcome == ["database is locked"], "nobody writes between the import's read and its write"


def test_a_term_ending_before_it_starts_imports_without_it(env):
    _svc, imp, db = env
    term = {"term_start": date(2026, 9, 1), "term_end": date(2025, 6, 30)}
    result = imp.commit([Row(2, {"given_name": "Ana", "family_name": "Ruiz", **term})], committee="EAC",
                        file_name="f.xlsx")  # fmt: skip
    assert result.plan.created == 1 and result.plan.rows[0].status is Outcome.WARNING
    with db.sessions() as s:
        assert s.execute(select(Membership.term_start, Membership.term_end)).one() == (date(2026, 9, 1), None)
    assert imp.undo(result.batch_id).committee_id == result.committee_id
