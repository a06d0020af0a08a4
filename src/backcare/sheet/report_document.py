"""The report as pages on a PDF file: laid out with the sheet's flow, framed and footed as the
sheet is (``sheet.document``'s margins, white page and footer rule), on the paper her locale
uses unless she names one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPagedPaintDevice, QPainter, QPdfWriter

from backcare import __version__
from backcare.core.week_sheet import Paper
from backcare.sheet.canvas import RULE, Canvas, TextStyle
from backcare.sheet.document import (
    BOTTOM_MM,
    FOOTER_GAP_MM,
    SIDE_MM,
    TOP_MM,
    _white_page,
    page_layout,
)
from backcare.sheet.flow import Flow
from backcare.sheet.report_data import ReportData
from backcare.sheet.report_page import lay_out_report
from backcare.sheet.report_words import footer_words, title_words


def lay_out(canvas: Canvas, data: ReportData, page: QRectF) -> tuple[Flow, QRectF]:
    """Every page's blocks, and where the footer goes on each page."""
    left, top = canvas.mm(SIDE_MM), canvas.mm(TOP_MM)
    width = page.width() - 2 * left
    footer_h = canvas.height(TextStyle.BODY, footer_words(data, 99, 99), width)
    footer = QRectF(left, page.height() - canvas.mm(BOTTOM_MM) - footer_h, width, footer_h)
    flow = Flow(QRectF(left, top, width, footer.top() - canvas.mm(FOOTER_GAP_MM) - top))
    lay_out_report(flow, canvas, data)
    return flow, footer


def paint_report(device: QPagedPaintDevice, data: ReportData) -> int:
    """Draw the whole report on ``device`` (already set to its paper); returns the pages."""
    canvas = Canvas(device)
    flow, footer = lay_out(canvas, data, QRectF(0, 0, device.width(), device.height()))
    pages = len(flow.pages)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the page could not be opened for drawing")
    try:
        for number, placed in enumerate(flow.pages, start=1):
            if number > 1:
                device.newPage()
            _white_page(painter, device)
            for item in placed:
                painter.save()
                painter.setClipRect(item.rect.adjusted(-2, -2, 2, 2))
                item.draw(painter, item.rect)
                painter.restore()
            up = QPointF(0, canvas.mm(1.2))
            canvas.rule(painter, footer.topLeft() - up, footer.topRight() - up, 0.5, RULE)
            canvas.text(painter, TextStyle.BODY, footer, footer_words(data, number, pages))
    finally:
        painter.end()
    return pages


def write_report(path: Path, data: ReportData, paper: Paper) -> int:
    """Write the report to ``path`` as a PDF on ``paper``; returns the pages. Raises OSError
    when the file cannot be written."""
    with path.open("wb"):  # a missing folder or no permission, said as the system says it
        pass
    writer = QPdfWriter(str(path))
    writer.setPageLayout(page_layout(paper))
    writer.setTitle(f"Back Care: {title_words(data)}")
    writer.setCreator(f"Back Care {__version__}")
    pages = paint_report(writer, data)
    del writer  # closes the file
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"could not write {path}")
    return pages
