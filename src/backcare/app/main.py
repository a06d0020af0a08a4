"""Builds the QApplication, the store, the window and the shell, and runs the event loop.

Kept apart from ``cli`` so that the command line never pays for importing Qt when it does
not open a window. The start-up measures themselves live in ``startup.py``.
"""

from __future__ import annotations

import sys
from datetime import date, datetime, tzinfo
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from backcare import __version__
from backcare.app.shell import Shell
from backcare.catalog import load_catalog
from backcare.core.fields import use_parse_cache
from backcare.core.lifecycle import Lifecycle
from backcare.core.parse_cache import ParseCache
from backcare.core.zone import local_zone
from backcare.desktop.single_instance import SECOND_START, SingleInstance
from backcare.scheduling.service import ReminderService
from backcare.settings import content_cache_path, load_plan, open_store, plan_for_day
from backcare.ui.app_icon import app_icon
from backcare.ui.base_font import raise_small_base_font
from backcare.ui.focus_ring import install_focus_ring
from backcare.ui.main_window import MainWindow
from backcare.ui.today_page import TodayPage


def _today(tz: tzinfo) -> date:
    return datetime.now(tz).date()


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
    raise_small_base_font(app)  # never under 10 pt (ui/base_font)
    install_focus_ring(app)  # the keyboard's focus ring, on every window (ui/focus_ring)

    lock = SingleInstance()
    claim = lock.claim()
    for notice in lock.notices:
        print(notice, file=sys.stderr)
    if not claim.runs:
        print(SECOND_START[claim])
        return 0

    tz = local_zone()
    store, problem = open_store(data_dir_override, tz, fallback=True)  # never None
    if store is None:
        print(problem, file=sys.stderr)
        return 1
    plan = load_plan(store)
    parse_cache = ParseCache.open(content_cache_path())
    use_parse_cache(parse_cache)
    catalog = load_catalog(lazy_poses=True)
    today_page = TodayPage()
    window = MainWindow(catalog, home=("Today", today_page))
    lifecycle = Lifecycle(plan_for_day(store, plan, catalog.exercises, _today(tz)), tz, store,
                          portion_mg=catalog.portion_mg, foods=catalog.food_mg)
    service = ReminderService(lifecycle)
    shell = Shell(catalog, store, service, window, today_page, plan)
    lock.activated.connect(window.bring_to_front)
    lock.reloadRequested.connect(shell.reload_plan)
    app.commitDataRequest.connect(lambda _manager: window.let_close())  # her logout
    window.show()
    service.start()
    shell.start()
    shell.show_store_news()
    store.check_in_background()  # the whole-file check, off the main thread (core/store_check)
    if quit_when_ready:
        # Zero-delay: fires once the event loop has processed the show and first paint.
        # "ready" on stdout marks that moment for whoever measures it (benchmarks/run.py),
        # apart from the time the process then takes to end.
        QTimer.singleShot(0, lambda: (print("ready", flush=True), window.quit_app()))
    elif shell.needs_setup():
        QTimer.singleShot(0, shell.open_setup)
    parse_cache.save()  # only writes when something was parsed afresh (first start, upgrade)
    code = app.exec()
    service.stop()
    shell.notifier.shutdown()
    lock.release()
    store.close()
    if not shell.erased:  # after "Delete all my data" nothing is written again
        parse_cache.save()  # content first read after start (poses, safety)
    use_parse_cache(None)
    return code
