"""First start on a real desktop: the setup opens over the window, and four presses of Enter
(every answer has a sensible preset, or may be left unanswered) give her a saved plan that
follows her recovery."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.desktop_fixture import Desktop, _wait_for

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.desktop
WIZARD = "^Welcome to Back Care$"


def _settings(data: Path) -> dict[str, object]:
    db = sqlite3.connect(f"file:{data / 'backcare.sqlite3'}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT key, value FROM settings").fetchall()
    finally:
        db.close()
    return {key: json.loads(value) for key, value in rows}


def test_four_enters_take_her_from_first_start_to_her_plan(
    desktop: Desktop, tmp_path: Path
) -> None:
    env = dict(desktop.env)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    data = tmp_path / "data"
    proc = subprocess.Popen(
        [sys.executable, "-m", "backcare", "--data-dir", str(data)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        desktop.run("xdotool", "search", "--sync", "--onlyvisible", "--name", WIZARD,
                    timeout=60)
        desktop.run("xdotool", "windowfocus", "--sync", desktop.window_ids(WIZARD)[0])
        # Next, Next, Next (calcium, left unanswered), I understand
        desktop.run("xdotool", "key", "Return", "Return", "Return", "Return")
        _wait_for("the setup to finish", lambda: not desktop.window_ids(WIZARD))
        _wait_for("the setup to be saved", lambda: _settings(data).get("setup") == "done")
        plan = _settings(data)["plan"]
        assert isinstance(plan, dict)
        assert plan["profile"]["birth_date"] == date.today().isoformat()  # the preset answer
        assert "birth_type" not in plan["profile"]  # "I'd rather not say"
        assert not any(s["pinned"] for s in plan["sessions"])
        # Her age band not said: no age band, no target of her own (1,000 mg is derived)
        assert "age_band" not in plan["calcium"] and "daily_target_mg" not in plan["calcium"]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    day = subprocess.run(
        [sys.executable, "-m", "backcare", "--data-dir", str(data), "today"],
        env=env, capture_output=True, text=True, timeout=60, check=True,
    )
    # The first week, type of birth unknown: only what is safe after any birth.
    assert "Pelvic floor squeezes" in day.stdout
    assert "Bridge" not in day.stdout and "plank" not in day.stdout.lower()
