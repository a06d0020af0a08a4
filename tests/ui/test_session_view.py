"""The guided session view, driven by its tick, its timer and real key presses (no sleeps)."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backcare.catalog import load_catalog
from backcare.core.content import Exercise
from backcare.core.guided import (
    INTERLUDE_SECONDS,
    READ_SECONDS,
    Phase,
    SessionOutcome,
)
from backcare.figures.pose import Pose
from backcare.ui.session_view import SessionView
from tests.ui.factories import FLAT, LIE, LIFT, bridge, cat, make_exercise

OPENS = "This opens in week 6 after a caesarean birth."


@pytest.fixture(scope="module")
def poses() -> Mapping[str, Pose]:
    return load_catalog().poses


def make_view(
    qtbot: QtBot, poses: Mapping[str, Pose], exercises: list[Exercise] | None = None,
    **kwargs: object,
) -> SessionView:
    view = SessionView(exercises or [bridge(reps=1), cat(reps=1)], poses, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.set_animation_ms(0)
    view.resize(1100, 700)
    return view


def shown_active(qtbot: QtBot, view: SessionView) -> None:
    """Show the view in an active window, so its keyboard shortcuts are live."""
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view, timeout=2000)


def run_ticks_to_summary(view: SessionView, limit: int = 1000) -> int:
    for second in range(limit):
        if view.session.phase is Phase.SUMMARY:
            return second
        view.tick(1)
    raise AssertionError("the session never reached its summary")


def test_opens_on_the_first_step_ready_to_start(qtbot: QtBot, poses: Mapping[str, Pose]) -> None:
    view = make_view(qtbot, poses)
    assert view.title_label.text() == "Bridge"
    assert view.dose_label.text() == "One round, hold 3 s, twice a day"  # not "1 times"
    assert view.count_label.text() == "Exercise 1 of 2"
    assert view.step_text.step_label.text() == "Step 1 of 3"
    assert view.step_text.instruction_label.text().startswith("Instruction 1")
    assert view.step_text.breath_label.text() == "Breathing: Breath cue 1"
    assert view.step_text.reps_label.text() == "Rep 1 of 1"
    assert view.start_button.text() == "Start"
    assert view.start_button.isEnabled()
    assert not view.back_button.isEnabled()
    assert view.countdown.countdown_label.text() == str(READ_SECONDS)
    assert view.figure.pose is poses[LIE]
    assert "wait until the scar is comfortable" in view.safety.cautions_label.text()
    assert "spreads down a leg" in view.safety.stop_if_label.text()
    assert view.locked_label.isHidden()
    assert view.back_link.isHidden()


def test_space_presses_the_focused_button_and_starts_or_pauses_elsewhere(
    qtbot: QtBot, poses: Mapping[str, Pose]
) -> None:
    view = make_view(qtbot, poses)
    shown_active(qtbot, view)
    view.figure.setFocus()  # not a button: Space starts
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.figure, timeout=1000)
    qtbot.keyClick(view.figure, Qt.Key.Key_Space)
    assert view.session.running
    assert view.session.step_index == 0
    assert view.start_button.text() == "Pause"
    assert view._timer.isActive()
    view.tick(1)
    qtbot.keyClick(view.figure, Qt.Key.Key_Space)  # and pauses
    assert view.session.paused
    assert view.start_button.text() == "Resume"
    assert not view._timer.isActive()
    assert view.countdown.countdown_label.text() == str(READ_SECONDS - 1)
    assert view.countdown.countdown_caption.text().startswith("Paused")
    view.next_button.setFocus()  # on a button, Space presses that button, as in every app
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.next_button, timeout=1000)
    qtbot.keyClick(view.next_button, Qt.Key.Key_Space)
    assert view.session.step_index == 1
    assert view.session.paused  # Next did not resume
    view.start_button.setFocus()
    qtbot.keyClick(view.start_button, Qt.Key.Key_Space)  # Resume is the button itself
    assert view.session.running


def test_space_on_made_worse_presses_it(qtbot: QtBot, poses: Mapping[str, Pose]) -> None:
    view = make_view(qtbot, poses)
    shown_active(qtbot, view)
    view.made_worse_button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.made_worse_button, timeout=1000)
    with qtbot.waitSignal(view.madeWorse, timeout=1000):
        qtbot.keyClick(view.made_worse_button, Qt.Key.Key_Space)
    assert not view.session.running


def test_arrow_keys_step_even_when_a_button_has_focus(
    qtbot: QtBot, poses: Mapping[str, Pose]
) -> None:
    view = make_view(qtbot, poses)
    shown_active(qtbot, view)
    view.start_button.setFocus()
    qtbot.keyClick(view.start_button, Qt.Key.Key_Right)
    assert view.session.step_index == 1
    assert view.step_text.step_label.text() == "Step 2 of 3"
    qtbot.keyClick(view.stop_button, Qt.Key.Key_Left)
    assert view.session.step_index == 0
    assert view.session.phase is Phase.READY


def test_escape_goes_to_the_summary(qtbot: QtBot, poses: Mapping[str, Pose]) -> None:
    view = make_view(qtbot, poses)
    shown_active(qtbot, view)
    qtbot.keyClick(view.start_button, Qt.Key.Key_Space)
    view.tick(READ_SECONDS + 3)  # one bridge lift held
    view.next_button.setFocus()
    qtbot.keyClick(view.next_button, Qt.Key.Key_Escape)
    assert view.session.phase is Phase.SUMMARY
    assert view.screens.currentIndex() == 1
    assert view.done_button.isVisible()
    assert not view._timer.isActive()
    assert view.title_label.text() == "Session summary"


def test_a_two_exercise_session_by_ticks_ends_on_the_summary_and_done_finishes_once(
    qtbot: QtBot, poses: Mapping[str, Pose]
) -> None:
    view = make_view(qtbot, poses, [bridge(reps=2, sets=2), cat(reps=2)])
    outcomes: list[SessionOutcome] = []
    view.finished.connect(outcomes.append)
    view.toggle()
    seconds = run_ticks_to_summary(view)
    assert seconds > INTERLUDE_SECONDS
    assert view.screens.currentIndex() == 1
    assert view.summary_texts() == ["✓  Bridge: done, 4 of 4", "✓  Cat back: done, 2 of 2"]
    assert view.summary_intro.text() == "Well done: you did the whole session."
    assert outcomes == []  # nothing is reported before Done
    qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    view.finish()  # a second Done sends nothing more
    assert len(outcomes) == 1
    assert outcomes[0].complete
    assert outcomes[0].done_ids == ("bridge", "cat-back")


def test_the_timer_runs_the_whole_session_hands_free(
    qtbot: QtBot, poses: Mapping[str, Pose]
) -> None:
    view = make_view(qtbot, poses)
    view.set_tick_interval_ms(1)
    shown_active(qtbot, view)
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.session.phase is Phase.SUMMARY, timeout=10_000)
    assert not view._timer.isActive()
    with qtbot.waitSignal(view.finished, timeout=1000) as done:
        qtbot.keyClick(view.done_button, Qt.Key.Key_Space)  # on the summary Space presses Done
    outcome = done.args[0]
    assert isinstance(outcome, SessionOutcome)
    assert outcome.complete


def test_the_figure_moves_with_the_steps(qtbot: QtBot, poses: Mapping[str, Pose]) -> None:
    view = make_view(qtbot, poses)
    view.toggle()
    assert view.figure.pose is poses[LIE]
    with qtbot.waitSignal(view.stepChanged, timeout=1000) as step:
        view.tick(READ_SECONDS)
    assert step.args == [1]
    assert view.figure.pose is poses[LIFT]
    assert view.figure.ghost is poses[LIE]
    assert view.figure.accessibleName() == (
        "Figure: lying on your back, knees bent, feet on the mat, hips lifted off the mat")
    assert view.figure.accessibleDescription() == (
        "Moving from: lying on your back, knees bent, feet on the mat")
    assert view.countdown.countdown_caption.text() == "seconds left — hold, and keep breathing"
    with qtbot.waitSignal(view.stepChanged, timeout=1000) as step:
        view.tick(3)
    assert step.args == [2]  # the lowering step is shown too
    assert view.figure.pose is poses[LIE]
    assert view.figure.ghost is poses[LIFT]


def test_the_interlude_names_the_next_exercise_and_shows_its_start(
    qtbot: QtBot, poses: Mapping[str, Pose]
) -> None:
    view = make_view(qtbot, poses)
    view.show()
    view.toggle()
    view.tick(2 * READ_SECONDS + 3)
    assert view.session.phase is Phase.INTERLUDE
    assert view.interlude_label.isVisible()
    assert view.interlude_label.text() == "Next: Cat back"
    assert view.countdown.countdown_label.text() == str(INTERLUDE_SECONDS)
    assert view.title_label.text() == "Cat back"
    assert view.count_label.text() == "Exercise 2 of 2"
    assert view.figure.pose is poses[FLAT]
    assert view.safety.cautions_label.isVisible()  # safety stays in view between exercises
    view.tick(INTERLUDE_SECONDS)
    assert view.step_text.isVisible()
    assert view.session.exercise.id == "cat-back"
    assert view.session.phase is Phase.STEP


def test_stop_early_gives_a_partly_done_outcome(qtbot: QtBot, poses: Mapping[str, Pose]) -> None:
    view = make_view(qtbot, poses, [bridge(reps=3), cat(reps=2)])
    view.toggle()
    view.tick(2 * (2 * READ_SECONDS + 3))  # two of the three lifts
    qtbot.mouseClick(view.stop_button, Qt.MouseButton.LeftButton)
    assert view.summary_texts() == ["◐  Bridge: partly done, 2 of 3", "○  Cat back: not started"]
    assert view.summary_intro.text() == "You stopped early. What you did still counts."
    with qtbot.waitSignal(view.finished, timeout=1000) as done:
        qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    outcome = done.args[0]
    assert not outcome.complete
    assert outcome.partly_ids == ("bridge",)
    assert outcome.done_ids == ()


def test_a_locked_exercise_has_no_working_start_and_says_why(
    qtbot: QtBot, poses: Mapping[str, Pose]
) -> None:
    view = make_view(qtbot, poses, [bridge()], locked={"bridge": OPENS})
    shown_active(qtbot, view)
    assert not view.start_button.isEnabled()
    assert view.locked_label.isVisible()
    assert view.locked_label.text() == OPENS
    assert view.countdown.countdown_label.text() == "–"
    view.figure.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.figure, timeout=1000)
    qtbot.keyClick(view.figure, Qt.Key.Key_Space)  # nothing to start
    assert view.session.phase is Phase.READY and not view.session.running
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)  # she can still read the steps
    assert view.step_text.step_label.text() == "Step 2 of 3"
    assert view.session.phase is Phase.READY


def test_locked_exercises_in_a_mix_are_left_out_and_named(
    qtbot: QtBot, poses: Mapping[str, Pose]
) -> None:
    view = make_view(qtbot, poses, [bridge(), cat()], locked={"bridge": OPENS})
    view.show()
    assert [e.id for e in view.session.exercises] == ["cat-back"]
    assert view.notice_label.isVisible()
    assert view.notice_label.text() == f"Left out for now: Bridge. {OPENS}"
    assert view.start_button.isEnabled()


def test_made_worse_stops_the_clock_and_names_the_exercise(
    qtbot: QtBot, poses: Mapping[str, Pose]
) -> None:
    view = make_view(qtbot, poses)
    view.toggle()
    view.tick(1)
    assert view._timer.isActive()
    with (
        qtbot.assertNotEmitted(view.finished),
        qtbot.waitSignal(view.madeWorse, timeout=1000) as worse,
    ):
        qtbot.mouseClick(view.made_worse_button, Qt.MouseButton.LeftButton)
    assert worse.args == ["bridge"]
    assert view.session.paused
    assert not view._timer.isActive()
    assert view.start_button.text() == "Resume"
    assert not view.made_worse_button.isDefault() and not view.made_worse_button.autoDefault()


def test_rest_between_sets_and_the_starter_dose(qtbot: QtBot, poses: Mapping[str, Pose]) -> None:
    view = make_view(qtbot, poses, [bridge(reps=1, sets=5)], sets={"bridge": 2})
    assert view.dose_label.text() == "1 times × 2 sets, hold 3 s, twice a day"
    view.toggle()
    view.tick(2 * READ_SECONDS + 3)
    assert view.session.phase is Phase.REST
    assert view.countdown.countdown_caption.text() == "seconds of rest. Set 2 of 2 comes next."
    assert view.step_text.reps_label.text() == "Set 1 of 2 done"
    assert not view.back_button.isEnabled()
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)  # Next ends the rest now
    assert view.session.phase is Phase.STEP


def test_a_timed_exercise_shows_rounds_and_the_time_left(
    qtbot: QtBot, poses: Mapping[str, Pose]
) -> None:
    walk = make_exercise("walk", holds=(0, 0), reps=0, minutes=2, title="Walk")
    view = make_view(qtbot, poses, [walk])
    view.toggle()
    view.tick(30)
    assert view.step_text.reps_label.text() == f"Round {30 // (2 * READ_SECONDS) + 1} · 1:30 left"
    view.stop()
    assert view.summary_texts() == ["◐  Walk: partly done, 30 s of 2 min"]


def test_the_text_colours_follow_a_dark_palette(qtbot: QtBot, poses: Mapping[str, Pose]) -> None:
    view = make_view(qtbot, poses)
    assert "color: #1f3645" in view.styleSheet()
    dark = QPalette(view.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    view.setPalette(dark)
    assert "color: #e8eef2" in view.styleSheet()
    assert "color: #1f3645" not in view.styleSheet()


def test_every_shipped_exercise_opens_with_its_figure(qtbot: QtBot) -> None:
    catalog = load_catalog()
    for exercise in catalog.exercises:
        view = SessionView([exercise], catalog.poses)
        qtbot.addWidget(view)
        assert view.figure.pose is catalog.poses[exercise.steps[0].pose]
        assert view.step_text.step_label.text() == f"Step 1 of {len(exercise.steps)}"
        assert view.title_label.text() == exercise.title


# ----- a stray Esc is not the end: Carry on ----------------------------------------------------


def test_space_on_an_early_stop_summary_carries_on_exactly_where_she_was(
    qtbot: QtBot, poses: Mapping[str, Pose]
) -> None:
    view = make_view(qtbot, poses, [bridge(reps=2, sets=2), cat(reps=1)])
    shown_active(qtbot, view)
    qtbot.keyClick(view.start_button, Qt.Key.Key_Space)
    view.tick(2 * READ_SECONDS + 3 + READ_SECONDS + 1)  # rep 1 done, 1 s into rep 2's hold
    g = view.session
    where = (g.exercise_index, g.phase, g.step_index, g.position, g.remaining)
    assert where[1:3] == (Phase.HOLD, 1)
    view.next_button.setFocus()
    qtbot.keyClick(view.next_button, Qt.Key.Key_Escape)  # the stray key
    assert view.screens.currentIndex() == 1
    assert view.carry_on_button.isVisible()
    assert view.summary.hint.isVisible()
    assert QApplication.focusWidget() is view.carry_on_button
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert (g.exercise_index, g.phase, g.step_index, g.position, g.remaining) == where
    assert g.paused
    assert view.screens.currentIndex() == 0
    assert view.title_label.text() == "Bridge"
    assert view.count_label.text() == "Exercise 1 of 2"
    assert view.step_text.reps_label.text() == "Rep 2 of 2 · set 1 of 2"
    assert view.countdown.countdown_label.text() == "2"
    assert view.start_button.text() == "Resume"
    assert not view._timer.isActive()
    assert QApplication.focusWidget() is view.start_button
    qtbot.keyClick(view.start_button, Qt.Key.Key_Space)  # and Space goes on from there
    assert g.running and view._timer.isActive()


def test_carry_on_then_done_sends_one_outcome_with_everything_done(
    qtbot: QtBot, poses: Mapping[str, Pose]
) -> None:
    view = make_view(qtbot, poses, [bridge(reps=3), cat(reps=1)])
    view.show_back_link()
    view.show()
    outcomes: list[SessionOutcome] = []
    view.finished.connect(outcomes.append)
    view.toggle()
    view.tick(2 * READ_SECONDS + 3)  # one lift
    qtbot.mouseClick(view.stop_button, Qt.MouseButton.LeftButton)
    assert view.summary_texts() == ["◐  Bridge: partly done, 1 of 3", "○  Cat back: not started"]
    assert view.back_link.isHidden()
    qtbot.mouseClick(view.carry_on_button, Qt.MouseButton.LeftButton)
    assert view.back_link.isVisible()  # the way back to the list is there again
    view.toggle()
    view.tick(2 * READ_SECONDS + 3)  # a second lift
    view.stop()
    assert view.summary_texts() == ["◐  Bridge: partly done, 2 of 3", "○  Cat back: not started"]
    assert outcomes == []
    qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    view.finish()
    assert len(outcomes) == 1
    assert outcomes[0].result("bridge").reps_done == 2  # type: ignore[union-attr]
    assert view.carry_on_button.isHidden()
    view.carry_on()  # after Done there is nothing to go back to
    assert view.session.phase is Phase.SUMMARY


def test_a_finished_session_offers_no_carry_on(qtbot: QtBot, poses: Mapping[str, Pose]) -> None:
    view = make_view(qtbot, poses)
    shown_active(qtbot, view)
    view.toggle()
    run_ticks_to_summary(view)
    assert view.carry_on_button.isHidden()
    assert view.summary.hint.isHidden()
    assert QApplication.focusWidget() is view.done_button
    view.carry_on()
    assert view.session.phase is Phase.SUMMARY


def test_esc_on_the_summary_does_not_carry_on(qtbot: QtBot, poses: Mapping[str, Pose]) -> None:
    view = make_view(qtbot, poses)
    shown_active(qtbot, view)
    qtbot.keyClick(view.start_button, Qt.Key.Key_Space)
    qtbot.keyClick(view.start_button, Qt.Key.Key_Escape)
    qtbot.keyClick(view.carry_on_button, Qt.Key.Key_Escape)
    assert view.session.phase is Phase.SUMMARY
    assert view.session.can_carry_on
