"""Shared fixtures. Unit tests run Qt offscreen; desktop tests get a real X session (desktop.py)."""

from __future__ import annotations

import os

# Before any QApplication exists: unit tests never need a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

pytest_plugins = ["tests.desktop_fixture", "tests.wayland_fixture"]
