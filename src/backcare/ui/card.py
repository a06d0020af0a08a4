"""The illustrated exercise card: one exercise, done step by step, with the figure moving.

No rule lives here. ``ExerciseSession`` (pure) decides the step, the hold and the reps; this
widget forwards clicks, keys and timer ticks to it and then shows its state in one place,
``_refresh``. When the session's step changes, whatever the reason (Next, Back, Start moving
to the hold step, or a hold ending and the rep going back to the start), the figure animates
from the old pose to the new one: the countdown and the reps drive the animation.

Its look, the step text, the countdown and the safety column come from ``card_parts``, shared
with the hands-free guided session (``session_view``), which the Exercises page now opens; the
card stays for stepping through one exercise by hand.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from backcare.core.content import Exercise
from backcare.core.session import ExerciseSession
from backcare.figures.pose import Pose
from backcare.ui.card_parts import (
    CountdownPanel,
    PaletteStyled,
    SafetyColumn,
    StepText,
    beside_safety,
    figure_frame,
    first_sentence,
    make_button,
    make_label,
    reps_text,
)
from backcare.ui.figure_widget import FigureWidget

TICK_MS = 1000


class ExerciseCard(PaletteStyled, QWidget):
    """One exercise session on screen.

    Signals: ``sessionDone(exercise_id, reps_done)`` when she presses Done (the history store
    listens); ``backRequested()`` for "Back to list" and Escape; ``holdFinished()`` each time
    a hold reaches zero; ``stepChanged(index)`` when the step shown changes;
    ``madeWorse(exercise_id)`` when she says the exercise made her back worse (the clock stops;
    the app pauses the exercise and shows the setback advice).
    """

    sessionDone = Signal(str, int)
    backRequested = Signal()
    holdFinished = Signal()
    stepChanged = Signal(int)
    madeWorse = Signal(str)

    def __init__(
        self,
        exercise: Exercise,
        poses: Mapping[str, Pose],
        parent: QWidget | None = None,
        *,
        sets: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.exercise = exercise
        self.session = ExerciseSession(exercise, sets=sets)
        self._poses = poses
        self._shown_index: int | None = None
        self._has_holds = any(step.hold_seconds for step in exercise.steps)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_timeout)
        self.setObjectName("exerciseCard")
        self._apply_style()
        self.setAccessibleName(f"Exercise card: {exercise.title}")
        self._build()
        for widget in (*self.findChildren(QAbstractButton), self._cautions_scroll):
            widget.installEventFilter(self)
        self._refresh()

    # ----- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        ex = self.exercise
        self.back_to_list_button = make_button(
            "backToList", "← Back to list", "Back to the exercise list", self.backRequested.emit
        )
        self.title_label = make_label("title", ex.title)
        self.title_label.setAccessibleName(f"Exercise: {ex.title}")
        self.done_button = make_button(
            "done", "Done", "Done: end this exercise and save it", self.finish
        )
        self.dose_label = make_label("dose", ex.dose.summary())
        self.dose_label.setAccessibleName(f"Dose: {ex.dose.summary()}")
        # One header row keeps the height for the figure: link, title, dose, Done.
        heading = QHBoxLayout()
        heading.setSpacing(14)
        heading.addWidget(self.back_to_list_button, 0, Qt.AlignmentFlag.AlignVCenter)
        heading.addWidget(self.title_label, 0, Qt.AlignmentFlag.AlignVCenter)
        heading.addWidget(self.dose_label, 1, Qt.AlignmentFlag.AlignVCenter)
        heading.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignVCenter)

        self.figure = FigureWidget()
        self.figure.setMinimumSize(280, 190)
        self.step_text = StepText()
        self.step_label = self.step_text.step_label
        self.reps_label = self.step_text.reps_label
        self.instruction_label = self.step_text.instruction_label
        self.breath_label = self.step_text.breath_label
        self.hold_panel = CountdownPanel("Hold progress")
        self.countdown_label = self.hold_panel.countdown_label
        self.countdown_caption = self.hold_panel.countdown_caption
        self.progress = self.hold_panel.progress
        self.hold_panel.setVisible(self._has_holds)

        self.back_button = make_button("back", "◀  Back", "Previous step", self.step_back)
        self.start_button = make_button("start", "Start", "Start the hold", self.toggle_hold)
        self.start_button.setVisible(self._has_holds)
        self.next_button = make_button("next", "Next  ▶", "Next step", self.step_next)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)

        main = QVBoxLayout()
        main.setSpacing(10)
        main.addWidget(figure_frame(self.figure), 1)
        main.addWidget(self.step_text)
        main.addWidget(self.hold_panel)
        main.addLayout(buttons)

        self._cautions_scroll = SafetyColumn(ex)
        self.start_label = self._cautions_scroll.start_label
        self.cautions_label = self._cautions_scroll.cautions_label
        self.stop_if_label = self._cautions_scroll.stop_if_label
        self.note_label = self._cautions_scroll.note_label
        body, self.made_worse_button = beside_safety(main, self._cautions_scroll, self.made_worse)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 8, 20, 16)
        outer.setSpacing(6)
        # "Not for you yet" (a locked or paused exercise opened to read): above everything.
        self.notice_label = make_label("notice")
        self.notice_label.setAccessibleName("Not for now")
        self.notice_label.hide()
        outer.addLayout(heading)
        outer.addWidget(self.notice_label)
        outer.addSpacing(4)
        outer.addLayout(body, 1)

        # Tab order follows the reading order: list link, steps, Done last.
        QWidget.setTabOrder(self.back_to_list_button, self.back_button)
        QWidget.setTabOrder(self.back_button, self.start_button)
        QWidget.setTabOrder(self.start_button, self.next_button)
        QWidget.setTabOrder(self.next_button, self._cautions_scroll)
        QWidget.setTabOrder(self._cautions_scroll, self.made_worse_button)
        QWidget.setTabOrder(self.made_worse_button, self.done_button)

    # ----- actions (slots the buttons, keys and timer call) ------------------------------------

    @Slot()
    def set_notice(self, text: str) -> None:
        """Say above the card why this exercise is not for her now (empty hides it)."""
        self.notice_label.setText(text)
        self.notice_label.setAccessibleDescription(text)
        self.notice_label.setVisible(bool(text))

    def step_next(self) -> None:
        self.session.advance()
        self._refresh()

    @Slot()
    def step_back(self) -> None:
        self.session.back()
        self._refresh()

    @Slot()
    def toggle_hold(self) -> None:
        self.session.toggle()
        self._refresh()

    @Slot()
    def primary_action(self) -> None:
        """Enter and Space: start or pause the hold; without holds, the next step."""
        if self._has_holds:
            self.toggle_hold()
        else:
            self.step_next()

    @Slot(int)
    def tick(self, seconds: int = 1) -> None:
        """Let ``seconds`` pass in the session (the timer calls this once a second)."""
        finished = self.session.tick(seconds)
        self._refresh()
        if finished:
            self.holdFinished.emit()

    @Slot()
    def finish(self) -> None:
        """Done: stop the clock and report the reps; the page returns to the list."""
        self.session.pause()
        self._timer.stop()
        self._refresh()
        self.sessionDone.emit(self.exercise.id, self.session.reps_done)

    @Slot()
    def made_worse(self) -> None:
        """"This made my back worse": stop the clock, save nothing, and tell the app, which
        pauses this exercise and shows rest-and-care advice."""
        self.session.pause()
        self._timer.stop()
        self._refresh()
        self.madeWorse.emit(self.exercise.id)

    def stop(self) -> None:
        """Leave without reporting (Back to list): the clock stops, nothing is saved."""
        self.session.pause()
        self._timer.stop()

    def set_tick_interval_ms(self, ms: int) -> None:
        """For tests and demos: how long one second of hold lasts on the wall clock."""
        self._timer.setInterval(max(1, ms))

    def set_animation_ms(self, ms: int) -> None:
        self.figure.set_animation_ms(ms)

    def _on_timeout(self) -> None:
        self.tick(1)

    # ----- keys --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._handle_key(event, watched)
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._handle_key(event, self):
            super().keyPressEvent(event)

    def _handle_key(self, event: QKeyEvent, target: QObject) -> bool:
        """Arrow keys step, Escape goes back to the list, Enter/Space start the hold. On a
        focused button Space and Enter press that button, as everywhere else on the desktop."""
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        key = event.key()
        if key == Qt.Key.Key_Left:
            self.step_back()
        elif key == Qt.Key.Key_Right:
            self.step_next()
        elif key == Qt.Key.Key_Escape:
            self.backRequested.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            if isinstance(target, QAbstractButton):
                if key == Qt.Key.Key_Space:
                    return False  # the button presses itself on key release
                target.animateClick()
            else:
                self.primary_action()
        else:
            return False
        event.accept()
        return True

    # ----- showing the state -------------------------------------------------------------------

    def _pose(self, index: int) -> Pose | None:
        if not 0 <= index < len(self.exercise.steps):
            return None
        return self._poses.get(self.exercise.steps[index].pose)

    def _refresh(self) -> None:
        s = self.session
        step = s.current
        n = s.index + 1
        self.step_text.show_step(step, s.index, s.step_count, reps_text(s))

        self.back_button.setEnabled(s.can_go_back)
        self.next_button.setEnabled(s.can_advance)
        self.next_button.setText("Next rep  ↻" if s.next_counts_rep else "Next  ▶")
        self.next_button.setAccessibleName(
            "Count this rep and start again" if s.next_counts_rep else "Next step"
        )
        self._refresh_hold()
        self.done_button.setDefault(s.complete)

        if s.running and not self._timer.isActive():
            self._timer.start()
        elif not s.running:
            self._timer.stop()

        if s.index != self._shown_index:
            first = self._shown_index is None
            self._shown_index = s.index
            pose = self._pose(s.index)
            if pose is None:
                self.figure.clear()
            else:
                self.figure.set_pose(pose, self._pose(s.index - 1), animate=not first)
            self.figure.setAccessibleName(f"Figure: step {n}")
            self.figure.setAccessibleDescription(
                f"Figure: step {n} — {first_sentence(step.instruction)}"
            )
            if not first:
                self.stepChanged.emit(s.index)

    def _refresh_hold(self) -> None:
        s = self.session
        if not self._has_holds:
            return
        number = str(math.ceil(s.remaining)) if s.hold_seconds else "–"
        if s.running:
            caption = "seconds left — keep breathing"
            button, accessible = "Pause", "Pause the hold"
        elif s.has_hold and 0 < s.hold_progress < 1:
            caption = "Paused"
            button, accessible = "Resume", "Resume the hold"
        elif s.complete:
            caption = "All reps done. Press Done when you are ready."
            button, accessible = "Start", "Start the hold"
        elif s.hold_seconds:
            where = "" if s.has_hold else f" at step {(s.hold_step or 0) + 1}"
            caption = f"second hold{where}. Press Start when you are ready."
            button, accessible = "Start", "Start the hold"
        else:
            caption = "No hold in the steps from here."
            button, accessible = "Start", "Start the hold"
        self.hold_panel.set_state(number, caption, s.hold_progress)
        self.start_button.setText(button)
        self.start_button.setAccessibleName(accessible)
        self.start_button.setEnabled(s.running or s.can_start)

    def focus_first(self) -> None:
        """Put the keyboard on the main action, so Space or Enter does the obvious thing."""
        first = self.start_button if self._has_holds else self.next_button
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.focusWidget() is None:
            self.focus_first()
