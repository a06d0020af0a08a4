"""The floor Back Care is measured against: the least a tray app of its kind has to do.

A bare PySide6 QApplication, an empty QMainWindow shown, an APScheduler QtScheduler started
and a QSystemTrayIcon shown. Nothing else: no catalog, no figures, no store. ``run.py`` starts
it next to Back Care and reports Back Care's figures as ratios to this one's.

    python benchmarks/baseline_app.py [--quit-when-ready] [--with-text] [--size WxH]

With ``--quit-when-ready`` it prints "ready" and exits 0 as soon as the event loop has processed
the show, exactly like ``backcare --quit-when-ready``; without it, it runs until it is terminated.
"""

from __future__ import annotations

import argparse
import sys

from apscheduler.schedulers.qt import QtScheduler
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QMainWindow,
    QStyle,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quit-when-ready", action="store_true", help="show the window, then exit 0"
    )
    parser.add_argument(
        "--with-text", action="store_true", help="a menu bar, a heading and a short list"
    )
    parser.add_argument(
        "--size", metavar="WxH", help="resize the window first (its pixels are memory too)"
    )
    args = parser.parse_args(argv)

    app = QApplication(sys.argv[:1])
    app.setApplicationName("backcare-baseline")
    window = QMainWindow()
    window.setWindowTitle("Baseline")
    if args.with_text:
        window.menuBar().addMenu("&File").addAction("&Quit", app.quit)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(QLabel("Today"))
        rows = QListWidget()
        rows.addItems([f"{9 + 2 * i:02d}:00   Posture break" for i in range(6)])
        layout.addWidget(rows)
        window.setCentralWidget(central)
    if args.size:
        width, height = (int(n) for n in args.size.lower().split("x"))
        window.resize(width, height)
    window.show()

    scheduler = QtScheduler()
    scheduler.start()

    tray = QSystemTrayIcon(app.style().standardIcon(QStyle.StandardPixmap.SP_ComputerIcon))
    tray.show()

    if args.quit_when_ready:
        # Zero-delay: fires once the event loop has processed the show and first paint;
        # "ready" marks that moment, as Back Care prints it.
        QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))
    code = app.exec()
    scheduler.shutdown(wait=False)
    return code


if __name__ == "__main__":
    sys.exit(main())
