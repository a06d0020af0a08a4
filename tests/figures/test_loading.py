"""A broken pose file costs that pose only, and says which file and which field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from backcare.figures.pose_file import load_poses
from tests.figures.conftest import POSE_DIR

GOOD = "stand-side"

BAD = {
    "not-toml": ("view = [unclosed", ""),
    "no-view": ("", "view"),
    "wrong-type": ("trunk.angle", "trunk.angle"),
    "bad-prop": ("props", "props[2]"),
    "bad-point": ("contacts", "contacts[1].point"),
    "bad-angle-name": ("trunk.twist", "trunk.twist"),
    "wrong-id": ("id", "id"),
    "roll-without-ball": ("place.roll", "place.roll"),
}


def _text(pose_id: str, breakage: str) -> str:
    body = (POSE_DIR / f"{GOOD}.toml").read_text().replace(f'id = "{GOOD}"', f'id = "{pose_id}"')
    if pose_id == "not-toml":
        return body + "\nview = [unclosed\n"
    if pose_id == "no-view":
        return body.replace('view = "side"\n', "")
    if pose_id == "wrong-type":
        return body.replace("[trunk]\nangle = 90", '[trunk]\nangle = "ninety"')
    if pose_id == "bad-prop":
        return body.replace('props = ["floor", "counter"]', 'props = ["floor", "counter", "sofa"]')
    if pose_id == "bad-point":
        return body.replace('point = "near_heel"', 'point = "near_tail"', 1)
    if pose_id == "bad-angle-name":
        return body.replace("[trunk]\n", "[trunk]\ntwist = 4\n")
    if pose_id == "wrong-id":
        return body.replace(f'id = "{pose_id}"', 'id = "someone-else"')
    if pose_id == "roll-without-ball":  # only the ball rolls
        return body.replace("[place]\nx = 0", "[place]\nx = 0\nroll = 5")
    raise AssertionError(pose_id)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(POSE_DIR / f"{GOOD}.toml", tmp_path / f"{GOOD}.toml")
    shutil.copy(POSE_DIR / "bridge-up.toml", tmp_path / "bridge-up.toml")
    for pose_id in BAD:
        text = _text(pose_id, BAD[pose_id][0])
        assert text != (POSE_DIR / f"{GOOD}.toml").read_text()
        (tmp_path / f"{pose_id}.toml").write_text(text)
    return tmp_path


def test_each_bad_file_is_one_problem_naming_file_and_field(folder: Path) -> None:
    poses, problems = load_poses(folder)
    assert sorted(poses) == ["bridge-up", GOOD]
    by_file = {p.file.stem: p for p in problems}
    assert len(problems) == len(BAD) == len(by_file)
    for pose_id, (_, field) in BAD.items():
        problem = by_file[pose_id]
        assert problem.field == field, problem.sentence()
        assert problem.sentence().startswith(f"{pose_id}.toml")
        assert problem.message.endswith(".")


def test_unknown_names_are_listed_so_the_author_can_fix_them(folder: Path) -> None:
    _, problems = load_poses(folder)
    by_file = {p.file.stem: p for p in problems}
    assert "sofa" in by_file["bad-prop"].message and "mat" in by_file["bad-prop"].message
    assert "near_heel" in by_file["bad-point"].message


def test_a_missing_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    poses, problems = load_poses(tmp_path / "nowhere")
    assert poses == {} and len(problems) == 1
