"""Every kind of control shows a focus ring of at least 3:1, in a light and a dark theme.

The method: the window is grabbed with the control unfocused and again focused. On each side
of the control (at the middle of the side, across its edge) the ring is the run of pixels
painted in the theme's focus colour; it must be there, at least 2 px thick, on all four sides.
Its contrast is measured against the pixel just outside it, the background the control sits
on (inside it where the control meets the window's edge, as the sidebar does), and against
what the same pixels showed unfocused: both at least 3:1 (WCAG 2.2, 1.4.11 and 2.4.13). The
control keeps its place and size as the ring comes and goes.

With ``FOCUS_SHOTS=<folder>`` set, each focused control is saved there as a PNG, with the
background round it, for a person to look at.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QListWidget,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from backcare.catalog import Catalog, load_catalog
from backcare.core.content import Tip, TipFigure
from backcare.core.safety import load_safety
from backcare.core.today import State
from backcare.paths import resources_dir
from backcare.ui.focus_ring import FocusRing, focus_sheet, install_focus_ring, need_spin_ring
from backcare.ui.main_window import MainWindow
from backcare.ui.safety_page import SafetyPage
from backcare.ui.session_view import SessionView
from backcare.ui.theme import DARK, LIGHT, Theme, contrast_ratio, theme_for
from backcare.ui.time_field import TimeField
from backcare.ui.today_page import TodayPage
from backcare.ui.today_rows import ReminderRow
from backcare.ui.your_back_page import YourBackPage
from tests.ui.test_contrast import app_palette
from tests.ui.test_today_page import TITLES, lunchtime

RING = 3.0  # WCAG 1.4.11: a focus indicator against what is next to it
SAME = 1.15  # a pixel this close to the focus colour is painted in it (antialiasing aside)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def ring() -> Iterator[FocusRing]:
    """The app-wide rule, as ``app.main`` installs it; taken off again after the test."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    installed = install_focus_ring(app)
    try:
        yield installed
    finally:
        installed.remove()


@dataclass(frozen=True)
class Kind:
    """A kind of control: how to build a window with one, and which widget in it to focus
    (and which draws the ring: the figure's frame for the figure)."""

    name: str
    window: Callable[[Catalog], QWidget]
    target: Callable[[QWidget], QWidget]
    ring: Callable[[QWidget], QWidget] | None = None


def today(catalog: Catalog) -> QWidget:
    day, now = lunchtime()
    page = TodayPage(clock=lambda: now)
    page.set_day(day, now, TITLES)
    page.set_recovery("Week 8 after a caesarean: gentle core work is fine.", offer_setup=False)
    return MainWindow(catalog, home=("Today", page))


def today_with_tip(catalog: Catalog) -> QWidget:
    window = today(catalog)
    today_page(window).set_tip(catalog.tips[0])
    return window


def your_back(catalog: Catalog) -> QWidget:
    """The "Your back" page, opening on a tip with pictures and a warning-sign tip (so the
    card, its pictures and the button to the Safety page are all in view at the start)."""
    tip = Tip("lift-test", "Bend your knees to lift", "Squat down.", "about", (),
              figures=(TipFigure("stand-side", "Like this"),
                       TipFigure("stand-walk", "Not like this", avoid=True)))
    get_help = next(t for t in catalog.tips if t.topic == "get-help")
    short = Tip(get_help.id, get_help.title, "Ask your doctor.", get_help.topic, ())
    return MainWindow(catalog, home=("Your back", YourBackPage([tip, short], catalog.poses)))


def card(catalog: Catalog) -> QWidget:
    window = MainWindow(catalog)
    view = window.open_session([catalog.exercises[0].id], "Morning")
    assert view is not None
    view.step_next()  # Back can be pressed: a plain button with the app's own look
    return window


def summary(catalog: Catalog) -> QWidget:
    window = card(catalog)
    session(window).stop()
    return window


def exercises(catalog: Catalog) -> QWidget:
    window = MainWindow(catalog)
    window.show_page("Exercises")
    return window


def safety(catalog: Catalog) -> QWidget:
    found, _ = load_safety(resources_dir() / "safety.toml")
    assert found is not None
    return MainWindow(catalog, home=("Safety", SafetyPage(found)))


def form(catalog: Catalog) -> QWidget:
    """The field kinds the settings and setup use; like them, it asks for the spin ring."""
    del catalog
    need_spin_ring()
    window = QWidget()
    layout = QVBoxLayout(window)
    layout.setContentsMargins(20, 20, 20, 20)
    layout.setSpacing(14)
    box = QCheckBox("Remind me to drink water")
    box.setObjectName("checkBox")
    spin = QSpinBox()
    spin.setObjectName("spinBox")
    combo = QComboBox()
    combo.setObjectName("comboBox")
    combo.addItems(["Milk", "Yoghurt"])
    plain_list = QListWidget()
    plain_list.setObjectName("listView")
    plain_list.addItems(["Milk", "Yoghurt", "Cheese"])
    plain_list.setMaximumHeight(90)
    refusal = QLabel()
    refusal.hide()
    for widget in (box, spin, TimeField(time(20, 30), "Time", refusal),
                   combo, plain_list):
        layout.addWidget(widget)
    layout.addStretch(1)
    return window


