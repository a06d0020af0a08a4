"""Closing the window keeps her reminders going; quitting asks first (app/background).

The clock stands still here (time-machine, tick=False), so nothing waits with qtbot.waitUntil,
whose timeout would never come: the boxes open (``open``) and answer synchronously.

These run offscreen, where there is no tray and, with no session bus, no notification server:
the harshest case, where the shell's own windows are the only way left to reach her. The same
paths against a real notification daemon, and the real app on a desktop without a tray, are in
tests/desktop/test_no_tray.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from backcare.app.background import ASK_KEY, TOLD_KEY
from backcare.app.shell import Shell
from backcare.catalog import Catalog, load_catalog
from backcare.core.plan import default_plan
from backcare.messages import Channel
from tests.ui.shell_parts import shell_at
from tests.ui.test_main_window import record_exits

TZ = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 23, 8, 30, tzinfo=TZ)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def shell(qtbot: QtBot, tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
          ) -> Iterator[Shell]:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)  # no notification server
    with shell_at(qtbot, tmp_path / "data", catalog, default_plan(), TZ, NOW) as made:
        made.window.show()
        qtbot.waitExposed(made.window)
        yield made
        for box in (made.background.quit_box, made.background.running_box):
            if box is not None:
                box.done(0)


def test_without_a_tray_closing_hides_and_says_once_that_reminders_go_on(
    qtbot: QtBot, shell: Shell, monkeypatch: pytest.MonkeyPatch
) -> None:
    quits = record_exits(monkeypatch)
    assert shell.has_tray is False
    shell.window.close()
    assert not shell.window.isVisible()
    assert quits == []
    assert shell.service.next_wake == datetime(2026, 11, 23, 9, 0, tzinfo=TZ)  # still armed
    assert shell.service.scheduler.running
    assert shell.notifier.available is False
    box = shell.background.running_box
    assert box is not None and box.isVisible()  # ``open`` shows it at once
    assert box.objectName() == "stillRunning"
    assert box.text().startswith("Your reminders will keep coming.")
    assert "open Back Care as you did before" in box.text()
    assert "Ctrl+Q" in box.text()
    assert shell.store.get_setting(TOLD_KEY) is True
    box.done(0)
    shell.background.running_box = None
    shell.window.bring_to_front()
    shell.window.close()  # told once: the second close says nothing
    assert shell.background.running_box is None
    assert not shell.window.isVisible()


def test_a_reminder_with_no_notification_server_and_no_tray_brings_the_window_back(
    shell: Shell
) -> None:
    shell.window.hide()
    shell.notify(Channel.POSTURE, "Posture break: stand up and stretch", "About a minute.", ())
    assert shell.window.isVisible()
    assert shell.window.statusBar().currentMessage() == (
        "Posture break: stand up and stretch. About a minute.")


def _button(box: QMessageBox, name: str) -> QPushButton:
    button = box.findChild(QPushButton, name)
    assert button is not None
    return button


def test_quit_asks_and_keep_reminders_keeps_them(
    qtbot: QtBot, shell: Shell, monkeypatch: pytest.MonkeyPatch
) -> None:
    quits = record_exits(monkeypatch)
    shell.window.quit_action.trigger()
    box = shell.background.quit_box
    assert box is not None
    assert box.isVisible()
    assert box.windowTitle() == "Quit Back Care?"
    assert box.informativeText() == (
        "If you quit, your reminders stop until you open Back Care again. "
        "Next: posture break at 09:00.")
    assert box.defaultButton() is _button(box, "quitButton")
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Escape keeps her reminders
    assert shell.background.quit_box is None
    assert quits == []
    assert shell.window.isVisible()
    assert shell.store.get_setting(ASK_KEY) is None


def test_quit_with_do_not_ask_again_quits_and_the_next_quit_does_not_ask(
    qtbot: QtBot, shell: Shell, monkeypatch: pytest.MonkeyPatch
) -> None:
    quits = record_exits(monkeypatch)
    shell.tray.quit_action.trigger()  # the tray's Quit asks the same question
    box = shell.background.quit_box
    assert box is not None
    assert box.isVisible()
    check = box.checkBox()
    assert check is not None and check.text() == "Do not ask again"
    check.setChecked(True)
    qtbot.mouseClick(_button(box, "quitButton"), Qt.MouseButton.LeftButton)
    assert quits == [0]
    assert shell.store.get_setting(ASK_KEY) is False
    shell.window._quitting = False  # as if she opened it again
    shell.window.show()
    assert shell.background.ask_to_quit() is None
    assert quits == [0, 0]


def test_asking_twice_shows_one_question(qtbot: QtBot, shell: Shell) -> None:
    first = shell.background.ask_to_quit()
    assert first is not None
    assert first.isVisible()
    assert shell.background.ask_to_quit() is first
    questions = [w for w in QApplication.topLevelWidgets()
                 if w.objectName() == "quitQuestion" and w.isVisible()
                 and w.parent() is shell.window]
    assert questions == [first]
