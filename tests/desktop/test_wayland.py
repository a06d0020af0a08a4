"""Back Care on a Wayland desktop (weston 10, ``tests/wayland_fixture.py``): the app speaks
Wayland alone (no ``DISPLAY``), as on GNOME or KDE today. What is checked is what the compositor
says (its scene graph: each window's title, place and stacking) and what it drew (its own
screenshot); notifications are dunst's, over the shared session bus.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backcare.core.store import Store
from backcare.settings import SETUP_KEY, save_plan
from tests.desktop.test_start_now import _posture_break_due_a_minute_ago
from tests.desktop_fixture import _wait_for
from tests.wayland_fixture import OUTPUT_SIZE, View, Wayland

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.desktop
TZ = ZoneInfo("Europe/London")  # _env runs the app in this zone
WINDOW = "Back Care"
CARD = "Posture break — Back Care"
QUESTION = "Quit Back Care? — Back Care"  # Qt adds the app's name to a title that lacks it


def _env(wayland: Wayland) -> dict[str, str]:
    env = dict(wayland.env)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env["TZ"] = "Europe/London"
    env["QT_QPA_PLATFORM"] = "wayland"  # Wayland or nothing: no fallback to X11
    # The title bar Qt draws itself, whatever the host's desktop (on GNOME Qt picks "adwaita"):
    # _close_button clicks its ×.
    env["QT_WAYLAND_DECORATION"] = "bradient"
    assert "DISPLAY" not in env
    return env


def _data(tmp_path: Path) -> Path:
    """Her data folder, setup answered (as on every day after the first)."""
    data = tmp_path / "data"
    store = Store(data, clock=lambda: datetime.now(TZ))
    store.set_setting(SETUP_KEY, "skipped")
    store.close()
    return data


def _launch(wayland: Wayland, data: Path) -> subprocess.Popen[str]:
    """Start Back Care as she does, and wait until weston shows its window."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "backcare", "--data-dir", str(data)],
        env=_env(wayland), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        _wait_for("the window on weston", lambda: wayland.window(WINDOW) is not None, timeout=60)
    except BaseException:
        _stop(proc)
        raise
    return proc


def _stop(proc: subprocess.Popen[str]) -> str:
    """End the app; its stderr, to look for tracebacks."""
    if proc.poll() is None:
        proc.terminate()
    _, err = proc.communicate(timeout=30)
    return err


