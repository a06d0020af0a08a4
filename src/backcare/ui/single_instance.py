"""One Back Care per person: a second launch raises the first window and adds no reminders.

A local socket (in the user's runtime folder, so no other user can reach it) is the lock: the
first instance listens; a later one connects, says "show", and exits. A socket left behind by
a crash is detected (nobody answers) and taken over.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

CONNECT_TIMEOUT_MS = 1000


def default_name() -> str:
    return f"backcare-{os.getuid()}"


class SingleInstance(QObject):
    """``claim()`` is True for the first instance; the first one then emits ``activated``."""

    activated = Signal()

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or default_name()
        self._server: QLocalServer | None = None
        self._clients: list[QLocalSocket] = []

    def claim(self) -> bool:
        if self._tell_running_instance():
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # A socket file left by a crash: nobody answered above, so it is stale.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                return True  # cannot lock; better to run than to refuse to start
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    def _tell_running_instance(self) -> bool:
        socket = QLocalSocket(self)
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        socket.write(b"show\n")
        socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        socket.disconnectFromServer()
        return True

    def _on_connection(self) -> None:
        assert self._server is not None
        while (conn := self._server.nextPendingConnection()) is not None:
            self._clients.append(conn)
            conn.readyRead.connect(self._read_clients)
        self._read_clients()

    def _read_clients(self) -> None:
        for conn in list(self._clients):
            if not conn.canReadLine():
                continue
            line = bytes(conn.readLine().data()).strip()
            self._clients.remove(conn)
            conn.abort()
            conn.deleteLater()
            if line == b"show":
                self.activated.emit()

    def release(self) -> None:
        for conn in self._clients:
            conn.abort()
        self._clients.clear()
        if self._server is not None:
            self._server.close()
            self._server = None
