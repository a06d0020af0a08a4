"""Forward kinematics and blending: the body keeps its size and the angles mean what they say."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcare.figures import props as P
from backcare.figures.body import (
    ANGLES,
    FOREARM,
    GROUPS,
    POINTS,
    SHIN,
    SHOULDER_AT,
    THIGH,
    TRUNK,
    UPPER_ARM,
)
from backcare.figures.motion import blend
from backcare.figures.pose import Placement, solve
from backcare.figures.pose_checks import check_clearance, check_contacts
from tests.figures.conftest import side_pose

BONES = {
    ("near_shoulder", "near_elbow"): UPPER_ARM,
    ("near_elbow", "near_wrist"): FOREARM,
    ("near_hip", "near_knee"): THIGH,
    ("near_knee", "near_ankle"): SHIN,
    ("far_hip", "far_knee"): THIGH,
    ("far_knee", "far_ankle"): SHIN,
    ("far_shoulder", "far_elbow"): UPPER_ARM,
}


def close(p: tuple[float, float], q: tuple[float, float], tol: float = 1e-9) -> bool:
    return math.dist(p, q) <= tol


def test_all_zero_angles_stand_straight_up() -> None:
    sk = solve(side_pose())
    assert close(sk["pelvis"], (0.0, 100.0))
    assert close(sk["near_knee"], (0.0, 100.0 - THIGH))
    assert close(sk["near_ankle"], (0.0, 100.0 - THIGH - SHIN))
    assert close(sk["neck"], (0.0, 100.0 + TRUNK))
    shoulder = (0.0, 100.0 + TRUNK * SHOULDER_AT)
    assert close(sk["near_shoulder"], shoulder)
    assert close(sk["near_elbow"], (0.0, shoulder[1] - UPPER_ARM))


def test_ninety_degrees_is_a_right_angle_facing_forward() -> None:
    sk = solve(side_pose(near__hip=90, near__knee=90, near__shoulder=90))
    # the thigh points forward (+x), the shin straight down, the arm forward
    assert close(sk["near_knee"], (THIGH, 100.0))
    assert close(sk["near_ankle"], (THIGH, 100.0 - SHIN))
    shoulder = sk["near_shoulder"]
    assert close(sk["near_elbow"], (shoulder[0] + UPPER_ARM, shoulder[1]))
    # the far leg did not move
    assert close(sk["far_knee"], (0.0, 100.0 - THIGH))


def test_lying_on_the_back_puts_the_head_left_and_the_trunk_level() -> None:
    sk = solve(side_pose(y=20.0, trunk__angle=180))
    assert close(sk["neck"], (-TRUNK, 20.0))
    assert close(sk["near_knee"], (THIGH, 20.0))


def test_rounding_the_spine_humps_the_back_and_arching_hollows_it() -> None:
    flat = solve(side_pose(trunk__angle=0))
    round_ = solve(side_pose(trunk__angle=0, trunk__curve=1))
    arched = solve(side_pose(trunk__angle=0, trunk__curve=-1))
    assert round_["waist"][1] > flat["waist"][1] + 5  # on all fours, rounded = humped up
    assert arched["waist"][1] < flat["waist"][1] - 5
    assert close(round_["neck"], flat["neck"])  # the ends stay put; the curve is in between


angle_values = st.floats(min_value=-60, max_value=160, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(
    trunk=st.floats(min_value=-180, max_value=360),
    curve=st.floats(min_value=-1, max_value=1),
    limbs=st.lists(angle_values, min_size=8, max_size=8),
)
def test_segment_lengths_never_change(trunk: float, curve: float, limbs: list[float]) -> None:
    names = ["near.shoulder", "near.elbow", "near.hip", "near.knee"]
    names += ["far.shoulder", "far.elbow", "far.hip", "far.knee"]
    pose = replace(
        side_pose(),
        angles=(("trunk.angle", trunk), ("trunk.curve", curve), *zip(names, limbs, strict=True)),
    )
    sk = solve(pose)
    for (a, b), length in BONES.items():
        assert math.dist(sk[a], sk[b]) == pytest.approx(length, abs=1e-9)
    assert math.dist(sk["pelvis"], sk["neck"]) == pytest.approx(TRUNK, abs=1e-9)


def test_solve_yields_exactly_the_documented_points() -> None:
    for view in ("side", "front"):
        pose = replace(side_pose(), view=view, angles=())
        assert set(solve(pose).points) == set(POINTS[view])
        for _, bones in GROUPS[view]:
            for a, b in bones:
                assert a in POINTS[view] and b in POINTS[view]


def test_settling_rests_the_lowest_point_on_the_mat() -> None:
    pose = replace(side_pose(y=None), props=("floor", "mat"))
    sk = solve(pose)
    lowest = min(p[1] - r for _, p, r in sk.discs())
    assert lowest == pytest.approx(P.MAT_TOP, abs=1e-9)


def test_against_the_wall_slides_her_back_to_touch_it() -> None:
    pose = replace(side_pose(y=None), props=("floor", "wall"), place=Placement(against="wall"))
    sk = solve(pose)
    rearmost = min(p[0] - sk.radii[n] for n, p in sk.points.items())
    assert rearmost == pytest.approx(P.WALL_X, abs=1e-9)


def test_contact_check_fails_when_she_floats_and_clearance_fails_when_she_sinks() -> None:
    floating = side_pose(y=150.0)
    assert check_contacts(floating) and "near_heel" in check_contacts(floating)[0]
    assert check_contacts(side_pose(y=None)) == []
    sunk = side_pose(y=50.0)
    assert any("floor" in s for s in check_clearance(sunk))
    assert check_clearance(side_pose(y=None)) == []


# --- blend ----------------------------------------------------------------------------------


def test_blend_ends_are_the_poses_themselves() -> None:
    a, b = side_pose(near__hip=0), side_pose(near__hip=90, near__knee=90)
    assert blend(a, b, 0.0) is a
    assert blend(a, b, 1.0) is b


def test_blend_midpoint_lies_between() -> None:
    a, b = side_pose(near__hip=0, trunk__curve=-0.4), side_pose(near__hip=90, trunk__curve=0.6)
    mid = blend(a, b, 0.5)
    assert mid.angle("near.hip") == pytest.approx(45.0)
    assert mid.angle("trunk.curve") == pytest.approx(0.1)
    ka, kb, km = solve(a)["near_knee"], solve(b)["near_knee"], solve(mid)["near_knee"]
    assert min(ka[0], kb[0]) < km[0] < max(ka[0], kb[0])
    assert min(ka[1], kb[1]) < km[1] < max(ka[1], kb[1])
    # limbs keep their length mid-move: angles blend, not coordinates
    assert math.dist(solve(mid)["near_hip"], km) == pytest.approx(THIGH)


@settings(max_examples=25, deadline=None)
@given(t=st.floats(min_value=0, max_value=1))
def test_blending_two_mat_poses_keeps_her_on_the_mat(poses: dict, t: float) -> None:
    frame = blend(poses["supine-knees-bent"], poses["bridge-up"], t)
    sk = solve(frame)
    lowest = min(p[1] - r for _, p, r in sk.discs())
    assert lowest == pytest.approx(P.MAT_TOP, abs=1e-6)
    if 0 < t < 1:  # an in-between frame spells out every angle; the ends are the poses
        assert set(dict(frame.angles)) == set(ANGLES["side"])
