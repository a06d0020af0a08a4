"""The ``wayland`` fixture: a real Wayland compositor (weston 10) beside the X desktop.

GNOME and KDE now run apps on Wayland, where a client cannot place or raise its own window
and there is no system tray unless the desktop offers one over D-Bus. So Back Care is also run
on weston 10 (Debian 12's). weston draws with its pixman renderer into a window on an Xvfb of
its own, which is only weston's screen and input: the app is given no ``DISPLAY`` and speaks
Wayland alone. That backend, unlike the headless one, gives weston a seat, so a test can click
the window's close button and type into it (xdotool on weston's X window, as a person would).
``--debug`` lets a test read what the compositor itself sees (``weston-debug scene-graph``:
each window's title and its place on the output, top window first) and take a screenshot
(``weston-screenshooter``). weston has no StatusNotifierWatcher, so there is no tray.

The notification daemon stays the X desktop's dunst (``desktop_fixture``): weston 10 lacks
the layer-shell protocol dunst needs to draw on Wayland, and notifications travel over the
session bus, not the display, so the app on Wayland and dunst on Xvfb share only that bus.
Under ``CI=true`` a missing program is a failure, never a skip.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.desktop_fixture import Desktop, _wait_for

PROGRAMS = ("weston", "weston-debug", "weston-screenshooter", "Xvfb", "xdotool", "convert")
OUTPUT_SIZE = (1366, 768)  # a common laptop screen, and one screen_fit is measured on
SOCKET = "backcare-wayland-0"
WESTON_INI = """\
[core]
idle-time=0
[shell]
background-color=0xff204060
panel-position=none
locking=false
animation=none
close-animation=none
startup-animation=none
focus-animation=none
"""
# A top-level window in weston 10's scene-graph dump, and the line after it, e.g.
#   View 0 (role xdg_toplevel, PID 1, surface ID 3, top-level window 'Back Care' of backcare, 0x5):
#       position: (743, 301) -> (1349, 734)
VIEW = re.compile(
    r"View \d+ \(role xdg_toplevel, PID \d+, surface ID \d+, "
    r"top-level window '(?P<title>.*)' of (?P<app>[^,]*), 0x[0-9a-f]+\):\n"
    r"\s+position: \((?P<x1>-?\d+), (?P<y1>-?\d+)\) -> \((?P<x2>-?\d+), (?P<y2>-?\d+)\)"
)


@dataclass(frozen=True)
class View:
    """A window as weston shows it: its title, app id, and corners on the output, in pixels
    (with the decorations Qt draws itself, since weston 10 offers no server-side ones)."""

    title: str
    app_id: str
    left: int
    top: int
    right: int
    bottom: int

    @property
    def size(self) -> tuple[int, int]:
        return self.right - self.left, self.bottom - self.top


@dataclass
class Wayland:
    """A running weston; ``env`` is what a Wayland client needs: no ``DISPLAY``, the
    desktop's session bus (and so its dunst), a private runtime folder of its own."""

    desktop: Desktop
    env: dict[str, str]
    runtime: Path
    screen_env: dict[str, str]  # for xdotool on the Xvfb weston draws into (its input)
    procs: list[subprocess.Popen[bytes]]

    def views(self) -> list[View]:
        """Every top-level window on the output, the top one first (weston's own order)."""
        out = subprocess.run(
            ["weston-debug", "scene-graph"], env=self.env, capture_output=True, text=True,
            timeout=10, check=True,
        )
        return [
            View(m["title"], m["app"], int(m["x1"]), int(m["y1"]), int(m["x2"]), int(m["y2"]))
            for m in VIEW.finditer(out.stdout)
        ]

    def titles(self) -> list[str]:
        return [view.title for view in self.views()]

    def window(self, title: str) -> View | None:
        return next((view for view in self.views() if view.title == title), None)

    def screenshot(self, path: Path) -> Path:
        """The whole output as weston composited it, saved as ``path`` (PNG)."""
        shots = self.runtime / "shots"
        shots.mkdir(mode=0o700, exist_ok=True)
        for old in shots.glob("*.png"):
            old.unlink()
        subprocess.run(["weston-screenshooter"], env=self.env, cwd=shots, capture_output=True,
                       timeout=10, check=True)
        (shot,) = shots.glob("wayland-screenshot-*.png")
        shot.replace(path)
        return path

    def colours(self, shot: Path, view: View) -> int:
        """How many colours the screenshot has inside ``view``: a painted window has hundreds,
        an unpainted surface one or two."""
        width, height = view.size
        out = subprocess.run(
            ["convert", str(shot), "-crop", f"{width}x{height}+{view.left}+{view.top}",
             "+repage", "-format", "%k", "info:"],
            capture_output=True, text=True, timeout=30, check=True,
        )
        return int(out.stdout.strip())

    def xdotool(self, *args: str) -> None:
        """Real input to weston (XTEST on its screen), which passes it to the focused client."""
        subprocess.run(["xdotool", *args], env=self.screen_env, capture_output=True,
                       timeout=10, check=True)

    def click(self, x: int, y: int) -> None:
        """A left click at ``(x, y)`` on the output (weston's window fills its Xvfb)."""
        # --sync waits for the pointer to arrive, so it must really move: park it first.
        self.xdotool("mousemove", "--sync", "0", "0")
        self.xdotool("mousemove", "--sync", str(x), str(y))
        self.xdotool("click", "1")

    def stop(self) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


