"""Saying what changed when nobody moved the focus: a step, a hold, the end of an exercise.

During a guided session the screen changes by itself while her hands are busy and her eyes
may be closed. Qt 6.8 brought accessibility announcements (``QAccessibleAnnouncementEvent``,
an AT-SPI "announcement" that Orca speaks without moving the focus), so each change is said
once, in words, instead of a label renamed every second that a screen reader never reads.

``announced`` carries the same words for the app's own use and for tests: Qt hands the event
to the platform bridge only, so it cannot be read back in-process.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget


class Announcer(QObject):
    """Announces on behalf of ``widget`` (the object the screen reader says it comes from),
    its parent. It keeps no Python reference to it: a cycle between the two would leave the
    widget to the garbage collector, which could then delete it in the middle of a paint."""

    announced = Signal(str)

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)

    def say(self, message: str, *, assertive: bool = False) -> None:
        """Have the screen reader say ``message``; ``assertive`` interrupts what it is saying
        (for what must not wait), the default waits for a pause."""
        if not message:
            return
        event = QAccessibleAnnouncementEvent(self.parent(), message)
        if assertive:
            event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
        QAccessible.updateAccessibility(event)
        self.announced.emit(message)
