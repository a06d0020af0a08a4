"""The report's blocks, laid down the pages with the sheet's ``Flow`` and drawn with its
``Canvas``: the title, her weeks and streaks, the two charts, the week table, the exercises.

The charts are drawn here, in the sheet's canvas (millimetres and points on the page device,
black and grey ink as on the sheet), not with the screen's ``ui.history_charts`` painter,
whose margins and pens are screen pixels; they use its series (``bars_from_weeks``,
``points_from_weeks``) and its geometry (``slot_centre``, ``bar_rect``, ``pain_point``), so
the printed bars and the History page's are the same shares of the same weeks. A setback week
is a dashed line and a triangle, so nothing depends on colour. Table rows are blocks of their
own, so a long table flows on to the next page with its head drawn again.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPolygonF

from backcare.sheet.canvas import INK, RULE, SHADE, Canvas, TextStyle
from backcare.sheet.flow import Flow
from backcare.sheet.report_data import ReportData
from backcare.sheet.report_words import (
    ADHERENCE_HEADING,
    EMPTY,
    EXERCISE_HEAD,
    EXERCISES_HEADING,
    PAIN_HEADING,
    TABLE_HEAD,
    TABLE_HEADING,
    chart_key,
    streak_words,
    title_words,
    week_row,
    weeks_words,
)
from backcare.ui.history_charts import (
    PAIN_MAX,
    PainPoint,
    WeekBar,
    bar_rect,
    bars_from_weeks,
    pain_path,
    pain_point,
    points_from_weeks,
    slot_centre,
)

BAR = QColor(120, 120, 120)  # mid grey: prints as grey on any printer, black text reads on it
CHART_MM = 55.0
GAP_MM = 4.0
TABLE_SHARES = (0.17, 0.13, 0.17, 0.15, 0.14, 0.12, 0.12)
EXERCISE_SHARES = (0.6, 0.2, 0.2)


def _text_block(flow: Flow, canvas: Canvas, style: TextStyle, text: str) -> None:
    height = canvas.height(style, text, flow.frame.width())
    flow.place(height, lambda p, r: canvas.text(p, style, r, text))


def _plot(canvas: Canvas, rect: QRectF, label_width: float) -> QRectF:
    axis = canvas.line(TextStyle.BODY)
    return rect.adjusted(label_width, canvas.mm(5), -canvas.mm(2), -axis - canvas.mm(1.5))


def _frame(painter: QPainter, canvas: Canvas, rect: QRectF, ticks: Sequence[tuple[float, str]],
           labels: Sequence[str]) -> QRectF:
    """The grid with its left-hand labels and the week numbers under it; the plot area."""
    label_w = max(canvas.width(TextStyle.BODY, t) for _, t in ticks) + canvas.mm(2)
    plot = _plot(canvas, rect, label_w)
    line = canvas.line(TextStyle.BODY)
    for fraction, text in ticks:
        y = plot.bottom() - fraction * plot.height()
        canvas.rule(painter, QPointF(plot.left(), y), QPointF(plot.right(), y), 0.4, RULE)
        canvas.text(painter, TextStyle.BODY, QRectF(rect.left(), y - line / 2,
                    label_w - canvas.mm(1.5), line), text, Qt.AlignmentFlag.AlignRight)
    count = len(labels)
    if count:
        width = canvas.width(TextStyle.BODY, "00") + canvas.mm(2)
        step = max(1, math.ceil(count * width / max(plot.width(), 1)))
        for index in range(0, count, step):
            x = slot_centre(plot, index, count)
            canvas.text(painter, TextStyle.BODY,
                        QRectF(x - width, plot.bottom() + canvas.mm(1), 2 * width, line),
                        labels[index], Qt.AlignmentFlag.AlignHCenter)
    return plot


def _labels(weeks: Sequence[WeekBar] | Sequence[PainPoint]) -> list[str]:
    return [str(w.week) if w.week is not None else f"{w.start.day}/{w.start.month}"
            for w in weeks]


def draw_adherence(painter: QPainter, canvas: Canvas, rect: QRectF,
                   bars: Sequence[WeekBar]) -> None:
    """Each week's share of its sessions done, fully or partly, as a grey bar (0–100 %)."""
    ticks = [(f / 4, f"{f * 25} %") for f in range(5)]
    plot = _frame(painter, canvas, rect, ticks, _labels(bars))
    for index, bar in enumerate(bars):
        if bar.share is not None and bar.share > 0:
            painter.fillRect(bar_rect(plot, index, len(bars), bar.share), BAR)


