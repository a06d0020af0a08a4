"""Waking from suspend: logind's PrepareForSleep, sent on a real bus daemon, re-arms reminders.

The machine's own system bus cannot be used by a test (and CI has none), so a private
dbus-daemon stands in for it through DBUS_SYSTEM_BUS_ADDRESS, and the test plays logind: it
owns the name org.freedesktop.login1 and emits the signal exactly as logind does.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from jeepney import DBusAddress, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection

from backcare.core.lifecycle import Lifecycle
from backcare.core.plan import default_plan
from backcare.core.store import Store
from backcare.scheduling.service import LOGIND, LOGIND_MANAGER, LOGIND_PATH, ReminderService

TZ = ZoneInfo("Europe/London")


class FrozenMonotonic:
    """Monotonic time stands still while the lid is closed, as it does in a real suspend."""

    def __call__(self) -> float:
        return 1000.0


@pytest.fixture
def logind(bus_daemon: str) -> Iterator[DBusConnection]:
    conn = open_dbus_connection(bus=bus_daemon)
    reply = conn.send_and_get_reply(message_bus.RequestName(LOGIND), timeout=5)
    assert reply.body[0] == 1  # DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER
    yield conn
    conn.close()


def _prepare_for_sleep(conn: DBusConnection, going_to_sleep: bool) -> None:
    address = DBusAddress(LOGIND_PATH, interface=LOGIND_MANAGER)
    conn.send(new_signal(address, "PrepareForSleep", "b", (going_to_sleep,)))


def _service(store: Store) -> ReminderService:
    return ReminderService(Lifecycle(default_plan(), TZ, store), monotonic=FrozenMonotonic())


def test_waking_from_suspend_shows_what_just_came_due_and_gathers_the_rest(
    bus_daemon: str, logind: DBusConnection, monkeypatch: pytest.MonkeyPatch, qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", bus_daemon)
    with time_machine.travel(datetime(2026, 11, 23, 8, 55, tzinfo=TZ), tick=False) as clock:
        store = Store(tmp_path, clock=lambda: datetime.now(TZ))
        service = _service(store)
        service.start()
        try:
            assert service.listening_for_sleep
            _prepare_for_sleep(logind, True)
            clock.shift(timedelta(minutes=10))  # asleep from 08:55 to 09:05
            with qtbot.waitSignal(service.changed, timeout=5000) as woke:
                _prepare_for_sleep(logind, False)
            assert [f"{r.when:%H:%M} {r.kind}" for r in woke.args[0].show] == ["09:00 posture"]
            _prepare_for_sleep(logind, True)
            clock.shift(timedelta(hours=3))  # asleep again until 12:05: 11:00 passed
            with qtbot.waitSignal(service.changed, timeout=5000) as again:
                _prepare_for_sleep(logind, False)
            assert again.args[0].show == () and again.args[0].away == ()  # not a burst
            assert service.next_wake == datetime(2026, 11, 23, 12, 7, tzinfo=TZ)  # settled
            assert service.scheduler.timer_active  # re-armed for what comes next
        finally:
            service.stop()
            store.close()
    assert not service.listening_for_sleep  # stopping lets go of the bus


def test_without_a_system_bus_the_watchdog_is_enough(
    monkeypatch: pytest.MonkeyPatch, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", f"unix:path={tmp_path / 'no-such-bus'}")
    store = Store(tmp_path, clock=lambda: datetime.now(TZ))
    service = _service(store)
    service.start()
    try:
        assert not service.listening_for_sleep
        assert service.scheduler.timer_active
    finally:
        service.stop()
        store.close()
