"""The tray icon with a badge when reminders are quiet: two bars when paused, a moon while the
baby naps, so she can tell at a glance, without opening the menu, why nothing is coming.

Drawn over the app icon's own pictures at every tray size, once per look, and kept. Without
PySide6's ``Qt`` namespace (loaded with the tray at every start, see app/startup.py, measure 2):
each shape is outlined in its own fill colour instead of with ``Qt.PenStyle.NoPen``.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from backcare.core.quiet import Quiet
from backcare.ui.app_icon import ICON_SIZES, app_icon
from backcare.ui.theme import LIGHT, Tone

# The chips' own colours for a quiet or resting reminder on the Today page (light theme: the
# tray's background is the desktop panel's, not the app's palette), behind a white sign.
_BADGE = {Quiet.PAUSED: LIGHT.chips[Tone.QUIET][0], Quiet.NAPPING: LIGHT.chips[Tone.RESTING][0]}
_SIGN = "#ffffff"


@cache
def tray_icon(quiet: Quiet) -> QIcon:
    """The app icon as it is (``Quiet.NO``), or with the badge for ``quiet``."""
    if quiet is Quiet.NO:
        return app_icon()
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addPixmap(_badged(app_icon().pixmap(QSize(size, size)), quiet))
    return icon


def _badged(picture: QPixmap, quiet: Quiet) -> QPixmap:
    """``picture`` with a round badge in its lower right corner, a bit over half its width."""
    out = QPixmap(picture)
    side = out.deviceIndependentSize().width()
    d = side * 0.56
    badge = QRectF(side - d, side - d, d, d)
    painter = QPainter(out)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _fill(painter, _BADGE[quiet])
    painter.drawEllipse(badge)
    _fill(painter, _SIGN)
    c, r = badge.center(), d / 2
    if quiet is Quiet.PAUSED:  # two upright bars
        w, h = r * 0.28, r * 0.95
        for dx in (-r * 0.25, r * 0.25):
            painter.drawRect(QRectF(c.x() + dx - w / 2, c.y() - h / 2, w, h))
    else:  # a crescent moon: a white disc, partly covered by one in the badge's colour
        painter.drawEllipse(c, r * 0.6, r * 0.6)
        _fill(painter, _BADGE[quiet])
        painter.drawEllipse(c + QPointF(r * 0.32, -r * 0.22), r * 0.5, r * 0.5)
    painter.end()
    return out


def _fill(painter: QPainter, colour: str) -> None:
    painter.setPen(QColor(colour))
    painter.setBrush(QColor(colour))
