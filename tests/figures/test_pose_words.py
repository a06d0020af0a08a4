"""The figure in words (``figures.pose_words``), made from the shipped pose files."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from backcare.catalog import load_catalog
from backcare.figures.pose import Pose
from backcare.figures.pose_words import pose_words, posture

POSTURES = ("lying on your back", "lying on your front", "standing", "sitting on the ball",
            "on your hands and knees", "on your forearms and knees", "in a plank",
            "in a kneeling plank")


@pytest.fixture(scope="module")
def poses() -> Mapping[str, Pose]:
    return load_catalog().poses


@pytest.mark.parametrize(("pose_id", "words"), [
    ("bridge-up", "lying on your back, knees bent, feet on the mat, hips lifted off the mat"),
    ("supine-knees-bent", "lying on your back, knees bent, feet on the mat"),
    ("supine-one-knee-hug", "lying on your back, one knee hugged to your chest, "
                            "the other knee bent"),
    ("all-fours-round", "on your hands and knees, back rounded up"),
    ("all-fours-leg-back", "on your hands and knees, back flat, one leg stretched out behind you"),
    ("front-stand-arms-up", "standing, arms raised over your head"),
    ("wall-stand-front-squeeze", "standing with your back to the wall, arms by your sides, "
                                 "pelvic floor squeezed"),
    ("plank-forearm", "in a plank on your forearms and toes"),
])
def test_a_pose_is_said_as_it_is_drawn(poses: Mapping[str, Pose], pose_id: str,
                                       words: str) -> None:
    assert pose_words(poses[pose_id]) == words


def test_every_shipped_pose_has_words_that_start_with_where_her_body_is(
    poses: Mapping[str, Pose],
) -> None:
    assert len(poses) > 20
    for pose in poses.values():
        assert posture(pose).startswith(POSTURES), pose.id
        assert pose_words(pose).startswith(posture(pose))
