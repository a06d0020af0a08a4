"""A card's figures cropped to the body: every step whole in view, one scale for all steps."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF

from backcare.catalog import Catalog
from backcare.figures.painter import world_transform
from backcare.figures.pose import solve
from backcare.figures.props import FRAME
from backcare.sheet.figure_crop import MAX_ASPECT, MIN_ASPECT, crop_for, frame_rect


def test_every_step_of_every_exercise_is_whole_in_its_crop(catalog: Catalog) -> None:
    for exercise in catalog.exercises:
        poses = [catalog.poses[step.pose] for step in exercise.steps]
        crop = crop_for(poses)
        for pose in poses:
            skeleton = solve(pose)
            for name, (x, y) in skeleton.points.items():
                r = skeleton.radii[name]
                assert crop.x0 <= x - r and x + r <= crop.x1, (exercise.id, pose.id, name)
                assert crop.y0 <= y - r and y + r <= crop.y1, (exercise.id, pose.id, name)
        assert MIN_ASPECT - 1e-9 <= crop.aspect <= MAX_ASPECT + 1e-9, exercise.id
        fx0, fy0, fx1, fy1 = FRAME[crop.view]
        assert fx0 <= crop.x0 < crop.x1 <= fx1 and fy0 <= crop.y0 < crop.y1 <= fy1


def test_lying_down_is_cropped_wide_and_standing_near_square(catalog: Catalog) -> None:
    def aspect(exercise_id: str) -> float:
        exercise = catalog.exercise(exercise_id)
        assert exercise is not None
        return crop_for(catalog.poses[s.pose] for s in exercise.steps).aspect

    assert aspect("leg-slides") > 2.0  # lying on the back, legs long
    assert aspect("wall-stand") == pytest.approx(MIN_ASPECT)


def test_the_painter_draws_the_crop_into_the_box(catalog: Catalog) -> None:
    exercise = catalog.exercise("bridge")
    assert exercise is not None
    crop = crop_for(catalog.poses[s.pose] for s in exercise.steps)
    box = QRectF(50, 80, 300, 300 / crop.aspect)
    scale, ox, oy = world_transform(frame_rect(crop, box), crop.view)
    # the crop's top-left and bottom-right corners land on the box's
    assert ox + crop.x0 * scale == pytest.approx(box.left())
    assert oy - crop.y1 * scale == pytest.approx(box.top())
    assert ox + crop.x1 * scale == pytest.approx(box.right())
    assert oy - crop.y0 * scale == pytest.approx(box.bottom())
