"""The words beside the countdown's number, and the reps line while she rests.

The big number is the seconds left and the caption finishes the sentence ("1 second left —
hold, and keep breathing"), so its word follows the number: one second, two seconds. While
she rests between sets the reps line names the set just done ("Set 1 of 5 done") and the
caption the set to come ("Set 2 of 5 comes next"): the two never disagree about where she is.

``every_caption`` lists what a session can say, so the view keeps the room of the longest and
the figure above never moves when the words change. Pure words: nothing here touches Qt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from backcare.core.guided import GuidedSession, Phase
from backcare.core.session import Position

PAUSED = "Paused — press Space or Resume to carry on"
LOCKED = "Not for now. You can read the steps with Back and Next."


def seconds_word(count: int) -> str:
    """One second, but no seconds, two seconds, twenty seconds."""
    return "second" if count == 1 else "seconds"


def caption(
    phase: Phase,
    seconds: int,
    *,
    paused: bool = False,
    locked: bool = False,
    coming: Position | None = None,
    switching: bool = False,
) -> str:
    """What the ``seconds`` shown count. ``coming`` is the rep after a rest (its side and set);
    ``switching`` says the rest is the change between two sides."""
    if locked:
        return LOCKED
    if paused:
        return PAUSED
    unit = seconds_word(seconds)
    if phase is Phase.READY:
        return f"{unit} for this step. Start or Space, and it all runs by itself."
    if phase is Phase.HOLD:
        return f"{unit} left — hold, and keep breathing"
    if phase is Phase.STEP:
        return f"{unit}, then the next step by itself"
    if phase is Phase.REST and coming is not None:
        if switching:
            return f"{unit} to change sides: the {coming.side} side comes next"
        return f"{unit} of rest. Set {coming.set} of {coming.sets} comes next."
    return f"{unit}, then it starts by itself"


def session_caption(session: GuidedSession, *, locked: bool = False) -> str:
    """The caption for what ``session`` shows now."""
    return caption(
        session.phase,
        seconds_shown(session),
        paused=session.paused,
        locked=locked,
        coming=session.position,
        switching=session.switching_side,
    )


def seconds_shown(session: GuidedSession) -> int:
    """The whole seconds the big number shows: 0.4 s left still reads 1."""
    return math.ceil(session.remaining)


# The phases whose caption needs nothing but the seconds (a rest also needs what comes next).
_COUNTED = (Phase.READY, Phase.STEP, Phase.HOLD, Phase.INTERLUDE)


def every_caption(session: GuidedSession, *, locked: bool = False) -> list[str]:
    """Every caption ``session`` may show, whatever happens: each phase with one and with
    several seconds, each side and set of each of its exercises."""
    texts = [LOCKED] if locked else [PAUSED]
    for seconds in (1, 2):
        texts += [caption(phase, seconds) for phase in _COUNTED]
        for one in session.sessions:
            reps = None if one.timed else one.reps_per_round
            for side in one.sides:
                for number in range(1, one.sets + 1):
                    coming = Position(1, reps, side, number, one.sets)
                    texts += [caption(Phase.REST, seconds, coming=coming, switching=switching)
                              for switching in (False, True)]
    return list(dict.fromkeys(texts))


def rest_line(done: Position, *, switching: bool) -> str:
    """The reps line while resting: what she has just finished, not what comes next."""
    if switching and done.side:
        sets = f" · set {done.set} of {done.sets}" if done.sets > 1 else ""
        return f"{done.side.capitalize()} side done{sets}"
    return f"Set {done.set} of {done.sets} done"


@dataclass(frozen=True)
class Beat:
    """Where a session stands, as far as a screen reader is told: a change of any of these is
    said once (``announcement``), while the seconds counting down are not."""

    phase: Phase
    exercise: int
    step: int
    position: Position
    title: str


def beat(session: GuidedSession) -> Beat:
    return Beat(session.phase, session.exercise_index, session.step_index, session.position,
                session.exercise.title)


def announcement(before: Beat | None, session: GuidedSession) -> str:
    """What to say when ``session`` moved on from ``before`` by itself or at a press: a new
    step, a hold starting or ending, an exercise or the session ending. "" when nothing
    worth saying changed (a second went by) or on the first showing, which the focus reads."""
    now = beat(session)
    if before is None or now == before:
        return ""
    if now.phase is Phase.SUMMARY:
        if before.phase is Phase.SUMMARY:
            return ""
        if session.can_carry_on:
            return "Session stopped. Here is what you did; Carry on goes back."
        return f"{before.title} done. Session finished: well done."
    parts: list[str] = []
    left = seconds_shown(session)
    moved = (now.exercise, now.step, now.position) != (before.exercise, before.step,
                                                          before.position)
    if before.phase is Phase.HOLD and (now.phase is not Phase.HOLD or moved):
        parts.append("Hold done.")
    if now.phase is Phase.INTERLUDE:
        if before.phase is not Phase.INTERLUDE:
            parts.append(f"{before.title} done. Next: {session.next_title}.")
        return " ".join(parts)
    if now.exercise != before.exercise:
        parts.append(f"Now: {now.title}.")
    if (now.exercise, now.step) != (before.exercise, before.step) or \
            before.phase is Phase.INTERLUDE:
        parts.append(f"Step {now.step + 1} of {session.step_count}: {session.step.instruction}")
    elif now.position != before.position and now.phase is not Phase.REST:
        parts.append(f"Rep {now.position.rep}.")
    if now.phase is Phase.HOLD and (before.phase is not Phase.HOLD or moved):
        parts.append(f"Hold for {left} {seconds_word(left)}.")
    if now.phase is Phase.REST and before.phase is not Phase.REST:
        done = session.rest_from
        line = rest_line(done, switching=session.switching_side) if done is not None else ""
        parts.append(f"{line}. {left} {seconds_word(left)} of rest.".lstrip(". "))
    return " ".join(parts)
