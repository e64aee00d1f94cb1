"""Importing measurements from a .csv and an .xlsx built here: written as one batch or not at all, undone exactly,
with the plan's status history following the new values as it does for a measurement added in the window."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from equitydesk.db.tables import Base, Measurement
from equitydesk.domain.enums import MeasurementSeries, RagStatus
from equitydesk.formats.errors import FileRefused
from equitydesk.services.errors import DomainError
from equitydesk.services.registry import Services
from equitydesk.services.roadmap_status import RoadmapStatusService
from tests.factories import make_committee
from tests.roster_files import write_csv

SENTINEL = "ZQX-SENTINEL-"


@pytest.fixture
def plan(services: Services) -> dict[str, int]:
    """A plan with a reading indicator (40 % in June 2024 → 60 % by June 2027) and a reading gap (30 → 10 points)."""
    committee = make_committee(services, name="EAC")
    made = services.plans.create_from_template(template="blank", name="Reading plan", committee_id=committee.id)
    strategy = services.roadmap.add_strategy(plan_id=made.id, title="Literacy")
    goal = services.roadmap.add_goal(strategy_id=strategy.id, statement="Every child reads")
    reading = services.roadmap.add_indicator(
        goal_id=goal.id, name="Reading proficiency", code="R1", unit_kind="percent", baseline_value=40,
        baseline_on=date(2024, 6, 1), target_value=60, target_on=date(2027, 6, 1),
    )  # fmt: skip
    gap = services.roadmap.add_indicator(
        goal_id=goal.id, name="Gap in reading", code="R2", unit_kind="percent", direction="decrease",
        student_group="Black students", comparison_group="White students", baseline_value=30,
        baseline_on=date(2024, 6, 1), target_value=10, target_on=date(2027, 6, 1),
    )  # fmt: skip
    return {"plan": made.id, "reading": reading.id, "gap": gap.id, "committee": committee.id}


def everything(services: Services) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: what "the database is equal" means."""
    with services.ctx.sessions() as session:
        return {t.name: sorted(map(tuple, session.execute(select(t)).all()), key=repr)
                for t in Base.metadata.sorted_tables}  # fmt: skip


def measurements(services: Services, indicator_id: int) -> list[tuple[str, str, float, str | None]]:
    return [(m.measured_on.isoformat(), m.series.value, m.value, m.source)
            for m in services.roadmap.measurements(indicator_id=indicator_id)]  # fmt: skip


def scores_csv(path: Path, extra: list[list[object]] | None = None) -> Path:
    return write_csv(path, [
        ["Indicator", "Date", "Value", "Student group", "Source"],
        ["R1", "6/1/2025", "47%", "", "MCA"],
        ["gap in reading", "2025-06-01", "44", "Black students", ""],
        ["Gap in reading", "2025-06-01", "70.0 %", "White students", ""],
        ["Math", "6/1/2025", "12", "", ""],
        ["R1", "June first", "50", "", ""],
        *(extra or []),
    ])  # fmt: skip


def test_a_csv_is_previewed_written_as_one_batch_and_the_status_follows(services: Services, plan, tmp_path) -> None:
    importer = services.measurement_import
    parsed = importer.map(importer.open(scores_csv(tmp_path / "scores.csv")))
    assert (parsed.header_row, parsed.batch_mapping()) == (1, {"Indicator": "indicator", "Date": "measured_on",
                                                               "Value": "value", "Student group": "group",
                                                               "Source": "source"})  # fmt: skip
    before = everything(services)
    preview = importer.plan(parsed, plan_id=plan["plan"])
    assert (preview.created, preview.updated, preview.unchanged, preview.rejected) == (3, 0, 0, 2)
    assert everything(services) == before, "the preview writes nothing"
    assert [preview.place(e) for e in preview.errors] == [
        "scores.csv, row 5, column A (Indicator): No indicator of the plan “Reading plan” has the code or name "
        "“Math”. Check the spelling, or add the indicator on the Roadmap page first.",
        "scores.csv, row 6, column B (Date): 'June first' is not a date I can read; write it like 9/1/2025.",
    ]
    assert services.roadmap_status.history(kind="indicator", node_id=plan["reading"]) == ()

    result = importer.commit(parsed, plan_id=plan["plan"])
    assert measurements(services, plan["reading"]) == [("2025-06-01", "value", 47.0, "MCA")]
    assert measurements(services, plan["gap"]) == [("2025-06-01", "comparison", 70.0, None),
                                                   ("2025-06-01", "group", 44.0, None)]  # fmt: skip
    # 47 % a year in: expected 40 + 20/3 ≈ 46.7 → on track; the history says so, set by the rules.
    (entry,) = services.roadmap_status.history(kind="indicator", node_id=plan["reading"])
    assert (entry.status, entry.source.value) == (RagStatus.ON_TRACK, "rule") and "47.0 %" in (entry.reason or "")
    batch = services.roster_import.batches()[0]
    assert (batch.id, batch.file_name, batch.committee_name, batch.created, batch.rejected) == (
        result.batch_id,
        "scores.csv",
        "EAC",
        3,
        2,
    )
    assert services.measurement_import.is_measurement_batch(result.batch_id)

    again = importer.commit(importer.map(importer.open(tmp_path / "scores.csv")), plan_id=plan["plan"])
    assert (again.plan.created, again.plan.updated, again.plan.unchanged) == (0, 0, 3)
    assert len(services.roadmap_status.history(kind="indicator", node_id=plan["reading"])) == 1, "no change, no entry"


