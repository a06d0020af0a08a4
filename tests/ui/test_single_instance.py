"""A second launch finds the first, asks it to show itself, and does not start.

In one process, two ``SingleInstance`` objects stand for two launches: ``flock`` locks belong
to an open file, so a second open of the lock file is refused just as another process's is.
Other processes, other users and running out of descriptors are in tests/faults.
"""

from __future__ import annotations

import os
import socket
import stat
import tempfile
import uuid
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backcare.desktop.instance_lock import Unsafe, check_private
from backcare.desktop.instance_socket import tell_running
from backcare.desktop.single_instance import Claim, SingleInstance, runtime_folder


def hung_up(sock: socket.socket) -> bool:
    """True once the other end has closed ``sock``; never blocks the event loop."""
    try:
        return sock.recv(64, socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except ConnectionResetError:
        return True


def test_second_instance_raises_the_first(qtbot: QtBot, tmp_path: Path) -> None:
    name = f"t-{uuid.uuid4().hex[:8]}"
    first = SingleInstance(name, folder=tmp_path)
    assert first.claim() is Claim.FIRST
    assert first.path is not None and stat.S_IMODE(first.path.stat().st_mode) == 0o600
    second = SingleInstance(name, folder=tmp_path)
    with qtbot.waitSignal(first.activated, timeout=5000):
        assert second.claim() is Claim.RAISED
    assert not second.claim().runs  # asked again, still not
    assert first.claim() is Claim.FIRST and first.path.exists()  # asking again changes nothing
    first.release()
    assert not first.path.exists()
    assert (tmp_path / f"{name}.lock").is_file()  # the lock file stays: see instance_lock
    third = SingleInstance(name, folder=tmp_path)
    assert third.claim() is Claim.FIRST  # released: the next launch is Back Care
    third.release()


def test_a_stale_socket_left_by_a_crash_is_taken_over(qtbot: QtBot, tmp_path: Path) -> None:
    name = f"t-{uuid.uuid4().hex[:8]}"
    # A crash leaves the socket file behind with nobody listening on it (and no lock held).
    path = tmp_path / f"{name}.sock"
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(str(path))
    stale.close()
    assert path.exists()
    fresh = SingleInstance(name, folder=tmp_path)
    assert fresh.claim() is Claim.FIRST
    later = SingleInstance(name, folder=tmp_path)
    with qtbot.waitSignal(fresh.activated, timeout=5000):
        assert later.claim() is Claim.RAISED
    fresh.release()


def test_a_stranger_saying_something_else_does_not_raise_the_window(
    qtbot: QtBot, tmp_path: Path
) -> None:
    first = SingleInstance("lock", folder=tmp_path)
    assert first.claim() is Claim.FIRST
    assert first.path is not None
    shown: list[bool] = []
    first.activated.connect(lambda: shown.append(True))
    with socket.socket(socket.AF_UNIX) as sock:
        sock.connect(str(first.path))
        sock.sendall(b"x" * 200)
        qtbot.waitUntil(lambda: hung_up(sock), timeout=5000)  # too long a line: hung up on
    with qtbot.waitSignal(first.activated, timeout=5000), socket.socket(socket.AF_UNIX) as sock:
        sock.connect(str(first.path))
        sock.sendall(b"sh")
        sock.sendall(b"ow\n")
    assert shown == [True]  # the line in two pieces counted once; the long one never
    first.release()


def test_the_lock_lives_in_her_private_runtime_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    found = runtime_folder()
    assert found is not None and found.path == runtime and found.notice is None
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(tempfile, "tempdir", None)  # forget the temp folder it found before
    old = os.umask(0o777)  # the harshest umask: the folder is still made 0700, not 0000
    try:
        found = runtime_folder()
    finally:
        os.umask(old)
    temp = tmp_path / f"backcare-{os.getuid()}"
    assert found is not None and found.path == temp
    assert found.notice is None  # no $XDG_RUNTIME_DIR at all is no news
    assert stat.S_IMODE(temp.stat().st_mode) == 0o700
    temp.chmod(0o777)
    found = runtime_folder()  # a folder others can enter is never trusted, nor "repaired"
    assert found is not None and found.path == tmp_path / "data" / "backcare" / "run"
    assert stat.S_IMODE(found.path.stat().st_mode) == 0o700
    assert found.notice == f"Back Care keeps its lock in {found.path}, because {temp} does " \
                           "not have mode 0700."
    assert stat.S_IMODE(temp.stat().st_mode) == 0o777


@pytest.mark.parametrize(("make", "reason"), [
    (lambda p: p.mkdir(mode=0o755), Unsafe.NOT_PRIVATE),
    (lambda p: p.write_text(""), Unsafe.NOT_A_FOLDER),
    (lambda p: p.symlink_to(p.parent), Unsafe.NOT_A_FOLDER),  # even a link to a good folder
    (lambda p: None, Unsafe.MISSING),
])
def test_an_unsafe_runtime_folder_is_named_and_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: object, reason: Unsafe
) -> None:
    runtime = tmp_path / "run"
    assert callable(make)
    make(runtime)
    assert check_private(runtime) is reason
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)
    found = runtime_folder()
    assert found is not None and found.path == tmp_path / f"backcare-{os.getuid()}"
    assert found.notice == (f"Back Care keeps its lock in {found.path}, because {runtime} "
                            f"{reason.value}.")


def test_a_lock_file_that_is_a_link_is_never_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    (folder / "backcare.lock").symlink_to(elsewhere)
    lock = SingleInstance(folder=folder)
    assert lock.claim() is Claim.UNGUARDED  # she still gets her reminders
    assert lock.notices == [f"Back Care could not use its lock file {folder / 'backcare.lock'}, "
                            "so it cannot stop a second copy of itself from starting."]
    assert not elsewhere.exists()  # nothing was created where the link points


def test_reload_from_the_command_line_reaches_the_running_app(
    qtbot: QtBot, tmp_path: Path
) -> None:
    first = SingleInstance("lock", folder=tmp_path)
    assert first.claim() is Claim.FIRST
    path = tmp_path / "lock.sock"
    with qtbot.waitSignal(first.reloadRequested, timeout=5000), \
            qtbot.assertNotEmitted(first.activated, wait=0):
        assert tell_running(b"reload", path) is True
    first.release()
    assert tell_running(b"reload", path) is False  # nobody listening now
