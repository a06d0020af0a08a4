"""The painter draws a recognisable figure on raster and vector devices, with a ghost and an
arrow, in a frame that does not move between poses of one view."""

from __future__ import annotations

import sys
from array import array
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from backcare.figures.painter import (
    BACKGROUND,
    FIGURE_COLOR,
    paint_step,
    render_image,
    render_png,
    render_svg,
    world_transform,
)
from backcare.figures.pose import Pose


def _pixels(image: QImage) -> array:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = array("I")
    data.frombytes(bytes(image.constBits()))
    return data


def count(image: QImage, color: QColor) -> int:
    return _pixels(image).count(color.rgb() & 0xFFFFFFFF | 0xFF000000)


def not_background(image: QImage) -> int:
    data = _pixels(image)
    return len(data) - data.count(BACKGROUND.rgb() | 0xFF000000)


def test_png_shows_the_figure_in_its_colour(qapp, poses: dict[str, Pose], tmp_path: Path) -> None:
    path = render_png(tmp_path / "bridge.png", poses["bridge-up"])
    image = QImage(str(path))
    assert (image.width(), image.height()) == (480, 360)
    assert count(image, FIGURE_COLOR) > 2000


def test_every_pose_renders_a_figure(qapp, poses: dict[str, Pose]) -> None:
    for pose_id, pose in poses.items():
        assert count(render_image(pose, size=(240, 180)), FIGURE_COLOR) > 300, pose_id


def test_svg_holds_vector_paths(qapp, poses: dict[str, Pose], tmp_path: Path) -> None:
    path = render_svg(tmp_path / "cat.svg", poses["all-fours-round"], poses["all-fours-flat"])
    text = path.read_text()
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert text.count("<path") > 5


def test_a_ghost_adds_to_the_picture(qapp, poses: dict[str, Pose]) -> None:
    alone = render_image(poses["bridge-up"])
    with_ghost = render_image(poses["bridge-up"], poses["supine-knees-bent"])
    assert not_background(with_ghost) > not_background(alone) + 500


def test_the_motion_arrow_needs_movement(qapp, poses: dict[str, Pose]) -> None:
    accent = QColor("#e07a2e")
    moved = render_image(poses["supine-leg-straight-up"], poses["supine-tabletop-one"])
    same = render_image(poses["supine-one-leg-long"], poses["supine-one-leg-long"])
    assert count(moved, accent) > 20
    assert count(same, accent) == 0


def _floor_row(image: QImage, x: int) -> int:
    for y in range(image.height()):
        if image.pixelColor(x, y) != BACKGROUND:
            return y
    raise AssertionError("no floor")


def test_framing_is_stable_between_poses_of_a_view(qapp, poses: dict[str, Pose]) -> None:
    standing = render_image(poses["stand-rub-up"])
    kneeling = render_image(poses["all-fours-flat"])  # different props, different extent
    assert _floor_row(standing, 3) == _floor_row(kneeling, 3)
    front = [render_image(poses[p]) for p in ("front-stand-arms-up", "front-ball-sit")]
    assert _floor_row(front[0], 3) == _floor_row(front[1], 3)
    # the mapping depends on the view and the rectangle only, so every frame of an
    # animation shares it; world y = 0 lands on the floor row
    scale, _, oy = world_transform(QRectF(0, 0, 480, 360), "side")
    assert abs(oy - _floor_row(standing, 3)) <= 1.5 and scale > 1


def test_the_callers_painter_state_is_left_as_it_was(qapp, poses: dict[str, Pose]) -> None:
    image = QImage(200, 150, QImage.Format.Format_ARGB32)
    image.fill(BACKGROUND)
    painter = QPainter(image)
    pen = QPen(QColor("#123456"), 3)
    painter.setPen(pen)
    painter.translate(5, 7)
    before = (painter.transform(), painter.pen().color().name(), painter.opacity())
    paint_step(painter, QRectF(0, 0, 190, 140), poses["prone-press"], poses["prone-hands-back"])
    after = (painter.transform(), painter.pen().color().name(), painter.opacity())
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.drawLine(QPointF(0, 0), QPointF(10, 0))  # the painter is still usable
    painter.end()
    assert before == after
    assert not painter.isActive()
    assert image.pixelColor(8, 7) == QColor("#123456")


def test_paints_into_a_sub_rectangle_only(qapp, poses: dict[str, Pose]) -> None:
    image = QImage(400, 300, QImage.Format.Format_ARGB32)
    image.fill(BACKGROUND)
    painter = QPainter(image)
    paint_step(painter, QRectF(200, 0, 200, 150), poses["stand-side"])
    painter.end()
    left = image.copy(0, 0, 200, 300)
    assert not_background(left) == 0


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_painting_does_not_eat_references_to_none(qapp, poses: dict[str, Pose]) -> None:
    """PySide6-Essentials 6.12.0 on Python 3.11 drops a reference to None on every void call
    (setPen, drawPath, …); a few thousand calls later the process aborts with 'deallocating
    None'. One step picture makes hundreds of such calls, so this guards the binding we run on."""
    render_image(poses["bridge-up"], poses["supine-knees-bent"])  # warm caches first
    before = sys.getrefcount(None)
    for _ in range(3):
        render_image(poses["bridge-up"], poses["supine-knees-bent"])
    assert sys.getrefcount(None) >= before - 20
