"""The exercise card, driven by clicks, keys and the hold timer (no sleeps, no fixed waits)."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backcare.catalog import load_catalog
from backcare.figures.pose import Pose
from backcare.ui.card import ExerciseCard
from tests.ui.factories import make_exercise

LIE, LIFT, LONG = "supine-knees-bent", "bridge-up", "supine-legs-long"


@pytest.fixture(scope="module")
def poses() -> Mapping[str, Pose]:
    return load_catalog().poses


def make_card(qtbot: QtBot, poses: Mapping[str, Pose], **kwargs: object) -> ExerciseCard:
    kwargs.setdefault("poses", (LIE, LIFT, LIE))
    card = ExerciseCard(make_exercise(**kwargs), poses)  # type: ignore[arg-type]
    qtbot.addWidget(card)
    card.set_animation_ms(0)
    card.resize(1000, 720)
    return card


def test_first_step_is_shown_with_back_disabled(qtbot: QtBot, poses: Mapping[str, Pose]) -> None:
    card = make_card(qtbot, poses)
    assert card.title_label.text() == "Bridge"
    assert card.dose_label.text() == "3 times, hold 3 s, twice a day"
    assert card.step_label.text() == "Step 1 of 3"
    assert card.instruction_label.text().startswith("Instruction 1")
    assert card.breath_label.text() == "Breathing: Breath cue 1"
    assert card.reps_label.text() == "Rep 1 of 3"
    assert not card.back_button.isEnabled()
    assert card.next_button.isEnabled()
    assert card.figure.pose is poses[LIE]
    assert card.figure.ghost is None


def test_next_and_back_buttons_move_the_step_and_the_figure(
    qtbot: QtBot, poses: Mapping[str, Pose]
) -> None:
    card = make_card(qtbot, poses)
    card.set_animation_ms(600)
    card.show()
    with qtbot.waitSignal(card.stepChanged, timeout=1000) as step:
        qtbot.mouseClick(card.next_button, Qt.MouseButton.LeftButton)
    assert step.args == [1]
    assert card.step_label.text() == "Step 2 of 3"
    assert card.back_button.isEnabled()
    assert card.figure.pose is poses[LIFT]
    assert card.figure.ghost is poses[LIE]
    assert card.figure.accessibleDescription() == (
        "Figure: step 2 — instruction 2: move slowly and gently"
    )
    # The move takes ~600 ms: it is under way, and it ends on the new pose.
    assert card.figure.is_animating()
    assert card.figure.displayed_pose() != poses[LIFT]
    qtbot.waitSignal(card.figure.animationFinished, timeout=3000).wait()
    assert card.figure.displayed_pose() is poses[LIFT]
    qtbot.mouseClick(card.back_button, Qt.MouseButton.LeftButton)
    assert card.session.index == 0
    assert not card.back_button.isEnabled()


def test_arrow_keys_step_even_when_a_button_has_focus(
    qtbot: QtBot, poses: Mapping[str, Pose]
) -> None:
    card = make_card(qtbot, poses)
    qtbot.keyClick(card, Qt.Key.Key_Right)
    assert card.session.index == 1
    qtbot.keyClick(card.next_button, Qt.Key.Key_Right)
    assert card.session.index == 2
    qtbot.keyClick(card.start_button, Qt.Key.Key_Left)
    assert card.session.index == 1
    qtbot.keyClick(card, Qt.Key.Key_Left)
    qtbot.keyClick(card, Qt.Key.Key_Left)
    assert card.session.index == 0
    assert card.step_label.text() == "Step 1 of 3"


def test_escape_asks_to_go_back_to_the_list(qtbot: QtBot, poses: Mapping[str, Pose]) -> None:
    card = make_card(qtbot, poses)
    with qtbot.waitSignal(card.backRequested, timeout=1000):
        qtbot.keyClick(card.next_button, Qt.Key.Key_Escape)
    with qtbot.waitSignal(card.backRequested, timeout=1000):
        qtbot.mouseClick(card.back_to_list_button, Qt.MouseButton.LeftButton)


def test_space_starts_the_hold_which_counts_down_then_counts_a_rep(
    qtbot: QtBot, poses: Mapping[str, Pose]
) -> None:
    card = make_card(qtbot, poses)
    assert card.countdown_label.text() == "3"
    assert card.start_button.text() == "Start"
    qtbot.keyClick(card, Qt.Key.Key_Space)
    assert card.session.running
    assert card.session.index == 1  # Start moved to the step that holds
    assert card.figure.pose is poses[LIFT]
    assert card.start_button.text() == "Pause"
    card.tick(1)
    assert card.countdown_label.text() == "2"
    assert card.progress.value() == 333
    card.tick(1)
    with qtbot.waitSignal(card.holdFinished, timeout=1000):
        card.tick(1)
    assert card.reps_label.text() == "Rep 2 of 3"
    assert card.session.index == 0
    assert card.step_label.text() == "Step 1 of 3"
    assert card.figure.pose is poses[LIE]  # the figure went back to the start pose
    assert not card.session.running
    assert card.start_button.text() == "Start"


def test_enter_pauses_and_resumes(qtbot: QtBot, poses: Mapping[str, Pose]) -> None:
    card = make_card(qtbot, poses)
    qtbot.keyClick(card, Qt.Key.Key_Return)
    card.tick(1)
    qtbot.keyClick(card, Qt.Key.Key_Return)
    assert not card.session.running
    assert card.start_button.text() == "Resume"
    assert card.countdown_caption.text() == "Paused"
    card.tick(5)
    assert card.countdown_label.text() == "2"
    qtbot.mouseClick(card.start_button, Qt.MouseButton.LeftButton)
    assert card.session.running


def test_the_timer_drives_the_hold(qtbot: QtBot, poses: Mapping[str, Pose]) -> None:
    card = make_card(qtbot, poses)
    card.set_tick_interval_ms(10)
    with qtbot.waitSignal(card.holdFinished, timeout=3000):
        qtbot.mouseClick(card.start_button, Qt.MouseButton.LeftButton)
    assert card.session.reps_done == 1
    assert card.reps_label.text() == "Rep 2 of 3"
    qtbot.waitUntil(lambda: not card._timer.isActive(), timeout=1000)


def test_per_side_shows_the_side_and_switches(qtbot: QtBot, poses: Mapping[str, Pose]) -> None:
    card = make_card(qtbot, poses, holds=(0, 1, 0), reps=2, per_side=True)
    assert card.reps_label.text() == "Rep 1 of 2 · left side"
    for _ in range(2):
        card.toggle_hold()
        card.tick(1)
    assert card.reps_label.text() == "Rep 1 of 2 · right side"
    for _ in range(2):
        card.toggle_hold()
        card.tick(1)
    assert card.reps_label.text() == "All 4 done — well done!"
    assert not card.start_button.isEnabled()
    assert card.done_button.isDefault()


def test_without_holds_next_on_the_last_step_counts_a_rep(
    qtbot: QtBot, poses: Mapping[str, Pose]
) -> None:
    card = make_card(qtbot, poses, holds=(0, 0, 0), reps=2)
    assert card.start_button.isHidden()
    assert card.hold_panel.isHidden()
    qtbot.keyClick(card, Qt.Key.Key_Space)  # without holds, Space walks the steps
    qtbot.mouseClick(card.next_button, Qt.MouseButton.LeftButton)
    assert card.next_button.text() == "Next rep  ↻"
    qtbot.mouseClick(card.next_button, Qt.MouseButton.LeftButton)
    assert card.session.reps_done == 1
    assert card.reps_label.text() == "Rep 2 of 2"
    assert card.next_button.text() == "Next  ▶"


def test_done_emits_the_exercise_and_reps(qtbot: QtBot, poses: Mapping[str, Pose]) -> None:
    card = make_card(qtbot, poses)
    card.toggle_hold()
    card.tick(3)
    card.toggle_hold()
    assert card._timer.isActive()
    with qtbot.waitSignal(card.sessionDone, timeout=1000) as done:
        qtbot.mouseClick(card.done_button, Qt.MouseButton.LeftButton)
    assert done.args == ["bridge", 1]
    assert not card._timer.isActive()


def test_cautions_and_stop_if_are_always_visible(
    qtbot: QtBot, poses: Mapping[str, Pose]
) -> None:
    card = make_card(qtbot, poses)
    card.show()
    qtbot.waitExposed(card)
    for _ in range(3):
        assert card.cautions_label.isVisible()
        assert card.stop_if_label.isVisible()
        qtbot.keyClick(card, Qt.Key.Key_Right)
    assert "wait until the scar is comfortable" in card.cautions_label.text()
    assert "spreads down a leg" in card.stop_if_label.text()


def test_every_control_is_reachable_by_tab_and_named(
    qtbot: QtBot, poses: Mapping[str, Pose]
) -> None:
    card = make_card(qtbot, poses)
    card.show()
    qtbot.waitExposed(card)
    card.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
    assert QApplication.focusWidget() is card.start_button
    qtbot.keyClick(card, Qt.Key.Key_Right)  # step 2, so Back is enabled too
    reached = set()
    for _ in range(12):
        widget = QApplication.focusWidget()
        reached.add(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    controls = [
        card.back_to_list_button, card.back_button, card.start_button,
        card.next_button, card.done_button,
    ]
    for control in controls:
        assert control in reached, control.objectName()
        assert control.accessibleName()
    assert card.figure.accessibleName() == "Figure: step 2"


def test_every_shipped_exercise_opens_with_a_figure(qtbot: QtBot) -> None:
    catalog = load_catalog()
    assert catalog.exercises
    for exercise in catalog.exercises:
        card = ExerciseCard(exercise, catalog.poses)
        qtbot.addWidget(card)
        assert card.figure.pose is catalog.poses[exercise.steps[0].pose]
        assert card.step_label.text() == f"Step 1 of {len(exercise.steps)}"
        assert card.dose_label.text() == exercise.dose.summary()


# --- "This made my back worse" -------------------------------------------------------------------


def test_made_worse_stops_the_clock_and_names_the_exercise(
    qtbot: QtBot, poses: Mapping[str, Pose]
) -> None:
    card = make_card(qtbot, poses)
    card.toggle_hold()
    card.tick(1)
    assert card.session.running and card._timer.isActive()
    with (
        qtbot.assertNotEmitted(card.sessionDone),
        qtbot.waitSignal(card.madeWorse, timeout=1000) as worse,
    ):
        qtbot.mouseClick(card.made_worse_button, Qt.MouseButton.LeftButton)
    assert worse.args == ["bridge"]
    assert not card.session.running
    assert not card._timer.isActive()
    assert card.start_button.text() == "Resume"  # the card shows the stopped clock
    assert card.session.reps_done == 0  # nothing is counted or saved


def test_made_worse_is_never_the_primary_action(qtbot: QtBot, poses: Mapping[str, Pose]) -> None:
    card = make_card(qtbot, poses, holds=(0, 0, 0))
    card.show()
    qtbot.waitExposed(card)
    button = card.made_worse_button
    assert not button.isDefault() and not button.autoDefault()
    assert "made my back worse" in button.accessibleName().lower()
    assert button.objectName() != "start"
    with qtbot.assertNotEmitted(card.madeWorse):
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Space, Qt.Key.Key_Escape):
            qtbot.keyClick(card, key)
    # Complete every rep: Done becomes the default, never this button.
    while not card.session.complete:
        card.step_next()
    assert card.done_button.isDefault() and not button.isDefault()


def test_made_worse_sits_under_the_stop_signs_and_is_reachable_by_tab(
    qtbot: QtBot, poses: Mapping[str, Pose]
) -> None:
    card = make_card(qtbot, poses)
    card.show()
    qtbot.waitExposed(card)
    button = card.made_worse_button
    assert button.isVisible() and card.stop_if_label.isVisible()
    scroll = card._cautions_scroll
    top_left = button.mapTo(card, button.rect().topLeft())
    scroll_box = scroll.geometry()
    assert top_left.y() >= scroll_box.bottom()  # below the safety column
    assert abs(top_left.x() - scroll_box.left()) <= 2  # and lined up with it
    assert button.mapTo(card, button.rect().bottomRight()).y() <= card.height()
    card.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
    reached = []
    for _ in range(8):
        widget = QApplication.focusWidget()
        reached.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert button in reached
    assert reached.index(button) < reached.index(card.done_button)
    with qtbot.waitSignal(card.madeWorse, timeout=1000):
        button.setFocus()
        qtbot.keyClick(button, Qt.Key.Key_Return)
