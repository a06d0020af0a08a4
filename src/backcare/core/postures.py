"""Postures one exercise borrows from another, and what she does before the owner opens.

A pose named after an exercise (``wall-stand-flat`` after ``wall-stand``) is that exercise's
posture, and its earliest week says when the posture is safe. Another exercise may use the
posture in its steps (the pelvic floor squeezes stand against the wall) and open sooner. In
the weeks between, she must be told to do it another way: an ``[early_position]`` table
names the owner (``until``) and gives that sentence (``caution``), which the loader puts first
among the exercise's cautions so every card, sheet and report shows it.

``early_position_gaps`` checks the whole library, since no single file can know another's
week: an exercise that opens before the owner of a posture it uses, for any type of birth,
must carry an early position naming that owner, and an early position must name an owner
whose posture the steps really use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from backcare.core import fields as f
from backcare.core.problems import ContentProblem, Invalid

if TYPE_CHECKING:
    from backcare.core.content import Exercise


@dataclass(frozen=True)
class EarlyPosition:
    """How she does the exercise before the exercise that owns its posture opens for her.

    ``until`` is the owner's id: she uses the borrowed posture only from the week it opens.
    ``caution`` is the sentence she reads (for example: lie on your side or sit meanwhile).
    """

    until: str
    caution: str


def parse_early_position(data: Mapping[str, Any], exercise_id: str) -> EarlyPosition:
    """The ``[early_position]`` table; raises Invalid naming the bad field."""
    p = "early_position"
    early = EarlyPosition(until=f.slug(data, "until", p), caution=f.text(data, "caution", p))
    if early.until == exercise_id:
        raise Invalid(f"{p}.until", "must name another exercise, whose posture this one uses.")
    return early


def posture_owner(pose: str, exercise_ids: Iterable[str]) -> str | None:
    """The exercise a pose is named after (its id, or its id then a dash), if any."""
    owners = [e for e in exercise_ids if pose == e or pose.startswith(f"{e}-")]
    return max(owners, key=len) if owners else None


def borrowed_postures(exercise: Exercise, exercise_ids: Iterable[str]) -> set[str]:
    """The other exercises whose postures this exercise's steps use."""
    ids = tuple(exercise_ids)
    owners = {posture_owner(pose, ids) for pose in exercise.poses}
    return {o for o in owners if o is not None and o != exercise.id}


def early_position_gaps(exercises: Iterable[Exercise]) -> list[ContentProblem]:
    """A problem for each exercise that opens before the owner of a posture it uses without an
    early position naming that owner, and for each early position that names no such owner."""
    library = {e.id: e for e in exercises}
    problems: list[ContentProblem] = []
    for exercise in library.values():
        borrowed = borrowed_postures(exercise, library)
        early = exercise.early_position
        for owner in sorted(borrowed):
            sooner = exercise.earliest_week.earlier_than(library[owner].earliest_week)
            if sooner and (early is None or early.until != owner):
                problems.append(
                    ContentProblem(
                        exercise.file,
                        "early_position",
                        f"uses the '{owner}' posture but opens before it (birth type: "
                        f"{', '.join(sooner)}); say how to do it until '{owner}' opens.",
                    )
                )
        if early is not None and early.until not in borrowed:
            problems.append(
                ContentProblem(
                    exercise.file,
                    "early_position.until",
                    f"names '{early.until}', whose posture the steps do not use.",
                )
            )
    return problems
