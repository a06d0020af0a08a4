"""Builds the QApplication and wires the pure core to the Qt shell.

Kept apart from ``cli`` so that the command line never pays for importing Qt when it does
not open a window. Nothing here decides anything: the service says what is due, ``messages``
says what a notification reads and offers, the widgets show it.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from backcare import __version__
from backcare.catalog import Catalog, load_catalog
from backcare.core.reminders import Reminder
from backcare.core.store import Store
from backcare.core.today import day_timeline
from backcare.core.zone import local_zone
from backcare.messages import away_summary, next_text, notification_for
from backcare.scheduling.service import ReminderService
from backcare.settings import load_plan, open_store
from backcare.ui.main_window import MainWindow
from backcare.ui.notifications import DesktopNotifier
from backcare.ui.single_instance import SingleInstance
from backcare.ui.today_page import TodayPage
from backcare.ui.tray import Tray, app_icon


class Shell(QObject):
    """Connects reminders to notifications, the tray and the window."""

    def __init__(self, catalog: Catalog, store: Store, service: ReminderService,
                 window: MainWindow, today_page: TodayPage | None = None) -> None:
        super().__init__(window)
        self.catalog = catalog
        self.store = store
        self.service = service
        self.window = window
        self.titles = {e.id: e.title for e in catalog.exercises}
        self.shown: dict[str, str] = {}  # notification kind -> reminder key
        self.active_key: str | None = None
        self.notifier = DesktopNotifier(parent=self)
        self.tray = Tray(self)
        self.has_tray = QSystemTrayIcon.isSystemTrayAvailable()
        window.set_close_to_tray(self.has_tray)
        self.tray.openRequested.connect(window.bring_to_front)
        self.tray.quitRequested.connect(window.quit_app)
        self.tray.pauseRequested.connect(service.pause)
        self.tray.resumeRequested.connect(service.resume)
        service.changed.connect(self.refresh_status)
        service.reminderDue.connect(self.on_due)
        service.awaySummary.connect(self.on_away)
        self.notifier.actionInvoked.connect(self.on_action)
        window.sessionDone.connect(self.on_session_done)
        self.today_page = today_page or TodayPage()
        if today_page is None:
            window.add_page("Today", self.today_page)
        milk = next((f for f in catalog.foods if f.id == "milk"), None)
        self.portion_mg = milk.calcium_mg if milk else 250

    def start(self) -> None:
        if self.has_tray:
            self.tray.show()
        self.refresh_status()

    def refresh_status(self) -> None:
        paused = self.service.paused_until()
        paused_text = f"Paused until {paused:%H:%M on %a}" if paused else None
        self.tray.set_status(next_text(self.service.next_due()), paused_text)
        now = self.service.now()
        start = now.replace(hour=0, minute=0, second=0, microsecond=0)
        events = self.store.events(start - timedelta(days=1), start + timedelta(days=2))
        self.today_page.set_day(
            day_timeline(self.service.plan, events, now.date(), now, self.service.tz,
                         self.portion_mg),
            now,
            self.titles,
        )

    def notify(self, kind: str, summary: str, body: str,
               actions: tuple[tuple[str, str], ...]) -> None:
        if not self.notifier.show(kind, summary, body, actions) and self.has_tray:
            self.tray.show_message(summary, body)

    def on_due(self, reminder: Reminder) -> None:
        summary, body, actions = notification_for(reminder, self.titles)
        self.shown[reminder.kind] = reminder.key
        self.notify(reminder.kind, summary, body, actions)
        self.refresh_status()

    def on_away(self, missed: list[Reminder]) -> None:
        title, body = away_summary(missed)
        self.notify("summary", title, body, (("default", "Open"),))

    def on_action(self, kind: str, action: str) -> None:
        key = self.shown.get(kind)
        if kind == "summary" or key is None:
            self.window.bring_to_front()
            return
        if action == "snooze":
            self.service.snooze(key)
        elif action == "skip":
            self.service.answer(key, "skipped")
        elif action == "taken" or (kind == "posture" and action == "start"):
            self.service.answer(key, "done")
        elif action in ("start", "default"):
            self.open_for(key)

    def open_for(self, key: str) -> None:
        self.window.bring_to_front()
        reminder = self.service.pending(key)
        if reminder is not None and reminder.exercises:
            self.active_key = key
            self.window.exercises_page.open_exercise(reminder.exercises[0])

    def on_session_done(self, exercise_id: str, reps: int) -> None:
        self.store.record("exercise", self.active_key or f"free:{exercise_id}", "done",
                          f"{exercise_id} {reps}")
        if self.active_key is not None:
            self.service.answer(self.active_key, "done")
            self.active_key = None


def run_app(*, data_dir_override: Path | None = None, quit_when_ready: bool = False) -> int:
    """Open the main window and run until the person quits."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("backcare")
    app.setApplicationDisplayName("Back Care")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("backcare")
    app.setWindowIcon(app_icon())
    app.setQuitOnLastWindowClosed(False)

    lock = SingleInstance()
    if not lock.claim():
        print("Back Care is already running: its window has been brought to the front.")
        return 0

    tz = local_zone()
    store, problem = open_store(data_dir_override, tz)
    if store is None:
        print(problem, file=sys.stderr)
        return 1
    plan = load_plan(store)
    catalog = load_catalog()
    today_page = TodayPage()
    window = MainWindow(catalog, home=("Today", today_page))
    service = ReminderService(plan, tz, store)
    shell = Shell(catalog, store, service, window, today_page)
    lock.activated.connect(window.bring_to_front)
    app.lastWindowClosed.connect(lambda: None if shell.has_tray else app.quit())
    window.show()
    service.start()
    shell.start()
    for notice in store.notices:
        print(notice, file=sys.stderr)
        window.statusBar().showMessage(notice, 60_000)
    if quit_when_ready:
        # Zero-delay: fires once the event loop has processed the show and first paint.
        QTimer.singleShot(0, window.quit_app)
    code = app.exec()
    service.stop()
    shell.notifier.shutdown()
    lock.release()
    store.close()
    return code
