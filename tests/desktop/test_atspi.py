"""What Orca would read, read the way Orca reads it: over AT-SPI on a real desktop.

The real accessibility bus (``at-spi-bus-launcher`` and ``at-spi2-registryd`` from
at-spi2-core) runs on the desktop fixture's D-Bus session bus; Back Care starts as she starts
it, with Qt's AT-SPI bridge switched on as a screen reader would switch it on
(``QT_LINUX_ACCESSIBILITY_ALWAYS_ON``). A separate process, the system ``python3`` with
pyatspi (the library Orca is built on), walks the application's tree and presses buttons
through AT-SPI actions. It must find the Today page's next reminder and calcium tally as she
sees them, and, after pressing the Start button, the card's step, its headings and a figure
described in words.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backcare.catalog import load_catalog
from backcare.core.plan import DEFAULT_CALCIUM, CalciumPlan, ExerciseSession, Meal, Plan, Span
from backcare.core.store import Store
from backcare.figures.pose_words import pose_words
from backcare.settings import SETUP_KEY, save_plan
from tests.desktop_fixture import Desktop, _wait_for

pytestmark = pytest.mark.desktop
ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")
SYSTEM_PYTHON = Path("/usr/bin/python3")
EXERCISE = "pelvic-floor"

# Run by the system python3 (pyatspi is a Debian package, not a pip one). Prints one JSON line
# per node of the Back Care application: depth, role, name, description, showing, focused.
# With "press <words>", it presses (AT-SPI action 0) the push button whose name starts so.
WALKER = r"""
import json, sys, pyatspi

def nodes(node, depth=0):
    states = node.getState()
    yield {"depth": depth, "role": node.getRoleName(), "name": node.name or "",
           "description": node.description or "",
           "showing": states.contains(pyatspi.STATE_SHOWING),
           "focused": states.contains(pyatspi.STATE_FOCUSED)}
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            yield from nodes(child, depth + 1)

desktop = pyatspi.Registry.getDesktop(0)
apps = [desktop.getChildAtIndex(i) for i in range(desktop.childCount)]
app = next(a for a in apps if a is not None and any(
    a.getChildAtIndex(j).name.endswith("Back Care") for j in range(a.childCount)))
if sys.argv[1:2] == ["press"]:
    def find(node):
        if node.getRoleName() == "push button" and (node.name or "").startswith(sys.argv[2]):
            return node
        for i in range(node.childCount):
            found = find(node.getChildAtIndex(i))
            if found is not None:
                return found
        return None
    find(app).queryAction().doAction(0)
else:
    for node in nodes(app):
        print(json.dumps(node))
