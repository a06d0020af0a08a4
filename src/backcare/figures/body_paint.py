"""Drawing her body: the trunk, the head with its face and hair, and each arm and leg.

The figure is a silhouette in a few shades of one blue, and the shades carry the depth: far
limbs dark (they are behind her), trunk and near leg mid, near arm lighter, hands lightest. Where
a limb crosses her own body (hands hugging a knee, an arm over the thigh), a thin gap in the
background colour runs round the limb, so at card size every limb still reads as itself rather
than one knot. The gap is cut only where the limb overlaps what is already drawn of her, never
into the mat or the wall.

All coordinates are world centimetres (y up); the painter's transform maps them to the device.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

from backcare.figures.body import CAPS, FRONT, GROUPS, SIDE, THIGH
from backcare.figures.pose import Skeleton

FIGURE_COLOR = QColor("#3d7ea6")  # trunk, head and near leg: calm, clear blue
FAR_COLOR = QColor("#2a5877")  # far limbs: darker, they are behind
ARM_COLOR = QColor("#6aa6cc")  # the near arm: lighter, so it stands out over her body
HAND_COLOR = QColor("#b3d5ea")  # hands: the lightest, so a hand on a knee or a back shows
FAR_HAND_COLOR = QColor("#5f93b5")
LAP_COLOR = QColor("#5593bb")  # from the front, a thigh coming toward us: its top, in the light
OUTLINE_COLOR = QColor("#1f4259")
HAIR_COLOR = QColor("#33302e")
FACE_COLOR = QColor("#1f2a33")  # the eye
BACKGROUND = QColor("#ffffff")
GHOST_OPACITY = 0.25

OUTLINE_CM = 0.7
GAP_CM = 0.8  # the background-coloured gap round a limb that crosses her body
_ARC = 9  # segments in a half circle: smooth at card size, few enough to keep PDFs small


# --- shapes ---------------------------------------------------------------------------------


def capsule(a: tuple[float, float], ra: float, b: tuple[float, float], rb: float) -> QPolygonF:
    """A limb segment as one simple outline: a half-disc round each end joined by straight
    sides, tapering from ``ra`` to ``rb``. One polygon, so unions of them are clean."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy)
    if n < 1e-6:
        dx, dy, n = 1.0, 0.0, 1.0
    ux, uy = dx / n, dy / n
    nx, ny = -uy, ux
    pts: list[QPointF] = []
    for k in range(_ARC + 1):  # round the far side of ``a``: from +n through -u to -n
        phi = math.pi * k / _ARC
        c, s = math.cos(phi), math.sin(phi)
        pts.append(QPointF(a[0] + (nx * c - ux * s) * ra, a[1] + (ny * c - uy * s) * ra))
    for k in range(_ARC + 1):  # round the far side of ``b``: from -n through +u to +n
        phi = math.pi * k / _ARC
        c, s = math.cos(phi), math.sin(phi)
        pts.append(QPointF(b[0] + (-nx * c + ux * s) * rb, b[1] + (-ny * c + uy * s) * rb))
    return QPolygonF(pts)


def disc(p: tuple[float, float], r: float) -> QPolygonF:
    return QPolygonF(
        [QPointF(p[0] + r * math.cos(k * math.pi / 14), p[1] + r * math.sin(k * math.pi / 14))
         for k in range(28)]
    )


def union(polygons: list[QPolygonF]) -> QPainterPath:
    """The merged outline of several shapes (boolean union, not a winding trick: overlapping
    shapes of opposite orientation would otherwise punch holes)."""
    out = QPainterPath()
    for polygon in polygons:
        piece = QPainterPath()
        piece.addPolygon(polygon)
        piece.closeSubpath()
        out = out.united(piece)
    return out


def _trunk_outline(sk: Skeleton) -> QPolygonF:
    """The trunk: the spine curve thickened by the body profile, with rounded ends."""
    steps = 24
    left: list[QPointF] = []
    right: list[QPointF] = []
    for i in range(steps + 1):
        t = i / steps
        (cx, cy), (nx, ny), w = sk.at(t), sk.normal(t), sk.half_width(t)
        front = sk.front_width(t)  # her back is on the normal's side, her front opposite
        left.append(QPointF(cx + nx * w, cy + ny * w))
        right.append(QPointF(cx - nx * front, cy - ny * front))
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


def _up(sk: Skeleton) -> float:
    """The neck-to-head direction (radians): the head's own "up"."""
    (hx, hy), (nx, ny) = sk["head"], sk["neck"]
    return math.atan2(hy - ny, hx - nx)


