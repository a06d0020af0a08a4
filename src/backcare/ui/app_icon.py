"""Back Care's icon for the window and the tray, from PNG files drawn from the SVG.

Why PNGs at start: a QIcon made from an SVG file makes Qt load its SVG icon-engine plugin
and the QtSvg library (about 0.7 MiB resident, and parsing at every start) for one small
picture. PNG decoding is built into QtGui, which is loaded anyway. The SVG stays the source:
``python -m backcare.ui.app_icon`` redraws the PNGs from it, and
``tests/ui/test_app_icon.py`` fails if they no longer match it. The launcher installed by
``backcare install-desktop`` still uses the SVG, where the desktop scales it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from backcare.paths import resources_dir

ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)  # the sizes trays and window lists ask for


def icon_svg() -> Path:
    return resources_dir() / "icons" / "backcare.svg"


def icon_png(size: int) -> Path:
    return resources_dir() / "icons" / f"backcare-{size}.png"


def app_icon() -> QIcon:
    """The icon at every size in ``ICON_SIZES``; Qt reads a file only when that size is shown."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(icon_png(size)), QSize(size, size))
    return icon


def draw_pngs(svg: Path, out: Path) -> list[Path]:
    """Draw ``svg`` as ``backcare-<size>.png`` in ``out`` for every size (needs QtSvg)."""
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not an SVG picture Qt can draw")
    written = []
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor(0, 0, 0, 0))
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        path = out / f"backcare-{size}.png"
        if not image.save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        written.append(path)
    return written


def main() -> int:  # pragma: no cover - a developer's tool, run by hand after editing the SVG
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for path in draw_pngs(icon_svg(), icon_svg().parent):
        print(f"Wrote {path}")
    del app
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
