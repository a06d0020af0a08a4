"""The pure exercise session: steps, holds, reps, sides and sets, with time passed in."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from backcare.core.session import ExerciseSession, Position
from tests.ui.factories import make_exercise


def test_session_module_does_not_import_qt() -> None:
    code = "import sys, backcare.core.session; print('PySide6' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "False"


def test_starts_on_the_first_step_with_nothing_done() -> None:
    s = ExerciseSession(make_exercise())
    assert s.index == 0
    assert not s.can_go_back
    assert s.can_go_next
    assert s.reps_done == 0
    assert s.reps_target == 3
    assert not s.complete
    assert not s.running


def test_next_and_back_are_clamped() -> None:
    s = ExerciseSession(make_exercise(holds=(0, 3, 0)))
    s.back()
    assert s.index == 0
    s.next()
    s.next()
    s.next()
    assert s.index == 2
    assert not s.can_go_next
    s.back()
    assert s.index == 1


def test_changing_step_stops_and_resets_the_hold() -> None:
    s = ExerciseSession(make_exercise(holds=(0, 5, 0)))
    s.next()
    assert s.start()
    s.tick(2)
    assert s.remaining == 3
    s.next()
    s.back()
    assert not s.running
    assert s.remaining == 5


def test_start_on_a_step_without_hold_moves_to_the_hold_step() -> None:
    s = ExerciseSession(make_exercise(holds=(0, 3, 0)))
    assert s.hold_seconds == 3
    assert s.remaining == 3  # the hold Start would begin
    assert s.start()
    assert s.index == 1
    assert s.running


def test_hold_counts_down_then_counts_a_rep_and_returns_to_the_first_step() -> None:
    s = ExerciseSession(make_exercise(holds=(0, 3, 0)))
    s.start()
    assert not s.tick(1)
    assert s.remaining == 2
    assert abs(s.hold_progress - 1 / 3) < 1e-9
    assert not s.tick(1)
    assert s.tick(1)
    assert s.reps_done == 1
    assert s.index == 0
    assert not s.running
    assert s.position.rep == 2


def test_tick_does_nothing_unless_running() -> None:
    s = ExerciseSession(make_exercise(holds=(0, 3, 0)))
    s.next()
    assert not s.tick(10)
    assert s.remaining == 3
    s.toggle()
    assert s.running
    s.tick(1)
    s.toggle()
    assert not s.running
    s.tick(1)
    assert s.remaining == 2


def test_a_long_tick_never_goes_below_zero() -> None:
    s = ExerciseSession(make_exercise(holds=(0, 3, 0)))
    s.start()
    assert s.tick(99)
    assert s.remaining >= 0
    assert s.reps_done == 1


def test_consecutive_holds_flow_into_each_other() -> None:
    # Air bicycle: lift (hold 2), straighten (hold 2), then two steps without a hold.
    s = ExerciseSession(make_exercise(holds=(0, 2, 2, 0, 0)))
    s.start()
    assert s.tick(2)
    assert s.index == 2
    assert s.running  # the next step holds too: the count goes on
    assert s.reps_done == 0
    assert s.tick(2)
    assert s.reps_done == 1
    assert s.index == 0


def test_a_rest_step_between_holds_waits_for_start() -> None:
    # Knee hugs: one knee (hold), rest, both knees (hold), rest.
    s = ExerciseSession(make_exercise(holds=(0, 5, 0, 5, 0)))
    s.start()
    s.tick(5)
    assert s.index == 2
    assert not s.running
    assert s.hold_seconds == 5
    s.start()
    assert s.index == 3
    s.tick(5)
    assert s.reps_done == 1
    assert s.index == 0


def test_without_holds_next_on_the_last_step_counts_a_rep() -> None:
    s = ExerciseSession(make_exercise(holds=(0, 0, 0), reps=2))
    assert not s.can_start
    assert not s.advance()
    assert not s.advance()
    assert s.next_counts_rep
    assert s.advance()
    assert s.reps_done == 1
    assert s.index == 0
    for _ in range(3):
        s.advance()
    assert s.complete
    assert s.index == 0
    # Once complete, Next still walks the steps but counts nothing.
    assert not s.advance()
    assert not s.advance()
    assert s.index == 2
    assert not s.next_counts_rep
    assert not s.advance()
    assert s.index == 2
    assert s.reps_done == 2


def test_per_side_counts_both_sides_and_sets() -> None:
    s = ExerciseSession(make_exercise(holds=(0, 1), reps=2, sets=2, per_side=True))
    assert s.reps_target == 8
    seen: list[Position] = []
    while not s.complete:
        seen.append(s.position)
        s.start()
        s.tick(1)
    assert [(p.rep, p.side, p.set) for p in seen] == [
        (1, "left", 1), (2, "left", 1), (1, "right", 1), (2, "right", 1),
        (1, "left", 2), (2, "left", 2), (1, "right", 2), (2, "right", 2),
    ]
    assert s.reps_done == 8
    assert not s.can_start
    assert not s.start()
    assert s.position == Position(rep=2, reps=2, side="right", set=2, sets=2)


def test_sets_can_be_lowered_for_the_starter_week() -> None:
    s = ExerciseSession(make_exercise(reps=5, sets=5), sets=2)
    assert s.reps_target == 10
    assert s.position.sets == 2


def test_timed_exercise_has_no_target_and_never_completes() -> None:
    s = ExerciseSession(make_exercise(holds=(0, 0, 0), reps=0, minutes=2))
    assert s.reps_target is None
    for _ in range(30):
        s.advance()
    assert not s.complete
    assert s.reps_done == 10
    assert s.position.reps is None
    assert s.position.rep == 11


_actions = st.lists(
    st.one_of(
        st.sampled_from(["next", "back", "advance", "start", "pause", "toggle"]),
        st.floats(min_value=-2, max_value=30, allow_nan=False),
    ),
    max_size=60,
)


@given(
    holds=st.lists(st.integers(min_value=0, max_value=12), min_size=2, max_size=6),
    reps=st.integers(min_value=0, max_value=4),
    per_side=st.booleans(),
    actions=_actions,
)
def test_any_sequence_keeps_the_state_in_range(
    holds: list[int], reps: int, per_side: bool, actions: list[str | float]
) -> None:
    s = ExerciseSession(
        make_exercise(holds=tuple(holds), reps=reps, minutes=0 if reps else 3, per_side=per_side)
    )
    for action in actions:
        if isinstance(action, float):
            s.tick(action)
        else:
            getattr(s, action)()
        assert 0 <= s.index < s.step_count
        assert s.remaining >= 0
        assert 0.0 <= s.hold_progress <= 1.0
        assert s.reps_target is None or 0 <= s.reps_done <= s.reps_target
        assert not (s.running and not s.has_hold)
        p = s.position
        assert p.reps is None or 1 <= p.rep <= p.reps
        assert 1 <= p.set <= p.sets


def test_real_bridge_dose() -> None:
    """Bridge as shipped: 5 lifts × 5 groups, each lift held 3 s."""
    from backcare.catalog import load_catalog

    bridge = load_catalog().exercise("bridge")
    assert bridge is not None
    s = ExerciseSession(bridge)
    assert s.reps_target == bridge.dose.reps * bridge.dose.sets
    s.start()
    assert s.current.pose == "bridge-up"
    assert s.tick(bridge.steps[1].hold_seconds)
    assert s.reps_done == 1