def _head_shapes(sk: Skeleton) -> list[QPolygonF]:
    shapes = [capsule(sk["neck"], 5.0, sk["head"], 5.0), disc(sk["head"], sk.radii["head"])]
    if sk.view == SIDE:
        shapes.append(disc(sk["nose"], sk.radii["nose"]))
    return shapes


def group_paths(sk: Skeleton) -> list[tuple[str, QPainterPath, QPainterPath | None]]:
    """(group, its merged outline, its hand or None) for every drawing group, back to front.
    A hand is its own shape, so it can be drawn in its own lighter shade."""
    out: list[tuple[str, QPainterPath, QPainterPath | None]] = []
    for name, bones in GROUPS[sk.view]:
        if name == "trunk":
            out.append((name, union([_trunk_outline(sk), *_head_shapes(sk)]), None))
            continue
        limb = [capsule(sk[a], sk.radii[a], sk[b], sk.radii[b]) for a, b in bones
                if not b.endswith("_fingertips")]
        hand = None
        if name.endswith("_arm"):
            side = name.removesuffix("_arm")
            wrist, tips, palm = sk[f"{side}_wrist"], sk[f"{side}_fingertips"], sk[f"{side}_hand"]
            hand = union([capsule(wrist, 2.6, tips, 2.0), disc(palm, 3.1)])
        out.append((name, union(limb), hand))
    return out


def silhouette(sk: Skeleton) -> QPainterPath:
    """The whole body as one outline (for the ghost)."""
    whole = QPainterPath()
    for _, path, hand in group_paths(sk):
        whole = whole.united(path)
        if hand is not None:
            whole = whole.united(hand)
    return whole


# --- the head ---------------------------------------------------------------------------------


def _arc(centre: tuple[float, float], r: float, a0: float, a1: float, n: int = 16) -> list[QPointF]:
    return [QPointF(centre[0] + r * math.cos(a0 + (a1 - a0) * k / n),
                    centre[1] + r * math.sin(a0 + (a1 - a0) * k / n)) for k in range(n + 1)]


def _quad(a: tuple[float, float], c: tuple[float, float], b: tuple[float, float],
          t: float) -> tuple[float, float]:
    u = 1 - t
    return (u * u * a[0] + 2 * u * t * c[0] + t * t * b[0],
            u * u * a[1] + 2 * u * t * c[1] + t * t * b[1])


def _paint_face_and_hair(painter: QPainter, sk: Skeleton, outline: QPen) -> None:
    """Hair over the crown and the back of the head with a bun on top, and an eye (two, from
    the front): together they show at a glance which way she faces."""
    head, r, up = sk["head"], sk.radii["head"], _up(sk)
    if sk.view == SIDE:  # from the forehead over the crown and the back of the head to the nape
        a0, a1 = up - math.radians(35), up + math.radians(150)
        toward = up - math.pi / 2  # the face: the hairline bows a little toward it
    else:  # across the top of the head
        a0, a1 = up - math.radians(80), up + math.radians(80)
        toward = up + math.pi
    ctrl = (head[0] + math.cos(toward) * r * 0.2, head[1] + math.sin(toward) * r * 0.2)
    start = (head[0] + math.cos(a1) * r, head[1] + math.sin(a1) * r)
    end = (head[0] + math.cos(a0) * r, head[1] + math.sin(a0) * r)
    line = [QPointF(*_quad(start, ctrl, end, k / 10)) for k in range(1, 10)]
    pts = _arc(head, r + 0.35, a0, a1) + line
    hair = union([QPolygonF(pts), disc(sk["bun"], sk.radii["bun"])])
    painter.setPen(outline)
    painter.setBrush(HAIR_COLOR)
    painter.drawPath(hair)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(FACE_COLOR)
    if sk.view == SIDE:
        eye = up - math.radians(66)
        painter.drawEllipse(QPointF(head[0] + math.cos(eye) * r * 0.6,
                                    head[1] + math.sin(eye) * r * 0.6), 1.15, 1.15)
    else:
        across = up - math.pi / 2
        for side in (-1, 1):
            painter.drawEllipse(QPointF(head[0] + math.cos(across) * r * 0.38 * side
                                        - math.cos(up) * r * 0.05,
                                        head[1] + math.sin(across) * r * 0.38 * side
                                        - math.sin(up) * r * 0.05), 1.05, 1.05)


# --- the figure -------------------------------------------------------------------------------


