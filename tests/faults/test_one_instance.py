"""Exactly one Back Care, whatever happens: real processes race for the lock, hold it without
answering, crash, run out of file descriptors, and another user listens or calls.

Launches are ``claim_probe.py`` (the real claim in a QCoreApplication; its docstring says why
not the whole app), except the last test, which starts the real app twice. The other user is
``nobody``, reached with ``setpriv`` because the tests run as root.
"""

from __future__ import annotations

import collections
import os
import resource
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backcare.desktop.instance_socket import tell_running
from backcare.desktop.single_instance import (
    MAX_CONNECTIONS,
    SECOND_START,
    Claim,
    SingleInstance,
)
from tests.ui.test_single_instance import hung_up

SRC = Path(__file__).resolve().parents[2] / "src"
PROBE = Path(__file__).with_name("claim_probe.py")
DEADLINE_S = 60.0
LAUNCHES = 30
IDLE_CALLERS = 24
NOBODY = ("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups")

# Another user's program: listens where Back Care would, and prints each caller's bytes.
STRANGER_LISTENS = r"""
import os, socket, sys
server = socket.socket(socket.AF_UNIX)
server.bind(sys.argv[1])
os.chmod(sys.argv[1], 0o666)
server.listen(8)
print("listening", flush=True)
while True:
    conn, _ = server.accept()
    data = b""
    while chunk := conn.recv(64):
        data += chunk
    conn.close()
    print(repr(data), flush=True)
    if data == b"end\n":
        break
"""

# Another user's program: says "show" and "reload" to her Back Care, and reports the answer.
STRANGER_CALLS = r"""
import socket, sys
sock = socket.socket(socket.AF_UNIX)
sock.settimeout(20)
sock.connect(sys.argv[1])
try:
    sock.sendall(b"show\nreload\n")
    print("closed" if sock.recv(64) == b"" else "answered", flush=True)
except TimeoutError:
    print("ignored", flush=True)
except OSError:
    print("closed", flush=True)
"""

HOLDER = r"""
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
print("locked", flush=True)
sys.stdin.read()
"""


class Program:
    """A child process whose output lines are read with a deadline, never by waiting blind."""

    def __init__(self, cmd: list[str], env: dict[str, str] | None = None,
                 pass_fds: tuple[int, ...] = ()) -> None:
        self.proc = subprocess.Popen(cmd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, pass_fds=pass_fds)
        self._buffer = b""

    def line(self, timeout: float = DEADLINE_S) -> str:
        assert self.proc.stdout is not None
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.proc.stdout], [], [], max(0.0, left))
            if not ready:
                raise AssertionError(f"no line from {self.proc.args} within {timeout:.0f} s")
            chunk = os.read(self.proc.stdout.fileno(), 4096)
            if not chunk:
                raise AssertionError(f"{self.proc.args} ended: {self.stop()}")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode()

    def stop(self) -> str:
        """End it (by its own pid) if it still runs; its stderr."""
        if self.proc.poll() is None:
            self.proc.terminate()
        _, err = self.proc.communicate(timeout=DEADLINE_S)
        return err.decode()


def probe_env(tmp: Path, runtime: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(SRC),
        "HOME": str(tmp / "home"),
        "XDG_DATA_HOME": str(tmp / "data"),
        "TMPDIR": str(tmp),
        "XDG_RUNTIME_DIR": str(runtime),
        "QT_QPA_PLATFORM": "offscreen",
    }


def private_folder(tmp: Path) -> Path:
    runtime = tmp / "runtime"
    runtime.mkdir(mode=0o700)
    return runtime


@pytest.fixture
def second_user() -> Iterator[Path]:
    """A folder under /tmp that ``nobody`` can reach (pytest's own are root's alone)."""
    reason = None
    if os.getuid() != 0:
        reason = "another user can only be played as root"
    elif shutil.which("setpriv") is None:
        reason = "setpriv (util-linux) is missing"
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    place = Path(tempfile.mkdtemp(prefix="backcare-test-", dir="/tmp"))
    place.chmod(0o711)
    try:
        yield place
    finally:
        shutil.rmtree(place)


def test_thirty_launches_at_once_leave_exactly_one(tmp_path: Path) -> None:
    env = probe_env(tmp_path, private_folder(tmp_path))
    gate_read, gate_write = os.pipe()
    probes = [Program([sys.executable, str(PROBE), str(gate_read)], env, (gate_read,))
              for _ in range(LAUNCHES)]
    try:
        os.close(gate_read)
        assert [p.line() for p in probes] == ["ready"] * LAUNCHES  # all imported, all waiting
        os.close(gate_write)  # every one of them goes at this moment
        claims = {p: p.line() for p in probes}
        assert collections.Counter(claims.values()) == {"FIRST": 1, "RAISED": LAUNCHES - 1}
        first = next(p for p, claim in claims.items() if claim == "FIRST")
        for p in probes:
            if p is not first:
                assert p.proc.wait(timeout=DEADLINE_S) == 0
        # Each later launch's "show" reached the one that runs, which runs on alone.
        assert [first.line() for _ in range(LAUNCHES - 1)] == ["show"] * (LAUNCHES - 1)
        assert [p.proc.poll() for p in probes].count(None) == 1
    finally:
        for p in probes:
            p.stop()


