"""One Back Care per person: a second launch raises the first window and adds no reminders.

Who runs is decided by a lock the kernel holds (``instance_lock``): the launch that takes it
is Back Care; every other launch exits, even if the first never answers, so reminders are
never shown twice. The socket beside the lock is only for talking: a later launch says
"show" on it, ``backcare settings import`` says "reload" (``instance_socket``). Only the lock
holder binds the socket, so a socket file found by the holder is a crash's leftover and is
replaced, and a socket another live instance holds is never deleted.

The listening end guards itself: it accepts only its own user (``SO_PEERCRED``), keeps at
most ``MAX_CONNECTIONS`` callers and drops one that stays silent for ``IDLE_TIMEOUT_S``, and
when the process is out of file descriptors it stops watching for a moment instead of being
woken again at once by the same waiting caller (which spun at 100 % CPU).

Plain Python sockets watched by a ``QSocketNotifier``, rather than QtNetwork's QLocalServer:
QtNetwork costs a library load and about 3 MiB of resident memory at every start
(benchmarks/ measures start-up against a bare PySide6 app).
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import math
import os
import socket
import time
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from backcare.desktop.instance_lock import InstanceLock, LockState, RuntimeFolder, runtime_folder
from backcare.desktop.instance_socket import default_name, peer_uid, socket_path, tell_running

MAX_LINE = 64
MAX_CONNECTIONS = 8
IDLE_TIMEOUT_S = 2.0
OUT_OF_FILES_PAUSE_MS = 500
PATIENCE_S = 3.0  # how long a second launch waits for the first to open its socket
BACKLOG = 32
__all__ = ["Claim", "SingleInstance", "default_name", "runtime_folder"]


class Claim(Enum):
    """What ``claim()`` found; ``runs`` says whether this process goes on to be Back Care."""

    FIRST = "first"  # this process holds the lock
    RAISED = "raised"  # another Back Care runs and was asked to come to the front
    UNANSWERED = "unanswered"  # another holds the lock but did not take the message in time
    UNGUARDED = "unguarded"  # no private folder or lock file could be used: run all the same

    @property
    def runs(self) -> bool:
        return self in (Claim.FIRST, Claim.UNGUARDED)


SECOND_START = {
    Claim.RAISED: "Back Care is already running: its window has been brought to the front.",
    Claim.UNANSWERED: "Back Care is already running, but did not answer; it may still be "
                      "starting, and its window comes up when it is ready.",
}


@dataclass
class _Caller:
    """One accepted connection: its socket, the notifier watching it, its deadline, its line."""

    conn: socket.socket
    watch: QSocketNotifier
    deadline: float  # time.monotonic() after which a silent caller is hung up on
    buffer: bytearray = field(default_factory=bytearray)


class SingleInstance(QObject):
    """``claim()`` says whether this process is Back Care; the one that is then emits
    ``activated`` (a second launch) or ``reloadRequested`` (settings were imported).

    ``folder`` is used as given, unchecked (tests; the app lets ``runtime_folder()`` choose).
    """

    activated = Signal()
    reloadRequested = Signal()

    def __init__(self, name: str | None = None, parent: QObject | None = None,
                 folder: Path | None = None, idle_timeout_s: float = IDLE_TIMEOUT_S,
                 patience_s: float = PATIENCE_S) -> None:
        super().__init__(parent)
        self.name = name or default_name()
        found = RuntimeFolder(folder) if folder is not None else runtime_folder()
        self.folder = found
        self.path = socket_path(self.name, found.path) if found is not None else None
        self.lock: InstanceLock | None = (
            InstanceLock(found.path / f"{self.name}.lock") if found is not None else None
        )
        self.notices: list[str] = [found.notice] if found is not None and found.notice else []
        self._idle_s = idle_timeout_s
        self._patience_s = patience_s
        self._server: socket.socket | None = None
        self._bound: tuple[int, int] | None = None  # (st_dev, st_ino) of the socket we made
        self._watch: QSocketNotifier | None = None
        self._paused = False
        self._pauses = 0
        self._callers: dict[int, _Caller] = {}
        self._ids = itertools.count()
        # Notifiers of finished callers: a notifier must not be deleted inside its own signal
        # (Qt crashes), so each is disabled there and only let go of later, outside it.
        self._retired: list[QSocketNotifier] = []
        self._sweep = QTimer(self)  # one timer for every caller: fires at the first deadline
        self._sweep.setSingleShot(True)
        self._sweep.timeout.connect(self._hang_up_idle)

    @property
    def connections(self) -> int:
        """Callers accepted and not yet finished: never more than ``MAX_CONNECTIONS``."""
        return len(self._callers)

    @property
    def pauses(self) -> int:
        """How often it stopped watching for want of a file descriptor, for a while each."""
        return self._pauses

    @property
    def accepting(self) -> bool:
        """False while full or out of file descriptors: callers then wait in the backlog."""
        return self._watch is not None and self._watch.isEnabled()

    def claim(self) -> Claim:
        if self._server is not None:
            return Claim.FIRST  # already ours: never unbind and rebind our own socket
        if self.lock is None or self.path is None:
            self.notices.append("Back Care found no private folder for its lock, so it cannot "
                                "stop a second copy of itself from starting.")
            return Claim.UNGUARDED
        state = self.lock.take()
        if state is LockState.BUSY:
            sent = tell_running(b"show", self.path, patience_s=self._patience_s)
            return Claim.RAISED if sent else Claim.UNANSWERED
        if state is not LockState.HELD:
            self.notices.append(f"Back Care could not use its lock file {self.lock.path}, so "
                                "it cannot stop a second copy of itself from starting.")
            return Claim.UNGUARDED
        if not self._listen(self.path):
            self.notices.append(f"Back Care could not open {self.path}, so starting it again "
                                "will not bring this window to the front.")
        return Claim.FIRST

    def _listen(self, path: Path) -> bool:
        # The lock is ours: no live Back Care can be bound here, so a file left is a crash's.
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            server.bind(str(path))
            os.chmod(path, 0o600)
            info = os.lstat(path)
            server.listen(BACKLOG)
            server.setblocking(False)
        except OSError:
            server.close()
            return False
        self._server = server
        self._bound = (info.st_dev, info.st_ino)
        self._watch = QSocketNotifier(server.fileno(), QSocketNotifier.Type.Read, self)
        self._watch.activated.connect(self._accept)
        return True

    def _update_accepting(self) -> None:
        if self._watch is not None:
            self._watch.setEnabled(not self._paused and len(self._callers) < MAX_CONNECTIONS)

    def _resume(self) -> None:
        self._paused = False
        self._update_accepting()

    def _accept(self) -> None:
        assert self._server is not None
        self._retired.clear()
        while len(self._callers) < MAX_CONNECTIONS:
            try:
                conn, _ = self._server.accept()
            except (BlockingIOError, InterruptedError):
                break
            except OSError as exc:
                if exc.errno in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM):
                    # The caller stays queued and the socket stays readable: look again later.
                    self._paused = True
                    self._pauses += 1
                    QTimer.singleShot(OUT_OF_FILES_PAUSE_MS, self, self._resume)
                break
            if not self._welcome(conn):
                conn.close()
        self._update_accepting()

    def _welcome(self, conn: socket.socket) -> bool:
        try:
            if peer_uid(conn) != os.getuid():
                return False  # another user: not a word of it is read
            conn.setblocking(False)
        except OSError:
            return False
        key = next(self._ids)
        watch = QSocketNotifier(conn.fileno(), QSocketNotifier.Type.Read)
        watch.activated.connect(lambda *_, key=key: self._read(key))
        self._callers[key] = _Caller(conn, watch, time.monotonic() + self._idle_s)
        self._arm_sweep()
        return True

    def _arm_sweep(self) -> None:
        if not self._callers:
            self._sweep.stop()
            return
        first = min(caller.deadline for caller in self._callers.values())
        self._sweep.start(max(0, math.ceil((first - time.monotonic()) * 1000)))

    def _hang_up_idle(self) -> None:
        now = time.monotonic()
        for key in [k for k, caller in self._callers.items() if caller.deadline <= now]:
            self._drop(key)
        self._arm_sweep()

    def _read(self, key: int) -> None:
        caller = self._callers.get(key)
        if caller is None:
            return
        try:
            chunk = caller.conn.recv(MAX_LINE)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        caller.buffer += chunk
        if chunk and b"\n" not in caller.buffer and len(caller.buffer) < MAX_LINE:
            return  # the rest of the line is still on its way
        self._drop(key)
        line = bytes(caller.buffer).split(b"\n", 1)[0].strip()
        if line == b"show":
            self.activated.emit()
        elif line == b"reload":
            self.reloadRequested.emit()

    def _drop(self, key: int) -> None:
        caller = self._callers.pop(key, None)
        if caller is None:
            return
        caller.watch.setEnabled(False)
        self._retired.append(caller.watch)
        caller.conn.close()
        self._update_accepting()

    def release(self) -> None:
        for key in list(self._callers):
            self._drop(key)
        self._retired.clear()
        self._sweep.stop()
        if self._watch is not None:
            self._watch.setEnabled(False)
            self._watch.deleteLater()
            self._watch = None
        if self._server is not None:
            self._server.close()
            self._server = None
            # Still holding the lock, so no other instance can have bound here yet; and only
            # the very socket file we made is removed.
            if self.path is not None:
                with contextlib.suppress(OSError):
                    info = os.lstat(self.path)
                    if (info.st_dev, info.st_ino) == self._bound:
                        self.path.unlink()
            self._bound = None
        if self.lock is not None:
            self.lock.release()
