"""The pose model: joint angles in, body points out.

A pose file holds ANGLES, not coordinates, because angles are what a physiotherapist thinks in
("hip and knee at 90°") and because angles blend into natural in-between frames for the
animation, where blended coordinates would shrink limbs. Forward kinematics (``solve``) turns
the angles of one fixed adult body into named points, then places the figure by resting it on
its prop, so authors never compute heights by hand.

Every body point is a disc (a centre and a radius, the thickness of the body there). Contacts
and clearances are measured disc-to-prop, which is why "shoulders on the mat" holds whether
she lies on her back or her front. Pure Python: no Qt here.

Conventions (side view): the figure's front faces the direction obtained by turning the trunk
line (hips to neck) a quarter turn clockwise. So standing she faces right (+x), on her back her
head is on the left, on hands and knees or on her front her head is on the right. Angles are
degrees; flexion is positive. Front view: she faces the viewer; her LEFT side is at +x.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from backcare.core import fields as f
from backcare.core.problems import ContentProblem, Invalid
from backcare.figures import props as P

Point = tuple[float, float]

SIDE = P.SIDE
FRONT = P.FRONT
VIEWS = (SIDE, FRONT)
MOTIONS = ("wobble", "up", "down")

# One adult woman about 165 cm tall (cm).
TRUNK = 52.0  # hip joints to the base of the neck
SHOULDER_AT = 0.9  # shoulder joints sit this far up the trunk line
NECK = 16.0  # base of the neck to the centre of the head
HEAD_R = 10.5
UPPER_ARM = 29.0
FOREARM = 25.0
HAND = 17.0  # wrist to fingertips
PALM_AT = 7.0  # wrist to the middle of the palm
THIGH = 40.0
SHIN = 40.0
CURVE_CM = 18.0  # control-point offset for curve = ±1: about 9 cm of hump at mid-back
SHOULDER_HALF = 18.5  # front view: half the distance between the shoulder joints
HIP_HALF = 9.0  # front view: half the distance between the hip joints

#: Trunk thickness along the spine (t = 0 at the hips, 1 at the neck): half-widths in cm.
PROFILE: dict[str, tuple[tuple[float, float], ...]] = {
    SIDE: ((0.0, 12.0), (0.4, 10.0), (0.8, 12.0), (1.0, 8.5)),
    FRONT: ((0.0, 17.0), (0.42, 13.5), (0.75, 16.0), (1.0, 11.0)),
}
#: How far the trunk outline reaches beyond its ends (bottom, top): round in side view, flatter
#: from the front where the seat and the shoulders are broad.
CAPS: dict[str, tuple[float, float]] = {SIDE: (12.0, 8.5), FRONT: (10.0, 6.0)}

_SIDE_LIMB = {
    "shoulder": (0.0, -120.0, 220.0),
    "elbow": (0.0, -10.0, 165.0),
    "wrist": (0.0, -100.0, 120.0),
    "hip": (0.0, -60.0, 165.0),
    "knee": (0.0, -5.0, 165.0),
    "ankle": (0.0, -45.0, 100.0),
}
_FRONT_LIMB = {
    "arm": (8.0, -20.0, 200.0),
    "elbow": (0.0, -170.0, 170.0),
    "forearm_flex": (0.0, 0.0, 90.0),
    "leg": (3.0, -20.0, 70.0),
    "knee_out": (0.0, -70.0, 70.0),
    "hip_flex": (0.0, -20.0, 130.0),
    "knee": (0.0, 0.0, 160.0),
}

#: Every angle a view knows: dotted name -> (default, lowest, highest).
ANGLES: dict[str, dict[str, tuple[float, float, float]]] = {
    SIDE: {
        "trunk.angle": (90.0, -200.0, 380.0),
        "trunk.curve": (0.0, -1.0, 1.0),
        "trunk.neck": (0.0, -70.0, 100.0),
        **{f"{s}.{k}": v for s in ("near", "far") for k, v in _SIDE_LIMB.items()},
    },
    FRONT: {
        "trunk.lean": (0.0, -45.0, 45.0),
        "trunk.curve": (0.0, -1.0, 1.0),
        "trunk.pelvis_tilt": (0.0, -30.0, 30.0),
        "trunk.neck": (0.0, -60.0, 60.0),
        **{f"{s}.{k}": v for s in ("left", "right") for k, v in _FRONT_LIMB.items()},
    },
}
SECTIONS = {SIDE: ("trunk", "near", "far"), FRONT: ("trunk", "left", "right")}
LIMB_SIDES = {SIDE: ("far", "near"), FRONT: ("right", "left")}

_TRUNK_POINTS = {"head": HEAD_R, "neck": 5.0, "pelvis": 12.0, "waist": 10.0, "chest": 12.0}
_SURFACE_POINTS = ("lower_back", "upper_back", "sacrum", "belly")
_LIMB_RADII = {
    "shoulder": 5.0,
    "elbow": 4.0,
    "wrist": 2.8,
    "hand": 2.4,
    "fingertips": 1.8,
    "hip": 7.5,
    "knee": 5.5,
    "ankle": 3.8,
    "heel": 2.5,
    "foot": 2.0,
    "toe": 2.0,
}
_FRONT_TRUNK = {"pelvis": 10.0, "waist": 12.0, "chest": 13.0}


def _radii(view: str) -> dict[str, float]:
    out = dict(_TRUNK_POINTS)
    if view == SIDE:
        out.update({name: 0.8 for name in _SURFACE_POINTS})
    else:
        out.update(_FRONT_TRUNK)
    for side in LIMB_SIDES[view]:
        out.update({f"{side}_{k}": r for k, r in _LIMB_RADII.items()})
    return out


#: Body point -> disc radius (cm), per view. These are the names contacts may use.
RADII: dict[str, dict[str, float]] = {view: _radii(view) for view in VIEWS}
POINTS: dict[str, tuple[str, ...]] = {view: tuple(RADII[view]) for view in VIEWS}


def _limb_bones(side: str, view: str) -> dict[str, tuple[tuple[str, str], ...]]:
    arm = ((f"{side}_shoulder", f"{side}_elbow"), (f"{side}_elbow", f"{side}_wrist"))
    arm += ((f"{side}_wrist", f"{side}_fingertips"),)
    leg = ((f"{side}_hip", f"{side}_knee"), (f"{side}_knee", f"{side}_ankle"))
    foot = ((f"{side}_ankle", f"{side}_heel"), (f"{side}_heel", f"{side}_toe"))
    foot += ((f"{side}_toe", f"{side}_ankle"),)
    return {f"{side}_arm": arm, f"{side}_leg": leg + foot}


#: Drawing groups, back to front, each a list of bones (capsules between two body points).
#: The trunk and head are drawn between the groups listed before and after "trunk".
GROUPS: dict[str, tuple[tuple[str, tuple[tuple[str, str], ...]], ...]] = {
    SIDE: (
        *_limb_bones("far", SIDE).items(),
        ("trunk", (("neck", "head"),)),
        *reversed(_limb_bones("near", SIDE).items()),
    ),
    FRONT: (
        ("trunk", (("neck", "head"),)),
        ("right_leg", _limb_bones("right", FRONT)["right_leg"]),
        ("left_leg", _limb_bones("left", FRONT)["left_leg"]),
        ("right_arm", _limb_bones("right", FRONT)["right_arm"]),
        ("left_arm", _limb_bones("left", FRONT)["left_arm"]),
    ),
}


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
    back until her rearmost point touches the wall."""

    x: float = 0.0
    y: float | None = None
    rest: str = ""
    on: str = ""
    against: str = ""


