"""Where the props stand, in world centimetres (y up, floor at y = 0), and how far a point is
from each of them.

Props are geometry, not pictures: the painter draws them from these shapes and the pose tests
measure contacts against the very same shapes, so "the heel is on the mat" is checked against
the mat that is drawn. Every prop has one fixed place per view; together with the fixed world
box per view (``FRAME``) that keeps the framing stable, so an animation between two steps never
jumps. Pure Python: no Qt here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from backcare.core.content import PROPS as EXERCISE_PROPS

#: What a figure may show: an exercise's props, and the baby and the changing table the tips'
#: figures need (an exercise never asks her to bring a baby, so those stay out of its list).
PROPS = (*EXERCISE_PROPS, "baby", "changing-table")

Point = tuple[float, float]

SIDE = "side"
FRONT = "front"

#: The world box (x0, y0, x1, y1) each view always shows; 4:3 like the default image size.
FRAME: dict[str, tuple[float, float, float, float]] = {
    SIDE: (-126.0, -12.0, 126.0, 177.0),  # room for her standing, bun and all
    FRONT: (-150.0, -12.0, 150.0, 213.0),
}

MAT_TOP = 1.5
MAT_HALF_LENGTH = 102.0
WALL_X = -72.0
BALL_R = 28.0  # a 55 cm ball: thighs level-ish for a woman of about 165 cm
COUNTER_TOP = 90.0  # a kitchen worktop
COUNTER_X = (-140.0, 42.0)  # it runs on behind her, so she can step back along it
BED_TOP = 55.0
PILLOW = 7.0
SEAT_TOP = 45.0
CUSHION_HEIGHT = 12.0
#: A changing table at about her waist: the slab's top, and the pad the baby lies on.
TABLE_TOP = 88.0
TABLE_PAD = 5.0
TABLE_X = (20.0, 92.0)  # in front of her, seen from the side
#: A swaddled newborn, about 48 cm from feet to the top of the head: a body capsule and a head.
BABY_HALF = 10.0  # half the length of the body capsule's core line
BABY_R = 9.0  # half its thickness
BABY_HEAD_R = 7.5
BABY_HEAD_AT = 21.0  # centre to the head's centre, along the baby


@dataclass(frozen=True)
class Box:
    """An axis-aligned solid block."""

    x0: float
    y0: float
    x1: float
    y1: float

    def distance(self, p: Point) -> float:
        """Signed distance from ``p`` to the block: negative inside."""
        dx = max(self.x0 - p[0], p[0] - self.x1)
        dy = max(self.y0 - p[1], p[1] - self.y1)
        if dx <= 0 and dy <= 0:
            return max(dx, dy)
        return math.hypot(max(dx, 0.0), max(dy, 0.0))

    def rest_y(self, x: float, r: float) -> float | None:
        """Centre height of a disc of radius ``r`` resting on top at ``x``; None if off the top."""
        if self.x0 - r * 0.5 <= x <= self.x1 + r * 0.5:
            return self.y1 + r
        return None


@dataclass(frozen=True)
class Circle:
    """A solid disc (the exercise ball seen from any side)."""

    cx: float
    cy: float
    r: float

    def distance(self, p: Point) -> float:
        return math.hypot(p[0] - self.cx, p[1] - self.cy) - self.r

    def rest_y(self, x: float, r: float) -> float | None:
        reach = self.r + r
        dx = x - self.cx
        if abs(dx) >= reach:
            return None
        return self.cy + math.sqrt(reach * reach - dx * dx)


@dataclass(frozen=True)
class Capsule:
    """A solid rounded bar: every point within ``r`` of the segment a-b (the swaddled baby)."""

    ax: float
    ay: float
    bx: float
    by: float
    r: float

    def distance(self, p: Point) -> float:
        dx, dy = self.bx - self.ax, self.by - self.ay
        n2 = dx * dx + dy * dy or 1.0
        t = max(0.0, min(1.0, ((p[0] - self.ax) * dx + (p[1] - self.ay) * dy) / n2))
        return math.hypot(p[0] - self.ax - t * dx, p[1] - self.ay - t * dy) - self.r

    def rest_y(self, x: float, r: float) -> float | None:
        heights = [
            h
            for k in range(11)
            if (h := Circle(self.ax + (self.bx - self.ax) * k / 10,
                            self.ay + (self.by - self.ay) * k / 10, self.r).rest_y(x, r))
            is not None
        ]
        return max(heights) if heights else None


Shape = Box | Circle | Capsule


@dataclass(frozen=True)
class Baby:
    """Where the baby is in a pose: its centre (world cm) and the direction from its feet to
    its head (degrees, 0 = head toward +x). The one prop a pose places itself, since she holds
    it, lifts it or lays it down."""

    x: float
    y: float
    angle: float = 0.0

    def shapes(self) -> tuple[Capsule, Circle]:
        """The swaddled body and the head, the shapes drawn and measured."""
        ux, uy = math.cos(math.radians(self.angle)), math.sin(math.radians(self.angle))
        body = Capsule(self.x - ux * BABY_HALF, self.y - uy * BABY_HALF,
                       self.x + ux * BABY_HALF, self.y + uy * BABY_HALF, BABY_R)
        head = Circle(self.x + ux * BABY_HEAD_AT, self.y + uy * BABY_HEAD_AT, BABY_HEAD_R)
        return body, head

    def lowest(self) -> float:
        """How far below its centre the baby reaches: what resting it on a surface needs."""
        s = math.sin(math.radians(self.angle))
        return max(abs(s) * BABY_HALF + BABY_R, -s * BABY_HEAD_AT + BABY_HEAD_R)


NO_BABY = Baby(0.0, -100.0)  # under the floor, out of sight: a pose that names no place


@dataclass(frozen=True)
class Prop:
    """One named prop: its solid parts and parts drawn only (a chair back seen from the front).

    ``beside`` marks a prop that stands at another depth than her body (the counter she walks
    along, seen from the side): her hand may rest on it, but no part of her can pass into it,
    so the clearance check leaves it out."""

    name: str
    parts: tuple[Shape, ...]
    drawn_only: tuple[Shape, ...] = ()
    beside: bool = False

    def distance(self, p: Point) -> float:
        """Signed distance from ``p`` to the nearest solid part: 0 on the surface, < 0 inside."""
        return min(part.distance(p) for part in self.parts)

    def rest_y(self, x: float, r: float) -> float | None:
        """Where a disc at ``x`` comes to rest when lowered onto this prop from above."""
        heights = [h for part in self.parts if (h := part.rest_y(x, r)) is not None]
        return max(heights) if heights else None


def ground(names: Iterable[str]) -> float:
    """The height things stand on: the top of the mat when there is one, else the floor."""
    return MAT_TOP if "mat" in set(names) else 0.0


def _make(name: str, view: str, g: float, roll: float, baby: Baby, chair: bool) -> Prop:
    side = view == SIDE
    if name == "floor":
        return Prop(name, (Box(-1000.0, -200.0, 1000.0, 0.0),))
    if name == "mat":
        half = MAT_HALF_LENGTH if side else 45.0
        return Prop(name, (Box(-half, 0.0, half, MAT_TOP),))
    if name == "wall":
        if side:
            return Prop(name, (Box(-1000.0, 0.0, WALL_X, 1000.0),))
        # from the front the wall is behind her, the whole backdrop: she stands against it in
        # depth, which a front view cannot measure, so it is beside her, never in her way
        return Prop(name, (Box(-1000.0, 0.0, 1000.0, 1000.0),), beside=True)
    if name == "bed":
        half = 105.0  # from the front too she faces us from its long side
        return Prop(
            name,
            (
                Box(-half, 36.0, half, BED_TOP),
                Box(-half + 4, 0.0, -half + 10, 36.0),
                Box(half - 10, 0.0, half - 4, 36.0),
                Box(-half + 4, BED_TOP, -half + 44, BED_TOP + PILLOW),  # the pillow, at the left
            ),
            drawn_only=(Box(-half - 2, 0.0, -half + 4, 95.0),),  # the headboard: it is a bed
        )
    if name == "ball":
        return Prop(name, (Circle((0.0 if not side else -10.0) + roll, g + BALL_R, BALL_R),))
    if name == "counter":
        x0, x1 = COUNTER_X
        return Prop(name, (Box(x0, 0.0, x1, COUNTER_TOP),), beside=True)
    if name == "cushion":
        if chair and side:  # stood on the seat against the chair back, behind her lower back
            return Prop(name, (Box(-25.0, SEAT_TOP, -25.0 + CUSHION_HEIGHT, SEAT_TOP + 26.0),))
        return Prop(name, (Box(-18.0, g, 18.0, g + CUSHION_HEIGHT),))
    if name == "baby":
        return Prop(name, baby.shapes())
    if name == "changing-table":
        x0, x1 = TABLE_X if side else (-50.0, 50.0)
        top = Box(x0, TABLE_TOP - 5.0, x1, TABLE_TOP)
        pad = Box(x0 + 3.0, TABLE_TOP, x1 - 3.0, TABLE_TOP + TABLE_PAD)
        legs = (Box(x0 + 2.0, 0.0, x0 + 6.0, TABLE_TOP - 5.0),
                Box(x1 - 6.0, 0.0, x1 - 2.0, TABLE_TOP - 5.0))
        shelf = Box(x0 + 2.0, 22.0, x1 - 2.0, 26.0)
        # seen from the front it stands behind her, at another depth
        return Prop(name, (top, pad, *legs, shelf), beside=not side)
    if name == "chair":
        if side:
            return Prop(
                name,
                (
                    Box(-26.0, SEAT_TOP - 4, 20.0, SEAT_TOP),
                    Box(-29.0, SEAT_TOP, -25.0, 92.0),
                    Box(-26.0, 0.0, -22.0, SEAT_TOP - 4),
                    Box(16.0, 0.0, 20.0, SEAT_TOP - 4),
                ),
            )
        return Prop(
            name,
            (
                Box(-24.0, SEAT_TOP - 4, 24.0, SEAT_TOP),
                Box(-23.0, 0.0, -19.0, SEAT_TOP - 4),
                Box(19.0, 0.0, 23.0, SEAT_TOP - 4),
            ),
            drawn_only=(Box(-22.0, SEAT_TOP, 22.0, 92.0),),
        )
    raise ValueError(f"unknown prop {name!r}; props are {', '.join(PROPS)}")


def scene(view: str, names: Iterable[str], roll: float = 0.0,
          baby: Baby = NO_BABY) -> dict[str, Prop]:
    """The props a pose uses, by name, in drawing order; the floor is always there.

    ``roll`` moves the ball sideways (cm): the one prop that moves, as she rolls it with her
    hips. ``baby`` is where the pose puts the baby. Everything else keeps its fixed place."""
    wanted = set(names) | {"floor"}
    g = ground(wanted)
    order = ("floor", "wall", "counter", "mat", "bed", "changing-table", "chair", "cushion",
             "ball", "baby")
    chair = "chair" in wanted
    return {name: _make(name, view, g, roll, baby, chair) for name in order if name in wanted}


__all__ = [
    "BABY_R",
    "BALL_R",
    "COUNTER_TOP",
    "FRAME",
    "MAT_TOP",
    "NO_BABY",
    "PROPS",
    "TABLE_TOP",
    "WALL_X",
    "Baby",
    "Box",
    "Capsule",
    "Circle",
    "Prop",
    "ground",
    "scene",
]
