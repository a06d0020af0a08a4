"""Cautions that apply across exercises (issue 10): getting down and up by rolling to the side
in the early weeks after any birth, and no wide or one-sided loading for a painful pelvis."""

from __future__ import annotations

import pytest

from backcare.core.content import Exercise, load_exercises
from backcare.paths import resources_dir


@pytest.fixture(scope="module")
def exercises() -> tuple[Exercise, ...]:
    found, problems = load_exercises(resources_dir() / "exercises")
    assert problems == ()
    return found


def test_every_exercise_lying_on_the_back_says_how_to_get_down_and_up(
    exercises: tuple[Exercise, ...],
) -> None:
    lying = [e for e in exercises if "on your back" in e.start_position.lower()]
    assert {e.id for e in lying} >= {"bridge", "knee-hugs", "leg-slides", "si-leg-shake"}
    for exercise in lying:
        roll = [c for c in exercise.cautions if "rolling onto your side" in c]
        assert roll, exercise.id
        assert "after the birth" in roll[0] and "knees together" in roll[0]
        assert "G-POGP-PGP" in exercise.sources
        assert not any(c.startswith("After a caesarean, roll onto your side") for c in
                       exercise.cautions), exercise.id  # not only after a caesarean any more


def test_no_exercise_asks_for_a_wide_legged_position(exercises: tuple[Exercise, ...]) -> None:
    for exercise in exercises:
        words = " ".join([exercise.start_position, *(s.instruction for s in exercise.steps)])
        assert "wide apart" not in words and "feet flat and wide" not in words, exercise.id
    ball = next(e for e in exercises if e.id == "ball-balance")
    assert "hip-width apart" in ball.start_position
    assert any("pelvic girdle pain" in c for c in ball.cautions)
