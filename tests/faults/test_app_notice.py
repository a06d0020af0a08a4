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
