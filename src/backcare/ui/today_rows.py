"""One row of the Today page: a reminder's time, what it asks, where it stands, and its buttons
(and the page's banner for a pause or a nap, a part of the same kind).

A row is a focusable frame, so with Tab she (or her screen reader) lands on the row itself,
hears "15:00 Afternoon exercises: Bridge, later", then on each of its buttons, each named with
the reminder it acts on. The buttons are exactly the entry's ``actions``; pressing one emits
``actionRequested(key, Action)`` and nothing else: the lifecycle decides what it means.

Start-up rule (``app/startup.py``, measure 2): this module is loaded at every start, so it never
touches PySide6's ``Qt`` namespace. The focus policy is set as a property number, alignment and
colour through style sheets. Colours that are not the palette's are always set in pairs (text
and background), so a row stays readable under a dark desktop theme.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from backcare.core.today import Action, Entry, State
from backcare.ui.theme import Box, Theme, ThemeFollower, Tone, set_style_if_changed, theme_for
from backcare.ui.today_words import (
    ACTION_WORDS,
    button_name,
    clock,
    row_name,
    state_text,
    what_words,
)

STRONG_FOCUS = 11  # Qt.FocusPolicy.StrongFocus (Tab and click), as the plain number

# The tone of each state's little label (its colours are the theme's). Calm throughout: "not
# done" is a quiet grey, like "skipped", never red; only "now" stands out.
STATE_TONES: dict[State, Tone] = {
    State.UPCOMING: Tone.LATER,
    State.DUE: Tone.NOW,
    State.SNOOZED: Tone.WAITING,
    State.DONE: Tone.DONE,
    State.PARTLY: Tone.PARTLY,
    State.SKIPPED: Tone.QUIET,
    State.NOT_DONE: Tone.QUIET,
    State.PAUSED: Tone.RESTING,
    State.NAPPING: Tone.RESTING,
    State.BEFORE: Tone.BEFORE,
}

ROW_STYLE = """
QFrame#todayRow { background: palette(base); border: 1px solid palette(mid);
                  border-radius: 8px; }
QFrame#todayRow[state="due"] { border: 2px solid #2f6f99; }
QFrame#todayRow QLabel { color: palette(text); font-size: 12pt; }
QFrame#todayRow QLabel#time { font-weight: 600; }
QFrame#todayRow QPushButton { font-size: 11pt; padding: 4px 14px; }
"""

_CHIP_STYLE = """
QFrame#todayRow QLabel#state { border-radius: 10px; padding: 2px 10px; font-size: 11pt;
                               qproperty-alignment: AlignCenter; }
