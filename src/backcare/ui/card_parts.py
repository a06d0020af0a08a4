"""What the exercise card and the guided session view share: their look and their safety column.

Both show one exercise the same way (title, dose, step, breathing, countdown, the cautions and
"stop if" beside it), so she reads a guided session exactly as she reads a card. Keeping the
stylesheet and the builders here means a change of colour or wording reaches both at once.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from string import Template
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from backcare.core.content import Exercise, Step
from backcare.core.session import ExerciseSession
from backcare.ui.accessible_roles import mark_heading
from backcare.ui.steady_text import SteadyLabel
from backcare.ui.theme import (  # noqa: F401 - is_dark, palette_colours: their old home
    LIGHT,
    ThemeFollower,
    is_dark,
    palette_colours,
    set_style_if_changed,
    theme_for,
)

# The look, every colour a slot of the theme (see ``theme``): on a dark desktop palette the
# text turns light and the tinted boxes (start position, cautions) turn dark with light text.
# Every ``:focus`` rule here draws the one focus ring (``focus_ring``) in $focus, at the same
# outer size as the control at rest, so nothing moves as Tab passes.
_STYLE = Template("""
QLabel#title { font-size: 20pt; font-weight: 600; color: $ink; }
QLabel#dose { font-size: 12pt; color: $accent; font-weight: 600; }
QLabel#stepNumber { font-size: 11pt; color: $muted; font-weight: 600; }
QLabel#instruction { font-size: 14pt; color: $text; }
QLabel#notice {
    font-size: 12pt; color: $caution_text; background: $caution_bg; border: 1px solid $caution_line;
    border-radius: 8px; padding: 8px 12px;
}
QLabel#breath { font-size: 12pt; color: $breath; font-style: italic; }
QLabel#reps { font-size: 13pt; color: $ink; font-weight: 600; }
QLabel#countdown { font-size: 30pt; font-weight: 600; color: $accent; }
QLabel#countdownCaption { font-size: 12pt; color: $text; }
QLabel#countdownCaption[paused="true"] { font-weight: 600; color: $warn; }
QLabel#countdown[paused="true"] { color: $muted; }
QLabel#locked { font-size: 11pt; color: $warn; }
QFrame#figureFrame { background: $figure_bg; border: 1px solid $edge; border-radius: 10px; }
QFrame#info { background: $info_bg; border: 1px solid $info_line; border-radius: 10px; }
QFrame#info QLabel { font-size: 11pt; color: $info_text; background: transparent; }
QFrame#cautions { background: $caution_bg; border: 1px solid $caution_line; border-radius: 10px; }
QFrame#cautions QLabel { font-size: 11pt; color: $caution_text; background: transparent; }
QLabel[heading="true"] { font-size: 12pt; font-weight: 600; }
QFrame#info QLabel[heading="true"] { color: $info_heading; }
QFrame#cautions QLabel[heading="true"] { color: $caution_heading; }
QWidget#sideColumn { background: transparent; border: none; }
QScrollArea#cautionsScroll { background: transparent; border: 2px solid transparent;
    border-radius: 10px; }
QScrollArea#cautionsScroll:focus { border-color: $focus; }
QProgressBar { border: none; background: $track; border-radius: 5px; max-height: 10px; }
QProgressBar::chunk { background: $strong; border-radius: 5px; }
QProgressBar[paused="true"]::chunk { background: $muted; }
QPushButton { font-size: 12pt; padding: 8px 12px; min-height: 24px; }
QPushButton#start, QPushButton#summaryDone {
    font-weight: 600; color: $on_strong; background: $strong; border: 2px solid $strong;
    border-radius: 6px;
}
QPushButton#start:hover, QPushButton#summaryDone:hover { background: $strong_hover; }
QPushButton#start:focus, QPushButton#summaryDone:focus { border: 2px solid $focus; }
QPushButton#start:disabled { color: $muted; background: $track; border-color: $track; }
QPushButton#backToList { border: none; color: $accent; padding: 6px 8px; text-align: left; }
QPushButton#backToList:focus { border: 2px solid $focus; border-radius: 6px; padding: 4px 6px; }
QPushButton#madeWorse {
    font-size: 11pt; color: $caution_heading; background: $caution_bg;
    border: 1px solid $caution_line; border-radius: 6px; padding: 6px 12px;
}
QPushButton#madeWorse:hover { background: $caution_line; }
QPushButton#madeWorse:focus { border: 2px solid $focus; padding: 5px 11px; }
""")
CARD_STYLE = _STYLE.substitute(LIGHT.slots())


def card_style(palette: QPalette, extra: str = "") -> str:
    """The stylesheet for ``palette``: light text on a dark window, dark text on a light one.
    ``extra`` rules may use the same $ slots (any ``Theme`` field: $ink, $accent, ...)."""
    colours = theme_for(palette).slots()
    return _STYLE.substitute(colours) + Template(extra).substitute(colours)


class PaletteStyled(ThemeFollower):
    """Mixin for a QWidget styled by ``card_style``: when a dark or light desktop palette
    arrives, the colours follow it. Call ``_apply_style()`` once after ``__init__``."""

    _extra_style = ""

    def _apply_style(self) -> None:
        widget = cast(QWidget, self)
        set_style_if_changed(widget, card_style(widget.palette(), self._extra_style))

    def _apply_theme(self) -> None:
        self._apply_style()


def column(*widgets: QWidget, spacing: int = 6) -> QWidget:
    """A plain widget with ``widgets`` one under the other and no margins."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(spacing)
    for widget in widgets:
        layout.addWidget(widget)
    return holder