def draw_pain(painter: QPainter, canvas: Canvas, rect: QRectF,
              points: Sequence[PainPoint]) -> None:
    """Her weekly mean pain as a black line with a dot a week; a setback week is a dashed
    line down the plot with a triangle over it."""
    ticks = [(v / PAIN_MAX, str(v)) for v in (0, 2, 4, 6, 8, 10)]
    plot = _frame(painter, canvas, rect, ticks, _labels(points))
    count = len(points)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    size = canvas.mm(1.6)
    for index, point in enumerate(points):
        if not point.setback:
            continue
        x = slot_centre(plot, index, count)
        dashed = canvas.pen(0.8, INK)
        dashed.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(dashed)
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(INK)
        top = plot.top() - canvas.mm(3.5)
        painter.drawPolygon(QPolygonF([QPointF(x - size, top), QPointF(x + size, top),
                                       QPointF(x, top + 1.6 * size)]))
    path = pain_path(plot, points)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    pen = canvas.pen(1.2, INK)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.drawPath(path)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(INK)
    dot = min(canvas.mm(0.9), plot.width() / max(count, 1) / 3)
    for index, point in enumerate(points):
        if point.pain is not None:
            painter.drawEllipse(pain_point(plot, index, count, point.pain), dot, dot)


def _row(canvas: Canvas, cells: Sequence[str], shares: Sequence[float], width: float,
         style: TextStyle, shade: bool):  # type: ignore[no-untyped-def]
    """A table row's height and its drawing: cells wrapped in their columns, a rule under."""
    pad = canvas.mm(1.2)
    widths = [width * s for s in shares]
    height = max(canvas.height(style, c, w - 2 * pad) for c, w in zip(cells, widths,
                                                                       strict=True)) + 2 * pad

    def draw(painter: QPainter, rect: QRectF) -> None:
        if shade:
            painter.fillRect(rect, SHADE)
        x = rect.left()
        for index, (cell, w) in enumerate(zip(cells, widths, strict=True)):
            align = Qt.AlignmentFlag.AlignLeft if index == 0 else Qt.AlignmentFlag.AlignRight
            canvas.text(painter, style, QRectF(x + pad, rect.top() + pad, w - 2 * pad,
                                               rect.height()), cell, align)
            x += w
        canvas.rule(painter, rect.bottomLeft(), rect.bottomRight(), 0.4, RULE)

    return height, draw


def _table(flow: Flow, canvas: Canvas, head: Sequence[str], rows: Sequence[Sequence[str]],
           shares: Sequence[float]) -> None:
    """The head row, then each row; the head again at the top of each page it flows on to."""
    width = flow.frame.width()
    head_h, head_draw = _row(canvas, head, shares, width, TextStyle.STRONG, True)
    first = [True]
    for cells in rows:
        height, draw = _row(canvas, cells, shares, width, TextStyle.BODY, False)
        if first[0] or not flow.fits(height):
            if not flow.fits(head_h + height):
                flow.new_page()
            flow.place(head_h, head_draw)
            first[0] = False
        flow.place(height, draw)


def lay_out_report(flow: Flow, canvas: Canvas, data: ReportData) -> None:
    """Every block of the report, in order, into ``flow``."""
    gap = canvas.mm(GAP_MM)
    _text_block(flow, canvas, TextStyle.TITLE, title_words(data))
    flow.space(canvas.mm(1.5))
    _text_block(flow, canvas, TextStyle.BODY, weeks_words(data))
    if data.empty:
        flow.space(gap)
        _text_block(flow, canvas, TextStyle.BODY, EMPTY)
        return
    flow.space(canvas.mm(1.5))
    _text_block(flow, canvas, TextStyle.BODY, streak_words(data.history.streaks))
    weeks = data.history.weeks
    bars, points = bars_from_weeks(weeks), points_from_weeks(weeks)
    chart_h = canvas.mm(CHART_MM)
    for heading, draw in ((ADHERENCE_HEADING, lambda p, r: draw_adherence(p, canvas, r, bars)),
                          (PAIN_HEADING, lambda p, r: draw_pain(p, canvas, r, points))):
        flow.space(gap)
        head_h = canvas.line(TextStyle.HEADING) + canvas.mm(1)
        if not flow.fits(head_h + chart_h):
            flow.new_page()
        _text_block(flow, canvas, TextStyle.HEADING, heading)
        flow.place(chart_h, draw)
    flow.space(canvas.mm(1.5))
    _text_block(flow, canvas, TextStyle.ASIDE, chart_key(data.birth is not None))
    flow.new_page()
    _text_block(flow, canvas, TextStyle.SECTION, TABLE_HEADING)
    flow.space(canvas.mm(1.5))
    _table(flow, canvas, TABLE_HEAD, [week_row(w) for w in weeks], TABLE_SHARES)
    flow.space(gap)
    exercises = data.exercises
    rows = [(e.name, str(e.fully), str(e.partly)) for e in exercises]
    _text_block(flow, canvas, TextStyle.SECTION, EXERCISES_HEADING)
    flow.space(canvas.mm(1.5))
    if rows:
        _table(flow, canvas, EXERCISE_HEAD, rows, EXERCISE_SHARES)
    else:
        _text_block(flow, canvas, TextStyle.BODY, "No exercise was done in these dates.")
