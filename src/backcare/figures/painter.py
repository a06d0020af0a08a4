"""The one figure painter: a pose, its props, a ghost of the previous pose and a motion arrow,
drawn on any QPainter (widget, QImage, QPdfWriter, QPrinter, QSvgGenerator).

Everything is drawn in world centimetres through one transform that maps the view's fixed world
box (``props.FRAME``) into the caller's rectangle. So pen widths are body sizes, every device
gets the same picture, and two poses of one view share scale and origin: the animation between
steps never jumps. The caller's painter state is saved and restored around every call.
"""

from __future__ import annotations

import math
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
from backcare.figures.pose import CAPS, GROUPS, SIDE, Pose, Skeleton, moved_most, solve

FIGURE_COLOR = QColor("#3d7ea6")  # near limbs, trunk and head: calm, clear blue
FAR_COLOR = QColor("#2a5877")  # far limbs: darker, they are behind
OUTLINE_COLOR = QColor("#1f4259")
HAIR_COLOR = QColor("#33302e")
ARROW_COLOR = QColor("#e07a2e")  # the accent: motion arrows and hints
HIGHLIGHT_COLOR = QColor("#e0457b")
GHOST_OPACITY = 0.25
BACKGROUND = QColor("#ffffff")

_FLOOR = QColor("#9aa5ae")
_FLOOR_FILL = QColor("#eef1f3")
_MAT = QColor("#8cc5a8")
_WALL = QColor("#e6e0d6")
_BED = QColor("#dbe5ef")
_BALL = QColor("#b7a2d6")
_CUSHION = QColor("#f0c49c")
_WOOD = QColor("#b08960")

_OUTLINE_CM = 0.7
_MIN_ARROW_CM = 4.0


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


def _darker(color: QColor, factor: int = 125) -> QColor:
    return color.darker(factor)


# --- shapes ---------------------------------------------------------------------------------


