"""After a session, one optional tap: saved once, skipped with Esc, never asked twice."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from backcare.app.shell import Shell
from backcare.catalog import Catalog, load_catalog
from backcare.core.pain_diary import Feel, PainDiary
from backcare.core.plan import Plan, Profile, default_plan
from backcare.core.today import Action
from backcare.ui.session_rating import QUESTION, TARGET_PX, RatingChoice, RatingPanel
from backcare.ui.session_view import SessionView
from tests.ui.shell_parts import shell_at

TZ = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 23, 8, 30, tzinfo=TZ)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def shell(qtbot: QtBot, tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
          ) -> Iterator[Shell]:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)  # notifications fall back
    plan: Plan = replace(default_plan(), profile=Profile(date(2026, 9, 1), "vaginal"))
    with shell_at(qtbot, tmp_path / "data", catalog, plan, TZ, NOW) as made:
        made.window.show()
        yield made


def _afternoon(shell: Shell) -> tuple[str, SessionView]:
    """The afternoon reminder's session, opened from Today and stopped at once (summary)."""
    key = next(e.reminder.key for e in shell.service.lifecycle.day(NOW).entries
               if e.reminder.label == "Afternoon")
    shell.act(key, Action.START)
    view = shell.window.exercises_page.view
    assert view is not None
    view.tick(5)
    view.stop()
    return key, view


def _done(view: SessionView, qtbot: QtBot, shell: Shell) -> None:
    with qtbot.waitSignal(shell.window.sessionFinished, timeout=1000):
        qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)


def test_a_tap_saves_one_rating_for_the_session(shell: Shell, qtbot: QtBot) -> None:
    key, view = _afternoon(shell)
    panel = view.summary.rating
    assert panel.isVisibleTo(view) and panel.heading.text() == QUESTION
    qtbot.mouseClick(panel.pain_buttons[3], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.feel_buttons[Feel.EASIER], Qt.MouseButton.LeftButton)
    assert view.rating_choice() == RatingChoice(3, Feel.EASIER)
    _done(view, qtbot, shell)
    ratings = PainDiary(shell.store).ratings()
    assert [(r.session_key, r.pain, r.feel) for r in ratings] == [(key, 3, Feel.EASIER)]


def test_esc_skips_and_saves_nothing(shell: Shell, qtbot: QtBot) -> None:
    _key, view = _afternoon(shell)
    panel = view.summary.rating
    qtbot.mouseClick(panel.pain_buttons[7], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(panel.skipped, timeout=1000):
        qtbot.keyClick(view.done_button, Qt.Key.Key_Escape)
    assert not panel.isVisibleTo(view)
    assert view.rating_choice() is None
    _done(view, qtbot, shell)
    assert PainDiary(shell.store).ratings() == []


def test_the_skip_button_saves_nothing(shell: Shell, qtbot: QtBot) -> None:
    _key, view = _afternoon(shell)
    panel = view.summary.rating
    qtbot.mouseClick(panel.feel_buttons[Feel.HARDER], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.skip_button, Qt.MouseButton.LeftButton)
    _done(view, qtbot, shell)
    assert PainDiary(shell.store).ratings() == []


def test_a_rated_session_is_not_asked_again(shell: Shell, qtbot: QtBot) -> None:
    key, view = _afternoon(shell)
    view.summary.rating.choose(pain=2)
    _done(view, qtbot, shell)
    shell.open_session(key, start=True)
    again = shell.window.exercises_page.view
    assert again is not None and again is not view
    again.stop()
    assert not again.summary.rating.isVisibleTo(again)
    assert again.rating_choice() is None
    _done(again, qtbot, shell)
    assert [r.pain for r in PainDiary(shell.store).ratings()] == [2]


def test_done_keeps_the_keyboard_and_the_buttons_are_big(qtbot: QtBot, catalog: Catalog
                                                          ) -> None:
    exercise = catalog.exercises[0]
    view = SessionView([exercise], catalog.poses)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)  # the arrows move the application's focus
    view.start()
    view.stop()  # an early stop: the keyboard stays on Carry on, as before the question
    panel: RatingPanel = view.summary.rating
    assert panel.isVisibleTo(view)
    assert view.window().focusWidget() is view.carry_on_button
    qtbot.waitUntil(lambda: panel.pain_buttons[1].x() > 0)  # laid out: the arrows go by place
    view.done_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(view.done_button, Qt.Key.Key_Tab)  # Done, then the pain row
    assert view.window().focusWidget() is panel.pain_buttons[0]
    qtbot.keyClick(panel.pain_buttons[0], Qt.Key.Key_Right)  # the arrows move along it
    assert panel.pain_buttons.index(view.window().focusWidget()) == 1
    qtbot.keyClick(panel.pain_buttons[1], Qt.Key.Key_Space)
    assert view.rating_choice() == RatingChoice(1, None)
    view.finish()
    assert not panel.isVisibleTo(view)  # asked once: Done has sent the session
    for button in [*panel.pain_buttons, *panel.feel_buttons.values()]:
        assert button.minimumWidth() >= TARGET_PX and button.minimumHeight() >= TARGET_PX
    assert [b.text() for b in panel.pain_buttons] == [str(n) for n in range(11)]


def test_the_rating_shows_in_the_history_pages_diary(shell: Shell, qtbot: QtBot) -> None:
    from backcare.ui.history_page import HistoryPage

    _key, view = _afternoon(shell)
    view.summary.rating.choose(pain=3, feel=Feel.SAME)
    _done(view, qtbot, shell)
    shell.window.show_page("History")  # built when first opened, from her store
    page = shell.window.pages.currentWidget()
    assert isinstance(page, HistoryPage)
    assert page.diary.texts() == ["Mon 23 Nov, 08:30: pain 3 of 10, felt the same"]
    assert page.streaks.text() == "Current streak: 0 days. Best streak: 0 days."