def session(window: QWidget) -> SessionView:
    assert isinstance(window, MainWindow)
    view = window.exercises_page.view
    assert view is not None
    return view


def today_page(window: QWidget) -> TodayPage:
    assert isinstance(window, MainWindow)
    page = window.pages.widget(0)
    assert isinstance(page, TodayPage)
    return page


def named(name: str) -> Callable[[QWidget], QWidget]:
    def find(window: QWidget) -> QWidget:
        found = window.findChild(QWidget, name)
        assert isinstance(found, QWidget), name
        return found
    return find


def due_row(window: QWidget) -> ReminderRow:
    return next(r for r in today_page(window).rows if r.entry.state is State.DUE)


def row_button(window: QWidget) -> QWidget:
    return next(iter(due_row(window).buttons.values()))


KINDS = [
    Kind("sidebar", today, named("navigation")),
    Kind("today-start-button", today, named("startSession")),
    Kind("next-reminder-text", today, named("nextReminder")),
    Kind("calcium-tally-text", today, named("calciumToday")),
    Kind("recovery-text", today, named("recovery")),
    Kind("today-row", today, due_row),
    Kind("row-button", today, row_button),
    Kind("tip-of-day-text", today_with_tip, named("tipOfDayText")),
    Kind("tip-hide-button", today_with_tip, named("tipHide")),
    Kind("exercise-list", exercises, named("exerciseList")),
    Kind("tip-card", your_back, named("tipCard")),
    Kind("tip-figure", your_back, named("tipFigure"), lambda w: named("tipFigure")(w)
         .parentWidget()),
    Kind("see-safety-button", your_back, named("seeSafety")),
    Kind("back-link", card, lambda w: session(w).back_link),
    Kind("figure", card, lambda w: session(w).figure, lambda w: session(w).parts.figure_frame),
    Kind("button", card, lambda w: session(w).back_button),
    Kind("session-start-button", card, lambda w: session(w).start_button),
    Kind("cautions-area", card, lambda w: session(w).safety),
    Kind("made-worse-button", card, lambda w: session(w).made_worse_button),
    Kind("carry-on-button", summary, lambda w: session(w).carry_on_button),
    Kind("done-button", summary, lambda w: session(w).done_button),
    Kind("safety-scroll-area", safety, named("safetyScroll")),
    Kind("check-box", form, named("checkBox")),
    Kind("spin-box", form, named("spinBox")),
    Kind("time-field", form, named("timeField")),
    Kind("combo-box", form, named("comboBox")),
    Kind("list-view", form, named("listView")),
]


def grab(window: QWidget) -> QImage:
    QApplication.processEvents()
    image = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert image.width() == window.width()  # one image pixel a widget pixel (offscreen, 1x)
    return image


def pixel(image: QImage, point: QPoint) -> QColor | None:
    if not image.rect().contains(point):
        return None
    return QColor(image.pixel(point))


@dataclass(frozen=True)
class Side:
    name: str
    ring: list[QPoint]  # the pixels in the focus colour, from outside in
    outside: QColor | None  # the pixel just outside the ring (None past the window's edge)
    inside: QColor | None  # the pixel just inside it


def _across(image: QImage, walk: list[QPoint], name: str, focus: QColor) -> Side:
    """The run of focus-coloured pixels on ``walk`` (outside in) and its two neighbours."""
    colours = [pixel(image, p) for p in walk]
    hits = [i for i, c in enumerate(colours) if c is not None
            and contrast_ratio(c, focus) < SAME]
    if not hits:
        return Side(name, [], None, None)
    first = hits[0]
    last = first
    while last + 1 in hits:
        last += 1
    return Side(name, walk[first:last + 1], colours[first - 1] if first > 0 else None,
                colours[last + 1] if last + 1 < len(colours) else None)


def sides(image: QImage, rect: QRect, focus: QColor) -> list[Side]:
    """Across each side of ``rect``, from 5 px outside it to 7 px inside, at a third, a half
    and two thirds of its length (a spin box's arrows meet at the middle of its right side):
    the thickest run of the three."""
    found = []
    for name in ("top", "bottom", "left", "right"):
        runs = []
        for part in (1 / 3, 1 / 2, 2 / 3):
            x = rect.left() + round(rect.width() * part)
            y = rect.top() + round(rect.height() * part)
            walk = {
                "top": [QPoint(x, rect.top() + d) for d in range(-5, 8)],
                "bottom": [QPoint(x, rect.bottom() - d) for d in range(-5, 8)],
                "left": [QPoint(rect.left() + d, y) for d in range(-5, 8)],
                "right": [QPoint(rect.right() - d, y) for d in range(-5, 8)],
            }[name]
            runs.append(_across(image, walk, name, focus))
        found.append(max(runs, key=lambda side: len(side.ring)))
    return found


