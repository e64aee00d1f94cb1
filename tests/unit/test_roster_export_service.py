"""Roster exports from the database: every membership in the workbook, public directory without contacts."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook

from equitydesk.db.engine import open_database
from equitydesk.formats.errors import ExportError
from equitydesk.services.context import ServiceContext
from equitydesk.services.errors import NotFound
from equitydesk.services.registry import Services


def eac_id(s: Services) -> int:
    return s.committees.id_by_name("Equity Advisory Committee")


@pytest.fixture
def svc(tmp_path):
    db = open_database(tmp_path / "exp.sqlite")
    s = Services.build(ServiceContext(db.sessions, actor="test", today=lambda: date(2025, 9, 1)))
    eac = s.committees.create(name="Equity Advisory Committee")
    for given, family, email, group in [
        ("Hodan", "Warsame", "hodan@example.org", "parent_guardian"),
        ("Nguyễn Thị", "Ánh", '=HYPERLINK("http://x","y")@example.org', "teacher"),
        ("Tom", "<b>Lee</b>", None, "student"),
    ]:
        p = s.people.create(given_name=given, family_name=family, phone="612-555-0100")
        if email and "@" in email and not email.startswith("="):
            s.people.update(p.id, email=email)
        s.memberships.create(person_id=p.id, committee_id=eac.id, stakeholder_group=group, role="member")
    yield s
    db.dispose()


def test_xlsx_has_one_row_per_membership_and_text_stays_text(svc, tmp_path):
    out = tmp_path / "roster.xlsx"
    result = svc.roster_export.export_xlsx(
        committee_id=svc.committees.id_by_name("equity advisory committee"), target=out
    )
    assert result.rows == 3
    ws = load_workbook(out)["Roster"]
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    families = sorted(v[0] for v in values)
    assert families == ["<b>Lee</b>", "Warsame", "Ánh"]
    assert all(c.data_type == "s" for row in ws.iter_rows(min_row=2, max_col=2) for c in row)


def test_unknown_committee_is_a_plain_error_and_no_file(svc, tmp_path):
    with pytest.raises(NotFound, match=r"^There is no committee called Nobody\.$"):
        svc.committees.id_by_name("Nobody")
    gone = svc.committees.create(name="Short-lived committee")
    svc.committees.delete(gone.id)
    out = tmp_path / "x.xlsx"
    for write in (
        lambda: svc.roster_export.export_xlsx(committee_id=gone.id, target=out),
        lambda: svc.roster_export.directory_pdf(committee_id=gone.id, target=out),
        lambda: svc.roster_export.signin_pdf(committee_id=gone.id, target=out),
    ):
        with pytest.raises(NotFound, match=r"^This committee no longer exists"):
            write()
    assert not out.exists()


def test_failed_export_leaves_the_old_file(svc, tmp_path):
    out = tmp_path / "missing-folder" / "x.xlsx"
    with pytest.raises(ExportError):
        svc.roster_export.export_xlsx(committee_id=eac_id(svc), target=out)
    assert not out.exists()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_public_directory_leaves_out_contacts_and_signin_lists_everyone(svc, tmp_path):
    public = tmp_path / "public.pdf"
    svc.roster_export.directory_pdf(committee_id=eac_id(svc), target=public, include_contact=False)
    text = subprocess.run(["pdftotext", str(public), "-"], capture_output=True, text=True, check=True).stdout
    assert "Warsame" in text and "Nguyễn Thị" in text and "<b>Lee</b>" in text
    assert "hodan@example.org" not in text and "612-555-0100" not in text

    internal = tmp_path / "internal.pdf"
    svc.roster_export.directory_pdf(committee_id=eac_id(svc), target=internal, include_contact=True)
    text = subprocess.run(["pdftotext", str(internal), "-"], capture_output=True, text=True, check=True).stdout
    assert "hodan@example.org" in text

    signin = tmp_path / "signin.pdf"
    result = svc.roster_export.signin_pdf(committee_id=eac_id(svc), target=signin, large_print=True)
    text = subprocess.run(["pdftotext", str(signin), "-"], capture_output=True, text=True, check=True).stdout
    assert result.rows == 3 and "Hodan" in text and "Ánh" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_public_directory_does_not_say_who_needs_an_interpreter(svc, tmp_path):
    person = svc.people.create(given_name="Fadumo", family_name="Hassan", interpreter_language="Somali")
    svc.memberships.create(person_id=person.id, committee_id=eac_id(svc))
    public, internal = tmp_path / "public.pdf", tmp_path / "internal.pdf"
    svc.roster_export.directory_pdf(committee_id=eac_id(svc), target=public, include_contact=False)
    svc.roster_export.directory_pdf(committee_id=eac_id(svc), target=internal, include_contact=True)

    def text(path):
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout

    assert "Hassan" in text(public) and "Interpreter" not in text(public)
    assert "Interpreter: Somali" in " ".join(text(internal).split())
