"""The pose model: joint angles in, body points out.

A pose file holds ANGLES, not coordinates, because angles are what a physiotherapist thinks in
("hip and knee at 90°") and because angles blend into natural in-between frames for the
animation, where blended coordinates would shrink limbs. Forward kinematics (``solve``) turns
the angles of one fixed adult body into named points, then places the figure by resting it on
its prop, so authors never compute heights by hand.

Every body point is a disc (a centre and a radius, the thickness of the body there), the nose
and the bun too. Contacts and clearances are measured disc-to-prop (``pose_checks``), which is
why "shoulders on the mat" holds whether she lies on her back or her front. The body's
measurements are in ``body``, reading pose files in ``pose_file``, blending two poses in
``motion``. Pure Python: no Qt here.

Conventions (side view): the figure's front faces the direction obtained by turning the trunk
line (hips to neck) a quarter turn clockwise. So standing she faces right (+x), on her back her
head is on the left, on hands and knees or on her front her head is on the right. Angles are
degrees; flexion is positive. Front view: she faces the viewer; her LEFT side is at +x.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from backcare.figures import props as P
from backcare.figures.body import (
    ANGLES,
    CURVE_CM,
    FOREARM,
    FRONT,
    GROUPS,
    HAND,
    HEAD_R,
    HIP_HALF,
    NECK,
    PALM_AT,
    PROFILE,
    RADII,
    SHIN,
    SHOULDER_AT,
    SHOULDER_HALF,
    SIDE,
    THIGH,
    TRUNK,
    UPPER_ARM,
    Point,
)


@dataclass(frozen=True)
class Contact:
    """A body point that must touch a prop, e.g. ``near_heel`` on the ``mat``."""

    point: str
    prop: str

    def __str__(self) -> str:
        return f"{self.point} on the {self.prop}"


@dataclass(frozen=True)
class Placement:
    """Where the figure goes. ``x`` is the hip position across the picture. Height comes from
    ``y`` when given; otherwise the figure is lowered onto the prop ``on`` until ``rest`` (a body
    point; empty = whichever point is lowest) touches it. ``against = "wall"`` first slides her
    back until her rearmost point touches the wall. ``roll`` is how far (cm) she has rolled the
    ball aside with her hips; the ball is the one prop that moves."""

    x: float = 0.0
    y: float | None = None
    rest: str = ""
    on: str = ""
    against: str = ""
    roll: float = 0.0


@dataclass(frozen=True)
class Pose:
    """One still figure: the angles of the body, its props and what must touch them.

    ``highlight`` names body points to glow (a squeeze, where the palms press); ``motion`` is a
    hint drawn at ``motion_at``: "wobble" (a small shake), "up" or "down" (a short arrow).
    ``arrow_at`` picks the body point the step's motion arrow follows when the point that moves
    most is not the one that matters (the cat's head drops further than her back humps).
    ``baby`` places the baby she holds, lifts or lays down (props.Baby).
    """

    id: str
    view: str
    props: tuple[str, ...]
    contacts: tuple[Contact, ...]
    angles: tuple[tuple[str, float], ...]
    place: Placement = Placement()
    highlight: tuple[str, ...] = ()
    motion: str = ""
    motion_at: str = ""
    arrow_at: str = ""
    file: Path | None = None
    baby: P.Baby = P.NO_BABY  # where the baby is, for a pose with "baby" in its props

    @cached_property
    def _angle_map(self) -> dict[str, float]:
        known = {name: spec[0] for name, spec in ANGLES[self.view].items()}
        known.update(self.angles)
        return known

    def angle(self, name: str) -> float:
        """The named angle, or its default when the file leaves it out."""
        return self._angle_map[name]

    def scene(self) -> dict[str, P.Prop]:
        """Its props where they stand for this pose (the ball where she has rolled it)."""
        return P.scene(self.view, self.props, self.place.roll, self.baby)


@dataclass(frozen=True)
class Skeleton:
    """Solved body: named points in world cm and the spine curve the trunk is drawn along."""

    view: str
    points: Mapping[str, Point]
    radii: Mapping[str, float]
    spine: tuple[Point, Point, Point]  # quadratic Bézier: hips, control, base of the neck

    def __getitem__(self, name: str) -> Point:
        return self.points[name]

    def at(self, t: float) -> Point:
        """A point on the spine curve."""
        return _bezier(self.spine, t)

    def normal(self, t: float) -> Point:
        """Unit normal of the spine at ``t``: a quarter turn anticlockwise of its direction
        (toward the back in side view, toward her right from the front)."""
        tx, ty = _bezier_tangent(self.spine, t)
        return (-ty, tx)

    def half_width(self, t: float) -> float:
        return _profile(self.view, t)

    def front_width(self, t: float) -> float:
        """Half-width on her front side. Seen from the side, an arched back bows the spine
        toward her front; the arch then shows where a lumbar curve shows, at the back, while
        her tummy keeps the line a straight spine gives it, instead of bulging as if pregnant."""
        return _profile(self.view, t) - (_arch(self.spine, t) if self.view == SIDE else 0.0)

    def discs(self) -> list[tuple[str, Point, float]]:
        """Named points plus in-between samples along bones and trunk, for clearance tests:
        so a shin cannot pass through the floor between a knee and an ankle that are clear."""
        out = [(name, p, self.radii[name]) for name, p in self.points.items()]
        for _, bones in GROUPS[self.view]:
            for a, b in bones:
                (ax, ay), (bx, by) = self.points[a], self.points[b]
                ra, rb = self.radii[a], self.radii[b]
                for k in (0.25, 0.5, 0.75):
                    p = (ax + (bx - ax) * k, ay + (by - ay) * k)
                    out.append((f"{a}-{b}", p, ra + (rb - ra) * k))
        if self.view == SIDE:
            for i in range(11):
                t = i / 10
                out.append(("trunk", self.at(t), self.half_width(t)))
        return out

    def translated(self, dx: float, dy: float) -> Skeleton:
        def move(p: Point) -> Point:
            return (p[0] + dx, p[1] + dy)

        return Skeleton(
            self.view,
            {k: move(p) for k, p in self.points.items()},
            self.radii,
            (move(self.spine[0]), move(self.spine[1]), move(self.spine[2])),
        )


# --- geometry helpers -----------------------------------------------------------------------


def _dir(deg: float) -> Point:
    r = math.radians(deg)
    return (math.cos(r), math.sin(r))


def _along(p: Point, d: Point, k: float) -> Point:
    return (p[0] + d[0] * k, p[1] + d[1] * k)


def _angle_of(a: Point, b: Point) -> float:
    return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))


def _bezier(c: tuple[Point, Point, Point], t: float) -> Point:
    u = 1 - t
    return (
        u * u * c[0][0] + 2 * u * t * c[1][0] + t * t * c[2][0],
        u * u * c[0][1] + 2 * u * t * c[1][1] + t * t * c[2][1],
    )


def _bezier_normal(c: tuple[Point, Point, Point], t: float) -> Point:
    """Unit normal toward the back (a quarter turn anticlockwise of the direction)."""
    tx, ty = _bezier_tangent(c, t)
    return (-ty, tx)


def _bezier_tangent(c: tuple[Point, Point, Point], t: float) -> Point:
    dx = 2 * (1 - t) * (c[1][0] - c[0][0]) + 2 * t * (c[2][0] - c[1][0])
    dy = 2 * (1 - t) * (c[1][1] - c[0][1]) + 2 * t * (c[2][1] - c[1][1])
    n = math.hypot(dx, dy) or 1.0
    return (dx / n, dy / n)


def _arch(c: tuple[Point, Point, Point], t: float) -> float:
    """How far (cm) the spine at ``t`` bows toward her front from the straight hips-to-neck
    line (0 where it rounds toward the back): her front is a quarter turn clockwise."""
    (x0, y0), (x2, y2) = c[0], c[2]
    n = math.hypot(x2 - x0, y2 - y0) or 1.0
    px, py = _bezier(c, t)
    return max(0.0, ((px - x0) * (y2 - y0) - (py - y0) * (x2 - x0)) / n)


def _profile(view: str, t: float) -> float:
    knots = PROFILE[view]
    for (t0, w0), (t1, w1) in itertools.pairwise(knots):
        if t <= t1:
            k = 0.0 if t1 == t0 else max(0.0, (t - t0) / (t1 - t0))
            return w0 + (w1 - w0) * k
    return knots[-1][1]


def _face(pts: dict[str, Point], up: float, view: str) -> None:
    """Add the nose and the bun round the head, ``up`` being the neck-to-head direction.

    Side view: she faces a quarter turn clockwise of "up" (standing, +x), and the nose sits
    just below the middle of the face. The bun sits on the crown, a little toward the back
    of the head: high enough to stay clear of the mat when she lies on her back. From the
    front the nose is just below the middle of the head and the bun on top."""
    head = pts["head"]
    if view == SIDE:
        pts["nose"] = _along(head, _dir(up - 98.0), HEAD_R - 0.3)
    else:
        pts["nose"] = _along(head, _dir(up + 180.0), 2.5)
    pts["bun"] = _along(head, _dir(up + (5.0 if view == SIDE else 0.0)), HEAD_R * 0.9)


def _spine(chord_deg: float, curve: float, bulge_deg: float) -> tuple[Point, Point, Point]:
    d = _dir(chord_deg)
    end = (d[0] * TRUNK, d[1] * TRUNK)
    n = _dir(chord_deg + bulge_deg)
    ctrl = _along((end[0] / 2, end[1] / 2), n, curve * CURVE_CM)
    return ((0.0, 0.0), ctrl, end)


# --- forward kinematics ---------------------------------------------------------------------


def _solve_side(pose: Pose) -> tuple[dict[str, Point], tuple[Point, Point, Point]]:
    a = pose.angle
    chord = a("trunk.angle")
    spine = _spine(chord, a("trunk.curve"), 90.0)  # rounding bulges toward the back
    pts: dict[str, Point] = {"pelvis": spine[0], "neck": spine[2]}
    pts["waist"] = _bezier(spine, 0.4)
    pts["chest"] = _bezier(spine, 0.8)
    end_dir = _angle_of(spine[1], spine[2])
    pts["head"] = _along(spine[2], _dir(end_dir - a("trunk.neck")), NECK)
    _face(pts, end_dir - a("trunk.neck"), SIDE)

    def surface(t: float, sign: float) -> Point:
        tx, ty = _bezier_tangent(spine, t)
        return _along(_bezier(spine, t), (-ty, tx), sign * _profile(SIDE, t))

    pts["lower_back"] = surface(0.33, 1)
    pts["upper_back"] = surface(0.86, 1)
    pts["sacrum"] = surface(0.08, 1)
    pts["belly"] = _along(surface(0.4, -1), _bezier_normal(spine, 0.4), _arch(spine, 0.4))
    # On the chord, not the curve: rounding the back humps it between shoulders and hips, it
    # does not slide the shoulders (the cat keeps her hands under her shoulders).
    shoulder = (spine[2][0] * SHOULDER_AT, spine[2][1] * SHOULDER_AT)
    for s in ("far", "near"):
        arm = chord + 180 + a(f"{s}.shoulder")
        fore = arm + a(f"{s}.elbow")
        hand = fore + a(f"{s}.wrist")
        short = math.cos(math.radians(a(f"{s}.forearm_turn")))
        pts[f"{s}_shoulder"] = shoulder
        pts[f"{s}_elbow"] = elbow = _along(shoulder, _dir(arm), UPPER_ARM)
        pts[f"{s}_wrist"] = wrist = _along(elbow, _dir(fore), FOREARM * short)
        pts[f"{s}_hand"] = _along(wrist, _dir(hand), PALM_AT * short)
        pts[f"{s}_fingertips"] = _along(wrist, _dir(hand), HAND * short)
        thigh = chord + 180 + a(f"{s}.hip")
        shin = thigh - a(f"{s}.knee")
        foot = shin + 90 - a(f"{s}.ankle")
        pts[f"{s}_hip"] = spine[0]
        pts[f"{s}_knee"] = knee = _along(spine[0], _dir(thigh), THIGH)
        pts[f"{s}_ankle"] = ankle = _along(knee, _dir(shin), SHIN)
        u, v = _dir(foot), _dir(foot + 90)
        pts[f"{s}_heel"] = _along(_along(ankle, u, -4.0), v, -4.5)
        pts[f"{s}_foot"] = _along(_along(ankle, u, 5.5), v, -5.0)
        pts[f"{s}_toe"] = _along(_along(ankle, u, 15.0), v, -5.0)
    return pts, spine


def _solve_front(pose: Pose) -> tuple[dict[str, Point], tuple[Point, Point, Point]]:
    a = pose.angle
    spine = _spine(90.0 - a("trunk.lean"), a("trunk.curve"), -90.0)  # positive bows toward +x
    pts: dict[str, Point] = {"pelvis": spine[0], "neck": spine[2]}
    pts["waist"] = _bezier(spine, 0.42)
    pts["chest"] = _bezier(spine, 0.72)
    end_dir = _angle_of(spine[1], spine[2])
    start_dir = _angle_of(spine[0], spine[1])
    pts["head"] = _along(spine[2], _dir(end_dir - a("trunk.neck")), NECK)
    _face(pts, end_dir - a("trunk.neck"), FRONT)
    shoulder_line = _dir(end_dir - 90)
    hip_line = _dir(start_dir - 90 + a("trunk.pelvis_tilt"))
    top = _bezier(spine, SHOULDER_AT)
    for s, sign in (("right", -1.0), ("left", 1.0)):
        shoulder = _along(top, shoulder_line, sign * SHOULDER_HALF)
        up = 270 + sign * a(f"{s}.arm")
        fore = up + sign * a(f"{s}.elbow")
        short = math.cos(math.radians(a(f"{s}.forearm_flex")))
        pts[f"{s}_shoulder"] = shoulder
        pts[f"{s}_elbow"] = elbow = _along(shoulder, _dir(up), UPPER_ARM)
        pts[f"{s}_wrist"] = wrist = _along(elbow, _dir(fore), FOREARM * short)
        pts[f"{s}_hand"] = _along(wrist, _dir(fore), PALM_AT * short)
        pts[f"{s}_fingertips"] = _along(wrist, _dir(fore), HAND * short)
        hip = _along(spine[0], hip_line, sign * HIP_HALF)
        flex, knee_flex = a(f"{s}.hip_flex"), a(f"{s}.knee")
        thigh = 270 + sign * a(f"{s}.leg")
        shin = thigh + sign * a(f"{s}.knee_out")
        pts[f"{s}_hip"] = hip
        pts[f"{s}_knee"] = knee = _along(hip, _dir(thigh), THIGH * math.cos(math.radians(flex)))
        shin_len = SHIN * abs(math.cos(math.radians(flex - knee_flex)))
        pts[f"{s}_ankle"] = ankle = _along(knee, _dir(shin), shin_len)
        pts[f"{s}_heel"] = (ankle[0], ankle[1] - 4.5)
        pts[f"{s}_foot"] = (ankle[0] + sign * 2.0, ankle[1] - 5.0)
        pts[f"{s}_toe"] = (ankle[0] + sign * 4.0, ankle[1] - 5.0)
    return pts, spine


_ARM_POINTS = frozenset(f"{side}_{part}" for side in ("near", "far", "left", "right")
                        for part in ("shoulder", "elbow", "wrist", "hand", "fingertips"))


def _support(pose: Pose) -> str:
    if pose.place.on:
        return pose.place.on
    for name in ("bed", "mat"):
        if name in pose.props:
            return name
    return "floor"


def solve(pose: Pose) -> Skeleton:
    """Forward kinematics: named body points (x, y) in world cm, y up, floor at y = 0."""
    pts, spine = _solve_side(pose) if pose.view == SIDE else _solve_front(pose)
    radii = RADII[pose.view]
    local = Skeleton(pose.view, pts, radii, spine)
    place = pose.place
    dx = place.x
    world = pose.scene()
    if place.against == "wall" and "wall" in world:
        # her back, head and legs, not her arms: a hand may reach into the gap behind her
        rearmost = min(p[0] - radii[name] for name, p in pts.items() if name not in _ARM_POINTS)
        dx = P.WALL_X - rearmost
    if place.y is not None:
        return local.translated(dx, place.y)
    target = world.get(_support(pose), world["floor"])
    floor = world["floor"]
    if place.rest:
        px, py = pts[place.rest]
        r = radii[place.rest]
        rest = target.rest_y(px + dx, r)
        if rest is None:
            rest = floor.rest_y(px + dx, r) or r
        return local.translated(dx, rest - py)
    lift = -math.inf
    for _name, (px, py), r in local.discs():
        rest = target.rest_y(px + dx, r)
        if rest is None:
            rest = floor.rest_y(px + dx, r) or r
        lift = max(lift, rest - py)
    return local.translated(dx, lift)
