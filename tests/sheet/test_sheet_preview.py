"""The print preview plays the recorded pages back with a painter in the window's colours:
under a dark desktop every word must still come out black on white paper."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backcare.catalog import Catalog
from backcare.core.plan import default_plan
from backcare.core.week_sheet import Paper, WeekSheet
from backcare.sheet.document import page_layout, paint_sheet
from tests.sheet.conftest import make_sheet


def _white(image: QImage, x: int, y: int) -> bool:
    return QColor(image.pixel(x, y)).lightness() > 250


def _page_box(image: QImage) -> tuple[int, int, int]:
    """The first page in the grabbed preview: the longest run of white across a row gives its
    left and right, and the first white going down its middle its top."""
    best = (0, 0)
    for y in range(0, image.height(), 5):  # a row between lines of text is white edge to edge
        start = None
        for x in range(image.width() + 1):
            if x < image.width() and _white(image, x, y):
                start = x if start is None else start
            elif start is not None:
                best, start = max(best, (x - start, start)), None
    width, left = best
    middle = left + width // 2
    top = next(y for y in range(image.height()) if _white(image, middle, y))
    return left, top, left + width


def test_the_title_is_black_in_the_preview_of_a_dark_desktop(
    qtbot: QtBot, catalog: Catalog
) -> None:
    sheet = make_sheet(catalog, default_plan())
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(Paper.A4))
    printer.setFullPage(True)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    dark = QPalette(before)
    for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"),
                         (QPalette.ColorRole.WindowText, "#eeeeee"),
                         (QPalette.ColorRole.Text, "#eeeeee"),
                         (QPalette.ColorRole.Base, "#1e1e1e")):
        dark.setColor(role, QColor(colour))
    app.setPalette(dark)  # as her desktop's theme gives it, to every window
    try:
        image = _preview_image(qtbot, printer, sheet, catalog)
    finally:
        app.setPalette(before)
    left, top, right = _page_box(image)
    width = right - left
    # The title and the week's dates: from about 2 % to 10 % of the paper's width down.
    title_band = [QColor(image.pixel(x, y)).lightness()
                  for y in range(top + width // 50, top + width // 10)
                  for x in range(left, right)]
    assert min(title_band) < 90  # the title's black strokes, not the window's pale text


def _preview_image(qtbot: QtBot, printer: QPrinter, sheet: WeekSheet, catalog: Catalog
                   ) -> QImage:
    preview = QPrintPreviewWidget(printer)
    qtbot.addWidget(preview)
    preview.paintRequested.connect(lambda device: paint_sheet(device, sheet, catalog.poses))
    preview.resize(700, 1000)
    preview.show()
    qtbot.waitExposed(preview)
    preview.fitToWidth()
    preview.updatePreview()
    return preview.grab().toImage()
