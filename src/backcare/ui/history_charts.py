"""The History page's two charts, drawn with QPainter: weekly adherence bars (0–100 %) and her
pain over the weeks after birth (0–10), with the weeks of a setback marked.

QtCharts would add about 160 MB of PySide6-Addons for two small pictures, so these are drawn by
hand, on a ``QPainter`` of any device (the page's widgets, a ``QImage`` in the tests, a printer
for the report). Every colour is a slot of the theme (``ui/theme``), picked so that what carries
meaning reaches 3:1 against the chart's background (bars: ``accent``; the pain line: ``warn``;
setbacks: ``error``, and a triangle and a dashed line, so colour is not the only sign) and the
axis text 4.5:1 (``text``, ``muted``), in the light and the dark theme alike. A chart is also
words: ``adherence_text`` and ``pain_text`` say what it shows, for a screen reader.

The geometry (``plot_area``, ``slot_centre``, ``bar_rect``, ``pain_point``) is public so the
tests can check what is painted against the series, pixel by pixel.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPainterPath, QPen, QPolygonF

from backcare.ui.theme import Theme

MARGIN_LEFT = 54.0  # px: room for "100 %" on the left axis, at 10 pt
MARGIN_RIGHT = 10.0
MARGIN_TOP = 16.0  # the setback triangles sit here
MARGIN_BOTTOM = 26.0  # the week numbers
BAR_SHARE = 0.6  # a bar's width, of its week's slot
DOT_RADIUS = 4.0
AXIS_PT = 10  # the axis text: 10 pt at least, as everywhere
PAIN_MAX = 10


@dataclass(frozen=True)
class WeekBar:
    """One week's adherence: ``done`` of ``due`` sessions; ``share`` 0..1 (None: none due)."""

    start: date
    week: int | None  # weeks after birth (None: birth date unknown)
    done: int
    due: int
    share: float | None


@dataclass(frozen=True)
class PainPoint:
    """One week's mean pain 0..10 (None: not rated that week); ``setback``: one began."""

    start: date
    week: int | None
    pain: float | None
    setback: bool


class _WeekLike(Protocol):
    start: date
    week_after_birth: int | None
    sessions_done: int
    sessions_due: int
    adherence: float | None
    pain_mean: float | None
    setbacks: int


def bars_from_weeks(weeks: Iterable[_WeekLike]) -> list[WeekBar]:
    """The bars for ``core.history.WeekRecord`` s."""
    return [WeekBar(w.start, w.week_after_birth, w.sessions_done, w.sessions_due, w.adherence)
            for w in weeks]


def points_from_weeks(weeks: Iterable[_WeekLike]) -> list[PainPoint]:
    """The pain line's points for ``core.history.WeekRecord`` s."""
    return [PainPoint(w.start, w.week_after_birth, w.pain_mean, w.setbacks > 0) for w in weeks]


def week_name(start: date, week: int | None) -> str:
    """"Week 8" (after birth), or "Week of 2 Dec" when her birth date is not known."""
    return f"Week {week}" if week is not None else f"Week of {start.day} {start:%b}"


def _axis_label(start: date, week: int | None) -> str:
    return str(week) if week is not None else f"{start.day}/{start.month}"


# ----- geometry --------------------------------------------------------------------------------


def plot_area(rect: QRectF) -> QRectF:
    """Where the bars and the line go, inside ``rect`` less the axes' margins."""
    return rect.adjusted(MARGIN_LEFT, MARGIN_TOP, -MARGIN_RIGHT, -MARGIN_BOTTOM)


def slot_centre(plot: QRectF, index: int, count: int) -> float:
    """The x of week ``index``'s middle (one equal slot a week)."""
    return plot.left() + plot.width() * (index + 0.5) / max(count, 1)


def bar_height(plot: QRectF, share: float) -> int:
    """Whole pixels, so the drawn bar and the tests' count agree."""
    return round(max(0.0, min(1.0, share)) * plot.height())


def bar_rect(plot: QRectF, index: int, count: int, share: float) -> QRectF:
    """Week ``index``'s bar: ``share`` of the plot's height, up from its bottom."""
    slot = plot.width() / max(count, 1)
    width = max(2.0, round(slot * BAR_SHARE))
    left = round(slot_centre(plot, index, count) - width / 2)
    height = bar_height(plot, share)
    bottom = round(plot.bottom())
    return QRectF(left, bottom - height, width, height)


def pain_point(plot: QRectF, index: int, count: int, pain: float) -> QPointF:
    """Where week ``index``'s pain sits: 0 on the plot's bottom, 10 on its top."""
    y = plot.bottom() - max(0.0, min(PAIN_MAX, pain)) / PAIN_MAX * plot.height()
    return QPointF(slot_centre(plot, index, count), y)


# ----- drawing ---------------------------------------------------------------------------------


