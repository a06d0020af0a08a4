"""The illustrated exercise card: one exercise, done step by step, with the figure moving.

No rule lives here. ``ExerciseSession`` (pure) decides the step, the hold and the reps; this
widget forwards clicks, keys and timer ticks to it and then shows its state in one place,
``_refresh``. When the session's step changes, whatever the reason (Next, Back, Start moving
to the hold step, or a hold ending and the rep going back to the start), the figure animates
from the old pose to the new one: the countdown and the reps drive the animation.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from backcare.core.content import Exercise
from backcare.core.session import ExerciseSession
from backcare.figures.pose import Pose
from backcare.ui.figure_widget import FigureWidget

TICK_MS = 1000

_STYLE = """
QLabel#title { font-size: 20pt; font-weight: 600; color: #1f3645; }
QLabel#dose { font-size: 12pt; color: #2f5d7a; font-weight: 600; }
QLabel#stepNumber { font-size: 11pt; color: #5b6b77; font-weight: 600; }
QLabel#instruction { font-size: 14pt; color: #1f2a33; }
QLabel#notice {
    font-size: 12pt; color: #5a3d00; background: #fff3d6; border: 1px solid #e8c477;
    border-radius: 8px; padding: 8px 12px;
}
QLabel#breath { font-size: 12pt; color: #3d6f8f; font-style: italic; }
QLabel#reps { font-size: 13pt; color: #1f3645; font-weight: 600; }
QLabel#countdown { font-size: 30pt; font-weight: 600; color: #2f5d7a; }
QLabel#countdownCaption { font-size: 11pt; color: #5b6b77; }
QFrame#figureFrame { background: #ffffff; border: 1px solid #dfe5ea; border-radius: 10px; }
QFrame#info { background: #f3f7fa; border: 1px solid #dbe4eb; border-radius: 10px; }
QFrame#info QLabel { font-size: 11pt; color: #2b3a45; background: transparent; }
QFrame#cautions { background: #fff6e5; border: 1px solid #efcf8f; border-radius: 10px; }
QFrame#cautions QLabel { font-size: 11pt; color: #4d3b12; background: transparent; }
QLabel[heading="true"] { font-size: 12pt; font-weight: 600; }
QFrame#info QLabel[heading="true"] { color: #2f5d7a; }
QFrame#cautions QLabel[heading="true"] { color: #7a4f00; }
QScrollArea#cautionsScroll, QWidget#sideColumn { background: transparent; border: none; }
QProgressBar { border: none; background: #e6edf2; border-radius: 5px; max-height: 10px; }
QProgressBar::chunk { background: #3d7ea6; border-radius: 5px; }
QPushButton { font-size: 12pt; padding: 8px 18px; min-height: 24px; }
QPushButton#start {
    font-weight: 600; color: #ffffff; background: #3d7ea6; border: 2px solid #3d7ea6;
    border-radius: 6px; min-width: 96px;
}
QPushButton#start:hover { background: #356f93; }
QPushButton#start:focus { border: 2px solid #1f3645; }
QPushButton#start:disabled { background: #c9d6df; border-color: #c9d6df; }
QPushButton#backToList { border: none; color: #2f5d7a; padding: 6px 8px; text-align: left; }
QPushButton#backToList:focus { text-decoration: underline; }
QPushButton#madeWorse {
    font-size: 11pt; color: #7a4f00; background: #fffaf0; border: 1px solid #efcf8f;
    border-radius: 6px; padding: 6px 12px;
}
QPushButton#madeWorse:hover { background: #fff1d6; }
QPushButton#madeWorse:focus { border: 2px solid #7a4f00; }
"""


def _first_sentence(text: str) -> str:
    """"Lift your hips. Keep…" -> "lift your hips": the figure's short description."""
    head = text.split(". ")[0].rstrip(".")
    return head[:1].lower() + head[1:]


def _bullets(items: tuple[str, ...]) -> str:
    return "\n".join(f"•  {item}" for item in items)


