"""The printable week as pages: laid out, then drawn on a PDF file or a printer.

``paint_sheet`` draws on any paged device, so ``backcare sheet``, File ▸ Export PDF… and the
print preview behind File ▸ Print… make the same pages. It works without a screen (the
offscreen platform is enough) and reads the paper from the device, so a paper she picks in
the print dialog is the paper it lays out for.

Every page has the same footer: what the sheet is for, its week, that it is not medical advice,
and "page 2 of 9". The margins (12 mm at the sides, 8–9 mm at the top and bottom) are wider than any
printer's unprintable edge, so the device is used edge to edge ("full page").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPainter, QPdfWriter

from backcare import __version__
from backcare.core.week_sheet import Paper, WeekSheet
from backcare.sheet.canvas import RULE, Canvas, TextStyle
from backcare.sheet.card_page import lay_out_card
from backcare.sheet.flow import Flow
from backcare.sheet.week_page import lay_out_week
from backcare.sheet.words import footer_words, span_words

if TYPE_CHECKING:
    from backcare.figures.pose import Pose

SIDE_MM, TOP_MM, BOTTOM_MM, FOOTER_GAP_MM = 12.0, 9.0, 8.0, 2.5
PAGE_SIZES = {Paper.A4: QPageSize.PageSizeId.A4, Paper.LETTER: QPageSize.PageSizeId.Letter}


def page_layout(paper: Paper) -> QPageLayout:
    """Portrait, no device margins: the sheet keeps its own (see the module docstring)."""
    return QPageLayout(QPageSize(PAGE_SIZES[paper]), QPageLayout.Orientation.Portrait,
                       QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def _footer_height(canvas: Canvas, sheet: WeekSheet, width: float) -> float:
    return canvas.height(TextStyle.BODY, footer_words(sheet, 99, 99), width)


def lay_out(canvas: Canvas, sheet: WeekSheet, poses: Mapping[str, Pose],
            page: QRectF) -> tuple[Flow, QRectF]:
    """Every page's blocks, and where the footer goes on each page."""
    left, top = canvas.mm(SIDE_MM), canvas.mm(TOP_MM)
    width = page.width() - 2 * left
    footer_h = _footer_height(canvas, sheet, width)
    footer = QRectF(left, page.height() - canvas.mm(BOTTOM_MM) - footer_h, width, footer_h)
    frame = QRectF(left, top, width, footer.top() - canvas.mm(FOOTER_GAP_MM) - top)
    flow = Flow(frame)
    lay_out_week(flow, canvas, sheet)
    for card in sheet.cards:
        lay_out_card(flow, canvas, card, sheet, poses)
    return flow, footer


def _white_page(painter: QPainter, device: QPagedPaintDevice) -> None:
    """Paint the page white, with no pen. The print preview records the pages and plays them
    back with a painter in the window's colours; a pen equal to the painter's first one (black)
    is not recorded, so without a change of pen first the first words played back in the
    window's text colour: pale grey on a dark desktop."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.fillRect(QRectF(0, 0, device.width(), device.height()), Qt.GlobalColor.white)


def paint_pages(device: QPagedPaintDevice, canvas: Canvas, flow: Flow, footer: QRectF,
                footer_for: Callable[[int, int], str]) -> int:
    """Draw ``flow``'s pages on ``device``, each white first, with a rule and the footer
    ``footer_for(page, pages)`` at the foot; returns the pages. The sheet and the report share
    it, so both print the same way."""
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
            canvas.text(painter, TextStyle.BODY, footer, footer_for(number, pages))
    finally:
        painter.end()
    return pages


def paint_sheet(device: QPagedPaintDevice, sheet: WeekSheet, poses: Mapping[str, Pose]) -> int:
    """Draw the whole sheet on ``device`` (already set to its paper); returns the pages."""
    canvas = Canvas(device)
    flow, footer = lay_out(canvas, sheet, poses, QRectF(0, 0, device.width(), device.height()))
    return paint_pages(device, canvas, flow, footer,
                       lambda number, pages: footer_words(sheet, number, pages))


def write_pages(path: Path, paper: Paper, title: str,
                paint: Callable[[QPagedPaintDevice], int]) -> int:
    """Write a PDF at ``path`` on ``paper`` titled ``title``, its pages drawn by ``paint``;
    returns the pages. Raises OSError when the file cannot be written."""
    with path.open("wb"):  # a missing folder or no permission, said as the system says it
        pass
    writer = QPdfWriter(str(path))
    writer.setPageLayout(page_layout(paper))
    writer.setTitle(title)
    writer.setCreator(f"Back Care {__version__}")
    pages = paint(writer)
    del writer  # closes the file
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"could not write {path}")
    return pages


def write_pdf(path: Path, sheet: WeekSheet, poses: Mapping[str, Pose], paper: Paper) -> int:
    """Write the sheet to ``path`` as a PDF on ``paper``; returns the pages. Raises OSError
    when the file cannot be written."""
    return write_pages(path, paper,
                       f"Back Care: your back-care week, {span_words(sheet.start, sheet.end)}",
                       lambda device: paint_sheet(device, sheet, poses))
