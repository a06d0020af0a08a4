"""Framing an exercise's figures for paper: the part of the scene her body uses, not the room.

On screen every pose of a view shares one fixed world box (``props.FRAME``), tall enough for
standing with arms raised, so the animation never jumps. On paper that box leaves a figure
lying on a mat as a thin strip at the bottom of a mostly empty picture. So a card crops all its
steps to one box round the body in every step (and the ball, chair or wall it uses), with
room for the motion arrows: the steps still share scale and origin, so the ghost and the
arrows read as on screen, and the figure is as large as the card allows. Pure geometry: the
painter itself is unchanged and is told only where to draw the whole frame.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QRectF

from backcare.figures.pose import Pose, solve
from backcare.figures.props import FRAME, WALL_X, Box, Circle, scene

MARGIN_CM = 14.0  # round the body: the hair, the hands' reach
ARROW_ROOM_CM = 24.0  # above the highest point: the motion arrows and hints
MIN_ASPECT, MAX_ASPECT = 1.25, 3.0  # wide boxes for lying down, near-square for standing


@dataclass(frozen=True)
class Crop:
    """A box in world centimetres (y up), with the view it belongs to."""

    view: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def aspect(self) -> float:
        return (self.x1 - self.x0) / (self.y1 - self.y0)


def _prop_xs(pose: Pose) -> list[tuple[float, float, float]]:
    """(x0, x1, top) of the props worth keeping whole in view: a ball, a chair, a wall's face."""
    spans = []
    for name, prop in scene(pose.view, pose.props).items():
        if name in ("floor", "mat", "bed"):
            continue  # long and low: cropping their ends loses nothing
        if name == "wall":
            spans.append((WALL_X - 6.0, WALL_X, 0.0))
            continue
        for part in (*prop.parts, *prop.drawn_only):
            if isinstance(part, Circle):
                spans.append((part.cx - part.r, part.cx + part.r, part.cy + part.r))
            elif isinstance(part, Box):
                spans.append((part.x0, part.x1, part.y1))
    return spans


def crop_for(poses: Iterable[Pose]) -> Crop:
    """One box for all ``poses`` (of one view), widened or heightened to a sensible aspect
    and kept inside the view's frame."""
    poses = tuple(poses)
    view = poses[0].view
    fx0, fy0, fx1, fy1 = FRAME[view]
    xs: list[float] = []
    tops: list[float] = []
    for pose in poses:
        skeleton = solve(pose)
        for name, (x, y) in skeleton.points.items():
            r = skeleton.radii[name]
            xs += [x - r - MARGIN_CM, x + r + MARGIN_CM]
            tops.append(y + r)
        for x0, x1, top in _prop_xs(pose):
            xs += [x0, x1]
            tops.append(top)
    x0, x1 = max(fx0, min(xs)), min(fx1, max(xs))
    y0, y1 = fy0, min(fy1, max(tops) + ARROW_ROOM_CM)
    width, height = x1 - x0, y1 - y0
    if width / height > MAX_ASPECT:  # too flat: add sky
        y1 = min(fy1, y0 + width / MAX_ASPECT)
    elif width / height < MIN_ASPECT:  # too narrow: add room at both sides, or at the one
        need = height * MIN_ASPECT - width  # the frame leaves (a wall at the left edge)
        left = min(need / 2, x0 - fx0)
        right = min(need - left, fx1 - x1)
        left = min(need - right, x0 - fx0)  # what the right could not take goes left
        x0, x1 = x0 - left, x1 + right
    return Crop(view, x0, y0, x1, y1)


def frame_rect(crop: Crop, box: QRectF) -> QRectF:
    """Where to ask the painter to draw the view's whole frame so that ``crop`` fills ``box``
    (``box`` has the crop's aspect; clip the painter to ``box``)."""
    fx0, fy0, fx1, fy1 = FRAME[crop.view]
    scale = box.width() / (crop.x1 - crop.x0)
    # the painter puts world x at ox + x*scale and y at oy - y*scale, centring its frame
    ox = box.left() - crop.x0 * scale
    oy = box.top() + crop.y1 * scale
    width, height = (fx1 - fx0) * scale, (fy1 - fy0) * scale
    centre_x = ox + (fx0 + fx1) / 2 * scale
    centre_y = oy - (fy0 + fy1) / 2 * scale
    return QRectF(centre_x - width / 2, centre_y - height / 2, width, height)
