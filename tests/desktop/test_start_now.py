"""Her path on a real desktop: the app starts a minute after a session was due, dunst shows it,
"Start now" on the notification brings the window to the front on that session, and the
answered notification is gone. The app runs as she runs it (``python -m backcare``) on Xvfb
with dunst and trayer; what is checked is what the X server says: the visible window, its
title (which names the open session) and the input focus.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backcare.core.plan import DEFAULT_CALCIUM, ExerciseSession, Meal, Plan, Span
from backcare.core.store import Store
from backcare.settings import SETUP_KEY, save_plan
from tests.desktop.test_app_tray import launch
from tests.desktop_fixture import Desktop, _wait_for

pytestmark = pytest.mark.desktop
TZ = ZoneInfo("Europe/London")  # _env runs the app in this zone
SESSION = "Morning exercises — Back Care"


def _plan_due_a_minute_ago() -> Plan:
    """One session a minute ago (today, in waking hours that cover the whole day)."""
    now = datetime.now(TZ)
    at = max(now - timedelta(minutes=1), now.replace(hour=0, minute=0))
    return Plan(
        waking=Span(time(0, 0), time(23, 59)),
        sessions=(ExerciseSession(time(at.hour, at.minute), ("pelvic-floor",), "Morning"),),
        posture_enabled=False,
        calcium_enabled=False,
    )


@pytest.fixture
def app_with_a_session_due(desktop: Desktop, tmp_path: Path
                           ) -> Iterator[subprocess.Popen[str]]:
    data = tmp_path / "data"
    store = Store(data, clock=lambda: datetime.now(TZ))
    save_plan(store, _plan_due_a_minute_ago())
    store.set_setting(SETUP_KEY, "skipped")
    store.close()
    desktop.run("dunstctl", "close-all")
    proc = launch(desktop, data)
    try:
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        desktop.run("dunstctl", "close-all")


def test_start_now_on_the_notification_puts_her_session_on_top(
    desktop: Desktop, app_with_a_session_due: subprocess.Popen[str], tmp_path: Path
) -> None:
    _wait_for("the late session's notification", lambda: desktop.displayed_notifications() == 1)
    assert desktop.window_ids(f"^{SESSION}$") == []  # the window shows Today
    desktop.invoke_action("Start now")
    _wait_for("the session on screen", lambda: bool(desktop.window_ids(f"^{SESSION}$")))
    offered = " | ".join(desktop.offered_actions())
    assert "Start now" in offered and "Snooze 10 min" in offered and "Skip" in offered
    focused = desktop.run("xdotool", "getwindowfocus", "getwindowname").strip()
    assert focused == SESSION
    _wait_for("the answered notification to go", lambda: desktop.displayed_notifications() == 0)
    shot = desktop.screenshot(tmp_path / "start-now.png")
    assert shot.stat().st_size > 10_000
    assert app_with_a_session_due.poll() is None


def _posture_break_due_a_minute_ago() -> Plan:
    """Only posture breaks, every 30 minutes, the first of them a minute ago."""
    now = datetime.now(TZ).replace(second=0, microsecond=0)
    wake = now - timedelta(minutes=31)
    end = wake + timedelta(hours=16)
    meal = wake + timedelta(hours=1)  # every time in a plan must fall in its waking hours
    return Plan(
        waking=Span(time(wake.hour, wake.minute), time(end.hour, end.minute)),
        posture_interval_min=30,
        sessions=(),
        calcium=replace(DEFAULT_CALCIUM, meals=(Meal("breakfast", time(meal.hour, meal.minute)),)),
        calcium_enabled=False,
        exercise_enabled=False,
    )


def test_start_now_on_a_posture_break_puts_its_card_on_top(
    desktop: Desktop, tmp_path: Path
) -> None:
    """The posture break's own card: "Start now" on its notification brings the window up on
    it, titled "Posture break", and the answered notification goes."""
    data = tmp_path / "data"
    store = Store(data, clock=lambda: datetime.now(TZ))
    save_plan(store, _posture_break_due_a_minute_ago())
    store.set_setting(SETUP_KEY, "skipped")
    store.close()
    desktop.run("dunstctl", "close-all")
    proc = launch(desktop, data)
    try:
        _wait_for("the posture break's notification",
                  lambda: desktop.displayed_notifications() == 1)
        desktop.invoke_action("Start now")
        card = "Posture break — Back Care"
        _wait_for("the card on screen", lambda: bool(desktop.window_ids(f"^{card}$")))
        offered = " | ".join(desktop.offered_actions())  # the menu dunst showed
        assert "Start now" in offered and "Doing it now" in offered
        _wait_for("the answered notification to go",
                  lambda: desktop.displayed_notifications() == 0)
        desktop.screenshot(tmp_path / "posture-card.png")
        assert proc.poll() is None
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        desktop.run("dunstctl", "close-all")
