"""Builds the QApplication and wires the pure core to the Qt shell.

Kept apart from ``cli`` so that the command line never pays for importing Qt when it does
not open a window.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from backcare import __version__
from backcare.catalog import load_catalog
from backcare.ui.main_window import MainWindow


def run_app(*, data_dir: Path | None = None, quit_when_ready: bool = False) -> int:
    """Open the main window and run until the person quits. ``data_dir`` is for later stores."""
    del data_dir  # settings and history arrive with the reminders feature
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("backcare")
    app.setApplicationDisplayName("Back Care")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("backcare")
    catalog = load_catalog()
    window = MainWindow(catalog)
    window.show()
    if quit_when_ready:
        # Zero-delay: fires once the event loop has processed the show and first paint.
        QTimer.singleShot(0, app.quit)
    return app.exec()
