"""Drawing the props: floor, wall, mat, bed, chair, cushion, ball, kitchen counter, changing
table and the baby (a swaddled bundle with a small head, drawn by ``paint_baby`` between her
body and her holding arm, so her arm shows round it).

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
_TABLE = QColor("#c8a27c")
_PAD = QColor("#bfe0d6")
_PILLOW = QColor("#f7f9fb")
_SWADDLE = QColor("#f4dc8c")  # a warm yellow wrap: apart from her blues and the props
_BABY_SKIN = QColor("#f2c8a6")
_COLORS = {"mat": _MAT, "bed": _BED, "cushion": _CUSHION, "chair": _WOOD, "ball": _BALL,
           "changing-table": _TABLE}
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
        if name in ("floor", "wall", "baby"):
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
            if name == "bed" and part.y0 >= P.BED_TOP:  # the pillow, soft and white
                painter.setBrush(_PILLOW)
                radius = 3.0
            pad = name == "changing-table" and part.y0 >= P.TABLE_TOP  # the soft pad on top
            painter.setBrush(_PAD if pad else color)
            painter.setPen(QPen(_darker(_PAD if pad else color), 0.6))
            radius = 2.4 if pad else radius
            painter.drawRoundedRect(_rect(part), radius, radius)
    if name == "bed":  # a quilted line so the block reads as a mattress
        top = prop.parts[0]
        if isinstance(top, P.Box):
            painter.setPen(QPen(_darker(_BED, 115), 0.5))
            y = (top.y0 + top.y1) / 2
            painter.drawLine(QPointF(top.x0 + 3, y), QPointF(top.x1 - 3, y))


def paint_baby(painter: QPainter, pose: Pose) -> None:
    """The swaddled baby where the pose puts it: a wrapped oval whose wrap hoods a small face
    with a closed eye, and a fold across the chest, so at card size it reads as a baby."""
    if "baby" not in pose.props:
        return
    body, head = pose.baby.shapes()
    angle = math.radians(pose.baby.angle)
    ux, uy = math.cos(angle), math.sin(angle)
    up = 1.0 if ux >= 0 else -1.0  # which side of the baby faces up (y up) as it lies
    nx, ny = -uy * up, ux * up  # across the baby, toward that side: where the face looks
    outline = QPen(_darker(_SWADDLE, 165), 0.7)
    painter.setPen(outline)
    painter.setBrush(_SWADDLE)
    painter.drawEllipse(QPointF(head.cx, head.cy), head.r, head.r)  # the hood
    painter.save()
    painter.translate(QPointF((body.ax + body.bx) / 2, (body.ay + body.by) / 2))
    painter.rotate(pose.baby.angle)
    half = P.BABY_HALF + body.r
    painter.drawRoundedRect(QRectF(-half, -body.r, 2 * half, 2 * body.r), body.r, body.r)
    painter.setPen(QPen(_darker(_SWADDLE, 130), 0.7))  # the wrap's fold across the chest
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawArc(QRectF(half * 0.2 - body.r, -body.r * 0.95, body.r * 1.4, body.r * 1.9),
                    -75 * 16, 150 * 16)
    painter.restore()
    face_r = head.r * 0.68
    fx, fy = head.cx + ux * 0.8 + nx * 1.6, head.cy + uy * 0.8 + ny * 1.6
    painter.setPen(QPen(_darker(_BABY_SKIN, 140), 0.5))
    painter.setBrush(_BABY_SKIN)
    painter.drawEllipse(QPointF(fx, fy), face_r, face_r)
    ex, ey = fx + ux * 0.6 + nx * 1.6, fy + uy * 0.6 + ny * 1.6  # a closed, sleeping eye
    painter.setPen(QPen(_darker(_BABY_SKIN, 200), 0.6))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawArc(QRectF(ex - 1.3, ey - 1.0, 2.6, 2.0), 200 * 16, 140 * 16)
