"""The hands-free guided session, driven only by ``tick()`` (no sleeps, no clock)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcare.catalog import Catalog, load_catalog
from backcare.core.content import Exercise
from backcare.core.guided import (
    INTERLUDE_SECONDS,
    READ_SECONDS,
    REST_SECONDS,
    SWITCH_SIDE_SECONDS,
    ExerciseResult,
    GuidedSession,
    Phase,
    SessionOutcome,
)
from tests.ui.factories import make_exercise

Seen = tuple[str, Phase, int]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def real(catalog: Catalog, exercise_id: str) -> Exercise:
    exercise = catalog.exercise(exercise_id)
    assert exercise is not None
    return exercise


def run_to_summary(g: GuidedSession, limit: int = 5000) -> tuple[int, list[Seen]]:
    """Tick one second at a time until the summary; returns the seconds and every
    (exercise, phase, step) shown, in order, without repeats."""
    seen: list[Seen] = []
    for second in range(limit):
        state = (g.exercise.id, g.phase, g.step_index)
        if not seen or seen[-1] != state:
            seen.append(state)
        if g.phase is Phase.SUMMARY:
            return second, seen
        g.tick(1)
    raise AssertionError(f"no summary after {limit} s; last state {seen[-1]}")


def test_guided_module_does_not_import_qt() -> None:
    code = "import sys, backcare.core.guided; print('PySide6' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "False"


def test_phases_are_an_enum_and_a_new_session_waits_on_the_first_step() -> None:
    g = GuidedSession([make_exercise(holds=(0, 3, 0))])
    assert g.phase is Phase.READY
    assert isinstance(g.phase, Phase)
    assert not g.running and not g.paused
    assert (g.exercise_index, g.exercise_count, g.step_index, g.step_count) == (0, 1, 0, 3)
    assert g.remaining == READ_SECONDS
    g.tick(30)  # nothing runs before Start
    assert g.phase is Phase.READY and g.remaining == READ_SECONDS
    assert g.next_title is None


def test_an_empty_session_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one exercise"):
        GuidedSession([])


def test_the_real_bridge_and_cat_back_run_hands_free_to_a_complete_summary(
    catalog: Catalog,
) -> None:
    bridge, cat = real(catalog, "bridge"), real(catalog, "cat-back")
    g = GuidedSession([bridge, cat], sets={"bridge": 2})
    assert g.start()
    seconds, seen = run_to_summary(g)
    rep = lambda ex: sum(s.hold_seconds or READ_SECONDS for s in ex.steps)  # noqa: E731
    assert seconds == (
        10 * rep(bridge) + REST_SECONDS + INTERLUDE_SECONDS + 6 * rep(cat)
    )
    out = g.outcome
    assert out.complete and out.started
    assert out.done_ids == ("bridge", "cat-back")
    assert out.partly_ids == ()
    assert out.results[0] == ExerciseResult("bridge", 10, 10, True, 10 * rep(bridge)
                                            + REST_SECONDS)
    assert out.results[1].reps_done == out.results[1].reps_target == 6
    # Every step of the bridge is shown while running, step 3 (lowering) included, in order.
    bridge_steps = [step for ex, phase, step in seen if ex == "bridge" and phase is not Phase.REST]
    assert bridge_steps[:3] == [0, 1, 2]
    assert bridge_steps.count(2) == 10
    assert ("bridge", Phase.HOLD, 1) in seen
    assert ("cat-back", Phase.INTERLUDE, 0) in seen
    assert not g.running


def test_the_bridge_five_times_two_needs_exactly_one_start(catalog: Catalog) -> None:
    g = GuidedSession([real(catalog, "bridge")], sets={"bridge": 2})
    g.start()
    sets_seen = set()
    while g.phase is not Phase.SUMMARY:
        assert g.running  # nothing ever waits for another press
        sets_seen.add(g.position.set)
        g.tick(1)
    assert sets_seen == {1, 2}
    result = g.outcome.results[0]
    assert (result.reps_done, result.reps_target, result.complete) == (10, 10, True)


def test_each_step_counts_down_and_moves_on_by_itself() -> None:
    g = GuidedSession([make_exercise(holds=(0, 3, 0), reps=2)])
    g.start()
    assert (g.phase, g.step_index, g.remaining) == (Phase.STEP, 0, READ_SECONDS)
    g.tick(1)
    assert g.remaining == READ_SECONDS - 1
    assert g.progress == pytest.approx(1 / READ_SECONDS)
    g.tick(READ_SECONDS - 1)
    assert (g.phase, g.step_index, g.remaining, g.duration) == (Phase.HOLD, 1, 3, 3)
    g.tick(3)
    assert (g.phase, g.step_index) == (Phase.STEP, 2)  # the step after the hold is shown
    assert g.position.rep == 1
    g.tick(READ_SECONDS)
    assert (g.phase, g.step_index, g.position.rep) == (Phase.STEP, 0, 2)
    assert g.session.reps_done == 1


def test_consecutive_holds_flow_into_each_other() -> None:
    g = GuidedSession([make_exercise(holds=(0, 2, 2, 0, 0), reps=1)])
    g.start()
    g.tick(READ_SECONDS)
    assert (g.phase, g.step_index) == (Phase.HOLD, 1)
    g.tick(2)
    assert (g.phase, g.step_index, g.remaining) == (Phase.HOLD, 2, 2)
    g.tick(2 + 2 * READ_SECONDS)
    assert g.phase is Phase.SUMMARY
    assert g.outcome.complete


def test_pause_stops_the_countdown_and_resume_goes_on() -> None:
    g = GuidedSession([make_exercise(holds=(5,), reps=2)])
    g.start()
    g.tick(2)
    g.pause()
    assert g.paused and not g.running
    g.tick(60)
    assert (g.phase, g.remaining, g.session.reps_done) == (Phase.HOLD, 3, 0)
    assert g.outcome.results[0].seconds == 2  # time paused is not time spent
    g.resume()
    g.tick(3)
    assert g.session.reps_done == 1
    assert not g.toggle()  # Space pauses ...
    assert g.paused
    assert g.toggle()  # ... and goes on
    assert g.running


def test_toggle_starts_and_nothing_starts_again_after_the_summary() -> None:
    g = GuidedSession([make_exercise(holds=(1,), reps=1)])
    assert g.toggle()
    assert g.phase is Phase.HOLD
    g.tick(1)
    assert g.phase is Phase.SUMMARY
    assert not g.can_start
    assert not g.start()
    assert not g.toggle()
    g.resume()
    assert not g.running


def test_rest_between_sets_then_the_next_set_by_itself() -> None:
    g = GuidedSession([make_exercise(holds=(2,), reps=2, sets=2)])
    g.start()
    g.tick(2)
    assert (g.phase, g.position.set) == (Phase.HOLD, 1)
    g.tick(2)
    assert g.phase is Phase.REST and not g.switching_side
    assert (g.remaining, g.position.set, g.position.rep) == (REST_SECONDS, 2, 1)
    assert not g.can_go_back
    g.tick(REST_SECONDS)
    assert (g.phase, g.position.set) == (Phase.HOLD, 2)
    g.tick(4)
    assert g.phase is Phase.SUMMARY
    assert g.outcome.results[0].seconds == 8 + REST_SECONDS


def test_per_side_exercise_changes_sides_with_a_short_pause() -> None:
    g = GuidedSession([make_exercise(holds=(1,), reps=2, sets=2, per_side=True)])
    g.start()
    seen = []
    while g.phase is not Phase.SUMMARY:
        if g.phase is Phase.HOLD and g.remaining == 1:
            p = g.position
            seen.append((p.rep, p.side, p.set))
        if g.phase is Phase.REST:
            seen.append(("switch" if g.switching_side else "rest", g.remaining))
            g.next()  # skip the pause: Next ends it now
            continue
        g.tick(1)
    assert seen == [
        (1, "left", 1), (2, "left", 1), ("switch", SWITCH_SIDE_SECONDS),
        (1, "right", 1), (2, "right", 1), ("rest", REST_SECONDS),
        (1, "left", 2), (2, "left", 2), ("switch", SWITCH_SIDE_SECONDS),
        (1, "right", 2), (2, "right", 2),
    ]
    assert g.outcome.complete


def test_stop_early_gives_partly_done_with_the_right_ids() -> None:
    a = make_exercise("bridge", holds=(1,), reps=2)
    b = make_exercise("cat-back", holds=(1,), reps=3)
    c = make_exercise("knee-hugs", holds=(1,), reps=3)
    g = GuidedSession([a, b, c])
    g.start()
    g.tick(2 + INTERLUDE_SECONDS + 1)  # all of a, then one rep of b
    assert (g.exercise.id, g.session.reps_done) == ("cat-back", 1)
    g.stop()
    assert g.phase is Phase.SUMMARY and not g.running
    out = g.outcome
    assert not out.complete
    assert out.started
    assert out.done_ids == ("bridge",)
    assert out.partly_ids == ("cat-back",)
    assert out.result("knee-hugs") == ExerciseResult("knee-hugs", 0, 3, False, 0)
    assert out.result("nothing") is None
    g.tick(100)
    assert g.outcome == out


def test_an_exercise_with_no_reps_done_is_not_complete() -> None:
    g = GuidedSession([make_exercise("bridge", holds=(1,), reps=1),
                       make_exercise("cat-back", holds=(1,), reps=2)])
    g.start()
    g.tick(1 + INTERLUDE_SECONDS)  # into cat-back, 0 reps
    assert g.exercise.id == "cat-back" and g.session.reps_done == 0
    g.stop()
    out = g.outcome
    assert out.result("cat-back") == ExerciseResult("cat-back", 0, 2, False, 0)
    assert out.done_ids == ("bridge",)
    assert out.partly_ids == ()
    assert not out.complete
    assert not SessionOutcome(()).complete
    assert not SessionOutcome((ExerciseResult("x", 0, 5, False),)).started


def test_next_and_back_step_within_an_exercise_and_keep_the_pause() -> None:
    g = GuidedSession([make_exercise(holds=(0, 3, 0), reps=2)])
    # Before Start, Next and Back only show the steps.
    assert not g.can_go_back
    g.next()
    assert (g.phase, g.step_index, g.remaining) == (Phase.READY, 1, 3)
    g.back()
    assert (g.phase, g.step_index) == (Phase.READY, 0)
    g.start()
    g.tick(1)
    g.next()
    assert (g.phase, g.step_index, g.remaining) == (Phase.HOLD, 1, 3)
    g.tick(1)
    g.back()
    assert (g.phase, g.step_index, g.remaining) == (Phase.STEP, 0, READ_SECONDS)
    g.pause()
    g.next()
    g.next()
    assert (g.step_index, g.running) == (2, False)  # stepping does not restart the clock
    g.next()  # Next on the last step finishes the rep
    assert (g.step_index, g.session.reps_done) == (0, 1)


def test_back_and_next_cross_the_interlude() -> None:
    a = make_exercise("bridge", holds=(0, 2, 0), reps=1)
    b = make_exercise("cat-back", holds=(0, 2, 0), reps=1, title="Cat back")
    g = GuidedSession([a, b])
    g.start()
    for _ in range(3):
        g.next()
    assert g.phase is Phase.INTERLUDE
    assert (g.exercise_index, g.next_title, g.remaining) == (1, "Cat back", INTERLUDE_SECONDS)
    g.back()  # back to the bridge's last step
    assert (g.exercise.id, g.phase, g.step_index) == ("bridge", Phase.STEP, 2)
    assert g.session.reps_done == 1  # going back counts nothing twice
    g.tick(READ_SECONDS)
    assert g.phase is Phase.INTERLUDE
    assert g.outcome.results[0].reps_done == 1
    g.next()  # Next in the interlude starts the next exercise now
    assert (g.exercise.id, g.phase, g.step_index) == ("cat-back", Phase.STEP, 0)
    g.back()  # on the first step of an exercise not yet begun: back to "Next: …"
    assert g.phase is Phase.INTERLUDE and g.next_title == "Cat back"
    g.tick(INTERLUDE_SECONDS)
    assert (g.exercise.id, g.phase) == ("cat-back", Phase.STEP)


def test_timed_exercise_runs_rounds_until_its_minutes_have_passed(catalog: Catalog) -> None:
    walk = real(catalog, "walking-backwards")
    assert walk.dose.reps == 0 and walk.dose.minutes == 2
    g = GuidedSession([walk])
    g.start()
    assert g.time_left == 120
    g.tick(30)
    assert g.time_left == 90
    round_seconds = len(walk.steps) * READ_SECONDS
    assert g.position.rep == 30 // round_seconds + 1
    assert g.position.reps is None
    seconds, _ = run_to_summary(g)
    assert seconds == 90
    result = g.outcome.results[0]
    assert result == ExerciseResult("walking-backwards", 120 // round_seconds, None, True, 120)
    assert g.outcome.complete


def test_a_timed_exercise_stopped_early_is_partly_done() -> None:
    timed = make_exercise("walk", holds=(0, 0), reps=0, minutes=1)
    g = GuidedSession([timed, make_exercise("bridge", holds=(1,), reps=1)])
    g.start()
    g.tick(10)
    g.stop()
    assert g.outcome.partly_ids == ("walk",)
    assert g.outcome.results[0] == ExerciseResult("walk", 1, None, False, 10)


def test_one_long_tick_is_the_same_as_many_short_ones() -> None:
    exercises = [make_exercise("bridge", holds=(0, 3, 0), reps=2, sets=2),
                 make_exercise("walk", holds=(0, 0), reps=0, minutes=1)]
    short, long = GuidedSession(exercises), GuidedSession(exercises)
    short.start()
    long.start()
    for _ in range(57):
        short.tick(1)
    long.tick(57)
    assert (short.phase, short.exercise_index, short.step_index, short.remaining) == (
        long.phase, long.exercise_index, long.step_index, long.remaining)
    assert short.outcome == long.outcome
    long.tick(10_000)
    assert long.phase is Phase.SUMMARY and long.outcome.complete


def test_sets_override_the_dose_for_one_exercise() -> None:
    g = GuidedSession([make_exercise("bridge", reps=5, sets=5), make_exercise("cat", reps=2)],
                      sets={"bridge": 2})
    assert g.outcome.results[0].reps_target == 10
    assert g.outcome.results[1].reps_target == 2


def test_every_shipped_exercise_runs_to_the_summary_with_one_start(catalog: Catalog) -> None:
    assert catalog.exercises
    for exercise in catalog.exercises:
        g = GuidedSession([exercise])
        g.start()
        _, seen = run_to_summary(g, limit=20_000)
        assert g.outcome.complete, exercise.id
        shown = {step for _, phase, step in seen if phase in (Phase.STEP, Phase.HOLD)}
        assert shown == set(range(len(exercise.steps))), exercise.id


_actions = st.lists(
    st.one_of(
        st.sampled_from(
            ["start", "pause", "resume", "toggle", "next", "back", "stop", "carry_on"]
        ),
        st.integers(min_value=0, max_value=40),
    ),
    max_size=60,
)


@given(
    holds=st.lists(st.integers(min_value=0, max_value=6), min_size=1, max_size=4),
    reps=st.integers(min_value=0, max_value=3),
    sets=st.integers(min_value=1, max_value=3),
    per_side=st.booleans(),
    actions=_actions,
)
def test_any_sequence_keeps_the_state_in_range(
    holds: list[int], reps: int, sets: int, per_side: bool, actions: list[str | int]
) -> None:
    g = GuidedSession([
        make_exercise("a", holds=tuple(holds), reps=reps, sets=sets, per_side=per_side,
                      minutes=0 if reps else 1),
        make_exercise("b", holds=(0, 2), reps=1),
    ])
    for action in actions:
        if isinstance(action, int):
            g.tick(action)
        else:
            getattr(g, action)()
        assert 0 <= g.exercise_index < g.exercise_count
        assert 0 <= g.step_index < g.step_count
        assert 0 <= g.remaining <= max(g.duration, 0)
        assert 0.0 <= g.progress <= 1.0
        assert not (g.running and g.phase in (Phase.READY, Phase.SUMMARY))
        assert (g.next_title is not None) == (g.phase is Phase.INTERLUDE)
        assert g.can_carry_on <= (g.phase is Phase.SUMMARY)
        assert (g.rest_from is not None) <= (g.phase is Phase.REST)
        for result in g.outcome.results:
            assert result.reps_target is None or 0 <= result.reps_done <= result.reps_target
            assert result.complete <= result.started


def test_carry_on_after_an_early_stop_returns_to_exactly_where_she_was_paused() -> None:
    g = GuidedSession([make_exercise("bridge", holds=(0, 5, 0), reps=2, sets=2),
                       make_exercise("cat-back", holds=(1,), reps=1)])
    g.start()
    g.tick(2 * READ_SECONDS + 5 + READ_SECONDS + 2)  # rep 1 done, 2 s into the hold of rep 2
    where = (g.exercise_index, g.phase, g.step_index, g.position, g.remaining, g.duration)
    assert where[1:3] == (Phase.HOLD, 1) and g.remaining == 3
    g.stop()
    assert g.phase is Phase.SUMMARY
    assert g.can_carry_on
    assert g.carry_on()
    assert (g.exercise_index, g.phase, g.step_index, g.position, g.remaining,
            g.duration) == where
    assert g.paused and not g.running  # she picks up where she was, and Space resumes
    assert not g.can_carry_on
    assert not g.carry_on()  # nothing more to carry on from
    assert g.outcome.results[0].reps_done == 1
    g.tick(30)
    assert g.remaining == 3  # still paused
    g.resume()
    g.tick(3)
    assert (g.phase, g.step_index) == (Phase.STEP, 2)


def test_carry_on_from_a_rest_keeps_the_rest_and_its_time() -> None:
    g = GuidedSession([make_exercise(holds=(2,), reps=1, sets=3, per_side=True)])
    g.start()
    g.tick(2)  # left side done: the pause to change sides
    assert g.switching_side
    g.tick(2)
    g.pause()
    g.stop()
    assert g.carry_on()
    assert g.phase is Phase.REST and g.switching_side and g.paused
    assert g.remaining == SWITCH_SIDE_SECONDS - 2
    assert g.rest_from is not None and g.rest_from.side == "left"
    g.resume()
    g.tick(SWITCH_SIDE_SECONDS - 2 + 2)  # the right side
    assert g.phase is Phase.REST and not g.switching_side
    assert (g.rest_from.set, g.position.set) == (1, 2)  # type: ignore[union-attr]


def test_carry_on_before_start_goes_back_to_the_step_she_was_reading() -> None:
    g = GuidedSession([make_exercise(holds=(0, 3, 0), reps=1)])
    g.next()
    g.stop()
    assert g.carry_on()
    assert (g.phase, g.step_index, g.remaining, g.running) == (Phase.READY, 1, 3, False)


def test_a_finished_session_has_nothing_to_carry_on() -> None:
    g = GuidedSession([make_exercise(holds=(1,), reps=1)])
    g.start()
    g.tick(1)
    assert g.phase is Phase.SUMMARY
    assert not g.can_carry_on
    assert not g.carry_on()
    g.stop()  # a stop on the summary is not an early stop
    assert not g.can_carry_on
    assert g.phase is Phase.SUMMARY and g.outcome.complete


def test_a_second_stop_on_the_summary_keeps_the_place_to_carry_on_to() -> None:
    g = GuidedSession([make_exercise(holds=(0, 3, 0), reps=2)])
    g.start()
    g.tick(READ_SECONDS + 1)
    g.stop()
    g.stop()
    assert g.carry_on()
    assert (g.phase, g.step_index, g.remaining) == (Phase.HOLD, 1, 2)


def test_rest_from_names_the_set_just_done_while_position_names_the_next() -> None:
    g = GuidedSession([make_exercise(holds=(2,), reps=2, sets=5)])
    g.start()
    assert g.rest_from is None
    g.tick(4)
    assert g.phase is Phase.REST
    assert g.rest_from is not None
    assert (g.rest_from.set, g.rest_from.rep, g.rest_from.sets) == (1, 2, 5)
    assert g.position.set == 2
    g.tick(REST_SECONDS)
    assert g.phase is Phase.HOLD and g.rest_from is None
