"""A due reminder travels the real path: a notification in dunst, "Start now" there, the whole
session run hands-free on the session's own ticks, Done, one answer recorded, the Today page
updated. And "Taken" pressed in the app takes the calcium notification off the screen."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from PySide6.QtCore import Qt

from backcare.app.shell import Shell
from backcare.catalog import load_catalog
from backcare.core.guided import Phase
from backcare.core.lifecycle import Lifecycle
from backcare.core.plan import default_plan
from backcare.core.reminders import Kind
from backcare.core.store import EventKind, Store
from backcare.core.today import Action, State
from backcare.scheduling.service import ReminderService
from backcare.settings import plan_for_day
from backcare.ui.main_window import MainWindow
from backcare.ui.today_page import TodayPage
from tests.desktop_fixture import Desktop, _wait_for

pytestmark = pytest.mark.desktop
TZ = ZoneInfo("Europe/London")


@pytest.fixture
def shell_at(desktop: Desktop, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
             ) -> Iterator[object]:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", desktop.env["DBUS_SESSION_BUS_ADDRESS"])
    desktop.run("dunstctl", "close-all")
    made: list[tuple[Shell, Store, time_machine.travel]] = []
    clocks: list[time_machine.Coordinates] = []

    def make(hour: int, minute: int, second: int) -> Shell:
        traveller = time_machine.travel(datetime(2026, 11, 23, hour, minute, second, tzinfo=TZ),
                                        tick=False)
        clocks.append(traveller.start())
        store = Store(tmp_path, clock=lambda: datetime.now(TZ))
        catalog = load_catalog()
        today = TodayPage()
        window = MainWindow(catalog, home=("Today", today))
        qtbot.addWidget(window)
        plan = plan_for_day(store, default_plan(), catalog.exercises, datetime.now(TZ).date())
        service = ReminderService(Lifecycle(  # as the app builds it
            plan, TZ, store, portion_mg=catalog.portion_mg, foods=catalog.food_mg))
        shell = Shell(catalog, store, service, window, today)
        window.show()
        service.start()
        shell.start()
        made.append((shell, store, traveller))
        return shell

    def travel_to(moment: datetime) -> None:
        """Move the last shell's clock on, as time would while she is away."""
        clocks[-1].move_to(moment)

    make.travel_to = travel_to  # type: ignore[attr-defined]
    yield make
    for shell, store, traveller in made:
        shell.service.stop()
        shell.notifier.shutdown()
        store.close()
        traveller.stop()
    desktop.run("dunstctl", "close-all")


def test_start_now_in_dunst_runs_the_session_and_records_one_answer(
    desktop: Desktop, shell_at, qtbot  # type: ignore[no-untyped-def]
) -> None:
    shell = shell_at(8, 0, 20)  # started 20 s after the morning session was due
    assert shell.notifier.available
    _wait_for("the session's notification", lambda: desktop.displayed_notifications() == 1)
    day = shell.service.lifecycle.day(shell.service.now())
    key = next(e.reminder.key for e in day.entries if e.reminder.label == "Morning")
    assert shell.service.lifecycle.on_screen(Kind.EXERCISE) == key
    with qtbot.waitSignal(shell.notifier.actionInvoked, timeout=10_000):
        desktop.invoke_action("Start now")
    page = shell.window.exercises_page
    assert shell.window.pages.currentWidget() is page
    view = page.view
    assert view is not None and view.session.running
    assert shell.window.windowTitle() == "Morning exercises — Back Care"
    _wait_for("dunst to let it go", lambda: desktop.displayed_notifications() == 0)
    for _ in range(3000):  # the session's own clock, a second a tick: no waiting
        if view.session.phase is Phase.SUMMARY:
            break
        view.tick(1)
    assert view.session.outcome.complete
    with qtbot.waitSignal(shell.window.sessionFinished, timeout=1000):
        qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    events = [e.event for e in shell.store.events() if e.reminder_key == key]
    assert events == [EventKind.SHOWN, EventKind.DONE]
    assert shell.today_page.row(key).entry.state is State.DONE
    assert shell.window.pages.currentWidget() is shell.today_page


def test_taken_in_the_app_takes_the_calcium_notification_down(
    desktop: Desktop, shell_at, qtbot  # type: ignore[no-untyped-def]
) -> None:
    shell = shell_at(7, 30, 5)
    _wait_for("breakfast's notification", lambda: desktop.displayed_notifications() == 1)
    row = next(r for r in shell.today_page.rows if r.entry.reminder.meal == "breakfast")
    qtbot.mouseClick(row.buttons[Action.TAKEN], Qt.MouseButton.LeftButton)
    menu = shell.today_page.food_menu  # which food: the chooser, her foods first
    assert menu is not None
    menu.actions_by_food["tofu"].trigger()
    _wait_for("the answered notification to close",
              lambda: desktop.displayed_notifications() == 0)
    assert [(e.event, e.food) for e in shell.store.events() if e.reminder_key == row.key] == [
        (EventKind.SHOWN, None), (EventKind.DONE, "tofu")]
