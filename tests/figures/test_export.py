"""Exporting writes a PNG and an SVG per step, named in exercise and step order."""

from __future__ import annotations

from pathlib import Path

from backcare.core.content import Dose, EarliestWeek, Exercise, Step
from backcare.figures.export import export_figures
from backcare.figures.pose import Pose


def _exercise(ex_id: str, poses: list[str]) -> Exercise:
    return Exercise(
        id=ex_id,
        title=ex_id,
        purpose="test",
        start_position="test",
        steps=tuple(Step(f"step {i}", p, 0, "breathe out") for i, p in enumerate(poses)),
        dose=Dose(5, 1, 0, 1, ("any",), False, 0, 0, ""),
        props=("mat",),
        cautions=("none",),
        stop_if=("pain",),
        earliest_week=EarliestWeek(0, 0, "test", ("seed",)),
        sources=("seed",),
        file=Path(f"{ex_id}.toml"),
    )


def test_two_files_per_step(qapp, poses: dict[str, Pose], tmp_path: Path) -> None:
    exercises = [
        _exercise("cat", ["all-fours-flat", "all-fours-round", "all-fours-flat"]),
        _exercise("bridge", ["supine-knees-bent", "bridge-up"]),
    ]
    written = export_figures(exercises, poses, tmp_path / "out")
    names = sorted(p.name for p in written)
    expected = [f"{e}-{i:02d}.{ext}" for e, n in (("bridge", 2), ("cat", 3))
                for i in range(1, n + 1) for ext in ("png", "svg")]
    assert names == expected
    assert all(p.stat().st_size > 500 for p in written)
    # step 1 has no ghost, step 2 has one: the second picture holds more ink
    first, second = (tmp_path / "out" / "bridge-01.png"), (tmp_path / "out" / "bridge-02.png")
    assert first.read_bytes() != second.read_bytes()
