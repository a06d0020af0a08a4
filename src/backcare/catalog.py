"""Everything the app shows, loaded once: exercises, their poses, tips and calcium foods.

This sits above ``core`` and ``figures`` (both pure) and joins them: an exercise whose step names
a pose that is missing or broken is left out, with a sentence naming the file and the field,
so one bad file never empties the library. No Qt here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from backcare.core.content import Exercise, Food, Tip, load_advice, load_exercises, load_foods
from backcare.core.problems import ContentProblem
from backcare.figures.pose import Pose, load_poses
from backcare.paths import resources_dir


@dataclass(frozen=True)
class Catalog:
    exercises: tuple[Exercise, ...]
    poses: Mapping[str, Pose]
    tips: tuple[Tip, ...]
    foods: tuple[Food, ...]
    problems: tuple[ContentProblem, ...]

    def exercise(self, exercise_id: str) -> Exercise | None:
        return next((e for e in self.exercises if e.id == exercise_id), None)


def load_catalog(resources: Path | None = None) -> Catalog:
    root = resources if resources is not None else resources_dir()
    exercises, ex_problems = load_exercises(root / "exercises")
    poses, pose_problems = load_poses(root / "poses")
    tips, tip_problems = load_advice(root / "advice.toml")
    foods, food_problems = load_foods(root / "foods.toml")
    kept: list[Exercise] = []
    problems: list[ContentProblem] = [*ex_problems, *pose_problems, *tip_problems, *food_problems]
    for exercise in exercises:
        missing = [
            (i, step.pose) for i, step in enumerate(exercise.steps) if step.pose not in poses
        ]
        if missing:
            i, pose_id = missing[0]
            problems.append(
                ContentProblem(
                    exercise.file,
                    f"steps[{i}].pose",
                    f"names the pose '{pose_id}', which is missing or could not be read "
                    f"(look at poses/{pose_id}.toml); this exercise is hidden until it is fixed.",
                )
            )
            continue
        kept.append(exercise)
    return Catalog(tuple(kept), dict(poses), tips, foods, tuple(problems))
