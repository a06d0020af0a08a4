"""File ▸ Export calendar…: the menu asks the shell, and the shell writes her plan as a calendar."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from pytestqt.qtbot import QtBot

from backcare.app.shell import Shell
from backcare.catalog import Catalog, load_catalog
from backcare.core.plan import Profile, default_plan
from backcare.ui.main_window import MainWindow
from tests.ui.shell_parts import shell_at

TZ = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 23, 8, 30, tzinfo=TZ)  # a Monday, 11 weeks after a Monday birth
PLAN = replace(default_plan(), profile=Profile(date(2026, 9, 7), "vaginal"))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def shell(qtbot: QtBot, tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
          ) -> Iterator[Shell]:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)  # notifications fall back
    with shell_at(qtbot, tmp_path / "data", catalog, PLAN, TZ, NOW) as made:
        yield made


def test_the_file_menu_offers_to_export_the_calendar(qtbot: QtBot, catalog: Catalog) -> None:
    window = MainWindow(catalog)
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    assert window.export_calendar_action in file_menu.actions()  # type: ignore[union-attr]
    assert window.export_calendar_action.text() == "Export &calendar…"
    with qtbot.waitSignal(window.calendarExportRequested, timeout=1000):
        window.export_calendar_action.trigger()


def test_export_calendar_writes_her_weeks_and_says_so(shell: Shell, tmp_path: Path) -> None:
    path = tmp_path / "routine.ics"
    assert shell.export_calendar(path)
    events = list(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))
    summaries = {str(e["SUMMARY"]) for e in events}
    assert "Morning exercises: Bridge, Cat back" in summaries  # her week 11, from today
    assert min(e["DTSTART"].dt for e in events).date() == NOW.date()
    assert sum(e["RRULE"]["COUNT"][0] - len(e.exdates) for e in events) == 4 * 7 * 13
    message = shell.window.statusBar().currentMessage()
    assert message.startswith("Saved 364 reminders from 23 November to 20 December 2026 as ")
    assert str(path) in message


def test_a_folder_she_cannot_write_to_is_one_sentence(shell: Shell, tmp_path: Path) -> None:
    path = tmp_path / "gone" / "routine.ics"
    assert not shell.export_calendar(path)
    assert shell.window.statusBar().currentMessage() == (
        f"Back Care could not save {path}: No such file or directory. Try another folder.")
