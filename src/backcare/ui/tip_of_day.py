"""The tip of the day on the Today page: one tip from ``core.tip_rotation``, with "Don't show
again".

A small calm box under the day's reminders: one thing to learn today, not a lecture; the whole
set is on the "Your back" page. It shows what the shell gives it (``set_tip``) and hands the
button on as a signal (``hideRequested(tip id)``): the rotation decides what comes next.

Start-up rule (``app/startup.py``, measure 2): the Today page, built at every start, holds this
box, so no PySide6 ``Qt`` namespace here (colours and fonts go through the style sheet).
"""

from __future__ import annotations

from string import Template
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from backcare.ui.accessible_roles import mark_heading
from backcare.ui.focus_ring import make_readable
from backcare.ui.theme import ThemeFollower, set_style_if_changed, theme_for

if TYPE_CHECKING:
    from backcare.core.content import Tip

HIDE_WORDS = "Don't show again"

# In the theme's calm box colours; the readable text's ring and the button's are the theme's
# focus colour (``focus_ring``), said again here since this sheet outranks the application's.
_STYLE = Template("""
QFrame#tipOfDay { background: $info_bg; border: 1px solid $info_line; border-radius: 8px; }
QFrame#tipOfDay QLabel { color: $info_text; background: transparent; font-size: 11pt; }
QFrame#tipOfDay QLabel#tipOfDayHeading { font-size: 12pt; }
QFrame#tipOfDay QLabel#tipOfDayHeading { color: $info_heading; font-weight: 600; }
QFrame#tipOfDay QLabel#tipOfDayHeading, QFrame#tipOfDay QLabel#tipOfDayTitle {
    border: 2px solid transparent; padding: 0px 2px; }
QFrame#tipOfDay QLabel#tipOfDayTitle { font-weight: 600; }
QFrame#tipOfDay QLabel#tipOfDayText { border: 2px solid transparent; border-radius: 6px;
    padding: 0px 2px; }
QFrame#tipOfDay QLabel#tipOfDayText:focus { border-color: $focus; }
QFrame#tipOfDay QPushButton { color: $info_text; background: $info_bg;
    border: 1px solid $info_line; border-radius: 6px; padding: 6px 14px; font-size: 11pt; }
QFrame#tipOfDay QPushButton:hover { background: $info_line; }
QFrame#tipOfDay QPushButton:focus { border: 2px solid $focus; padding: 5px 13px; }
""")


class TipOfDay(ThemeFollower, QFrame):
    """"Tip of the day" with the tip's title and words, and "Don't show again".

    ``set_tip(tip)`` shows a tip, ``set_tip(None)`` hides the box (every tip hidden, or none
    fits her yet). ``hideRequested(tip id)``: she pressed "Don't show again" on ``tip``.
    """

    hideRequested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("tipOfDay")
        self.setAccessibleName("Tip of the day")
        self.tip: Tip | None = None
        self.heading = mark_heading(QLabel("Tip of the day"))
        self.heading.setObjectName("tipOfDayHeading")
        self.title_label = QLabel()
        self.title_label.setObjectName("tipOfDayTitle")
        self.title_label.setWordWrap(True)
        self.text_label = QLabel()
        self.text_label.setWordWrap(True)
        # Read-only words Tab reaches, as her recovery line and the calcium tally are.
        make_readable(self.text_label, "tipOfDayText")
        self.hide_button = QPushButton(HIDE_WORDS)
        self.hide_button.setObjectName("tipHide")
        self.hide_button.setAutoDefault(False)
        self.hide_button.clicked.connect(self._hide_requested)
        self.follow_theme()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(2)
        # The button beside the heading, so the words have the box's whole width and the
        # day's list above keeps as much room as it can.
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.heading, 1)
        top.addWidget(self.hide_button)
        layout.addLayout(top)
        layout.addWidget(self.title_label)
        layout.addWidget(self.text_label)
        self.hide()

    def tab_stops(self) -> list[QWidget]:
        """Its Tab stops in reading order: the button, beside the heading, then the words."""
        return [self.hide_button, self.text_label]

    def _apply_theme(self) -> None:
        set_style_if_changed(self, _STYLE.substitute(theme_for(self.palette()).slots()))

    def set_tip(self, tip: Tip | None) -> None:
        """Show ``tip`` (its title in bold, its words under it), or hide the box for None."""
        self.tip = tip
        if tip is None:
            self.title_label.setText("")
            self.text_label.setText("")
            self.text_label.setAccessibleName("")
            self.hide_button.setAccessibleName(HIDE_WORDS)
            self.hide()
            return
        self.title_label.setText(tip.title)
        self.text_label.setText(tip.text)
        # Tab lands on the words: the title is said with them (it is not a stop of its own).
        self.text_label.setAccessibleName(f"{tip.title}. {tip.text}")
        self.hide_button.setAccessibleName(f"{HIDE_WORDS}: {tip.title}")
        self.show()

    def _hide_requested(self) -> None:
        if self.tip is not None:
            self.hideRequested.emit(self.tip.id)
