"""A due reminder travels the real path: notification in dunst, a click there, the card opens,
and finishing the card marks the reminder done."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from backcare.app.shell import Shell
from backcare.catalog import load_catalog
from backcare.core.plan import default_plan
from backcare.core.store import Store
from backcare.scheduling.service import ReminderService
from backcare.ui.main_window import MainWindow
from tests.desktop_fixture import Desktop

pytestmark = pytest.mark.desktop
TZ = ZoneInfo("Europe/London")


@pytest.fixture
def shell(desktop: Desktop, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
          ) -> Iterator[Shell]:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", desktop.env["DBUS_SESSION_BUS_ADDRESS"])
    desktop.run("dunstctl", "close-all")
    with time_machine.travel(datetime(2026, 11, 23, 8, 0, 20, tzinfo=TZ), tick=False):
        store = Store(tmp_path, clock=lambda: datetime.now(TZ))
        catalog = load_catalog()
        window = MainWindow(catalog)
        qtbot.addWidget(window)
        service = ReminderService(default_plan(), TZ, store)
        shell = Shell(catalog, store, service, window)
        service.start()
        yield shell
        service.stop()
        shell.notifier.shutdown()
        store.close()
    desktop.run("dunstctl", "close-all")


def test_clicking_a_reminder_opens_its_card_and_done_is_recorded(
    desktop: Desktop, shell: Shell, qtbot  # type: ignore[no-untyped-def]
) -> None:
    assert shell.notifier.available
    with qtbot.waitSignal(shell.service.reminderDue, timeout=5000) as due:
        shell.service._fire()  # the 08:00 slot's job, run as the scheduler would
    reminder = due.args[0]
    assert reminder.exercises == ("breathing-arm-raise", "bridge")
    assert desktop.displayed_notifications() == 1
    with qtbot.waitSignal(shell.notifier.actionInvoked, timeout=10_000):
        desktop.invoke_action("Start now")
    card = shell.window.exercises_page.card
    assert card is not None and card.exercise.id == "breathing-arm-raise"
    assert shell.window.isVisible()
    menu = " | ".join(desktop.offered_actions())
    assert "Snooze 10 min" in menu and "Skip" in menu
    card.finish()
    assert shell.store.latest_event(reminder.key).event == "done"
