"""Small hand-made exercises for the UI tests, so they never depend on the shipped content."""

from __future__ import annotations

from pathlib import Path

from backcare.core.content import Dose, EarliestWeek, Exercise, Step


def make_dose(
    *, reps: int = 3, sets: int = 1, hold: int = 0, per_side: bool = False, minutes: int = 0
) -> Dose:
    return Dose(
        reps=reps,
        sets=sets,
        hold_seconds=hold,
        times_per_day=2,
        time_of_day=("morning", "evening"),
        per_side=per_side,
        minutes=minutes,
        starter_sets=0,
        note="",
    )


def make_exercise(
    ex_id: str = "bridge",
    *,
    holds: tuple[int, ...] = (0, 3, 0),
    poses: tuple[str, ...] | None = None,
    reps: int = 3,
    sets: int = 1,
    per_side: bool = False,
    minutes: int = 0,
    title: str | None = None,
) -> Exercise:
    """An exercise with one step per entry of ``holds`` (its hold in seconds)."""
    pose_ids = poses or tuple(f"{ex_id}-{i + 1}" for i in range(len(holds)))
    steps = tuple(
        Step(
            instruction=f"Instruction {i + 1}: move slowly and gently.",
            pose=pose_ids[i],
            hold_seconds=hold,
            breath=f"Breath cue {i + 1}",
        )
        for i, hold in enumerate(holds)
    )
    return Exercise(
        id=ex_id,
        title=title or ex_id.replace("-", " ").capitalize(),
        purpose=f"Purpose of {ex_id}.",
        start_position="Lie on your back with your knees bent.",
        steps=steps,
        dose=make_dose(
            reps=reps, sets=sets, hold=max(holds), per_side=per_side, minutes=minutes
        ),
        props=("mat",),
        cautions=("After a caesarean, wait until the scar is comfortable.",),
        stop_if=("Pain gets worse or spreads down a leg.",),
        earliest_week=EarliestWeek(0, 6, "Gentle from the start.", ("seed.md#1",)),
        sources=("seed.md#1",),
        file=Path(f"/content/{ex_id}.toml"),
    )


LIE, LIFT, ROUND, FLAT = "supine-knees-bent", "bridge-up", "all-fours-round", "all-fours-flat"


def bridge(**kwargs: object) -> Exercise:
    """A bridge of three steps on the real poses: lie, lift and hold, lie."""
    kwargs.setdefault("holds", (0, 3, 0))
    return make_exercise("bridge", poses=(LIE, LIFT, LIE), title="Bridge", **kwargs)  # type: ignore[arg-type]


def cat(**kwargs: object) -> Exercise:
    """A cat back of three steps on the real poses: flat, round and hold, flat."""
    kwargs.setdefault("holds", (0, 2, 0))
    return make_exercise("cat-back", poses=(FLAT, ROUND, FLAT), title="Cat back", **kwargs)  # type: ignore[arg-type]
