"""With the keyboard alone she reaches everything, in the order she reads it.

Each page is shown in the main window and walked with real Tab presses from the sidebar until
the focus comes back round to it. The chain is checked twice: by object name against the order
the page is meant to read in, and by where each stop sits on screen, so a stop placed out of
order (a button at the top right reached last) fails even if someone updates the names.

Where a stop sits is compared inside the scroll area the two stops share: a row of the day
against another row by its place in the list, a row against the calcium tally by the place of
the list on the page. So a list scrolled to bring the focused row into view still reads down.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from backcare.catalog import Catalog, load_catalog
from backcare.core.progression import ExerciseStatus
from backcare.core.safety import load_safety
from backcare.paths import resources_dir
from backcare.ui.main_window import MainWindow
from backcare.ui.safety_page import SafetyPage
from backcare.ui.today_page import TodayPage
from backcare.ui.your_back_page import your_back_page
from tests.ui.test_session_view import run_ticks_to_summary
from tests.ui.test_today_page import TITLES, a_day, at, lunchtime

LIMIT = 80  # more Tab presses than any page has stops: a chain that never closes fails


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def shown(qtbot: QtBot, window: MainWindow) -> MainWindow:
    qtbot.addWidget(window)
    window.resize(1100, 760)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def tab_chain(qtbot: QtBot, start: QWidget) -> list[QWidget]:
    """The widgets Tab visits from ``start`` until it is back on ``start``."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    chain = [start]
    for _ in range(LIMIT):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None and now is not focused, f"Tab stuck on {focused.objectName()}"
        if now is start:
            return chain
        chain.append(now)
    raise AssertionError(f"Tab never came back to {start.objectName()}")


def names(chain: list[QWidget]) -> list[str]:
    return [widget.objectName() for widget in chain]


def _scroll_areas(widget: QWidget) -> Iterator[QAbstractScrollArea]:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            yield parent
        parent = parent.parentWidget()


def placed(widget: QWidget, other: QWidget) -> tuple[QRect, QRect]:
    """Where ``widget`` and ``other`` sit, compared in the scroll area they share (its whole
    content, however far it is scrolled), or in the window: each is stood for by itself, or by
    the scroll area inside the shared one that holds it."""
    theirs = set(map(id, _scroll_areas(other)))
    shared = next((a for a in _scroll_areas(widget) if id(a) in theirs), None)
    frame = (shared.widget() if isinstance(shared, QScrollArea) else None) or widget.window()

    def block(item: QWidget) -> QRect:
        holder = item
        for area in _scroll_areas(item):
            if area is shared:
                break
            holder = area
        return QRect(holder.mapTo(frame, QPoint(0, 0)), holder.size())

    return block(widget), block(other)


def reads_after(first: QWidget, then: QWidget) -> bool:
    """``then`` comes after ``first`` in reading order: on the same line and to its right,
    below it, or in a column further right. Never above and to the left."""
    a, b = placed(first, then)
    same_line = b.top() <= a.bottom() and a.top() <= b.bottom()
    if b.left() >= a.right():  # to the right: the same line, or the next column
        return True
    if same_line:
        return b.left() > a.left()
    return b.top() > a.bottom()


def assert_reads_in_order(chain: list[QWidget]) -> None:
    wrong = [(a.objectName(), b.objectName()) for a, b in pairwise(chain)
             if not reads_after(a, b)]
    assert wrong == []


def today_window(qtbot: QtBot, catalog: Catalog, *, setup: bool = False,
                 paused: bool = False) -> tuple[MainWindow, TodayPage]:
    day, now = lunchtime()
    if paused:
        now = at(12, 40)
        day = a_day(now, paused=(at(12, 0), at(14, 0)))
    page = TodayPage(clock=lambda: now)
    page.set_day(day, now, TITLES)
    page.set_recovery("Week 8 after a caesarean: gentle core work is fine.", offer_setup=setup)
    page.set_tip(catalog.tips[0])  # the tip of the day, as the shell sets it
    return shown(qtbot, MainWindow(catalog, home=("Today", page))), page


def row_names(page: TodayPage) -> list[str]:
    found: list[str] = []
    for row in page.rows:
        found.extend(["todayRow", *(button.objectName() for button in row.buttons.values())])
    return found


