"""A second launch finds the first, asks it to show itself, and does not start."""

from __future__ import annotations

import socket
import uuid
from pathlib import Path

from PySide6.QtCore import QDir

from backcare.ui.single_instance import SingleInstance


def test_second_instance_raises_the_first(qtbot) -> None:  # type: ignore[no-untyped-def]
    name = f"backcare-test-{uuid.uuid4().hex}"
    first = SingleInstance(name)
    assert first.claim() is True
    second = SingleInstance(name)
    with qtbot.waitSignal(first.activated, timeout=5000):
        assert second.claim() is False
    first.release()


def test_a_stale_socket_left_by_a_crash_is_taken_over(qtbot) -> None:  # type: ignore[no-untyped-def]
    name = f"backcare-test-{uuid.uuid4().hex}"
    # A crash leaves the socket file behind with nobody listening on it.
    path = Path(QDir.tempPath()) / name
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(str(path))
    stale.close()
    assert path.exists()
    fresh = SingleInstance(name)
    assert fresh.claim() is True
    later = SingleInstance(name)
    with qtbot.waitSignal(fresh.activated, timeout=5000):
        assert later.claim() is False
    fresh.release()