"""


def rows_style(theme: Theme) -> str:
    """One sheet for all the rows, set on their container: a sheet per row would be parsed
    and applied a dozen times on every redraw."""
    chip = 'QFrame#todayRow QLabel#state[state="{0}"] {{ color: {1}; background: {2}; }}\n'
    chips = "".join(chip.format(state.value, *theme.chips[tone])
                    for state, tone in STATE_TONES.items())
    # The focus ring (``focus_ring``) last, so it also wins over a due row's blue edge.
    ring = f"QFrame#todayRow:focus {{ border: 2px solid {theme.focus}; }}\n"
    return ROW_STYLE + _CHIP_STYLE + chips + ring


class ReminderRow(QFrame):
    """``ReminderRow(entry, now, titles)``: one reminder, drawn once (the page rebuilds rows
    when the day changes, which is rare and cheap: a day has about a dozen reminders).
    ``food_name``: for calcium taken, the name of the food she named (shown after the meal).

    ``buttons`` maps each of the entry's actions to its button, in the entry's order.
    """

    actionRequested = Signal(str, object)  # (reminder key, Action)

    def __init__(self, entry: Entry, now: datetime, titles: Mapping[str, str],
                 parent: QWidget | None = None, *, food_name: str = "") -> None:
        super().__init__(parent)
        self.entry = entry
        self.key = entry.reminder.key
        self.setObjectName("todayRow")
        self.setProperty("state", entry.state.value)  # before the style sheet: [state="due"]
        self.setProperty("focusPolicy", STRONG_FOCUS)
        self.setAccessibleName(row_name(entry, now, titles, food_name))
        self.setMinimumHeight(46)  # rows with and without buttons stand the same height

        self.time_label = QLabel(clock(entry.reminder.when, now))
        self.time_label.setObjectName("time")
        self.time_label.setMinimumWidth(56)
        self.what_label = QLabel(what_words(entry, titles, food_name))
        self.what_label.setObjectName("what")
        self.what_label.setWordWrap(True)
        self.state_label = QLabel(state_text(entry, now))
        self.state_label.setObjectName("state")
        self.state_label.setProperty("state", entry.state.value)  # its colours: rows_style
        self.state_label.setSizePolicy(  # a pill, not a bar the row's height
            QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        lines = QVBoxLayout(self)  # the row's line, and its buttons under it when narrow
        lines.setContentsMargins(12, 6, 10, 6)
        lines.setSpacing(6)
        self._line = QHBoxLayout()
        self._line.setSpacing(10)
        self._line.addWidget(self.time_label)
        self._line.addWidget(self.what_label, 1)
        self._line.addWidget(self.state_label)
        lines.addLayout(self._line)
        self._under = QHBoxLayout()
        self._under.setContentsMargins(66, 0, 0, 0)  # under the "what", past the time
        lines.addLayout(self._under)
        self._stacked = False
        # The buttons sit in a box of their own, so the page can give every row's box the same
        # width and the state labels line up in a column however many buttons a row has. A row
        # without buttons keeps that width with an empty space, not a widget (a day has many).
        self.buttons: dict[Action, QPushButton] = {}
        self._space = QSpacerItem(0, 0)
        self.button_box = QWidget()
        if not entry.actions:
            self._line.addSpacerItem(self._space)
            return
        buttons = QHBoxLayout(self.button_box)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(8)
        buttons.addStretch(1)
        self._line.addWidget(self.button_box)
        for action in entry.actions:
            button = QPushButton(ACTION_WORDS[action])
            button.setObjectName(f"row_{action.name.lower()}")  # e.g. row_snooze
            button.setAccessibleName(button_name(action, entry.reminder, now))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, a=action: self._request(a))
            buttons.addWidget(button)
            self.buttons[action] = button

    def text(self) -> str:
        """The row as one line of words (what a sighted reader sees, left to right)."""
        return "   ".join(label.text() for label in
                          (self.time_label, self.what_label, self.state_label))

    def set_column(self, width: int, *, stacked: bool) -> None:
        """Give the buttons a column ``width`` wide on the row's line, or, when the page is
        too narrow for the text beside them (``stacked``), a line of their own under it."""
        if not self.buttons:
            self._space.changeSize(0 if stacked else width, 0)
            self._line.invalidate()
            return
        if stacked:
            if not self._stacked:
                self._line.removeWidget(self.button_box)
                self._under.addWidget(self.button_box)
                self._under.addStretch(1)
            self.button_box.setMinimumWidth(0)
        else:
            if self._stacked:
                self._under.removeWidget(self.button_box)
                while self._under.count():  # the stretch
                    self._under.takeAt(0)
                self._line.addWidget(self.button_box)
            self.button_box.setMinimumWidth(0 if stacked else width)
        self._stacked = stacked and bool(self.buttons)

    def owns(self, widget: QWidget | None) -> bool:
        """Whether keyboard focus on ``widget`` is on this row or one of its buttons."""
        return widget is self or any(widget is b for b in self.buttons.values())

    def _request(self, action: Action) -> None:
        self.actionRequested.emit(self.key, action)


_BANNER_STYLE = """
QFrame#{name} {{ background: {bg}; border: 1px solid {edge}; border-radius: 8px; }}
QFrame#{name} QLabel {{ color: {fg}; font-size: 12pt; }}
QFrame#{name} QPushButton {{ color: {fg}; background: {bg}; border: 1px solid {edge};
    border-radius: 6px; padding: 6px 14px; font-size: 11pt; }}
QFrame#{name} QPushButton:hover {{ background: {edge}; }}
QFrame#{name} QPushButton:focus {{ border: 2px solid {focus}; }}
"""


class Banner(ThemeFollower, QFrame):
    """A calm band with one sentence and the one button that ends what it announces, in the
    colours of the theme's ``box``: again when her palette turns dark or light."""

    def __init__(self, name: str, button_text: str, box: Box) -> None:
        super().__init__()
        self._box = box
        self.setObjectName(name)
        self.follow_theme()
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.button = QPushButton(button_text)
        self.button.setObjectName(f"{name}Button")
        self.button.setAutoDefault(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 10, 8)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def _apply_theme(self) -> None:
        theme = theme_for(self.palette())
        fg, bg, edge = theme.box(self._box)
        style = _BANNER_STYLE.format(name=self.objectName(), fg=fg, bg=bg, edge=edge,
                                     focus=theme.focus)
        set_style_if_changed(self, style)

    def say(self, text: str | None) -> None:
        """Show ``text``, or hide the banner when there is nothing in force."""
        self.label.setText(text or "")
        self.setAccessibleName(text or "")
        self.button.setAccessibleName(f"{self.button.text()}. {text}" if text else "")
        self.setVisible(bool(text))