def _capsule(a: tuple[float, float], ra: float, b: tuple[float, float], rb: float) -> QPolygonF:
    """A limb segment as one simple outline: a half-disc round each end joined by straight
    sides, tapering from ``ra`` to ``rb``. One polygon, so unions of them are clean."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy)
    if n < 1e-6:
        dx, dy, n = 1.0, 0.0, 1.0
    ux, uy = dx / n, dy / n
    nx, ny = -uy, ux
    pts: list[QPointF] = []
    for k in range(13):  # round the far side of ``a``: from +n through -u to -n
        phi = math.pi * k / 12
        c, s = math.cos(phi), math.sin(phi)
        pts.append(QPointF(a[0] + (nx * c - ux * s) * ra, a[1] + (ny * c - uy * s) * ra))
    for k in range(13):  # round the far side of ``b``: from -n through +u to +n
        phi = math.pi * k / 12
        c, s = math.cos(phi), math.sin(phi)
        pts.append(QPointF(b[0] + (-nx * c + ux * s) * rb, b[1] + (-ny * c + uy * s) * rb))
    return QPolygonF(pts)


def _union(polygons: list[QPolygonF]) -> QPainterPath:
    """The merged outline of several shapes (boolean union, not a winding trick: overlapping
    shapes of opposite orientation would otherwise punch holes)."""
    out = QPainterPath()
    for polygon in polygons:
        piece = QPainterPath()
        piece.addPolygon(polygon)
        piece.closeSubpath()
        out = out.united(piece)
    return out


def _disc(p: tuple[float, float], r: float) -> QPolygonF:
    return QPolygonF(
        [QPointF(p[0] + r * math.cos(k * math.pi / 18), p[1] + r * math.sin(k * math.pi / 18))
         for k in range(36)]
    )


def _trunk_outline(sk: Skeleton) -> QPolygonF:
    """The trunk: the spine curve thickened by the body profile, with rounded ends."""
    steps = 24
    left: list[QPointF] = []
    right: list[QPointF] = []
    for i in range(steps + 1):
        t = i / steps
        (cx, cy), (nx, ny), w = sk.at(t), sk.normal(t), sk.half_width(t)
        left.append(QPointF(cx + nx * w, cy + ny * w))
        right.append(QPointF(cx - nx * w, cy - ny * w))
    bottom, top = CAPS[sk.view]

    def cap(t: float, depth: float, outward: float) -> list[QPointF]:
        (cx, cy), (nx, ny), w = sk.at(t), sk.normal(t), sk.half_width(t)
        tx, ty = ny, -nx  # unit tangent along the spine
        pts = []
        for k in range(1, 12):
            phi = math.pi * k / 12
            c, s = math.cos(phi), math.sin(phi)
            pts.append(
                QPointF(
                    cx + nx * w * c * outward + tx * depth * s * outward,
                    cy + ny * w * c * outward + ty * depth * s * outward,
                )
            )
        return pts

    # left edge up, cap over the top from left to right, right edge down, cap under the bottom
    outline = left + cap(1.0, top, 1.0) + list(reversed(right)) + cap(0.0, bottom, -1.0)
    return QPolygonF(outline)


def _group_paths(sk: Skeleton) -> list[tuple[str, QPainterPath]]:
    """One merged outline per drawing group (far arm, far leg, trunk, …), back to front."""
    out: list[tuple[str, QPainterPath]] = []
    for name, bones in GROUPS[sk.view]:
        shapes: list[QPolygonF] = []
        if name == "trunk":
            shapes.append(_trunk_outline(sk))
            shapes.append(_capsule(sk["neck"], 5.0, sk["head"], 5.0))
            shapes.append(_disc(sk["head"], sk.radii["head"]))
        else:
            shapes.extend(_capsule(sk[a], sk.radii[a], sk[b], sk.radii[b]) for a, b in bones)
        out.append((name, _union(shapes)))
    return out


def _hair(painter: QPainter, sk: Skeleton) -> None:
    """Hair over the back of the head and a small bun: it shows which way she faces."""
    head, neck, r = sk["head"], sk["neck"], sk.radii["head"]
    up = math.atan2(head[1] - neck[1], head[0] - neck[0])
    rect = QRectF(head[0] - r, head[1] - r, 2 * r, 2 * r)
    path = QPainterPath(_qp(head))
    if sk.view == SIDE:
        back = up + math.pi / 2  # the back of the head, a quarter turn from "up"
        path.arcTo(rect, -(math.degrees(up) - 25), -160)  # y is up: Qt's angles run backwards
        path.closeSubpath()
        bun = (head[0] + math.cos(back) * r * 0.95 + math.cos(up) * 2,
               head[1] + math.sin(back) * r * 0.95 + math.sin(up) * 2)
        knot = QPainterPath()
        knot.addPolygon(_disc(bun, r * 0.38))
        path = path.united(knot)
    else:
        path.arcTo(rect, -(math.degrees(up) - 80), -160)
        path.closeSubpath()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(HAIR_COLOR)
    painter.drawPath(path)


# --- props ----------------------------------------------------------------------------------


def _rect(box: P.Box) -> QRectF:
    return QRectF(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0)


def _paint_props(painter: QPainter, pose: Pose) -> None:
    view = pose.view
    x0, y0, x1, y1 = P.FRAME[view]
    world = P.scene(view, pose.props)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_FLOOR_FILL)
    painter.drawRect(QRectF(x0, y0, x1 - x0, -y0))
    if "wall" in world and view == SIDE:
        painter.setBrush(_WALL)
        painter.setPen(QPen(_darker(_WALL), 0.8))
        painter.drawRect(QRectF(x0, 0, P.WALL_X - x0, y1 - 0))
        painter.setBrush(_darker(_WALL, 110))
        painter.drawRect(QRectF(x0, 0, P.WALL_X - x0, 8))
    painter.setPen(QPen(_FLOOR, 0.9, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
    painter.drawLine(QPointF(x0, 0), QPointF(x1, 0))
    for name, prop in world.items():
        if name in ("floor", "wall"):
            continue
        _paint_prop(painter, name, prop)


def _paint_prop(painter: QPainter, name: str, prop: P.Prop) -> None:
    colors = {"mat": _MAT, "bed": _BED, "cushion": _CUSHION, "chair": _WOOD, "ball": _BALL}
    color = colors[name]
    painter.setPen(QPen(_darker(color), 0.6))
    painter.setBrush(color)
    for part in (*prop.drawn_only, *prop.parts):
        if isinstance(part, P.Circle):
            painter.drawEllipse(QPointF(part.cx, part.cy), part.r, part.r)
            shine = QColor(255, 255, 255, 110)
            painter.save()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(shine)
            painter.drawEllipse(
                QPointF(part.cx - part.r * 0.38, part.cy + part.r * 0.42),
                part.r * 0.26, part.r * 0.16,
            )
            painter.restore()
        else:
            radius = 0.75 if name == "mat" else 2.5 if name in ("bed", "cushion") else 1.0
            painter.drawRoundedRect(_rect(part), radius, radius)
    if name == "bed":  # a quilted line so the block reads as a mattress
        top = prop.parts[0]
        painter.setPen(QPen(_darker(_BED, 115), 0.5))
        y = (top.y0 + top.y1) / 2 if isinstance(top, P.Box) else 0
        if isinstance(top, P.Box):
            painter.drawLine(QPointF(top.x0 + 3, y), QPointF(top.x1 - 3, y))


# --- figure, ghost, hints -------------------------------------------------------------------


def _paint_figure(painter: QPainter, sk: Skeleton) -> None:
    outline = QPen(OUTLINE_COLOR, _OUTLINE_CM)
    outline.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    trunk: QPainterPath | None = None
    for name, path in _group_paths(sk):
        far = name.startswith("far_")
        painter.setPen(outline)
        painter.setBrush(FAR_COLOR if far else FIGURE_COLOR)
        painter.drawPath(path)
        if name == "trunk":
            trunk = path
            _hair(painter, sk)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(outline)
            r = sk.radii["head"]
            painter.drawEllipse(_qp(sk["head"]), r, r)
        elif trunk is not None and not far:
            # Let the limb grow out of the body: no joint ring drawn over the trunk.
            root = dict(GROUPS[sk.view])[name][0][0]  # the shoulder or hip
            ring = QPainterPath()
            ring.addPolygon(_disc(sk[root], sk.radii[root] + 1.5))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(FIGURE_COLOR)
            painter.drawPath(trunk.intersected(ring).intersected(path))


def _paint_ghost(painter: QPainter, sk: Skeleton) -> None:
    """The previous pose as one pale silhouette: a single merged path, so overlapping limbs do
    not stack up into darker patches."""
    whole = QPainterPath()
    for _, path in _group_paths(sk):
        whole = whole.united(path)
    painter.save()
    painter.setOpacity(GHOST_OPACITY)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(FIGURE_COLOR)
    painter.drawPath(whole)
    painter.restore()


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


def _paint_motion_arrow(painter: QPainter, ghost: Pose, pose: Pose, sk: Skeleton) -> None:
    """One arrow for the main movement: along the path from the ghost's point to the figure's
    when there is room (a foot, a hand), otherwise just ahead of the point in the direction it
    moved (hips lifting in a bridge, a back rounding up), where it cannot hide in the body."""
    if pose.arrow_at:
        name = pose.arrow_at
        dist = math.dist(solve(ghost)[name], sk[name])
    else:
        name, dist = moved_most(ghost, pose)
    if dist < _MIN_ARROW_CM:
        return
    before, after = solve(ghost)[name], sk[name]
    r = sk.radii[name] + 2.5
    ux, uy = (after[0] - before[0]) / dist, (after[1] - before[1]) / dist
    if r >= 9.0 or dist < 2 * r + 8:
        length = min(25.0, max(16.0, dist))
        start = (after[0] + ux * r, after[1] + uy * r)
        end = (start[0] + ux * length, start[1] + uy * length)
        solids = P.scene(pose.view, pose.props).values()
        if any(prop.distance(end) < 1.0 for prop in solids):
            # no room ahead (hips lowering onto the mat, a back pressing into the wall): the
            # arrow comes from behind the point instead, over the ghost
            end = (after[0] - ux * r, after[1] - uy * r)
            start = (end[0] - ux * length, end[1] - uy * length)
        _arrow(painter, start, end)
        return
    start = (before[0] + ux * r, before[1] + uy * r)
    end = (after[0] - ux * r, after[1] - uy * r)
    _arrow(painter, start, end, bow=sk["pelvis"])


def _paint_hints(painter: QPainter, pose: Pose, sk: Skeleton) -> None:
    for name in pose.highlight:
        x, y = sk[name]
        glow = QRadialGradient(QPointF(x, y), 13.0)
        inner = QColor(HIGHLIGHT_COLOR)
        inner.setAlpha(190)
        outer = QColor(HIGHLIGHT_COLOR)
        outer.setAlpha(0)
        glow.setColorAt(0.0, inner)
        glow.setColorAt(0.55, QColor(inner.red(), inner.green(), inner.blue(), 110))
        glow.setColorAt(1.0, outer)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(glow))
        painter.drawEllipse(QPointF(x, y), 13.0, 13.0)
    if not pose.motion:
        return
    x, y = sk[pose.motion_at]
    r = sk.radii[pose.motion_at]
    if pose.motion == "wobble":
        pen = QPen(ARROW_COLOR, 1.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for side in (-1, 1):  # a zigzag on each side of the foot: shake it loose
            cx = x + side * (r + 9)
            zig = QPainterPath(QPointF(cx, y - 8))
            for i in range(1, 5):
                zig.lineTo(QPointF(cx + (2.2 if i % 2 else -2.2), y - 8 + i * 4))
            painter.drawPath(zig)
    elif pose.motion == "up":
        _arrow(painter, (x + r + 10, y - 8), (x + r + 10, y + 12))
    elif pose.motion == "down":
        _arrow(painter, (x, y + r + 24), (x, y + r + 5))


def paint_step(painter: QPainter, rect: QRectF, pose: Pose, ghost: Pose | None = None, *,
               arrow: bool = True) -> None:
    """Draw one step into ``rect``: props, a faint ghost of the previous pose, the figure, then
    the motion arrow from ghost to pose (when they differ) and the pose's own hints."""
    sk = solve(pose)
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setClipRect(rect, Qt.ClipOperation.IntersectClip)
        scale, ox, oy = world_transform(rect, pose.view)
        painter.translate(ox, oy)
        painter.scale(scale, -scale)
        _paint_props(painter, pose)
        if ghost is not None and ghost.view == pose.view:
            ghost_sk = solve(ghost)
            if ghost_sk.points != sk.points:
                _paint_ghost(painter, ghost_sk)
        _paint_figure(painter, sk)
        _paint_hints(painter, pose, sk)
        if arrow and ghost is not None and ghost.view == pose.view:
            _paint_motion_arrow(painter, ghost, pose, sk)
    finally:
        painter.restore()


def render_image(pose: Pose, ghost: Pose | None = None,
                 size: tuple[int, int] = (480, 360)) -> QImage:
    """The step as an image on a white background (for PNG files and tests)."""
    image = QImage(QSize(*size), QImage.Format.Format_ARGB32)
    image.fill(BACKGROUND)
    painter = QPainter(image)
    try:
        paint_step(painter, QRectF(0, 0, size[0], size[1]), pose, ghost)
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
