"""What the window shows of the store's notices: every sentence, and while nothing can be saved,
a box she has to close and a status line that stays.

Before issue 12 each notice replaced the last in the status bar, so only one was ever seen,
and a store that could not be used ended the start with a traceback or a fresh history.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QMainWindow, QMessageBox

from backcare.app.store_notice import show_store_notices
from backcare.core.store import DB_NAME, Store
from tests.faults.conftest import Clock


def test_every_notice_is_shown_not_only_the_last(qtbot, tmp_path: Path, clock: Clock) -> None:  # type: ignore[no-untyped-def]
    store = Store(tmp_path, clock)
    store._db.execute("INSERT INTO settings (key, value) VALUES ('plan', '{x'), ('setup', '{y')")
    store.get_setting("plan")
    store.get_setting("setup")
    window = QMainWindow()
    qtbot.addWidget(window)
    assert show_store_notices(window, store) is None  # news, not an alarm: no box
    shown = window.statusBar().currentMessage()
    assert "(your settings)" in shown and "(whether the first-start setup was done)" in shown


def test_a_store_that_cannot_save_says_so_in_a_box_and_the_status_stays(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, clock: Clock,
) -> None:
    db = sqlite3.connect(tmp_path / DB_NAME)
    db.execute("PRAGMA user_version = 7")
    db.close()
    store = Store(tmp_path, clock, fallback=True)
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    box = show_store_notices(window, store)
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "made by a newer Back Care" in box.text() and "saves nothing" in box.text()
    assert box.windowTitle() == "Back Care cannot save just now"
    assert "made by a newer Back Care" in window.statusBar().currentMessage()
    box.accept()


def test_a_disk_that_fills_up_mid_session_is_told_at_the_next_change(  # type: ignore[no-untyped-def]
    qtbot, disk, clock: Clock, monkeypatch,
) -> None:
    """The notices at start are shown by the shell; one that comes later (the disk filled up
    while the app ran) is shown at the next change the lifecycle reports, once."""
    from zoneinfo import ZoneInfo

    from backcare.app.shell import Shell
    from backcare.catalog import load_catalog
    from backcare.core.lifecycle import Lifecycle
    from backcare.core.lifecycle_io import Changes
    from backcare.core.plan import default_plan
    from backcare.scheduling.service import ReminderService
    from backcare.ui.main_window import MainWindow
    from backcare.ui.today_page import TodayPage

    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    tz = ZoneInfo("Europe/London")
    store = Store(disk.root, clock, fallback=True)
    catalog = load_catalog()
    today = TodayPage()
    window = MainWindow(catalog, home=("Today", today))
    qtbot.addWidget(window)
    service = ReminderService(Lifecycle(default_plan(), tz, store), clock=clock)
    shell = Shell(catalog, store, service, window, today, default_plan())
    shell.show_store_news()
    assert shell.store_box is None and store.notices == []
    disk.fill()
    for n in range(200):  # until the log needs a page the disk has not got
        store.record("posture", f"during:{n}", "done")
        if store.fault is not None:
            break
    assert store.fault is not None
    shell.on_changes(Changes(day=True))
    box = shell.store_box
    assert isinstance(box, QMessageBox) and "is full" in box.text()
    assert "is full" in window.statusBar().currentMessage()
    box.accept()
    shell.on_changes(Changes(day=True))  # told once, not at every change
    assert shell.store_box is box
    shell.notifier.shutdown()
    window.let_close()  # as at logout: qtbot's close after the store is shut is for real
    store.close()
    disk.free()
