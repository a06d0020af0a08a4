"""What a guided session leaves behind: one result per exercise, and the whole outcome.

Pure data, apart from the flow that fills it (``core.guided``), so the ledger, the reminders
and the summary screen read a finished session without knowing how it was played.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExerciseResult:
    """What she did of one exercise. ``reps_target`` is None for a timed exercise, which is
    complete once its minutes have run; ``seconds`` is the time spent on it (steps, holds,
    rests; not the interlude before it)."""

    exercise_id: str
    reps_done: int
    reps_target: int | None
    complete: bool
    seconds: int = 0

    @property
    def started(self) -> bool:
        """A rep done (a timed exercise: any time on it). Reading the steps is not doing it."""
        return self.reps_done > 0 if self.reps_target is not None else self.seconds > 0


@dataclass(frozen=True)
class SessionOutcome:
    """The record of a whole session, one result per exercise in the order they were played."""

    results: tuple[ExerciseResult, ...]

    @property
    def complete(self) -> bool:
        """Every exercise done in full."""
        return bool(self.results) and all(r.complete for r in self.results)

    @property
    def started(self) -> bool:
        """Any rep (or time on a timed exercise): something worth recording."""
        return any(r.started for r in self.results)

    @property
    def done_ids(self) -> tuple[str, ...]:
        return tuple(r.exercise_id for r in self.results if r.complete)

    @property
    def partly_ids(self) -> tuple[str, ...]:
        """Started but not finished (stopped early)."""
        return tuple(r.exercise_id for r in self.results if r.started and not r.complete)

    def result(self, exercise_id: str) -> ExerciseResult | None:
        return next((r for r in self.results if r.exercise_id == exercise_id), None)