@pytest.fixture
def app(wayland: Wayland, tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    proc = _launch(wayland, _data(tmp_path))
    yield proc
    assert "Traceback" not in _stop(proc)


def _fits(view: View) -> bool:
    width, height = OUTPUT_SIZE
    return view.left >= 0 and view.top >= 0 and view.right <= width and view.bottom <= height


def test_ready_on_wayland_alone(wayland: Wayland) -> None:
    """The moment benchmarks/run.py times, reached on Wayland with no X display to fall back on."""
    done = subprocess.run(
        [sys.executable, "-m", "backcare", "--quit-when-ready"],
        env=_env(wayland), capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["ready"]


def test_the_window_shows_whole_on_the_output(
    wayland: Wayland, app: subprocess.Popen[str], tmp_path: Path
) -> None:
    """weston places a new window itself (a Wayland client cannot): it must fit, title bar
    (drawn by Qt: weston 10 has no server-side decorations) and all, and be painted."""
    view = wayland.window(WINDOW)
    assert view is not None
    assert view.app_id == "backcare"  # the desktop file's name: her desktop finds its icon by it
    assert _fits(view), f"{view} runs off the {OUTPUT_SIZE} output"
    assert view.size[0] >= 800 and view.size[1] >= 600  # the room was used, not a postage stamp
    shot = tmp_path / "window.png"
    _wait_for("the window's first paint",
              lambda: wayland.colours(wayland.screenshot(shot), view) > 50)
    assert app.poll() is None


def test_start_now_on_a_notification_opens_the_card_where_the_window_is(
    wayland: Wayland, tmp_path: Path
) -> None:
    """The reminder reaches dunst with its actions; "Start now" puts the window on the posture
    break's card. weston 10 has no xdg-activation, so the app cannot raise itself: another
    window that opened over it stays on top, and the card shows beneath it. (A window that was
    closed, and so maps anew, does come on top: the no-tray test below.)"""
    desktop = wayland.desktop
    data = _data(tmp_path)
    store = Store(data, clock=lambda: datetime.now(TZ))
    save_plan(store, _posture_break_due_a_minute_ago())
    store.close()
    desktop.run("dunstctl", "close-all")
    proc = _launch(wayland, data)
    other = subprocess.Popen(["weston-simple-shm"], env=wayland.env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for("the posture break's notification",
                  lambda: desktop.displayed_notifications() == 1)
        _wait_for("the other window, on top", lambda: wayland.titles()[:1] == ["simple-shm"])
        assert wayland.titles() == ["simple-shm", WINDOW]
        desktop.invoke_action("Start now")
        _wait_for("the card in the window", lambda: wayland.window(CARD) is not None)
        offered = " | ".join(desktop.offered_actions())  # the menu dunst showed
        assert "Start now" in offered and "Doing it now" in offered
        assert wayland.titles() == ["simple-shm", CARD]  # one window, not raised
        _wait_for("the answered notification to go",
                  lambda: desktop.displayed_notifications() == 0)
        assert proc.poll() is None
    finally:
        other.terminate()
        other.wait(timeout=10)
        err = _stop(proc)
        desktop.run("dunstctl", "close-all")
    assert "Traceback" not in err


def _close_button(view: View) -> tuple[int, int]:
    """The × Qt's "bradient" title bar draws at its right end (weston 10 draws none): 17 px in
    from the window's edge, 15 px down (measured on a screenshot, Qt 6.11)."""
    return view.right - 17, view.top + 15


def test_without_a_tray_closing_keeps_it_running_and_opening_it_brings_it_back(
    wayland: Wayland, tmp_path: Path
) -> None:
    """weston has no tray: closing the window (its ×, later Ctrl+W) leaves Back Care running,
    one notice says so the first time only, and opening it again (the notice's button, or a
    second launch) brings the window back, on top: weston stacks a window that maps anew on
    top, which is the one way a Wayland client comes forward here. Quit (Ctrl+Q) asks first,
    and then ends it."""
    desktop = wayland.desktop
    seen = subprocess.run(
        [sys.executable, "-c",
         "from PySide6.QtWidgets import QApplication, QSystemTrayIcon;"
         "app = QApplication([]); print(QSystemTrayIcon.isSystemTrayAvailable())"],
        env=_env(wayland), capture_output=True, text=True, timeout=60, check=True,
    )
    assert seen.stdout.strip() == "False"
    data = _data(tmp_path)
    desktop.run("dunstctl", "close-all")
    proc = _launch(wayland, data)
    other: subprocess.Popen[bytes] | None = None
    try:
        view = wayland.window(WINDOW)
        assert view is not None
        wayland.click(*_close_button(view))
        _wait_for("the window to close", lambda: wayland.window(WINDOW) is None)
        _wait_for("the notice that it still runs", lambda: desktop.displayed_notifications() == 1)
        assert proc.poll() is None
        desktop.invoke_action("Open Back Care")  # the notice's button
        _wait_for("the window back from the notice", lambda: wayland.window(WINDOW) is not None)
        (offered,) = desktop.offered_actions()
        assert "(Back Care is still running)" in offered  # the notice's summary, in dunst's menu
        _wait_for("the answered notice to go", lambda: desktop.displayed_notifications() == 0)

        view = wayland.window(WINDOW)
        assert view is not None
        wayland.click((view.left + view.right) // 2, view.top + 15)  # its title bar: focus
        wayland.xdotool("key", "ctrl+w")
        # The notice would be sent (a blocking D-Bus call) before the window's unmap reaches
        # weston, so with the window gone, no new notice means none was sent: told once.
        _wait_for("the window to close again", lambda: wayland.window(WINDOW) is None)
        assert desktop.displayed_notifications() == 0
        assert proc.poll() is None
        other = subprocess.Popen(["weston-simple-shm"], env=wayland.env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_for("another window", lambda: wayland.titles() == ["simple-shm"])
        again = subprocess.run(
            [sys.executable, "-m", "backcare", "--data-dir", str(data)],
            env=_env(wayland), capture_output=True, text=True, timeout=60, check=False,
        )
        assert again.returncode == 0 and "already running" in again.stdout, again.stderr
        _wait_for("the window back", lambda: wayland.window(WINDOW) is not None)
        assert wayland.titles() == [WINDOW, "simple-shm"]  # mapped anew: on top

        wayland.xdotool("key", "ctrl+q")  # weston gave the window that mapped anew the keyboard
        _wait_for("the question", lambda: wayland.window(QUESTION) is not None)
        assert proc.poll() is None  # it asks before anything stops
        wayland.xdotool("key", "Return")  # Quit is the default answer
        assert proc.wait(timeout=30) == 0
    finally:
        if other is not None:
            other.terminate()
            other.wait(timeout=10)
        err = _stop(proc)
        desktop.run("dunstctl", "close-all")
    assert "Traceback" not in err
