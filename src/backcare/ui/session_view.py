"""The guided session on screen: one Start, then every step, hold, rep and exercise by itself.

No rule lives here. ``GuidedSession`` (pure) decides what is shown and when it moves on; this
view forwards the buttons, keys and its one-second timer to it and shows its state in one
place, ``_refresh``. It looks like the exercise card (``card_parts``), with the cautions and
"stop if" beside every exercise, a "Next: …" screen between exercises and a summary at the end.

Space is Start/Pause wherever the focus is inside the view, except on another button: a
QShortcut with WidgetWithChildrenShortcut fires before a focused button could take the key, so
``_on_space`` hands it to the button with the focus ring (Back, Next, Stop, "made worse"), as
Space does in every app — with the keyboard alone, Space is how she presses what she tabbed
to — and pauses or resumes everywhere else (the figure, the cautions, the Start/Pause button
itself). Esc ends the session (the summary), the
arrow keys step. On the summary these shortcuts are off and Space or Enter press the button
with the keyboard on it: Carry on after an early stop (back to exactly where she was,
paused: one stray Esc must not lose her place), Done after a finished session.

Nothing on the exercise screen changes size as the words change (``steady_text``): the figure
keeps its height from step to step and the buttons keep their places, and the four buttons
still fit side by side at the narrowest window.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from backcare.core.content import Exercise
from backcare.core.guided import GuidedSession, Phase
from backcare.figures.pose import Pose
from backcare.ui.accessible_roles import mark_heading
from backcare.ui.announce import Announcer
from backcare.ui.card_parts import PaletteStyled, make_button, make_label, reps_text
from backcare.ui.session_captions import (
    Beat,
    announcement,
    beat,
    rest_line,
    seconds_shown,
    session_caption,
)
from backcare.ui.session_rating import RatingChoice
from backcare.ui.session_screen import SCREEN_STYLE, ExerciseScreen, interlude_words
from backcare.ui.session_summary import SUMMARY_STYLE, SummaryScreen
from backcare.ui.steady_text import show_page

TICK_MS = 1000

_SESSION_STYLE = """
QLabel#exerciseCount { font-size: 11pt; color: $muted; font-weight: 600; }
""" + SCREEN_STYLE + SUMMARY_STYLE


class SessionView(PaletteStyled, QWidget):
    """A guided session of ``exercises``. ``sets`` lowers the sets of some (first week);
    ``locked`` maps the id of an exercise not offered now to the sentence why: it has no
    working Start. In a mix, the locked ones are left out and the notice says so.
    ``waiting_for_check`` names the locked ones whose week has come and which wait only for
    her postnatal check: their card offers "I have had my postnatal check".
    ``locked_details`` gives the longer why of a locked one (the label's tooltip), so the card
    keeps one line for when it opens and the figure keeps its room.

    Signals: ``finished(outcome)`` with the ``SessionOutcome`` when she presses Done on the
    summary (once, with what she did so far; she may have carried on and stopped again
    before it); ``madeWorse(exercise_id)`` (the clock stops); ``stepChanged(index)`` when
    the step shown changes; ``backRequested()`` for the optional back link (nothing saved);
    ``postnatalCheckSaid()`` when she says on a locked card that she has had her check.
    """

    finished = Signal(object)
    madeWorse = Signal(str)
    stepChanged = Signal(int)
    backRequested = Signal()
    postnatalCheckSaid = Signal()
    _extra_style = _SESSION_STYLE

    def __init__(
        self,
        exercises: Sequence[Exercise],
        poses: Mapping[str, Pose],
        sets: Mapping[str, int] | None = None,
        locked: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
        waiting_for_check: Collection[str] = (),
        locked_details: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.locked: Mapping[str, str] = locked or {}
        self.waiting_for_check = frozenset(waiting_for_check)
        self.locked_details: Mapping[str, str] = locked_details or {}
        offered = [e for e in exercises if e.id not in self.locked]
        self.left_out = [e for e in exercises if e.id in self.locked] if offered else []
        self.session = GuidedSession(offered or list(exercises), sets)
        self._poses = poses
        self._shown: tuple[int, int] | None = None
        self._shown_exercise: int | None = None
        self._summary_shown = False
        self._finished_sent = False
        self._back_link_wanted = False
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_timeout)
        self.setObjectName("sessionView")
        # A step, a hold, an exercise's end, said aloud as they happen (ui/announce).
        self.announcer = Announcer(self)
        self._beat: Beat | None = None
        self._apply_style()
        self._build()
        self._shortcuts = [
            self._shortcut(Qt.Key.Key_Space, self._on_space),
            self._shortcut(Qt.Key.Key_Escape, self.stop),
            self._shortcut(Qt.Key.Key_Left, self.step_back),
            self._shortcut(Qt.Key.Key_Right, self.step_next),
        ]
        self.parts.keep_steady(self.session, locked=bool(self.locked))
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
        self.title_label = mark_heading(make_label("title"))
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

        parts = self.parts = ExerciseScreen(
            self.session.exercise, back=self.step_back, toggle=self.toggle,
            forward=self.step_next, stop=self.stop, made_worse=self.made_worse,
            said_check=self.postnatalCheckSaid.emit)
        self.figure, self.step_text, self.text_stack = parts.figure, parts.step_text, parts.text
        self.interlude_label, self.interlude_text = parts.interlude_label, parts.interlude_text
        self.countdown, self.locked_label, self.safety = parts.countdown, parts.locked, parts.safety
        self.back_button, self.start_button = parts.back_button, parts.start_button
        self.next_button, self.stop_button = parts.next_button, parts.stop_button
        self.made_worse_button = parts.made_worse_button
        self.check_button = parts.check_button
        self.screens = QStackedWidget()
        self.screens.addWidget(parts)
        self.summary = SummaryScreen(self.finish, self.carry_on)
        self.done_button = self.summary.done_button
        self.carry_on_button = self.summary.carry_on_button
        self.summary_intro = self.summary.intro
        self.screens.addWidget(self.summary)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 8, 20, 16)
        outer.setSpacing(6)
        outer.addLayout(heading)
        outer.addWidget(self.notice_label)
        outer.addSpacing(4)
        outer.addWidget(self.screens, 1)
        # Tab in reading order: the link above the title, then the main column from the top
        # (the figure, "I have had my postnatal check", the buttons left to right), then the
        # safety column beside it and the button under it; on the summary Carry on, then Done.
        chain = (self.back_link, self.figure, self.check_button, self.back_button,
                 self.start_button, self.next_button, self.stop_button, self.safety,
                 self.made_worse_button, self.carry_on_button, self.done_button)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

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
    def _on_space(self) -> None:
        """Space presses the focused button, as everywhere; elsewhere it starts or pauses."""
        focused = self.focusWidget()
        if (isinstance(focused, QAbstractButton) and focused is not self.start_button
                and focused.isEnabled() and focused.isVisible()):
            focused.click()
            return
        self.toggle()

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
        """End the session early and show what she did (Stop and Esc); Carry on undoes it."""
        self.session.stop()
        self._refresh()

    @Slot()
    def carry_on(self) -> None:
        """Carry on (or Space) on an early stop's summary: back to exactly where she was,
        paused, with the keyboard on Resume. Nothing once Done has sent the outcome."""
        if self._finished_sent or not self.session.carry_on():
            return
        self._summary_shown = False
        self._shown_exercise = None  # the heading names the exercise again
        self.back_link.setVisible(self._back_link_wanted)
        self._refresh()
        self.focus_first()

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
        self.summary.set_can_carry_on(False)
        self.finished.emit(self.session.outcome)  # the shell reads rating_choice() here
        self.summary.rating.offer(False)  # saved or not, never asked twice for one session

    def offer_rating(self, asked: bool) -> None:
        """Ask the after-session question on the summary (False: this session is rated)."""
        self.summary.rating.offer(asked)

    def rating_choice(self) -> RatingChoice | None:
        """What she tapped on the summary's question (None: nothing, skipped, not asked)."""
        return self.summary.rating.choice()

    @Slot()
    def made_worse(self) -> None:
        """"This made my back worse": the clock stops, and the app rests this exercise."""
        self.session.pause()
        self._refresh()
        self.madeWorse.emit(self.exercise.id)

    def show_back_link(self, text: str = "← Back to list") -> None:
        """Show a link above the title that leaves without saving (``backRequested``)."""
        self.back_link.setText(text)
        self._back_link_wanted = True
        self.back_link.setVisible(self.session.phase is not Phase.SUMMARY)

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
        self.announcer.say(announcement(self._beat, g))
        self._beat = beat(g)
        if g.exercise_index != self._shown_exercise:
            self._show_exercise()
        show_page(self.screens, 1 if summary else 0)
        if summary:
            self._timer.stop()
            self._show_summary()
            return
        interlude = g.phase is Phase.INTERLUDE
        show_page(self.text_stack, 1 if interlude else 0)
        if interlude:
            self.interlude_label.setText(f"Next: {g.next_title}")
            self.interlude_text.setText(interlude_words(self.exercise))
        done = g.rest_from
        reps = (rest_line(done, switching=g.switching_side) if done is not None
                else reps_text(g.session, g.time_left))
        self.step_text.show_step(g.step, g.step_index, g.step_count, reps)
        locked = bool(self.locked_reason)
        number = "–" if locked else str(seconds_shown(g))
        self.countdown.set_state(number, session_caption(g, locked=locked), g.progress,
                                 paused=g.paused and not locked)
        start, accessible = (("Pause", "Pause the session") if g.running
                             else ("Resume", "Resume the session") if g.paused
                             else ("Start", "Start the session"))
        self.start_button.setText(start)
        self.start_button.setAccessibleName(accessible)
        self.start_button.setEnabled(not self.locked_reason and (g.running or g.can_start))
        self.locked_label.setText(self.locked_reason)
        details = self.locked_details.get(self.exercise.id, "")
        self.locked_label.setToolTip(details)
        self.locked_label.setAccessibleDescription(details)
        self.locked_label.setVisible(bool(self.locked_reason))
        self.check_button.setVisible(
            bool(self.locked_reason) and self.exercise.id in self.waiting_for_check
        )
        self.back_button.setEnabled(g.can_go_back)
        self.next_button.setEnabled(g.can_go_next)
        self._show_figure()
        if g.running and not self._timer.isActive():
            self._timer.start()
        elif not g.running:
            self._timer.stop()

    @staticmethod
    def _set_text(label: QLabel, text: str) -> None:
        label.setText(text)  # no accessible name: the words shown are what is read

    def _show_exercise(self) -> None:
        g = self.session
        ex = g.exercise
        self._shown_exercise = g.exercise_index
        self._set_text(self.title_label, ex.title)
        dose = ex.dose if g.session.timed else replace(ex.dose, sets=g.session.sets)
        self._set_text(self.dose_label, dose.summary())
        count = f"Exercise {g.exercise_index + 1} of {g.exercise_count}"
        self._set_text(self.count_label, count if g.exercise_count > 1 else "")
        self.safety.set_exercise(ex)
        self.setAccessibleName(f"Guided session: {ex.title}")

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
        # The figure names its pose itself (figure_widget, from the pose data).
        if not first:
            self.stepChanged.emit(g.step_index)

    def _show_summary(self) -> None:
        if self._summary_shown:
            return
        self._summary_shown = True
        self.back_link.hide()  # Done is the way out now: it keeps what she did
        self._set_text(self.title_label, "Session summary")
        self._set_text(self.dose_label, "")
        self._set_text(self.count_label, "")
        can = self.session.can_carry_on and not self._finished_sent
        self.summary.show_outcome(self.session.exercises, self.session.outcome, can_carry_on=can)

    def summary_texts(self) -> list[str]:
        """The summary's lines as shown (empty before the summary)."""
        return self.summary.texts()

    def focus_first(self) -> None:
        """Put the keyboard on Start (on Next when Start cannot be pressed)."""
        target = self.start_button if self.start_button.isEnabled() else self.next_button
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.focusWidget() is None:
            self.focus_first()
