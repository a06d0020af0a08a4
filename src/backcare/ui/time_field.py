"""An HH:MM field that takes the time as she types it, with the arrow keys to nudge it.

It replaces ``QTimeEdit``, which read typing section by section: typed over 21:30, "20:23"
gave 21:23 (the hour refused the digits, the colon jumped to the minutes), and its spin
arrows were tiny targets. Here the whole text is read when she leaves the field or presses
Enter (``core.clock_text``): "2023", "20:23" and "8pm" are understood; anything else keeps the
time it had and says why in a red sentence just below, so a time never changes unnoticed.
No spin arrows: Up and Down move it by 5 minutes, Page Up and Page Down by an hour.

It offers the part of ``QTimeEdit``'s interface the forms use (``time``, ``setTime`` and
``timeChanged``), so the forms read it the same way.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from backcare.core.clock_text import Refused, parse_clock, step_clock

TYPING_PAUSE_MS = 600  # a time she types is taken once she stops for this long, if it is one
# Key codes as plain numbers (Qt.Key.Key_Up …), the arrows' steps in minutes.
_STEPS = {0x01000013: 5, 0x01000015: -5, 0x01000016: 60, 0x01000017: -60}


class _TimeLine(QLineEdit):
    """The text box; the arrow keys ask its field for a step instead of moving the cursor."""

    stepped = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = _STEPS.get(event.key())
        if step is None:
            super().keyPressEvent(event)
            return
        self.stepped.emit(step)
        event.accept()


class TimeField(QWidget):
    """``TimeField(value, name, refusal)``: the time ``value`` in a text box named ``name``
    for screen readers, and ``refusal``, the red sentence (``form_parts.make_error_label``)
    shown below it when what she typed is not a time."""

    timeChanged = Signal(QTime)

    def __init__(self, value: time, name: str, refusal: QLabel,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = value
        self.line = _TimeLine(self)
        self.line.setObjectName("timeField")
        self.line.setAccessibleName(name)
        self.line.setAccessibleDescription("Type a time such as 20:30 or 8:30pm; "
                                           "Up and Down move it by 5 minutes.")
        self.line.setMaxLength(12)
        self.line.setText(_words(value))
        self.refusal = refusal
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line)
        layout.addWidget(refusal)
        self.setFocusProxy(self.line)
        self.setAccessibleName(name)
        # Taken when she pauses (so the form's checks follow without flickering at "202" on
        # the way to "2023"), and when she leaves the field or presses Enter, which alone may
        # refuse: half-typed text is never thrown away under her fingers.
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TYPING_PAUSE_MS)
        self._pause.timeout.connect(self._take_typed)
        self.line.textEdited.connect(self._pause.start)
        self.line.editingFinished.connect(self._read_typed)
        self.line.stepped.connect(self._step)

    def time(self) -> QTime:
        """The time typed, if it is one (she may press a button before the pause is up),
        else the one the field holds."""
        typed = parse_clock(self.line.text())
        value = self._value if isinstance(typed, Refused) else typed
        return QTime(value.hour, value.minute)

    def setTime(self, value: QTime) -> None:
        self._set(time(value.hour(), value.minute()))

    def _set(self, value: time) -> None:
        self._pause.stop()
        self.refusal.hide()
        self.line.setText(_words(value))
        if value != self._value:
            self._value = value
            self.timeChanged.emit(self.time())

    def _take_typed(self) -> None:
        typed = parse_clock(self.line.text())
        if not isinstance(typed, Refused) and typed != self._value:
            self._value = typed
            self.timeChanged.emit(self.time())

    def _read_typed(self) -> None:
        self._pause.stop()
        typed = parse_clock(self.line.text())
        if isinstance(typed, Refused):
            self.line.setText(_words(self._value))
            self.refusal.setText(f"{typed.sentence} It stays at {_words(self._value)}.")
            self.refusal.show()
            return
        self._set(typed)

    def _step(self, minutes: int) -> None:
        """From what she has typed, if it is a time, else from the time the field holds."""
        typed = parse_clock(self.line.text())
        self._set(step_clock(self._value if isinstance(typed, Refused) else typed, minutes))


def _words(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"
