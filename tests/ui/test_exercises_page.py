"""The Exercises page: list rows, opening a guided session, going back, and the problems
banner."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backcare.catalog import Catalog, load_catalog
from backcare.core.content import gentlest_first
from backcare.core.guided import READ_SECONDS, Phase
from backcare.core.problems import ContentProblem
from backcare.core.progression import POSTNATAL_CHECK_REASON, ExerciseStatus
from backcare.paths import resources_dir
from backcare.ui.exercises_page import (
    DOSE_ROLE,
    ID_ROLE,
    LOCKED_ROLE,
    PURPOSE_ROLE,
    ExercisesPage,
)
from backcare.ui.session_view import SessionView
from tests.ui.factories import make_exercise

POSES = ("supine-knees-bent", "bridge-up", "supine-knees-bent")


@pytest.fixture(scope="module")
def real() -> Catalog:
    return load_catalog()


def small_catalog(real: Catalog, problems: tuple[ContentProblem, ...] = ()) -> Catalog:
    exercises = (
        make_exercise("bridge", poses=POSES, title="Bridge"),
        make_exercise("pelvic-tilt", poses=POSES, title="Pelvic tilt", per_side=True),
    )
    return Catalog(exercises, real.poses, (), (), problems)


def make_page(qtbot: QtBot, catalog: Catalog) -> ExercisesPage:
    page = ExercisesPage(catalog)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    return page


def test_one_row_per_exercise_with_title_purpose_dose_and_thumbnail(
    qtbot: QtBot, real: Catalog
) -> None:
    catalog = small_catalog(real)
    page = make_page(qtbot, catalog)
    assert page.list_widget.count() == len(catalog.exercises) == 2
    item = page.list_widget.item(1)
    assert item.text() == "Pelvic tilt"
    assert item.data(ID_ROLE) == "pelvic-tilt"
    assert item.data(PURPOSE_ROLE) == "Purpose of pelvic-tilt."
    assert item.data(DOSE_ROLE) == "3 times each side, hold 3 s, twice a day"
    assert not item.icon().isNull()
    assert "Pelvic tilt" in item.data(Qt.ItemDataRole.AccessibleTextRole)
    assert page.problems_banner.isHidden()


def test_enter_opens_a_session_escape_ends_it_and_done_returns(
    qtbot: QtBot, real: Catalog
) -> None:
    page = make_page(qtbot, small_catalog(real))
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=2000)
    page.list_widget.setCurrentRow(1)
    qtbot.keyClick(page.list_widget, Qt.Key.Key_Return)
    view = page.view
    assert isinstance(view, SessionView)
    assert page.card is view  # the card-era name still answers
    assert page.stack.currentWidget() is view
    assert view.exercise.id == "pelvic-tilt"
    assert view.step_text.reps_label.text() == "Rep 1 of 3 · left side"
    assert view.back_link.isVisible()
    qtbot.keyClick(view.start_button, Qt.Key.Key_Escape)
    assert view.session.phase is Phase.SUMMARY
    assert page.stack.currentWidget() is view  # the summary first, then Done
    with qtbot.waitSignal(page.finished, timeout=1000) as done:
        qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    assert not done.args[0].started
    assert page.stack.currentWidget() is page.list_page
    assert page.view is None
    assert page.list_widget.currentRow() == 1


def test_double_click_opens_the_session(qtbot: QtBot, real: Catalog) -> None:
    page = make_page(qtbot, small_catalog(real))
    page.show()
    qtbot.waitExposed(page)
    rect = page.list_widget.visualItemRect(page.list_widget.item(0))
    viewport = page.list_widget.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.view is not None, timeout=2000)
    assert page.view is not None
    assert page.view.exercise.id == "bridge"
    assert page.view.title_label.text() == "Bridge"


def test_done_passes_the_outcome_on_and_returns_to_the_list(
    qtbot: QtBot, real: Catalog
) -> None:
    page = make_page(qtbot, small_catalog(real))
    view = page.open_exercise("bridge")
    assert view is not None
    view.toggle()
    view.tick(2 * READ_SECONDS + 3)  # one whole lift, hands-free
    view.stop()
    with qtbot.waitSignal(page.finished, timeout=1000) as finished:
        qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    outcome = finished.args[0]
    assert outcome.partly_ids == ("bridge",)
    assert outcome.results[0].reps_done == 1
    assert page.stack.currentWidget() is page.list_page


def test_back_to_list_leaves_without_reporting(qtbot: QtBot, real: Catalog) -> None:
    page = make_page(qtbot, small_catalog(real))
    page.show()
    view = page.open_exercise("bridge")
    assert view is not None
    view.toggle()
    with qtbot.assertNotEmitted(page.finished):
        qtbot.mouseClick(view.back_link, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.list_page
    assert page.view is None


def test_open_session_plays_several_exercises_in_order(qtbot: QtBot, real: Catalog) -> None:
    page = make_page(qtbot, small_catalog(real))
    view = page.open_session(["pelvic-tilt", "no-such-thing", "bridge"])
    assert view is not None
    assert [e.id for e in view.session.exercises] == ["pelvic-tilt", "bridge"]
    assert view.count_label.text() == "Exercise 1 of 2"
    assert page.open_session(["no-such-thing"]) is None


def test_opening_an_unknown_exercise_does_nothing(qtbot: QtBot, real: Catalog) -> None:
    page = make_page(qtbot, small_catalog(real))
    assert page.open_exercise("no-such-thing") is None
    assert page.stack.currentWidget() is page.list_page


def test_problems_banner_names_the_file_and_field(qtbot: QtBot, real: Catalog) -> None:
    problem = ContentProblem(
        Path("/x/exercises/bridge.toml"), "dose.reps", "must be a whole number."
    )
    page = make_page(qtbot, small_catalog(real, (problem,)))
    assert not page.problems_banner.isHidden()
    text = page.problems_label.text()
    assert "bridge.toml, field 'dose.reps': must be a whole number." in text
    assert "Traceback" not in text
    assert page.list_widget.count() == 2  # the good exercises are still listed


def test_real_catalog_lists_every_exercise_without_problems(
    qtbot: QtBot, real: Catalog
) -> None:
    page = make_page(qtbot, real)
    assert real.exercises
    assert page.list_widget.count() == len(real.exercises)
    assert page.exercise_ids() == [e.id for e in gentlest_first(real.exercises)]
    assert page.problems_banner.isHidden() == (not real.problems)


def test_a_broken_shipped_file_shows_its_sentence(qtbot: QtBot, tmp_path: Path) -> None:
    root = tmp_path / "resources"
    shutil.copytree(resources_dir(), root)
    bridge = root / "exercises" / "bridge.toml"
    bridge.write_text(
        bridge.read_text(encoding="utf-8").replace("reps = 5", 'reps = "five"'), encoding="utf-8"
    )
    catalog = load_catalog(root)
    page = make_page(qtbot, catalog)
    text = page.problems_label.text()
    assert "bridge.toml, field 'dose.reps'" in text
    assert "bridge" not in page.exercise_ids()
    assert page.list_widget.count() == len(catalog.exercises)


def _status(exercise_id: str, offered: bool, *, unlock: int = 0, starter: bool = False,
            sets: int = 1, reason: str = "") -> ExerciseStatus:
    return ExerciseStatus(exercise_id, offered, unlock, 3, starter, sets, reason, None)


def test_locked_exercises_stay_listed_after_the_offered_ones_with_when_and_why(
    qtbot: QtBot, real: Catalog
) -> None:
    page = make_page(qtbot, small_catalog(real))
    assert page.exercise_ids() == ["bridge", "pelvic-tilt"]
    opens = "Opens in week 6 after a caesarean birth. The wound needs time."
    page.set_statuses({
        "bridge": _status("bridge", False, unlock=6, reason=opens),
        "pelvic-tilt": _status("pelvic-tilt", True, starter=True, sets=1),
    })
    assert page.exercise_ids() == ["pelvic-tilt", "bridge"]
    bridge = page.list_widget.item(1)
    assert bridge.data(LOCKED_ROLE) is True
    assert bridge.data(DOSE_ROLE) == "Opens in week 6 after a caesarean birth."
    assert bridge.toolTip() == opens
    assert "Not yet." in bridge.data(Qt.ItemDataRole.AccessibleTextRole)
    assert page.list_widget.item(0).data(LOCKED_ROLE) is False
    page.show()
    view = page.open_exercise("bridge")  # she can still read it, but Start is disabled
    assert view is not None and view.locked_label.isVisible()
    # One line on the card, so the figure keeps its room; the why is the tooltip.
    assert view.locked_label.text() == "Opens in week 6 after a caesarean birth."
    assert view.locked_label.toolTip() == opens
    assert view.locked_label.accessibleDescription() == opens
    assert not view.start_button.isEnabled()
    page.show_list()
    view = page.open_exercise("pelvic-tilt")
    assert view is not None and not view.locked_label.isVisible()
    assert view.start_button.isEnabled()
    # In a session of both, the locked one is left out and named.
    view = page.open_session(["bridge", "pelvic-tilt"])
    assert view is not None
    assert [e.id for e in view.session.exercises] == ["pelvic-tilt"]
    assert view.notice_label.text() == "Left out for now: Bridge. Opens in week 6 after a " \
        "caesarean birth."


def test_a_card_waiting_for_the_check_asks_for_it_and_opens_when_told(
    qtbot: QtBot, real: Catalog
) -> None:
    """The locked card of an exercise that waits only for her postnatal check has a button to
    say she has had it; when the new statuses come, the same card opens with its Start."""
    page = make_page(qtbot, small_catalog(real))
    waiting = replace(_status("bridge", False, unlock=0, reason=POSTNATAL_CHECK_REASON),
                      waiting_for_check=True)
    not_yet = _status("pelvic-tilt", False, unlock=6, reason="This opens in 6 weeks.")
    page.set_statuses({"bridge": waiting, "pelvic-tilt": not_yet})
    page.show()
    view = page.open_exercise("pelvic-tilt")  # locked by its week: nothing to say here
    assert view is not None and not view.check_button.isVisible()
    view = page.open_exercise("bridge")
    assert view is not None and view.check_button.isVisible()
    assert view.check_button.text() == "I have had my postnatal check"
    assert not view.start_button.isEnabled()
    with qtbot.waitSignal(page.postnatalCheckSaid, timeout=1000):
        qtbot.mouseClick(view.check_button, Qt.MouseButton.LeftButton)
    page.set_statuses({"bridge": _status("bridge", True), "pelvic-tilt": not_yet})
    reopened = page.view
    assert reopened is not None and reopened is not view
    assert page.stack.currentWidget() is reopened
    assert reopened.exercise.id == "bridge"
    assert reopened.start_button.isEnabled() and not reopened.check_button.isVisible()


def test_a_starter_week_shows_the_lower_dose_and_the_session_uses_it(
    qtbot: QtBot, real: Catalog
) -> None:
    bridge = make_exercise("bridge", poses=POSES, title="Bridge", sets=3)
    page = make_page(qtbot, Catalog((bridge,), real.poses, (), (), ()))
    page.set_statuses({"bridge": _status("bridge", True, starter=True, sets=1)})
    row = page.list_widget.item(page.exercise_ids().index("bridge"))
    assert row.data(DOSE_ROLE).startswith("First week: 1 set to start.")
    view = page.open_exercise("bridge")
    assert view is not None and view.session.session.sets == 1
    assert view.session.outcome.results[0].reps_target == 3
    with qtbot.waitSignal(page.madeWorse, timeout=1000) as blocker:
        qtbot.mouseClick(view.made_worse_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["bridge"]