"""


def _local_midday_zone() -> ZoneInfo:
    """A fixed-offset zone in which it is about midday now, so the day always has reminders
    still to come (Etc/GMT-N is UTC+N)."""
    offset = 12 - datetime.now(UTC).hour
    return ZoneInfo(f"Etc/GMT{-offset:+d}" if offset else "Etc/GMT")


def _plan() -> Plan:
    """Her evening: calcium with dinner at 18:00 and exercises at 20:00, nothing sooner."""
    return Plan(
        waking=Span(time(6, 0), time(23, 0)),
        sessions=(ExerciseSession(time(20, 0), (EXERCISE,), "Evening"),),
        posture_enabled=False,
        calcium=CalciumPlan(meals=(Meal("dinner", time(18, 0)),), daily_target_mg=None,
                            foods=DEFAULT_CALCIUM.foods),
    )


def _required() -> None:
    missing = [str(p) for p in (LAUNCHER, SYSTEM_PYTHON) if not p.exists()]
    probe = subprocess.run([str(SYSTEM_PYTHON), "-c", "import pyatspi"], capture_output=True,
                           check=False) if SYSTEM_PYTHON.exists() else None
    if probe is None or probe.returncode != 0:
        missing.append("python3-pyatspi")
    if missing:
        reason = f"missing {', '.join(missing)} (apt: at-spi2-core python3-pyatspi)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)


@pytest.fixture
def a11y_bus(desktop: Desktop) -> Iterator[None]:
    """The accessibility bus on the desktop's session bus, stopped by its PID after."""
    _required()
    launcher = subprocess.Popen([str(LAUNCHER), "--launch-immediately", "--a11y=1"],
                                env=desktop.env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    try:
        _wait_for("the accessibility bus", lambda: desktop.bus_has("org.a11y.Bus"))
        yield
    finally:
        launcher.terminate()
        launcher.wait(timeout=10)


@pytest.fixture
def app(desktop: Desktop, a11y_bus: None, tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    zone = _local_midday_zone()
    data = tmp_path / "data"
    store = Store(data, clock=lambda: datetime.now(zone))
    save_plan(store, _plan())
    store.set_setting(SETUP_KEY, "skipped")
    store.close()
    env = dict(desktop.env, TZ=zone.key, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.Popen([sys.executable, "-m", "backcare", "--data-dir", str(data)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        desktop.run("xdotool", "search", "--sync", "--onlyvisible", "--name", "^Back Care$",
                    timeout=60)
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def atspi(desktop: Desktop, *args: str) -> list[dict[str, object]]:
    """Run the walker in the system python3 on the desktop's buses."""
    done = subprocess.run([str(SYSTEM_PYTHON), "-c", WALKER, *args], env=desktop.env,
                          capture_output=True, text=True, timeout=60, check=False)
    if done.returncode != 0:
        return []
    return [json.loads(line) for line in done.stdout.splitlines()]


def tree_text(tree: list[dict[str, object]]) -> str:
    """The tree as a screen reader's outline, for a failure message and the report."""
    return "\n".join(f"{'  ' * int(n['depth'])}[{n['role']}] {n['name']!r}"
                     + (f" desc={n['description']!r}" if n["description"] else "")
                     for n in tree if n["showing"])


def test_over_atspi_today_reads_its_next_reminder_and_tally_and_a_card_its_step(
    desktop: Desktop, app: subprocess.Popen[str], tmp_path: Path
) -> None:
    tree: list[dict[str, object]] = []

    def today_read() -> bool:
        tree[:] = atspi(desktop)
        return any(n["role"] == "label" and str(n["name"]).startswith("Next: ") for n in tree)

    _wait_for("the Today page over AT-SPI", today_read, timeout=60)
    (tmp_path / "today-atspi.txt").write_text(tree_text(tree))
    shown = [n for n in tree if n["showing"]]
    labels = {str(n["name"]) for n in shown if n["role"] == "label"}
    reminder = next(name for name in labels if name.startswith("Next: "))
    assert reminder.startswith("Next: calcium with dinner at 18:00, in ")
    assert any("Portions today: 0 of 1 taken" in name for name in labels), tree_text(tree)
    headings = [n["name"] for n in shown if n["role"] == "heading"]
    assert headings == ["Today", "Your day", "Tip of the day", "Calcium"]  # issue 15's tip
    for hidden in ("Your recovery", "Next reminder", "Calcium today"):
        assert hidden not in labels

    atspi(desktop, "press", "Start Evening session")  # as Orca's user presses it: by name
    catalog = load_catalog()
    exercise = catalog.exercise(EXERCISE)
    assert exercise is not None
    figure = f"Figure: {pose_words(catalog.poses[exercise.steps[0].pose])}"

    def today_left(nodes: list[dict[str, object]]) -> list[dict[str, object]]:
        return [n for n in nodes if n["name"] in ("Your day", "Calcium")
                or str(n["name"]).startswith("Start Evening session")]

    def card_read() -> bool:
        """The card is on screen, and the bridge has heard that Today's nodes left it: the
        states travel as events, one after another, so both are waited for."""
        tree[:] = atspi(desktop)
        return (any(n["role"] == "image" and n["showing"] for n in tree)
                and not any(n["showing"] for n in today_left(tree))
                and not any(n["role"] == "heading" and n["name"] == "Today" and n["showing"]
                            for n in tree))

    _wait_for("the card over AT-SPI", card_read, timeout=60)
    (tmp_path / "card-atspi.txt").write_text(tree_text(tree))
    print(tree_text(tree))
    shown = [n for n in tree if n["showing"]]
    names = [str(n["name"]) for n in shown]
    image = next(n for n in shown if n["role"] == "image")
    assert image["name"] == figure
    assert f"Step 1 of {len(exercise.steps)}" in names
    assert exercise.steps[0].instruction in names
    headings = [n["name"] for n in shown if n["role"] == "heading"]
    assert headings[:4] == [exercise.title, "Start position", "Take care",
                            "Stop and ask for advice if"]
    for leaked in ("countdownCaption", "infoHeading", "cautionsHeading"):
        assert leaked not in names
    # The Today page left behind says it is neither on screen nor focused any more.
    left = today_left(tree)
    assert len(left) == 3
    assert [n for n in left if n["showing"] or n["focused"]] == []
    assert app.poll() is None