def _limb_colors(name: str) -> tuple[QColor, QColor]:
    """(limb, hand) colours of a drawing group."""
    if name.startswith("far_"):
        return FAR_COLOR, FAR_HAND_COLOR
    if name.endswith("_arm"):
        return ARM_COLOR, HAND_COLOR
    return FIGURE_COLOR, HAND_COLOR


def _crosses_body(name: str, view: str) -> bool:
    """Does this limb lie over her body, so that it needs the gap round it? Near limbs in the
    side view and every limb from the front; far limbs are behind her and need none."""
    return not name.startswith("far_") if view == SIDE else True


def _gap(sk: Skeleton, group: str, drawn: QPainterPath) -> QPainterPath:
    """The gap round the limb ``group`` where it overlaps ``drawn``, left open at the limb's
    root so the limb still grows out of the body. Built from the limb's own capsules made a
    little fatter (not a stroke of its outline): plain polygons keep the vector files small."""
    grow = GAP_CM + OUTLINE_CM / 2
    bones = dict(GROUPS[sk.view])[group]
    ring = union([capsule(sk[a], sk.radii[a] + grow, sk[b], sk.radii[b] + grow)
                  for a, b in bones])
    root = bones[0][0]
    opening = QPainterPath()
    opening.addPolygon(disc(sk[root], sk.radii[root] + 3.5))
    return ring.intersected(drawn).subtracted(opening)


#: The group before which what she holds (the baby) is drawn: in front of her trunk and the
#: far arm, behind the near arm that holds it.
HELD_BEFORE = {SIDE: "near_arm", FRONT: "right_arm"}


def paint_figure(painter: QPainter, sk: Skeleton,
                 held: Callable[[], None] | None = None) -> None:
    """Draw the body, back to front, with outlines, shades, hands, face and hair; ``held``
    draws what she holds, between her body and her holding arm."""
    outline = QPen(OUTLINE_COLOR, OUTLINE_CM)
    outline.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    drawn = QPainterPath()
    trunk: QPainterPath | None = None
    for name, path, hand in group_paths(sk):
        if name == "trunk":
            painter.setPen(outline)
            painter.setBrush(FIGURE_COLOR)
            painter.drawPath(path)
            _paint_face_and_hair(painter, sk, outline)
            trunk = path
            drawn = drawn.united(path)
            continue
        if held is not None and name == HELD_BEFORE[sk.view]:
            painter.save()
            held()
            painter.restore()
            held = None
        root = dict(GROUPS[sk.view])[name][0][0]  # the shoulder or hip
        if _crosses_body(name, sk.view) and not drawn.isEmpty():
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(BACKGROUND)
            painter.drawPath(_gap(sk, name, drawn))
        limb_color, hand_color = _limb_colors(name)
        painter.setPen(outline)
        painter.setBrush(limb_color)
        painter.drawPath(path)
        if trunk is not None and not name.startswith("far_"):
            # Let the limb grow out of the body: no outline drawn over the trunk at its root.
            ring = QPainterPath()
            ring.addPolygon(disc(sk[root], sk.radii[root] + 1.5))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawPath(trunk.intersected(ring).intersected(path))
        if sk.view != SIDE and name.endswith("_leg"):
            _paint_lap(painter, sk, name.removesuffix("_leg"), outline)
        if hand is not None:
            painter.setPen(outline)
            painter.setBrush(hand_color)
            painter.drawPath(hand)
        drawn = drawn.united(path if hand is None else path.united(hand))


def _paint_lap(painter: QPainter, sk: Skeleton, side: str, outline: QPen) -> None:
    """Seen from the front, a thigh that comes toward us (sitting) is drawn short; alone that
    reads as a short straight leg, as if she stood. So its top is drawn as a lighter shape of
    its own, ending in the knee: the lap she sits with."""
    hip, knee = sk[f"{side}_hip"], sk[f"{side}_knee"]
    if math.dist(hip, knee) > 0.8 * THIGH:
        return
    lap = union([capsule(hip, sk.radii[f"{side}_hip"], knee, sk.radii[f"{side}_knee"] + 0.8)])
    painter.setPen(outline)
    painter.setBrush(LAP_COLOR)
    painter.drawPath(lap)


def paint_ghost(painter: QPainter, sk: Skeleton) -> None:
    """The previous pose as one pale silhouette: a single merged path, so overlapping limbs do
    not stack up into darker patches."""
    painter.save()
    painter.setOpacity(GHOST_OPACITY)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(FIGURE_COLOR)
    painter.drawPath(silhouette(sk))
    painter.restore()
