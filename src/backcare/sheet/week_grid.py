"""The week's grid: the seven days across, her reminders down, a tick box for each one due.

Exercise sessions get a row each (in the order of the day), with the exercises that fit that
day's week after birth beside the box, so an exercise that opens mid-week appears from that day
on. They are named by their card numbers, with a key of names under the grid: a day's column is
about 20 mm wide, where two titles at 11 pt take four or five lines, and a grid of names
leaves no room on page 1 for the warning signs (``week_page``).

The posture breaks and the calcium reminders are short and the same most days, so each kind
shares one row with a box per reminder, in the order of the day; the row's head says when they
come. The last row is a line for each day's calcium total, with her target beside it.

A day with nothing due in a row has no box and a pale ground: the missing box says it, the
ground only helps the eye. The grid splits between rows onto the next page, its head repeated.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter

from backcare.core.reminders import Kind
from backcare.core.week_sheet import DAYS, SheetRow, Tick, WeekSheet
from backcare.sheet.canvas import INK, PALE, SHADE, Canvas, TextStyle
from backcare.sheet.flow import Flow
from backcare.sheet.words import calcium_heading, day_heading, row_heading

LABEL_MM = 38.0  # the row heads: "21:30 Before bed" on one line, "Posture breaks" and when
PAD_MM = 1.1
GAP_MM = 1.0
TOTAL_ROW_MM = 10.0  # room to write a number by hand

BODY, STRONG = TextStyle.BODY, TextStyle.STRONG


class WeekGrid:
    """Measures and draws the grid of ``sheet`` across ``width`` device pixels."""

    def __init__(self, canvas: Canvas, sheet: WeekSheet, width: float) -> None:
        self.canvas = canvas
        self.sheet = sheet
        self.width = width
        self.label_w = canvas.mm(LABEL_MM)
        self.day_w = (width - self.label_w) / DAYS
        self.pad = canvas.mm(PAD_MM)
        self.gap = canvas.mm(GAP_MM)

    # -- measuring ---------------------------------------------------------------------------

    def _inner(self, cell_width: float) -> float:
        return cell_width - 2 * self.pad

    def _inline(self, lines: tuple[str, str], width: float) -> bool:
        """A short head ("15:00" and "Afternoon") goes on one line, bold then plain."""
        first, second = lines
        c = self.canvas
        return bool(second) and (c.width(STRONG, first) + c.width(BODY, " " + second)) <= width

    def _head_height(self, lines: tuple[str, str], width: float) -> float:
        c = self.canvas
        first, second = lines
        if self._inline(lines, width):
            return c.line(BODY)
        return c.height(STRONG, first, width) + c.height(BODY, second, width)

    def header_height(self) -> float:
        lines = 2 if any(d.week is not None for d in self.sheet.days) else 1
        return 2 * self.pad + lines * self.canvas.line(BODY)

    def _boxes_per_line(self) -> int:
        """As many as fit with two clear millimetres before the cell's edge, at least one."""
        step = self.canvas.box_size + self.gap
        room = self._inner(self.day_w) - self.canvas.mm(2) + self.gap
        return max(1, int(room // step))

    def _boxes_height(self, count: int) -> float:
        if not count:
            return 0.0
        lines = -(-count // self._boxes_per_line())
        return lines * self.canvas.box_size + (lines - 1) * self.gap

    def _numbers(self, tick: Tick) -> str:
        return ", ".join(str(self.sheet.number(e)) for e in tick.exercises)

    def _numbers_width(self) -> float:
        return self._inner(self.day_w) - self.canvas.box_size - self.gap

    def _session_height(self, tick: Tick) -> float:
        words = self.canvas.height(STRONG, self._numbers(tick), self._numbers_width())
        return max(self.canvas.box_size, words)

    def row_height(self, row: SheetRow) -> float:
        head = self._head_height(row_heading(row, self.sheet.posture_every_min),
                                 self._inner(self.label_w))
        cells = [
            self._session_height(ticks[0]) if row.kind is Kind.EXERCISE and ticks
            else self._boxes_height(len(ticks))
            for ticks in row.days
        ]
        return 2 * self.pad + max(head, *cells)

    def total_height(self) -> float:
        target = self.sheet.calcium_target_mg or 0
        head = self._head_height(calcium_heading(target), self._inner(self.label_w))
        return max(2 * self.pad + head, self.canvas.mm(TOTAL_ROW_MM))

    # -- drawing -----------------------------------------------------------------------------

    def _cells(self, rect: QRectF) -> list[QRectF]:
        """The label cell, then one cell per day, across ``rect``."""
        cells = [QRectF(rect.left(), rect.top(), self.label_w, rect.height())]
        for i in range(DAYS):
            x = rect.left() + self.label_w + i * self.day_w
            cells.append(QRectF(x, rect.top(), self.day_w, rect.height()))
        return cells

    def _frame(self, painter: QPainter, cells: list[QRectF]) -> None:
        painter.setPen(self.canvas.pen(0.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for cell in cells:
            painter.drawRect(cell)

    def _inset(self, cell: QRectF) -> QRectF:
        return cell.adjusted(self.pad, self.pad, -self.pad, -self.pad)

    def _draw_head(self, painter: QPainter, cell: QRectF, lines: tuple[str, str]) -> None:
        box = self._inset(cell)
        c = self.canvas
        used = c.text(painter, STRONG, box, lines[0])
        if self._inline(lines, box.width()):
            c.text(painter, BODY, box.adjusted(c.width(STRONG, lines[0]), 0, 0, 0), " " + lines[1])
        else:
            c.text(painter, BODY, box.adjusted(0, used, 0, 0), lines[1])

    def draw_header(self, painter: QPainter, rect: QRectF) -> None:
        cells = self._cells(rect)
        painter.fillRect(rect, SHADE)
        for cell, day in zip(cells[1:], self.sheet.days, strict=True):
            box = self._inset(cell)
            y = 0.0
            for style, words in zip((STRONG, BODY), day_heading(day), strict=True):
                y += self.canvas.text(painter, style, box.adjusted(0, y, 0, 0), words,
                                      Qt.AlignmentFlag.AlignHCenter)
        self._frame(painter, cells)

    def _draw_boxes(self, painter: QPainter, cell: QRectF, count: int) -> None:
        box = self._inset(cell)
        per_line = self._boxes_per_line()
        step = self.canvas.box_size + self.gap
        for i in range(count):
            line, place = divmod(i, per_line)
            self.canvas.tick_box(painter, box.left() + place * step, box.top() + line * step)

    def _draw_session(self, painter: QPainter, cell: QRectF, tick: Tick) -> None:
        box = self._inset(cell)
        self.canvas.tick_box(painter, box.left(), box.top())
        left = box.left() + self.canvas.box_size + self.gap
        self.canvas.text(painter, STRONG, QRectF(left, box.top(), self._numbers_width(), 1e6),
                         self._numbers(tick))

    def draw_row(self, painter: QPainter, rect: QRectF, row: SheetRow) -> None:
        cells = self._cells(rect)
        self._draw_head(painter, cells[0], row_heading(row, self.sheet.posture_every_min))
        for cell, ticks in zip(cells[1:], row.days, strict=True):
            if not ticks:
                painter.fillRect(cell, PALE)
            elif row.kind is Kind.EXERCISE:
                self._draw_session(painter, cell, ticks[0])
            else:
                self._draw_boxes(painter, cell, len(ticks))
        self._frame(painter, cells)

    def draw_total(self, painter: QPainter, rect: QRectF) -> None:
        cells = self._cells(rect)
        target = self.sheet.calcium_target_mg or 0
        self._draw_head(painter, cells[0], calcium_heading(target))
        for cell in cells[1:]:
            y = cell.bottom() - self.pad - self.canvas.mm(1.5)
            self.canvas.rule(painter, QPointF(cell.left() + self.pad, y),
                             QPointF(cell.right() - self.pad, y), 0.6, INK)
        self._frame(painter, cells)

    # -- placing -----------------------------------------------------------------------------

    def lay_out(self, flow: Flow) -> None:
        """Place the head, the rows and the calcium line; a row that does not fit starts the
        next page with the head again."""
        head = self.header_height()
        flow.place(head, self.draw_header)
        blocks: list[tuple[float, object]] = [(self.row_height(r), r) for r in self.sheet.rows]
        if self.sheet.calcium_target_mg is not None:
            blocks.append((self.total_height(), None))
        for height, row in blocks:
            if not flow.fits(height):
                flow.new_page()
                flow.place(head, self.draw_header)
            if isinstance(row, SheetRow):
                flow.place(height, lambda p, r, row=row: self.draw_row(p, r, row))
            else:
                flow.place(height, self.draw_total)