def _start_screen(width: int, height: int) -> tuple[subprocess.Popen[bytes], str]:
    """An Xvfb of the output's size for weston to draw into; returns it and its DISPLAY."""
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24",
         "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        xvfb.terminate()
        xvfb.wait(timeout=10)
        raise RuntimeError("Xvfb (weston's screen) did not report a display number")
    return xvfb, f":{number}"


def start_wayland(desktop: Desktop, tmp: Path) -> Wayland:
    """weston on one output of ``OUTPUT_SIZE``, its socket in a private runtime folder."""
    runtime = tmp / "runtime"
    runtime.mkdir(mode=0o700)
    config = tmp / "weston.ini"
    config.write_text(WESTON_INI)
    width, height = OUTPUT_SIZE
    xvfb, display = _start_screen(width, height)
    env = {k: v for k, v in desktop.env.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    env.update(XDG_RUNTIME_DIR=str(runtime), XDG_SESSION_TYPE="wayland")
    screen_env = dict(env, DISPLAY=display)
    weston = subprocess.Popen(
        ["weston", "--backend=x11-backend.so", "--use-pixman", f"--socket={SOCKET}",
         f"--width={width}", f"--height={height}", "--debug", f"--config={config}",
         f"--log={tmp / 'weston.log'}"],
        env=screen_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    env["WAYLAND_DISPLAY"] = SOCKET
    wayland = Wayland(desktop, env, runtime, screen_env, [xvfb, weston])

    def answers() -> bool:
        if weston.poll() is not None:
            raise RuntimeError(f"weston exited ({weston.returncode}): see {tmp / 'weston.log'}")
        if not (runtime / SOCKET).exists():
            return False
        done = subprocess.run(["weston-debug", "scene-graph"], env=env, capture_output=True,
                              text=True, timeout=10, check=False)
        return "background for output" in done.stdout  # desktop-shell's client is drawing

    try:
        _wait_for("weston", answers)
    except BaseException:
        wayland.stop()
        raise
    return wayland


@pytest.fixture(scope="session")
def wayland(desktop: Desktop, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wayland]:
    missing = [p for p in PROGRAMS if shutil.which(p) is None]
    if missing:
        reason = f"Wayland programs missing: {', '.join(missing)} (run .ci/run to install them)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    session = start_wayland(desktop, tmp_path_factory.mktemp("wayland"))
    try:
        yield session
    finally:
        session.stop()
