"""File ▸ Export report…: the menu asks the shell, the shell asks where and writes her report."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from backcare.app.sheet_actions import export_report
from backcare.app.shell import Shell
from backcare.catalog import Catalog, load_catalog
from backcare.core.lifecycle_state import FIRST_START
from backcare.core.plan import Profile, default_plan
from backcare.core.reminders import Kind
from backcare.core.store import EventKind, Store
from backcare.ui.main_window import MainWindow
from tests.sheet.conftest import poppler
from tests.ui.shell_parts import start_shell, stop_shell

TZ = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 25, 8, 30, tzinfo=TZ)  # a Wednesday, in week 6 after a caesarean
PLAN = replace(default_plan(), profile=Profile(date(2026, 10, 14), "caesarean", country="GB"))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def shell(qtbot: QtBot, tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
          ) -> Iterator[Shell]:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)  # notifications fall back
    before = QLocale()
    QLocale.setDefault(QLocale("en_GB"))  # A4, weeks from Monday, whatever the machine's
    with time_machine.travel(NOW, tick=False):
        store = Store(tmp_path / "data", clock=lambda: datetime.now(TZ))
        store.set_setting(FIRST_START, datetime(2026, 11, 16, 7, tzinfo=TZ).isoformat())
        at = datetime(2026, 11, 17, 9, tzinfo=TZ)
        store.record(Kind.EXERCISE, "exercise:2026-11-17:breathing-arm-raise+bridge",
                     EventKind.DONE, "", at=at)
        store.record(Kind.EXERCISE, "exercise:2026-11-18:breathing-arm-raise+bridge",
                     EventKind.PARTLY, json.dumps({"done": ["bridge"], "partly": []}), at=at)
        made = start_shell(qtbot, catalog, store, PLAN, TZ)
        yield made
        stop_shell(made)
    QLocale.setDefault(before)


def test_the_file_menu_offers_export_report(qtbot: QtBot, catalog: Catalog) -> None:
    window = MainWindow(catalog)
    qtbot.addWidget(window)
    actions = window.menuBar().actions()[0].menu().actions()  # type: ignore[union-attr]
    assert window.export_report_action in actions
    assert window.export_report_action.text() == "Export &report…"
    with qtbot.waitSignal(window.exportReportRequested, timeout=1000):
        window.export_report_action.trigger()


def _answer_save_dialog(path: Path) -> QTimer:
    """Fill in the save dialog when it opens (it blocks the menu's call) and accept it once it
    shows the name: its folder and the name typed in its name box, as she would. Given up
    (the dialog closed, the test failing) after about 5 s rather than waiting for ever."""
    timer = QTimer()
    ticks = [0]

    def answer() -> None:
        ticks[0] += 1
        for widget in QApplication.topLevelWidgets():
            if not (isinstance(widget, QFileDialog) and widget.isVisible()):
                continue
            if widget.selectedFiles() == [str(path)]:
                timer.stop()
                widget.accept()
            elif ticks[0] > 250:
                timer.stop()
                widget.reject()
            else:
                widget.setDirectory(str(path.parent))
                box = widget.findChild(QLineEdit, "fileNameEdit")
                assert box is not None
                box.setText(path.name)

    timer.timeout.connect(answer)
    timer.start(20)
    return timer


def test_the_menu_asks_where_and_writes_her_report(shell: Shell, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    timer = _answer_save_dialog(path)
    shell.window.export_report_action.trigger()  # through the shell's connection
    timer.stop()
    assert path.read_bytes().startswith(b"%PDF")
    message = shell.window.statusBar().currentMessage()
    assert message.startswith(
        f"Saved your progress report for 16 to 25 November 2026 to {path} (")
    text = " ".join(poppler("pdftotext", str(path), "-").split())
    assert "Your back-care progress: 16 to 25 November 2026" in text
    assert "Weeks 4 to 6 after the birth on 14 October 2026." in text  # 33 to 42 days
    assert "Current streak: 0 days; best streak: 2 days." in text  # then days with none done
    assert "Breathing arm raise 1 0" in text and "Bridge 2 0" in text


def test_a_folder_she_cannot_write_to_is_one_sentence(shell: Shell, tmp_path: Path) -> None:
    path = tmp_path / "gone" / "report.pdf"
    assert not export_report(shell, path)
    assert shell.window.statusBar().currentMessage() == (
        f"Back Care could not save {path}: No such file or directory. Try another folder.")
