"""One way to build the app's shell for a test, as app/main.py builds it, and to stop it.

The shell tests, the File menu's sheet and calendar actions and the store-notice fault test
all need a running shell on a real store; building it here keeps them from drifting apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import time_machine
from pytestqt.qtbot import QtBot

from backcare.app.shell import Shell
from backcare.catalog import Catalog
from backcare.core.lifecycle import Lifecycle
from backcare.core.plan import Plan
from backcare.core.store import Store
from backcare.scheduling.service import ReminderService
from backcare.ui.main_window import MainWindow
from backcare.ui.today_page import TodayPage


def start_shell(qtbot: QtBot, catalog: Catalog, store: Store, plan: Plan, tz: ZoneInfo
                ) -> Shell:
    """A started shell on ``store`` with ``plan``: the window (Today first), the lifecycle
    with the catalogue's foods, the reminder service."""
    today_page = TodayPage()
    window = MainWindow(catalog, home=("Today", today_page))
    qtbot.addWidget(window)
    service = ReminderService(Lifecycle(plan, tz, store, portion_mg=catalog.portion_mg,
                                        foods=catalog.food_mg))
    shell = Shell(catalog, store, service, window, today_page, plan)
    service.start()
    shell.start()
    return shell


def stop_shell(shell: Shell) -> None:
    """Stop its timer and notifications and close its store; and let its window close for
    real when qtbot closes it (a refused close would tell her it runs on: app/background)."""
    shell.window.let_close()
    shell.service.stop()
    shell.notifier.shutdown()
    shell.store.close()


@contextmanager
def shell_at(qtbot: QtBot, folder: Path, catalog: Catalog, plan: Plan, tz: ZoneInfo,
             now: datetime) -> Iterator[Shell]:
    """A started shell on a fresh store in ``folder`` with ``plan``, its clock standing still at
    ``now`` (time-machine, tick=False); stopped again afterwards."""
    with time_machine.travel(now, tick=False):
        shell = start_shell(qtbot, catalog, Store(folder, clock=lambda: datetime.now(tz)),
                            plan, tz)
        try:
            yield shell
        finally:
            stop_shell(shell)
