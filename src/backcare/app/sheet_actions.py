"""File ▸ Print…, Export PDF…, Export report… and Export calendar…: her week, and her progress
report, from the window (wiring only).

The shell's small methods call these. Her saved plan (never today's filled-in copy: the
sheet fills in each day itself), her pauses and her zone make the same week as ``backcare
sheet``; the paper follows her locale, and in the print preview she can change it (the pages
are laid out again for the paper the printer says). What happened is said in the status bar.
QtPrintSupport is imported here, when first asked for, never at start.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from backcare.settings import load_pauses
from backcare.sheet.making import Made, locale_first_weekday, locale_paper, make_sheet

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    from backcare.app.shell import Shell

STATUS_MS = 15_000
PRINT_DPI = 1200  # QPdfWriter's own, so the preview and the exported file are the same pages


def _this_week(shell: Shell) -> Made:
    today = shell.today()
    return make_sheet(shell.base_plan, shell.catalog, today, shell.service.tz,
                      load_pauses(shell.store, today), locale_first_weekday())


def _say(shell: Shell, sentence: str) -> None:
    shell.window.statusBar().showMessage(sentence, STATUS_MS)


def _ask_path(shell: Shell) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getSaveFileName(
        shell.window, "Export PDF", str(Path.home() / "backcare-week.pdf"), "PDF files (*.pdf)"
    )
    return Path(name) if name else None


def export_sheet(shell: Shell, path: Path | None) -> bool:
    """Write this week's sheet to ``path`` (asked for when None); True when written."""
    from backcare.sheet.document import write_pdf
    from backcare.sheet.words import span_words

    path = path if path is not None else _ask_path(shell)
    if path is None:
        return False
    made = _this_week(shell)
    if made.sheet is None:
        _say(shell, made.refusal)
        return False
    try:
        pages = write_pdf(path, made.sheet, shell.catalog.poses, locale_paper())
    except OSError as exc:
        _say(shell, f"Back Care could not save {path}: {exc.strerror or exc}. "
                    "Try another folder.")
        return False
    _say(shell, f"Saved your week of {span_words(made.sheet.start, made.sheet.end)} to "
                f"{path} ({pages} pages).")
    return True


def export_report(shell: Shell, path: Path | None = None) -> bool:
    """Her progress report (as ``backcare report`` makes it: her first start, a year back at
    most, to today) at ``path`` (asked for when None); True when written."""
    from PySide6.QtWidgets import QFileDialog

    from backcare.sheet.report_command import make_report
    from backcare.sheet.report_document import write_report
    from backcare.sheet.report_words import dates_words

    if path is None:
        name, _ = QFileDialog.getSaveFileName(
            shell.window, "Export report", str(Path.home() / "backcare-report.pdf"),
            "PDF files (*.pdf)")
        if not name:
            return False
        path = Path(name)
    report = make_report(shell.store, shell.base_plan, shell.catalog, shell.service.tz,
                         shell.service.now(), first_weekday=locale_first_weekday())
    try:
        pages = write_report(path, report, locale_paper())
    except OSError as exc:
        _say(shell, f"Back Care could not save {path}: {exc.strerror or exc}. "
                    "Try another folder.")
        return False
    _say(shell, f"Saved your progress report for {dates_words(report)} to "
                f"{path} ({pages} pages).")
    return True


def open_print_preview(shell: Shell) -> QPrintPreviewDialog | None:
    """Qt's print preview of this week's sheet, window-modal and not blocking (``open``)."""
    from PySide6.QtCore import Qt
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    from backcare.sheet.document import page_layout, paint_sheet

    made = _this_week(shell)
    sheet = made.sheet
    if sheet is None:
        _say(shell, made.refusal)
        return None
    dialog = QPrintPreviewDialog(shell.window)
    dialog.setWindowTitle("Print your week")
    printer = dialog.printer()
    printer.setPageLayout(page_layout(locale_paper()))
    printer.setFullPage(True)  # the sheet keeps its own margins (sheet/document.py)
    # At the preview's screen resolution (96 dpi) hinted text is wider and the warning signs
    # no longer fit on page 1; at the PDF file's resolution the preview is the file, page for page.
    printer.setResolution(PRINT_DPI)
    printer.setDocName("Back Care week")
    poses = shell.catalog.poses
    dialog.paintRequested.connect(lambda device: paint_sheet(device, sheet, poses))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def choose_calendar_file(shell: Shell) -> None:
    """Ask where to save the calendar, then ``export_calendar``."""
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getSaveFileName(
        shell.window, "Export calendar", str(Path.home() / "backcare-routine.ics"),
        "Calendar files (*.ics)",
    )
    if name:
        shell.export_calendar(Path(name))


def export_calendar(shell: Shell, path: Path) -> bool:
    """Her saved plan, from today, as a calendar file at ``path`` (as ``backcare calendar``
    writes it); the status bar says what was saved, or why it was not."""
    from backcare.calendar_file import write_calendar

    now = shell.service.now()
    pauses = load_pauses(shell.store, now.date())
    try:
        written = write_calendar(path, shell.base_plan, shell.catalog.exercises, pauses,
                                 shell.service.tz, now)
    except OSError as exc:
        shell.window.statusBar().showMessage(
            f"Back Care could not save {path}: {exc.strerror or exc}. Try another folder."
        )
        return False
    shell.window.statusBar().showMessage(written.sentence())
    return True
