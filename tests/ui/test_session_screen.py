"""The guided session's exercise screen: nothing jumps, nothing overlaps, and its words are
right (one second, the set just done, paused said plainly), in light and dark palettes."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import replace

import pytest
from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from backcare.catalog import load_catalog
from backcare.core.content import Exercise
from backcare.core.guided import READ_SECONDS, REST_SECONDS, Phase
from backcare.figures.pose import Pose
from backcare.ui.session_view import SessionView
from tests.ui.factories import bridge, cat


@pytest.fixture(scope="module")
def poses() -> Mapping[str, Pose]:
    return load_catalog().poses


def make_view(qtbot: QtBot, poses: Mapping[str, Pose], exercises: list[Exercise]) -> SessionView:
    view = SessionView(exercises, poses)
    qtbot.addWidget(view)
    view.set_animation_ms(0)
    view.resize(1100, 700)
    return view


SHORT = "Lie still."
LONG = ("Squeeze your bottom and slowly lift your hips off the mat, just a little, until your "
        "body makes a gentle slope from your knees to your shoulders; keep your weight on your "
        "feet and shoulders, and your knees pointing forwards the whole time.")


def uneven(**kwargs: object) -> Exercise:
    """A bridge whose steps say very little, a lot, and a little."""
    base = bridge(**kwargs)
    steps = tuple(replace(step, instruction=text, breath=breath)
                  for step, text, breath in zip(base.steps, (SHORT, LONG, "Lower slowly."),
                                                ("In.", "Out as you lift, and keep breathing "
                                                 "while you hold; don't hold your breath.",
                                                 "In."), strict=True))
    return replace(base, steps=steps)


def settle(view: QWidget) -> None:
    """Lay the view out now, its inner widgets too (no waiting: the pending layout requests
    are handled at once)."""
    view.layout().activate()
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)


def laid_out(view: QWidget, width: int, height: int) -> None:
    view.resize(width, height)
    settle(view)


@pytest.mark.parametrize(("width", "height"), [(1100, 700), (690, 560)])
def test_the_figure_keeps_its_size_on_every_step_and_state(
    qtbot: QtBot, poses: Mapping[str, Pose], width: int, height: int
) -> None:
    view = make_view(qtbot, poses, [uneven(reps=1, sets=2), cat(reps=1)])
    view.show()
    qtbot.waitExposed(view)
    laid_out(view, width, height)
    heights = {}

    def note(what: str) -> None:
        settle(view)
        heights[what] = view.figure.height()

    note("ready")
    view.toggle()
    for second in range(2 * READ_SECONDS + 3):
        note(f"{view.session.phase.value} step {view.session.step_index} at {second} s")
        if second == 2:
            view.toggle()
            note("paused")
            view.toggle()
        view.tick(1)
    assert view.session.phase is Phase.REST
    note("rest")
    view.step_next()  # ends the rest
    while view.session.phase is not Phase.INTERLUDE:
        view.tick(1)
    note("interlude")
    view.stop()
    view.carry_on()
    note("carried on")
    assert len(heights) > 10
    assert set(heights.values()) == {heights["ready"]}, heights


def test_the_four_buttons_fit_side_by_side_in_the_narrowest_view(
    qtbot: QtBot, poses: Mapping[str, Pose]
) -> None:
    catalog = load_catalog()
    exercises = [catalog.exercise("bridge"), catalog.exercise("cat-back")]
    view = SessionView([e for e in exercises if e is not None], catalog.poses)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    laid_out(view, 690, 560)
    assert view.size() == QSize(690, 560)  # the view can be as narrow as the window makes it
    buttons = (view.back_button, view.start_button, view.next_button, view.stop_button)
    for state in ("Start", "Pause", "Resume"):
        if state != "Start":
            view.toggle()
        settle(view)
        assert view.start_button.text() == state
        boxes = [b.geometry().translated(b.parentWidget().mapTo(view, b.pos()) - b.pos())
                 for b in buttons]
        for (one, a), (other, b) in itertools.combinations(zip(buttons, boxes, strict=True), 2):
            assert not a.intersects(b), (one.text(), a, other.text(), b)
        for button in buttons:
            assert button.width() >= button.sizeHint().width(), button.text()  # words whole
        safety_left = view.safety.mapTo(view, view.safety.rect().topLeft()).x()
        assert boxes[-1].right() < safety_left
        assert boxes[-1].right() < view.width()


# ----- words ---------------------------------------------------------------------------------


def test_one_second_is_singular_everywhere_it_is_counted(
    qtbot: QtBot, poses: Mapping[str, Pose]
) -> None:
    view = make_view(qtbot, poses, [bridge(reps=1, sets=2, holds=(0, 2, 0)), cat(reps=1)])
    caption = view.countdown.countdown_caption
    view.toggle()
    view.tick(READ_SECONDS - 1)
    assert (view.countdown.countdown_label.text(), caption.text()) == (
        "1", "second, then the next step by itself")
    view.tick(2)
    assert (view.countdown.countdown_label.text(), caption.text()) == (
        "1", "second left — hold, and keep breathing")
    view.tick(1)
    assert caption.text() == "seconds, then the next step by itself"
    view.tick(READ_SECONDS)
    view.tick(REST_SECONDS - 1)
    assert caption.text() == "second of rest. Set 2 of 2 comes next."


def test_during_the_rest_the_header_names_the_set_done_and_the_caption_the_next(
    qtbot: QtBot, poses: Mapping[str, Pose]
) -> None:
    view = make_view(qtbot, poses, [bridge(reps=2, sets=5)])
    view.toggle()
    view.tick(2 * READ_SECONDS + 3)
    assert view.step_text.reps_label.text() == "Rep 2 of 2 · set 1 of 5"
    view.tick(2 * READ_SECONDS + 3)
    assert view.session.phase is Phase.REST
    assert view.step_text.reps_label.text() == "Set 1 of 5 done"
    assert view.countdown.countdown_caption.text() == "seconds of rest. Set 2 of 5 comes next."
    view.tick(REST_SECONDS)
    assert view.step_text.reps_label.text() == "Rep 1 of 2 · set 2 of 5"


def test_changing_sides_says_which_side_is_done(qtbot: QtBot, poses: Mapping[str, Pose]) -> None:
    view = make_view(qtbot, poses, [bridge(reps=1, sets=2, per_side=True)])
    view.toggle()
    view.tick(2 * READ_SECONDS + 3)
    assert view.session.switching_side
    assert view.step_text.reps_label.text() == "Left side done · set 1 of 2"
    assert view.countdown.countdown_caption.text() == (
        "seconds to change sides: the right side comes next")


def contrast(image: QImage, background: QColor) -> float:
    """The WCAG contrast ratio between ``background`` and the colour in ``image`` that
    stands out most from it (the text)."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
        r, g, b = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    back = luminance(background)
    ratios = []
    for x, y in itertools.product(range(image.width()), range(image.height())):
        lum = luminance(image.pixelColor(x, y))
        ratios.append((max(lum, back) + 0.05) / (min(lum, back) + 0.05))
    return max(ratios)