@dataclass(frozen=True)
class Pose:
    """One still figure: the angles of the body, its props and what must touch them.

    ``highlight`` names body points to glow (a squeeze, where the palms press); ``motion`` is a
    hint drawn at ``motion_at``: "wobble" (a small shake), "up" or "down" (a short arrow).
    ``arrow_at`` picks the body point the step's motion arrow follows when the point that moves
    most is not the one that matters (the cat's head drops further than her back humps).
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

    @cached_property
    def _angle_map(self) -> dict[str, float]:
        known = {name: spec[0] for name, spec in ANGLES[self.view].items()}
        known.update(self.angles)
        return known

    def angle(self, name: str) -> float:
        """The named angle, or its default when the file leaves it out."""
        return self._angle_map[name]


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


def _bezier_tangent(c: tuple[Point, Point, Point], t: float) -> Point:
    dx = 2 * (1 - t) * (c[1][0] - c[0][0]) + 2 * t * (c[2][0] - c[1][0])
    dy = 2 * (1 - t) * (c[1][1] - c[0][1]) + 2 * t * (c[2][1] - c[1][1])
    n = math.hypot(dx, dy) or 1.0
    return (dx / n, dy / n)


def _profile(view: str, t: float) -> float:
    knots = PROFILE[view]
    for (t0, w0), (t1, w1) in itertools.pairwise(knots):
        if t <= t1:
            k = 0.0 if t1 == t0 else max(0.0, (t - t0) / (t1 - t0))
            return w0 + (w1 - w0) * k
    return knots[-1][1]


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

    def surface(t: float, sign: float) -> Point:
        tx, ty = _bezier_tangent(spine, t)
        return _along(_bezier(spine, t), (-ty, tx), sign * _profile(SIDE, t))

    pts["lower_back"] = surface(0.33, 1)
    pts["upper_back"] = surface(0.86, 1)
    pts["sacrum"] = surface(0.08, 1)
    pts["belly"] = surface(0.4, -1)
    # On the chord, not the curve: rounding the back humps it between shoulders and hips, it
    # does not slide the shoulders (the cat keeps her hands under her shoulders).
    shoulder = (spine[2][0] * SHOULDER_AT, spine[2][1] * SHOULDER_AT)
    for s in ("far", "near"):
        arm = chord + 180 + a(f"{s}.shoulder")
        fore = arm + a(f"{s}.elbow")
        hand = fore + a(f"{s}.wrist")
        pts[f"{s}_shoulder"] = shoulder
        pts[f"{s}_elbow"] = elbow = _along(shoulder, _dir(arm), UPPER_ARM)
        pts[f"{s}_wrist"] = wrist = _along(elbow, _dir(fore), FOREARM)
        pts[f"{s}_hand"] = _along(wrist, _dir(hand), PALM_AT)
        pts[f"{s}_fingertips"] = _along(wrist, _dir(hand), HAND)
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
    world = P.scene(pose.view, pose.props)
    if place.against == "wall" and "wall" in world:
        rearmost = min(p[0] - radii[name] for name, p in pts.items())
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


# --- checks ---------------------------------------------------------------------------------


def check_contacts(pose: Pose, tolerance_cm: float = 3.0) -> list[str]:
    """A sentence for each declared contact that does not touch its prop; [] when all do."""
    sk = solve(pose)
    world = P.scene(pose.view, pose.props)
    out: list[str] = []
    for c in pose.contacts:
        gap = world[c.prop].distance(sk[c.point]) - sk.radii[c.point]
        if gap > tolerance_cm:
            out.append(f"{pose.id}: {c.point} should touch the {c.prop} but is {gap:.1f} cm away.")
        elif gap < -tolerance_cm:
            out.append(f"{pose.id}: {c.point} sinks {-gap:.1f} cm into the {c.prop}.")
    return out


#: Seen from the front, her arms and legs are nearer the viewer than these props (she sits on
#: the ball with her thighs coming forward over it), so only her trunk and head can collide.
_BEHIND = ("ball", "chair", "cushion", "bed")


def check_clearance(pose: Pose, tolerance_cm: float = 1.5) -> list[str]:
    """A sentence for each part of the body that passes into a solid prop (floor, mat, ball…)."""
    sk = solve(pose)
    worst: dict[tuple[str, str], float] = {}
    for prop in P.scene(pose.view, pose.props).values():
        for name, p, r in sk.discs():
            if pose.view == FRONT and prop.name in _BEHIND and name not in _TRUNK_POINTS:
                continue
            depth = r - prop.distance(p)
            if depth > tolerance_cm:
                key = (name, prop.name)
                worst[key] = max(worst.get(key, 0.0), depth)
    return [
        f"{pose.id}: {name} goes {depth:.1f} cm into the {prop}."
        for (name, prop), depth in sorted(worst.items())
    ]


# --- blending -------------------------------------------------------------------------------


def _lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def blend(a: Pose, b: Pose, t: float) -> Pose:
    """The in-between pose at ``t`` (0 = ``a``, 1 = ``b``) for the animation.

    Angles blend, so limbs keep their length through the move. When both poses are placed the
    same way (say both rest on the mat) the blend is placed that way too, so she never floats
    or sinks mid-move; otherwise the solved hip positions blend. Props, contacts and hints
    switch at the half-way point. Poses of different views cannot blend: the nearer one wins.
    """
    if t <= 0:
        return a
    if t >= 1:
        return b
    if a.view != b.view:
        return a if t < 0.5 else b
    names = ANGLES[a.view]
    angles = tuple((n, _lerp(a.angle(n), b.angle(n), t)) for n in names)
    pa, pb = a.place, b.place
    same_mode = (pa.y is None) == (pb.y is None) and (pa.rest, pa.on, pa.against) == (
        pb.rest,
        pb.on,
        pb.against,
    )
    if same_mode:
        y = None if pa.y is None or pb.y is None else _lerp(pa.y, pb.y, t)
        place = Placement(_lerp(pa.x, pb.x, t), y, pb.rest, pb.on, pb.against)
    else:
        ra, rb = solve(a)["pelvis"], solve(b)["pelvis"]
        place = Placement(_lerp(ra[0], rb[0], t), _lerp(ra[1], rb[1], t))
    last = a if t < 0.5 else b
    return Pose(
        id=f"{a.id}~{b.id}",
        view=a.view,
        props=last.props,
        contacts=last.contacts,
        angles=angles,
        place=place,
        highlight=last.highlight,
        motion=last.motion,
        motion_at=last.motion_at,
        arrow_at=last.arrow_at,
    )


# --- loading --------------------------------------------------------------------------------

_TOP_KEYS = {"id", "view", "props", "contacts", "place", "highlight", "motion", "motion_at"}
_TOP_KEYS |= {"arrow_at"}
_TOP_KEYS |= {"note", "trunk", "near", "far", "left", "right"}


def _point(data: Mapping[str, Any], key: str, prefix: str, view: str) -> str:
    value = f.text(data, key, prefix)
    if value not in RADII[view]:
        raise Invalid(
            f.join(prefix, key),
            f"'{value}' is not a body point of a {view} view; use one of: "
            f"{', '.join(POINTS[view])}.",
        )
    return value


def _parse_angles(data: Mapping[str, Any], view: str) -> tuple[tuple[str, float], ...]:
    specs = ANGLES[view]
    out: list[tuple[str, float]] = []
    for other in {s for v in VIEWS for s in SECTIONS[v]} - set(SECTIONS[view]):
        if other in data:
            raise Invalid(
                other, f"belongs to the other view; a {view} pose uses {', '.join(SECTIONS[view])}."
            )
    for section in SECTIONS[view]:
        if section not in data:
            continue
        values = f.table(data, section)
        for key in values:
            name = f"{section}.{key}"
            if name not in specs:
                known = ", ".join(k.split(".")[1] for k in specs if k.startswith(section + "."))
                raise Invalid(name, f"is not an angle of a {view} pose; known here: {known}.")
            _, low, high = specs[name]
            out.append((name, f.number(values, key, section, low=low, high=high)))
    return tuple(out)


def _parse_place(data: Mapping[str, Any], view: str, props: tuple[str, ...]) -> Placement:
    if "place" not in data:
        return Placement()
    p = f.table(data, "place")
    unknown = set(p) - {"x", "y", "rest", "on", "against"}
    if unknown:
        raise Invalid(f"place.{sorted(unknown)[0]}", "is not known; use x, y, rest, on, against.")
    y = f.number(p, "y", "place", low=-50, high=250) if "y" in p else None
    rest = _point(p, "rest", "place", view) if "rest" in p else ""
    on = f.choice(p, "on", (*props, "floor"), "place") if "on" in p else ""
    against = f.choice(p, "against", ("wall",), "place") if "against" in p else ""
    if against and "wall" not in props:
        raise Invalid("place.against", "needs 'wall' in props.")
    x = f.number(p, "x", "place", low=-150, high=150, default=0.0)
    return Placement(x, y, rest, on, against)


def parse_pose(data: Mapping[str, Any], file: Path) -> Pose:
    """Build a Pose from a parsed TOML table; raises Invalid naming the bad field."""
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise Invalid(unknown[0], "is not a field a pose file knows.")
    pose_id = f.slug(data)
    if pose_id != file.stem:
        raise Invalid("id", f"'{pose_id}' must match the file name '{file.stem}'.")
    view = f.choice(data, "view", VIEWS)
    props = f.texts(data, "props", allowed=P.PROPS)
    allowed_props = (*props, "floor")
    contacts: list[Contact] = []
    for i, entry in enumerate(f.tables(data, "contacts", min_items=1)):
        prefix = f"contacts[{i}]"
        extra = set(entry) - {"point", "prop"}
        if extra:
            raise Invalid(f"{prefix}.{sorted(extra)[0]}", "is not known; use point and prop.")
        point = _point(entry, "point", prefix, view)
        prop = f.text(entry, "prop", prefix)
        if prop not in allowed_props:
            raise Invalid(
                f"{prefix}.prop", f"'{prop}' is not one of this pose's props: {', '.join(props)}."
            )
        contacts.append(Contact(point, prop))
    highlight = f.texts(data, "highlight", allowed=POINTS[view])
    motion = f.choice(data, "motion", MOTIONS) if "motion" in data else ""
    motion_at = _point(data, "motion_at", "", view) if "motion_at" in data else ""
    if motion and not motion_at:
        raise Invalid("motion_at", "must name the body point the motion hint is drawn at.")
    arrow_at = _point(data, "arrow_at", "", view) if "arrow_at" in data else ""
    return Pose(
        id=pose_id,
        view=view,
        props=props,
        contacts=tuple(contacts),
        angles=_parse_angles(data, view),
        place=_parse_place(data, view, props),
        highlight=highlight,
        motion=motion,
        motion_at=motion_at,
        arrow_at=arrow_at,
        file=file,
    )


def load_poses(folder: Path) -> tuple[dict[str, Pose], tuple[ContentProblem, ...]]:
    """Every valid pose in ``folder`` by id, and one problem per bad file (never raises)."""
    good, problems = f.load_folder(folder, "pose", parse_pose)
    return {pose.id: pose for pose in good}, problems


def moved_most(a: Pose, b: Pose, among: Iterable[str] | None = None) -> tuple[str, float]:
    """The body point that travels furthest from ``a`` to ``b`` and how far (cm): where the
    motion arrow goes. Surface points are left out; they shadow the trunk discs."""
    sa, sb = solve(a), solve(b)
    names = among if among is not None else [n for n in sa.points if n not in _SURFACE_POINTS]
    best, dist = "", 0.0
    for name in names:
        if name not in sb.points:
            continue
        d = math.dist(sa[name], sb[name])
        if d > dist:
            best, dist = name, d
    return best, dist
