"""The ``desktop`` fixture: a real X server, D-Bus session bus, notification daemon and tray host.

Tray and notification behaviour cannot be trusted to an offscreen platform, so these tests run
against the real programs: Xvfb, dbus-daemon, dunst and trayer, started here and stopped by PID.
Under ``CI=true`` a missing program is a failure, never a skip: CI installs them all.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

PROGRAMS = ("Xvfb", "dbus-daemon", "dunst", "trayer", "xdotool", "dunstctl", "import", "xwininfo")
START_TIMEOUT_S = 20.0


def _missing() -> list[str]:
    return [p for p in PROGRAMS if shutil.which(p) is None]


def _wait_for(what: str, check: Callable[[], bool], timeout: float = START_TIMEOUT_S) -> None:
    """Poll a readiness condition of a program we started (not a wait for time to pass)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not become ready within {timeout:.0f} s")


@dataclass
class Desktop:
    """A running desktop session; ``env`` is what a client process needs to join it."""

    env: dict[str, str]
    tmp: Path
    pids: dict[str, int] = field(default_factory=dict)
    _procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def display(self) -> str:
        return self.env["DISPLAY"]

    def run(self, *cmd: str, timeout: float = 30.0, check: bool = True) -> str:
        done = subprocess.run(
            cmd, env=self.env, capture_output=True, text=True, timeout=timeout, check=False
        )
        if check and done.returncode != 0:
            raise AssertionError(f"{cmd} failed ({done.returncode}): {done.stderr.strip()}")
        return done.stdout

    def popen(self, *cmd: str, **kwargs: object) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(cmd, env=self.env, **kwargs)  # type: ignore[call-overload]
        self._procs.append(proc)
        return proc

    def bus_has(self, name: str) -> bool:
        out = subprocess.run(
            [
                "dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", f"string:{name}",
            ],
            env=self.env, capture_output=True, text=True, timeout=5, check=False,
        )
        return "boolean true" in out.stdout

    def window_ids(self, name: str) -> list[str]:
        out = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", name],
            env=self.env, capture_output=True, text=True, timeout=5, check=False,
        )
        return out.stdout.split()

    def press(self, title: str, keys: str) -> None:
        """Type ``keys`` into the window titled ``title`` (a regex), for real (XTEST). There is
        no window manager here, so the window is given keyboard focus first."""
        window = self.window_ids(title)[0]
        self.run("xdotool", "windowfocus", "--sync", window)
        self.run("xdotool", "key", keys)

    def agree_to_quit(self) -> None:
        """Quitting stops her reminders, so Back Care asks first: Enter agrees."""
        self.run("xdotool", "search", "--sync", "--onlyvisible", "--name",
                 r"^Quit Back Care\?$", timeout=30)
        self.press(r"^Quit Back Care\?$", "Return")

    def tray_running(self) -> bool:
        out = subprocess.run(
            ["xwininfo", "-root", "-tree"], env=self.env, capture_output=True, text=True,
            timeout=5, check=False,
        )
        return '"panel"' in out.stdout or "trayer" in out.stdout.lower()

    def displayed_notifications(self) -> int:
        return int(self.run("dunstctl", "count", "displayed").strip())

    def invoke_action(self, label: str) -> None:
        """Open dunst's action menu; our picker chooses the entry containing ``label``.

        dunst runs the picker asynchronously: wait for the app's signal, then read
        ``offered_actions`` to see the whole menu dunst showed.
        """
        (self.tmp / "menu.txt").unlink(missing_ok=True)
        (self.tmp / "pick").write_text(label)
        self.run("dunstctl", "context")

    def offered_actions(self) -> list[str]:
        """The menu lines of the last invoke_action, e.g. "#Skip (Posture) [2,skip]"."""
        return (self.tmp / "menu.txt").read_text().splitlines()

    def tray_icons(self, name: str) -> list[tuple[str, int, int, int, int]]:
        """Windows called ``name`` embedded in trayer's panel: (id, x, y, width, height)."""
        tree = self.run("xwininfo", "-root", "-tree")
        panel = re.search(r'"panel": \("panel" "trayer"\)\s+(\d+)x(\d+)\+(-?\d+)\+(-?\d+)', tree)
        if panel is None:
            return []
        px, py = int(panel.group(3)), int(panel.group(4))
        pw, ph = int(panel.group(1)), int(panel.group(2))
        icons = []
        pattern = (
            r'(0x[0-9a-f]+) "' + re.escape(name) + r'":.*?(\d+)x(\d+)\+-?\d+\+-?\d+\s+'
            r'\+(-?\d+)\+(-?\d+)'
        )
        for m in re.finditer(pattern, tree):
            w, h, x, y = (int(m.group(i)) for i in (2, 3, 4, 5))
            if px <= x < px + pw and py <= y < py + ph:
                icons.append((m.group(1), x, y, w, h))
        return icons

    def tray_menu_choose(self, name: str, downs: int) -> None:
        """Right-click the tray icon and pick the menu entry ``downs`` steps down, by keyboard.

        The icon may still be settling into trayer's panel (embedded, then moved and resized)
        when the first click lands: the click is tried again, at the icon's new place, up to
        three times before giving up.
        """
        before = set(self.visible_windows("backcare"))

        def menu_open() -> bool:
            return bool(set(self.visible_windows("backcare")) - before)

        for attempt in range(3):
            self._open_tray_menu(name, menu_open)
            self.run("xdotool", "key", *(["Down"] * downs), "Return")
            try:
                _wait_for("the tray menu to close", lambda: not menu_open(), timeout=8)
                return
            except RuntimeError:
                # The keys reached the screen before the menu took the keyboard (a busy
                # machine): nothing was chosen, so close it and try the whole pick again.
                self.run("xdotool", "key", "Escape")
                _wait_for("the tray menu to close", lambda: not menu_open(), timeout=5)
                if attempt == 2:
                    raise

    def _open_tray_menu(self, name: str, menu_open: Callable[[], bool]) -> None:
        """Right-click the icon until its menu shows (the icon may still be settling)."""
        for attempt in range(3):
            _, x, y, w, h = self.tray_icons(name)[0]
            # --sync waits for the pointer to arrive, so it must really move: park it first.
            self.run("xdotool", "mousemove", "--sync", "1", "700")
            self.run("xdotool", "mousemove", "--sync", str(x + w // 2), str(y + h // 2))
            self.run("xdotool", "click", "3")
            try:
                _wait_for("the tray menu", menu_open, timeout=4)
                return
            except RuntimeError:
                if attempt == 2:
                    raise

    def visible_windows(self, window_class: str) -> list[str]:
        out = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--class", window_class],
            env=self.env, capture_output=True, text=True, timeout=5, check=False,
        )
        return out.stdout.split()

    def screenshot(self, path: Path) -> Path:
        self.run("import", "-window", "root", str(path))
        return path

    def stop(self) -> None:
        for proc in self._procs:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    proc.kill()
        for pid in reversed(list(self.pids.values())):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                continue
        for pid in self.pids.values():
            _reap(pid)


def _reap(pid: int) -> None:
    # dbus-daemon --fork is not our child; SIGTERM is enough for it.
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def start_desktop(tmp: Path, *, tray: bool = True) -> Desktop:
    """A desktop session; ``tray=False`` leaves out the tray host, as on stock GNOME."""
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    runtime = tmp / "runtime"
    runtime.mkdir(mode=0o700)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    env["HOME"] = str(tmp / "home")
    env["XDG_CONFIG_HOME"] = str(tmp / "home" / ".config")
    env["XDG_DATA_HOME"] = str(tmp / "home" / ".local" / "share")
    Path(env["XDG_CONFIG_HOME"]).mkdir(parents=True)
    desktop = Desktop(env=env, tmp=tmp)

    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    desktop.pids["Xvfb"] = xvfb.pid
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        desktop.stop()
        raise RuntimeError("Xvfb did not report a display number")
    env["DISPLAY"] = f":{number}"

    bus = subprocess.run(
        ["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1",
         "--nosyslog"],
        env=env, capture_output=True, text=True, timeout=10, check=True,
    )
    address, pid = bus.stdout.split("\n")[:2]
    env["DBUS_SESSION_BUS_ADDRESS"] = address.strip()
    desktop.pids["dbus-daemon"] = int(pid)

    # dunst shows a notification's actions through a dmenu-like picker; ours picks the line
    # naming the label written to ``pick`` (see Desktop.invoke_action), as a person would.
    picker = tmp / "pick-action"
    picker.write_text(
        "#!/bin/sh\n"
        f"cat > '{tmp}/menu.txt'\n"
        f"grep -m1 -F \"$(cat '{tmp}/pick')\" '{tmp}/menu.txt'\n"
    )
    picker.chmod(0o755)
    dunstrc = tmp / "dunstrc"
    dunstrc.write_text(
        f"[global]\n    monitor = 0\n    dmenu = {picker}\n"
        "    history_length = 50\n    sticky_history = yes\n"
        "[urgency_low]\n    timeout = 0\n[urgency_normal]\n    timeout = 0\n"
        "[urgency_critical]\n    timeout = 0\n"
    )
    dunst = subprocess.Popen(
        ["dunst", "-config", str(dunstrc)], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    desktop.pids["dunst"] = dunst.pid
    if tray:
        _start_trayer(desktop)
    try:
        _wait_for("dunst", lambda: desktop.bus_has("org.freedesktop.Notifications"))
        if tray:
            _wait_for("trayer", desktop.tray_running)
    except RuntimeError:
        desktop.stop()
        raise
    return desktop


def _start_trayer(desktop: Desktop) -> None:
    trayer = subprocess.Popen(
        ["trayer", "--edge", "top", "--align", "right", "--widthtype", "pixel", "--width", "200",
         "--height", "32", "--transparent", "false", "--tint", "0x333333"],
        env=desktop.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    desktop.pids["trayer"] = trayer.pid


def _need_programs() -> None:
    missing = _missing()
    if missing:
        reason = f"desktop programs missing: {', '.join(missing)} (run .ci/run to install them)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desktop]:
    _need_programs()
    session = start_desktop(tmp_path_factory.mktemp("desktop"))
    try:
        yield session
    finally:
        session.stop()


@pytest.fixture(scope="session")
def trayless_desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desktop]:
    """A desktop with a notification daemon but no tray host: stock GNOME's case."""
    _need_programs()
    session = start_desktop(tmp_path_factory.mktemp("trayless"), tray=False)
    try:
        yield session
    finally:
        session.stop()


def _start_bus_daemon() -> tuple[str, int]:
    if shutil.which("dbus-daemon") is None:
        reason = "dbus-daemon is missing (run .ci/run to install it)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    bus = subprocess.run(
        ["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1",
         "--nosyslog"],
        capture_output=True, text=True, timeout=10, check=True,
    )
    address, pid = bus.stdout.split("\n")[:2]
    return address.strip(), int(pid)


def _stop_bus_daemon(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)


@pytest.fixture(scope="session")
def bus_daemon() -> Iterator[str]:
    """A private D-Bus daemon's address, e.g. to stand in for the system bus.

    Back Care's D-Bus client (jeepney) reads ``DBUS_SYSTEM_BUS_ADDRESS``, so a test can point
    it here and play logind on a real bus, where a machine's own system bus cannot be used.
    """
    address, pid = _start_bus_daemon()
    try:
        yield address
    finally:
        _stop_bus_daemon(pid)


@dataclass
class BusDaemon:
    """A private D-Bus daemon a test may stop, to see what happens when the bus goes away."""

    address: str
    pid: int

    def stop(self) -> None:
        _stop_bus_daemon(self.pid)


@pytest.fixture
def own_bus_daemon() -> Iterator[BusDaemon]:
    address, pid = _start_bus_daemon()
    daemon = BusDaemon(address, pid)
    try:
        yield daemon
    finally:
        daemon.stop()