def pain_path(plot: QRectF, points: Sequence[PainPoint]) -> QPainterPath:
    """The pain line through ``points`` in ``plot``, broken where a week has no rating; the
    screen and the printed report draw the same path."""
    path = QPainterPath()
    drawing = False
    for index, point in enumerate(points):
        if point.pain is None:
            drawing = False
            continue
        at = pain_point(plot, index, len(points), point.pain)
        if drawing:
            path.lineTo(at)
        else:
            path.moveTo(at)
            drawing = True
    return path


def _frame(painter: QPainter, rect: QRectF, theme: Theme, ticks: Sequence[tuple[float, str]],
           labels: Sequence[tuple[date, int | None]]) -> QRectF:
    """The background, the horizontal grid with its left-hand labels and the week numbers
    under the plot; returns the plot area."""
    plot = plot_area(rect)
    painter.fillRect(rect, theme.colour("info_bg"))
    font = QFont(painter.font())
    font.setPointSize(AXIS_PT)
    painter.setFont(font)
    grid = QPen(theme.colour("info_line"), 1)
    for fraction, text in ticks:
        y = round(plot.bottom() - fraction * plot.height())
        painter.setPen(grid)
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(theme.colour("text"))
        painter.drawText(QRectF(rect.left(), y - 10, MARGIN_LEFT - 6, 20),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text)
    count = len(labels)
    if count:
        width = painter.fontMetrics().horizontalAdvance("00/00") + 6
        step = max(1, math.ceil(count * width / max(plot.width(), 1)))
        painter.setPen(theme.colour("muted"))
        for index in range(0, count, step):
            x = slot_centre(plot, index, count)
            painter.drawText(QRectF(x - width / 2, plot.bottom() + 4, width, MARGIN_BOTTOM - 4),
                             int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                             _axis_label(*labels[index]))
    return plot


def draw_adherence(painter: QPainter, rect: QRectF, bars: Sequence[WeekBar], theme: Theme) -> None:
    """Weekly adherence bars in ``rect``: each week's share of its sessions done (fully or
    partly), 0 to 100 %; a week with nothing due has no bar."""
    painter.save()
    try:
        ticks = [(f / 4, f"{f * 25} %") for f in range(5)]
        plot = _frame(painter, rect, theme, ticks, [(b.start, b.week) for b in bars])
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        colour = theme.colour("accent")
        for index, bar in enumerate(bars):
            if bar.share is not None and bar.share > 0:
                painter.fillRect(bar_rect(plot, index, len(bars), bar.share), colour)
    finally:
        painter.restore()


def draw_pain(painter: QPainter, rect: QRectF, points: Sequence[PainPoint], theme: Theme) -> None:
    """Her weekly mean pain, 0–10, as a line with a dot a week (a gap where she did not rate
    it); a setback week has a dashed line down the plot and a triangle over it."""
    painter.save()
    try:
        ticks = [(v / PAIN_MAX, str(v)) for v in (0, 2, 4, 6, 8, 10)]
        plot = _frame(painter, rect, theme, ticks, [(p.start, p.week) for p in points])
        count = len(points)
        setback = theme.colour("error")
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for index, point in enumerate(points):
            if not point.setback:
                continue
            x = slot_centre(plot, index, count)
            painter.setPen(QPen(setback, 2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(setback)
            top = rect.top() + 2
            painter.drawPolygon(QPolygonF([QPointF(x - 6, top), QPointF(x + 6, top),
                                           QPointF(x, top + MARGIN_TOP - 4)]))
        line = theme.colour("warn")
        path = pain_path(plot, points)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(line, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        painter.drawPath(path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(line)
        for index, point in enumerate(points):
            if point.pain is not None:
                painter.drawEllipse(pain_point(plot, index, count, point.pain),
                                    DOT_RADIUS, DOT_RADIUS)
    finally:
        painter.restore()


# ----- words -----------------------------------------------------------------------------------


def adherence_text(bars: Sequence[WeekBar]) -> str:
    """The bars in words: "Week 8: 5 of 6 sessions, 83 %; Week 9: nothing was due"."""
    if not bars:
        return "Weekly sessions: no weeks yet."
    parts = []
    for bar in bars:
        name = week_name(bar.start, bar.week)
        if bar.share is None or bar.due == 0:
            parts.append(f"{name}: nothing was due")
        else:
            parts.append(f"{name}: {bar.done} of {bar.due} sessions, {round(bar.share * 100)} %")
    return "Weekly sessions done. " + "; ".join(parts) + "."


def _pain_words(pain: float) -> str:
    return f"{pain:.1f}".removesuffix(".0")


def pain_text(points: Sequence[PainPoint]) -> str:
    """The line in words: "Week 8: pain 4.5 of 10; Week 9: pain 3 of 10, a setback"."""
    if not points:
        return "Pain over the weeks: no weeks yet."
    parts = []
    for point in points:
        name = week_name(point.start, point.week)
        said = "not rated" if point.pain is None else f"pain {_pain_words(point.pain)} of 10"
        parts.append(f"{name}: {said}, a setback" if point.setback else f"{name}: {said}")
    return "Pain over the weeks, 0 none to 10 the worst. " + "; ".join(parts) + "."
