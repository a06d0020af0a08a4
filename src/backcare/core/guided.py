"""A hands-free guided session: several exercises played in order, pure Python, no Qt, no clock.

She presses Start once, puts the laptop down and follows the figure: with a baby on one arm
there is no hand free to press Start for every lift. The session shows every step in order,
counts each hold down, gives a step without a hold a short time to read and move
(``READ_SECONDS``), counts each rep, side and set, rests between sets, announces the next
exercise ("Next: Cat back") and moves on to it, and ends on a summary.

A stop is not final: one stray Esc with a baby on her arm must not lose her place, so
``stop()`` remembers where she was and ``carry_on()`` puts her back there, paused. Only an
early stop can be carried on; a session that ran to its end has nothing left to do.

Time arrives only through ``tick(seconds)`` (a view's QTimer calls it once a second, a test
calls it directly), so every rule here is tested without a screen or a wait. The rep, side and
set arithmetic is ``ExerciseSession``'s: this class only decides *when* a step is over and
asks the exercise session to move on (``advance``), then reads back where she is.

A timed exercise (dose in minutes, no reps) runs its steps in rounds until its minutes have
passed. ``outcome`` says at any moment what she has done, one ``ExerciseResult`` per exercise.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from enum import Enum

from backcare.core.content import Exercise, Step
from backcare.core.session import ExerciseSession, Position

# The record of a session lives with the other records; it is re-exported here, where its
# callers have always found it.
from backcare.core.session_outcome import ExerciseResult, SessionOutcome

__all__ = [
    "INTERLUDE_SECONDS", "READ_SECONDS", "REST_SECONDS", "SWITCH_SIDE_SECONDS",
    "ExerciseResult", "GuidedSession", "Phase", "SessionOutcome",
]

# Seconds a step without a hold stays on screen: long enough to read one instruction and make
# the movement slowly, short enough that the rep does not drag.
READ_SECONDS = 4
# Rest between two sets (the content has no rest field yet). The seeds ask for "a short rest
# after each group"; 20 s lets her breathe and settle without cooling down.
REST_SECONDS = 20
# Between the two sides of a per-side exercise: time to turn over or change legs.
SWITCH_SIDE_SECONDS = 5
# "Next: <title>" between two exercises: time to read the name and get into the start position.
INTERLUDE_SECONDS = 8

_EPSILON = 1e-9


class Phase(Enum):
    """What the session is doing now."""

    READY = "ready"  # nothing has started; she can read the steps and press Start
    STEP = "step"  # a step without a hold, shown for READ_SECONDS
    HOLD = "hold"  # a step with a hold, counting down
    REST = "rest"  # between two sets (or the two sides)
    INTERLUDE = "interlude"  # "Next: <title>" between two exercises
    SUMMARY = "summary"  # the end: what she did


# The phases in which time passes (when not paused).
_TIMED_PHASES = frozenset({Phase.STEP, Phase.HOLD, Phase.REST, Phase.INTERLUDE})


class GuidedSession:
    """Plays ``exercises`` in order, hands-free once started. ``sets`` maps an exercise id to
    the sets to do (e.g. the lower dose of an exercise's first week); others use their dose."""

    def __init__(
        self, exercises: Sequence[Exercise], sets: Mapping[str, int] | None = None
    ) -> None:
        if not exercises:
            raise ValueError("A guided session needs at least one exercise.")
        chosen = sets or {}
        self.exercises: tuple[Exercise, ...] = tuple(exercises)
        self._sessions = [ExerciseSession(e, sets=chosen.get(e.id)) for e in self.exercises]
        self._seconds = [0.0] * len(self.exercises)
        self._index = 0
        self._phase = Phase.READY
        self._running = False
        self._switching_side = False
        self._rest_from: Position | None = None
        # Where an early stop left her (phase, remaining, duration): what carry_on() restores.
        # A stop changes nothing else, so the exercise, step, reps and set are still hers.
        self._stopped_at: tuple[Phase, float, float] | None = None
        self._duration = self._remaining = float(self._step_seconds())

    # ----- where she is ------------------------------------------------------------------------

    @property
    def phase(self) -> Phase:
        return self._phase

    @property
    def running(self) -> bool:
        """The clock is going (False when paused, before Start and on the summary)."""
        return self._running

    @property
    def paused(self) -> bool:
        return self._phase in _TIMED_PHASES and not self._running

    @property
    def exercise_index(self) -> int:
        """The exercise shown, 0-based; during the interlude, the one coming next."""
        return self._index

    @property
    def exercise_count(self) -> int:
        return len(self.exercises)

    @property
    def exercise(self) -> Exercise:
        return self.exercises[self._index]

    @property
    def session(self) -> ExerciseSession:
        """The current exercise's own session (its step, reps, side and set)."""
        return self._sessions[self._index]

    @property
    def sessions(self) -> tuple[ExerciseSession, ...]:
        """Every exercise's own session, in order: their sides and sets, known up front."""
        return tuple(self._sessions)

    @property
    def step_index(self) -> int:
        return self.session.index

    @property
    def step(self) -> Step:
        return self.session.current

    @property
    def step_count(self) -> int:
        return self.session.step_count

    @property
    def position(self) -> Position:
        """Rep, side and set, as ``ExerciseSession`` counts them (the next rep while resting)."""
        return self.session.position

    @property
    def remaining(self) -> float:
        """Seconds left of the hold, the reading time, the rest or the interlude shown now."""
        return max(0.0, self._remaining)

    @property
    def duration(self) -> float:
        """Full length of what ``remaining`` counts down (for a progress bar)."""
        return self._duration

    @property
    def progress(self) -> float:
        """How much of the current countdown has passed, 0.0..1.0."""
        if self._duration <= 0:
            return 0.0
        return min(1.0, max(0.0, 1.0 - self._remaining / self._duration))

    @property
    def switching_side(self) -> bool:
        """True while resting between the two sides rather than between two sets."""
        return self._phase is Phase.REST and self._switching_side

    @property
    def rest_from(self) -> Position | None:
        """While resting, the rep just done (the last of its set or side), so the screen can
        say "Set 1 of 5 done" while ``position`` already names the set to come; else None."""
        return self._rest_from if self._phase is Phase.REST else None

    @property
    def can_carry_on(self) -> bool:
        """The summary came from an early stop, so there is a place to go back to."""
        return self._phase is Phase.SUMMARY and self._stopped_at is not None

    @property
    def next_title(self) -> str | None:
        """During the interlude, the title of the exercise about to start; otherwise None."""
        return self.exercise.title if self._phase is Phase.INTERLUDE else None

    @property
    def time_left(self) -> float | None:
        """For a timed exercise, seconds of its minutes still to go; None when counted in reps."""
        limit = self._limit(self._index)
        return None if limit is None else max(0.0, limit - self._seconds[self._index])

    @property
    def can_start(self) -> bool:
        """Start (or Resume) would do something."""
        return self._phase is not Phase.SUMMARY and not self._running

    @property
    def can_go_back(self) -> bool:
        if self._phase is Phase.READY:
            return self.session.can_go_back
        return self._phase in (Phase.STEP, Phase.HOLD, Phase.INTERLUDE)

    @property
    def can_go_next(self) -> bool:
        if self._phase is Phase.READY:
            return self.session.can_go_next
        return self._phase is not Phase.SUMMARY

    @property
    def outcome(self) -> SessionOutcome:
        """What she has done so far (final once the summary shows)."""
        results = []
        for i, (exercise, session) in enumerate(zip(self.exercises, self._sessions, strict=True)):
            limit = self._limit(i)
            complete = session.complete if limit is None else self._seconds[i] >= limit
            results.append(ExerciseResult(
                exercise.id, session.reps_done, session.reps_target, complete,
                math.floor(self._seconds[i] + _EPSILON),
            ))
        return SessionOutcome(tuple(results))

    # ----- what she does -----------------------------------------------------------------------

    def start(self) -> bool:
        """Start (from the step shown) or resume. Returns True when the clock is running."""
        if self._phase is Phase.READY:
            self._enter_step()
            self._running = True
        elif self._phase in _TIMED_PHASES:
            self._running = True
        return self._running

    def pause(self) -> None:
        self._running = False

    def resume(self) -> None:
        if self._phase in _TIMED_PHASES:
            self._running = True

    def toggle(self) -> bool:
        """Start, pause or resume: what Space and the Start/Pause button do."""
        if self._running:
            self.pause()
            return False
        return self.start()

    def next(self) -> None:
        """Finish what is shown now and move on, exactly as the clock would when it ran out
        (paused stays paused). Before Start it only shows the next step."""
        if self._phase is Phase.READY:
            self.session.next()
            self._reset_countdown()
        elif self._phase is not Phase.SUMMARY:
            self._phase_done()

    def back(self) -> None:
        """The step before, with its countdown from the start. On the first step of an exercise
        not yet begun, back to "Next: <title>"; from there, the last step of the one before."""
        phase = self._phase
        session = self.session
        if phase is Phase.READY:
            session.back()
            self._reset_countdown()
        elif phase is Phase.INTERLUDE:
            self._index -= 1
            self.session.go_to(self.session.step_count - 1)
            self._enter_step()
        elif phase in (Phase.STEP, Phase.HOLD):
            if session.index > 0:
                session.back()
                self._enter_step()
            elif self._index > 0 and session.reps_done == 0:
                self._set_phase(Phase.INTERLUDE, INTERLUDE_SECONDS)
            else:
                self._enter_step()

    def stop(self) -> None:
        """End now and show the summary; what she did is kept, and so is where she was, for
        ``carry_on``. A stop on the summary changes nothing."""
        if self._phase is Phase.SUMMARY:
            return
        self._stopped_at = (self._phase, self._remaining, self._duration)
        self._running = False
        self._set_phase(Phase.SUMMARY, 0)

    def carry_on(self) -> bool:
        """Back from an early stop's summary to exactly where she stopped (exercise, step,
        rep, set, time left), paused: she resumes when she is ready. True if it went back."""
        if not self.can_carry_on or self._stopped_at is None:
            return False
        phase, remaining, duration = self._stopped_at
        self._stopped_at = None
        self._phase, self._remaining, self._duration = phase, remaining, duration
        return True

    def tick(self, seconds: float) -> None:
        """Let ``seconds`` pass. A long tick may cross several steps, reps and exercises."""
        left = float(seconds)
        while left > _EPSILON and self._running and self._phase in _TIMED_PHASES:
            i = self._index
            limit = None if self._phase is Phase.INTERLUDE else self._limit(i)
            used = min(left, self._remaining)
            if limit is not None and self._seconds[i] < limit:
                used = min(used, limit - self._seconds[i])
            left -= used
            self._remaining -= used
            if self._phase is not Phase.INTERLUDE:
                before = self._seconds[i]
                self._seconds[i] += used
                if limit is not None and before < limit <= self._seconds[i] + _EPSILON:
                    # A timed exercise ends when its minutes have run; a round that ends
                    # with them still counts.
                    self._seconds[i] = float(limit)
                    if self._remaining <= _EPSILON and self._phase is not Phase.REST:
                        self.session.advance()
                    self._exercise_done()
                    continue
            if self._remaining <= _EPSILON:
                self._phase_done()

    # ----- the flow ----------------------------------------------------------------------------

    def _limit(self, index: int) -> int | None:
        """Seconds a timed exercise runs for; None for one counted in reps."""
        session = self._sessions[index]
        minutes = self.exercises[index].dose.minutes
        return minutes * 60 if session.timed and minutes > 0 else None

    def _time_is_up(self) -> bool:
        limit = self._limit(self._index)
        return limit is not None and self._seconds[self._index] + _EPSILON >= limit

    def _step_seconds(self) -> int:
        return self.step.hold_seconds or READ_SECONDS

    def _set_phase(self, phase: Phase, seconds: float) -> None:
        self._phase = phase
        self._duration = self._remaining = float(seconds)

    def _reset_countdown(self) -> None:
        self._duration = self._remaining = float(self._step_seconds())

    def _enter_step(self) -> None:
        """Show the exercise session's current step: a hold, or a step to read."""
        self._switching_side = False
        phase = Phase.HOLD if self.step.hold_seconds > 0 else Phase.STEP
        self._set_phase(phase, self._step_seconds())

    def _phase_done(self) -> None:
        if self._phase in (Phase.STEP, Phase.HOLD):
            self._step_done()
        elif self._phase in (Phase.REST, Phase.INTERLUDE):
            self._enter_step()

    def _step_done(self) -> None:
        """The step is over: the next step, or the rep is counted (then a rest when a set or a
        side has just ended), or the exercise is over."""
        session = self.session
        if self._time_is_up():
            self._exercise_done()
            return
        before, index = session.position, session.index
        counted = session.advance()
        if session.complete and (counted or session.index == index):
            self._exercise_done()
            return
        if counted:
            after = session.position
            self._rest_from = before
            if after.set != before.set:
                self._set_phase(Phase.REST, REST_SECONDS)
                return
            if after.side != before.side:
                self._set_phase(Phase.REST, SWITCH_SIDE_SECONDS)
                self._switching_side = True
                return
        self._enter_step()

    def _exercise_done(self) -> None:
        """On to "Next: <title>", or the summary after the last exercise."""
        self._switching_side = False
        if self._index + 1 < len(self.exercises):
            self._index += 1
            self._set_phase(Phase.INTERLUDE, INTERLUDE_SECONDS)
        else:
            self._running = False
            self._set_phase(Phase.SUMMARY, 0)
