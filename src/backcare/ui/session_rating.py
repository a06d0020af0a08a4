"""After a session, one optional tap: how much her back hurts now (0–10) and whether the
session felt easier, the same or harder than last time.

Physiotherapy services ask this after every session, and a pain score over the weeks is what
her physiotherapist will ask for; but a mother with a baby on her arm must never be held up by
it. So it sits under the summary's Done (and Carry on), whose keyboard logic it leaves alone:
the buttons are big enough to tap, nothing has to be chosen, Skip (or Esc) puts it away, and
once skipped or saved it is not asked again for that session. What she tapped is saved when
she presses Done, by the shell, through ``core.pain_diary.PainDiary.add``; this module only
asks.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backcare.core.pain_diary import Feel
from backcare.ui.accessible_roles import mark_heading
from backcare.ui.card_parts import make_button, make_label

PAIN_LEVELS = range(11)  # 0 = no pain, 10 = the worst she can imagine
TARGET_PX = 44  # the least width and height of a button to tap (WCAG 2.5.5)
FEEL_WORDS = {Feel.EASIER: "Easier", Feel.SAME: "The same", Feel.HARDER: "Harder"}
QUESTION = "How is your back now?"
PAIN_HINT = ("Optional, kept when you press Done. Pain now: 0 is none, 10 the worst you can "
             "imagine (the arrow keys move along).")
FEEL_HINT = "Compared with last time, this session felt:"

RATING_STYLE = """
QLabel#ratingHeading { font-size: 13pt; font-weight: 600; color: $ink; }
QLabel#ratingHint { font-size: 11pt; color: $text; }
QPushButton#painButton { padding: 0px; min-width: 44px; max-width: 56px; }
QPushButton#feelButton { padding: 0px 12px; }
QPushButton#painButton, QPushButton#feelButton {
    font-size: 12pt; min-height: 44px; color: $ink;
    background: transparent; border: 2px solid $muted; border-radius: 6px;
}
QPushButton#painButton:checked, QPushButton#feelButton:checked {
    background: $strong; color: $on_strong; border-color: $strong;
}
QPushButton#painButton:focus, QPushButton#feelButton:focus {
    border: 3px solid $focus; background: $track; }
QPushButton#ratingSkip {
    font-size: 12pt; min-height: 40px; padding: 0px 16px; color: $ink; background: transparent;
    border: 2px solid $muted; border-radius: 6px;
}
QPushButton#ratingSkip:focus { border: 3px solid $focus; background: $track; }
"""


@dataclass(frozen=True)
class RatingChoice:
    """What she tapped: either part may be left out (None), never both."""

    pain: int | None
    feel: Feel | None


class RatingPanel(QWidget):
    """The question, eleven pain buttons, three feel buttons and Skip.

    ``choice()`` is what she tapped (None: nothing, or skipped). ``offer(False)`` hides it for
    a session already rated. Signals: ``changed`` after each tap, ``skipped`` on Skip or Esc."""

    changed = Signal()
    skipped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionRating")
        self._offered = True
        self._skipped = False
        self.heading = mark_heading(make_label("ratingHeading", QUESTION))
        self.pain_hint = make_label("ratingHint", PAIN_HINT)
        self.feel_hint = make_label("ratingHint", FEEL_HINT)
        self.pain_group = QButtonGroup(self)
        self.pain_buttons: list[QPushButton] = []
        pains = QGridLayout()
        pains.setSpacing(4)
        for level in PAIN_LEVELS:
            button = self._choice_button("painButton", str(level), f"Pain now {level} of 10")
            self.pain_group.addButton(button, level)
            self.pain_buttons.append(button)
            pains.addWidget(button, 0, level)
        self.feel_group = QButtonGroup(self)
        self.feel_buttons: dict[Feel, QPushButton] = {}
        feels = QHBoxLayout()
        feels.setSpacing(8)
        for index, (feel, words) in enumerate(FEEL_WORDS.items()):
            button = self._choice_button("feelButton", words, f"The session felt: {words}")
            self.feel_group.addButton(button, index)
            self.feel_buttons[feel] = button
            feels.addWidget(button)
        feels.addStretch(1)
        self.skip_button = make_button("ratingSkip", "Skip", "Skip the question (Esc)", self.skip)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.pain_hint)
        layout.addLayout(pains)
        layout.addWidget(self.feel_hint)
        layout.addLayout(feels)
        skip_row = QHBoxLayout()
        skip_row.addWidget(self.skip_button)
        skip_row.addStretch(1)
        layout.addLayout(skip_row)
        self.pain_group.idClicked.connect(lambda _id: self.changed.emit())
        self.feel_group.idClicked.connect(lambda _id: self.changed.emit())

    def skip_on_escape(self, scope: QWidget) -> QShortcut:
        """Esc anywhere in ``scope`` (the summary, where the session's own Esc is off) puts
        the question away; a window-wide shortcut would take Esc from the rest of the app."""
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), scope)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.skip)
        return shortcut

    def _choice_button(self, name: str, text: str, accessible: str) -> QPushButton:
        button = make_button(name, text, accessible, lambda: None)
        button.setCheckable(True)
        button.setMinimumSize(TARGET_PX, TARGET_PX)
        return button

    def offer(self, asked: bool) -> None:
        """Ask (True), or not (False: this session was rated already)."""
        self._offered = asked
        self._skipped = False
        self.setVisible(asked)

    def is_asking(self) -> bool:
        return self._offered and not self._skipped

    @Slot()
    def skip(self) -> None:
        """Skip (or Esc): put it away for this session; nothing is saved."""
        if not self.is_asking():
            return
        self._skipped = True
        self.setVisible(False)
        self.skipped.emit()

    def choose(self, pain: int | None = None, feel: Feel | None = None) -> None:
        """Tap ``pain`` and/or ``feel``, as her finger would (tests, and the keyboard)."""
        if pain is not None:
            self.pain_buttons[pain].click()
        if feel is not None:
            self.feel_buttons[feel].click()

    def choice(self) -> RatingChoice | None:
        """What she tapped, or None when she tapped nothing, skipped or was not asked."""
        if not self.is_asking():
            return None
        pain = self.pain_group.checkedId()
        feel_button = self.feel_group.checkedButton()
        feel = next((f for f, b in self.feel_buttons.items() if b is feel_button), None)
        if pain < 0 and feel is None:
            return None
        return RatingChoice(pain if pain >= 0 else None, feel)

    def tab_chain(self) -> list[QWidget]:
        """Its Tab stops in reading order. Each row of buttons is one stop, as a group of
        radio buttons is (Qt's rule for an exclusive group): Tab reaches the pain row, the
        arrow keys move along it and Space picks; then the feel row; then Skip."""
        return [*self.pain_buttons, *self.feel_buttons.values(), self.skip_button]

    def tab_stops(self) -> list[QWidget]:
        """What Tab reaches before she has chosen: the first of each row, then Skip."""
        return [self.pain_buttons[0], next(iter(self.feel_buttons.values())), self.skip_button]

    def texts(self) -> list[str]:
        return [label.text() for label in self.findChildren(QLabel)]
