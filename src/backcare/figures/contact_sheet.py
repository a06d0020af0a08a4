"""One review image of every step of every exercise, each figure with its words under it.

A figure is right only if it reads as its words, and that is judged by looking: step by step in
separate files it is easy to miss that two exercises look alike or that a picture says something
its text does not. So the sheet puts each exercise on a row, its list thumbnail first (at the
size the Exercises page shows it) and then every step at card size, drawn exactly as the card
draws it (the previous step as a ghost, the motion arrow), with the step's instruction below.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter

from backcare.core.content import Exercise
from backcare.figures.painter import BACKGROUND, paint_step
from backcare.figures.pose import Pose
from backcare.figures.thumbnail import paint_thumbnail, thumbnail_ghost, thumbnail_pose

CELL = QSize(320, 240)  # a step at about the size the sheet's cards and a small window show
THUMB = QSize(120, 90)  # the Exercises list's thumbnail (ui.exercises_page.THUMB)
PAD = 12
TITLE_W = THUMB.width() + 2 * PAD
_INK = QColor("#222222")
_RULE = QColor("#c8ced3")


def _font(pixels: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def _text_height(text: str, font: QFont, width: int) -> int:
    flags = int(Qt.TextFlag.TextWordWrap)
    return QFontMetrics(font).boundingRect(QRect(0, 0, width, 10_000), flags, text).height()


def _step_text(i: int, exercise: Exercise) -> str:
    step = exercise.steps[i]
    return f"{i + 1}. {step.instruction}  [{step.pose}]"


def contact_sheet(exercises: Iterable[Exercise], poses: Mapping[str, Pose]) -> QImage:
    """The review image: a row per exercise (title, thumbnail, then each step with its words)."""
    exercises = tuple(exercises)
    body = _font(13)
    title = _font(14, bold=True)
    columns = max((len(e.steps) for e in exercises), default=1)
    width = TITLE_W + columns * (CELL.width() + PAD) + PAD
    rows: list[int] = []
    for exercise in exercises:
        words = max(
            _text_height(_step_text(i, exercise), body, CELL.width())
            for i in range(len(exercise.steps))
        )
        head = _text_height(exercise.title, title, THUMB.width())
        rows.append(max(CELL.height() + PAD + words, head + PAD + THUMB.height()) + 2 * PAD)
    image = QImage(width, max(1, sum(rows)), QImage.Format.Format_RGB32)
    image.fill(BACKGROUND)
    painter = QPainter(image)
    try:
        top = 0
        for exercise, height in zip(exercises, rows, strict=True):
            _paint_row(painter, exercise, poses, top, body, title)
            top += height
            painter.setPen(_RULE)
            painter.drawLine(0, top - 1, width, top - 1)
    finally:
        painter.end()
    return image


def _paint_row(painter: QPainter, exercise: Exercise, poses: Mapping[str, Pose], top: int,
               body: QFont, title: QFont) -> None:

    painter.setPen(_INK)
    painter.setFont(title)
    flags = int(Qt.TextFlag.TextWordWrap)
    head = QRect(PAD, top + PAD, THUMB.width(), 200)
    painter.drawText(head, flags, exercise.title)
    head_h = _text_height(exercise.title, title, THUMB.width())
    thumb = thumbnail_pose(exercise, poses)
    if thumb is not None:
        box = QRectF(PAD, top + PAD + head_h + PAD, THUMB.width(), THUMB.height())
        paint_thumbnail(painter, box, thumb, thumbnail_ghost(exercise, poses))
        painter.setPen(_RULE)
        painter.drawRect(box)
    previous: Pose | None = None
    painter.setFont(body)
    for i, step in enumerate(exercise.steps):
        left = TITLE_W + i * (CELL.width() + PAD)
        pose = poses.get(step.pose)
        cell = QRectF(left, top + PAD, CELL.width(), CELL.height())
        if pose is not None:
            paint_step(painter, cell, pose, previous)
        painter.setPen(_RULE)
        painter.drawRect(cell)
        painter.setPen(_INK)
        words = QRect(left, top + PAD + CELL.height() + PAD // 2, CELL.width(), 400)
        painter.drawText(words, flags, _step_text(i, exercise))
        previous = pose


def write_contact_sheet(path: Path, exercises: Iterable[Exercise],
                        poses: Mapping[str, Pose]) -> Path:
    """Write the review image as a PNG; returns ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not contact_sheet(exercises, poses).save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path
