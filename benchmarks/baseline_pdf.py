"""The floor the printed sheet is measured against: one bare QPdfWriter page of text.

A QGuiApplication (offscreen where there is no screen, as ``backcare sheet`` runs), a
QPdfWriter on A4, one paragraph of 11 pt DejaVu Sans, the file closed. Nothing of Back Care's:
no catalog, no store, no figures. ``sheet.py`` times this next to ``backcare sheet``.

    python benchmarks/baseline_pdf.py OUT.pdf
"""

from __future__ import annotations

import os
import sys

TEXT = (
    "Your back-care week. Tick a box each time you do it. Stand up every two hours, bend your "
    "knees to pick things up, and keep the warning signs where you can see them. "
) * 6


def write_bare_page(path: str) -> None:
    """Write the one page of text to ``path`` (a QGuiApplication must exist)."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QFont, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(path)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(11)
    painter.setFont(font)
    margin = writer.logicalDpiX() / 2
    area = QRectF(margin, margin, writer.width() - 2 * margin, writer.height() - 2 * margin)
    painter.drawText(area, int(Qt.TextFlag.TextWordWrap), TEXT)
    painter.end()
    del writer


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(["baseline_pdf"])
    write_bare_page(argv[0])
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
