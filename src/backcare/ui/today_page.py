"""The Today page: the day's reminders with their status, the next one, and the calcium tally.

Above them, a short line about her recovery ("Week 7 after a caesarean birth", what opened this
week), or, when setup was skipped, a gentle offer to tell Back Care when the baby was born.

It only shows a ``Day`` computed by the core; the countdown is redrawn once a minute, and only
while the page is on screen, so an idle app in the tray uses no CPU for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QColor, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backcare.core.today import Day
from backcare.ui.roles import ACCESSIBLE_TEXT_ROLE, FOREGROUND_ROLE, USER_ROLE

STATUS_WORDS = {
    "upcoming": "later", "due": "now", "done": "done", "snoozed": "snoozed",
    "skipped": "skipped", "missed": "missed", "before": "before you started",
}
STATUS_COLOURS = {
    "upcoming": "#5b6b78", "due": "#1f6fb2", "done": "#2e7d4f", "snoozed": "#9a6b00",
    "skipped": "#7a7a7a", "missed": "#a23b3b", "before": "#9aa4ab",
}
KIND_WORDS = {"exercise": "Exercises", "posture": "Posture break", "calcium": "Calcium"}


def countdown_words(seconds: float) -> str:
    minutes = max(0, int(seconds // 60))
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"in {hours} h {minutes:02d} min"
    return f"in {minutes} min" if minutes else "now"


class TodayPage(QWidget):
    """``setupRequested`` when she presses the banner's button (to tell her birth details)."""

    setupRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Today")
        self._day: Day | None = None
        self._tz: tzinfo | None = None
        title = QLabel("Today")
        title.setStyleSheet("font-size: 22pt; font-weight: 600; color: #1f2a33;")
        self.next_label = QLabel()
        self.next_label.setAccessibleName("Next reminder")
        self.next_label.setStyleSheet("font-size: 14pt; color: #1f4e79;")
        self.recovery_label = QLabel()
        self.recovery_label.setAccessibleName("Your recovery")
        self.recovery_label.setWordWrap(True)
        self.recovery_label.setStyleSheet(
            "font-size: 12pt; color: #2b3a45; background: #eef5ea; border: 1px solid #cfe0c5;"
            " border-radius: 8px; padding: 8px 10px;"
        )
        self.setup_button = QPushButton("Tell Back Care about the birth…")
        self.setup_button.setAccessibleName("Set up Back Care")
        self.setup_button.clicked.connect(self.setupRequested)
        self.recovery_label.hide()
        self.setup_button.hide()
        self.list_widget = QListWidget()
        self.list_widget.setAccessibleName("Today's reminders")
        self.list_widget.setStyleSheet("QListWidget { font-size: 12pt; } "
                                       "QListWidget::item { padding: 6px; }")
        self.calcium_label = QLabel()
        self.calcium_label.setAccessibleName("Calcium today")
        self.calcium_bar = QProgressBar()
        self.calcium_bar.setAccessibleName("Calcium toward today's target")
        self.calcium_bar.setTextVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        for widget in (title, self.recovery_label, self.setup_button, self.next_label,
                       self.list_widget, self.calcium_label, self.calcium_bar):
            layout.addWidget(widget)
        self._tick = QTimer(self)
        # A minute: Qt itself makes a coarse timer of 20 s or more a very coarse one (whole
        # seconds, woken with other timers), so no timer type is set here (see app/startup.py).
        self._tick.setInterval(60_000)
        self._tick.timeout.connect(self._refresh_countdown)

    def set_day(self, day: Day, now: datetime, titles: Mapping[str, str] | None = None) -> None:
        self._day = day
        self._tz = now.tzinfo
        self.list_widget.clear()
        for entry in day.entries:
            r = entry.reminder
            what = r.what
            if r.exercises:
                names = ", ".join((titles or {}).get(x, x) for x in r.exercises)
                what = f"{what.split(':', 1)[0]}: {names}"
            elif r.kind == "posture":
                what = "Posture break: stand up and stretch"
            text = f"{r.when:%H:%M}   {what}"
            item = QListWidgetItem(f"{text}   — {STATUS_WORDS[entry.status]}")
            item.setData(FOREGROUND_ROLE, QColor(STATUS_COLOURS[entry.status]))
            item.setData(USER_ROLE, entry.status)
            item.setData(ACCESSIBLE_TEXT_ROLE,
                         f"{text}, {STATUS_WORDS[entry.status]}")
            self.list_widget.addItem(item)
        food = (f" + about {day.calcium_diet_mg:,} mg from your usual food"
                if day.calcium_diet_mg else "")
        self.calcium_label.setText(
            f"Calcium: {day.calcium_taken} of {day.calcium_planned} portions taken, "
            f"about {day.calcium_mg:,} mg{food}, toward {day.calcium_target_mg:,} mg"
        )
        self.calcium_bar.setRange(0, day.calcium_target_mg)
        self.calcium_bar.setValue(min(day.calcium_total_mg, day.calcium_target_mg))
        self._refresh_countdown(now)

    def set_recovery(self, text: str, *, offer_setup: bool) -> None:
        """Her week and what opened, or (``offer_setup``) a nudge to give her birth details."""
        self.recovery_label.setText(text)
        self.recovery_label.setVisible(bool(text))
        self.setup_button.setVisible(offer_setup)

    def _refresh_countdown(self, now: datetime | None = None) -> None:
        if self._day is None:
            return
        moment = now or datetime.now(self._tz)
        nxt = self._day.next_due
        if nxt is None:
            self.next_label.setText("Nothing more today. Rest well.")
            return
        words = countdown_words((nxt.when - moment).total_seconds())
        self.next_label.setText(
            f"Next: {KIND_WORDS.get(nxt.kind, nxt.kind).lower()} at {nxt.when:%H:%M}, {words}"
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._tick.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._tick.stop()