def test_an_update_is_undone_exactly_and_the_status_goes_back(services: Services, plan, tmp_path) -> None:
    importer = services.measurement_import
    services.roadmap.add_measurement(indicator_id=plan["reading"], measured_on="2025-06-01", value=47, source="MCA")
    services.roadmap.add_measurement(indicator_id=plan["reading"], measured_on="2024-12-01", value=43)
    before = measurements(services, plan["reading"])
    stored = everything(services)["measurement"]
    assert services.roadmap_status.indicator(indicator_id=plan["reading"]).status.status is RagStatus.ON_TRACK
    path = write_csv(tmp_path / "fix.csv", [["Code", "Fecha", "Valor", "Fuente"], ["r1", "6/1/2025", "41", "MCA-2"],
                                            ["R1", "6/1/2026", "44", ""]])  # fmt: skip
    result = importer.commit(importer.map(importer.open(path)), plan_id=plan["plan"])
    assert (result.plan.created, result.plan.updated) == (1, 1)
    assert result.plan.rows[0].changes == {"value": (47.0, 41.0), "source": ("MCA", "MCA-2")}
    after = services.roadmap_status.indicator(indicator_id=plan["reading"]).status
    assert after.status is RagStatus.OFF_TRACK and "44.0 %" in after.reason
    assert services.roadmap_status.history(kind="indicator", node_id=plan["reading"])[0].status is RagStatus.OFF_TRACK

    undone = services.measurement_import.undo(result.batch_id)
    assert (undone.removed, undone.restored) == (1, 1)
    assert measurements(services, plan["reading"]) == before
    assert everything(services)["measurement"] == stored, "every column of every row, ids included"
    history = services.roadmap_status.history(kind="indicator", node_id=plan["reading"])
    assert history[0].status is RagStatus.ON_TRACK, "the history follows the undo too"
    with pytest.raises(DomainError, match="already undone"):
        services.measurement_import.undo(result.batch_id)


def test_a_failure_mid_write_leaves_the_database_as_it_was(services: Services, plan, tmp_path, monkeypatch) -> None:
    importer = services.measurement_import
    services.roadmap.add_measurement(indicator_id=plan["reading"], measured_on="2025-06-01", value=45)
    parsed = importer.map(importer.open(scores_csv(tmp_path / "scores.csv")))
    before = everything(services)
    seen: list[list[tuple[Any, ...]]] = []

    def failing(self: RoadmapStatusService, session: Any, plan_id: int) -> Any:
        seen.append(session.execute(select(Measurement.value, Measurement.source).order_by(Measurement.id)).all())
        raise DomainError("The disk is full.")

    monkeypatch.setattr(RoadmapStatusService, "refresh_in", failing)
    with pytest.raises(DomainError, match="The disk is full"):
        importer.commit(parsed, plan_id=plan["plan"])
    assert [tuple(r) for r in seen[0]] == [(47.0, "MCA"), (44.0, None), (70.0, None)], (
        "the failure really came after the update and the new rows were written"
    )
    assert everything(services) == before


def spanish_workbook(path: Path) -> Path:
    wb = Workbook()
    notes = wb.active
    notes.title = "Léame"
    notes.append(["Este libro tiene los datos de lectura."])
    data = wb.create_sheet("Datos 2025")
    data["A1"] = "Resultados de lectura 2024–25"
    data.merge_cells("A1:F1")
    data.append([])
    data.append(["Código", "Fecha", "Porcentaje", "Grupo de estudiantes", "Estatus migratorio", "Notas"])
    data.append(["R2", date(2025, 6, 1), 0.44, "Black students", SENTINEL + "1", "Primavera"])
    data.append(["R2", "6/1/2025", "71%", "White students", SENTINEL + "2", None])
    data.append(["R2", "6/1/2025", 27, "", SENTINEL + "3", None])
    data.append([None, None, None, None, SENTINEL + "4", None])  # a row of nothing but a status: nothing is left
    wb.save(path)
    return path


