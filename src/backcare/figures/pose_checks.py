"""Checks that a figure is physically honest, each returning sentences (none when it is).

A picture that the eye reads wrong is usually a picture that is geometrically wrong: a bun
through the mat, a hand short of the counter, a ghost slid along the mat. So each of these is
measured on the solved skeleton, the same numbers the painter draws from, and the tests run
them on every pose file and every pair of steps. Pure Python: no Qt here.
"""

from __future__ import annotations

import math

from backcare.figures import props as P
from backcare.figures.body import CORE_POINTS, FRONT
from backcare.figures.pose import Pose, solve

#: Seen from the front, her arms and legs are nearer the viewer than these props (she sits on
#: the ball with her thighs coming forward over it), so only her trunk and head can collide.
_BEHIND = ("ball", "chair", "cushion", "bed")
_TRUNK_AND_HEAD = ("head", "neck", "pelvis", "waist", "chest", "nose", "bun")
#: Her arms go round the baby she holds or lifts, on its near and far sides in depth, so they
#: may cross it in the picture; her trunk, head and legs may not.
_ARM_PARTS = ("shoulder", "elbow", "wrist", "hand", "fingertips")


def _is_arm(name: str) -> bool:
    return all(part.split("_", 1)[-1] in _ARM_PARTS for part in name.split("-"))
#: How far (cm) a point that should hold still between two steps may move. A body settles a
#: little as it moves (flattening her back to the wall, knees softening, she slides about 3 cm
#: down it); the slides that read as "she moved along the mat" were 5 to 13 cm.
HOLD_CM = 3.0


def check_contacts(pose: Pose, tolerance_cm: float = 3.0) -> list[str]:
    """A sentence for each declared contact that does not touch its prop; [] when all do."""
    sk = solve(pose)
    world = pose.scene()
    out: list[str] = []
    for c in pose.contacts:
        gap = world[c.prop].distance(sk[c.point]) - sk.radii[c.point]
        if gap > tolerance_cm:
            out.append(f"{pose.id}: {c.point} should touch the {c.prop} but is {gap:.1f} cm away.")
        elif gap < -tolerance_cm:
            out.append(f"{pose.id}: {c.point} sinks {-gap:.1f} cm into the {c.prop}.")
    return out


def check_clearance(pose: Pose, tolerance_cm: float = 1.5) -> list[str]:
    """A sentence for each part of the body that passes into a solid prop (floor, mat, ball…).
    A prop beside her (the counter) is at another depth, so nothing of her can collide with it."""
    sk = solve(pose)
    worst: dict[tuple[str, str], float] = {}
    for prop in pose.scene().values():
        if prop.beside:
            continue
        for name, p, r in sk.discs():
            if pose.view == FRONT and prop.name in _BEHIND and name not in _TRUNK_AND_HEAD:
                continue
            if prop.name == "baby" and _is_arm(name):
                continue
            depth = r - prop.distance(p)
            if depth > tolerance_cm:
                key = (name, prop.name)
                worst[key] = max(worst.get(key, 0.0), depth)
    return [
        f"{pose.id}: {name} goes {depth:.1f} cm into the {prop}."
        for (name, prop), depth in sorted(worst.items())
    ]


def check_above_ground(pose: Pose, tolerance_cm: float = 0.5) -> list[str]:
    """A sentence for each body part whose lowest edge is below the line she rests on: the top
    of the mat where there is a mat under it, else the floor. Stricter than the clearance check
    (half a centimetre, not one and a half), and it counts the head, the bun and the nose,
    which are what went through the mat when she lay on her back."""
    sk = solve(pose)
    mat = pose.scene().get("mat")
    worst: dict[str, float] = {}
    for name, (x, y), r in sk.discs():
        over_mat = mat is not None and mat.rest_y(x, r) is not None
        ground = P.MAT_TOP if over_mat else 0.0
        depth = ground - (y - r)
        if depth > tolerance_cm:
            worst[name] = max(worst.get(name, 0.0), depth)
    where = "the mat's top" if mat is not None else "the floor"
    return [f"{pose.id}: {name} reaches {depth:.1f} cm below {where}."
            for name, depth in sorted(worst.items())]


def held_contacts(before: Pose, after: Pose) -> list[tuple[str, str, float]]:
    """(point, prop, how far it moved in cm) for each contact both poses declare on a prop that
    stays put: the places she rests on in both steps. The ball is left out when she rolls it."""
    if before.view != after.view:
        return []
    a, b = solve(before), solve(after)
    rolled = before.place.roll != after.place.roll
    shared = [c for c in after.contacts if c in before.contacts]
    return [(c.point, c.prop, math.dist(a[c.point], b[c.point]))
            for c in shared if not (rolled and c.prop == "ball")]


def check_ghost(before: Pose, after: Pose) -> list[str]:
    """The ghost of ``before`` behind ``after`` must stand where her body was: a step moves a
    limb or two about a body that stays put, it never slides her along the mat.

    So of the contacts both steps rest on, those of her head and trunk do not move at all, and
    at least one contact of any kind holds still (the hands while the knees walk back, the
    standing foot while the other steps back)."""
    held = held_contacts(before, after)
    out = [f"{before.id} → {after.id}: the {point} on the {prop} moves {d:.1f} cm between "
           "the steps; it should stay where it was."
           for point, prop, d in held if point in CORE_POINTS and d > HOLD_CM]
    if held and min(d for *_, d in held) > HOLD_CM:
        out.append(f"{before.id} → {after.id}: every contact moves (the least by "
                   f"{min(d for *_, d in held):.1f} cm), so the ghost looks slid along.")
    return out
