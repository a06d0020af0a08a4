"""The body the figures are drawn with: one adult woman's measurements, the angles each view
knows, the thickness of every body point, and the order her parts are drawn in.

These are the fixed facts every pose shares, apart from any one pose, so the model
(``figures.pose``), the pose files' reader and the painter all read the same numbers: a limb
that is 40 cm long for the kinematics is 40 cm long on paper. Pure Python: no Qt here.
"""

from __future__ import annotations

from backcare.figures import props as P

Point = tuple[float, float]

SIDE = P.SIDE
FRONT = P.FRONT
VIEWS = (SIDE, FRONT)
MOTIONS = ("wobble", "up", "down")

# One adult woman about 165 cm tall (cm).
TRUNK = 52.0  # hip joints to the base of the neck
SHOULDER_AT = 0.9  # shoulder joints sit this far up the trunk line
NECK = 18.0  # base of the neck to the centre of the head: leaves a neck showing above the
# shoulders (the trunk's top cap, CAPS) and below the head
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
    SIDE: ((0.0, 11.0), (0.4, 9.5), (0.8, 11.5), (1.0, 8.0)),
    FRONT: ((0.0, 17.0), (0.42, 13.5), (0.75, 16.0), (1.0, 11.0)),
}
#: How far the trunk outline reaches beyond its ends (bottom, top): round in side view, flatter
#: from the front where the seat and the shoulders are broad.
CAPS: dict[str, tuple[float, float]] = {SIDE: (11.0, 4.0), FRONT: (10.0, 4.5)}

_SIDE_LIMB = {
    "shoulder": (0.0, -120.0, 220.0),
    "elbow": (0.0, -10.0, 165.0),
    "wrist": (0.0, -100.0, 120.0),
    # how far the forearm turns out of the picture, toward her other side (a hand slid behind
    # her waist): it and the hand are drawn shorter by the cosine, as the eye sees them
    "forearm_turn": (0.0, 0.0, 85.0),
    "hip": (0.0, -60.0, 165.0),
    "knee": (0.0, -5.0, 165.0),
    "ankle": (0.0, -45.0, 100.0),
}
_FRONT_LIMB = {
    "arm": (8.0, -20.0, 200.0),
    "elbow": (0.0, -170.0, 170.0),
    "forearm_flex": (0.0, 0.0, 90.0),
    "leg": (3.0, -110.0, 110.0),  # past 90: lying on her side, the legs go along the bed
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
        "trunk.lean": (0.0, -95.0, 95.0),  # to ±90: lying on her side, facing us
        "trunk.curve": (0.0, -1.0, 1.0),
        "trunk.pelvis_tilt": (0.0, -30.0, 30.0),
        "trunk.neck": (0.0, -60.0, 60.0),
        **{f"{s}.{k}": v for s in ("left", "right") for k, v in _FRONT_LIMB.items()},
    },
}
SECTIONS = {SIDE: ("trunk", "near", "far"), FRONT: ("trunk", "left", "right")}
LIMB_SIDES = {SIDE: ("far", "near"), FRONT: ("right", "left")}

_TRUNK_POINTS = {"head": HEAD_R, "neck": 5.0, "pelvis": 11.0, "waist": 9.5, "chest": 11.5}
#: The face and the hair, so the clearance checks see them: the nose shows which way she
#: faces ("face down", "look at the mat"), and the bun is high on the crown, where it stays
#: clear of the mat when she lies on her back.
FACE_POINTS = {"nose": 1.8, "bun": 4.2}
SURFACE_POINTS = ("lower_back", "upper_back", "sacrum", "belly")
_LIMB_RADII = {
    "shoulder": 5.0,
    "elbow": 4.0,
    "wrist": 2.8,
    "hand": 2.4,
    "fingertips": 1.8,
    "hip": 8.5,
    "knee": 5.5,
    "ankle": 3.8,
    "heel": 2.5,
    "foot": 2.0,
    "toe": 2.0,
}
_FRONT_TRUNK = {"pelvis": 10.0, "waist": 12.0, "chest": 13.0}
#: Her head and trunk, with the face, the hair and the back's surface points: what the limbs
#: move from. The checks hold these still between steps and let only the limbs travel.
CORE_POINTS = frozenset((*_TRUNK_POINTS, *FACE_POINTS, *SURFACE_POINTS))


def _radii(view: str) -> dict[str, float]:
    out = dict(_TRUNK_POINTS) | FACE_POINTS
    if view == SIDE:
        out.update({name: 0.8 for name in SURFACE_POINTS})
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
