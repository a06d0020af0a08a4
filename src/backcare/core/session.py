"""The state of doing one exercise, step by step: pure Python, no Qt, no clock.

The exercise card only *shows* this state and forwards clicks, keys and timer ticks to it, so
every rule about steps, holds, reps, sides and sets is tested here without a screen or a wait.
Time arrives from outside through ``tick(seconds)``: the card's QTimer calls it once a second,
a test calls it directly.

How one rep goes (the guided flow). She presses Start; if the current step has no hold, the
session moves on to the next step that has one (the figure animates into the hold pose) and the
hold counts down. When it reaches zero:

- if a later step also holds (air bicycle: lift, then straighten), the session moves to the next
  step and keeps counting when that step holds too, or waits for Start when it does not;
- otherwise the rep is counted and the session returns to the first step (the figure animates
  back to the start pose) and waits for the next Start. She sets the pace: no new rep starts on
  its own.

An exercise without any hold counts a rep when she presses Next on its last step (``advance``).
A timed exercise (the dose gives minutes, not reps) has no rep target: it ends when she says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from backcare.core.content import Exercise, Step

SIDES = ("left", "right")


@dataclass(frozen=True)
class Position:
    """Where she is in the dose: rep ``rep`` of ``reps`` (None when timed) on ``side``
    (None unless the exercise is done on each side), in set ``set`` of ``sets``."""

    rep: int
    reps: int | None
    side: str | None
    set: int
    sets: int


class ExerciseSession:
    """One session of one exercise. Every public method keeps the state valid and in range."""

    def __init__(self, exercise: Exercise, *, sets: int | None = None) -> None:
        """``sets`` overrides the dose (e.g. the starter dose in the first week); at least 1."""
        self.exercise = exercise
        dose = exercise.dose
        self.timed = dose.reps == 0
        self.sets = 1 if self.timed else max(1, sets if sets is not None else dose.sets)
        self.reps_per_round = max(1, dose.reps)
        self.sides: tuple[str | None, ...] = SIDES if dose.per_side else (None,)
        self._index = 0
        self._remaining = float(self.current.hold_seconds)
        self._running = False
        self.reps_done = 0

    # ----- steps -------------------------------------------------------------------------------

    @property
    def steps(self) -> tuple[Step, ...]:
        return self.exercise.steps

    @property
    def index(self) -> int:
        """The current step, 0-based (the card shows it 1-based: "Step 2 of 3")."""
        return self._index

    @property
    def current(self) -> Step:
        return self.steps[self._index]

    @property
    def step_count(self) -> int:
        return len(self.steps)

    @property
    def can_go_back(self) -> bool:
        return self._index > 0

    @property
    def can_go_next(self) -> bool:
        return self._index < self.step_count - 1

    def go_to(self, index: int) -> None:
        """Show step ``index`` (clamped). Changing step stops a running hold and resets it."""
        index = min(max(index, 0), self.step_count - 1)
        if index == self._index:
            return
        self._index = index
        self._running = False
        self._remaining = float(self.current.hold_seconds)

    def next(self) -> None:
        """One step forward; stays on the last step."""
        self.go_to(self._index + 1)

    def back(self) -> None:
        """One step back; stays on the first step."""
        self.go_to(self._index - 1)

    @property
    def next_counts_rep(self) -> bool:
        """True when Next would finish the movement (last step) and count a rep."""
        return not self.can_go_next and not self.complete

    @property
    def can_advance(self) -> bool:
        return self.can_go_next or self.next_counts_rep

    def advance(self) -> bool:
        """What the Next button does: the next step, or on the last step count a rep and go
        back to the first step. Returns True when a rep was counted."""
        if self.can_go_next:
            self.next()
            return False
        if self.complete:
            return False
        self._finish_rep()
        return True

    # ----- the hold ----------------------------------------------------------------------------

    @property
    def has_hold(self) -> bool:
        """Does the current step have a hold to count down?"""
        return self.current.hold_seconds > 0

    @property
    def hold_step(self) -> int | None:
        """The step Start would count: this one if it holds, else the next one that does."""
        return self._next_hold(self._index)

    def _next_hold(self, start: int) -> int | None:
        return next(
            (i for i in range(start, self.step_count) if self.steps[i].hold_seconds > 0), None
        )

    @property
    def can_start(self) -> bool:
        return not self.complete and not self._running and self.hold_step is not None

    @property
    def running(self) -> bool:
        return self._running

    @property
    def hold_seconds(self) -> int:
        """Length of the hold Start would count (or is counting); 0 when there is none."""
        step = self.hold_step
        return 0 if step is None else self.steps[step].hold_seconds

    @property
    def remaining(self) -> float:
        """Seconds left in the hold shown now; never negative. On a step without a hold it is
        the full length of the hold Start would begin (0 when none)."""
        return self._remaining if self.has_hold else float(self.hold_seconds)

    @property
    def hold_progress(self) -> float:
        """How much of the hold has passed, 0.0..1.0 (for the progress bar)."""
        total = self.current.hold_seconds
        if not total:
            return 0.0
        return min(1.0, max(0.0, 1.0 - self._remaining / total))

    def start(self) -> bool:
        """Begin the hold, moving to the step that holds if needed. True if it started."""
        if not self.can_start:
            return False
        target = self.hold_step
        assert target is not None
        self.go_to(target)
        self._running = True
        return True

    def pause(self) -> None:
        self._running = False

    def toggle(self) -> bool:
        """Start or pause: what Space and the Start button do. Returns the new running state."""
        if self._running:
            self.pause()
        else:
            self.start()
        return self._running

    def tick(self, seconds: float) -> bool:
        """Let ``seconds`` pass. Returns True when this tick finished the running hold."""
        if not self._running or seconds <= 0:
            return False
        self._remaining = max(0.0, self._remaining - seconds)
        if self._remaining > 0:
            return False
        if self._next_hold(self._index + 1) is not None:
            self.go_to(self._index + 1)
            self._running = self.has_hold
        else:
            self._finish_rep()
        return True

    # ----- reps, sides, sets -------------------------------------------------------------------

    @property
    def reps_target(self) -> int | None:
        """All reps of the session: reps × sides × sets; None for a timed exercise."""
        if self.timed:
            return None
        return self.reps_per_round * len(self.sides) * self.sets

    @property
    def complete(self) -> bool:
        target = self.reps_target
        return target is not None and self.reps_done >= target

    @property
    def position(self) -> Position:
        """The rep she is on now (or the last one, once complete), her side and set."""
        target = self.reps_target
        if target is None:
            side = self.sides[self.reps_done % len(self.sides)]
            return Position(rep=self.reps_done + 1, reps=None, side=side, set=1, sets=1)
        done = min(self.reps_done, target - 1)
        set_index, in_set = divmod(done, self.reps_per_round * len(self.sides))
        side_index, rep_index = divmod(in_set, self.reps_per_round)
        return Position(
            rep=rep_index + 1,
            reps=self.reps_per_round,
            side=self.sides[side_index],
            set=set_index + 1,
            sets=self.sets,
        )

    def _finish_rep(self) -> None:
        target = self.reps_target
        self.reps_done += 1
        if target is not None:
            self.reps_done = min(target, self.reps_done)
        self._running = False
        self._index = 0
        self._remaining = float(self.current.hold_seconds)