def test_a_live_holder_keeps_the_lock_though_its_socket_is_silent(
    qtbot: QtBot, tmp_path: Path
) -> None:
    runtime = private_folder(tmp_path)
    socket_file = runtime / "backcare.sock"
    silent = socket.socket(socket.AF_UNIX)
    silent.bind(str(socket_file))  # bound, never listening: nobody answers on it
    inode = socket_file.stat().st_ino
    holder = Program([sys.executable, "-c", HOLDER, str(runtime / "backcare.lock")])
    try:
        assert holder.line() == "locked"
        late = SingleInstance(folder=runtime, patience_s=0.3)
        assert late.claim() is Claim.UNANSWERED  # it does not start all the same
        assert socket_file.stat().st_ino == inode  # and it did not take the holder's socket
    finally:
        holder.stop()
        silent.close()
    assert tell_running(b"show", socket_file) is False  # still nobody listening
    after = SingleInstance(folder=runtime)
    assert after.claim() is Claim.FIRST  # the kernel took the lock back when the holder ended
    with qtbot.waitSignal(after.activated, timeout=5000):
        assert tell_running(b"show", socket_file) is True  # its own socket now
    after.release()


def test_a_crashed_instance_gives_way_and_a_live_one_is_told(
    qtbot: QtBot, tmp_path: Path
) -> None:
    runtime = private_folder(tmp_path)
    probe = Program([sys.executable, str(PROBE)], probe_env(tmp_path, runtime))
    try:
        assert probe.line() == "FIRST"
        inode = (runtime / "backcare.sock").stat().st_ino
        here = SingleInstance(folder=runtime)
        assert here.claim() is Claim.RAISED
        assert probe.line() == "show"
        assert tell_running(b"reload", runtime / "backcare.sock") is True
        assert probe.line() == "reload"
        probe.proc.kill()  # a crash: no release, no clean-up
        probe.proc.wait(timeout=DEADLINE_S)
    finally:
        probe.stop()
    assert (runtime / "backcare.sock").stat().st_ino == inode  # left behind
    here = SingleInstance(folder=runtime)
    assert here.claim() is Claim.FIRST
    with qtbot.waitSignal(here.activated, timeout=5000):
        assert tell_running(b"show", runtime / "backcare.sock") is True
    here.release()


def _lowest_free_fd() -> int:
    fd = os.dup(0)
    os.close(fd)
    return fd


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def test_out_of_file_descriptors_it_waits_calmly_and_stays_the_only_one(
    qtbot: QtBot, tmp_path: Path
) -> None:
    runtime = private_folder(tmp_path)
    first = SingleInstance(folder=runtime)
    assert first.claim() is Claim.FIRST
    shown: list[bool] = []
    first.activated.connect(lambda: shown.append(True))
    gate_read, gate_write = os.pipe()
    launch = Program([sys.executable, str(PROBE), str(gate_read)],
                     probe_env(tmp_path, runtime), (gate_read,))
    os.close(gate_read)
    assert launch.line() == "ready"
    caller = socket.socket(socket.AF_UNIX)  # made now: connecting needs no new descriptor
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        os.close(gate_write)
        # Every descriptor this process may have is in use: accept() fails with EMFILE.
        resource.setrlimit(resource.RLIMIT_NOFILE, (_lowest_free_fd(), hard))
        caller.connect(str(first.path))
        caller.sendall(b"show\n")
        assert launch.line() == "RAISED"  # a launch meanwhile does not start a second one
        assert launch.proc.wait(timeout=DEADLINE_S) == 0
        qtbot.waitUntil(lambda: first.pauses == 1, timeout=10_000)
        assert not first.accepting
        # Two more looks, each failing and pausing again: time those rounds.
        start_wall, start_cpu = time.monotonic(), _cpu_s()
        qtbot.waitUntil(lambda: first.pauses == 3, timeout=10_000)
        wall, cpu = time.monotonic() - start_wall, _cpu_s() - start_cpu
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
        launch.stop()
    assert cpu < 0.5 * wall, f"{cpu:.2f} s of CPU in {wall:.2f} s while out of descriptors"
    assert shown == []
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=10_000)  # both heard once it could
    caller.close()
    first.release()


