"""How another process talks to the running Back Care. No Qt.

The socket is only for talking; who runs is decided by the lock (``instance_lock``). It lives
beside the lock in her private runtime folder. Two one-line messages exist: ``show`` (a second
launch raises the first window) and ``reload`` (``backcare settings import`` tells a running
app to read the new settings at once). Kept free of Qt so the command line can send them
without loading a GUI toolkit.

Both ends ask the kernel who is at the other end (``SO_PEERCRED``) and talk only to their own
user: a socket another user left in a shared folder never hears her settings being reloaded,
and a stranger's "show" never reaches her window.
"""

from __future__ import annotations

import os
import socket
import struct
import time
from pathlib import Path

from backcare.desktop.instance_lock import runtime_folder

CONNECT_TIMEOUT_S = 3.0  # longer than the app's idle timeout, so a queue of idle callers passes
RETRY_EVERY_S = 0.02
MESSAGES = (b"show", b"reload")
_CRED = struct.Struct("3i")  # struct ucred: pid, uid, gid


def default_name() -> str:
    return "backcare"  # the folder is hers alone, so the name need not say whose


def socket_path(name: str | None = None, folder: Path | None = None) -> Path | None:
    if folder is None:
        found = runtime_folder()
        if found is None:
            return None
        folder = found.path
    return folder / f"{name or default_name()}.sock"


def peer_uid(sock: socket.socket) -> int:
    """The uid of the process at the other end of a connected Unix socket, from the kernel."""
    _, uid, _ = _CRED.unpack(sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, _CRED.size))
    return int(uid)


def _send_once(message: bytes, path: Path) -> bool | None:
    """True when sent, False when the listener is not hers, None when nobody is listening."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(CONNECT_TIMEOUT_S)
        try:
            sock.connect(str(path))
        except OSError:
            return None
        try:
            if peer_uid(sock) != os.getuid():
                return False  # never tell another user's socket anything
            sock.sendall(message + b"\n")
        except OSError:
            return None
    return True


def tell_running(message: bytes, path: Path | None = None, patience_s: float = 0.0) -> bool:
    """Send one message to the running Back Care; False when none of hers is listening.

    ``patience_s`` is how long to keep trying while nobody answers yet: a second launch that
    found the lock held knows a Back Care is starting, and gives it a moment to open its
    socket (the first binds it right after taking the lock).
    """
    path = path if path is not None else socket_path()
    if path is None:
        return False
    deadline = time.monotonic() + patience_s
    while True:
        sent = _send_once(message, path)
        if sent is not None:
            return sent
        if time.monotonic() >= deadline:
            return False
        time.sleep(RETRY_EVERY_S)  # polls a condition (the socket answers), up to a deadline
