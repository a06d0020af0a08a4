"""The "Your back" page (issue 15): every tip under one section heading with its sources, its
pictures drawn by the figure painter with their captions, all of it reached by Tab in reading
order; and the tip of the day on Today, with "Don't show again" kept across a restart."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from backcare.catalog import Catalog, load_catalog
from backcare.core.content import Tip, TipFigure
from backcare.core.ledger import load_ledger
from backcare.core.plan import default_plan
from backcare.core.safety import source_labels, sources_text
from backcare.core.store import Store
from backcare.core.tip_groups import CHANGED_NOTE, TipGroup, group_of
from backcare.figures.painter import AVOID_COLOR
from backcare.paths import seeds_dir
from backcare.ui.main_window import MainWindow
from backcare.ui.theme import LIGHT
from backcare.ui.today_page import TodayPage
from backcare.ui.your_back_page import AVOID_WORDS, YourBackPage, caption_words, your_back_page
from tests.ui.shell_parts import start_shell, stop_shell
from tests.ui.test_accessibility import assert_reads_as_shown, headings, walk
from tests.ui.test_tab_order import assert_reads_in_order, names, shown, tab_chain
from tests.ui.test_today_page import TITLES, TZ, lunchtime

LIFT = Tip("lift-test", "Bend your knees to lift", "Squat down, keep your back upright.",
           "lifting", ("G-NHS-PREGNANCY-BACK",), figures=(
               TipFigure("stand-side", "Stand close to what you lift"),
               TipFigure("stand-walk", "Not striding off with it", avoid=True),
               TipFigure("missing-pose", "Never drawn"),
           ))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def page(qtbot: QtBot, catalog: Catalog) -> YourBackPage:
    built = your_back_page(catalog)
    qtbot.addWidget(built)
    built.resize(900, 700)
    built.show()
    qtbot.waitExposed(built)
    return built


def test_every_tip_is_under_exactly_one_heading_with_its_sources(
    page: YourBackPage, catalog: Catalog
) -> None:
    ledger, _ = load_ledger(seeds_dir() / "facts.toml")
    labels = source_labels(ledger)
    assert set(page.cards) == {t.id for t in catalog.tips}
    column = page.scroll.widget()

    def top(widget: QLabel) -> int:
        return widget.mapTo(column, QPoint(0, 0)).y()

    heads = sorted(page.group_headings.items(), key=lambda item: top(item[1]))
    assert [g for g, _ in heads] == [g for g in TipGroup if g in page.group_headings]
    for tip in catalog.tips:
        card = page.cards[tip.id]
        assert card.title.text() == tip.title and card.text.text() == tip.text
        assert sources_text(tip.sources, labels) in card.source.text()
        assert card.source.text().startswith(("Source: ", "Sources: "))
        # Under its own section's heading and above the next one: exactly one place.
        above = [g for g, label in heads if top(label) < top(card.title)]
        assert above[-1] is group_of(tip), tip.id
        changed = any((f := ledger.fact(s)) is not None and f.status == "changed"
                      for s in tip.sources)
        assert card.changed.isVisibleTo(page) is changed, tip.id
    assert CHANGED_NOTE in page.cards["why-tummy-muscles"].changed.text()
    assert page.tips_in_order() == [t.id for g in TipGroup for t in catalog.tips
                                    if group_of(t) is g]


def test_a_tip_with_figures_shows_each_drawn_with_its_caption(
    qtbot: QtBot, catalog: Catalog
) -> None:
    page = YourBackPage([LIFT], catalog.poses)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    card = page.cards["lift-test"]
    assert len(card.figures) == 2  # the one whose pose is missing is left out
    assert [c.text() for c in card.captions] == [
        "Stand close to what you lift", f"{AVOID_WORDS}: Not striding off with it"]
    for figure, drawn in zip(card.figures, LIFT.figures[:2], strict=True):
        assert figure.pose is catalog.poses[drawn.pose]
        assert figure.focusPolicy() & Qt.FocusPolicy.TabFocus
        iface = QAccessible.queryAccessibleInterface(figure)
        assert iface.role() == QAccessible.Role.Graphic
        assert drawn.caption in iface.text(QAccessible.Text.Name)
        assert iface.text(QAccessible.Text.Description).startswith("The picture shows: ")
        below = card.captions[card.figures.index(figure)]
        assert below.mapTo(card, QPoint(0, 0)).y() > figure.mapTo(card, QPoint(0, 0)).y()
    good, avoid = card.figures
    assert avoid.accessibleName().startswith(f"Figure: {AVOID_WORDS}")
    # The marks in the corner: the painter's red cross on "not like this", a green tick on the
    # right way beside it; none on a picture with no wrong way beside it.
    assert _in_corner(avoid, AVOID_COLOR.name()) > 20
    assert _in_corner(good, LIGHT.recovery_strip) > 20
    assert _in_corner(good, AVOID_COLOR.name()) == 0
    alone = YourBackPage([replace(LIFT, figures=LIFT.figures[:1])], catalog.poses)
    qtbot.addWidget(alone)
    alone.show()
    assert _in_corner(alone.cards["lift-test"].figures[0], LIGHT.recovery_strip) == 0


def _in_corner(widget: QWidget, colour: str) -> int:
    """How many pixels of the top right quarter of ``widget``'s picture are ``colour``."""
    image = widget.grab().toImage()
    return sum(QColor(image.pixel(x, y)).name() == colour
               for x in range(image.width() // 2, image.width())
               for y in range(image.height() // 2))


def test_a_caption_that_says_not_like_this_says_it_once(catalog: Catalog) -> None:
    said = TipFigure("stand-walk", "Not like this: striding off", avoid=True)
    assert caption_words(said) == "Not like this: striding off"
    assert caption_words(replace(said, caption="Striding off")) == "Not like this: Striding off"
    assert caption_words(replace(said, avoid=False, caption="Striding")) == "Striding"


def test_the_real_tips_figures_are_all_drawn(page: YourBackPage, catalog: Catalog) -> None:
    for tip in catalog.tips:
        assert len(page.cards[tip.id].figures) == len(tip.figures), tip.id


def test_tab_reaches_every_card_and_picture_in_reading_order(
    qtbot: QtBot, catalog: Catalog
) -> None:
    page = YourBackPage([*catalog.tips[:3], LIFT, *catalog.tips[3:]], catalog.poses)
    window = shown(qtbot, MainWindow(catalog, home=("Your back", page)))
    window.resize(1024, 600)
    chain = tab_chain(qtbot, window.navigation)
    assert chain[1:] == page.tab_stops()
    expected = [name for card in page.cards.values()
                for name in ["tipCard", *["tipFigure"] * len(card.figures)]]
    assert names(chain) == ["navigation", *expected, "seeSafety"]
    assert_reads_in_order(chain)
    last = page.cards[catalog.tips[-1].id]
    last.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(last.hasFocus)
    view = page.scroll.viewport()
    top = last.mapTo(view, QPoint(0, 0)).y()
    assert 0 <= top < view.height()  # scrolled to it


def test_see_all_the_warning_signs_opens_the_safety_page(
    qtbot: QtBot, page: YourBackPage
) -> None:
    with qtbot.waitSignal(page.safetyRequested):
        page.safety_button.click()
    assert page.safety_button.isVisibleTo(page)


# ----- the tip of the day on Today ------------------------------------------------------------


def test_today_shows_the_tip_and_hands_on_dont_show_again(qtbot: QtBot, catalog: Catalog) -> None:
    day, now = lunchtime()
    today = TodayPage(clock=lambda: now)
    qtbot.addWidget(today)
    today.set_day(day, now, TITLES)
    today.show()
    panel = today.tip_panel
    assert not panel.isVisibleTo(today)  # no tip yet
    first, second = catalog.tips[:2]
    today.set_tip(first)
    assert panel.isVisibleTo(today)
    assert panel.title_label.text() == first.title and panel.text_label.text() == first.text
    assert panel.hide_button.accessibleName() == f"Don't show again: {first.title}"
    with qtbot.waitSignal(today.tipHidden) as said:
        qtbot.mouseClick(panel.hide_button, Qt.MouseButton.LeftButton)
    assert said.args == [first.id]
    today.set_tip(second)  # what the shell does next
    assert panel.text_label.text() == second.text
    today.set_tip(None)
    assert not panel.isVisibleTo(today)


def test_the_tip_sits_between_the_day_and_the_calcium_and_tab_reads_it_there(
    qtbot: QtBot, catalog: Catalog
) -> None:
    day, now = lunchtime()
    today = TodayPage(clock=lambda: now)
    today.set_day(day, now, TITLES)
    today.set_tip(catalog.tips[0])
    window = shown(qtbot, MainWindow(catalog, home=("Today", today)))
    chain = tab_chain(qtbot, window.navigation)
    assert names(chain)[-3:] == ["tipHide", "tipOfDayText", "calciumToday"]
    assert_reads_in_order(chain)
    nodes = walk(window)
    assert_reads_as_shown(nodes)
    assert headings(nodes) == ["Today", "Your day", "Tip of the day", "Calcium"]


def _started(qtbot: QtBot, catalog: Catalog, data: Path):  # type: ignore[no-untyped-def]
    store = Store(data, clock=lambda: datetime.now(TZ))
    return start_shell(qtbot, catalog, store, default_plan(), TZ)


def test_dont_show_again_hides_the_tip_for_good_across_a_restart(
    qtbot: QtBot, tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    morning = datetime(2026, 11, 23, 7, 5, tzinfo=TZ)
    with time_machine.travel(morning, tick=False):
        shell = _started(qtbot, catalog, tmp_path)
        try:
            panel = shell.today_page.tip_panel
            assert panel.isVisibleTo(shell.window) and panel.tip is not None
            hidden = panel.tip.id
            panel.hide_button.click()
            assert panel.tip is not None and panel.tip.id != hidden  # the next one, at once
            replaced = panel.tip.id
        finally:
            stop_shell(shell)
        shell = _started(qtbot, catalog, tmp_path)  # the same day, started again
        try:
            panel = shell.today_page.tip_panel
            assert panel.tip is not None and panel.tip.id == replaced
            assert hidden in shell.tips.hidden()
            # A whole round of days and more, on the store it was saved in: never back.
            rotating = [t for t in catalog.tips if t.topic != "get-help"]
            profile = shell.base_plan.profile
            later = [shell.tips.of_the_day(profile, morning + timedelta(days=d), TZ)
                     for d in range(1, len(rotating) + 2)]
            assert all(t is not None for t in later)
            assert hidden not in {t.id for t in later if t is not None}
            assert len({t.id for t in later if t is not None}) == len(rotating) - 1
        finally:
            stop_shell(shell)


def test_the_sidebar_reads_today_exercises_your_back_safety_and_the_page_leads_to_safety(
    qtbot: QtBot, tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    with time_machine.travel(datetime(2026, 11, 23, 7, 5, tzinfo=TZ), tick=False):
        shell = _started(qtbot, catalog, tmp_path)
        try:
            window = shell.window
            sidebar = [window.navigation.item(i).text() for i in range(window.navigation.count())]
            assert sidebar == ["Today", "Exercises", "Your back", "History", "Safety"]
            window.show_page("Your back")
            page = window.pages.currentWidget()
            assert isinstance(page, YourBackPage)  # built when first opened
            page.safety_button.click()
            assert window.navigation.currentItem().text() == "Safety"
        finally:
            stop_shell(shell)
