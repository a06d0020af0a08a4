"""The birth-date field's helpers, shared by the setup's first page and Settings → About.

Kept in their own module because the setup page already imports the Settings tab (for the
country question), so neither can hold them for the other.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtGui import QPalette, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget

# The calendar's grid runs up to six weeks past the month it shows, the latest being today's.
_GRID_DAYS = 42


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def grey_out_after(calendar: QCalendarWidget, today: date) -> None:
    """Draw the days after ``today`` in the calendar's disabled colour, with a tool tip.

    They are already out of range (a click on one does nothing), but in most styles they look
    like every other day; greyed, they no longer invite a click that silently fails. The
    colour is the palette's own, so a dark theme greys them too.
    """
    future = QTextCharFormat()
    future.setForeground(calendar.palette().color(QPalette.ColorGroup.Disabled,
                                                  QPalette.ColorRole.Text))
    future.setToolTip("This day is still to come.")
    for ahead in range(1, _GRID_DAYS + 1):
        calendar.setDateTextFormat(qdate(today + timedelta(days=ahead)), future)
