"""Measuring and drawing on a printed page, in the page device's own pixels.

A QPdfWriter draws at 1200 dpi and a QPrinter at its printer's (or the screen's, in the print
preview), so every size here is asked for in millimetres or points and turned into the
device's pixels; text is measured with the device's own font metrics, so what the layout
measured is exactly what is drawn, on any device.

The sheet must print well in black and white and be read at arm's length: every text style is
11 pt or more (headings larger), all ink is black or grey, and tick boxes are drawn empty
squares, so nothing depends on colour.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPaintDevice,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)

FAMILY = "DejaVu Sans"  # fonts-dejavu-core, in .ci/apt-packages: the same glyphs everywhere
BODY_MIN_PT = 11.0

INK = QColor(0, 0, 0)
RULE = QColor(110, 110, 110)  # grid lines: visible, quieter than the words
SHADE = QColor(228, 228, 228)  # the grid's head row
PALE = QColor(244, 244, 244)  # a day with nothing to tick (it also has no box)

_WRAP = Qt.TextFlag.TextWordWrap


class TextStyle(Enum):
    """Each text style as (points, bold, italic). Body text is 11 pt, headings larger."""

    BODY = (11.0, False, False)
    STRONG = (11.0, True, False)
    ASIDE = (11.0, False, True)
    HEADING = (13.0, True, False)
    SECTION = (15.0, True, False)
    TITLE = (20.0, True, False)

    @property
    def points(self) -> float:
        return self.value[0]


class Canvas:
    """Units, fonts and text for one paint device (a QPdfWriter or a QPrinter)."""

    def __init__(self, device: QPaintDevice) -> None:
        self.device = device
        self.dpi = float(device.logicalDpiY())
        self._fonts: dict[TextStyle, QFont] = {}
        self._metrics: dict[TextStyle, QFontMetricsF] = {}
        # A card is measured at several figure sizes; its cautions are the same each time.
        self._heights: dict[tuple[TextStyle, str, float], float] = {}

    def mm(self, value: float) -> float:
        return value * self.dpi / 25.4

    def pt(self, value: float) -> float:
        return value * self.dpi / 72.0

    def font(self, style: TextStyle) -> QFont:
        font = self._fonts.get(style)
        if font is None:
            points, bold, italic = style.value
            font = QFont(FAMILY)
            font.setPointSizeF(points)
            font.setBold(bold)
            font.setItalic(italic)
            # No ligatures: "ff" and "fl" stay letters, so the PDF's words can be searched,
            # copied and read aloud ("Pelvic floor", not "Pelvic ﬂoor"). Qt 6.7 and later.
            if hasattr(font, "setFeature"):
                for tag in ("liga", "clig"):
                    font.setFeature(QFont.Tag(tag), 0)
            self._fonts[style] = font
        return font

    def metrics(self, style: TextStyle) -> QFontMetricsF:
        metrics = self._metrics.get(style)
        if metrics is None:
            metrics = QFontMetricsF(self.font(style), self.device)
            self._metrics[style] = metrics
        return metrics

    def line(self, style: TextStyle) -> float:
        """The height of one line of ``style``."""
        return self.metrics(style).lineSpacing()

    def width(self, style: TextStyle, text: str) -> float:
        return self.metrics(style).horizontalAdvance(text)

    def height(self, style: TextStyle, text: str, width: float) -> float:
        """The height ``text`` takes wrapped at ``width``; nothing for no text."""
        if not text:
            return 0.0
        key = (style, text, width)
        height = self._heights.get(key)
        if height is None:
            box = QRectF(0, 0, width, 1e9)
            height = self.metrics(style).boundingRect(box, _WRAP, text).height()
            self._heights[key] = height
        return height

    def text(self, painter: QPainter, style: TextStyle, rect: QRectF, text: str,
             align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> float:
        """Draw ``text`` wrapped in ``rect`` from its top; returns the height it took."""
        if not text:
            return 0.0
        painter.setFont(self.font(style))
        painter.setPen(INK)
        flags = int(_WRAP) | int(align) | int(Qt.AlignmentFlag.AlignTop)
        painter.drawText(rect, flags, text)
        return self.height(style, text, rect.width())

    def _runs_layout(self, runs: tuple[tuple[TextStyle, str], ...], width: float) -> QTextLayout:
        """One paragraph of several styles run together ("**Bend less.** Bending forward…"),
        laid out in lines of ``width`` on this device."""
        base = runs[0][0]
        layout = QTextLayout("".join(text for _, text in runs), self.font(base), self.device)
        ranges, start = [], 0
        for style, text in runs:
            piece = QTextLayout.FormatRange()
            piece.start, piece.length = start, len(text)
            form = QTextCharFormat()
            form.setFont(self.font(style))
            piece.format = form
            ranges.append(piece)
            start += len(text)
        layout.setFormats(ranges)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(option)
        layout.beginLayout()
        y = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += line.height()
        layout.endLayout()
        return layout

    def runs_height(self, runs: tuple[tuple[TextStyle, str], ...], width: float) -> float:
        return self._runs_layout(runs, width).boundingRect().height()

    def runs(self, painter: QPainter, rect: QRectF,
             runs: tuple[tuple[TextStyle, str], ...]) -> float:
        """Draw a paragraph of runs at the top of ``rect``; returns the height it took."""
        layout = self._runs_layout(runs, rect.width())
        painter.setPen(INK)
        layout.draw(painter, rect.topLeft())
        return layout.boundingRect().height()

    def bullets_height(self, style: TextStyle, items: tuple[str, ...], width: float) -> float:
        indent = self.bullet_indent(style)
        gap = self.mm(0.5)
        return sum(self.height(style, item, width - indent) + gap for item in items)

    def bullet_indent(self, style: TextStyle) -> float:
        return self.width(style, "•") + self.mm(2)

    def bullets(self, painter: QPainter, style: TextStyle, rect: QRectF,
                items: tuple[str, ...]) -> float:
        """A list with hanging bullets; returns the height it took."""
        indent = self.bullet_indent(style)
        gap = self.mm(0.5)
        y = rect.top()
        for item in items:
            self.text(painter, style, QRectF(rect.left(), y, indent, self.line(style)), "•")
            body = QRectF(rect.left() + indent, y, rect.width() - indent, 1e6)
            y += self.text(painter, style, body, item) + gap
        return y - rect.top()

    def pen(self, points: float, color: QColor = INK) -> QPen:
        pen = QPen(color, self.pt(points))
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        return pen

    @property
    def box_size(self) -> float:
        """A tick box: 4 mm, big enough to tick with a pen held in a tired hand."""
        return self.mm(4.0)

    def tick_box(self, painter: QPainter, x: float, y: float) -> None:
        """An empty square to tick, its top-left corner at (x, y)."""
        painter.setPen(self.pen(0.8))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        size = self.box_size
        painter.drawRect(QRectF(x, y, size, size))

    def rule(self, painter: QPainter, start: QPointF, end: QPointF, points: float = 0.5,
             color: QColor = RULE) -> None:
        painter.setPen(self.pen(points, color))
        painter.drawLine(start, end)
