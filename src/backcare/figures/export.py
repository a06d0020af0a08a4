"""Write every step of every exercise as a PNG and an SVG.

Files are named ``<exercise id>-<step number, two digits>.png/.svg`` so a folder listing reads in
exercise and step order, and each step's picture carries a ghost of the step before it, exactly
as the exercise card shows it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from backcare.core.content import Exercise
from backcare.figures.painter import render_png, render_svg
from backcare.figures.pose import Pose


def export_figures(
    exercises: Iterable[Exercise], poses: Mapping[str, Pose], out_dir: Path
) -> list[Path]:
    """Render each step; returns the files written. A step whose pose is missing is skipped
    (the catalog already hides such exercises and says why)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for exercise in exercises:
        previous: Pose | None = None
        for i, step in enumerate(exercise.steps):
            pose = poses.get(step.pose)
            if pose is None:
                previous = None
                continue
            stem = f"{exercise.id}-{i + 1:02d}"
            written.append(render_png(out_dir / f"{stem}.png", pose, previous))
            written.append(render_svg(out_dir / f"{stem}.svg", pose, previous))
            previous = pose
    return written