def test_today_reads_down_the_page_with_the_next_reminder_and_the_tally(
    qtbot: QtBot, catalog: Catalog
) -> None:
    window, page = today_window(qtbot, catalog)
    chain = tab_chain(qtbot, window.navigation)
    assert names(chain) == ["navigation", "recovery", "startSession", "nextReminder",
                            *row_names(page), "tipHide", "tipOfDayText", "calciumToday"]
    assert page.next_label in chain and page.calcium_label in chain
    assert [w for w in chain if w.objectName() == "todayRow"] == page.rows  # the day's order
    assert_reads_in_order(chain)
    # The rows are laid out beside their buttons here (not stacked): left to right is tested.
    row = next(r for r in page.rows if len(r.buttons) > 1)
    buttons = list(row.buttons.values())
    assert buttons[0].mapTo(row, QPoint(0, 0)).x() < buttons[1].mapTo(row, QPoint(0, 0)).x()


def test_today_reaches_the_setup_offer_and_the_pause_banner_in_their_places(
    qtbot: QtBot, catalog: Catalog
) -> None:
    window, _ = today_window(qtbot, catalog, setup=True, paused=True)
    chain = tab_chain(qtbot, window.navigation)
    head = names(chain)[:4]
    assert head == ["navigation", "recovery", "setupBirth", "pauseBannerButton"]
    assert names(chain)[-1] == "calciumToday"
    assert_reads_in_order(chain)


