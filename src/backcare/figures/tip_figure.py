"""A tip's picture (``[[tip.figure]]`` in advice.toml): its pose drawn by the one figure
painter, framed close round her and what she handles, with the "not like this" mark on a
figure of the wrong way (``TipFigure.avoid``).

The mark is drawn here, by the painter, not by the page, so every place that shows a tip's
figure (the "Your back" page, the tip of the day, a printed sheet) shows the wrong way as wrong:
a picture of bending from the waist must never be seen without its cross.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QImage, QPainter

from backcare.core.content import TipFigure
from backcare.figures.pose import Pose
from backcare.figures.thumbnail import paint_thumbnail, thumbnail_image

#: The size a tip's figure is drawn at on its card (4:3, like the exercise figures).
CARD_SIZE = QSize(240, 180)


def tip_figure_pose(figure: TipFigure, poses: Mapping[str, Pose]) -> Pose | None:
    """The pose the figure shows, or None when no pose file of that name loaded."""
    return poses.get(figure.pose)


def paint_tip_figure(painter: QPainter, target: QRectF, figure: TipFigure,
                     poses: Mapping[str, Pose]) -> bool:
    """Draw the figure into ``target``; False (nothing drawn) when its pose is missing."""
    pose = tip_figure_pose(figure, poses)
    if pose is None:
        return False
    paint_thumbnail(painter, target, pose, avoid=figure.avoid)
    return True


def tip_figure_image(figure: TipFigure, poses: Mapping[str, Pose],
                     size: QSize = CARD_SIZE) -> QImage | None:
    """The figure on white at ``size``, or None when its pose is missing."""
    pose = tip_figure_pose(figure, poses)
    if pose is None:
        return None
    return thumbnail_image(pose, size, avoid=figure.avoid)
