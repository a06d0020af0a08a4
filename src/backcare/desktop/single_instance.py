"""One Back Care per person: a second launch raises the first window and adds no reminders.

A Unix socket in her runtime folder ($XDG_RUNTIME_DIR, which only she can enter) is the lock:
the first instance listens; a later one connects, says "show", and exits. A socket file left
behind by a crash is detected (nobody answers) and taken over. ``backcare settings import``
says "reload" on the same socket (see ``backcare.desktop.instance_socket``).

Plain Python sockets watched by a ``QSocketNotifier``, rather than QtNetwork's QLocalServer:
the lock is a few lines either way, and QtNetwork costs a library load and about 3 MiB of
resident memory at every start (benchmarks/ measures start-up against a bare PySide6 app).
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

from PySide6.QtCore import QObject, QSocketNotifier, Signal

from backcare.desktop.instance_socket import default_name, runtime_folder, tell_running

MAX_LINE = 64
__all__ = ["SingleInstance", "default_name", "runtime_folder"]


class SingleInstance(QObject):
    """``claim()`` is True for the first instance; the first one then emits ``activated``
    (a second launch) or ``reloadRequested`` (settings were imported from the command line)."""

    activated = Signal()
    reloadRequested = Signal()

    def __init__(self, name: str | None = None, parent: QObject | None = None,
                 folder: Path | None = None) -> None:
        super().__init__(parent)
        self.name = name or default_name()
        where = folder if folder is not None else runtime_folder()
        self.path: Path | None = where / self.name if where is not None else None
        self._server: socket.socket | None = None
        self._watch: QSocketNotifier | None = None
        self._clients: dict[int, tuple[socket.socket, QSocketNotifier, bytearray]] = {}
        # Notifiers of finished clients: a notifier must not be deleted inside its own signal,
        # so each is disabled there and only let go of at the next connection or at release.
        self._retired: list[QSocketNotifier] = []

    def claim(self) -> bool:
        if self.path is None:
            return True  # nowhere private to lock: better to run than to refuse to start
        if self._tell_running_instance():
            return False
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            try:
                server.bind(str(self.path))
            except OSError:
                # A socket file left by a crash: nobody answered above, so it is stale.
                self.path.unlink(missing_ok=True)
                server.bind(str(self.path))
            os.chmod(self.path, 0o600)
            server.listen(4)
            server.setblocking(False)
        except OSError:
            server.close()
            return True  # cannot lock; better to run than to refuse to start
        self._server = server
        self._watch = QSocketNotifier(server.fileno(), QSocketNotifier.Type.Read, self)
        self._watch.activated.connect(self._accept)
        return True

    def _tell_running_instance(self) -> bool:
        assert self.path is not None
        return tell_running(b"show", self.path)

    def _accept(self) -> None:
        assert self._server is not None
        self._retired.clear()
        while True:
            try:
                conn, _ = self._server.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return
            conn.setblocking(False)
            fd = conn.fileno()
            watch = QSocketNotifier(fd, QSocketNotifier.Type.Read)
            self._clients[fd] = (conn, watch, bytearray())
            watch.activated.connect(lambda *_, fd=fd: self._read(fd))

    def _read(self, fd: int) -> None:
        entry = self._clients.get(fd)
        if entry is None:
            return
        conn, _, buffer = entry
        try:
            chunk = conn.recv(MAX_LINE)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        buffer += chunk
        if chunk and b"\n" not in buffer and len(buffer) < MAX_LINE:
            return  # the rest of the line is still on its way
        self._drop(fd)
        line = buffer.split(b"\n", 1)[0].strip()
        if line == b"show":
            self.activated.emit()
        elif line == b"reload":
            self.reloadRequested.emit()

    def _drop(self, fd: int) -> None:
        conn, watch, _ = self._clients.pop(fd)
        watch.setEnabled(False)
        self._retired.append(watch)
        conn.close()

    def release(self) -> None:
        for fd in list(self._clients):
            self._drop(fd)
        self._retired.clear()
        if self._watch is not None:
            self._watch.setEnabled(False)
            self._watch.deleteLater()
            self._watch = None
        if self._server is not None:
            self._server.close()
            self._server = None
            if self.path is not None:
                self.path.unlink(missing_ok=True)
