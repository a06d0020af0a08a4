"""Each posture break carries one short tip, the next in turn, and the turn survives a restart
(core/tip_rotation, wired in app/shell). Offscreen with no notification server and no tray,
the reminder reaches her in the window's status bar, which is where the test reads it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from pytestqt.qtbot import QtBot

from backcare.catalog import Catalog, load_catalog
from backcare.core.plan import default_plan
from backcare.core.store import Store
from backcare.messages import short_tip
from tests.ui.shell_parts import start_shell, stop_shell

TZ = ZoneInfo("Europe/London")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def _tip_shown(qtbot: QtBot, catalog: Catalog, data: Path, at: datetime) -> str:
    """Start Back Care at ``at`` (a posture break just due) and return the tip it carried."""
    with time_machine.travel(at, tick=False):
        store = Store(data, clock=lambda: datetime.now(TZ))
        shell = start_shell(qtbot, catalog, store, default_plan(), TZ)
        try:
            message = shell.window.statusBar().currentMessage()
        finally:
            stop_shell(shell)
    assert message.startswith("Time for a posture break. Stand up")
    shorts = {short_tip(t): t.id for t in catalog.tips}
    found = [tip_id for text, tip_id in shorts.items() if message.endswith(text)]
    assert len(found) == 1, message
    return found[0]


def test_each_posture_break_carries_the_next_tip_across_restarts(
    qtbot: QtBot, tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    first = _tip_shown(qtbot, catalog, tmp_path, datetime(2026, 11, 23, 9, 0, 5, tzinfo=TZ))
    second = _tip_shown(qtbot, catalog, tmp_path, datetime(2026, 11, 23, 11, 0, 5, tzinfo=TZ))
    third = _tip_shown(qtbot, catalog, tmp_path, datetime(2026, 11, 23, 13, 0, 5, tzinfo=TZ))
    assert len({first, second, third}) == 3
