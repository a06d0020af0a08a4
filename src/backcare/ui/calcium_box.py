"""The Today page's calcium box: the day's tally in words and a bar of the portions taken.

Kept apart from ``today_page`` so that each stays readable; it shows what the core's ``Day``
says (``today_words.calcium_line``) and decides nothing. Imported at every start, so, like the
page, it uses no PySide6 ``Qt`` namespace (``app/startup.py``, measure 2).
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QProgressBar, QVBoxLayout, QWidget

from backcare.core.today import Day
from backcare.ui.accessible_roles import mark_heading
from backcare.ui.focus_ring import make_readable
from backcare.ui.today_words import calcium_line

_CALCIUM_STYLE = """
QFrame#calcium { background: palette(base); border: 1px solid palette(mid); border-radius: 8px; }
QFrame#calcium QLabel { color: palette(text); font-size: 12pt; }
QFrame#calcium QLabel#heading { font-weight: 600; }
"""


class CalciumBox(QFrame):
    """``CalciumBox()``; ``show_day(day)`` draws the tally. ``label`` is a Tab stop a screen
    reader reads as she passes (``focus_ring.make_readable``); ``bar`` says the same in mg."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calcium")
        self.setStyleSheet(_CALCIUM_STYLE)
        heading = mark_heading(QLabel("Calcium"))
        heading.setObjectName("heading")
        self.label = QLabel()
        make_readable(self.label, "calciumToday")
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Calcium portions toward what is left to find")
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 10)
        layout.setSpacing(6)
        for widget in (heading, self.label, self.bar):
            layout.addWidget(widget)

    def show_day(self, day: Day) -> None:
        self.label.setText(calcium_line(day))
        find = day.calcium_to_find_mg
        if find:
            self.bar.setRange(0, find)
            self.bar.setValue(min(day.calcium_mg, find))
            self.bar.setAccessibleDescription(
                f"About {day.calcium_mg:,} of {find:,} mg from portions")
        else:  # her food covers it; a 0..0 bar would be Qt's "busy" animation, so a full one
            self.bar.setRange(0, 1)
            self.bar.setValue(1)
            self.bar.setAccessibleDescription("Covered by your usual food")
