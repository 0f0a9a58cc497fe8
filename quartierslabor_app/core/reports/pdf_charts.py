"""Bar charts for the reports (reportlab graphics, embedded fonts)."""
from __future__ import annotations

import math
from typing import Optional, Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from ..pdf_fonts import FONT, register_fonts
from .pdf_text import fit_width, plain

SERIES_COLORS = (colors.HexColor("#1f4e79"), colors.HexColor("#e07b39"), colors.HexColor("#6a9f58"),
                 colors.HexColor("#8e6bb0"))
LABEL_WIDTH = 150
BAR_ROW = 24


def nice_step(raw: float) -> float:
    """1, 2, 5, 10, 20, 50 … at least ``raw`` (axis ticks at whole, readable numbers)."""
    magnitude = 10 ** math.floor(math.log10(max(raw, 1e-9)))
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return max(1.0, factor * magnitude)
    return max(1.0, 10 * magnitude)


def horizontal_bars(categories: Sequence[str], series: Sequence[Sequence[float]], series_names: Sequence[str],
                    width: float, *, value_format: str = "%d", title: str = "",
                    value_max: Optional[float] = None) -> Drawing:
    """Grouped horizontal bars: one group per category (top to bottom), one bar per series."""
    register_fonts()
    n = max(1, len(categories))
    row = BAR_ROW if len(series) <= 2 else BAR_ROW + 8 * (len(series) - 2)
    plot_height = n * row
    bottom = 40                                   # value axis labels + legend below the plot
    title_height = 18 if title else 0
    height = plot_height + bottom + title_height + 10
    drawing = Drawing(width, height)
    drawing.initialFontName = FONT              # the renderer's default would be (unembedded) Helvetica
    drawing.initialFontSize = 8
    chart = HorizontalBarChart()
    chart.x = LABEL_WIDTH
    chart.y = bottom
    chart.width = width - LABEL_WIDTH - 30
    chart.height = plot_height
    # reportlab draws the first category at the bottom: reverse for reading order
    # ... and draws the first series at the bottom of each group: reverse the series too
    chart.data = [list(reversed([float(v) for v in values])) for values in reversed(series)] or [[0.0]]
    labels = [fit_width(plain(c), FONT, 7.5, LABEL_WIDTH - 10) for c in categories]
    chart.categoryAxis.categoryNames = list(reversed(labels)) or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = colors.HexColor("#888888")
    top = value_max if value_max is not None else max([max(values) if len(values) else 0 for values in series] + [1])
    step = nice_step(max(top, 1) * 1.1 / 5)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = step
    chart.valueAxis.valueMax = step * math.ceil(max(top, 1) * 1.1 / step)
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.strokeColor = colors.HexColor("#888888")
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.barSpacing = 1
    chart.groupSpacing = 6
    chart.barLabelFormat = value_format
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 6.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    for i in range(len(series)):
        chart.bars[len(series) - 1 - i].fillColor = SERIES_COLORS[i % len(SERIES_COLORS)]
        chart.bars[len(series) - 1 - i].strokeColor = None
    drawing.add(chart)
    legend = Legend()
    legend.x = LABEL_WIDTH
    legend.y = 2
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontName = FONT
    legend.fontSize = 8
    legend.dxTextSpace = 4
    legend.deltax = 110
    legend.boxAnchor = "sw"
    legend.colorNamePairs = [(SERIES_COLORS[i % len(SERIES_COLORS)], plain(name))
                             for i, name in enumerate(series_names)]
    drawing.add(legend)
    if title:
        drawing.add(String(0, height - 12, plain(title), fontName=FONT, fontSize=9))
    return drawing
