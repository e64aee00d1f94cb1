"""The import preview table: what each row will do, filtered by status, checked by Qt's model tester."""

from __future__ import annotations

import pytest
from roster_import_samples import EAC, messy_roster

from equitydesk.gui.roster_import.preview_model import ImportPreviewModel, counts_text
from equitydesk.services.roster_import import Outcome


@pytest.fixture
def roster_file(tmp_path):
    return messy_roster(tmp_path / "EAC roster 2025.xlsx")


def plan(services, roster_file):
    importer = services.roster_import
    return importer.plan(importer.map(importer.open(roster_file).sheet).rows, committee=EAC)


def test_the_preview_model_passes_the_model_tester(qtmodeltester, services, committee, roster_file):
    model = ImportPreviewModel()
    model.set_rows(plan(services, roster_file).rows)
    qtmodeltester.check(model)
    model.set_status_filter(Outcome.NEW)
    qtmodeltester.check(model)
    assert [model.row_plan(r).row for r in range(model.rowCount())] == [4, 10]
    assert model.counts()[Outcome.NEW] == 2 and model.counts()[Outcome.WARNING] == 1
    assert model.counts()[Outcome.MERGED] == 1, "a merged duplicate shows as merged, though its note is a warning"


def test_the_counts_line_and_what_each_row_says(services, committee, roster_file):
    found = plan(services, roster_file)
    assert counts_text(found) == "3 new · 1 updated · 1 unchanged · 1 duplicate merged · 1 skipped · 1 with warnings"
    model = ImportPreviewModel()
    model.set_rows(found.rows)
    model.set_status_filter(Outcome.ERROR)
    assert model.rowCount() == 1 and model.index(0, 3).data().startswith("This row has no name")
    model.set_status_filter(Outcome.MERGED)
    assert model.index(0, 3).data() == "Same person as row 4: merged into it"