def first_sentence(text: str) -> str:
    """"Lift your hips. Keep…" -> "lift your hips": the figure's short description."""
    head = text.split(". ")[0].rstrip(".")
    return head[:1].lower() + head[1:]


def bullets(items: tuple[str, ...]) -> str:
    return "\n".join(f"•  {item}" for item in items)


def make_label(name: str, text: str = "", *, wrap: bool = True) -> QLabel:
    """A plain-text label styled by its object name (content is never parsed as HTML)."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    # No accessible name: Qt then reads the words on screen, which a name would replace.
    return label


def set_flag(widget: QWidget, name: str, on: bool) -> None:
    """Set a boolean property the stylesheet selects on (``[paused="true"]``) and re-style
    the widget when it changed: Qt does not re-read a stylesheet for a property by itself."""
    if bool(widget.property(name)) == on:
        return
    widget.setProperty(name, on)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


def make_button(name: str, text: str, accessible: str, slot: Callable[[], object]) -> QPushButton:
    """A button that takes focus by Tab and is never the default: Enter does not press it by
    surprise."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.setAutoDefault(False)
    button.clicked.connect(slot)
    return button


def info_box(name: str, heading: str, text: str = "") -> tuple[QFrame, QLabel]:
    """A tinted box with a heading and a body; ``name`` is "info" or "cautions". The heading
    is read as a heading and the body as its words: no name repeats the one in the other."""
    box = QFrame()
    box.setObjectName(name)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(14, 10, 14, 12)
    layout.setSpacing(4)
    title = mark_heading(make_label(f"{name}Heading", heading))
    title.setProperty("heading", True)
    body = make_label(f"{name}Text", text)
    layout.addWidget(title)
    layout.addWidget(body)
    return box, body


class SafetyColumn(QScrollArea):
    """The side column: how to start, the cautions and "stop if" (always on screen: safety is
    never behind a tab), then the dose note. ``set_exercise`` refills it, so a guided session
    keeps one column and shows each exercise's own cautions in turn."""

    def __init__(self, exercise: Exercise) -> None:
        super().__init__()
        column = QWidget()
        column.setObjectName("sideColumn")
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.setSpacing(10)
        start_box, self.start_label = info_box("info", "Start position")
        care_box, self.cautions_label = info_box("cautions", "Take care")
        stop_box, self.stop_if_label = info_box("cautions", "Stop and ask for advice if")
        # The dose note is useful but long; it comes after safety, which must show first.
        self.note_box, self.note_label = info_box("info", "How much")
        for box in (start_box, care_box, stop_box, self.note_box):
            layout.addWidget(box)
        layout.addStretch(1)
        self.setObjectName("cautionsScroll")
        self.setAccessibleName("Cautions and when to stop")
        self.setWidget(column)
        self.viewport().setAutoFillBackground(False)
        column.setAutoFillBackground(False)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        # Room for about 30 characters a line (its words wrap and it scrolls, so narrower cuts
        # nothing), and no more: at 150 % scaling (1280x800 is 853 logical px) a wider column
        # pushed the card 14 px past the window's right edge. "This made my back worse" under
        # it keeps the column at least that button's width whatever the font.
        self.setMinimumWidth(230)
        self.set_exercise(exercise)

    def set_exercise(self, exercise: Exercise) -> None:
        self.exercise = exercise
        # Each list is one label, its bullets in its words: one node to read, not one a dot.
        for label, text in (
            (self.start_label, exercise.start_position),
            (self.cautions_label, bullets(exercise.cautions)),
            (self.stop_if_label, bullets(exercise.stop_if)),
            (self.note_label, exercise.dose.note),
        ):
            label.setText(text)
        self.note_box.setVisible(bool(exercise.dose.note))
        self.verticalScrollBar().setValue(0)


