"""The D-Bus link on a real bus daemon: signals arrive on the Qt main thread, a lost bus is
noticed, and a bus without a notification server means the tray balloon is used."""

from __future__ import annotations

import threading

import pytest
from jeepney import DBusAddress, MatchRule, new_signal
from jeepney.io.blocking import open_dbus_connection

from backcare.desktop.bus_link import BusLink
from backcare.desktop.notifications import DesktopNotifier
from tests.desktop_fixture import BusDaemon

PATH, INTERFACE = "/org/example/Baby", "org.example.Baby"


def test_signals_arrive_on_the_main_thread_and_a_lost_bus_is_noticed(
    own_bus_daemon: BusDaemon, qtbot  # type: ignore[no-untyped-def]
) -> None:
    rule = MatchRule(type="signal", interface=INTERFACE, path=PATH)
    link = BusLink.open(own_bus_daemon.address, [rule])
    assert link is not None and link.connected
    threads: list[threading.Thread] = []
    link.received.connect(lambda _msg: threads.append(threading.current_thread()))

    sender = open_dbus_connection(bus=own_bus_daemon.address)
    try:
        with qtbot.waitSignal(link.received, timeout=5000) as got:
            sender.send(new_signal(DBusAddress(PATH, interface=INTERFACE), "Woke", "s", ("now",)))
        assert got.args[0].body == ("now",)
        assert threads == [threading.main_thread()]
    finally:
        sender.close()

    with qtbot.waitSignal(link.lost, timeout=5000):
        own_bus_daemon.stop()
    assert not link.connected
    with pytest.raises(ConnectionError):
        link.call(new_signal(DBusAddress(PATH, interface=INTERFACE), "Again"))


def test_no_bus_at_all_gives_no_link(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert BusLink.open(f"unix:path={tmp_path / 'nothing-here'}") is None
    assert BusLink.open("tcp:host=localhost,port=1") is None  # a transport jeepney lacks


def test_a_bus_without_a_notification_server_means_the_fallback(
    own_bus_daemon: BusDaemon, monkeypatch: pytest.MonkeyPatch, qapp  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", own_bus_daemon.address)
    notifier = DesktopNotifier()
    assert not notifier.available
    assert notifier.show("posture", "Posture break", "Stand up and stretch") is False
