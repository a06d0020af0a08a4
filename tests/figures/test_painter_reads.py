"""The painter draws what the words need: hands and arms in their own shades (a knee hug is
not one knot), the counter her hand rests on, the ball's roll, an arrow where the back moves."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage

from backcare.figures.body_paint import ARM_COLOR, BACKGROUND, FIGURE_COLOR, HAND_COLOR
from backcare.figures.painter import ARROW_COLOR, render_image, world_transform
from backcare.figures.pose import Pose, solve
from tests.figures.test_painter import count

SIZE = (480, 360)


def _to_px(pose: Pose, point: tuple[float, float]) -> tuple[float, float]:
    scale, ox, oy = world_transform(QRectF(0, 0, *SIZE), pose.view)
    return ox + point[0] * scale, oy - point[1] * scale


def _where(image: QImage, color: QColor) -> list[tuple[int, int]]:
    want = color.rgb() & 0xFFFFFF
    return [(x, y) for y in range(image.height()) for x in range(image.width())
            if image.pixel(x, y) & 0xFFFFFF == want]


def test_a_knee_hug_shows_a_hand_an_arm_and_a_leg_apart(qapp, poses: dict[str, Pose]) -> None:
    image = render_image(poses["supine-one-knee-hug"], size=SIZE)
    assert count(image, HAND_COLOR) > 60  # the hand on the shin shows
    assert count(image, ARM_COLOR) > 400  # the arm has its own shade...
    assert count(image, FIGURE_COLOR) > 1500  # ...apart from the leg and the body
    # and a gap of background runs round the arm where it crosses her: background pixels
    # inside the figure's outline, between the arm and the thigh
    sk = solve(poses["supine-one-knee-hug"])
    (sx, sy), (kx, ky) = _to_px(poses["supine-one-knee-hug"], sk["near_shoulder"]), _to_px(
        poses["supine-one-knee-hug"], sk["near_knee"])
    left, right = int(min(sx, kx)), int(max(sx, kx))
    top, bottom = int(min(sy, ky)), int(max(sy, ky))
    white = BACKGROUND.rgb() & 0xFFFFFF
    gaps = 0
    for y in range(top, bottom):
        row = [image.pixel(x, y) & 0xFFFFFF for x in range(left, right)]
        inked = [i for i, p in enumerate(row) if p != white]
        if inked:
            gaps += sum(1 for p in row[inked[0]:inked[-1]] if p == white)
    assert gaps > 30


def test_her_hand_rests_on_a_counter_that_is_drawn(qapp, poses: dict[str, Pose]) -> None:
    from backcare.figures.prop_paint import _WORKTOP

    image = render_image(poses["walk-back-step"], size=SIZE)
    assert count(image, _WORKTOP) > 500
    assert count(render_image(poses["stand-rub-up"], size=SIZE), _WORKTOP) == 0


def test_rolling_the_ball_draws_its_arrow_beside_the_ball(qapp, poses: dict[str, Pose]) -> None:
    shift, sit = poses["front-ball-shift"], poses["front-ball-sit"]
    image = render_image(shift, sit, size=SIZE)
    ball = shift.scene()["ball"].parts[0]
    right_of_ball, _ = _to_px(shift, (ball.cx + ball.r, ball.cy))
    accent = _where(image, ARROW_COLOR)
    assert len(accent) > 15
    assert min(x for x, _ in accent) > right_of_ball  # beside it, the way it rolled
    home = sit.scene()["ball"].parts[0]
    left_of_ball, _ = _to_px(sit, (home.cx - home.r, home.cy))
    back = _where(render_image(sit, shift, size=SIZE), ARROW_COLOR)  # rolling back again
    assert back and max(x for x, _ in back) < left_of_ball


def test_lowering_the_cats_back_puts_the_arrow_over_the_back(
    qapp, poses: dict[str, Pose]
) -> None:
    flat, round_ = poses["all-fours-flat"], poses["all-fours-round"]
    image = render_image(flat, round_, size=SIZE)
    accent = _where(image, ARROW_COLOR)
    assert accent
    sk = solve(flat)
    waist_x, back_y = _to_px(flat, (sk["waist"][0], sk["waist"][1] + sk.radii["waist"]))
    head_x, _ = _to_px(flat, sk["head"])
    mean_x = sum(x for x, _ in accent) / len(accent)
    assert abs(mean_x - waist_x) < abs(mean_x - head_x)  # at the back, not the head
    assert max(y for _, y in accent) < back_y + 3  # above the back, pressing down on it