@pytest.mark.parametrize("dark", [False, True])
def test_paused_is_said_plainly_and_readably_in_light_and_dark(
    qtbot: QtBot, poses: Mapping[str, Pose], dark: bool
) -> None:
    view = make_view(qtbot, poses, [bridge(reps=1), cat(reps=1)])
    if dark:
        palette = QPalette(view.palette())
        palette.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
        view.setPalette(palette)
    view.show()
    qtbot.waitExposed(view)
    caption = view.countdown.countdown_caption
    view.toggle()
    view.tick(1)
    assert not caption.font().bold()
    view.toggle()
    assert caption.text() == "Paused — press Space or Resume to carry on"
    assert caption.property("paused") is True
    assert caption.font().bold()
    assert caption.font().pointSizeF() >= 12
    window = view.palette().color(QPalette.ColorRole.Window)
    assert contrast(caption.grab().toImage(), window) >= 4.5
    view.toggle()
    assert caption.property("paused") is False
    assert not caption.font().bold()


def test_the_steady_text_is_measured_as_the_label_measures_its_own(
    qtbot: QtBot, poses: Mapping[str, Pose]
) -> None:
    view = make_view(qtbot, poses, [uneven(reps=1)])
    view.show()
    qtbot.waitExposed(view)
    for label, text in ((view.step_text.instruction_label, LONG),
                        (view.countdown.countdown_caption, "Paused — press Space or Resume to "
                                                           "carry on")):
        label.setText(text)
        for width in (120, 260, 372, 625):
            assert label.text_height(text, width) == QLabel.heightForWidth(label, width), width
