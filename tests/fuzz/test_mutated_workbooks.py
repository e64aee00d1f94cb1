"""A mutation fuzzer over valid roster files: byte flips, truncation, zip members swapped, deleted, duplicated or
damaged inside. Every case must end in a plain message (our refusal, one sentence) or a valid import, never a
traceback or a partial import. Fixed seed, a time budget (EQUITYDESK_FUZZ_SECONDS, 30 s) and a case cap; the
number of cases run is printed and kept in pytest's cache under equitydesk/mutation-fuzzer.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import signal
import sqlite3
import time
import traceback
import warnings
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from equitydesk.db.engine import open_database
from equitydesk.db.errors import DatabaseError
from equitydesk.formats import atomic
from equitydesk.formats.errors import FileRefused
from equitydesk.formats.roster_rows import RosterExportRow
from equitydesk.formats.roster_xlsx import write_roster_xlsx
from equitydesk.services.context import ServiceContext
from equitydesk.services.errors import DomainError
from equitydesk.services.registry import Services
from tests.roster_files import write_csv

SEED = 20261202
BUDGET_S = float(os.environ.get("EQUITYDESK_FUZZ_SECONDS", "30"))
MAX_CASES = int(os.environ.get("EQUITYDESK_FUZZ_CASES", "3000"))
PLAIN = (FileRefused, DomainError, DatabaseError)
TECHNICAL = ("Traceback", "Errno", "BadZipFile", "KeyError", "XMLSyntaxError", "ParseError", "zlib", "<class")

PEOPLE = [("Hodan", "Warsame", "hodan@example.org"), ("Mai", "Vang", "mai@example.org"),
          ("Lucía", "Hernández López", "lucia@example.org"), ("Tomás", "=Ng", "tomas@example.org"),
          ("مريم", "الحسن", "maryam@example.org"), ("Nguyễn", "Thị Lan", "lan@example.org")]  # fmt: skip


def seeds(folder: Path) -> list[Path]:
    """Valid roster files of three makers: our own export, an openpyxl workbook, a CSV."""
    export = folder / "export.xlsx"
    write_roster_xlsx(
        export,
        [RosterExportRow(family_name=f, given_name=g, email=e, role="Member") for g, f, e in PEOPLE],
        committee_name="EAC",
    )
    book = Workbook()
    sheet = book.active
    sheet.append(["Roster for the fall"])
    sheet.append(["First Name", "Last Name", "Email", "Role", "Stakeholder group", "Term start"])
    for i, (g, f, e) in enumerate(PEOPLE):
        sheet.append([g, f, e, "Chair" if i == 0 else "Member", "Parent/guardian", "2025-09-01"])
    book.save(folder / "office.xlsx")
    rows: list[list[object]] = [["Name", "E-mail", "Phone"]] + [[f"{g} {f}", e, "651-555-0100"] for g, f, e in PEOPLE]
    return [export, folder / "office.xlsx", write_csv(folder / "signup.csv", rows)]


# --- mutations: each takes the file's bytes and the random source, and gives new bytes ------------------------


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        out[rng.randrange(len(out))] ^= rng.randint(1, 255)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))]


def insert_bytes(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + rng.randbytes(rng.randint(1, 64)) + data[at:]


def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return [(info, book.read(info)) for info in book.infolist()]


def _zipped(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        warnings.simplefilter("ignore")  # a duplicated member is the point
        for name, content in members:
            book.writestr(name, content)
    return buffer.getvalue()


def swap_members(data: bytes, rng: random.Random) -> bytes:
    members = [(i.filename, c) for i, c in _members(data)]
    a, b = rng.sample(range(len(members)), 2)
    members[a], members[b] = (members[a][0], members[b][1]), (members[b][0], members[a][1])
    return _zipped(members)


def delete_member(data: bytes, rng: random.Random) -> bytes:
    members = [(i.filename, c) for i, c in _members(data)]
    del members[rng.randrange(len(members))]
    return _zipped(members)


def duplicate_member(data: bytes, rng: random.Random) -> bytes:
    members = [(i.filename, c) for i, c in _members(data)]
    name, _content = rng.choice(members)
    return _zipped([*members, (name, rng.choice(members)[1])])


def damage_member(data: bytes, rng: random.Random) -> bytes:
    """Flip, cut or repeat bytes inside one member, zipped again with a right CRC: the XML parser gets it."""
    members = [(i.filename, c) for i, c in _members(data)]
    at = rng.randrange(len(members))
    name, content = members[at]
    how = rng.choice((flip_bytes, truncate, insert_bytes, lambda d, r: d * r.randint(2, 4))) if content else None
    members[at] = (name, how(content, rng) if how else rng.randbytes(8))
    return _zipped(members)


BYTE_MUTATIONS: list[Callable[[bytes, random.Random], bytes]] = [flip_bytes, truncate, insert_bytes]
ZIP_MUTATIONS = [swap_members, delete_member, duplicate_member, damage_member, damage_member, damage_member]


def cases(paths: list[Path], rng: random.Random) -> Iterator[tuple[str, str, bytes]]:
    originals = [(p, p.read_bytes()) for p in paths]
    while True:
        path, data = rng.choice(originals)
        kinds = BYTE_MUTATIONS + (ZIP_MUTATIONS if path.suffix == ".xlsx" else [])
        mutation = rng.choice(kinds)
        mutated = mutation(data, rng)
        if rng.random() < 0.2:  # now and then two at once
            mutated = rng.choice(BYTE_MUTATIONS)(mutated, rng) if mutated else mutated
        yield path.name, mutation.__name__, mutated


# --- the run ---------------------------------------------------------------------------------------------------


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def plain(message: str) -> bool:
    return bool(message) and "\n" not in message and not any(t in message for t in TECHNICAL) and len(message) < 600


class Hung(Exception):
    pass


def _alarm(_signum: int, _frame: Any) -> None:
    raise Hung("the case took more than 20 seconds")


@pytest.fixture(autouse=True)
def no_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    # The backups made before each import flush to disk; the fuzzer is about content, and the disk is slow here.
    monkeypatch.setattr(atomic, "_fsync_file", lambda _path: None)


def test_mutated_roster_files_end_in_a_plain_message_or_a_whole_import(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    rng = random.Random(SEED)
    originals = seeds(tmp_path)
    db_path = tmp_path / "fuzz.sqlite"
    db = open_database(db_path)
    services = Services.build(ServiceContext(db.sessions, actor="fuzz"))
    tally = {"cases": 0, "imported": 0, "refused": 0}
    by_mutation: dict[str, int] = {}
    bugs: list[str] = []
    previous = signal.signal(signal.SIGALRM, _alarm)
    started = time.monotonic()
    try:
        for name, mutation, data in cases(originals, rng):
            if tally["cases"] >= MAX_CASES or time.monotonic() - started > BUDGET_S:
                break
            tally["cases"] += 1
            by_mutation[mutation] = by_mutation.get(mutation, 0) + 1
            case = tmp_path / "case" / name
            case.parent.mkdir(exist_ok=True)
            case.write_bytes(data)
            before = counts(db_path)
            signal.alarm(20)
            try:
                parsed = services.roster_import.read_file(case)
                result = services.roster_import.commit(parsed.rows, committee="EAC", file_name=case.name)
            except PLAIN as exc:
                tally["refused"] += 1
                if not plain(str(exc)) or counts(db_path) != before:
                    bugs.append(f"{mutation} of {name}: {type(exc).__name__}: {str(exc)[:300]!r}")
            except Exception as exc:  # the point of the fuzzer: anything else is a bug, with where it came from
                where = traceback.extract_tb(exc.__traceback__)[-1]
                bugs.append(
                    f"{mutation} of {name}: {type(exc).__name__}: {str(exc)[:200]} at {where.filename}:{where.lineno}"
                )
            else:
                tally["imported"] += 1
                after = counts(db_path)
                written = after["person"] - before["person"]
                if written != result.plan.created:
                    bugs.append(f"{mutation} of {name}: {result.plan.created} new people planned, {written} written")
            finally:
                signal.alarm(0)
            for leftover in case.parent.iterdir():
                leftover.unlink()
    finally:
        signal.signal(signal.SIGALRM, previous)
        db.dispose()
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    report = {**tally, "bugs": len(bugs), "seconds": round(time.monotonic() - started, 1), "by_mutation": by_mutation}
    if getattr(request.config, "cache", None) is not None:
        request.config.cache.set("equitydesk/mutation-fuzzer", report)
    terminal = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    shown = capture.global_and_fixture_disabled() if capture is not None else contextlib.nullcontext()
    if terminal is not None:
        with shown:  # past pytest's capture, so that the figures are in the run's output
            terminal.write_line("")
            terminal.write_line(f"mutation fuzzer (seed {SEED}): {report}")
    assert tally["cases"] >= 50, "the budget ran out before the fuzzer got going"
    assert tally["imported"] and tally["refused"], "both outcomes should occur: else the mutations are off"
    assert bugs == [], f"{len(bugs)} of {tally['cases']} cases ended badly:\n" + "\n".join(sorted(set(bugs))[:40])
