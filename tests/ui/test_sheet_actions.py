"""File ▸ Print… and File ▸ Export PDF…: the menu asks the shell, the shell prints her week."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from pytestqt.qtbot import QtBot

from backcare.app.shell import Shell
from backcare.catalog import Catalog, load_catalog
from backcare.core.plan import Profile, default_plan
from backcare.ui.main_window import MainWindow
from tests.ui.shell_parts import shell_at

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
    with shell_at(qtbot, tmp_path / "data", catalog, PLAN, TZ, NOW) as made:
        yield made
    QLocale.setDefault(before)


def test_the_file_menu_offers_print_and_export_pdf(qtbot: QtBot, catalog: Catalog) -> None:
    window = MainWindow(catalog)
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    actions = file_menu.actions()  # type: ignore[union-attr]
    assert window.print_action in actions and window.export_pdf_action in actions
    assert window.print_action.text() == "&Print…"
    assert window.print_action.shortcuts()[0].toString() == "Ctrl+P"
    assert window.export_pdf_action.text() == "Export P&DF…"
    with qtbot.waitSignal(window.printRequested, timeout=1000):
        window.print_action.trigger()
    with qtbot.waitSignal(window.exportPdfRequested, timeout=1000):
        window.export_pdf_action.trigger()


def test_print_opens_the_preview_of_her_week(shell: Shell, qtbot: QtBot) -> None:
    shell.window.print_action.trigger()  # the menu, through the shell
    dialog = shell.window.findChild(QPrintPreviewDialog)
    assert isinstance(dialog, QPrintPreviewDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert dialog.printer().pageLayout().pageSize().id().name == "A4"  # her locale's paper
    assert dialog.printer().fullPage()
    assert dialog.printer().resolution() == 1200  # the same pages as the exported file
    preview = dialog.findChild(QPrintPreviewWidget)
    assert preview is not None
    preview.updatePreview()
    # page 1 her week, page 2 the tips and same-day signs, then one card per exercise
    assert preview.pageCount() == 2 + 10  # ten exercises in her weeks 5 and 6
    dialog.close()


def test_the_preview_lays_out_again_for_the_paper_she_picks(shell: Shell) -> None:
    dialog = shell.print_sheet()
    assert dialog is not None
    preview = dialog.findChild(QPrintPreviewWidget)
    assert preview is not None
    preview.updatePreview()
    a4 = preview.pageCount()
    printer: QPrinter = dialog.printer()
    printer.setPageOrientation(printer.pageLayout().Orientation.Landscape)
    preview.updatePreview()
    assert preview.pageCount() >= a4  # a wider, shorter page: the same sheet, no fewer pages
    dialog.close()


def test_export_pdf_writes_her_week_and_says_so(shell: Shell, tmp_path: Path) -> None:
    path = tmp_path / "week.pdf"
    assert shell.export_sheet(path)
    assert path.read_bytes().startswith(b"%PDF")
    message = shell.window.statusBar().currentMessage()
    assert message.startswith(f"Saved your week of 23 to 29 November 2026 to {path} (")
    if shutil.which("pdftotext") is not None:
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert "Call 999 now" in text and "Bridge" in text


def test_a_folder_she_cannot_write_to_is_one_sentence(shell: Shell, tmp_path: Path) -> None:
    path = tmp_path / "gone" / "week.pdf"
    assert not shell.export_sheet(path)
    assert shell.window.statusBar().currentMessage() == (
        f"Back Care could not save {path}: No such file or directory. Try another folder.")