def test_silent_callers_are_limited_and_hung_up_on(qtbot: QtBot, tmp_path: Path) -> None:
    first = SingleInstance(folder=private_folder(tmp_path), idle_timeout_s=0.3)
    assert first.claim() is Claim.FIRST
    assert first.path is not None
    assert MAX_CONNECTIONS < IDLE_CALLERS
    idle = []
    for _ in range(IDLE_CALLERS):
        sock = socket.socket(socket.AF_UNIX)
        sock.setblocking(False)
        sock.connect(str(first.path))  # queued by the kernel; says nothing
        idle.append(sock)
    qtbot.waitUntil(lambda: first.connections == MAX_CONNECTIONS, timeout=5000)
    assert not first.accepting  # the rest wait in the kernel's queue, costing no descriptor
    with qtbot.waitSignal(first.activated, timeout=10_000):
        assert tell_running(b"show", first.path) is True  # still heard, behind the silent ones
    qtbot.waitUntil(lambda: all(hung_up(sock) for sock in idle), timeout=10_000)
    assert first.connections == 0  # every silent caller was hung up on
    for sock in idle:
        sock.close()
    first.release()


@pytest.mark.parametrize(("owner", "mode", "reason"), [
    ("root", 0o1777, "does not have mode 0700"),  # a shared folder, like /tmp
    ("nobody", 0o700, "belongs to another user"),  # somebody else's private folder
])
def test_another_users_socket_in_the_runtime_folder_is_never_used(
    second_user: Path, tmp_path: Path, owner: str, mode: int, reason: str
) -> None:
    shared = second_user / "runtime"
    shared.mkdir()
    shutil.chown(shared, owner, "nogroup" if owner == "nobody" else "root")
    shared.chmod(mode)
    stranger = Program([*NOBODY, sys.executable, "-c", STRANGER_LISTENS,
                        str(shared / "backcare.sock")])
    env = probe_env(tmp_path, shared)
    first = Program([sys.executable, str(PROBE)], env)
    try:
        assert stranger.line() == "listening"
        assert first.line() == "FIRST"  # the stranger's socket does not keep her from starting
        second = Program([sys.executable, str(PROBE)], env)
        assert second.line() == "RAISED"  # the two found each other in her private folder
        second.stop()
        assert first.line() == "show"
        # `backcare settings import`, pointed at the stranger, tells it nothing.
        assert tell_running(b"reload", shared / "backcare.sock") is False
        with socket.socket(socket.AF_UNIX) as sock:
            sock.connect(str(shared / "backcare.sock"))
            sock.sendall(b"end\n")
        assert [stranger.line(), stranger.line()] == ["b''", r"b'end\n'"]
    finally:
        stranger.stop()
        notices = first.stop()
    fallback = tmp_path / f"backcare-{os.getuid()}"
    assert notices.splitlines() == [
        f"Back Care keeps its lock in {fallback}, because {shared} {reason}."
    ]


def test_another_users_show_and_reload_are_not_heard(qtbot: QtBot, second_user: Path) -> None:
    first = SingleInstance(folder=second_user)
    assert first.claim() is Claim.FIRST
    assert first.path is not None
    first.path.chmod(0o666)  # only the peer check stands between the stranger and her app
    heard: list[str] = []
    first.activated.connect(lambda: heard.append("show"))
    first.reloadRequested.connect(lambda: heard.append("reload"))
    stranger = Program([*NOBODY, sys.executable, "-c", STRANGER_CALLS, str(first.path)])
    try:
        qtbot.waitUntil(lambda: stranger.proc.poll() is not None, timeout=30_000)
        assert stranger.line() == "closed"  # hung up on, unread
    finally:
        stranger.stop()
    with qtbot.waitSignal(first.activated, timeout=5000):
        assert tell_running(b"show", first.path) is True
    assert heard == ["show"]  # hers alone
    first.release()


def test_the_real_app_started_twice_runs_once(tmp_path: Path) -> None:
    runtime = private_folder(tmp_path)
    env = {**probe_env(tmp_path, runtime),
           "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "DBUS_SYSTEM_BUS_ADDRESS": f"unix:path={tmp_path / 'no-system-bus'}"}
    command = [sys.executable, "-m", "backcare", "--data-dir", str(tmp_path / "store")]
    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + DEADLINE_S
        while not (runtime / "backcare.sock").exists():  # a condition, with a deadline
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        again = subprocess.run(command, env=env, capture_output=True, text=True,
                               timeout=DEADLINE_S, check=False)
        assert again.returncode == 0, again.stderr
        assert again.stdout.splitlines() == [SECOND_START[Claim.RAISED]]
        assert first.poll() is None  # the first runs on
    finally:
        first.send_signal(signal.SIGTERM)
        _, err = first.communicate(timeout=DEADLINE_S)
    assert b"Traceback" not in err
