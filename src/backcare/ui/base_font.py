"""The app's base font: her desktop's, but never under 10 pt.

Every widget without a size of its own (a combo box, a check box, a hint, the status bar) draws
in the application font, which Qt takes from the desktop. Without a desktop theme (a bare
Debian session, a window manager with no settings daemon) that is "Sans Serif 9", too small to
read at a glance while holding a baby, and the hints and the calcium line came out at about
9 pt. So the start raises a smaller base font to ``LEAST_PT`` and leaves a larger one (a desktop
set to 11 or 12 pt for her eyes) alone; the pages' own sizes (titles, instructions) are all
above it.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QGuiApplication

LEAST_PT = 10.0


def floored(font: QFont, dpi: float) -> QFont | None:
    """``font`` raised to ``LEAST_PT`` when it is smaller (a pixel size counted at ``dpi``), or
    None when it is big enough already."""
    size = font.pointSizeF() if font.pointSizeF() > 0 else font.pixelSize() * 72.0 / dpi
    if size >= LEAST_PT:
        return None
    raised = QFont(font)
    raised.setPointSizeF(LEAST_PT)
    return raised


def raise_small_base_font(app: QGuiApplication) -> None:
    """Give ``app`` a base font of at least ``LEAST_PT`` (see the module's words)."""
    screen = app.primaryScreen()
    raised = floored(app.font(), screen.logicalDotsPerInchY() if screen is not None else 96.0)
    if raised is not None:
        app.setFont(raised)
