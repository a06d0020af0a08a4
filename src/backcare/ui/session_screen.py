"""The exercise screen of a guided session: the figure, what is said under it, the countdown
and the four buttons, beside the safety column.

Built once per session and only filled by ``SessionView``, which holds every rule of what to
show. What lives here is the shape: each part keeps the size of the longest words it may show
(``keep_steady``), so the figure holds still from step to step, and the buttons ask only for
the room their words need, so Back, Start, Next and Stop still fit side by side in the
narrowest window (880 px, the view about 690 px wide beside the navigation).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from backcare.core.content import Exercise
from backcare.core.guided import INTERLUDE_SECONDS, READ_SECONDS, REST_SECONDS, GuidedSession
from backcare.ui.card_parts import (
    CountdownPanel,
    SafetyColumn,
    StepText,
    beside_safety,
    column,
    figure_frame,
    make_button,
    make_label,
    set_flag,
)
from backcare.ui.figure_widget import FigureWidget
from backcare.ui.session_captions import PAUSED, every_caption
from backcare.ui.steady_text import SteadyLabel, steady_width

SCREEN_STYLE = """
QLabel#interlude { font-size: 24pt; font-weight: 600; color: $ink; }
QLabel#interludeText { font-size: 13pt; color: $text; }
QFrame#figureFrame[focused="true"] { border: 3px solid $focus; }
"""

Action = Callable[[], object]


def interlude_words(exercise: Exercise) -> str:
    """What "Next: <title>" says under it: how to get ready for ``exercise``."""
    return f"Get into the start position. {exercise.start_position}"


class ExerciseScreen(QWidget):
    """The parts of the exercise screen, for the view to fill; ``first`` fills the safety
    column until the view shows another exercise."""

    def __init__(
        self, first: Exercise, *, back: Action, toggle: Action, forward: Action, stop: Action,
        made_worse: Action, said_check: Action,
    ) -> None:
        super().__init__()
        self.figure = FigureWidget()
        # The figure takes what the words and buttons leave: as low as 110 px on 1280×800 at
        # 150 % (853×533), where a taller minimum would push the buttons off the card.
        self.figure.setMinimumSize(280, 110)
        # Tab reaches the figure (a screen reader reads its description); its white frame's
        # edge is then the focus ring, which stands 3:1 against the page around it.
        self.figure.setObjectName("figure")
        self.figure.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.figure.installEventFilter(self)
        # What is said under the figure: a step, or "Next: …" between two exercises.
        self.step_text = StepText()
        self.interlude_label = SteadyLabel("interlude")
        self.interlude_text = SteadyLabel("interludeText")
        self.text = QStackedWidget()
        self.text.addWidget(self.step_text)
        interlude = column(self.interlude_label, self.interlude_text)
        interlude.layout().addStretch(1)  # the page is as tall as a step's: words at the top
        self.text.addWidget(interlude)
        self.countdown = CountdownPanel("Time passed")
        self.locked = make_label("locked")
        # On a card that waits only for her postnatal check, she can say she has had it here.
        self.check_button = make_button(
            "postnatalCheck", "I have had my postnatal check",
            "I have had my postnatal check: open the exercises that wait for it", said_check,
        )
        self.check_button.hide()

        self.back_button = make_button("back", "◀  Back", "Previous step", back)
        self.start_button = make_button("start", "Start", "Start the session", toggle)
        self.next_button = make_button("next", "Next  ▶", "Next step", forward)
        self.stop_button = make_button(
            "stop", "Stop", "Stop: see what you did (you can carry on from there)", stop
        )
        # Stop stands apart from Next, so a hurried press on Next does not end the session.
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        for button in (self.back_button, self.start_button, self.next_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.stop_button)

        main = QVBoxLayout()
        main.setSpacing(8)
        self.figure_frame = figure_frame(self.figure)
        main.addWidget(self.figure_frame, 1)
        main.addWidget(self.text)
        main.addWidget(self.countdown)
        main.addWidget(self.locked)  # a line of its own: the buttons keep their room
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_button)
        check_row.addStretch(1)
        main.addLayout(check_row)
        main.addLayout(buttons)

        self.safety = SafetyColumn(first)
        body, self.made_worse_button = beside_safety(main, self.safety, made_worse)
        body.setContentsMargins(0, 0, 0, 0)
        self.setLayout(body)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The figure's frame shows the ring while the figure has the keyboard."""
        if watched is self.figure and event.type() in (QEvent.Type.FocusIn,
                                                        QEvent.Type.FocusOut):
            set_flag(self.figure_frame, "focused", event.type() == QEvent.Type.FocusIn)
        return super().eventFilter(watched, event)

    def keep_steady(self, session: GuidedSession, *, locked: bool) -> None:
        """Reserve the room of the longest words each part may show in ``session`` (every
        step's instruction, every caption, Resume, "20"), so nothing moves as they change.
        Call it once the screen is in the styled view: sizes follow the stylesheet's fonts."""
        exercises = session.exercises
        self.step_text.reserve(step for exercise in exercises for step in exercise.steps)
        later = exercises[1:]
        self.interlude_label.reserve(f"Next: {exercise.title}" for exercise in later)
        self.interlude_text.reserve(interlude_words(exercise) for exercise in later)
        # Paused is said in bold (card_parts' stylesheet): its room is measured in bold.
        self.countdown.countdown_caption.reserve(every_caption(session, locked=locked),
                                                 bold=[PAUSED])
        steady_width(self.start_button, ("Start", "Pause", "Resume"))
        holds = [step.hold_seconds for exercise in exercises for step in exercise.steps]
        longest = max(READ_SECONDS, REST_SECONDS, INTERLUDE_SECONDS, *holds)
        steady_width(self.countdown.countdown_label, ("–", str(longest)))
