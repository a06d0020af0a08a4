"""One exercise card a page: a figure for every step, its words, the hold, the dose, the cautions.

The figures are drawn by the app's one figure painter (``figures.painter.paint_step``), as
vectors, each step with a ghost of the step before and the arrow of the movement, exactly as
the screen shows them. The card is laid out to fit its page: the figures start large and shrink
until everything fits, and a long card (five steps and many cautions) puts two steps to a row;
one that still does not fit runs on to the next page, its title repeated.

What is on a card, top to bottom: the title, her dose this week (fewer sets in the exercise's
first week), a note when it is new this week or joins her sessions mid-week, what it is for,
the start position, the steps (figure on the left, words on the right), then "Take care",
"Stop and ask for advice if" (in a heavier frame) and "How much".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter

from backcare.core.content import Exercise, Step
from backcare.core.week_sheet import SheetCard, WeekSheet
from backcare.figures.painter import paint_step
from backcare.sheet.canvas import RULE, Canvas, TextStyle
from backcare.sheet.figure_crop import crop_for, frame_rect
from backcare.sheet.flow import Flow
from backcare.sheet.words import (
    CAUTIONS_HEADING,
    HOW_MUCH_HEADING,
    START_HEADING,
    STOP_HEADING,
    breath_words,
    card_title,
    dose_words,
    from_words,
    hold_words,
    step_heading,
)

if TYPE_CHECKING:
    from backcare.figures.pose import Pose

BODY, STRONG, ASIDE = TextStyle.BODY, TextStyle.STRONG, TextStyle.ASIDE
HEADING, BIG = TextStyle.HEADING, TextStyle.TITLE
# Figure widths tried, widest first: one step a row, then two; and the tallest a figure gets.
WIDEST_MM, ONE_COLUMN_MIN_MM, TWO_COLUMN_MAX_MM, NARROWEST_MM = 84.0, 40.0, 44.0, 32.0
FIGURE_STEP_MM = 4.0
MAX_FIGURE_MM = 56.0
GUTTER_MM, GAP_MM, BOX_PAD_MM = 5.0, 2.5, 2.5

Block = tuple[float, Callable[[QPainter, QRectF], None]]


class CardLayout:
    """Measures and draws one card at a given figure width."""

    def __init__(self, canvas: Canvas, card: SheetCard, sheet: WeekSheet,
                 poses: Mapping[str, Pose], width: float) -> None:
        self.canvas = canvas
        self.card = card
        self.exercise: Exercise = card.exercise
        self.poses = poses
        self.width = width
        self.gap = canvas.mm(GAP_MM)
        self.pad = canvas.mm(BOX_PAD_MM)
        self.title = card_title(sheet.number(card.exercise), card)
        views: dict[str, list[Pose]] = {}
        for step in self.exercise.steps:
            views.setdefault(poses[step.pose].view, []).append(poses[step.pose])
        self.crops = {view: crop_for(group) for view, group in views.items()}
        note = card.status.reason if card.status.starter else ""
        self.note = " ".join(part for part in (from_words(card, sheet), note) if part)

    # -- the head ----------------------------------------------------------------------------

    def _head_parts(self) -> list[tuple[TextStyle, str]]:
        e = self.exercise
        parts = [(BIG, self.title), (HEADING, dose_words(self.card))]
        if self.note:
            parts.append((ASIDE, self.note))
        parts += [(BODY, e.purpose), (STRONG, START_HEADING), (BODY, e.start_position)]
        return parts

    def head(self) -> Block:
        c, w = self.canvas, self.width
        parts = self._head_parts()
        height = sum(c.height(style, words, w) for style, words in parts) + self.gap

        def draw(painter: QPainter, rect: QRectF) -> None:
            y = rect.top()
            for style, words in parts:
                y += c.text(painter, style, QRectF(rect.left(), y, w, 1e6), words)

        return height, draw

    # -- the steps ---------------------------------------------------------------------------

    def _step_parts(self, index: int, step: Step) -> list[tuple[TextStyle, str]]:
        count = len(self.exercise.steps)
        parts = [(HEADING, step_heading(index, count)), (BODY, step.instruction)]
        if hold_words(step):
            parts.append((STRONG, hold_words(step)))
        parts.append((ASIDE, breath_words(step)))
        return parts

    def _figure_size(self, pose: Pose, figure_w: float) -> tuple[float, float]:
        """The figure's box: ``figure_w`` wide at its crop's aspect, but never taller than
        ``MAX_FIGURE_MM`` (a standing figure is then narrower)."""
        aspect = self.crops[pose.view].aspect
        height = min(figure_w / aspect, self.canvas.mm(MAX_FIGURE_MM))
        return height * aspect, height

    def step(self, index: int, figure_w: float, width: float) -> Block:
        """Step ``index``: its figure (about ``figure_w`` wide), and its words beside it, in a
        column ``width`` wide."""
        c = self.canvas
        step = self.exercise.steps[index]
        pose = self.poses[step.pose]
        ghost = self.poses.get(self.exercise.steps[index - 1].pose) if index else None
        crop = self.crops[pose.view]
        own_w, figure_h = self._figure_size(pose, figure_w)
        text_x = figure_w + c.mm(GUTTER_MM / 2 if width < self.width else GUTTER_MM)
        text_w = width - text_x
        parts = self._step_parts(index, step)
        text_h = sum(c.height(style, words, text_w) for style, words in parts)
        height = max(figure_h, text_h) + self.gap

        def draw(painter: QPainter, rect: QRectF) -> None:
            figure = QRectF(rect.left() + (figure_w - own_w) / 2, rect.top(), own_w, figure_h)
            painter.save()
            painter.setClipRect(figure)
            paint_step(painter, frame_rect(crop, figure), pose, ghost)
            painter.restore()
            painter.setPen(c.pen(0.5, RULE))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(figure)
            y = rect.top()
            for style, words in parts:
                y += c.text(painter, style, QRectF(rect.left() + text_x, y, text_w, 1e6), words)

        return height, draw

    def steps(self, figure_w: float, columns: int) -> list[Block]:
        """The steps one under another, or two to a row (1 and 2, then 3 and 4, …) when the
        card would not otherwise fit its page."""
        count = len(self.exercise.steps)
        if columns == 1:
            return [self.step(i, figure_w, self.width) for i in range(count)]
        gutter = self.canvas.mm(GUTTER_MM)
        column = (self.width - gutter) / 2
        rows: list[Block] = []
        for first in range(0, count, 2):
            pair = [self.step(i, figure_w, column) for i in range(first, min(first + 2, count))]

            def draw(painter: QPainter, rect: QRectF, pair: list[Block] = pair) -> None:
                for i, (_, part) in enumerate(pair):
                    part(painter, QRectF(rect.left() + i * (column + gutter), rect.top(),
                                         column, rect.height()))

            rows.append((max(h for h, _ in pair), draw))
        return rows

    # -- the cautions ------------------------------------------------------------------------

    def framed(self, heading: str, items: tuple[str, ...], *, heavy: bool = False) -> Block:
        c = self.canvas
        inner = self.width - 2 * self.pad
        height = (2 * self.pad + c.height(HEADING, heading, inner) + c.mm(1)
                  + c.bullets_height(BODY, items, inner))

        def draw(painter: QPainter, rect: QRectF) -> None:
            box = rect.adjusted(0, 0, 0, -self.gap)
            painter.setPen(c.pen(1.6 if heavy else 0.8))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(box)
            inside = box.adjusted(self.pad, self.pad, -self.pad, -self.pad)
            used = c.text(painter, HEADING, inside, heading) + c.mm(1)
            c.bullets(painter, BODY, inside.adjusted(0, used, 0, 0), items)

        return height + self.gap, draw

    def how_much(self) -> Block | None:
        note = self.exercise.dose.note
        if not note:
            return None
        c, w = self.canvas, self.width
        height = c.height(HEADING, HOW_MUCH_HEADING, w) + c.height(BODY, note, w)

        def draw(painter: QPainter, rect: QRectF) -> None:
            used = c.text(painter, HEADING, rect, HOW_MUCH_HEADING)
            c.text(painter, BODY, rect.adjusted(0, used, 0, 0), note)

        return height, draw

    def blocks(self, figure_w: float, columns: int = 1) -> list[Block]:
        e = self.exercise
        blocks = [self.head(), *self.steps(figure_w, columns)]
        blocks.append(self.framed(CAUTIONS_HEADING, e.cautions))
        blocks.append(self.framed(STOP_HEADING, e.stop_if, heavy=True))
        how_much = self.how_much()
        if how_much is not None:
            blocks.append(how_much)
        return blocks


def _fitted(layout: CardLayout, canvas: Canvas, room: float) -> list[Block]:
    """The card's blocks with the largest figures that fit ``room``: steps one under another
    with figures from ``WIDEST_MM`` wide down to ``ONE_COLUMN_MIN_MM``, then two steps to a
    row, down to ``NARROWEST_MM``; the smallest if nothing fits (the card then runs on)."""
    tries = [(w, 1) for w in _sizes(WIDEST_MM, ONE_COLUMN_MIN_MM)]
    tries += [(w, 2) for w in _sizes(TWO_COLUMN_MAX_MM, NARROWEST_MM)]
    blocks: list[Block] = []
    for width, columns in tries:
        blocks = layout.blocks(canvas.mm(width), columns)
        if sum(h for h, _ in blocks) <= room:
            break
    return blocks


def _sizes(high: float, low: float) -> list[float]:
    count = round((high - low) / FIGURE_STEP_MM)
    return [high - i * FIGURE_STEP_MM for i in range(count + 1)]


def lay_out_card(flow: Flow, canvas: Canvas, card: SheetCard, sheet: WeekSheet,
                 poses: Mapping[str, Pose]) -> None:
    """Start a new page and place the card, with the largest figures that let it fit."""
    flow.new_page()
    layout = CardLayout(canvas, card, sheet, poses, flow.frame.width())
    title = f"{layout.title} (continued)"
    for height, draw in _fitted(layout, canvas, flow.room):
        if not flow.fits(height):
            flow.new_page()
            flow.place(canvas.height(HEADING, title, flow.frame.width()) + canvas.mm(1),
                       lambda p, r: canvas.text(p, HEADING, r, title))
        flow.place(height, draw)
