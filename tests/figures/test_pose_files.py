"""Every pose file in resources/poses loads, touches what it says it touches, and goes through
nothing; and the poses whose meaning is geometric (a gentle bridge, a gap behind the waist, a
hand on the counter, a ball rolled aside) really have that geometry."""

from __future__ import annotations

import math

import pytest

from backcare.figures import props as P
from backcare.figures.pose import Pose, solve
from backcare.figures.pose_checks import check_above_ground, check_clearance, check_contacts
from tests.figures.conftest import POSE_DIR

REQUIRED = [
    "all-fours-flat",
    "all-fours-round",
    "all-fours-leg-back",
    "supine-knees-bent",
    "supine-legs-long",
    "supine-heel-slide",
    "supine-one-leg-long",
    "supine-leg-shake",
    "supine-one-knee-hug",
    "supine-both-knees-hug",
    "supine-tabletop-one",
    "supine-leg-straight-up",
    "bicycle-pedal",
    "bridge-up",
    "plank-kneeling",
    "forearms-knees",
    "plank-forearm",
    "wall-stand-gap",
    "wall-stand-flat",
    "wall-stand-front",
    "wall-stand-front-squeeze",
    "stand-side",
    "stand-walk",
    "walk-back-step",
    "stand-rub-up",
    "stand-rub-down",
    "prone-hands-back",
    "prone-press",
    "front-stand-arms-down",
    "front-stand-arms-out",
    "front-stand-arms-up",
    "front-ball-sit",
    "front-ball-shift",
    "front-ball-side-stretch",
]

POSE_IDS = sorted(p.stem for p in POSE_DIR.glob("*.toml"))


def test_every_required_pose_is_there(poses: dict[str, Pose]) -> None:
    assert sorted(set(REQUIRED) - set(poses)) == []
    assert len(poses) == len(POSE_IDS)


@pytest.mark.parametrize("pose_id", POSE_IDS)
def test_contacts_touch_and_nothing_goes_through(poses: dict[str, Pose], pose_id: str) -> None:
    pose = poses[pose_id]
    assert pose.contacts, "every pose says what holds her up"
    assert check_contacts(pose) == []
    assert check_clearance(pose) == []
    assert check_above_ground(pose) == []  # the head, the bun and the nose included
    sk = solve(pose)
    lowest = min(p[1] - r for _, p, r in sk.discs())
    assert lowest >= -0.5, "nothing below the floor"


@pytest.mark.parametrize("pose_id", POSE_IDS)
def test_figure_stays_inside_the_picture(poses: dict[str, Pose], pose_id: str) -> None:
    pose = poses[pose_id]
    x0, _, x1, y1 = P.FRAME[pose.view]
    for name, (x, y), r in solve(pose).discs():
        assert x0 <= x - r and x + r <= x1 and y + r <= y1, name


def test_cat_back_humps_above_the_flat_back(poses: dict[str, Pose]) -> None:
    flat, cat = solve(poses["all-fours-flat"]), solve(poses["all-fours-round"])
    assert cat["waist"][1] - flat["waist"][1] > 5
    assert cat["head"][1] < flat["head"][1] - 5  # head dropped
    for point in ("near_hand", "near_knee"):  # hands and knees stay put
        assert math.dist(cat[point], flat[point]) < 1


def test_all_fours_hands_under_shoulders_knees_under_hips(poses: dict[str, Pose]) -> None:
    for pose_id in ("all-fours-flat", "all-fours-round", "plank-kneeling"):
        sk = solve(poses[pose_id])
        assert abs(sk["near_wrist"][0] - sk["near_shoulder"][0]) < 5, pose_id
    sk = solve(poses["all-fours-flat"])
    assert abs(sk["near_knee"][0] - sk["near_hip"][0]) < 5


def _off_line(a: tuple[float, float], b: tuple[float, float], p: tuple[float, float]) -> float:
    (ax, ay), (bx, by) = a, b
    return abs((bx - ax) * (ay - p[1]) - (ax - p[0]) * (by - ay)) / math.dist(a, b)


