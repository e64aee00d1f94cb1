"""Charts drawn once as reportlab Drawings: into the printed PDF as they are, into the accessible one as SVG."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors

from equitydesk.formats.pdf.fonts import FAMILY, register_fonts

# Status colours that stay apart for red–green colour blindness; the bars are labelled in words too.
STATUS_COLOURS = ("#1B7837", "#E08214", "#B2182B", "#8C8C8C")


def status_bar_chart(
    labels: Sequence[str], values: Sequence[int], *, width: float = 360, height: float = 120
) -> Drawing:
    register_fonts()
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 90, 12
    chart.width, chart.height = width - 110, height - 24
    chart.data = [list(values)]
    chart.categoryAxis.categoryNames = list(labels)
    chart.categoryAxis.reverseDirection = True
    chart.categoryAxis.labels.fontName = FAMILY
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = FAMILY
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = 1
    chart.valueAxis.valueMax = max([1, *values])
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = FAMILY
    chart.barLabels.fontSize = 8
    chart.barLabels.nudge = 7
    chart.bars.strokeColor = None
    for index, colour in enumerate(STATUS_COLOURS[: len(values)]):
        chart.bars[(0, index)].fillColor = colors.HexColor(colour)
    drawing.add(chart)
    return drawing


def drawing_svg(drawing: Drawing) -> str:
    from reportlab.graphics import renderSVG

    # renderSVG writes "fill: None", which is not CSS: SVG readers (typst, QtSvg) then fill each bent line black.
    return str(renderSVG.drawToString(drawing)).replace("fill: None;", "fill: none;")