def beside_safety(
    main: QLayout, safety: SafetyColumn, made_worse: Callable[[], object]
) -> tuple[QHBoxLayout, QPushButton]:
    """The main column with the safety column beside it, and "This made my back worse" under
    "Stop and ask for advice if": where she looks when something hurts. Quiet and never the
    default, so Enter and Space never press it. Returns the row and that button."""
    button = make_button(
        "madeWorse",
        "This made my back worse",
        "This made my back worse: stop and pause this exercise for a few days",
        made_worse,
    )
    side = QVBoxLayout()
    side.setSpacing(8)
    side.addWidget(safety, 1)
    side.addWidget(button)
    body = QHBoxLayout()
    body.setSpacing(18)
    body.addLayout(main, 3)
    body.addLayout(side, 2)
    return body, button


def figure_frame(figure: QWidget) -> QFrame:
    """The white rounded frame the figure stands in."""
    frame = QFrame()
    frame.setObjectName("figureFrame")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(6, 6, 6, 6)
    layout.addWidget(figure)
    return frame


def reps_text(session: ExerciseSession, time_left: float | None = None) -> str:
    """"Rep 2 of 5 · left side · set 1 of 2"; a timed exercise counts rounds, with the time
    left when the caller knows it (a guided session does, the card does not)."""
    if session.complete:
        return f"All {session.reps_done} done — well done!"
    p = session.position
    side = f" · {p.side} side" if p.side else ""
    if p.reps is None:
        if time_left is not None:
            minutes, seconds = divmod(math.ceil(time_left), 60)
            return f"Round {p.rep}{side} · {minutes}:{seconds:02d} left"
        minutes = session.exercise.dose.minutes
        about = f" · about {minutes} min in all" if minutes else ""
        return f"Round {p.rep}{side}{about}"
    sets = f" · set {p.set} of {p.sets}" if p.sets > 1 else ""
    return f"Rep {p.rep} of {p.reps}{side}{sets}"


class StepText(QWidget):
    """"Step 2 of 3" and the reps on one line, then the instruction and the breathing. It asks
    for the room of the tallest step ``reserve`` names, so the figure above keeps its size from
    step to step; the breathing stays right under the instruction, the spare room below."""

    def __init__(self) -> None:
        super().__init__()
        self.step_label = make_label("stepNumber", wrap=False)
        self.reps_label = make_label("reps", wrap=False)
        self.instruction_label = SteadyLabel("instruction")
        self.breath_label = SteadyLabel("breath")
        head = QHBoxLayout()
        head.addWidget(self.step_label)
        head.addStretch(1)
        head.addWidget(self.reps_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(head)
        layout.addWidget(self.instruction_label)
        layout.addWidget(self.breath_label)
        layout.addStretch(1)
        self._steps: tuple[Step, ...] = ()

    def reserve(self, steps: Iterable[Step]) -> None:
        """Keep the room of the tallest of ``steps`` (instruction and breathing together)."""
        self._steps = tuple(steps)
        self.updateGeometry()

    def heightForWidth(self, width: int) -> int:
        own = super().heightForWidth(width)
        if not self._steps:
            return own
        layout = self.layout()
        head = layout.itemAt(0).sizeHint().height() + 2 * layout.spacing()
        tallest = max(
            self.instruction_label.text_height(step.instruction, width)
            + self.breath_label.text_height(f"Breathing: {step.breath}", width)
            for step in self._steps
        )
        return max(own, head + tallest)

    def show_step(self, step: Step, index: int, count: int, reps: str) -> None:
        number = f"Step {index + 1} of {count}"
        for label, text in (
            (self.step_label, number),
            (self.instruction_label, step.instruction),
            (self.breath_label, f"Breathing: {step.breath}"),
            (self.reps_label, reps),
        ):
            label.setText(text)  # read as shown: the change itself is announced (announce)


class CountdownPanel(QWidget):
    """The big number of seconds, what it counts, and a bar of the time passed. Paused, the
    caption turns bold in the warning colour and the number and bar go grey: a clock that has
    stopped must look stopped, in a light or a dark palette."""

    def __init__(self, progress_name: str) -> None:
        super().__init__()
        self.countdown_label = make_label("countdown", wrap=False)
        self.countdown_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown_caption = SteadyLabel("countdownCaption")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(progress_name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.countdown_label)
        text = QVBoxLayout()
        text.addWidget(self.countdown_caption)
        text.addWidget(self.progress)
        layout.addLayout(text, 1)

    def set_state(
        self, number: str, caption: str, fraction: float, *, paused: bool = False
    ) -> None:
        self.countdown_label.setText(number)
        self.countdown_caption.setText(caption)  # changes with its words, not each second
        self.progress.setValue(round(min(1.0, max(0.0, fraction)) * 1000))
        for widget in (self.countdown_label, self.countdown_caption, self.progress):
            set_flag(widget, "paused", paused)
