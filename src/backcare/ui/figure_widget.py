"""The figure on screen: one pose, painted by the shared figure painter, that moves smoothly
into the next pose when the step changes.

The painter keeps one frame per view, so painting ``blend(a, b, t)`` for t from 0 to 1 is the
whole animation: this widget only owns the clock of it and never draws a limb itself. The clock
is a QTimeLine with an easing curve. The same painter makes the list thumbnails, so they always
match the card.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEasingCurve, QRectF, QSize, Qt, QTimeLine, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from backcare.core.content import Exercise
from backcare.figures.motion import blend
from backcare.figures.painter import BACKGROUND, paint_step
from backcare.figures.pose import Pose
from backcare.figures.pose_words import pose_words
from backcare.figures.thumbnail import paint_thumbnail, thumbnail_ghost, thumbnail_pose
from backcare.ui.accessible_roles import mark_graphic

ANIMATION_MS = 600


class FigureWidget(QWidget):
    """Shows ``pose`` with a faint ``ghost`` of the step before it and a motion arrow.

    ``set_pose`` animates from whatever is on screen now to the new pose; ``animationFinished``
    lets tests (and later the sheet preview) wait for the end without a fixed sleep.
    """

    animationFinished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pose: Pose | None = None
        self._ghost: Pose | None = None
        self._from: Pose | None = None
        self._t = 1.0
        self._duration_ms = ANIMATION_MS
        self._animation = QTimeLine(ANIMATION_MS, self)
        self._animation.setUpdateInterval(16)
        self._animation.setEasingCurve(QEasingCurve(QEasingCurve.Type.InOutCubic))
        self._animation.valueChanged.connect(self._on_value)
        self._animation.finished.connect(self._on_finished)
        self.setMinimumSize(200, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Tab reaches it, so a screen reader can read the pose (a click does not take focus:
        # a tap on the picture must not pull the keyboard away from Start).
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        mark_graphic(self)
        self.setAccessibleName("Exercise figure")

    # ----- public ------------------------------------------------------------------------------

    @property
    def pose(self) -> Pose | None:
        """The pose the figure is moving to (or resting in)."""
        return self._pose

    @property
    def ghost(self) -> Pose | None:
        return self._ghost

    def displayed_pose(self) -> Pose | None:
        """The pose on screen right now: an in-between pose while animating."""
        if self._pose is None:
            return None
        if self._from is None or self._t >= 1.0:
            return self._pose
        return blend(self._from, self._pose, self._t)

    def is_animating(self) -> bool:
        return self._animation.state() == QTimeLine.State.Running

    def set_animation_ms(self, ms: int) -> None:
        """Length of the move between poses (0 turns the animation off, e.g. for reduced motion)."""
        self._duration_ms = max(0, ms)
        if self._duration_ms:
            self._animation.setDuration(self._duration_ms)

    def set_pose(self, pose: Pose, ghost: Pose | None = None, *, animate: bool = True) -> None:
        """Show ``pose`` (ghost: the previous step's pose). Moves there smoothly from the pose on
        screen unless ``animate`` is False, there is nothing on screen, or it is the same pose."""
        start = self.displayed_pose()
        self._animation.stop()
        self._pose = pose
        self._ghost = ghost
        self._describe(pose, ghost)
        if (
            not animate
            or start is None
            or start == pose
            or self._duration_ms == 0
        ):
            self._from = None
            self._t = 1.0
            self.update()
            self.animationFinished.emit()
            return
        self._from = start
        self._t = 0.0
        self._animation.setCurrentTime(0)
        self._animation.start()
        self.update()

    def clear(self) -> None:
        self._animation.stop()
        self._pose = self._ghost = self._from = None
        self.setAccessibleName("Exercise figure")
        self.setAccessibleDescription("")
        self.update()

    def _describe(self, pose: Pose, ghost: Pose | None) -> None:
        """Name the picture by what it shows ("Figure: lying on your back, knees bent") and
        describe the move into it from the step before, made from the pose data."""
        words = pose_words(pose)
        self.setAccessibleName(f"Figure: {words}")
        before = pose_words(ghost) if ghost is not None else ""
        self.setAccessibleDescription(
            f"Moving from: {before}" if before and before != words else "")

    def sizeHint(self) -> QSize:
        return QSize(480, 360)

    # ----- internals ---------------------------------------------------------------------------

    def _on_value(self, value: float) -> None:
        self._t = value
        self.update()

    def _on_finished(self) -> None:
        self._t = 1.0
        self._from = None
        self.update()
        self.animationFinished.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), BACKGROUND)
            pose = self.displayed_pose()
            if pose is not None:
                moving = self._from is not None
                # The arrow shows the motion to make; while the figure is making it, it would
                # only chase the limbs, so it appears once the move has ended.
                paint_step(painter, QRectF(self.rect()), pose, self._ghost, arrow=not moving)
        finally:
            painter.end()


def thumbnail_icon(exercise: Exercise, poses: Mapping[str, Pose], size: QSize,
                   device_pixel_ratio: float = 1.0) -> QIcon | None:
    """The exercise's list thumbnail: its telling step, framed round her body (see
    ``figures.thumbnail``); None when that step's pose is missing."""
    pose = thumbnail_pose(exercise, poses)
    if pose is None:
        return None
    pixmap = QPixmap(
        max(1, round(size.width() * device_pixel_ratio)),
        max(1, round(size.height() * device_pixel_ratio)),
    )
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    pixmap.fill(QColor(BACKGROUND))
    painter = QPainter(pixmap)
    try:
        paint_thumbnail(painter, QRectF(0, 0, size.width(), size.height()), pose,
                        thumbnail_ghost(exercise, poses))
    finally:
        painter.end()
    return QIcon(pixmap)
