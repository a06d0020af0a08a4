"""Between two poses: the in-between frames of the animation, and which point moved most.

Kept apart from the pose model because it is about a pair of poses, a step and the step before
it, which is what the screen animates and what the card's arrow and ghost show. Pure Python:
no Qt here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from backcare.figures.body import ANGLES, FACE_POINTS, SURFACE_POINTS
from backcare.figures.pose import Placement, Pose, solve


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
        place = Placement(_lerp(pa.x, pb.x, t), y, pb.rest, pb.on, pb.against,
                          _lerp(pa.roll, pb.roll, t))
    else:
        ra, rb = solve(a)["pelvis"], solve(b)["pelvis"]
        place = Placement(_lerp(ra[0], rb[0], t), _lerp(ra[1], rb[1], t),
                          roll=_lerp(pa.roll, pb.roll, t))
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
        baby=last.baby,
    )


def moved_most(a: Pose, b: Pose, among: Iterable[str] | None = None) -> tuple[str, float]:
    """The body point that travels furthest from ``a`` to ``b`` and how far (cm): where the
    motion arrow goes. Surface points are left out; they shadow the trunk discs."""
    sa, sb = solve(a), solve(b)
    skip = (*SURFACE_POINTS, *FACE_POINTS)  # the face moves with the head
    names = among if among is not None else [n for n in sa.points if n not in skip]
    best, dist = "", 0.0
    for name in names:
        if name not in sb.points:
            continue
        d = math.dist(sa[name], sb[name])
        if d > dist:
            best, dist = name, d
    return best, dist