def test_an_xlsx_with_title_rows_spanish_headings_and_a_designed_out_column(services: Services, plan,
                                                                            tmp_path) -> None:  # fmt: skip
    importer = services.measurement_import
    sheet = importer.open(spanish_workbook(tmp_path / "lectura.xlsx"))
    assert (sheet.sheet, sheet.header_row) == ("Datos 2025", 3), "the sheet that holds measurements, under its title"
    parsed = importer.map(sheet)
    assert parsed.mapping == {0: "code", 1: "measured_on", 2: "value", 3: "group", 4: None, 5: "note"}
    assert parsed.notes == ("Column E “Estatus migratorio” was left out without reading it: EquityDesk keeps no "
                            "record of anyone's citizenship or immigration status.",)  # fmt: skip
    assert [r.row_number for r in parsed.rows] == [4, 5, 6]
    assert SENTINEL not in repr([r.values for r in parsed.rows]) + repr([r.raw for r in parsed.rows])
    assert not [c for r in sheet._rows.rows for c in r if SENTINEL in str(c)], "not even the kept sheet holds them"
    forced = importer.map(sheet, mapping={0: "code", 1: "measured_on", 2: "value", 3: "group", 4: "note"})
    assert SENTINEL not in repr([r.values for r in forced.rows]), "not even when mapped by hand"

    result = importer.commit(parsed, plan_id=plan["plan"])
    assert (result.plan.created, result.plan.rejected) == (3, 0)
    (share,) = result.plan.warnings
    assert (share.row, share.column) == (4, "C") and "if it is a share (44 %), write 44" in share.message
    assert measurements(services, plan["gap"]) == [("2025-06-01", "comparison", 71.0, None),
                                                   ("2025-06-01", "group", 0.44, None),
                                                   ("2025-06-01", "value", 27.0, None)]  # fmt: skip
    for part in tmp_path.parent.rglob("*.sqlite*"):
        if part.is_file():
            assert SENTINEL.encode() not in part.read_bytes(), part.name
    assert [m.series for m in services.roadmap.measurements(indicator_id=plan["gap"])][-1] is MeasurementSeries.VALUE


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        ([["Name", "Email"], ["Mai", "mai@example.org"]], "Put a row of headings such as Indicator, Date, Value"),
        ([["Indicator", "Value"], ["R1", "4"]], "No column holds Date"),
    ],
)
def test_a_sheet_without_the_columns_is_refused_in_a_sentence(services: Services, plan, tmp_path, rows,
                                                              words) -> None:  # fmt: skip
    path = write_csv(tmp_path / "odd.csv", rows)
    try:
        parsed = services.measurement_import.map(services.measurement_import.open(path))
    except FileRefused as exc:
        assert words in str(exc)
        return
    (problem,) = parsed.problems
    assert problem.is_error and words in problem.message and parsed.rows == []
    before = everything(services)
    with pytest.raises(DomainError, match=f"odd.csv: {words}"):
        services.measurement_import.commit(parsed, plan_id=plan["plan"])
    assert everything(services) == before, "not even an empty batch is recorded"


def test_the_roster_undo_routes_a_measurement_batch_here(services: Services, plan, tmp_path) -> None:
    importer = services.measurement_import
    result = importer.commit(importer.map(importer.open(scores_csv(tmp_path / "s.csv"))), plan_id=plan["plan"])
    assert not services.action_import.is_action_batch(result.batch_id)
    services.roster_import.undo(result.batch_id)
    assert measurements(services, plan["reading"]) == [] and measurements(services, plan["gap"]) == []


def test_a_plan_exported_to_xlsx_imports_back_as_unchanged(services: Services, plan, tmp_path) -> None:
    services.roadmap.add_measurement(indicator_id=plan["reading"], measured_on="2025-06-01", value=47, source="MCA")
    services.roadmap.add_measurement(indicator_id=plan["gap"], measured_on="2025-06-01", value=44, series="group")
    services.roadmap.add_measurement(indicator_id=plan["gap"], measured_on="2025-06-01", value=70, series="comparison")
    target = tmp_path / "plan.xlsx"
    services.roadmap_export.export_xlsx(plan_id=plan["plan"], target=target)
    sheet = services.measurement_import.open(target)
    assert sheet.sheet == "Measurements", "of the export's sheets, the one of measurements"
    preview = services.measurement_import.plan(services.measurement_import.map(sheet), plan_id=plan["plan"])
    assert (preview.unchanged, preview.created, preview.updated, preview.rejected) == (3, 0, 0, 0)
