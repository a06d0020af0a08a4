"""Drawing the props: floor, wall, mat, bed, chair, cushion, ball and kitchen counter.

Each prop is drawn from the very shapes the pose checks measure against (``props.scene``), so
a hand shown on the counter is on the counter the check sees. The ball is the one prop that
moves: it carries a seam that turns as it rolls, and where the step before had it elsewhere, a
faint ball shows where it was, so "roll the ball to one side" is a visible movement.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from backcare.figures import props as P
from backcare.figures.body import SIDE
from backcare.figures.pose import Pose

_FLOOR = QColor("#9aa5ae")
_FLOOR_FILL = QColor("#eef1f3")
_MAT = QColor("#8cc5a8")
_WALL = QColor("#e6e0d6")
_BED = QColor("#dbe5ef")
_BALL = QColor("#b7a2d6")
_CUSHION = QColor("#f0c49c")
_WOOD = QColor("#b08960")
_COUNTER = QColor("#ece3d3")  # cupboard doors
_WORKTOP = QColor("#c9b79a")
_COLORS = {"mat": _MAT, "bed": _BED, "cushion": _CUSHION, "chair": _WOOD, "ball": _BALL}
GHOST_PROP_OPACITY = 0.3


def _darker(color: QColor, factor: int = 125) -> QColor:
    return color.darker(factor)


def _rect(box: P.Box) -> QRectF:
    return QRectF(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0)


def paint_props(painter: QPainter, pose: Pose, ghost: Pose | None = None) -> None:
    """The floor, the wall and every prop of ``pose``; a faint ball where ``ghost`` had it."""
    view = pose.view
    x0, y0, x1, y1 = P.FRAME[view]
    world = pose.scene()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_FLOOR_FILL)
    painter.drawRect(QRectF(x0, y0, x1 - x0, -y0))
    if "wall" in world:  # side view: the wall behind her back; front view: behind all of her
        right = P.WALL_X if view == SIDE else x1
        painter.setBrush(_WALL)
        painter.setPen(QPen(_darker(_WALL), 0.8))
        painter.drawRect(QRectF(x0, 0, right - x0, y1 - 0))
        painter.setBrush(_darker(_WALL, 110))  # the skirting board
        painter.drawRect(QRectF(x0, 0, right - x0, 8))
    painter.setPen(QPen(_FLOOR, 0.9, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
    painter.drawLine(QPointF(x0, 0), QPointF(x1, 0))
    before = ghost.scene().get("ball") if ghost is not None and ghost.view == view else None
    for name, prop in world.items():
        if name in ("floor", "wall"):
            continue
        if name == "counter":
            _paint_counter(painter, prop)
            continue
        if name == "ball" and before is not None and before != prop:
            painter.save()
            painter.setOpacity(GHOST_PROP_OPACITY)
            _paint_prop(painter, name, before, ghost.place.roll if ghost else 0.0)
            painter.restore()
        _paint_prop(painter, name, prop, pose.place.roll)


def _paint_counter(painter: QPainter, prop: P.Prop) -> None:
    """A kitchen counter beside her: cupboards under a worktop, its near end in view."""
    box = prop.parts[0]
    assert isinstance(box, P.Box)
    painter.setPen(QPen(_darker(_COUNTER, 135), 0.6))
    painter.setBrush(_COUNTER)
    painter.drawRect(QRectF(box.x0, 8.0, box.x1 - box.x0, box.y1 - 4.0 - 8.0))
    painter.setBrush(_darker(_COUNTER, 112))  # the plinth
    painter.drawRect(QRectF(box.x0, 0.0, box.x1 - box.x0 - 3.0, 8.0))
    door = 45.0
    x = box.x1 - 4.0
    painter.setPen(QPen(_darker(_COUNTER, 125), 0.5))
    while x - door > box.x0:  # door edges and knobs, every 45 cm
        painter.drawLine(QPointF(x - door, 11.0), QPointF(x - door, box.y1 - 7.0))
        painter.drawEllipse(QPointF(x - 5.0, box.y1 - 14.0), 0.9, 0.9)
        x -= door
    painter.setPen(QPen(_darker(_WORKTOP), 0.6))
    painter.setBrush(_WORKTOP)
    painter.drawRoundedRect(QRectF(box.x0, box.y1 - 4.0, box.x1 - box.x0 + 2.0, 4.0), 0.8, 0.8)


def _paint_ball(painter: QPainter, ball: P.Circle, roll: float) -> None:
    painter.drawEllipse(QPointF(ball.cx, ball.cy), ball.r, ball.r)
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(0, 0, 0, 28))  # its shadow on the floor
    painter.drawEllipse(QPointF(ball.cx, ball.cy - ball.r + 0.4), ball.r * 0.8, 1.6)
    painter.setBrush(QColor(255, 255, 255, 110))
    painter.drawEllipse(QPointF(ball.cx - ball.r * 0.38, ball.cy + ball.r * 0.42),
                        ball.r * 0.26, ball.r * 0.16)
    # The seam: a great circle seen edge-on, turned by the roll (rolling d cm turns the ball by
    # d / r radians, the other way round from the way it moves).
    turn = math.pi / 2 - roll / ball.r
    dx, dy = math.cos(turn) * ball.r, math.sin(turn) * ball.r
    painter.setPen(QPen(_darker(_BALL, 140), 0.9))
    painter.drawLine(QPointF(ball.cx - dx * 0.97, ball.cy - dy * 0.97),
                     QPointF(ball.cx + dx * 0.97, ball.cy + dy * 0.97))
    painter.restore()


def _paint_prop(painter: QPainter, name: str, prop: P.Prop, roll: float = 0.0) -> None:
    color = _COLORS[name]
    painter.setPen(QPen(_darker(color), 0.6))
    painter.setBrush(color)
    for part in (*prop.drawn_only, *prop.parts):
        if isinstance(part, P.Circle):
            _paint_ball(painter, part, roll)
        else:
            radius = 0.75 if name == "mat" else 2.5 if name in ("bed", "cushion") else 1.0
            painter.drawRoundedRect(_rect(part), radius, radius)
    if name == "bed":  # a quilted line so the block reads as a mattress
        top = prop.parts[0]
        if isinstance(top, P.Box):
            painter.setPen(QPen(_darker(_BED, 115), 0.5))
            y = (top.y0 + top.y1) / 2
            painter.drawLine(QPointF(top.x0 + 3, y), QPointF(top.x1 - 3, y))