class ExerciseCard(QWidget):
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
        self.setStyleSheet(_STYLE)
        self.setAccessibleName(f"Exercise card: {exercise.title}")
        self._build()
        for widget in (*self.findChildren(QAbstractButton), self._cautions_scroll):
            widget.installEventFilter(self)
        self._refresh()

    # ----- building ----------------------------------------------------------------------------

    def _label(self, name: str, text: str = "", *, wrap: bool = True) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setWordWrap(wrap)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAccessibleName(name)
        return label

    def _button(self, name: str, text: str, accessible: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _build(self) -> None:
        ex = self.exercise
        self.back_to_list_button = self._button(
            "backToList", "← Back to list", "Back to the exercise list", self.backRequested.emit
        )
        self.title_label = self._label("title", ex.title)
        self.title_label.setAccessibleName(f"Exercise: {ex.title}")
        self.done_button = self._button(
            "done", "Done", "Done: end this exercise and save it", self.finish
        )
        self.dose_label = self._label("dose", ex.dose.summary())
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
        figure_frame = QFrame()
        figure_frame.setObjectName("figureFrame")
        frame_layout = QVBoxLayout(figure_frame)
        frame_layout.setContentsMargins(6, 6, 6, 6)
        frame_layout.addWidget(self.figure)

        self.step_label = self._label("stepNumber", wrap=False)
        self.reps_label = self._label("reps", wrap=False)
        self.instruction_label = self._label("instruction")
        self.breath_label = self._label("breath")

        self.countdown_label = self._label("countdown", wrap=False)
        self.countdown_caption = self._label("countdownCaption")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName("Hold progress")
        self.hold_panel = QWidget()
        hold_layout = QHBoxLayout(self.hold_panel)
        hold_layout.setContentsMargins(0, 0, 0, 0)
        hold_layout.addWidget(self.countdown_label)
        hold_text = QVBoxLayout()
        hold_text.addWidget(self.countdown_caption)
        hold_text.addWidget(self.progress)
        hold_layout.addLayout(hold_text, 1)
        self.hold_panel.setVisible(self._has_holds)

        self.back_button = self._button("back", "◀  Back", "Previous step", self.step_back)
        self.start_button = self._button("start", "Start", "Start the hold", self.toggle_hold)
        self.start_button.setVisible(self._has_holds)
        self.next_button = self._button("next", "Next  ▶", "Next step", self.step_next)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)

        step_head = QHBoxLayout()
        step_head.addWidget(self.step_label)
        step_head.addStretch(1)
        step_head.addWidget(self.reps_label)

        main = QVBoxLayout()
        main.setSpacing(10)
        main.addWidget(figure_frame, 1)
        main.addLayout(step_head)
        main.addWidget(self.instruction_label)
        main.addWidget(self.breath_label)
        main.addWidget(self.hold_panel)
        main.addLayout(buttons)

        # Under the safety column, beside "Stop and ask for advice if": where she looks when
        # something hurts. Quiet and never the default, so Enter and Space never press it.
        self.made_worse_button = self._button(
            "madeWorse",
            "This made my back worse",
            "This made my back worse: stop and pause this exercise for a few days",
            self.made_worse,
        )
        side = QVBoxLayout()
        side.setSpacing(8)
        side.addWidget(self._build_cautions(), 1)
        side.addWidget(self.made_worse_button)

        body = QHBoxLayout()
        body.setSpacing(18)
        body.addLayout(main, 3)
        body.addLayout(side, 2)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 8, 20, 16)
        outer.setSpacing(6)
        # "Not for you yet" (a locked or paused exercise opened to read): above everything.
        self.notice_label = self._label("notice")
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

    def _box(self, name: str, heading: str, text: str, accessible: str) -> tuple[QFrame, QLabel]:
        box = QFrame()
        box.setObjectName(name)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(4)
        title = self._label(f"{name}Heading", heading)
        title.setProperty("heading", True)
        body = self._label(f"{name}Text", text)
        body.setAccessibleName(f"{accessible}: {text}")
        layout.addWidget(title)
        layout.addWidget(body)
        return box, body

    def _build_cautions(self) -> QWidget:
        """The side column: how to start, how much, and the cautions and "stop if", which
        are always on screen: safety is never behind a tab."""
        ex = self.exercise
        column = QWidget()
        column.setObjectName("sideColumn")
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.setSpacing(10)
        start_box, self.start_label = self._box(
            "info", "Start position", ex.start_position, "Start position"
        )
        layout.addWidget(start_box)
        care_box, self.cautions_label = self._box(
            "cautions", "Take care", _bullets(ex.cautions), "Take care"
        )
        stop_box, self.stop_if_label = self._box(
            "cautions", "Stop and ask for advice if", _bullets(ex.stop_if),
            "Stop and ask for advice if",
        )
        layout.addWidget(care_box)
        layout.addWidget(stop_box)
        # The dose note is useful but long; it comes after safety, which must show first.
        self.note_label: QLabel | None = None
        if ex.dose.note:
            note_box, self.note_label = self._box("info", "How much", ex.dose.note, "How much")
            layout.addWidget(note_box)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("cautionsScroll")
        scroll.setAccessibleName("Cautions and when to stop")
        scroll.setWidget(column)
        scroll.viewport().setAutoFillBackground(False)
        column.setAutoFillBackground(False)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        scroll.setMinimumWidth(260)
        self._cautions_scroll = scroll
        return scroll

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
        self.step_label.setText(f"Step {n} of {s.step_count}")
        self.step_label.setAccessibleName(f"Step {n} of {s.step_count}")
        self.instruction_label.setText(step.instruction)
        self.instruction_label.setAccessibleName(f"Instruction: {step.instruction}")
        self.breath_label.setText(f"Breathing: {step.breath}")
        self.breath_label.setAccessibleName(f"Breathing: {step.breath}")
        self.reps_label.setText(self._reps_text())
        self.reps_label.setAccessibleName(self._reps_text())

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
                f"Figure: step {n} — {_first_sentence(step.instruction)}"
            )
            if not first:
                self.stepChanged.emit(s.index)

    def _reps_text(self) -> str:
        s = self.session
        if s.complete:
            return f"All {s.reps_done} done — well done!"
        p = s.position
        side = f" · {p.side} side" if p.side else ""
        if p.reps is None:
            minutes = self.exercise.dose.minutes
            about = f" · about {minutes} min in all" if minutes else ""
            return f"Round {p.rep}{side}{about}"
        sets = f" · set {p.set} of {p.sets}" if p.sets > 1 else ""
        return f"Rep {p.rep} of {p.reps}{side}{sets}"

    def _refresh_hold(self) -> None:
        s = self.session
        if not self._has_holds:
            return
        seconds = math.ceil(s.remaining)
        self.countdown_label.setText(str(seconds) if s.hold_seconds else "–")
        self.progress.setValue(round(s.hold_progress * 1000))
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
        self.countdown_caption.setText(caption)
        self.countdown_label.setAccessibleName(f"{self.countdown_label.text()} {caption}")
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