def test_bridge_lifts_the_hips_just_a_little_into_a_gentle_slope(poses: dict[str, Pose]) -> None:
    """The card says "lift your hips off the mat, just a little", "a gentle slope", "don't push
    your hips up high": so the hips clear the mat by a hand's depth, not a full bridge."""
    bridge, lying = solve(poses["bridge-up"]), solve(poses["supine-knees-bent"])
    lift = bridge["pelvis"][1] - lying["pelvis"][1]
    assert 6 < lift < 14
    (sx, sy), (hx, hy) = bridge["near_shoulder"], bridge["pelvis"]
    assert 5 < math.degrees(math.atan2(hy - sy, hx - sx)) < 18  # shoulders to hips: gentle
    # well below the straight knees-to-shoulders line of a full bridge
    (kx, ky) = bridge["near_knee"]
    on_line = sy + (ky - sy) * (hx - sx) / (kx - sx)
    assert hy < on_line - 6


def test_plank_kneeling_lines_up_knees_hips_and_head(poses: dict[str, Pose]) -> None:
    sk = solve(poses["plank-kneeling"])
    assert _off_line(sk["near_knee"], sk["head"], sk["pelvis"]) < 4


def test_leg_back_is_at_hip_height_not_higher(poses: dict[str, Pose]) -> None:
    sk = solve(poses["all-fours-leg-back"])
    assert abs(sk["near_ankle"][1] - sk["pelvis"][1]) < 8
    assert sk["near_ankle"][0] < sk["pelvis"][0] - 60  # straight back


def test_wall_gap_has_her_hand_in_it_and_flat_has_none(poses: dict[str, Pose]) -> None:
    def gap(pose_id: str) -> float:  # from the wall to the skin of her lower back
        sk = solve(poses[pose_id])
        return sk["lower_back"][0] - sk.radii["lower_back"] - P.WALL_X

    assert gap("wall-stand-gap") > 5
    assert gap("wall-stand-flat") < 2.5
    sk = solve(poses["wall-stand-gap"])
    hand_x, hand_y = sk["near_hand"]
    assert P.WALL_X < hand_x < sk["lower_back"][0]  # between the wall and her back
    assert abs(hand_y - sk["waist"][1]) < 12  # at her waist


def test_an_arched_back_hollows_behind_without_a_bulging_tummy(poses: dict[str, Pose]) -> None:
    """The gap is the curve of her lower back; her tummy keeps the line of a straight back
    (the arch bulged it forward like a pregnancy)."""
    arched, flat = solve(poses["wall-stand-gap"]), solve(poses["wall-stand-flat"])
    tummy = arched["belly"][0] - arched["pelvis"][0]
    assert tummy < flat["belly"][0] - flat["pelvis"][0] + 2.5
    assert arched.front_width(0.4) < arched.half_width(0.4) - 3


def test_tabletop_shin_is_level_and_leg_up_is_about_sixty(poses: dict[str, Pose]) -> None:
    sk = solve(poses["supine-tabletop-one"])
    assert abs(sk["near_knee"][1] - sk["near_ankle"][1]) < 5
    assert abs(sk["near_knee"][0] - sk["near_hip"][0]) < 5  # thigh vertical
    up = solve(poses["supine-leg-straight-up"])
    (hx, hy), (ax, ay) = up["near_hip"], up["near_ankle"]
    assert 50 <= math.degrees(math.atan2(ay - hy, ax - hx)) <= 70


