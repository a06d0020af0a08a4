"""Real desktop notifications (freedesktop.org spec) with action buttons, one on screen per kind.

Why not ``QSystemTrayIcon.showMessage``: on a plain X tray it draws Qt's own balloon, with no
buttons, outside the desktop's notification centre. Why not QtDBus for the call itself: the
``Notify`` method takes ``replaces_id`` as an unsigned 32-bit integer, and PySide6 cannot put a
``uint32`` into a D-Bus message (every Python int becomes ``int32`` or ``uint16``, which daemons
reject). So the messages go over jeepney, a small pure-Python D-Bus client, on the session bus,
through a ``BusLink`` (``bus_link.py`` beside this), which brings replies and signals to the
Qt main thread.

Each kind (exercise, posture, calcium, summary) keeps the id the server gave its last
notification and passes it as ``replaces_id``: a new posture reminder replaces the old one
instead of stacking. ``ActionInvoked`` and ``NotificationClosed`` come back as Qt signals.
Where no notification server answers, ``available`` is False and the caller falls back.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Sequence

from jeepney import DBusAddress, MatchRule, Message, MessageType, new_method_call
from jeepney.low_level import HeaderFields
from PySide6.QtCore import QObject, Signal

from backcare.desktop.bus_link import CALL_ERRORS, BusLink

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
_ADDRESS = DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)


# Control characters other than a line break (a NUL above all) make the bus drop the whole
# connection, which would end every notification of the session: they never reach it.
_NOT_FOR_THE_BUS = re.compile("[\x00-\x09\x0b-\x1f\x7f]")


def bus_text(text: str) -> str:
    """``text`` as it may travel on the bus: control characters replaced by a space."""
    return _NOT_FOR_THE_BUS.sub(" ", text)


class DesktopNotifier(QObject):
    """Sends notifications and reports what she clicked, as ``(kind, action key)``."""

    actionInvoked = Signal(str, str)
    dismissed = Signal(str)

    def __init__(self, app_name: str = "Back Care", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app_name = app_name
        self.icon = "backcare"
        self._ids: dict[str, int] = {}
        self._kinds: dict[int, str] = {}
        self._link: BusLink | None = None
        self.server = ""
        self._connect()

    # -- set-up ------------------------------------------------------------------------------

    def _connect(self) -> None:
        link = BusLink.open("SESSION", [MatchRule(type="signal", interface=SERVICE, path=PATH)],
                            self)
        if link is None:
            return  # no session bus: notifications unavailable, the caller falls back
        try:
            info = link.call(new_method_call(_ADDRESS, "GetServerInformation"))
        except CALL_ERRORS:
            return
        if info.header.message_type == MessageType.error:
            link.close()
            return
        self.server = str(info.body[0])
        link.received.connect(self._on_signal)
        link.lost.connect(self.shutdown)
        self._link = link

    @property
    def available(self) -> bool:
        return self._link is not None and self._link.connected

    def shutdown(self) -> None:
        if self._link is not None:
            self._link.close()

    # -- sending -----------------------------------------------------------------------------

    def show(
        self,
        kind: str,
        summary: str,
        body: str,
        actions: Sequence[tuple[str, str]] = (),
        *,
        urgency: int = 1,
    ) -> bool:
        """Show (or replace) the notification of ``kind``; False when it could not be sent.

        ``actions`` are (key, label) pairs, e.g. ("snooze", "Snooze 10 min"); the key
        "default" is what a click on the notification body invokes.
        """
        if not self.available:
            return False
        assert self._link is not None
        summary, body = bus_text(summary), bus_text(body)
        flat: list[str] = [bus_text(part) for pair in actions for part in pair]
        hints = {
            "urgency": ("y", urgency),
            "category": ("s", "x-backcare.reminder"),
            "desktop-entry": ("s", "backcare"),
        }
        message = new_method_call(
            _ADDRESS,
            "Notify",
            "susssasa{sv}i",
            (self.app_name, self._ids.get(kind, 0), self.icon, summary, body, flat, hints, 0),
        )
        try:
            reply = self._link.call(message)
        except CALL_ERRORS:
            return False
        if reply.header.message_type == MessageType.error:
            return False
        server_id = int(reply.body[0])
        old = self._ids.get(kind)
        if old is not None and old != server_id:
            self._kinds.pop(old, None)
        self._ids[kind] = server_id
        self._kinds[server_id] = kind
        return True

    def close(self, kind: str) -> None:
        """Take the notification of ``kind`` off the screen, if it is there."""
        server_id = self._ids.pop(kind, None)
        if server_id is None or not self.available:
            return
        assert self._link is not None
        self._kinds.pop(server_id, None)
        # On failure the link is closed and reported lost: nothing is left to take down.
        with contextlib.suppress(*CALL_ERRORS):
            self._link.call(new_method_call(_ADDRESS, "CloseNotification", "u", (server_id,)))

    def notification_id(self, kind: str) -> int | None:
        return self._ids.get(kind)

    # -- receiving ---------------------------------------------------------------------------

    def _take_activation_token(self, server_id: int, token: str) -> None:
        """The server's leave to come to the front, sent just before a button's
        ``ActionInvoked`` (Notifications spec 1.2; GNOME and KDE send it). On Wayland a window
        may not raise itself: Qt's ``activateWindow`` hands the compositor the token it finds
        in ``XDG_ACTIVATION_TOKEN`` (and clears it), so "Start now" brings the window up."""
        if server_id in self._kinds and token:
            os.environ["XDG_ACTIVATION_TOKEN"] = token

    def _on_signal(self, msg: Message) -> None:
        member = msg.header.fields.get(HeaderFields.member)
        if member == "ActionInvoked":
            server_id, action = int(msg.body[0]), str(msg.body[1])
            kind = self._kinds.get(server_id)
            if kind is not None:
                self.actionInvoked.emit(kind, action)
        elif member == "ActivationToken":
            self._take_activation_token(int(msg.body[0]), str(msg.body[1]))
        elif member == "NotificationClosed":
            server_id = int(msg.body[0])
            kind = self._kinds.pop(server_id, None)
            if kind is not None and self._ids.get(kind) == server_id:
                del self._ids[kind]
                self.dismissed.emit(kind)
