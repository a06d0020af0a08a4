"""Can Qt open a window here? Answered before Qt loads, because Qt's own answer is an abort.

When the X server is missing or a system library is absent, Qt's xcb plugin calls qFatal and the
process dies with a core dump and a wall of text. A tired person deserves one sentence saying
what is missing and what to do, so we check the usual causes first.
"""

from __future__ import annotations

import os
import re
import socket

_HEADLESS_PLATFORMS = {"offscreen", "minimal", "vnc", "eglfs", "linuxfb", "minimalegl"}
# Libraries Qt's xcb platform plugin loads that a minimal Debian or Ubuntu may lack.
# The shared object Qt opens -> the Debian package that ships it. Checked by opening it, as Qt
# will: quicker than ctypes.util.find_library (which runs ldconfig), and exactly Qt's question.
_XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


def _x_server_reachable(display: str) -> bool:
    match = re.fullmatch(r"(?P<host>[^:]*):(?P<num>\d+)(\.\d+)?", display)
    if match is None:
        return False
    host, num = match.group("host"), int(match.group("num"))
    if host in ("", "unix"):
        for address in (f"/tmp/.X11-unix/X{num}", f"\0/tmp/.X11-unix/X{num}"):
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.settimeout(1.0)
                try:
                    sock.connect(address)
                    return True
                except OSError:
                    continue
        return False
    try:
        with socket.create_connection((host, 6000 + num), timeout=1.0):
            return True
    except OSError:
        return False


def missing_xcb_packages() -> list[str]:
    """Debian package names of the xcb libraries that Qt needs and this system lacks."""
    return [pkg for lib, pkg in _XCB_LIBRARIES.items() if not _loads(lib)]


def _loads(soname: str) -> bool:
    import ctypes  # only when there is a screen to check for

    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_display_reason(environ: dict[str, str] | None = None) -> str | None:
    """One sentence saying why no window can open, or None when one can."""
    env = os.environ if environ is None else environ
    platform = env.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    if platform in _HEADLESS_PLATFORMS:
        return None
    if platform.startswith("wayland") or (not platform and env.get("WAYLAND_DISPLAY")):
        return None
    display = env.get("DISPLAY", "")
    if not display:
        return (
            "Back Care needs a desktop screen, but none was found (DISPLAY is not set): "
            "start it from your desktop session, or use 'backcare figures --out DIR', "
            "which works without one."
        )
    if not _x_server_reachable(display):
        return (
            f"Back Care cannot reach the screen {display}: make sure your desktop session is "
            "running and start Back Care from inside it."
        )
    missing = missing_xcb_packages()
    if missing:
        return (
            "Back Care cannot open its window because this system lacks "
            f"{', '.join(missing)}: install {'it' if len(missing) == 1 else 'them'} "
            f"(sudo apt-get install {' '.join(missing)}) and start it again."
        )
    return None
