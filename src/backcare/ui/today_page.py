"""The Today page: where she acts on her day, not only where she reads it.

From the top: a short line about her recovery (or, when setup was skipped, a gentle offer to
tell Back Care when the baby was born); a banner while reminders are paused or the baby naps,
with the button that ends it; the next thing to do (a large "Start Afternoon session" button
when an exercise session is waiting or next, otherwise "Next: … at 11:00, in 25 min"); every
reminder of the day as a row with its state in calm words and its buttons; the tip of the day
(``tip_of_day``); and the calcium, her usual food and today's portions apart, so the bar only
moves when she takes a portion.

It shows a ``Day`` computed by the core and hands every press on as a signal; it decides
nothing. All words come from ``today_words`` (made from the typed record, never parsed back).
The countdown is redrawn once a minute and only while the page is on screen, so an idle app in
the tray uses no CPU for it.

Start-up rule: this module is imported at every start, so neither it nor ``today_rows`` uses
PySide6's ``Qt`` namespace (``app/startup.py``, measure 2): alignment and colour go through
style sheets, and colours other than the palette's are set in pairs so dark themes stay legible.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import datetime, tzinfo
from itertools import pairwise
from string import Template

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backcare.core.calcium import FoodChoice
from backcare.core.content import Tip
from backcare.core.today import Action, Day, Entry, State
from backcare.ui.accessible_roles import mark_heading
from backcare.ui.calcium_box import CalciumBox
from backcare.ui.focus_ring import make_readable
from backcare.ui.screen_fit import ShrinkFirst, scrolled
from backcare.ui.theme import Box, ThemeFollower, set_style_if_changed, theme_for
from backcare.ui.tip_of_day import TipOfDay
from backcare.ui.today_rows import Banner, ReminderRow, rows_style
from backcare.ui.today_words import (
    countdown_words,
    nap_line,
    next_line,
    pause_line,
    redraw_in,
    session_to_start,
    start_caption,
    start_words,
)

__all__ = ["TodayPage", "countdown_words"]

NO_FOCUS = 0  # Qt.FocusPolicy.NoFocus, as the plain number (see the start-up rule above)
_TIME_AND_WORDS = 420  # a row's time, room for its words on one or two lines, and the gaps
_PAGE_SIDES = 70  # the page's margins, the scroll bar and a row's own margins

# The focus ring in the theme's colour (``focus_ring``): it stands 3:1 against the button's blue
# and the page alike, where the old yellow faded into a light page.
_START_STYLE = Template("""
QPushButton#startSession { background: $strong; color: $on_strong; font-size: 14pt;
    font-weight: 600; padding: 10px 24px; border: 2px solid $strong; border-radius: 8px; }
QPushButton#startSession:hover { background: $strong_hover; }
QPushButton#startSession:pressed { background: $strong_pressed; }
QPushButton#startSession:focus { border: 2px solid $focus; }
""")
# Her recovery in a green-edged box; focused, the box's edge is the focus ring (same widths).
_RECOVERY_STYLE = Template("""
QLabel { font-size: 12pt; color: palette(text); background: palette(base);
    border: 1px solid $recovery_line; border-left: 5px solid $recovery_strip; border-radius: 8px;
    padding: 8px 10px; }
