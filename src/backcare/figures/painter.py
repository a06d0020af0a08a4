"""The one figure painter: a pose, its props, a ghost of the previous pose and a motion arrow,
drawn on any QPainter (widget, QImage, QPdfWriter, QPrinter, QSvgGenerator).

Everything is drawn in world centimetres through one transform that maps the view's fixed world
box (``props.FRAME``) into the caller's rectangle. So pen widths are body sizes, every device
gets the same picture, and two poses of one view share scale and origin: the animation between
steps never jumps. The caller's painter state is saved and restored around every call.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QRadialGradient,
)

from backcare.figures import props as P
from backcare.figures.body import ANGLES
from backcare.figures.body_paint import (
    BACKGROUND,
    FIGURE_COLOR,
    GHOST_OPACITY,
    group_paths,
    paint_figure,
    paint_ghost,
)
from backcare.figures.motion import moved_most
from backcare.figures.pose import Pose, Skeleton, solve
from backcare.figures.prop_paint import paint_baby, paint_props

__all__ = [
    "ARROW_COLOR",
    "AVOID_COLOR",
    "BACKGROUND",
    "FIGURE_COLOR",
    "GHOST_OPACITY",
    "HIGHLIGHT_COLOR",
    "paint_avoid_mark",
    "paint_step",
    "render_image",
    "render_png",
    "render_svg",
    "world_transform",
]

ARROW_COLOR = QColor("#e07a2e")  # the accent: motion arrows and hints
AVOID_COLOR = QColor("#c8433a")  # the "not like this" cross: a red that reads on any theme
HIGHLIGHT_COLOR = QColor("#e0457b")

_MIN_ARROW_CM = 4.0
_MIN_NAMED_ARROW_CM = 2.0
_GLOW_CM = 16.0  # a highlight (a squeeze, a press): big enough to show in a thumbnail


def world_transform(rect: QRectF, view: str) -> tuple[float, float, float]:
    """(scale px/cm, x of world 0, y of world 0) for the fixed world box of ``view`` in ``rect``.
    The same for every pose of a view: this is what keeps the framing stable."""
    x0, y0, x1, y1 = P.FRAME[view]
    scale = min(rect.width() / (x1 - x0), rect.height() / (y1 - y0))
    ox = rect.center().x() - (x0 + x1) / 2 * scale
    oy = rect.center().y() + (y0 + y1) / 2 * scale
    return scale, ox, oy


def _qp(p: tuple[float, float]) -> QPointF:
    return QPointF(p[0], p[1])


# --- hints ----------------------------------------------------------------------------------


def _arrow_head(painter: QPainter, tip: tuple[float, float], angle: float, size: float) -> None:
    left = angle + math.radians(150)
    right = angle - math.radians(150)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ARROW_COLOR)
    painter.drawPolygon(
        QPolygonF(
            [
                _qp(tip),
                QPointF(tip[0] + math.cos(left) * size, tip[1] + math.sin(left) * size),
                QPointF(tip[0] + math.cos(right) * size, tip[1] + math.sin(right) * size),
            ]
        )
    )


def _arrow(painter: QPainter, start: tuple[float, float], end: tuple[float, float],
           bow: tuple[float, float] | None = None) -> None:
    """A clear accent arrow from ``start`` to ``end``, gently curved away from ``bow``."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy)
    if length < 1e-6:
        return
    mid = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    nx, ny = -dy / length, dx / length
    if bow is not None and (mid[0] - bow[0]) * nx + (mid[1] - bow[1]) * ny < 0:
        nx, ny = -nx, -ny
    if ny < 0 and min(start[1], end[1]) - length * 0.22 < 3:
        nx, ny = -nx, -ny  # never bow down into the floor
    ctrl = (mid[0] + nx * length * 0.22, mid[1] + ny * length * 0.22) if bow else mid
    head = min(7.0, max(4.0, length * 0.35))
    path = QPainterPath(_qp(start))
    # stop the shaft short of the tip so the round cap does not poke through the head
    angle = math.atan2(end[1] - ctrl[1], end[0] - ctrl[0])
    shaft_end = (end[0] - math.cos(angle) * head * 0.6, end[1] - math.sin(angle) * head * 0.6)
    path.quadTo(_qp(ctrl), _qp(shaft_end))
    pen = QPen(ARROW_COLOR, 1.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    _arrow_head(painter, end, angle, head)


def _paint_roll_arrow(painter: QPainter, ghost: Pose, pose: Pose) -> bool:
    """When the step rolls the ball, the arrow is the ball's: beside it at its middle, in the
    way it rolled, where nothing of her hides it. True when it drew one."""
    if ghost.place.roll == pose.place.roll or "ball" not in pose.props:
        return False
    ball = pose.scene()["ball"].parts[0]
    if not isinstance(ball, P.Circle):
        return False
    way = 1.0 if pose.place.roll > ghost.place.roll else -1.0
    start = (ball.cx + way * (ball.r + 4.0), ball.cy)
    _arrow(painter, start, (start[0] + way * 18.0, start[1]))
    return True


def _paint_motion_arrow(painter: QPainter, ghost: Pose, pose: Pose, sk: Skeleton) -> None:
    """One arrow for the main movement: along the path from the ghost's point to the figure's
    when there is room (a foot, a hand), otherwise just ahead of the point in the direction it
    moved (hips lifting in a bridge, a back rounding up), where it cannot hide in the body."""
    # The pose names the point that matters, or else the ghost does: coming back from a pose
    # is the same movement the other way (the cat's back lowers where it humped).
    if _paint_roll_arrow(painter, ghost, pose):
        return
    if pose.arrow_at or ghost.arrow_at:
        name = pose.arrow_at or ghost.arrow_at
        dist = math.dist(solve(ghost)[name], sk[name])
        least = _MIN_NAMED_ARROW_CM  # named because it matters, even when the move is small
    else:
        name, dist = moved_most(ghost, pose)
        least = _MIN_ARROW_CM
    if dist < least:
        return
    before, after = solve(ghost)[name], sk[name]
    r = sk.radii[name] + 2.5
    ux, uy = (after[0] - before[0]) / dist, (after[1] - before[1]) / dist
    if r >= 9.0 or dist - 2 * r < 14.0:  # no room for a clear arrow between the two
        length = min(25.0, max(16.0, dist))
        start = (after[0] + ux * r, after[1] + uy * r)
        end = (start[0] + ux * length, start[1] + uy * length)
        solids = [prop for prop in pose.scene().values() if not prop.beside]
        if uy < -0.3 or any(prop.distance(end) < 1.0 for prop in solids):
            # a point going down (a back lowering to flat), or no room ahead (a back pressing
            # into the wall): the arrow comes from behind the point instead, over the ghost, so
            # it presses down on the body from the air above rather than hanging beneath it
            end = (after[0] - ux * r, after[1] - uy * r)
            start = (end[0] - ux * length, end[1] - uy * length)
        _arrow(painter, start, end)
        return
    start = (before[0] + ux * r, before[1] + uy * r)
    end = (after[0] - ux * r, after[1] - uy * r)
    _arrow(painter, start, end, bow=sk["pelvis"])


def _paint_echoes(painter: QPainter, pose: Pose) -> None:
    """A limb that wobbles ("let the leg go floppy") is drawn with two faint echoes of itself a
    little lifted, as a shake is drawn in a cartoon, so the movement shows in a still."""
    side = pose.motion_at.split("_")[0]
    group, angle = f"{side}_leg", f"{side}.hip"
    if angle not in dict(pose.angles) and angle not in ANGLES[pose.view]:
        return
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(FIGURE_COLOR)
    for lift, opacity in ((5.0, 0.3), (10.0, 0.16)):
        angles = dict(pose.angles)
        angles[angle] = pose.angle(angle) + lift
        echo = solve(replace(pose, angles=tuple(angles.items())))
        painter.setOpacity(opacity)
        for name, path, _hand in group_paths(echo):
            if name == group:
                painter.drawPath(path)
    painter.restore()


def _paint_hints(painter: QPainter, pose: Pose, sk: Skeleton) -> None:
    for name in pose.highlight:
        x, y = sk[name]
        glow = QRadialGradient(QPointF(x, y), _GLOW_CM)
        inner = QColor(HIGHLIGHT_COLOR)
        inner.setAlpha(190)
        outer = QColor(HIGHLIGHT_COLOR)
        outer.setAlpha(0)
        glow.setColorAt(0.0, inner)
        glow.setColorAt(0.55, QColor(inner.red(), inner.green(), inner.blue(), 110))
        glow.setColorAt(1.0, outer)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(glow))
        painter.drawEllipse(QPointF(x, y), _GLOW_CM, _GLOW_CM)
    if not pose.motion:
        return
    x, y = sk[pose.motion_at]
    r = sk.radii[pose.motion_at]
    if pose.motion == "wobble":
        pen = QPen(ARROW_COLOR, 1.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        marks = [(x + side * (r + 9), y) for side in (-1, 1)]  # each side of the foot
        side_name = pose.motion_at.split("_")[0]
        knee = f"{side_name}_knee"
        if knee in sk.points and knee != pose.motion_at:  # and along the loose leg, above it
            (kx, ky), kr = sk[knee], sk.radii[knee]
            for t in (0.0, 0.5):
                mx, my = kx + (x - kx) * t, ky + (y - ky) * t
                marks.append((mx, my + kr + 11))
        for cx, cy in marks:  # small zigzags: shake it loose, like jelly
            zig = QPainterPath(QPointF(cx, cy - 8))
            for i in range(1, 5):
                zig.lineTo(QPointF(cx + (2.4 if i % 2 else -2.4), cy - 8 + i * 4))
            painter.drawPath(zig)
    elif pose.motion == "up":
        _arrow(painter, (x + r + 10, y - 8), (x + r + 10, y + 12))
    elif pose.motion == "down":
        _arrow(painter, (x, y + r + 24), (x, y + r + 5))


def paint_avoid_mark(painter: QPainter, rect: QRectF) -> None:
    """A "not like this" mark in the top right corner of ``rect``: a red cross in a white disc,
    drawn in device pixels, so it is as clear on a thumbnail as on the printed sheet."""
    size = max(14.0, min(rect.width(), rect.height()) * 0.2)
    pad = size * 0.18
    centre = QPointF(rect.right() - pad - size / 2, rect.top() + pad + size / 2)
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(AVOID_COLOR, size * 0.08))
        painter.setBrush(BACKGROUND)
        painter.drawEllipse(centre, size / 2, size / 2)
        arm = size * 0.22
        pen = QPen(AVOID_COLOR, size * 0.14, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(centre + QPointF(-arm, -arm), centre + QPointF(arm, arm))
        painter.drawLine(centre + QPointF(-arm, arm), centre + QPointF(arm, -arm))
    finally:
        painter.restore()


def paint_step(painter: QPainter, rect: QRectF, pose: Pose, ghost: Pose | None = None, *,
               arrow: bool = True, avoid: bool = False) -> None:
    """Draw one step into ``rect``: props, a faint ghost of the previous pose, the figure, then
    the motion arrow from ghost to pose (when they differ) and the pose's own hints. ``avoid``
    adds the "not like this" mark (a tip's figure of the wrong way)."""
    sk = solve(pose)
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setClipRect(rect, Qt.ClipOperation.IntersectClip)
        scale, ox, oy = world_transform(rect, pose.view)
        painter.translate(ox, oy)
        painter.scale(scale, -scale)
        paint_props(painter, pose, ghost)
        if ghost is not None and ghost.view == pose.view:
            ghost_sk = solve(ghost)
            if ghost_sk.points != sk.points:
                paint_ghost(painter, ghost_sk)
        if pose.motion == "wobble":
            _paint_echoes(painter, pose)
        paint_figure(painter, sk, held=lambda: paint_baby(painter, pose))
        _paint_hints(painter, pose, sk)
        if arrow and ghost is not None and ghost.view == pose.view:
            _paint_motion_arrow(painter, ghost, pose, sk)
    finally:
        painter.restore()
    if avoid:
        paint_avoid_mark(painter, rect)


def render_image(pose: Pose, ghost: Pose | None = None,
                 size: tuple[int, int] = (480, 360), *, avoid: bool = False) -> QImage:
    """The step as an image on a white background (for PNG files and tests); ``avoid`` adds
    the "not like this" mark."""
    image = QImage(QSize(*size), QImage.Format.Format_ARGB32)
    image.fill(BACKGROUND)
    painter = QPainter(image)
    try:
        paint_step(painter, QRectF(0, 0, size[0], size[1]), pose, ghost, avoid=avoid)
    finally:
        painter.end()
    return image


def render_png(path: Path, pose: Pose, ghost: Pose | None = None,
               size: tuple[int, int] = (480, 360)) -> Path:
    """Write the step as a PNG; returns ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not render_image(pose, ghost, size).save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path


def render_svg(path: Path, pose: Pose, ghost: Pose | None = None,
               size: tuple[int, int] = (480, 360)) -> Path:
    """Write the step as an SVG through QSvgGenerator, so it stays sharp at any size."""
    from PySide6.QtSvg import QSvgGenerator  # only the export needs the SVG module

    path.parent.mkdir(parents=True, exist_ok=True)
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(*size))
    generator.setViewBox(QRectF(0, 0, size[0], size[1]))
    generator.setTitle(pose.id)
    painter = QPainter(generator)
    try:
        painter.fillRect(QRectF(0, 0, size[0], size[1]), BACKGROUND)
        paint_step(painter, QRectF(0, 0, size[0], size[1]), pose, ghost)
    finally:
        painter.end()
    return path
