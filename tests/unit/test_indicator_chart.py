"""An indicator's chart: one Drawing for PDFs and the window, and the sentence that describes it from its data."""

from __future__ import annotations

from datetime import date

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing

from equitydesk.domain.enums import Direction, IndicatorKind
from equitydesk.domain.roadmap_status import IndicatorFacts, Point
from equitydesk.formats.charts.indicator_chart import describe, drawing_svg, indicator_drawing

READING = IndicatorFacts(
    name="Reading proficiency, Black students", baseline=Point(date(2024, 6, 1), 38.0),
    target=Point(date(2027, 6, 1), 55.0), values=(Point(date(2025, 6, 1), 41.0), Point(date(2024, 6, 1), 38.0)),
)  # fmt: skip
GAP = IndicatorFacts(
    name="Gap in reading proficiency", kind=IndicatorKind.GAP, direction=Direction.DECREASE,
    baseline=Point(date(2024, 6, 1), 32.0), target=Point(date(2027, 6, 1), 20.0),
    group=(Point(date(2024, 6, 1), 38.0), Point(date(2025, 6, 1), 41.0)),
    comparison=(Point(date(2024, 6, 1), 70.0), Point(date(2025, 6, 1), 71.0)),
    student_group="Black students", comparison_group="White students",
)  # fmt: skip


def plot_of(drawing: Drawing) -> LinePlot:
    (plot,) = [c for c in drawing.contents if isinstance(c, LinePlot)]
    return plot


def test_the_description_reads_as_the_issue_words_it() -> None:
    assert describe(READING) == "Reading proficiency, Black students: 38 % in 2024, 41 % in 2025, target 55 % by 2027."


def test_a_value_chart_has_the_measurements_the_trajectory_and_the_target() -> None:
    plot = plot_of(indicator_drawing(READING))
    measured, expected, target = plot.data
    assert [v for _d, v in measured] == [38.0, 41.0] and [v for _d, v in expected] == [38.0, 55.0]
    assert target == [(date(2027, 6, 1).toordinal(), 55.0)]


def test_a_gap_chart_has_both_groups_and_the_gap() -> None:
    plot = plot_of(indicator_drawing(GAP))
    group, comparison, gap = plot.data[:3]
    assert [v for _d, v in group] == [38.0, 41.0] and [v for _d, v in comparison] == [70.0, 71.0]
    assert [v for _d, v in gap] == [32.0, 30.0]
    assert describe(GAP).endswith("gap 32 points in 2024, 30 points in 2025; target 20 points by 2027.")
    svg = drawing_svg(indicator_drawing(GAP))
    assert svg.lstrip().startswith("<?xml") and "Black students" in svg and "White students" in svg
    assert "fill: None" not in svg, "QtSvg fills a line black when the fill is not valid CSS"


def test_an_indicator_without_measurements_says_so() -> None:
    empty = IndicatorFacts(name="Survey")
    assert describe(empty) == "Survey: no measurements yet."
    assert not [c for c in indicator_drawing(empty).contents if isinstance(c, LinePlot)]


def test_the_legend_stays_inside_the_drawing_with_long_names_in_a_wide_font() -> None:
    from reportlab.graphics.charts.legends import LineLegend

    from equitydesk.formats.pdf.fonts import FAMILY, register_fonts

    register_fonts()
    long_names = IndicatorFacts(
        name="Gap in suspensions", kind=IndicatorKind.GAP, direction=Direction.DECREASE,
        baseline=Point(date(2024, 9, 1), 8.0), target=Point(date(2028, 6, 30), 4.0),
        group=(Point(date(2024, 9, 1), 12.0), Point(date(2025, 9, 1), 11.0)),
        comparison=(Point(date(2024, 9, 1), 4.0), Point(date(2025, 9, 1), 3.0)),
        student_group="American Indian students", comparison_group="All other students in the district",
    )  # fmt: skip
    for width in (430, 480):
        drawing = indicator_drawing(long_names, width=width, height=190, font=FAMILY)
        (legend,) = [c for c in drawing.contents if isinstance(c, LineLegend)]
        assert legend.getBounds()[2] <= width, "an SVG cuts off what runs past its right edge"
        assert legend.getBounds()[1] >= 0
