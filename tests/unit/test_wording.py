"""Counted nouns agree with their count everywhere, and the command line's errors speak no window words."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from equitydesk.cli import main
from equitydesk.domain.wording import plural
from equitydesk.formats.errors import FileRefused
from equitydesk.formats.pdf.roster_directory import write_roster_directory
from equitydesk.formats.roster_rows import DirectoryRow
from equitydesk.formats.sniff import sniff

# Phrases that only make sense in front of the window: a file dialog, a button, a menu.
WINDOW_WORDS = ("Choose the file again", "click", "Click", "press ", "Press ", "button", " › ")


def test_plural_agrees_with_the_count() -> None:
    assert plural(1, "person", "people") == "1 person"
    assert plural(0, "person", "people") == "0 people"
    assert plural(1, "row") == "1 row"
    assert plural(1204, "row") == "1,204 rows"


def test_demo_refusal_counts_one_committee_as_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "one.sqlite"
    assert main(["--db", str(db), "init"]) == 0
    from equitydesk.db.engine import open_database
    from equitydesk.services.registry import services_for

    database = open_database(db)
    services_for(database).committees.create(name="Equity Advisory Committee")
    database.dispose()
    capsys.readouterr()
    assert main(["--db", str(db), "demo"]) == 2
    err = capsys.readouterr().err
    assert "(0 people, 1 committee)" in err, err
    assert "1 committees" not in err


def test_a_missing_roster_file_is_refused_in_words_for_both_faces(tmp_path: Path) -> None:
    with pytest.raises(FileRefused) as refused:
        sniff(tmp_path / "gone.xlsx")
    message = str(refused.value)
    assert message.startswith("gone.xlsx was not found in ") and str(tmp_path) in message
    assert not any(word in message for word in WINDOW_WORDS), message


def test_the_cli_says_a_missing_file_without_window_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "eac.sqlite"
    assert main(["--db", str(db), "init"]) == 0
    capsys.readouterr()
    code = main(["--db", str(db), "import-roster", str(tmp_path / "gone.xlsx"), "--committee", "EAC", "--dry-run"])
    err = capsys.readouterr().err
    assert code == 2 and "gone.xlsx was not found" in err
    assert not any(word in err for word in WINDOW_WORDS), err


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_a_directory_of_one_says_one_member(tmp_path: Path) -> None:
    target = tmp_path / "one.pdf"
    row = DirectoryRow(family_name="Anderson", given_name="Linda", role="Chair", email="linda@example.org")
    write_roster_directory(target, [row], committee_name="EAC", generated_on=dt.date(2025, 3, 5))
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "1 member" in text and "1 members" not in text
