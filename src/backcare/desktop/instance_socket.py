"""Where the running Back Care listens, and how another process talks to it. No Qt.

The socket lives in her runtime folder ($XDG_RUNTIME_DIR, which only she can enter). Two
one-line messages exist: ``show`` (a second launch raises the first window) and ``reload``
(``backcare settings import`` tells a running app to read the new settings at once). Kept free
of Qt so the command line can send them without loading a GUI toolkit.
"""

from __future__ import annotations

import os
import socket
import tempfile
from pathlib import Path

CONNECT_TIMEOUT_S = 1.0
MESSAGES = (b"show", b"reload")


def default_name() -> str:
    return "backcare.sock"  # the folder is hers alone, so the name need not say whose


def runtime_folder() -> Path | None:
    """Her private runtime folder, or None when no folder only she can use is found."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime) and os.path.isdir(runtime):
        return Path(runtime)
    folder = Path(tempfile.gettempdir()) / f"backcare-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    if info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None  # somebody else made it: never trust it
    return folder


def socket_path(name: str | None = None, folder: Path | None = None) -> Path | None:
    where = folder if folder is not None else runtime_folder()
    return where / (name or default_name()) if where is not None else None


def tell_running(message: bytes, path: Path | None = None) -> bool:
    """Send one message to the running Back Care; False when none is listening."""
    path = path if path is not None else socket_path()
    if path is None or not path.exists():
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(CONNECT_TIMEOUT_S)
        try:
            sock.connect(str(path))
            sock.sendall(message + b"\n")
        except OSError:
            return False
    return True