QLabel:focus { border: 2px solid $focus; border-left: 6px solid $focus; padding: 7px 9px; }
""")

# The rows scroll; their frame and background are the page's own, so the list reads as part
# of the page in light and dark themes alike.
# The viewport by its Qt object name: calling viewport() at start would build some 80 Python
# enums of the scroll-area classes (14 ms, measured), the cost measure 2 of app/startup.py avoids.
_ROWS_STYLE = ("QScrollArea#todayRows { background: transparent; border: none; }"
               " QWidget#qt_scrollarea_viewport { background: transparent; }")


class TodayPage(ThemeFollower, QWidget):
    """``TodayPage(parent=None, clock=None)``; call ``set_day(day, now, titles)`` whenever the
    day changes. ``clock`` (default: the wall clock in the zone of the last ``now``) is what the
    once-a-minute countdown reads, injected so tests never depend on the real time.

    Signals, each only her request (the shell and the lifecycle decide what follows):
    ``actionRequested(key, Action)`` from a row's button or the top Start button;
    ``foodChosen(key, food id)`` from the food chooser a calcium row's "Taken" or "Change
    food" opens (``ui/food_chooser``) when ``set_foods`` has given it her foods;
    ``resumeRequested()`` to end a pause, ``awakeRequested()`` to end a nap,
    ``setupRequested()`` from the offer to tell Back Care about the birth.
    """

    setupRequested = Signal()
    actionRequested = Signal(str, object)  # (reminder key, Action)
    foodChosen = Signal(str, str)  # (reminder key, food id)
    resumeRequested = Signal()
    awakeRequested = Signal()
    tipHidden = Signal(str)  # "Don't show again" on the tip of the day (its id)

    def __init__(self, parent: QWidget | None = None,
                 clock: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Today")
        self._clock = clock
        self._day: Day | None = None
        self._tz: tzinfo | None = None
        self._start: Entry | None = None
        self._scrolled_to: str | None = None
        self._scroll_target: str | None = None  # the row to bring to the top, once placed
        self._follow_range = False
        self.rows: list[ReminderRow] = []
        self._foods: tuple[FoodChoice, ...] = ()
        self.food_menu: QWidget | None = None  # the chooser last opened (ui/food_chooser)
        self._column = 0  # the width of the widest row's buttons: every row's button column
        self._chip = 0  # the widest state label: the words get what is left beside it

        title = mark_heading(QLabel("Today"))  # read as a heading; labels read their words
        title.setStyleSheet("font-size: 22pt; font-weight: 600;")
        self.recovery_label = QLabel()
        self.recovery_label.setWordWrap(True)
        # Read-only words Tab still reaches (and a screen reader reads): her recovery, the next
        # reminder and the calcium tally. Their sheets come with the theme (_apply_theme).
        make_readable(self.recovery_label, "recovery")
        self.setup_button = QPushButton("Tell Back Care about the birth…")
        self.setup_button.setObjectName("setupBirth")
        # Named by its words, so "press Tell Back Care…" (voice control) finds what is read
        self.setup_button.clicked.connect(self.setupRequested)
        self.recovery_label.hide()
        self.setup_button.hide()

        self.pause_banner = Banner("pauseBanner", "Resume reminders", Box.CAUTION)
        self.pause_banner.button.clicked.connect(self.resumeRequested)
        self.nap_banner = Banner("napBanner", "Baby is awake", Box.INFO)
        self.nap_banner.button.clicked.connect(self.awakeRequested)

        self.start_button = QPushButton()
        self.start_button.setObjectName("startSession")
        self.start_button.setAutoDefault(False)
        self.start_button.clicked.connect(self._start_requested)
        self.start_caption = QLabel()
        self.start_caption.setWordWrap(True)
        self.start_caption.setStyleSheet("font-size: 12pt;")
        self.next_label = QLabel()
        make_readable(self.next_label, "nextReminder")
        self.next_label.setStyleSheet("font-size: 14pt;")
        self.start_button.hide()
        self.start_caption.hide()

        heading = mark_heading(QLabel("Your day"))
        heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self._rows_box = QWidget()
        self._rows_box.setObjectName("todayRowsBox")
        self.follow_theme()
        self._rows_layout = QVBoxLayout(self._rows_box)
        self._rows_layout.setContentsMargins(0, 0, 4, 0)
        self._rows_layout.setSpacing(6)
        self._rows_layout.addStretch(1)
        self.rows_area = ShrinkFirst()
        self.rows_area.setObjectName("todayRows")
        self.rows_area.setAccessibleName("Today's reminders")
        self.rows_area.setStyleSheet(_ROWS_STYLE)
        self.rows_area.setWidgetResizable(True)
        self.rows_area.setWidget(self._rows_box)
        # No Tab stop of its own: the rows take the focus, and it scrolls to the focused one.
        self.rows_area.setProperty("focusPolicy", NO_FOCUS)

        self.tip_panel = TipOfDay()  # hidden until the shell gives it a tip (set_tip)
        self.tip_panel.hideRequested.connect(self.tipHidden)

        calcium = self.calcium_box = CalciumBox()
        self.calcium_label, self.calcium_bar = calcium.label, calcium.bar

        # The page scrolls as a whole only when even the rows at their least do not leave room
        # for the calcium tally (1280×800 at 150 %, with a banner showing); else it fills.
        content = QWidget()
        content.setObjectName("todayContent")
        page_layout = QVBoxLayout(self)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_scroll = self._page_scroll = scrolled(content, "todayScroll")
        # No Tab stop of its own either: Tab goes to what is on it, and it scrolls to that.
        page_scroll.setProperty("focusPolicy", NO_FOCUS)
        page_layout.addWidget(page_scroll)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self.recovery_label)
        layout.addLayout(_left(self.setup_button))
        layout.addWidget(self.pause_banner)
        layout.addWidget(self.nap_banner)
        start_row = QHBoxLayout()
        start_row.setSpacing(14)
        start_row.addWidget(self.start_button)
        start_row.addWidget(self.start_caption, 1)
        layout.addLayout(start_row)
        layout.addWidget(self.next_label)
        layout.addWidget(heading)
        layout.addWidget(self.rows_area, 1)
        layout.addWidget(self.tip_panel)
        layout.addWidget(calcium)

        self._tick = QTimer(self)
        # At most a minute, and shorter when a countdown's minute changes sooner (set on each
        # redraw). Qt itself makes a coarse timer of 20 s or more a very coarse one; one that
        # fires early only redraws the same words and waits the rest (see app/startup.py).
        self._tick.setInterval(60_000)
        self._tick.timeout.connect(self._refresh_countdown)
        self._scroll = QTimer(self)  # after the rows are laid out, bring "now" into view
        self._scroll.setSingleShot(True)
        self._scroll.setInterval(0)
        self._scroll.timeout.connect(self._scroll_to_current)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow_focus)

    # -- drawing the day ----------------------------------------------------------------------

    def set_day(self, day: Day, now: datetime, titles: Mapping[str, str] | None = None) -> None:
        """Redraw everything from ``day``. ``titles``: exercise id → title, for the rows.

        Keyboard focus stays on the reminder it was on, so pressing "Taken" with the keyboard
        does not throw her back to the top when the page redraws.
        """
        self._day = day
        self._tz = now.tzinfo
        self._draw_rows(day, now, titles or {})
        self.pause_banner.say(pause_line(day.paused_until, now) if day.paused_until else None)
        self.nap_banner.say(nap_line(day.nap_until, now) if day.nap_until else None)
        self._start = session_to_start(day)
        if self._start is not None:
            self.start_button.setText(start_words(self._start))
        self.start_button.setVisible(self._start is not None)
        self.start_caption.setVisible(self._start is not None)
        self._refresh_countdown(now)
        self.calcium_box.show_day(day)
        if self.isVisible():
            self._scroll.start()

    def _apply_theme(self) -> None:
        """The rows' state chips and the focus ring in the theme of her palette, again when
        it changes."""
        theme = theme_for(self.palette())
        style = "QWidget#todayRowsBox { background: transparent; }" + rows_style(theme)
        set_style_if_changed(self._rows_box, style)
        set_style_if_changed(self.start_button, _START_STYLE.substitute(theme.slots()))
        set_style_if_changed(self.recovery_label, _RECOVERY_STYLE.substitute(theme.slots()))

    def set_recovery(self, text: str, *, offer_setup: bool) -> None:
        """Her week and what opened, or (``offer_setup``) a nudge to give her birth details."""
        self.recovery_label.setText(text)
        self.recovery_label.setVisible(bool(text))
        self.setup_button.setVisible(offer_setup)

    def set_tip(self, tip: Tip | None) -> None:
        """The tip of the day (``core.tip_rotation``), under the day's reminders; None hides it."""
        self.tip_panel.set_tip(tip)

    def set_foods(self, choices: tuple[FoodChoice, ...]) -> None:
        """Her foods first, then the rest (``core.calcium.food_choices``): what "Taken" offers."""
        self._foods = choices

    def _row_action(self, key: str, action: Action) -> None:
        """Calcium "Taken" and "Change food" ask which food; every other press is passed on."""
        row = self.row(key)
        if action not in (Action.TAKEN, Action.CHANGE_FOOD) or not self._foods or row is None:
            self.actionRequested.emit(key, action)
            return
        from backcare.ui.food_chooser import open_food_menu  # at the first press, not at start

        menu = open_food_menu(row.buttons[action], key, self._foods, row.entry.food)
        menu.chosen.connect(self.foodChosen)
        self.food_menu = menu

    def row(self, key: str) -> ReminderRow | None:
        """The row of the reminder ``key``, if it is on the page."""
        return next((r for r in self.rows if r.key == key), None)

    def _draw_rows(self, day: Day, now: datetime, titles: Mapping[str, str]) -> None:
        """New rows first, focus moved onto the same reminder's new row, then the old rows
        go: so focus never falls to another widget in between (a screen reader would say so)."""
        focused = QApplication.focusWidget()
        focus_key = next((r.key for r in self.rows if r.owns(focused)), None)
        old_rows, self.rows = self.rows, []
        names = {choice.food.id: choice.food.name for choice in self._foods}
        for index, entry in enumerate(day.entries):
            food = names.get(entry.food or "", "")
            row = ReminderRow(entry, now, titles, self._rows_box, food_name=food)
            row.actionRequested.connect(self._row_action)
            self._rows_layout.insertWidget(index, row)
            self.rows.append(row)
            if row.key == focus_key:
                row.show()  # now, not when the layout next runs: it takes the focus at once
                row.setFocus()
        for old in old_rows:
            self._rows_layout.removeWidget(old)
            old.hide()
            old.deleteLater()
        # Tab goes down the page in the order she reads it, whenever the rows were built: the
        # words of her recovery, the buttons above the day, what comes next, each row and its
        # buttons left to right, and the calcium tally at the foot.
        chain: list[QWidget] = [self.recovery_label, self.setup_button,
                                self.pause_banner.button, self.nap_banner.button,
                                self.start_button, self.next_label]
        for row in self.rows:
            chain.extend([row, *row.buttons.values()])
        chain.extend([*self.tip_panel.tab_stops(), self.calcium_label])
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        self._column = max((r.button_box.sizeHint().width() for r in self.rows if r.buttons),
                           default=0)
        self._chip = max((r.state_label.sizeHint().width() for r in self.rows), default=0)
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Buttons beside the words while there is room for both, under them when there is not
        (the window's narrowest, with three buttons, would squeeze the words to a column)."""
        need = _TIME_AND_WORDS + self._chip + self._column
        stacked = self.width() - _PAGE_SIDES < need
        for row in self.rows:
            row.set_column(self._column, stacked=stacked)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_rows()

    def _scroll_to_current(self) -> None:
        """Bring the first reminder still open into view, with the one before it above, when
        that reminder changes (so a redraw after her answer does not move the list)."""
        day = self._day
        if day is None:
            return
        current = next((e.reminder.key for e in day.entries
                        if e.state in (State.DUE, State.SNOOZED, State.UPCOMING)), None)
        if current is None or current == self._scrolled_to:
            return
        index = next(i for i, r in enumerate(self.rows) if r.key == current)
        self._scroll_target = self.rows[max(0, index - 1)].key
        self._scrolled_to = current
        if not self._follow_range:  # new rows are placed a moment later: follow the list's size
            self.rows_area.verticalScrollBar().rangeChanged.connect(self._apply_scroll)
            self._follow_range = True
        self._apply_scroll()

    def _apply_scroll(self, *_range: int) -> None:
        """Scroll to the row chosen by ``_scroll_to_current`` once the list is long enough."""
        row = self.row(self._scroll_target) if self._scroll_target else None
        if row is None:
            return
        placed = row.y() > 0 or row is self.rows[0]  # a row not laid out yet stands at 0
        bar = self.rows_area.verticalScrollBar()
        wanted = max(0, row.y() - 2)
        bar.setValue(wanted)
        if placed and bar.value() == wanted:
            self._scroll_target = None

    @Slot(QWidget, QWidget)
    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Scroll what Tab lands on into view: a row (or its button) in the list of the day,
        and anything on a page that scrolls as a whole. Qt does so only for a Tab from inside
        the same scroll area, not for one coming into the list from the next reminder."""
        if new is None or not self.isAncestorOf(new):
            return
        if self._rows_box.isAncestorOf(new):
            self.rows_area.ensureWidgetVisible(new, 0, 6)
        self._page_scroll.ensureWidgetVisible(new, 0, 6)

    # -- the next thing to do ------------------------------------------------------------------

    def _start_requested(self) -> None:
        if self._start is not None:
            self.actionRequested.emit(self._start.reminder.key, Action.START)

    def _refresh_countdown(self, now: datetime | None = None) -> None:
        if self._day is None:
            return
        moment = now or (self._clock() if self._clock else datetime.now(self._tz))
        if self._start is not None:
            caption = start_caption(self._start, moment)
            self.start_caption.setText(caption)
            self.start_button.setAccessibleName(f"{self.start_button.text()}. {caption}")
        self.next_label.setText(next_line(self._day.next_due, moment))
        # Redrawn when the nearest countdown's minute changes, so "in 1 min" turns to "now" then.
        self._tick.setInterval(math.ceil(redraw_in(self._day, self._start, moment) * 1000))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._refresh_countdown()
        self._tick.start()
        self._scroll.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._tick.stop()


def _left(widget: QWidget) -> QHBoxLayout:
    """``widget`` at its own width on the left (without ``Qt.AlignmentFlag``)."""
    box = QHBoxLayout()
    box.addWidget(widget)
    box.addStretch(1)
    return box