def test_ball_sit_rests_on_the_ball_with_feet_on_the_mat(poses: dict[str, Pose]) -> None:
    ball = P.scene("front", ("floor", "mat", "ball"))["ball"]
    for pose_id in ("front-ball-sit", "front-ball-shift", "front-ball-side-stretch"):
        sk = solve(poses[pose_id])
        assert abs(ball.distance(sk["pelvis"]) - sk.radii["pelvis"]) < 1
    sit, shift = solve(poses["front-ball-sit"]), solve(poses["front-ball-shift"])
    assert shift["pelvis"][0] - sit["pelvis"][0] > 3  # the pelvis rolls aside
    assert abs(shift["left_shoulder"][1] - shift["right_shoulder"][1]) < 2  # shoulders level
    for foot in ("left_ankle", "right_ankle"):  # feet stay planted
        assert math.dist(sit[foot], shift[foot]) < 3


def test_arms_up_is_above_the_head_and_arms_out_at_shoulder_height(
    poses: dict[str, Pose],
) -> None:
    up, out = solve(poses["front-stand-arms-up"]), solve(poses["front-stand-arms-out"])
    assert up["left_hand"][1] > up["head"][1]
    assert abs(out["left_wrist"][1] - out["left_shoulder"][1]) < 5


def test_hints_are_where_the_exercise_needs_them(poses: dict[str, Pose]) -> None:
    assert poses["supine-leg-shake"].motion == "wobble"
    assert "pelvis" in poses["wall-stand-front-squeeze"].highlight
    assert poses["wall-stand-front-squeeze"].view == "front"  # the pelvic floor, mid-pelvis
    assert poses["prone-press"].highlight and poses["prone-press"].motion == "down"
    assert poses["plank-kneeling"].arrow_at == "near_knee"  # "walk your knees back"


def test_her_hand_rests_on_the_counter_and_stays_there(poses: dict[str, Pose]) -> None:
    stand, step = solve(poses["stand-side"]), solve(poses["walk-back-step"])
    for sk in (stand, step):
        assert abs(sk["far_hand"][1] - sk.radii["far_hand"] - P.COUNTER_TOP) < 1.5
    assert math.dist(stand["far_hand"], step["far_hand"]) < 1
    # the free arm hangs by her side: it does not swing forward as in walking forwards
    assert abs(step["near_wrist"][0] - step["near_shoulder"][0]) < 8
    assert step["near_toe"][0] < stand["near_toe"][0] - 20  # the foot reaches back


def test_the_ball_rolls_aside_under_her_and_shows_wider_than_her_legs(
    poses: dict[str, Pose],
) -> None:
    sit, shift = poses["front-ball-sit"], poses["front-ball-shift"]
    ball = sit.scene()["ball"].parts[0]
    rolled = shift.scene()["ball"].parts[0]
    assert isinstance(ball, P.Circle) and isinstance(rolled, P.Circle)
    assert rolled.cx - ball.cx > 4  # the ball itself moves, not only her hips
    sk = solve(sit)
    for side in ("left", "right"):  # hip-width legs in front of it, not astride it
        x = abs(sk[f"{side}_knee"][0])
        assert x + sk.radii[f"{side}_knee"] < ball.r - 5
        assert abs(sk[f"{side}_ankle"][0]) < 14


def test_walking_about_is_a_stride_with_arms_swinging_the_other_way(
    poses: dict[str, Pose],
) -> None:
    """The posture break's "walk around the room": legs in stride, arms swinging against them,
    facing the way she walks (+x), and not the counter stand it borrowed before."""
    walk = poses["stand-walk"]
    assert "counter" not in walk.props
    sk = solve(walk)
    hip_x = sk["pelvis"][0]
    assert sk["near_heel"][0] > hip_x + 15  # the near leg steps forward onto its heel
    assert sk["far_toe"][0] < hip_x - 25  # the far leg pushes off behind her
    assert sk["far_heel"][1] > 10  # its heel up: pushing off from the toes
    assert sk["near_toe"][1] > sk["near_heel"][1] + 5  # toes up as the heel lands
    # arms swing opposite the legs: the near arm back, the far arm forward
    assert sk["near_wrist"][0] < sk["near_shoulder"][0] - 10
    assert sk["far_wrist"][0] > sk["far_shoulder"][0] + 20
    assert sk["nose"][0] > sk["head"][0] + 8  # she looks the way she walks
