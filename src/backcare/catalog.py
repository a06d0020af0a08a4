"""Everything the app shows, loaded once: exercises, their poses, tips and calcium foods.

This sits above ``core`` and ``figures`` (both pure) and joins them: an exercise whose step names
a pose that is missing or broken is left out, with a sentence naming the file and the field,
so one bad file never empties the library. No Qt here.

The app loads the poses lazily (``load_catalog(lazy_poses=True)``): the Today page and the
reminders need only the exercises' words, and parsing 30-odd pose files (and importing the pose
model) is left until the first figure is drawn, which keeps the start at login quick. Until then
a pose counts as present when its file exists; once read, an exercise whose pose turned out
broken is left out exactly as in an eager load.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from backcare.core.content import Exercise, Food, Tip, load_advice, load_exercises, load_foods
from backcare.core.problems import ContentProblem
from backcare.paths import resources_dir

if TYPE_CHECKING:
    from backcare.figures.pose import Pose

PoseLoader = Callable[[], tuple[Mapping[str, "Pose"], tuple[ContentProblem, ...]]]


def _with_poses(
    exercises: Iterable[Exercise], pose_ids: Iterable[str]
) -> tuple[tuple[Exercise, ...], tuple[ContentProblem, ...]]:
    """The exercises whose every step has a pose, and a sentence for each one that has not."""
    known = set(pose_ids)
    kept: list[Exercise] = []
    problems: list[ContentProblem] = []
    for exercise in exercises:
        steps = enumerate(exercise.steps)
        missing = [(i, step.pose) for i, step in steps if step.pose not in known]
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
    return tuple(kept), tuple(problems)


DEFAULT_PORTION_MG = 250  # a glass of milk, should foods.toml fail to load


class Catalog:
    """``Catalog(exercises, poses, tips, foods, problems)``; ``poses`` is a mapping, or a
    loader called the first time ``poses`` is read (see the module docstring)."""

    def __init__(
        self,
        exercises: Iterable[Exercise],
        poses: Mapping[str, Pose] | PoseLoader,
        tips: tuple[Tip, ...],
        foods: tuple[Food, ...],
        problems: tuple[ContentProblem, ...],
    ) -> None:
        self._exercises = tuple(exercises)
        self._loader: PoseLoader | None = None
        self._poses: Mapping[str, Pose] | None = None
        if isinstance(poses, Mapping):
            self._poses = poses
        else:
            self._loader = poses
        self.tips = tips
        self.foods = foods
        self._problems = tuple(problems)

    @property
    def portion_mg(self) -> int:
        """What a portion naming no known food counts (rows from before foods were named): a
        glass of milk (foods.toml)."""
        milk = next((f for f in self.foods if f.id == "milk"), None)
        return milk.calcium_mg if milk else DEFAULT_PORTION_MG

    @property
    def food_mg(self) -> dict[str, int]:
        """Each food id's calcium per usual portion, in the library's order (the lifecycle
        counts the food she took, and falls back on the first)."""
        return {food.id: food.calcium_mg for food in self.foods}

    @property
    def poses_loaded(self) -> bool:
        return self._poses is not None

    @property
    def poses(self) -> Mapping[str, Pose]:
        if self._poses is None:
            assert self._loader is not None
            poses, problems = self._loader()
            kept, missing = _with_poses(self._exercises, poses)
            self._poses = dict(poses)
            self._exercises = kept
            self._problems = (*self._problems, *problems, *missing)
        return self._poses

    @property
    def exercises(self) -> tuple[Exercise, ...]:
        return self._exercises

    @property
    def problems(self) -> tuple[ContentProblem, ...]:
        return self._problems

    def exercise(self, exercise_id: str) -> Exercise | None:
        return next((e for e in self._exercises if e.id == exercise_id), None)


def _read_poses(folder: Path) -> tuple[Mapping[str, Pose], tuple[ContentProblem, ...]]:
    from backcare.figures.pose_file import load_poses

    return load_poses(folder)


def load_catalog(resources: Path | None = None, *, lazy_poses: bool = False) -> Catalog:
    root = resources if resources is not None else resources_dir()
    exercises, ex_problems = load_exercises(root / "exercises")
    tips, tip_problems = load_advice(root / "advice.toml")
    foods, food_problems = load_foods(root / "foods.toml")
    problems = (*ex_problems, *tip_problems, *food_problems)
    folder = root / "poses"
    if lazy_poses:
        present = [p.stem for p in folder.glob("*.toml")] if folder.is_dir() else []
        kept, missing = _with_poses(exercises, present)
        return Catalog(kept, lambda: _read_poses(folder), tips, foods, (*problems, *missing))
    poses, pose_problems = _read_poses(folder)
    kept, missing = _with_poses(exercises, poses)
    return Catalog(kept, dict(poses), tips, foods, (*problems, *pose_problems, *missing))
