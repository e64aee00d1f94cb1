"""An indicator's chart (measured values, expected trajectory, target; a gap indicator's two groups and the gap)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.graphics.charts.legends import LineLegend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors

from equitydesk.domain.roadmap_status import IndicatorFacts, Point, fmt_value

# Colours a colour-blind reader tells apart (Okabe-Ito), and dashes as well, so that print in grey still works.
ACTUAL = colors.HexColor("#0072B2")
COMPARISON = colors.HexColor("#E69F00")
GAP = colors.HexColor("#009E73")
EXPECTED = colors.HexColor("#555555")
TARGET = colors.HexColor("#D55E00")


@dataclass(frozen=True)
class _Line:
    label: str
    points: tuple[Point, ...]
    color: colors.Color
    dashed: bool = False
    marker: str | None = "FilledCircle"


def indicator_drawing(facts: IndicatorFacts, *, width: float = 480, height: float = 260,
                      font: str = "Helvetica") -> Drawing:  # fmt: skip
    """The chart as a Drawing; its description (alt text) is `describe(facts)`."""
    lines = _lines(facts)
    drawing = Drawing(width, height)
    # A white ground of its own: an SVG is transparent, and a dark window theme would hide the black text.
    drawing.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None))
    drawing.add(String(8, height - 16, facts.name[:90], fontName=font, fontSize=11))
    drawn = [line for line in lines if line.points]
    if not drawn:
        drawing.add(String(width / 2, height / 2, "No measurements yet", fontName=font, fontSize=10,
                           textAnchor="middle", fillColor=colors.grey))  # fmt: skip
        return drawing
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 44, 54, width - 60, height - 90
    plot.data = [[(p.on.toordinal(), p.value) for p in line.points] for line in drawn]
    days = [p.on.toordinal() for line in drawn for p in line.points]
    values = [p.value for line in drawn for p in line.points]
    low, high = min(values), max(values)
    pad = (high - low) * 0.1 or max(abs(high) * 0.1, 1.0)
    plot.yValueAxis.valueMin = min(0.0, low - pad) if low >= 0 and low - pad < 0 else low - pad
    plot.yValueAxis.valueMax = high + pad
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = min(days) - 30, max(days) + 30
    years = sorted({date.fromordinal(d).year for d in days})
    plot.xValueAxis.valueSteps = [date(y, 1, 1).toordinal() for y in range(years[0], years[-1] + 2)
                                  if min(days) - 30 <= date(y, 1, 1).toordinal() <= max(days) + 30]  # fmt: skip
    plot.xValueAxis.labelTextFormat = lambda v: str(date.fromordinal(int(v)).year)
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName, axis.labels.fontSize = font, 8
    plot.yValueAxis.labelTextFormat = lambda v: f"{v:,.0f}" if abs(v) >= 10 else f"{v:,.1f}"
    for index, line in enumerate(drawn):
        plot.lines[index].strokeColor = line.color
        plot.lines[index].strokeWidth = 2 if not line.dashed else 1.2
        if line.dashed:
            plot.lines[index].strokeDashArray = [4, 3]
        if line.marker:
            plot.lines[index].symbol = makeMarker(line.marker, fillColor=line.color, size=5)
    drawing.add(plot)
    legend = LineLegend()
    legend.x, legend.y = 44, 18
    legend.fontName, legend.fontSize = font, 8
    legend.columnMaximum, legend.dx, legend.dy = 1, 14, 2
    legend.deltax = (width - 60) / len(drawn)  # every entry on one line inside the drawing
    legend.alignment = "right"
    legend.colorNamePairs = [(line.color, line.label[:28]) for line in drawn]
    # Columns grow to their names, so long group names in a wide font can run past the right edge, where an SVG
    # is cut off: then two rows, and if that is still too wide, smaller type.
    for rows, size in ((1, 8), (2, 8), (2, 7), (2, 6)):
        legend.columnMaximum, legend.fontSize = rows, size
        legend.y = 18 if rows == 1 else 28
        legend.deltax = (width - 60) / -(-len(drawn) // rows)
        if legend.getBounds()[2] <= width - 4:
            break
    drawing.add(legend)
    return drawing


def _lines(facts: IndicatorFacts) -> list[_Line]:
    path = facts.path()
    target = (facts.target,) if facts.target else ()
    expected = _Line("Expected", path, EXPECTED, dashed=True, marker=None)
    goal = _Line("Target", target, TARGET, marker="FilledDiamond")
    if facts.is_gap:
        return [
            _Line(facts.student_group or "Student group", facts.group, ACTUAL),
            _Line(facts.comparison_group or "Comparison group", facts.comparison, COMPARISON),
            _Line("Gap", facts.series(), GAP),
            expected,
            goal,
        ]
    return [_Line("Measured", facts.series(), ACTUAL), expected, goal]


def describe(facts: IndicatorFacts) -> str:
    """The chart in one sentence, from its data: "Reading, Black students: 38 % in 2024, 41 % in 2025, target …"."""
    target = ""
    if facts.target:
        target = f"target {fmt_value(facts, facts.target.value, short=True)} by {facts.target.on.year}"
    if facts.is_gap:
        parts = [
            f"{facts.student_group or 'student group'} {_series(facts, facts.group, gap=False)}" if facts.group else "",
            f"{facts.comparison_group or 'comparison group'} {_series(facts, facts.comparison, gap=False)}"
            if facts.comparison
            else "",
            f"gap {_series(facts, facts.series(), gap=True)}" if facts.series() else "",
        ]
        said = "; ".join(p for p in parts if p) or "no measurements yet"
        return f"{facts.name}: {said}" + (f"; {target}." if target else ".")
    series = facts.series()
    said = _series(facts, series, gap=False) if series else "no measurements yet"
    return f"{facts.name}: {said}" + (f", {target}." if target else ".")


def _series(facts: IndicatorFacts, points: tuple[Point, ...], *, gap: bool) -> str:
    ordered = sorted(points, key=lambda p: p.on)
    by_year = len({p.on.year for p in ordered}) == len(ordered)
    return ", ".join(
        f"{fmt_value(facts, p.value, short=True, gap=gap)} in {p.on.year if by_year else p.on.isoformat()}"
        for p in ordered
    )


def drawing_svg(drawing: Drawing) -> str:
    from reportlab.graphics import renderSVG

    # renderSVG writes "fill: None", which is not CSS: QtSvg then fills each bent line black as a polygon.
    return str(renderSVG.drawToString(drawing)).replace("fill: None;", "fill: none;")
