"""Text that changes without moving what is around it.

A guided session changes its words every few seconds: the instruction of each step, the
countdown's caption, Start that becomes Pause and then Resume. If each widget took the size of
the words it shows now, the figure above would jump up and down at every step and the buttons
beside Start would slide. These widgets take the size of the longest words they may show.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget


class SteadyLabel(QLabel):
    """A word-wrapped label as tall as the tallest of the texts it may show, at any width.

    An instruction that wraps to three lines on one step and two on the next would make the
    figure above it shrink and grow at every step; asking for the room of the longest text
    (``reserve``) keeps the figure still. The label's own text always counts too.
    """

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # No accessible name: a screen reader reads the words shown, never the object name.
        self._texts: tuple[tuple[str, bool], ...] = ()

    def reserve(self, texts: Iterable[str], bold: Iterable[str] = ()) -> None:
        """Keep room for each of ``texts`` in the label's font, and for each of ``bold`` in
        bold: the words its stylesheet shows in bold (paused) are wider."""
        pairs = [(text, False) for text in texts] + [(text, True) for text in bold]
        self._texts = tuple(dict.fromkeys(pairs))
        self.updateGeometry()

    def heightForWidth(self, width: int) -> int:
        own = super().heightForWidth(width)
        return max([own, *(self.text_height(text, width, bold=b) for text, b in self._texts)])

    def text_height(self, text: str, width: int, *, bold: bool = False) -> int:
        """The height this label would need to show ``text`` at ``width``, word-wrapped in
        its font (bold if asked), measured the way QLabel measures its own text."""
        font = QFont(self.font())
        font.setBold(bold or font.bold())
        margins = self.contentsMargins()
        extra = 2 * self.margin()
        inner = max(1, width - margins.left() - margins.right() - extra)
        flags = (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop).value \
            | Qt.TextFlag.TextWordWrap.value
        box = QFontMetrics(font).boundingRect(0, 0, inner, 1 << 16, flags, text)
        return box.height() + margins.top() + margins.bottom() + extra


def steady_width(widget: QLabel | QPushButton, texts: Iterable[str]) -> None:
    """Make ``widget`` wide enough for the widest of ``texts``, so changing its text (Start,
    Pause, Resume; 20 then 4 seconds) never moves the widgets beside it. Call it once the
    widget is in the styled window: its size depends on the stylesheet's font and padding."""
    shown = widget.text()
    widths = []
    for text in texts:
        widget.setText(text)
        widths.append(widget.sizeHint().width())
    widget.setText(shown)
    widget.setMinimumWidth(max(widths, default=0))


def show_page(stack: QStackedWidget, index: int) -> None:
    """Show page ``index`` of ``stack`` and have its parent lay it out again. A stacked
    widget's height for a given width depends on the page shown (a hidden page does not
    count), but Qt keeps the parent layout's old answer after a page change: without this the
    "Next: …" page would take the figure's room and the figure would shrink and jump."""
    if stack.currentIndex() == index:
        return
    stack.setCurrentIndex(index)
    stack.updateGeometry()