def test_the_tab_stops_on_today_scroll_into_view(qtbot: QtBot, catalog: Catalog) -> None:
    """Tab into the list from the next reminder brings its first row into view, even when the
    list was scrolled to the rows of now; and the last row's button, reached from the tip of
    the day under the list with Shift+Tab, is scrolled to as well."""
    _, page = today_window(qtbot, catalog)
    area = page.rows_area
    qtbot.waitUntil(lambda: area.verticalScrollBar().value() > 0)  # scrolled to 12:30
    page.next_label.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(page.next_label.hasFocus)
    qtbot.keyClick(page.next_label, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.rows[0]
    assert area.verticalScrollBar().value() == 0
    tip = page.tip_panel.hide_button  # the tip's first stop
    tip.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(tip.hasFocus)
    qtbot.keyClick(tip, Qt.Key.Key_Backtab)
    last = page.rows[-1]
    focused = QApplication.focusWidget()
    assert focused is not None and last.owns(focused)
    top = focused.mapTo(area.viewport(), QPoint(0, 0)).y()
    assert top >= 0
    assert top + focused.height() <= area.viewport().height()


def test_the_exercise_list_follows_the_sidebar(qtbot: QtBot, catalog: Catalog) -> None:
    window = shown(qtbot, MainWindow(catalog))
    window.show_page("Exercises")
    chain = tab_chain(qtbot, window.navigation)
    assert names(chain) == ["navigation", "exerciseList"]
    assert_reads_in_order(chain)


def test_the_safety_page_follows_the_sidebar(qtbot: QtBot, catalog: Catalog) -> None:
    safety, _ = load_safety(resources_dir() / "safety.toml")
    assert safety is not None
    window = shown(qtbot, MainWindow(catalog, home=("Safety", SafetyPage(safety))))
    chain = tab_chain(qtbot, window.navigation)
    assert names(chain) == ["navigation", "safetyScroll"]
    assert_reads_in_order(chain)


def test_the_your_back_page_reads_each_tip_then_its_pictures(
    qtbot: QtBot, catalog: Catalog
) -> None:
    page = your_back_page(catalog)
    window = shown(qtbot, MainWindow(catalog, home=("Your back", page)))
    chain = tab_chain(qtbot, window.navigation)
    assert chain == [window.navigation, *page.tab_stops()]
    assert names(chain).count("tipCard") == len(catalog.tips)
    assert names(chain)[-1] == "seeSafety"
    assert_reads_in_order(chain)


def test_the_history_page_reads_streaks_charts_diary_then_days(
    qtbot: QtBot, catalog: Catalog
) -> None:
    from tests.ui.test_history_page import history_sample_page

    page = history_sample_page()
    window = shown(qtbot, MainWindow(catalog, home=("History", page)))
    chain = tab_chain(qtbot, window.navigation)
    assert chain == [window.navigation, *page.tab_stops()]
    assert names(chain)[1:5] == ["streaks", "streakRule", "historyChart", "historyChart"]
    assert names(chain)[5:8] == ["diaryEntry", "diaryEdit", "diaryDelete"]
    assert names(chain)[-1] == "showEarlier"
    assert_reads_in_order(chain)


CARD = ["navigation", "backToList", "figure", "start", "next", "stop", "cautionsScroll",
        "madeWorse"]


def test_the_card_reads_its_column_then_the_safety_beside_it(
    qtbot: QtBot, catalog: Catalog
) -> None:
    """The link above the title, the figure, the buttons left to right (Back is not a stop on
    the first step: it cannot go back), then the cautions column and the button under it."""
    window = shown(qtbot, MainWindow(catalog))
    view = window.open_session([catalog.exercises[0].id], "Morning")
    assert view is not None
    chain = tab_chain(qtbot, window.navigation)
    assert names(chain) == CARD
    assert_reads_in_order(chain)
    view.step_next()  # now Back can be pressed: it comes before Start, as on screen
    chain = tab_chain(qtbot, window.navigation)
    assert names(chain) == [*CARD[:3], "back", *CARD[3:]]
    assert_reads_in_order(chain)


def test_a_locked_card_reaches_the_postnatal_check_above_the_buttons(
    qtbot: QtBot, catalog: Catalog
) -> None:
    exercise = catalog.exercises[0]
    window = shown(qtbot, MainWindow(catalog))
    page = window.exercises_page
    page.set_statuses({exercise.id: ExerciseStatus(
        exercise.id, False, 6, 6, False, 3, "This opens after your postnatal check.", None,
        waiting_for_check=True)})
    view = page.open_exercise(exercise.id)
    assert view is not None and view.check_button.isVisibleTo(view)
    window.show_page("Exercises")
    chain = tab_chain(qtbot, window.navigation)
    # Start cannot be pressed on a locked card, so it is no stop.
    assert names(chain) == ["navigation", "backToList", "figure", "postnatalCheck", "next",
                            "stop", "cautionsScroll", "madeWorse"]
    assert_reads_in_order(chain)


RATING = ["painButton", "feelButton", "ratingSkip"]  # a row of buttons is one stop


def test_done_comes_where_it_sits_on_the_summary(qtbot: QtBot, catalog: Catalog) -> None:
    """After an early stop: Carry on, then Done to its right. After a whole session: Done
    alone, straight after the sidebar. The after-session question follows them: the pain
    row, the feel row (each one stop, the arrows move along it), Skip."""
    window = shown(qtbot, MainWindow(catalog))
    view = window.open_session([catalog.exercises[0].id], "Morning")
    assert view is not None
    view.stop()
    chain = tab_chain(qtbot, window.navigation)
    assert names(chain) == ["navigation", "carryOn", "summaryDone", *RATING]
    assert_reads_in_order(chain)
    done, carry_on = view.done_button, view.carry_on_button
    assert done.mapTo(window, QPoint(0, 0)).x() > carry_on.mapTo(window, QPoint(0, 0)).x()
    view.finish()  # Done pressed: nothing to carry on, the list is back
    window.open_session([catalog.exercises[0].id], "Morning")
    finished = window.exercises_page.view
    assert finished is not None
    finished.toggle()
    run_ticks_to_summary(finished, limit=5000)  # the whole session, hands free
    assert finished.session.outcome.complete
    chain = tab_chain(qtbot, window.navigation)
    assert names(chain) == ["navigation", "summaryDone", *RATING]
    assert_reads_in_order(chain)


def test_reading_order_catches_a_stop_out_of_place(qtbot: QtBot, catalog: Catalog) -> None:
    """The position check fails on a chain that jumps back up and left (Done reached after
    the buttons below it would)."""
    window = shown(qtbot, MainWindow(catalog))
    view = window.open_session([catalog.exercises[0].id], "Morning")
    assert view is not None
    assert reads_after(view.back_link, view.start_button)
    assert not reads_after(view.start_button, view.back_link)
    assert not reads_after(view.next_button, view.start_button)  # the same line, leftward
