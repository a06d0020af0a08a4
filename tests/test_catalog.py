"""The catalog: poses read only when a figure is needed, with the same rules as an eager load."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from backcare.catalog import load_catalog
from backcare.paths import resources_dir

ROOT = Path(__file__).resolve().parent.parent


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "resources"
    shutil.copytree(resources_dir(), root)
    return root


def test_lazy_poses_are_read_on_first_use_and_match_an_eager_load() -> None:
    eager = load_catalog()
    lazy = load_catalog(lazy_poses=True)
    assert not lazy.poses_loaded
    assert [e.id for e in lazy.exercises] == [e.id for e in eager.exercises]
    assert set(lazy.poses) == set(eager.poses)
    assert lazy.poses_loaded and lazy.problems == eager.problems == ()


def test_the_pose_model_is_not_imported_until_a_figure_is_needed() -> None:
    code = (
        "import sys; from backcare.catalog import load_catalog; c = load_catalog(lazy_poses=True);"
        "print('backcare.figures.pose' in sys.modules); c.poses;"
        "print('backcare.figures.pose' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"PYTHONPATH": str(ROOT / "src")}, check=True).stdout.split()
    assert out == ["False", "True"]


def test_a_missing_pose_file_hides_its_exercise_at_once(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "poses" / "bridge-up.toml").unlink()
    catalog = load_catalog(root, lazy_poses=True)
    assert "bridge" not in [e.id for e in catalog.exercises]
    assert any("bridge-up" in p.sentence() for p in catalog.problems)


def test_a_broken_pose_file_hides_its_exercise_once_read(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "poses" / "bridge-up.toml").write_text("view = 'sideways'\n[[[broken")
    catalog = load_catalog(root, lazy_poses=True)
    assert "bridge" in [e.id for e in catalog.exercises]  # the file is there: not read yet
    assert "bridge-up" not in catalog.poses
    assert "bridge" not in [e.id for e in catalog.exercises]
    sentences = [p.sentence() for p in catalog.problems]
    assert any("bridge-up.toml" in s for s in sentences)
    assert any("hidden until it is fixed" in s for s in sentences)
    eager = load_catalog(root)
    assert [e.id for e in eager.exercises] == [e.id for e in catalog.exercises]
