"""Blocks laid one under another down the pages, measured first and drawn afterwards.

The layout is worked out before anything is drawn, so the footer can say "page 2 of 9" and a
block can know where another landed. A block that does not fit in what is left of a page
starts the next one, unless it is already at the top of a page (a block taller than a whole
page is drawn anyway and clipped, rather than pushing empty pages out for ever).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

Draw = Callable[[QPainter, QRectF], None]


@dataclass(frozen=True)
class Placed:
    """A block's place on its page and how to draw it there."""

    rect: QRectF
    draw: Draw


class Flow:
    """Places blocks in ``frame`` (the page less its margins and footer), page after page."""

    def __init__(self, frame: QRectF) -> None:
        self.frame = frame
        self.pages: list[list[Placed]] = [[]]
        self.y = frame.top()

    @property
    def page(self) -> int:
        """The page being filled, counted from 1."""
        return len(self.pages)

    @property
    def room(self) -> float:
        return self.frame.bottom() - self.y

    @property
    def at_top(self) -> bool:
        return self.y <= self.frame.top()

    def new_page(self) -> None:
        """Start a fresh page (nothing happens at the top of an empty one)."""
        if self.pages[-1]:
            self.pages.append([])
        self.y = self.frame.top()

    def space(self, height: float) -> None:
        """Leave ``height`` empty, except at the top of a page."""
        if not self.at_top:
            self.y = min(self.y + height, self.frame.bottom())

    def fits(self, height: float) -> bool:
        return height <= self.room

    def place(self, height: float, draw: Draw) -> QRectF:
        """Put a block of ``height`` here, or at the top of the next page if it does not fit."""
        if not self.fits(height) and not self.at_top:
            self.new_page()
        rect = QRectF(self.frame.left(), self.y, self.frame.width(), height)
        self.pages[-1].append(Placed(rect, draw))
        self.y += height
        return rect
