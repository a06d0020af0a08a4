"""Every step's figure is honest about where her body is: nothing of her (the head, the bun and
the nose included) goes below the mat, and each ghost stands where her body was in the step
before, so no step looks as if she slid along the mat."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import pytest

from backcare.core.content import Exercise, load_exercises
from backcare.figures.body import CAPS, HEAD_R, NECK, SIDE
from backcare.figures.pose import Placement, Pose, solve
from backcare.figures.pose_checks import check_above_ground, check_ghost, held_contacts

EXERCISES = Path(__file__).resolve().parents[2] / "resources" / "exercises"


@pytest.fixture(scope="module")
def exercises() -> list[Exercise]:
    loaded, problems = load_exercises(EXERCISES)
    assert not problems
    return list(loaded)


def _pairs(exercises: list[Exercise]) -> list[tuple[str, str, str]]:
    return [(e.id, a.pose, b.pose) for e in exercises
            for a, b in itertools.pairwise(e.steps)]


def test_each_ghost_stands_where_her_body_was(
    exercises: list[Exercise], poses: dict[str, Pose]
) -> None:
    pairs = _pairs(exercises)
    assert len(pairs) >= 35
    slips = [f"{ex}: {s}" for ex, a, b in pairs for s in check_ghost(poses[a], poses[b])]
    assert slips == []
    # and the check has something to hold: most step pairs share a contact that stays put
    held = [held_contacts(poses[a], poses[b]) for _, a, b in pairs]
    assert sum(1 for h in held if h and min(d for *_, d in h) < 0.5) >= len(pairs) * 0.8


def test_a_ghost_slid_along_the_mat_is_caught(poses: dict[str, Pose]) -> None:
    """The leg shake's last ghost was 13 cm along the mat from her body: both rules see it."""
    bent = poses["supine-knees-bent"]
    slid = replace(poses["supine-leg-shake"], place=Placement(x=bent.place.x + 8))
    sentences = check_ghost(slid, bent)
    assert any("head on the mat moves 8.0 cm" in s for s in sentences)
    assert any("every contact moves" in s for s in sentences)
    assert check_ghost(poses["supine-leg-shake"], bent) == []


def test_a_head_tipped_back_into_the_mat_is_caught(poses: dict[str, Pose]) -> None:
    """Lying on her back, tipping the head back puts the head and the bun through the mat: the
    check names them (the clearance check, 1.5 cm lenient, would let a bun sink further)."""
    lying = poses["supine-knees-bent"]
    tipped = replace(lying, angles=(*lying.angles, ("trunk.neck", -25.0)),
                     place=Placement(x=0.0, y=solve(lying)["pelvis"][1]))
    sentences = check_above_ground(tipped)
    assert any(s.split(": ")[1].startswith(("head ", "bun ")) for s in sentences), sentences
    assert check_above_ground(lying) == []


def test_a_neck_shows_between_the_shoulders_and_the_head() -> None:
    assert NECK - HEAD_R - CAPS[SIDE][1] >= 3.0  # cm of neck in the side view


@pytest.mark.parametrize(
    ("pose_id", "faces"),
    [
        ("prone-hands-back", "down"),  # "lie face down"
        ("prone-press", "down"),
        ("all-fours-flat", "down"),  # "look at the mat"
        ("plank-kneeling", "down"),
        ("supine-knees-bent", "up"),
        ("stand-side", "ahead"),  # "look ahead"
        ("walk-back-step", "ahead"),
        ("stand-walk", "ahead"),  # "walk around the room"
    ],
)
def test_her_face_points_the_way_the_words_say(
    poses: dict[str, Pose], pose_id: str, faces: str
) -> None:
    sk = solve(poses[pose_id])
    (hx, hy), (nx, ny) = sk["head"], sk["nose"]
    dx, dy = nx - hx, ny - hy
    if faces == "down":
        assert dy < -0.7 * HEAD_R
    elif faces == "up":
        assert dy > 0.7 * HEAD_R
    else:
        assert dx > 0.8 * HEAD_R and abs(dy) < 0.45 * HEAD_R


def test_the_cat_lowers_her_back_with_her_head_in_line_not_looking_up(
    poses: dict[str, Pose],
) -> None:
    """Cat back, step 3 ("lower until flat"): the arrow follows the back, not the head, and in
    the flat pose her head stays in line with the back, eyes on the mat."""
    flat, round_ = poses["all-fours-flat"], poses["all-fours-round"]
    assert round_.arrow_at == "waist" and not flat.arrow_at  # the ghost's point is used
    sk = solve(flat)
    assert sk["nose"][1] < sk["head"][1]
    assert sk["head"][1] < sk["upper_back"][1] + HEAD_R
