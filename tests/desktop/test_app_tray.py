"""The running app on a real desktop: its tray menu pauses and resumes reminders, and a second
launch adds nothing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from backcare.core.store import Store
from backcare.settings import SETUP_KEY
from tests.desktop_fixture import Desktop, _wait_for

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.desktop


def _env(desktop: Desktop) -> dict[str, str]:
    env = dict(desktop.env)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env["TZ"] = "Europe/London"
    return env


def _setting(data: Path, key: str) -> str | None:
    db = sqlite3.connect(f"file:{data / 'backcare.sqlite3'}?mode=ro", uri=True)
    try:
        row = db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    finally:
        db.close()
    return None if row is None else row[0]


def launch(desktop: Desktop, data: Path) -> subprocess.Popen[str]:
    """Start Back Care as she does, and wait until its window is on screen."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "backcare", "--data-dir", str(data)],
        env=_env(desktop), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        desktop.run("xdotool", "search", "--sync", "--onlyvisible", "--name", "^Back Care$",
                    timeout=60)
    except BaseException:
        proc.terminate()
        proc.wait(timeout=30)
        raise
    return proc


@pytest.fixture
def running_app(desktop: Desktop, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Path]]:
    data = tmp_path / "data"
    # Setup answered, as on every day after the first: the setup window, opening just after
    # the main one, would otherwise be taken for the tray menu by tray_menu_choose.
    store = Store(data, clock=lambda: datetime.now(UTC))
    store.set_setting(SETUP_KEY, "skipped")
    store.close()
    proc = launch(desktop, data)
    try:
        _wait_for("the tray icon", lambda: bool(desktop.tray_icons("Back Care")))
        yield proc, data
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_pause_and_resume_from_the_tray_menu(desktop: Desktop, running_app) -> None:  # type: ignore[no-untyped-def]
    _, data = running_app
    assert _setting(data, "paused_until") in (None, "null")
    desktop.tray_menu_choose("Back Care", downs=2)  # "Pause for 30 minutes"
    _wait_for("the pause to be saved", lambda: _setting(data, "paused_until") not in (None, "null"))
    assert _setting(data, "paused_until").startswith('"')  # an ISO time, as JSON text
    desktop.tray_menu_choose("Back Care", downs=2)  # the pause entries are hidden: "Resume"
    _wait_for("the resume to be saved", lambda: _setting(data, "paused_until") == "null")


def test_a_second_launch_raises_the_first_and_adds_nothing(desktop: Desktop, running_app) -> None:  # type: ignore[no-untyped-def]
    first, data = running_app
    second = subprocess.run(
        [sys.executable, "-m", "backcare", "--data-dir", str(data)],
        env=_env(desktop), capture_output=True, text=True, timeout=60, check=False,
    )
    assert second.returncode == 0
    assert "already running" in second.stdout
    assert first.poll() is None
    assert len(desktop.window_ids("^Back Care$")) == 1
    assert len(desktop.tray_icons("Back Care")) == 1
