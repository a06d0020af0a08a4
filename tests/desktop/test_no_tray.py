"""Back Care on a desktop with no tray (stock GNOME's case): closing the window never stops her
reminders, one notification says so, launching it again brings the window back, and Quit asks.

The real app runs on a real X server with a real notification daemon (dunst) and no tray host;
the in-process test sends a reminder that comes due after the window was closed.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from backcare.core.store import Store
from backcare.settings import SETUP_KEY
from tests.desktop.test_app_tray import _env
from tests.desktop.test_app_tray import launch as launch_on
from tests.desktop.test_reminder_flow import shell_at  # noqa: F401  (a fixture)
from tests.desktop_fixture import Desktop, _wait_for

pytestmark = pytest.mark.desktop


def test_closed_without_a_tray_it_keeps_running_and_comes_back(
    trayless_desktop: Desktop, tmp_path: Path
) -> None:
    desktop = trayless_desktop
    data = tmp_path / "data"
    store = Store(data, clock=lambda: datetime.now(UTC))
    store.set_setting(SETUP_KEY, "skipped")
    store.close()
    desktop.run("dunstctl", "close-all")
    proc = launch_on(desktop, data)
    try:
        assert not desktop.tray_running()
        desktop.press("^Back Care$", "ctrl+w")
        _wait_for("the window to close", lambda: not desktop.window_ids("^Back Care$"))
        assert proc.poll() is None  # still running, in the background
        _wait_for("the still-running notice", lambda: desktop.displayed_notifications() == 1)
        desktop.invoke_action("Open Back Care")
        _wait_for("the window to come back", lambda: bool(desktop.window_ids("^Back Care$")))
        assert desktop.offered_actions() == [
            "#Open Back Care (Back Care is still running) [2,default]"]
        _wait_for("dunst to let the notice go", lambda: desktop.displayed_notifications() == 0)

        desktop.press("^Back Care$", "ctrl+w")  # told once: no second notice
        _wait_for("the window to close again", lambda: not desktop.window_ids("^Back Care$"))
        assert desktop.displayed_notifications() == 0
        again = subprocess.run(
            [sys.executable, "-m", "backcare", "--data-dir", str(data)],
            env=_env(desktop), capture_output=True, text=True, timeout=60, check=False,
        )
        assert again.returncode == 0
        assert "already running" in again.stdout
        _wait_for("a second launch to bring it back",
                  lambda: bool(desktop.window_ids("^Back Care$")))

        desktop.press("^Back Care$", "ctrl+q")
        desktop.run("xdotool", "search", "--sync", "--onlyvisible", "--name",
                    r"^Quit Back Care\?$", timeout=30)
        assert proc.poll() is None  # it asks first
        desktop.agree_to_quit()
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert "Traceback" not in (proc.stderr.read() if proc.stderr else "")


def test_a_reminder_due_after_closing_still_reaches_the_notification_daemon(
    desktop: Desktop, shell_at, qtbot: QtBot  # noqa: F811
) -> None:
    shell = shell_at(7, 59, 0)  # the morning session is due at 8:00
    assert shell.has_tray is False  # offscreen Qt: no tray, as on GNOME
    desktop.run("dunstctl", "close-all")  # whatever the start showed (sent before it returned)
    shell.window.close()
    assert not shell.window.isVisible()
    _wait_for("the still-running notice", lambda: desktop.displayed_notifications() == 1)
    shell.window.bring_to_front()  # back by the tray or a second start: the notice goes
    _wait_for("the notice to go", lambda: desktop.displayed_notifications() == 0)
    shell.window.close()  # told once: no second notice
    assert shell.store.get_setting("told_still_running") is True
    shell_at.travel_to(datetime(2026, 11, 23, 8, 0, 5, tzinfo=shell.service.tz))
    shell.service.resync()
    _wait_for("the session's notification", lambda: desktop.displayed_notifications() == 1)
    with qtbot.waitSignal(shell.notifier.actionInvoked, timeout=10_000):
        desktop.invoke_action("Start now")
    assert shell.window.isVisible()
    assert shell.window.pages.currentWidget() is shell.window.exercises_page
    assert Qt.WindowState.WindowMinimized not in shell.window.windowState()
