"""The report as pages on a PDF file: laid out with the sheet's flow, framed and footed as the
sheet is (``sheet.document``'s margins, white page and footer rule), on the paper her locale
uses unless she names one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPagedPaintDevice

from backcare.core.week_sheet import Paper
from backcare.sheet.canvas import Canvas, TextStyle
from backcare.sheet.document import (
    BOTTOM_MM,
    FOOTER_GAP_MM,
    SIDE_MM,
    TOP_MM,
    paint_pages,
    write_pages,
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
    return paint_pages(device, canvas, flow, footer,
                       lambda number, pages: footer_words(data, number, pages))


def write_report(path: Path, data: ReportData, paper: Paper) -> int:
    """Write the report to ``path`` as a PDF on ``paper``; returns the pages. Raises OSError
    when the file cannot be written."""
    return write_pages(path, paper, f"Back Care: {title_words(data)}",
                       lambda device: paint_report(device, data))
