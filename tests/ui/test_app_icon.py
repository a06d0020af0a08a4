"""The icon the app shows comes from PNGs that still match the SVG they were drawn from."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from backcare.ui.app_icon import ICON_SIZES, app_icon, draw_pngs, icon_png, icon_svg


def _difference(a: QImage, b: QImage) -> float:
    """Mean absolute difference per channel, 0-255, over every pixel."""
    assert a.size() == b.size()
    a = a.convertToFormat(QImage.Format.Format_ARGB32)
    b = b.convertToFormat(QImage.Format.Format_ARGB32)
    total = 0
    for y in range(a.height()):
        for x in range(a.width()):
            pa, pb = a.pixel(x, y), b.pixel(x, y)
            total += sum(abs(((pa >> s) & 255) - ((pb >> s) & 255)) for s in (0, 8, 16, 24))
    return total / (a.width() * a.height() * 4)


def test_the_shipped_pngs_match_the_svg(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fresh = draw_pngs(icon_svg(), tmp_path)
    assert [p.name for p in fresh] == [icon_png(s).name for s in ICON_SIZES]
    for size, drawn in zip(ICON_SIZES, fresh, strict=True):
        shipped = QImage(str(icon_png(size)))
        assert shipped.size() == QSize(size, size), icon_png(size)
        # Redraw with `python -m backcare.ui.app_icon` after editing the SVG.
        assert _difference(shipped, QImage(str(drawn))) < 2.0, f"{icon_png(size)} is stale"


def test_the_icon_is_the_teal_square_at_every_size(qapp) -> None:  # type: ignore[no-untyped-def]
    icon = app_icon()
    assert sorted(s.width() for s in icon.availableSizes()) == sorted(ICON_SIZES)
    for size in (16, 22, 48):
        image = icon.pixmap(QSize(size, size)).toImage()
        assert image.size() == QSize(size, size)
        above_figure = image.pixelColor(size // 2, size // 6)  # teal sky above the bridge
        assert above_figure.name() == "#2f7f7a"
        assert image.pixelColor(0, 0).alpha() == 0  # the rounded corner is transparent
