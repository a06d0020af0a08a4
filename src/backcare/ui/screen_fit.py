"""Fitting a window to the screen it opens on: sized from the free area, placed inside it.

A laptop at 1366×768 with a panel, or 1280×800 at 125 % or 150 % scaling (1024×640 and 853×533
logical pixels), leaves less room than the window would like; a window sized by a fixed number
then runs off the bottom of the screen, and with it the calcium tally and the card's buttons.
The rule (``fitted_size``, ``fitted_minimum``, ``placed``) is plain arithmetic on tuples, so it
is tested without a screen; ``fit_to_screen`` applies it to a widget and ``scrolled`` lets a
page that cannot shrink any further scroll instead of being cut off.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QWidget

# What a window manager adds around the window (borders, and a title bar of up to ~34 px at
# 125 % to 150 %): the window's own size must leave this much of the free area for its frame.
FRAME_ALLOWANCE = (16, 44)
# Qt.ScrollBarPolicy.ScrollBarAlwaysOff as the plain number: main_window and today_page import
# this module at every start, and the Qt namespace is left unbuilt until after it (app/startup).
SCROLL_BAR_ALWAYS_OFF = 1
MINIMUM_ROW_HEIGHT = 46  # a Today row's (today_rows): two stay in view before the page scrolls


def fitted_size(wanted: tuple[int, int], available: tuple[int, int]) -> tuple[int, int]:
    """``wanted``, or less where the free area (panels taken off), less its frame, is smaller."""
    return (min(wanted[0], available[0] - FRAME_ALLOWANCE[0]),
            min(wanted[1], available[1] - FRAME_ALLOWANCE[1]))


def fitted_minimum(minimum: tuple[int, int], available: tuple[int, int]) -> tuple[int, int]:
    """The smallest she may drag the window to: ``minimum`` where the screen has room, never
    more than fits (a minimum larger than the screen would push the window's edge off it)."""
    return fitted_size(minimum, available)


def placed(size: tuple[int, int], area: tuple[int, int, int, int]) -> tuple[int, int]:
    """Where the frame's top-left goes: centred in ``area`` (x, y, width, height), and never
    above or left of it, so the title bar can always be reached to move the window."""
    x, y, width, height = area
    outer_w, outer_h = size[0] + FRAME_ALLOWANCE[0], size[1] + FRAME_ALLOWANCE[1]
    return (x + max(0, (width - outer_w) // 2), y + max(0, (height - outer_h) // 2))


def fit_to_screen(window: QWidget, wanted: tuple[int, int], minimum: tuple[int, int], *,
                  place: bool = True) -> None:
    """Size ``window`` for the free area of the screen it is on and, with ``place``, centre it
    there (a dialog is left to Qt, which centres it on its parent and keeps it on screen)."""
    screen = window.screen()
    if screen is None:
        return
    area = screen.availableGeometry()
    room = (area.width(), area.height())
    window.setMinimumSize(*fitted_minimum(minimum, room))
    size = fitted_size(wanted, room)
    window.resize(*size)
    if place:
        window.move(*placed(size, (area.x(), area.y(), area.width(), area.height())))


def scrolled(page: QWidget, name: str) -> QScrollArea:
    """``page`` in a frameless scroll area: it fills the space when there is room and scrolls
    up and down when the window is lower than the page can be (a small or scaled screen).
    Never sideways: the page takes the width it is given and its words wrap to it, as they
    did before it scrolled (a page asking for its widest line would scroll on every screen)."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setProperty("horizontalScrollBarPolicy", SCROLL_BAR_ALWAYS_OFF)
    policy = page.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
    page.setSizePolicy(policy)
    area.setWidgetResizable(True)
    area.setWidget(page)
    area.setAccessibleName(page.accessibleName())
    return area


class ShrinkFirst(QScrollArea):
    """A scroll area that asks for no more than its least height, inside a page that itself
    scrolls (``scrolled``): the page's wrapped words make Qt size it by preferred heights, and
    this one's preferred height (all its rows) would make the page scroll on every screen.
    It still takes all the room the page has left, as an expanding scroll area does."""

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint().expandedTo(QSize(0, 2 * MINIMUM_ROW_HEIGHT))
