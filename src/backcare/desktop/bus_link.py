"""One D-Bus connection whose incoming signals arrive as Qt signals on the main thread.

Back Care talks to two buses: the session bus for desktop notifications (``ui/notifications``)
and the system bus for logind's "going to sleep / woke up" (``scheduling/service``). Both
go through jeepney, a small pure-Python D-Bus client, rather than QtDBus:

* QtDBus cannot send an unsigned 32-bit integer, which ``Notify`` needs (see notifications);
* one client instead of two keeps QtDBus and libdbus out of the process: about 1 MiB less
  resident memory and a few milliseconds less at every start (``benchmarks/``);
* jeepney honours ``DBUS_SYSTEM_BUS_ADDRESS``, so the sleep watch is tested against a real
  bus daemon standing in for the system bus.

The socket is watched by a ``QSocketNotifier``: replies are read synchronously by ``call``,
and signals that match a rule are queued and emitted as ``received`` on the Qt main thread,
with no thread and no polling.
"""

from __future__ import annotations

import copy
from collections import deque
from collections.abc import Sequence

from jeepney import MatchRule, Message
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

CALL_TIMEOUT_S = 2.0
# What jeepney raises when there is no bus, the address is unusable or the daemon goes away.
CONNECT_ERRORS = (OSError, KeyError, ValueError, RuntimeError, TimeoutError, ConnectionError)
CALL_ERRORS = (OSError, TimeoutError, ConnectionError)


class BusLink(QObject):
    """A connection to ``bus`` ("SESSION", "SYSTEM" or an address) listening for ``rules``.

    Use :meth:`open`, which returns None where the bus cannot be reached. ``received`` carries
    each matching signal message; ``lost`` fires once if the bus goes away.
    """

    received = Signal(object)  # a jeepney Message
    lost = Signal()

    def __init__(self, conn: DBusConnection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._conn: DBusConnection | None = conn
        self._queue: deque[Message] = deque()
        self._watch = QSocketNotifier(conn.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._watch.activated.connect(self._drain)

    @classmethod
    def open(
        cls, bus: str, rules: Sequence[MatchRule] = (), parent: QObject | None = None
    ) -> BusLink | None:
        try:
            conn = open_dbus_connection(bus=bus)
        except CONNECT_ERRORS:
            return None
        link = cls(conn, parent)
        try:
            for rule in rules:
                conn.send_and_get_reply(message_bus.AddMatch(rule), timeout=CALL_TIMEOUT_S)
                conn.filter(_without_sender(rule), queue=link._queue)
        except CALL_ERRORS:
            link.close()
            link.deleteLater()
            return None
        return link

    @property
    def connected(self) -> bool:
        return self._conn is not None

    def call(self, message: Message) -> Message:
        """Send a method call and wait (at most 2 s) for its reply, which may be an error.

        Raises ConnectionError when the link is closed, and OSError/TimeoutError when the bus
        fails; the link is then closed and ``lost`` emitted.
        """
        if self._conn is None:
            raise ConnectionError("the D-Bus connection is closed")
        try:
            return self._conn.send_and_get_reply(message, timeout=CALL_TIMEOUT_S)
        except CALL_ERRORS:
            self._lose()
            raise
        finally:
            QTimer.singleShot(0, self._dispatch)  # signals that came in while waiting

    def close(self) -> None:
        self._watch.setEnabled(False)
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _lose(self) -> None:
        if self._conn is not None:
            self.close()
            self.lost.emit()

    def _drain(self) -> None:
        if self._conn is None:
            return
        try:
            while True:
                self._conn.recv_messages(timeout=0)
        except TimeoutError:
            pass
        except (OSError, ConnectionError):
            self._lose()
        self._dispatch()

    def _dispatch(self) -> None:
        while self._queue:
            self.received.emit(self._queue.popleft())


def _without_sender(rule: MatchRule) -> MatchRule:
    """The rule for sorting messages on this connection, once the bus has applied ``rule``.

    A rule may name the sender by its well-known name (``org.freedesktop.login1``), which the
    bus daemon resolves; but a message arrives carrying the sender's unique name (``:1.42``),
    so jeepney's local comparison would drop every one. The daemon has already checked the
    sender, so the local copy leaves it out.
    """
    local = copy.copy(rule)
    local.header_fields = {k: v for k, v in rule.header_fields.items() if k != "sender"}
    return local
