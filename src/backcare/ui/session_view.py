"""The guided session on screen: one Start, then every step, hold, rep and exercise by itself.

No rule lives here. ``GuidedSession`` (pure) decides what is shown and when it moves on; this
view forwards the buttons, keys and its one-second timer to it and shows its state in one
place, ``_refresh``. It looks like the exercise card (``card_parts``), with the cautions and
"stop if" beside every exercise, a "Next: …" screen between exercises and a summary at the end.

Space is Start/Pause wherever the focus is inside the view: a QShortcut with
WidgetWithChildrenShortcut fires before a focused button could take the key, so a mother who
tabbed to Next and presses Space to pause does pause. Esc ends the session (the summary), the
arrow keys step. On the summary these shortcuts are off, so Space and Enter press Done.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from backcare.core.content import Exercise
from backcare.core.guided import ExerciseResult, GuidedSession, Phase
from backcare.figures.pose import Pose
from backcare.ui.card_parts import (
    CountdownPanel,
    PaletteStyled,
    SafetyColumn,
    StepText,
    beside_safety,
    column,
    figure_frame,
    first_sentence,
    make_button,
    make_label,
    reps_text,
)
from backcare.ui.figure_widget import FigureWidget

TICK_MS = 1000

_SESSION_STYLE = """
QLabel#exerciseCount { font-size: 11pt; color: $muted; font-weight: 600; }
QLabel#interlude { font-size: 24pt; font-weight: 600; color: $ink; }
QLabel#interludeText, QLabel#summaryIntro { font-size: 13pt; color: $text; }
QLabel#summaryLine { font-size: 14pt; color: $text; padding: 4px 0; }
"""


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


class SessionView(PaletteStyled, QWidget):
    """A guided session of ``exercises``. ``sets`` lowers the sets of some (first week);
    ``locked`` maps the id of an exercise not offered now to the sentence why: it has no
    working Start. In a mix, the locked ones are left out and the notice says so.

    Signals: ``finished(outcome)`` with the ``SessionOutcome`` when she presses Done on the
    summary (once); ``madeWorse(exercise_id)`` (the clock stops); ``stepChanged(index)`` when
    the step shown changes; ``backRequested()`` for the optional back link (nothing saved).
    """

    finished = Signal(object)
    madeWorse = Signal(str)
    stepChanged = Signal(int)
    backRequested = Signal()
    _extra_style = _SESSION_STYLE

    def __init__(
        self,
        exercises: Sequence[Exercise],
        poses: Mapping[str, Pose],
        sets: Mapping[str, int] | None = None,
        locked: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.locked: Mapping[str, str] = locked or {}
        offered = [e for e in exercises if e.id not in self.locked]
        self.left_out = [e for e in exercises if e.id in self.locked] if offered else []
        self.session = GuidedSession(offered or list(exercises), sets)
        self._poses = poses
        self._shown: tuple[int, int] | None = None
        self._shown_exercise: int | None = None
        self._summary_filled = False
        self._finished_sent = False
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_timeout)
        self.setObjectName("sessionView")
        self._apply_style()
        self._build()
        self._shortcuts = [
            self._shortcut(Qt.Key.Key_Space, self.toggle),
            self._shortcut(Qt.Key.Key_Escape, self.stop),
            self._shortcut(Qt.Key.Key_Left, self.step_back),
            self._shortcut(Qt.Key.Key_Right, self.step_next),
        ]
        self._refresh()

    # ----- building ----------------------------------------------------------------------------

    def _shortcut(self, key: Qt.Key, slot: object) -> QShortcut:
        shortcut = QShortcut(QKeySequence(key), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.setAutoRepeat(False)
        shortcut.activated.connect(slot)
        return shortcut

    def _build(self) -> None:
        self.back_link = make_button(
            "backToList", "← Back to list", "Back to the exercise list", self._on_back_link
        )
        self.back_link.hide()
        self.title_label = make_label("title")
        self.dose_label = make_label("dose")
        self.count_label = make_label("exerciseCount", wrap=False)
        heading = QHBoxLayout()
        heading.setSpacing(14)
        for widget, stretch in ((self.back_link, 0), (self.title_label, 0),
                                (self.dose_label, 1), (self.count_label, 0)):
            heading.addWidget(widget, stretch, Qt.AlignmentFlag.AlignVCenter)
        self.notice_label = make_label("notice", "\n".join(
            f"Left out for now: {e.title}. {self.locked[e.id]}" for e in self.left_out))
        self.notice_label.setVisible(bool(self.left_out))

        self.screens = QStackedWidget()
        self.screens.addWidget(self._build_exercise_screen())
        self.screens.addWidget(self._build_summary_screen())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 8, 20, 16)
        outer.setSpacing(6)
        outer.addLayout(heading)
        outer.addWidget(self.notice_label)
        outer.addSpacing(4)
        outer.addWidget(self.screens, 1)
        chain = (self.back_link, self.back_button, self.start_button, self.next_button,
                 self.stop_button, self.safety, self.made_worse_button)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _build_exercise_screen(self) -> QWidget:
        self.figure = FigureWidget()
        self.figure.setMinimumSize(280, 190)
        # What is said under the figure: a step, or "Next: …" between two exercises.
        self.step_text = StepText()
        self.interlude_label = make_label("interlude")
        self.interlude_text = make_label("interludeText")
        self.text_stack = QStackedWidget()
        self.text_stack.addWidget(self.step_text)
        self.text_stack.addWidget(column(self.interlude_label, self.interlude_text))
        self.countdown = CountdownPanel("Time passed")

        self.back_button = make_button("back", "◀  Back", "Previous step", self.step_back)
        self.start_button = make_button("start", "Start", "Start the session", self.toggle)
        self.locked_label = make_label("locked")
        self.next_button = make_button("next", "Next  ▶", "Next step", self.step_next)
        self.stop_button = make_button(
            "stop", "Stop", "Stop: end the session and see what you did", self.stop
        )
        buttons = QHBoxLayout()
        for widget, stretch in ((self.back_button, 0), (self.start_button, 0),
                                (self.next_button, 0), (self.locked_label, 1),
                                (self.stop_button, 0)):
            buttons.addWidget(widget, stretch)

        main = QVBoxLayout()
        main.setSpacing(10)
        main.addWidget(figure_frame(self.figure), 1)
        main.addWidget(self.text_stack)
        main.addWidget(self.countdown)
        main.addLayout(buttons)

        self.safety = SafetyColumn(self.session.exercise)
        body, self.made_worse_button = beside_safety(main, self.safety, self.made_worse)
        body.setContentsMargins(0, 0, 0, 0)
        screen = QWidget()
        screen.setLayout(body)
        return screen

    def _build_summary_screen(self) -> QWidget:
        self.summary_intro = make_label("summaryIntro")
        self.summary_lines = column(spacing=8)
        self.done_button = make_button(
            "summaryDone", "Done", "Done: save this session and close it", self.finish
        )
        screen = column(self.summary_intro, self.summary_lines, spacing=12)
        layout = screen.layout()
        layout.setContentsMargins(0, 12, 0, 0)
        layout.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return screen

    # ----- actions (slots the buttons, keys and timer call) ------------------------------------

    @property
    def exercise(self) -> Exercise:
        """The exercise shown now (the next one during "Next: …")."""
        return self.session.exercise

    @property
    def locked_reason(self) -> str:
        """Why the exercise shown has no Start ("" when it has one)."""
        return self.locked.get(self.exercise.id, "")

    @Slot()
    def toggle(self) -> None:
        """Start, pause or resume (the Start/Pause button and Space)."""
        if not self.locked_reason:
            self.session.toggle()
        self._refresh()

    @Slot()
    def start(self) -> None:
        """Start hands-free ("Start now" on a reminder); nothing if running or locked."""
        if not self.session.running:
            self.toggle()

    @Slot()
    def step_next(self) -> None:
        self.session.next()
        self._refresh()

    @Slot()
    def step_back(self) -> None:
        self.session.back()
        self._refresh()

    @Slot()
    def stop(self) -> None:
        """End the session early and show what she did (Stop and Esc)."""
        self.session.stop()
        self._refresh()

    @Slot()
    def pause(self) -> None:
        """Stop the clock without ending (e.g. the page closes the view)."""
        self.session.pause()
        self._refresh()

    @Slot(int)
    def tick(self, seconds: int = 1) -> None:
        """Let ``seconds`` pass in the session (the timer calls this once a second)."""
        self.session.tick(seconds)
        self._refresh()

    @Slot()
    def finish(self) -> None:
        """Done: the session ends if it has not, and ``finished`` carries the outcome, once."""
        if self.session.phase is not Phase.SUMMARY:
            self.stop()
        if self._finished_sent:
            return
        self._finished_sent = True
        self.finished.emit(self.session.outcome)

    @Slot()
    def made_worse(self) -> None:
        """"This made my back worse": the clock stops, and the app rests this exercise."""
        self.session.pause()
        self._refresh()
        self.madeWorse.emit(self.exercise.id)

    def show_back_link(self, text: str = "← Back to list") -> None:
        """Show a link above the title that leaves without saving (``backRequested``)."""
        self.back_link.setText(text)
        self.back_link.show()

    def set_tick_interval_ms(self, ms: int) -> None:
        """For tests and demos: how long one second of the session lasts on the wall clock."""
        self._timer.setInterval(max(1, ms))

    def set_animation_ms(self, ms: int) -> None:
        self.figure.set_animation_ms(ms)

    def _on_back_link(self) -> None:
        self.pause()
        self.backRequested.emit()

    def _on_timeout(self) -> None:
        self.tick(1)

    # ----- showing the state -------------------------------------------------------------------

    def _refresh(self) -> None:
        g = self.session
        summary = g.phase is Phase.SUMMARY
        for shortcut in self._shortcuts:
            shortcut.setEnabled(not summary)
        if g.exercise_index != self._shown_exercise:
            self._show_exercise()
        self.screens.setCurrentIndex(1 if summary else 0)
        if summary:
            self._timer.stop()
            self._show_summary()
            return
        interlude = g.phase is Phase.INTERLUDE
        self.text_stack.setCurrentIndex(1 if interlude else 0)
        if interlude:
            self.interlude_label.setText(f"Next: {g.next_title}")
            self.interlude_text.setText(f"Get into the start position. "
                                        f"{self.exercise.start_position}")
        self.step_text.show_step(g.step, g.step_index, g.step_count,
                                 reps_text(g.session, g.time_left))
        number = "–" if self.locked_reason else str(math.ceil(g.remaining))
        self.countdown.set_state(number, self._caption(), g.progress)
        start, accessible = (("Pause", "Pause the session") if g.running
                             else ("Resume", "Resume the session") if g.paused
                             else ("Start", "Start the session"))
        self.start_button.setText(start)
        self.start_button.setAccessibleName(accessible)
        self.start_button.setEnabled(not self.locked_reason and (g.running or g.can_start))
        self.locked_label.setText(self.locked_reason)
        self.locked_label.setAccessibleName(f"Not for now: {self.locked_reason}")
        self.locked_label.setVisible(bool(self.locked_reason))
        self.back_button.setEnabled(g.can_go_back)
        self.next_button.setEnabled(g.can_go_next)
        self._show_figure()
        if g.running and not self._timer.isActive():
            self._timer.start()
        elif not g.running:
            self._timer.stop()

    @staticmethod
    def _set_text(label: QLabel, text: str, prefix: str = "") -> None:
        label.setText(text)
        label.setAccessibleName(prefix + text)

    def _show_exercise(self) -> None:
        g = self.session
        ex = g.exercise
        self._shown_exercise = g.exercise_index
        self._set_text(self.title_label, ex.title, "Exercise: ")
        dose = ex.dose if g.session.timed else replace(ex.dose, sets=g.session.sets)
        self._set_text(self.dose_label, dose.summary(), "Dose: ")
        count = f"Exercise {g.exercise_index + 1} of {g.exercise_count}"
        self._set_text(self.count_label, count if g.exercise_count > 1 else "")
        self.safety.set_exercise(ex)
        self.setAccessibleName(f"Guided session: {ex.title}")

    def _caption(self) -> str:
        g = self.session
        if self.locked_reason:
            return "Not for now. You can read the steps with Back and Next."
        if g.phase is Phase.READY:
            return "seconds for this step. Press Start or Space: every step then moves on " \
                   "by itself."
        if g.paused:
            return "Paused. Press Resume or Space to go on."
        if g.phase is Phase.HOLD:
            return "seconds left — hold, and keep breathing"
        if g.phase is Phase.STEP:
            return "seconds, then the next step by itself"
        if g.phase is Phase.REST:
            p = g.position
            if g.switching_side:
                return f"seconds to change sides: the {p.side} side comes next"
            return f"seconds of rest. Set {p.set} of {p.sets} comes next."
        return "seconds, then it starts by itself"

    def _show_figure(self) -> None:
        g = self.session
        key = (g.exercise_index, g.step_index)
        if key == self._shown:
            return
        first = self._shown is None
        self._shown = key
        steps = g.exercise.steps
        pose = self._poses.get(g.step.pose)
        ghost = self._poses.get(steps[g.step_index - 1].pose) if g.step_index else None
        if pose is None:
            self.figure.clear()
        else:
            self.figure.set_pose(pose, ghost, animate=not first)
        n = g.step_index + 1
        self.figure.setAccessibleName(f"Figure: step {n}")
        self.figure.setAccessibleDescription(
            f"Figure: step {n} — {first_sentence(g.step.instruction)}")
        if not first:
            self.stepChanged.emit(g.step_index)

    def _show_summary(self) -> None:
        if self._summary_filled:
            return
        self._summary_filled = True
        self.back_link.hide()  # Done is the way out now: it keeps what she did
        outcome = self.session.outcome
        self._set_text(self.title_label, "Session summary")
        self._set_text(self.dose_label, "")
        self._set_text(self.count_label, "")
        if outcome.complete:
            intro = "Well done: you did the whole session."
        elif outcome.started:
            intro = "You stopped early. What you did still counts."
        else:
            intro = "Nothing was done this time, and that is all right."
        self._set_text(self.summary_intro, intro)
        for exercise, result in zip(self.session.exercises, outcome.results, strict=True):
            line = make_label("summaryLine", result_line(exercise, result))
            self.summary_lines.layout().addWidget(line)
        self.done_button.setDefault(True)
        self.done_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def summary_texts(self) -> list[str]:
        """The summary's lines as shown (empty before the summary)."""
        return [label.text() for label in self.summary_lines.findChildren(QLabel)]

    def focus_first(self) -> None:
        """Put the keyboard on Start (on Next when Start cannot be pressed)."""
        target = self.start_button if self.start_button.isEnabled() else self.next_button
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.focusWidget() is None:
            self.focus_first()
