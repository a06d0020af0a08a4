"""The History charts drawn to a QImage and read back against their series, light and dark."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from backcare.ui.history_charts import (
    PainPoint,
    WeekBar,
    adherence_text,
    bar_rect,
    draw_adherence,
    draw_pain,
    pain_point,
    pain_text,
    plot_area,
    slot_centre,
)
from backcare.ui.theme import DARK, LIGHT, Theme, contrast_ratio

SIZE = (640, 240)
MONDAY = date(2026, 3, 2)
SHARES = [0.0, 0.25, 5 / 6, 1.0, None, 0.5]
PAINS = [6.0, 5.5, None, 4.0, 3.0, 7.0]


def bars() -> list[WeekBar]:
    out = []
    for i, share in enumerate(SHARES):
        due = 0 if share is None else 6
        done = 0 if share is None else round(share * 6)
        out.append(WeekBar(MONDAY + timedelta(weeks=i), 8 + i, done, due, share))
    return out


def points() -> list[PainPoint]:
    return [PainPoint(MONDAY + timedelta(weeks=i), 8 + i, pain, i == 5)
            for i, pain in enumerate(PAINS)]


def render(draw, series, theme: Theme) -> QImage:
    image = QImage(*SIZE, QImage.Format.Format_RGB32)
    image.fill(QColor("#ff00ff"))
    painter = QPainter(image)
    try:
        draw(painter, QRectF(0, 0, *SIZE), series, theme)
    finally:
        painter.end()
    return image


def rows_of(image: QImage, x: int, colour: QColor) -> int:
    return sum(1 for y in range(image.height()) if image.pixelColor(x, y) == colour)


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_bar_heights_match_the_series(qapp, theme: Theme) -> None:
    image = render(draw_adherence, bars(), theme)
    plot = plot_area(QRectF(0, 0, *SIZE))
    colour = theme.colour("accent")
    heights = [rows_of(image, int(slot_centre(plot, i, len(SHARES))), colour)
               for i in range(len(SHARES))]
    assert heights == [round((s or 0) * plot.height()) for s in SHARES]
    assert heights[3] == round(plot.height())  # 100 % fills the plot, no more
    full = bar_rect(plot, 3, len(SHARES), 1.0)
    assert image.pixelColor(int(full.center().x()), int(full.top()) - 2) != colour


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_pain_line_passes_through_each_rated_week(qapp, theme: Theme) -> None:
    image = render(draw_pain, points(), theme)
    plot = plot_area(QRectF(0, 0, *SIZE))
    line = theme.colour("warn")
    for index, pain in enumerate(PAINS):
        if pain is None:
            continue
        at = pain_point(plot, index, len(PAINS), pain)
        assert image.pixelColor(int(at.x()), int(at.y())) == line, (index, pain)
    gap = slot_centre(plot, 2, len(PAINS))  # not rated: no dot, and no line through it
    column = [image.pixelColor(int(gap), y) for y in range(int(plot.top()), int(plot.bottom()))]
    assert line not in column
    # The setback week (the last) has its triangle above the plot; the others have none.
    setback = theme.colour("error")
    top = 6
    assert image.pixelColor(int(slot_centre(plot, 5, len(PAINS))), top) == setback
    assert image.pixelColor(int(slot_centre(plot, 4, len(PAINS))), top) != setback


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_chart_colours_are_legible(theme: Theme) -> None:
    background = theme.colour("info_bg")
    for name in ("accent", "warn", "error"):
        assert contrast_ratio(theme.colour(name), background) >= 3.0, name
    for name in ("text", "muted"):
        assert contrast_ratio(theme.colour(name), background) >= 4.5, name


def test_text_alternatives_say_each_week() -> None:
    assert adherence_text(bars()) == (
        "Weekly sessions done. Week 8: 0 of 6 sessions, 0 %; Week 9: 2 of 6 sessions, 25 %; "
        "Week 10: 5 of 6 sessions, 83 %; Week 11: 6 of 6 sessions, 100 %; "
        "Week 12: nothing was due; Week 13: 3 of 6 sessions, 50 %."
    )
    assert pain_text(points()) == (
        "Pain over the weeks, 0 none to 10 the worst. Week 8: pain 6 of 10; "
        "Week 9: pain 5.5 of 10; Week 10: not rated; Week 11: pain 4 of 10; "
        "Week 12: pain 3 of 10; Week 13: pain 7 of 10, a setback."
    )
    unknown = [WeekBar(date(2026, 12, 7), None, 1, 2, 0.5)]
    assert adherence_text(unknown) == "Weekly sessions done. Week of 7 Dec: 1 of 2 sessions, 50 %."
