"""A second launch finds the first, asks it to show itself, and does not start."""

from __future__ import annotations

import os
import socket
import stat
import uuid
from pathlib import Path

from pytestqt.qtbot import QtBot

from backcare.desktop.single_instance import SingleInstance, runtime_folder


def test_second_instance_raises_the_first(qtbot: QtBot, tmp_path: Path) -> None:
    name = f"t-{uuid.uuid4().hex[:8]}"
    first = SingleInstance(name, folder=tmp_path)
    assert first.claim() is True
    assert first.path is not None and stat.S_IMODE(first.path.stat().st_mode) == 0o600
    second = SingleInstance(name, folder=tmp_path)
    with qtbot.waitSignal(first.activated, timeout=5000):
        assert second.claim() is False
    first.release()
    assert not first.path.exists()


def test_a_stale_socket_left_by_a_crash_is_taken_over(qtbot: QtBot, tmp_path: Path) -> None:
    name = f"t-{uuid.uuid4().hex[:8]}"
    # A crash leaves the socket file behind with nobody listening on it.
    path = tmp_path / name
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(str(path))
    stale.close()
    assert path.exists()
    fresh = SingleInstance(name, folder=tmp_path)
    assert fresh.claim() is True
    later = SingleInstance(name, folder=tmp_path)
    with qtbot.waitSignal(fresh.activated, timeout=5000):
        assert later.claim() is False
    fresh.release()


def test_a_stranger_saying_something_else_does_not_raise_the_window(
    qtbot: QtBot, tmp_path: Path
) -> None:
    first = SingleInstance("lock", folder=tmp_path)
    assert first.claim()
    lock = str(tmp_path / "lock")
    with qtbot.assertNotEmitted(first.activated, wait=300), socket.socket(socket.AF_UNIX) as sock:
        sock.connect(lock)
        sock.sendall(b"x" * 200)
    with qtbot.waitSignal(first.activated, timeout=5000), socket.socket(socket.AF_UNIX) as sock:
        sock.connect(lock)
        sock.sendall(b"sh")
        sock.sendall(b"ow\n")
    first.release()


def test_the_lock_lives_in_her_private_runtime_folder(
    tmp_path: Path, monkeypatch: object
) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    assert runtime_folder() == runtime
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    folder = runtime_folder()
    assert folder == tmp_path / f"backcare-{os.getuid()}"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    folder.chmod(0o777)
    assert runtime_folder() is None  # a folder others can enter is never trusted


def test_reload_from_the_command_line_reaches_the_running_app(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from backcare.desktop.instance_socket import tell_running

    first = SingleInstance("lock", folder=tmp_path)
    assert first.claim()
    with qtbot.waitSignal(first.reloadRequested, timeout=5000), \
            qtbot.assertNotEmitted(first.activated, wait=0):
        assert tell_running(b"reload", tmp_path / "lock") is True
    first.release()
    assert tell_running(b"reload", tmp_path / "lock") is False  # nobody listening now
