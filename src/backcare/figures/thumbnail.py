"""The picture that stands for an exercise in a list: its most telling step, framed close.

Many exercises start from the same position (lying with knees bent, on hands and knees, against
the wall), so their first steps look alike and a list of them would show the same figure over
and over. Each exercise names the step that shows what it is (``thumbnail_step`` in its file);
the list, the review sheet and the test that keeps thumbnails apart all ask this module for it,
so they cannot disagree.

A thumbnail is a still, so it need not share the card's fixed frame (which is there so the
animation never jumps): it is framed round her body instead. A figure lying on the mat then
fills the thumbnail's width rather than a thin strip along its bottom, and a bent knee or a
lifted leg stays visible at 120 × 90 pixels.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QImage, QPainter

from backcare.core.content import Exercise
from backcare.figures import props as P
from backcare.figures.painter import BACKGROUND, paint_avoid_mark, paint_step
from backcare.figures.pose import Pose, solve

MARGIN_CM = 8.0  # round her body: room for the outline and a hint (a glow, a wobble)
GROUND_CM = 6.0  # below the floor line, so she is seen standing or lying on something


def thumbnail_pose(exercise: Exercise, poses: Mapping[str, Pose]) -> Pose | None:
    """The pose of the exercise's thumbnail step, or None when that pose is missing."""
    return poses.get(exercise.thumbnail.pose)


def thumbnail_ghost(exercise: Exercise, poses: Mapping[str, Pose]) -> Pose | None:
    """The pose of the step before the thumbnail step (its ghost and arrow), if any."""
    i = exercise.thumbnail_step - 1
    return poses.get(exercise.steps[i - 1].pose) if i > 0 else None


#: Props a close framing keeps whole in view: what a tip's figure is about (the baby she lifts
#: or feeds, the changing table, the chair and the cushion behind her back, the bed she gets
#: out of).
FRAMED_PROPS = ("baby", "changing-table", "chair", "cushion", "bed")


def _extent(shape: P.Shape) -> tuple[float, float, float, float]:
    if isinstance(shape, P.Box):
        return shape.x0, shape.y0, shape.x1, shape.y1
    if isinstance(shape, P.Circle):
        return shape.cx - shape.r, shape.cy - shape.r, shape.cx + shape.r, shape.cy + shape.r
    return (min(shape.ax, shape.bx) - shape.r, min(shape.ay, shape.by) - shape.r,
            max(shape.ax, shape.bx) + shape.r, max(shape.ay, shape.by) + shape.r)


def _body_box(pose: Pose, ghost: Pose | None,
              aspect: float) -> tuple[float, float, float, float]:
    """World box (x0, y0, x1, y1) round her body (now and in the ghost) and the ball she sits
    on, widened or heightened to ``aspect`` (width / height) about its middle, and kept in the
    view's frame."""
    discs = solve(pose).discs()
    if ghost is not None and ghost.view == pose.view:
        discs += solve(ghost).discs()
    xs = [x + s * (r + MARGIN_CM) for _, (x, _y), r in discs for s in (-1, 1)]
    tops = [y + r + MARGIN_CM for _, (_x, y), r in discs]
    world = pose.scene()
    ball = world.get("ball")
    if ball is not None:
        for part in ball.parts:
            if isinstance(part, P.Circle):
                xs += [part.cx - part.r - 2, part.cx + part.r + 2]
    for name in FRAMED_PROPS:  # what a tip's figure is about: the baby, where it lies, the seat
        if name in world:
            for shape in world[name].parts + world[name].drawn_only:
                x0s, _, x1s, y1s = _extent(shape)
                xs += [x0s - 2, x1s + 2]
                tops.append(y1s + 2)
    fx0, _, fx1, fy1 = P.FRAME[pose.view]
    x0, x1, y0, y1 = min(xs), max(xs), -GROUND_CM, max(tops)
    width, height = x1 - x0, y1 - y0
    if width / height < aspect:  # too narrow: widen about the middle
        grow = (height * aspect - width) / 2
        x0, x1 = x0 - grow, x1 + grow
    else:  # too flat: add sky
        y1 = y0 + width / aspect
    # slide back inside the frame where it pokes out (the wall is at the frame's left)
    shift = max(0.0, fx0 - x0) - max(0.0, x1 - fx1)
    return max(fx0, x0 + shift), y0, min(fx1, x1 + shift), min(fy1, y1)


def _frame_rect(pose: Pose, ghost: Pose | None, target: QRectF) -> QRectF:
    """Where to ask the painter to draw the view's whole frame so that the body box fills
    ``target``: the painter maps its frame into a rectangle, so a larger rectangle zooms in."""
    x0, y0, x1, y1 = _body_box(pose, ghost, target.width() / target.height())
    scale = min(target.width() / (x1 - x0), target.height() / (y1 - y0))
    fx0, fy0, fx1, fy1 = P.FRAME[pose.view]
    # the world point at the box's middle goes to the target's middle
    mid_x, mid_y = (x0 + x1) / 2, (y0 + y1) / 2
    ox = target.center().x() - mid_x * scale
    oy = target.center().y() + mid_y * scale
    width, height = (fx1 - fx0) * scale, (fy1 - fy0) * scale
    centre_x = ox + (fx0 + fx1) / 2 * scale
    centre_y = oy - (fy0 + fy1) / 2 * scale
    return QRectF(centre_x - width / 2, centre_y - height / 2, width, height)


def paint_thumbnail(painter: QPainter, target: QRectF, pose: Pose,
                    ghost: Pose | None = None, *, avoid: bool = False) -> None:
    """The step as its card draws it (the step before as a ghost, the arrow of the movement),
    framed round her body, clipped to ``target``. The movement is what tells two exercises
    from the same start apart: a heel sliding, a back flattening to the wall. ``avoid`` adds
    the "not like this" mark in the corner of ``target`` (a tip's figure of the wrong way)."""
    painter.save()
    try:
        painter.setClipRect(target)
        paint_step(painter, _frame_rect(pose, ghost, target), pose, ghost)
        if avoid:
            paint_avoid_mark(painter, target)
    finally:
        painter.restore()


def thumbnail_image(pose: Pose, size: QSize, ghost: Pose | None = None, *,
                    avoid: bool = False) -> QImage:
    """The thumbnail on white, as the Exercises list (and a tip's figure) shows it."""
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(BACKGROUND)
    painter = QPainter(image)
    try:
        paint_thumbnail(painter, QRectF(0, 0, size.width(), size.height()), pose, ghost,
                        avoid=avoid)
    finally:
        painter.end()
    return image
