"""Notifications reach a real daemon (dunst) with their buttons, replace per kind, and report
the button she pressed."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from backcare.desktop.notifications import DesktopNotifier
from tests.desktop_fixture import Desktop

pytestmark = pytest.mark.desktop

POSTURE_ACTIONS = [("default", "Open"), ("start", "Start now"), ("snooze", "Snooze 10 min"),
                   ("skip", "Skip")]


@pytest.fixture
def notifier(desktop: Desktop, qapp: object, monkeypatch: pytest.MonkeyPatch
             ) -> Iterator[DesktopNotifier]:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", desktop.env["DBUS_SESSION_BUS_ADDRESS"])
    desktop.run("dunstctl", "close-all")
    n = DesktopNotifier()
    yield n
    n.shutdown()
    desktop.run("dunstctl", "close-all")


def test_a_notification_reaches_dunst_with_its_buttons(desktop: Desktop, notifier: DesktopNotifier,
                                                        qtbot: object) -> None:
    assert notifier.available
    assert notifier.server == "dunst"
    assert notifier.show("posture", "Time for a posture break", "Stand up and stretch.",
                         POSTURE_ACTIONS)
    assert desktop.displayed_notifications() == 1
    with qtbot.waitSignal(notifier.actionInvoked, timeout=10_000) as signal:  # type: ignore[attr-defined]
        desktop.invoke_action("Snooze 10 min")
    assert signal.args == ["posture", "snooze"]
    labels = " | ".join(desktop.offered_actions())
    for _, label in POSTURE_ACTIONS:
        assert label in labels


def test_a_new_notification_of_a_kind_replaces_the_old_one(desktop: Desktop,
                                                           notifier: DesktopNotifier) -> None:
    notifier.show("posture", "Posture break", "First", POSTURE_ACTIONS)
    first = notifier.notification_id("posture")
    notifier.show("posture", "Posture break", "Second", POSTURE_ACTIONS)
    assert notifier.notification_id("posture") == first
    notifier.show("calcium", "Calcium with lunch", "A glass of milk?", [("taken", "Taken")])
    assert desktop.displayed_notifications() == 2
    notifier.close("posture")
    assert desktop.displayed_notifications() == 1


def test_a_nul_in_a_label_does_not_end_the_notifications_of_the_session(
    desktop: Desktop, notifier: DesktopNotifier
) -> None:
    """A control character reaching the bus makes it drop the connection; the notifier puts a
    space in its place, so this one is shown and the next one still is."""
    from backcare.desktop.notifications import bus_text

    assert bus_text("Tea\x00time\tnow\nand later\x7f") == "Tea time now\nand later "
    assert notifier.show("exercise", "Morning\x00 exercises", "Cat back\x01, bridge",
                         [("start\x00", "Start\x00 now")])
    assert desktop.displayed_notifications() == 1
    assert notifier.available
    assert notifier.show("calcium", "Calcium with lunch", "A glass of milk?", [("taken", "Taken")])
    assert desktop.displayed_notifications() == 2


def test_the_servers_activation_token_is_left_for_qt_before_the_button_arrives(
    desktop: Desktop, notifier: DesktopNotifier, qtbot: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GNOME and KDE send ``ActivationToken`` just before ``ActionInvoked`` (spec 1.2); dunst
    does not, so the test sends that one signal on the real bus, as such a server would. By
    the time the button reaches the app, the token waits in XDG_ACTIVATION_TOKEN, where Qt's
    Wayland plugin takes it when the window asks to come to the front."""
    monkeypatch.delenv("XDG_ACTIVATION_TOKEN", raising=False)
    assert notifier.show("exercise", "Morning exercises", "Bridge.", [("start", "Start now")])
    server_id = notifier.notification_id("exercise")
    assert server_id is not None
    seen: list[str | None] = []
    notifier.actionInvoked.connect(
        lambda *_: seen.append(os.environ.get("XDG_ACTIVATION_TOKEN")))
    desktop.run("dbus-send", "--session", "--type=signal", "/org/freedesktop/Notifications",
                "org.freedesktop.Notifications.ActivationToken", f"uint32:{server_id}",
                "string:backcare-test-token")
    desktop.run("dbus-send", "--session", "--type=signal", "/org/freedesktop/Notifications",
                "org.freedesktop.Notifications.ActivationToken", f"uint32:{server_id + 999}",
                "string:someone-elses-token")  # another app's notification: not ours to take
    with qtbot.waitSignal(notifier.actionInvoked, timeout=10_000):  # type: ignore[attr-defined]
        desktop.invoke_action("Start now")
    assert seen == ["backcare-test-token"]
