"""The end of a guided session on screen: what she did, one line an exercise, and Done.

After an early stop it also offers Carry on, with the keyboard on it: a stray Esc with a baby
on her arm must not lose her place, so Space (or Enter) right after it goes back to where she
was, paused. Done is one Tab away and keeps what she did so far. A session that ran to its end
has nothing to carry on: Done alone, with the keyboard on it. Under them, the optional
after-session question (``ui/session_rating``), one Tab further on and put away by Esc.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from backcare.core.content import Exercise
from backcare.core.guided import ExerciseResult, SessionOutcome
from backcare.ui.card_parts import column, make_button, make_label
from backcare.ui.session_rating import RATING_STYLE, RatingPanel

SUMMARY_STYLE = """
QLabel#summaryIntro { font-size: 13pt; color: $text; }
QLabel#summaryHint { font-size: 12pt; color: $text; }
QLabel#summaryLine { font-size: 14pt; color: $text; padding: 4px 0; }
QPushButton#carryOn {
    font-weight: 600; color: $ink; background: transparent; border: 2px solid $accent;
    border-radius: 6px;
}
QPushButton#carryOn:hover { background: $track; }
QPushButton#carryOn:focus { border: 3px solid $focus; padding: 7px 11px; background: $track; }
""" + RATING_STYLE

CARRY_ON_HINT = ("Stopped by mistake? Carry on (or Space) takes you back to where you were, "
                 "paused. Done keeps what you did so far.")


def result_line(exercise: Exercise, result: ExerciseResult) -> str:
    """One line of the summary: "✓  Bridge: done, 10 of 10"."""
    title = exercise.title
    if result.reps_target is None:
        minutes = exercise.dose.minutes
        spent, secs = divmod(result.seconds, 60)
        so_far = f"{spent} min {secs} s" if spent else f"{secs} s"
        if result.complete:
            return f"✓  {title}: done, {minutes} min"
        if result.started:
            return f"◐  {title}: partly done, {so_far} of {minutes} min"
    else:
        count = f"{result.reps_done} of {result.reps_target}"
        if result.complete:
            return f"✓  {title}: done, {count}"
        if result.started:
            return f"◐  {title}: partly done, {count}"
    return f"○  {title}: not started"


def intro_text(outcome: SessionOutcome) -> str:
    if outcome.complete:
        return "Well done: you did the whole session."
    if outcome.started:
        return "You stopped early. What you did still counts."
    return "Nothing was done this time, and that is all right."


class SummaryScreen(QWidget):
    """The summary: ``show_outcome`` fills it each time it is shown (she may carry on and
    stop again), ``done`` and ``carry_on`` are what its two buttons call."""

    def __init__(self, done: Callable[[], object], carry_on: Callable[[], object]) -> None:
        super().__init__()
        self.intro = make_label("summaryIntro")
        self.lines = column(spacing=8)
        self.carry_on_button = make_button(
            "carryOn", "Carry on", "Carry on: back to where you stopped, paused", carry_on
        )
        self.done_button = make_button(
            "summaryDone", "Done", "Done: save this session and close it", done
        )
        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        for button in (self.carry_on_button, self.done_button):
            # Space and Enter press the button with the keyboard on it, as on any desktop.
            button.setAutoDefault(True)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.hint = make_label("summaryHint", CARRY_ON_HINT)
        self.rating = RatingPanel()
        self._rating_escape = self.rating.skip_on_escape(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.intro)
        layout.addWidget(self.lines)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        layout.addWidget(self.rating)
        layout.addStretch(1)
        QWidget.setTabOrder(self.carry_on_button, self.done_button)
        chain = [self.done_button, *self.rating.tab_chain()]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def show_outcome(
        self, exercises: Sequence[Exercise], outcome: SessionOutcome, *, can_carry_on: bool
    ) -> None:
        """Show ``outcome`` and put the keyboard on Carry on (early stop) or Done."""
        self.intro.setText(intro_text(outcome))
        self.intro.setAccessibleName(intro_text(outcome))
        layout = self.lines.layout()
        while layout.count():
            old = layout.takeAt(0).widget()
            if old is not None:
                old.setParent(None)
                old.deleteLater()
        for exercise, result in zip(exercises, outcome.results, strict=True):
            line = result_line(exercise, result)
            label = make_label("summaryLine", line)
            label.setAccessibleName(line)
            layout.addWidget(label)
        self.set_can_carry_on(can_carry_on)
        first = self.carry_on_button if can_carry_on else self.done_button
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_can_carry_on(self, can: bool) -> None:
        self.carry_on_button.setVisible(can)
        self.hint.setVisible(can)

    def texts(self) -> list[str]:
        """The lines as shown, one per exercise."""
        return [label.text() for label in self.lines.findChildren(QLabel)]

    def hide_rating(self) -> None:
        """Put the question away once Done has sent the session (it is saved, or skipped)."""
        self.rating.setVisible(False)
