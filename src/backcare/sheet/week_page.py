"""Her week, from page 1: the title, the grid, the warning signs, then the tips.

What is on page 1, in this order: the week and her weeks after birth, the grid (with the line
for each day's calcium) and its key of exercise names, and a heavy box with the signs that need
a call now, headed with her country's number. At 11 pt those signs alone take about half of
an A4 page (some 130 mm), which is why the grid names the exercises by number (``week_grid``).
The posture and lifting tips are on page 1 in brief (their titles, under the key); in full,
with the signs that need help the same day (together about a page more at 11 pt), they follow
on page 2; a plan with many more sessions pushes the box there too. Safety comes before the
tips in full because it must be there when she needs it; tips are read once.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter

from backcare.core.content import Tip
from backcare.core.safety import SignGroup
from backcare.core.week_sheet import WeekSheet
from backcare.sheet.canvas import Canvas, TextStyle
from backcare.sheet.flow import Flow
from backcare.sheet.week_grid import WeekGrid
from backcare.sheet.words import (
    KEY_LEAD,
    TIPS_HEADING,
    TIPS_LEAD,
    TITLE,
    key_items,
    recovery_words,
    same_day_pointer,
    week_words,
)

BODY, STRONG, ASIDE = TextStyle.BODY, TextStyle.STRONG, TextStyle.ASIDE
SECTION, HEADING, BIG = TextStyle.SECTION, TextStyle.HEADING, TextStyle.TITLE
BOX_PAD_MM = 2.5
WARNING_MARK = "\u26a0"  # ⚠, in DejaVu Sans: the box says "warning" in shape as well as words


class SignBox:
    """A framed group of signs: its heading, what to do, and the signs as a list. The frame
    is heavier for the signs that need a call now."""

    def __init__(self, canvas: Canvas, group: SignGroup, width: float, *, heavy: bool,
                 pointer: str = "") -> None:
        self.canvas = canvas
        self.group = group
        self.heavy = heavy
        self.pointer = pointer
        self.pad = canvas.mm(BOX_PAD_MM)
        self.inner = width - 2 * self.pad
        self.signs = tuple(sign.text for sign in group)

    @property
    def heading(self) -> str:
        return f"{WARNING_MARK} {self.group.title}" if self.heavy else self.group.title

    def height(self) -> float:
        c, w, gap = self.canvas, self.inner, self.canvas.mm(1.0)
        return (2 * self.pad + c.height(SECTION, self.heading, w) + gap
                + c.height(STRONG, self.group.action, w) + gap
                + c.bullets_height(BODY, self.signs, w)
                + (c.height(ASIDE, self.pointer, w) if self.pointer else 0.0))

    def draw(self, painter: QPainter, rect: QRectF) -> None:
        c, gap = self.canvas, self.canvas.mm(1.0)
        painter.setPen(c.pen(2.0 if self.heavy else 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = c.pt(1.0)
        painter.drawRect(rect.adjusted(half, half, -half, -half))
        box = rect.adjusted(self.pad, self.pad, -self.pad, -self.pad)
        y = box.top()
        for style, words in ((SECTION, self.heading), (STRONG, self.group.action)):
            y += c.text(painter, style, QRectF(box.left(), y, box.width(), 1e6), words) + gap
        y += c.bullets(painter, BODY, QRectF(box.left(), y, box.width(), 1e6), self.signs)
        if self.pointer:
            c.text(painter, ASIDE, QRectF(box.left(), y, box.width(), 1e6), self.pointer)


class KeyBlock:
    """The grid's key: "1 Cat back   2 Breathing arm raise …", each number in bold, the
    items running on across the lines like words. ``lead`` is the bold word before them (the
    tips in brief use the same shape: "Posture and lifting: • Change position often …")."""

    def __init__(self, canvas: Canvas, items: list[tuple[str, str]], width: float,
                 lead: str = KEY_LEAD) -> None:
        self.canvas = canvas
        self.width = width
        self.lead = lead
        gap, space = canvas.mm(5), canvas.width(BODY, " ")
        self.places: list[tuple[float, int, str, str]] = []  # x, line, number, title
        x, line = canvas.width(STRONG, lead) + gap, 0  # after "Exercises:"
        for number, title in items:
            wide = canvas.width(STRONG, number) + space + canvas.width(BODY, title)
            if x > 0 and x + wide > width:
                x, line = 0.0, line + 1
            self.places.append((x, line, number, title))
            x += wide + gap
        self.lines = (self.places[-1][1] + 1) if self.places else 0

    def height(self) -> float:
        return self.lines * self.canvas.line(BODY) + self.canvas.mm(1.5) if self.lines else 0.0

    def draw(self, painter: QPainter, rect: QRectF) -> None:
        c, line_h = self.canvas, self.canvas.line(BODY)
        c.text(painter, STRONG, QRectF(rect.left(), rect.top(), self.width, line_h), self.lead)
        space = c.width(BODY, " ")
        for x, line, number, title in self.places:
            y = rect.top() + line * line_h
            c.text(painter, STRONG, QRectF(rect.left() + x, y, self.width, line_h), number)
            after = x + c.width(STRONG, number) + space
            c.text(painter, BODY, QRectF(rect.left() + after, y, self.width, line_h), title)


def _one_line_title(canvas: Canvas, sheet: WeekSheet, width: float) -> bool:
    """The title and the week on one line when they fit (the week then ends the line)."""
    wide = canvas.width(BIG, TITLE) + canvas.mm(6) + canvas.width(HEADING, week_words(sheet))
    return wide <= width


def _title_height(canvas: Canvas, sheet: WeekSheet, width: float) -> float:
    week = 0.0 if _one_line_title(canvas, sheet, width) else canvas.line(HEADING)
    return (canvas.line(BIG) + week + canvas.height(BODY, recovery_words(sheet), width)
            + canvas.mm(2))


def _draw_title(canvas: Canvas, sheet: WeekSheet, painter: QPainter, rect: QRectF) -> None:
    canvas.text(painter, BIG, rect, TITLE)
    y = rect.top() + canvas.line(BIG)
    if _one_line_title(canvas, sheet, rect.width()):
        # on the title's baseline, at the right
        base = rect.top() + canvas.metrics(BIG).ascent() - canvas.metrics(HEADING).ascent()
        canvas.text(painter, HEADING, QRectF(rect.left(), base, rect.width(), 1e6),
                    week_words(sheet), Qt.AlignmentFlag.AlignRight)
    else:
        y += canvas.text(painter, HEADING, QRectF(rect.left(), y, rect.width(), 1e6),
                         week_words(sheet))
    canvas.text(painter, BODY, QRectF(rect.left(), y, rect.width(), 1e6), recovery_words(sheet))


class TipsBlock:
    """The posture and lifting tips under their heading, in one column or in two (split where
    the columns come out most even), whichever is shorter: whole tips do not always balance."""

    def __init__(self, canvas: Canvas, tips: tuple[Tip, ...], width: float) -> None:
        self.canvas = canvas
        self.tips = tips
        self.width = width
        self.gutter = canvas.mm(5)
        self.gap = canvas.mm(1.5)
        self.head = canvas.height(SECTION, TIPS_HEADING, width) + canvas.mm(1)
        one = self._columns(1)
        two = self._columns(2)
        self.column_width, self.split, self.body = min(one, two, key=lambda c: c[2])

    def _columns(self, count: int) -> tuple[float, int, float]:
        """(column width, how many tips go in the first column, the height they take)."""
        column = (self.width - (count - 1) * self.gutter) / count
        heights = [self._tip_height(tip, column) for tip in self.tips]
        total = sum(heights)
        if count == 1:
            return column, len(self.tips), total
        split = min(range(len(heights) + 1),
                    key=lambda i: max(sum(heights[:i]), total - sum(heights[:i])))
        return column, split, max(sum(heights[:split]), total - sum(heights[:split]))

    @staticmethod
    def _runs(tip: Tip) -> tuple[tuple[TextStyle, str], ...]:
        """The title run in ahead of the text, in bold: a line less for every tip."""
        return ((STRONG, f"{tip.title.rstrip('.')}. "), (BODY, tip.text))

    def _tip_height(self, tip: Tip, column: float) -> float:
        return self.canvas.runs_height(self._runs(tip), column) + self.gap

    def height(self) -> float:
        return self.head + self.body

    def draw(self, painter: QPainter, rect: QRectF) -> None:
        c, column = self.canvas, self.column_width
        c.text(painter, SECTION, rect, TIPS_HEADING)
        for i, tips in enumerate((self.tips[: self.split], self.tips[self.split:])):
            x = rect.left() + i * (column + self.gutter)
            y = rect.top() + self.head
            for tip in tips:
                y += c.runs(painter, QRectF(x, y, column, 1e6), self._runs(tip)) + self.gap


def lay_out_week(flow: Flow, canvas: Canvas, sheet: WeekSheet) -> None:
    """Place her week: title, grid, the signs that need a call now, the tips, the signs that
    need help the same day."""
    width = flow.frame.width()
    flow.place(_title_height(canvas, sheet, width),
               lambda p, r: _draw_title(canvas, sheet, p, r))
    WeekGrid(canvas, sheet, width).lay_out(flow)
    flow.space(canvas.mm(1.5))
    key = KeyBlock(canvas, key_items(sheet), width)
    if key.lines:
        flow.place(key.height(), key.draw)
    # Measured with a two-digit page; the real page is put in once the same-day box is placed.
    pointer = same_day_pointer(99) if sheet.urgent.signs else ""
    warnings = SignBox(canvas, sheet.warnings, width, heavy=True, pointer=pointer)
    # The tips in brief, beside her week, when the warning box still fits under them (it
    # comes first); in full they follow the signs either way.
    brief = KeyBlock(canvas, [("•", tip.title) for tip in sheet.tips], width, lead=TIPS_LEAD)
    gaps = canvas.mm(1.5) + canvas.mm(2.5)
    if brief.lines and flow.room >= gaps + brief.height() + warnings.height():
        flow.space(canvas.mm(1.5))
        flow.place(brief.height(), brief.draw)
    flow.space(canvas.mm(2.5))
    flow.place(warnings.height(), warnings.draw)
    warnings_page = flow.page
    flow.space(canvas.mm(5))
    if sheet.tips:
        tips = TipsBlock(canvas, sheet.tips, width)
        flow.place(tips.height(), tips.draw)
        flow.space(canvas.mm(2))
    if sheet.urgent.signs:
        urgent = SignBox(canvas, sheet.urgent, width, heavy=False)
        flow.place(urgent.height(), urgent.draw)
        # On the same page there is nothing to point to.
        warnings.pointer = "" if flow.page == warnings_page else same_day_pointer(flow.page)
