""""Delete all my data" from Settings ▸ About you, in a running shell on a real store.

Her files are real and sit under a fake XDG home; after she confirms, the folders are listed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from backcare.app.delete_data import DeleteDataDialog
from backcare.app.shell import Shell
from backcare.catalog import Catalog, load_catalog
from backcare.core.parse_cache import ParseCache
from backcare.core.plan import default_plan
from backcare.core.store import DB_NAME, Store
from backcare.desktop.desktop_entry import install_desktop, set_autostart
from backcare.settings import content_cache_path, data_dir
from backcare.ui import main_window as main_window_module
from tests.ui.shell_parts import start_shell, stop_shell

TZ = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 23, 8, 30, tzinfo=TZ)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)  # notifications fall back
    for name, folder in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "share"),
                         ("XDG_CACHE_HOME", "cache")):
        monkeypatch.setenv(name, str(tmp_path / folder))
    return tmp_path


@pytest.fixture
def quits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """``quit_app``'s exit, recorded instead of ending the test run's event loop."""
    exits: list[int] = []

    class FakeApp:
        @staticmethod
        def exit(code: int) -> None:
            exits.append(code)

    monkeypatch.setattr(main_window_module, "QCoreApplication", FakeApp)
    return exits


@pytest.fixture
def shell(qtbot: QtBot, home: Path, catalog: Catalog) -> Iterator[Shell]:
    with time_machine.travel(NOW, tick=False):
        store = Store(data_dir(), clock=lambda: datetime.now(TZ))
        store.record("posture", "posture:2026-11-23T08:00", "fired")
        cache = ParseCache(content_cache_path())
        cache.parse(b"a = 1\n", "x.toml")
        assert cache.save()
        assert set_autostart(True) is None
        install_desktop()
        made = start_shell(qtbot, catalog, store, default_plan(), TZ)
        yield made
        stop_shell(made)


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if not p.is_dir())


def ask(shell: Shell, qtbot: QtBot) -> DeleteDataDialog:
    settings = shell.open_settings()
    settings.about.delete_data_button.click()
    dialog = shell.delete_dialog
    assert isinstance(dialog, DeleteDataDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_the_question_lists_her_files_and_cancel_deletes_nothing(
    shell: Shell, qtbot: QtBot, home: Path
) -> None:
    before = listing(home)
    dialog = ask(shell, qtbot)
    listed = [dialog.files.item(i).text() for i in range(dialog.files.count())]
    assert listed[0].startswith(str(shell.store.path) + "  (your history and settings)")
    assert any(line.startswith(str(content_cache_path())) for line in listed)
    assert dialog.autostart.isVisibleTo(dialog) and dialog.launcher.isVisibleTo(dialog)
    assert dialog.cancel_button.isDefault() and not dialog.delete_button.isDefault()
    dialog.cancel_button.click()
    assert not shell.erased
    assert listing(home) == before
    shell.store.set_setting("still", "open")  # her store goes on as before
    assert shell.store.get_setting("still") == "open"


def test_confirming_deletes_everything_ticked_says_so_and_quits(
    shell: Shell, qtbot: QtBot, home: Path, quits: list[int]
) -> None:
    dialog = ask(shell, qtbot)
    dialog.launcher.setChecked(False)  # she keeps the launcher
    dialog.delete_button.click()
    box = shell.delete_box
    assert isinstance(box, QMessageBox)
    assert box.text().startswith(
        "Deleted your history and settings, the exercise content cache and starting Back Care "
        "at login (")
    assert box.text().endswith("Back Care closes now; opening it again starts afresh.")
    assert not data_dir().exists() and not content_cache_path().parent.exists()
    assert listing(home) == ["share/applications/backcare.desktop",
                             "share/icons/hicolor/scalable/apps/backcare.svg"]
    assert not shell.window.isVisible()
    assert quits == []
    box.button(QMessageBox.StandardButton.Ok).click()
    assert quits == [0]
    assert listing(home) == ["share/applications/backcare.desktop",
                             "share/icons/hicolor/scalable/apps/backcare.svg"]


def test_the_boxes_are_only_there_when_there_is_something_to_remove(
    shell: Shell, qtbot: QtBot, home: Path
) -> None:
    assert set_autostart(False) is None
    (home / "share" / "applications" / "backcare.desktop").unlink()
    os.unlink(home / "share" / "icons" / "hicolor" / "scalable" / "apps" / "backcare.svg")
    dialog = ask(shell, qtbot)
    assert not dialog.autostart.isVisibleTo(dialog)
    assert not dialog.launcher.isVisibleTo(dialog)
    assert dialog.remove() == frozenset()
    assert dialog.files.item(0).text().startswith(str(shell.store.folder / DB_NAME))
    dialog.reject()
