"""Shared helpers for the figure tests: real pose files and small synthetic poses."""

from __future__ import annotations

from pathlib import Path

import pytest

from backcare.figures.pose import Contact, Placement, Pose
from backcare.figures.pose_file import load_poses

POSE_DIR = Path(__file__).resolve().parents[2] / "resources" / "poses"


@pytest.fixture(scope="session")
def poses() -> dict[str, Pose]:
    loaded, problems = load_poses(POSE_DIR)
    assert not problems, [p.sentence() for p in problems]
    return loaded


def side_pose(y: float | None = 100.0, **angles: float) -> Pose:
    """A side-view pose held at a fixed hip height (``y``), so points are exact numbers.
    Angle names use '__' for the dot: near__hip=90."""
    return Pose(
        id="probe",
        view="side",
        props=("floor",),
        contacts=(Contact("near_heel", "floor"),),
        angles=tuple((k.replace("__", "."), float(v)) for k, v in angles.items()),
        place=Placement(x=0.0, y=y),
    )