def save_shot(image: QImage, rect: QRect, name: str) -> None:
    folder = os.environ.get("FOCUS_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        image.copy(rect.adjusted(-24, -24, 24, 24)).save(str(Path(folder) / f"{name}.png"))


def shown(qtbot: QtBot, window: QWidget) -> QWidget:
    qtbot.addWidget(window)
    window.resize(1100, 760)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # before any focus test: activation moves focus
    return window


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_every_kind_of_control_shows_a_ring_of_three_to_one(
    qtbot: QtBot, catalog: Catalog, ring: FocusRing, kind: Kind, dark: bool
) -> None:
    with app_palette(dark):
        window = shown(qtbot, kind.window(catalog))
        theme = theme_for(window.palette())
        assert theme.dark is dark
        assert ring.sheet == focus_sheet(theme)  # the rule followed the palette
        focus = QColor(theme.focus)
        target = kind.target(window)
        drawn = (kind.ring or kind.target)(window)
        target.clearFocus()
        QApplication.processEvents()
        place = QRect(drawn.mapTo(window, QPoint(0, 0)), drawn.size())
        before = grab(window)
        target.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(target.hasFocus)
        after = grab(window)
        moved = QRect(drawn.mapTo(window, QPoint(0, 0)), drawn.size())
        save_shot(after, moved, f"{kind.name}-{'dark' if dark else 'light'}")
    assert moved == place  # nothing moves or grows as the ring comes
    found = sides(after, place, focus)
    thin = {s.name: len(s.ring) for s in found if len(s.ring) < 2}
    assert thin == {}  # a ring of 2 px or more on every side
    low: dict[str, float] = {}
    for side in found:
        against = side.outside or side.inside  # the window's edge: what is inside it
        assert against is not None
        ratio = contrast_ratio(focus, against)
        if ratio < RING:
            low[f"{side.name} against {against.name()}"] = round(ratio, 2)
        # The ring is new: where it is drawn, something else was shown before (2.4.13).
        was = [contrast_ratio(focus, QColor(before.pixel(p))) for p in side.ring]
        if max(was) < RING:
            low[f"{side.name} against itself unfocused"] = round(max(was), 2)
    assert low == {}


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_the_focus_colour_stands_out_from_every_background_of_its_theme(theme: Theme) -> None:
    """Also the backgrounds a test page may not show: every tinted box, the selection, the
    strong blue of a Start button, the sidebar, and the desktop's own window and base."""
    desktop = ("#efefef", "#f6f5f4", "#ffffff") if not theme.dark else (
        "#2b2b2b", "#353535", "#1e1e1e")
    backgrounds = {name: getattr(theme, name) for name in (
        "nav_bg", "highlight", "strong", "strong_hover", "track", "edge", "info_bg",
        "caution_bg", "problem_bg")}
    backgrounds.update({f"desktop {c}": c for c in desktop})
    low = {name: round(contrast_ratio(QColor(theme.focus), QColor(bg)), 2)
           for name, bg in backgrounds.items()
           if contrast_ratio(QColor(theme.focus), QColor(bg)) < RING}
    assert low == {}


def test_the_ring_turns_with_the_desktop_theme_at_run_time(
    qtbot: QtBot, catalog: Catalog, ring: FocusRing
) -> None:
    window = shown(qtbot, today(catalog))
    start = named("startSession")(window)
    assert LIGHT.focus in ring.sheet and LIGHT.focus in start.styleSheet()
    with app_palette(dark=True):
        QApplication.processEvents()
        assert DARK.focus in ring.sheet and DARK.focus in start.styleSheet()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        assert app.styleSheet() == focus_sheet(DARK)
    QApplication.processEvents()
    assert ring.sheet == focus_sheet(LIGHT)


def test_the_probe_finds_no_ring_where_none_is_drawn(qtbot: QtBot, catalog: Catalog) -> None:
    """Without the app's rule, a plain button shows none of the focus colour: the ring test
    above measures what the rule draws, not something that was there anyway."""
    window = shown(qtbot, form(catalog))
    spin = named("spinBox")(window)
    spin.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(spin.hasFocus)
    found = sides(grab(window), QRect(spin.mapTo(window, QPoint(0, 0)), spin.size()),
                  QColor(LIGHT.focus))
    assert [s.name for s in found if len(s.ring) >= 2] == []


def test_the_spin_ring_style_is_made_only_for_a_window_that_needs_it(
    qapp: QApplication, ring: FocusRing
) -> None:
    """A plain start (the main window) never builds the proxy style (8 ms of imports); the
    settings dialog asks for it, once."""
    del qapp
    assert ring._style is None
    need_spin_ring()
    made = ring._style
    assert made is not None and made.inherits("QProxyStyle")
    need_spin_ring()
    assert ring._style is made
