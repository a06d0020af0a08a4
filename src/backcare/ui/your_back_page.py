"""The "Your back" page: every tip of ``advice.toml``, under the sections of ``core.tip_groups``.

Why it hurts comes first, then what helps; each tip is a card with its title (a heading), its
words, its pictures where a picture says it better (drawn by the same painter as the exercise
cards), and where it comes from in plain words, with a note when the seed notes behind it were
used with a change. The warning signs close the page, with the way to the Safety page.

Keyboard: each tip card is one Tab stop (a screen reader reads its title, then its words and
sources), and each picture after it is one more (read as what it shows), in reading order; the
page scrolls to whatever Tab reaches. This module only lays the tips out: the grouping and the
sources' words are decided in ``core.tip_groups``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from itertools import pairwise
from string import Template
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from backcare.core.content import Tip, TipFigure
from backcare.core.tip_groups import CHANGED_NOTE, TipGroup, grouped, tip_sources
from backcare.figures.painter import BACKGROUND
from backcare.figures.pose_words import pose_words
from backcare.figures.tip_figure import CARD_SIZE, paint_tip_figure
from backcare.ui.accessible_roles import mark_heading
from backcare.ui.card_parts import set_flag
from backcare.ui.figure_widget import FigureWidget
from backcare.ui.focus_ring import make_readable
from backcare.ui.theme import LIGHT, ThemeFollower, set_style_if_changed, theme_for

if TYPE_CHECKING:
    from backcare.catalog import Catalog
    from backcare.core.ledger import Ledger
    from backcare.figures.pose import Pose

FIGURE_SIZE = (CARD_SIZE.width(), CARD_SIZE.height())  # px: two side by side at 1024×600
FIGURE_LEAST_WIDTH = 150  # px: and no narrower where the page is narrow
FIGURE_COLUMNS = 2
AVOID_WORDS = "Not like this"

# Tip cards are calm boxes (info); the warning-sign tips are cautions. Every colour is a slot
# of the theme, so the page follows a dark desktop. A card's edge is the focus ring when Tab is
# on it, at the same width at rest, so nothing moves.
_STYLE = Template("""
QWidget#yourBackColumn { background: transparent; }
QLabel#pageHeading { font-size: 20pt; font-weight: 600; color: palette(window-text); }
QLabel#pageIntro { font-size: 12pt; color: palette(window-text); }
QLabel#groupHeading { font-size: 16pt; font-weight: 700; color: $ink; }
QLabel#groupIntro { font-size: 11pt; color: $muted; }
QFrame#tipCard { background: $info_bg; border: 2px solid $info_line; border-radius: 10px; }
QFrame#tipCard:focus { border-color: $focus; }
QFrame#tipCard[group="get-help"] { background: $caution_bg; border-color: $caution_line; }
QFrame#tipCard[group="get-help"]:focus { border-color: $focus; }
QFrame#tipCard QLabel { background: transparent; }
QLabel#tipTitle { font-size: 14pt; font-weight: 600; color: $info_heading; }
QLabel#tipText { font-size: 12pt; color: $info_text; }
QLabel#tipSource, QLabel#tipChanged { font-size: 10pt; color: $info_text; }
QLabel#figureCaption { font-size: 11pt; color: $info_text; }
QLabel#figureCaption[avoid="true"] { color: $error; font-weight: 600; }
QFrame#tipCard[group="get-help"] QLabel { color: $caution_text; }
QFrame#tipCard[group="get-help"] QLabel#tipTitle { color: $caution_heading; }
QFrame#tipFigureFrame { background: $figure_bg; border: 1px solid $edge; border-radius: 8px; }
QFrame#tipFigureFrame[focused="true"] { border: 3px solid $focus; }
QPushButton#seeSafety { font-size: 12pt; padding: 6px 16px; }
""")


class TipFigureWidget(FigureWidget):
    """One tip picture, still, drawn by the figure painter as ``figures.tip_figure`` frames it
    (close round her and what she handles; the painter adds the red cross to a "not like
    this" picture). Named by its caption, described by what it shows. A right-way picture
    shown beside a wrong one carries a green tick in the same place, so the pair reads as
    right and wrong by shape as well as colour (the caption says "Not like this" in words).
    The picture is on white in either theme, so the tick takes the light theme's green."""

    def __init__(self, figure: TipFigure, pose: Pose, *, paired: bool) -> None:
        super().__init__()
        self.tip_figure = figure
        self.paired = paired  # a right-way picture shown beside a "not like this" one
        self.setObjectName("tipFigure")
        self.set_animation_ms(0)
        self.set_pose(pose, None, animate=False)
        # Its full size where there is room, narrower on a small or scaled screen (two side by
        # side still fit at 1024×600 at 150 %); the painter keeps the figure's proportions.
        self.setMinimumSize(FIGURE_LEAST_WIDTH, FIGURE_SIZE[1])
        self.setMaximumSize(*FIGURE_SIZE)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(f"Figure: {caption_words(figure)}")
        self.setAccessibleDescription(f"The picture shows: {pose_words(pose)}")

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        pose = self.pose
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), BACKGROUND)
            if pose is not None:
                paint_tip_figure(painter, QRectF(self.rect()), self.tip_figure,
                                 {self.tip_figure.pose: pose})
            if self.paired and not self.tip_figure.avoid:
                paint_tick(painter, QRectF(self.rect()))
        finally:
            painter.end()


def paint_tick(painter: QPainter, rect: QRectF) -> None:
    """The right-way mark: ``painter.paint_avoid_mark``'s disc in the same corner and size,
    with a green tick for its red cross."""
    size = max(14.0, min(rect.width(), rect.height()) * 0.2)
    pad = size * 0.18
    centre = QPointF(rect.right() - pad - size / 2, rect.top() + pad + size / 2)
    green = QColor(LIGHT.recovery_strip)
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(green, size * 0.08))
        painter.setBrush(BACKGROUND)
        painter.drawEllipse(centre, size / 2, size / 2)
        pen = QPen(green, size * 0.14, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        arm = size * 0.22
        painter.drawLine(centre + QPointF(-arm, 0.1 * arm), centre + QPointF(-0.3 * arm, 0.8 * arm))
        painter.drawLine(centre + QPointF(-0.3 * arm, 0.8 * arm), centre + QPointF(arm, -0.7 * arm))
    finally:
        painter.restore()


def caption_words(figure: TipFigure) -> str:
    """The caption as shown: a "not like this" picture's caption says so in words (once, even
    where the file's caption already begins with them)."""
    if not figure.avoid or figure.caption.casefold().startswith(AVOID_WORDS.casefold()):
        return figure.caption
    return f"{AVOID_WORDS}: {figure.caption}"


def _label(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class TipCard(QFrame):
    """One tip: its title, its words, its pictures with their captions, and its sources.
    One Tab stop; its pictures are the stops after it."""

    def __init__(self, tip: Tip, group: TipGroup, sources: str, changed: bool,
                 poses: Mapping[str, Pose]) -> None:
        super().__init__()
        self.tip = tip
        self.setProperty("group", group.value)
        make_readable(self, "tipCard")
        self.title = mark_heading(_label(tip.title, "tipTitle"))
        self.text = _label(tip.text, "tipText")
        plural = "Sources" if "; " in sources else "Source"
        self.source = _label(f"{plural}: {sources}", "tipSource")
        self.changed = _label(f"Used with a change: {CHANGED_NOTE}", "tipChanged")
        self.changed.setVisible(changed)
        said = [tip.text, self.source.text()] + ([self.changed.text()] if changed else [])
        self.setAccessibleName(tip.title)
        self.setAccessibleDescription(" ".join(said))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        self.figures: list[TipFigureWidget] = []
        self.captions: list[QLabel] = []
        shown = [f for f in tip.figures if f.pose in poses]
        if shown:
            layout.addLayout(self._figure_grid(shown, poses))
        layout.addWidget(self.source)
        layout.addWidget(self.changed)

    def _figure_grid(self, shown: list[TipFigure], poses: Mapping[str, Pose]) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(8)
        paired = any(f.avoid for f in shown)
        for index, figure in enumerate(shown):
            widget = TipFigureWidget(figure, poses[figure.pose], paired=paired)
            frame = QFrame()
            frame.setObjectName("tipFigureFrame")
            inner = QVBoxLayout(frame)
            inner.setContentsMargins(4, 4, 4, 4)
            inner.addWidget(widget)
            widget.installEventFilter(self)
            caption = _label(caption_words(figure), "figureCaption")
            caption.setProperty("avoid", figure.avoid)
            caption.setMaximumWidth(FIGURE_SIZE[0] + 10)
            cell = QVBoxLayout()
            cell.setSpacing(4)
            cell.addWidget(frame)
            cell.addWidget(caption)
            cell.addStretch(1)
            grid.addLayout(cell, index // FIGURE_COLUMNS, index % FIGURE_COLUMNS)
            self.figures.append(widget)
            self.captions.append(caption)
        grid.setColumnStretch(FIGURE_COLUMNS, 1)
        return grid

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A picture's frame shows the ring while the picture has the keyboard."""
        if isinstance(watched, TipFigureWidget) and event.type() in (
                QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            frame = watched.parentWidget()
            if frame is not None:
                set_flag(frame, "focused", event.type() == QEvent.Type.FocusIn)
        return super().eventFilter(watched, event)


class YourBackPage(ThemeFollower, QWidget):
    """``YourBackPage(tips, poses, labels, ledger)``: every tip, grouped (``core.tip_groups``).

    ``labels`` maps ledger ids to readable names (``core.safety.source_labels``); ``ledger``
    says which seed facts were used with a change (None: no note is shown). ``poses``: the
    catalogue's, by id; a picture whose pose is missing is left out (a test keeps them all).
    ``safetyRequested()`` asks for the Safety page ("See all the warning signs").
    """

    safetyRequested = Signal()

    def __init__(self, tips: Iterable[Tip], poses: Mapping[str, Pose],
                 labels: Mapping[str, str] | None = None, ledger: Ledger | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("yourBackPage")
        self.setAccessibleName("Your back")
        labels = dict(labels or {})
        # For tests and the app: widgets by group and by tip id.
        self.group_headings: dict[TipGroup, QLabel] = {}
        self.cards: dict[str, TipCard] = {}
        self.card_groups: dict[str, TipGroup] = {}

        column = QWidget()
        column.setObjectName("yourBackColumn")
        column.setMaximumWidth(860)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(20, 16, 20, 20)
        layout.setSpacing(10)
        self.heading = mark_heading(_label("Your back", "pageHeading"))
        self.intro = _label("Why your back hurts after having a baby, and what helps.",
                            "pageIntro")
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        self.safety_button = QPushButton("See all the warning signs")
        self.safety_button.setObjectName("seeSafety")
        self.safety_button.setAccessibleName("See all the warning signs on the Safety page")
        self.safety_button.setAutoDefault(False)
        self.safety_button.clicked.connect(self.safetyRequested.emit)
        for group, members in grouped(tips):
            layout.addSpacing(8)
            heading = mark_heading(_label(group.title, "groupHeading"))
            self.group_headings[group] = heading
            layout.addWidget(heading)
            layout.addWidget(_label(group.intro, "groupIntro"))
            for tip in members:
                found = tip_sources(tip, labels, ledger)
                card = TipCard(tip, group, found.text, found.changed, poses)
                self.cards[tip.id] = card
                self.card_groups[tip.id] = group
                layout.addWidget(card)
            if group is TipGroup.GET_HELP:
                row = QHBoxLayout()
                row.addWidget(self.safety_button)
                row.addStretch(1)
                layout.addLayout(row)
        if TipGroup.GET_HELP not in self.group_headings:
            self.safety_button.hide()
        layout.addStretch(1)
        self.follow_theme()

        holder = QWidget()
        holder.setObjectName("yourBackColumn")
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(column, 1)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("yourBackScroll")
        self.scroll.setAccessibleName("Your back: why it hurts and what helps")
        self.scroll.setWidget(holder)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the cards take the focus
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        for before, after in pairwise(self.tab_stops()):
            QWidget.setTabOrder(before, after)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow_focus)

    def tab_stops(self) -> list[QWidget]:
        """What Tab reaches, in reading order: each card, then its pictures; then the button
        to the Safety page, under the warning-sign tips (the last section)."""
        stops: list[QWidget] = []
        for card in self.cards.values():
            stops.extend([card, *card.figures])
        if TipGroup.GET_HELP in self.group_headings:
            stops.append(self.safety_button)
        return stops

    def _apply_theme(self) -> None:
        set_style_if_changed(self, _STYLE.substitute(theme_for(self.palette()).slots()))

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Bring what Tab reaches into view, with a little room round it; a card taller than
        the view shows its top."""
        if new is None or not self.isAncestorOf(new):
            return
        bar = self.scroll.verticalScrollBar()
        top = new.mapTo(self.scroll.widget(), QPoint(0, 0)).y()
        if new.height() + 24 > self.scroll.viewport().height():
            bar.setValue(top - 12)
        else:
            self.scroll.ensureWidgetVisible(new, 0, 12)

    def tips_in_order(self) -> list[str]:
        """Tip ids from the top of the page down, by where their cards are laid out."""
        column = self.scroll.widget()
        return sorted(self.cards, key=lambda i: self.cards[i].mapTo(column, QPoint(0, 0)).y())


def your_back_page(catalog: Catalog, show_safety: Callable[[], None] | None = None
                   ) -> YourBackPage:
    """The page for the app: the catalogue's tips and poses, the ledger's words for their
    sources (read here, when she first opens the page, not at start)."""
    from backcare.core.ledger import load_ledger
    from backcare.core.safety import source_labels
    from backcare.paths import seeds_dir

    ledger, _problems = load_ledger(seeds_dir() / "facts.toml")
    page = YourBackPage(catalog.tips, catalog.poses, source_labels(ledger), ledger)
    if show_safety is not None:
        page.safetyRequested.connect(show_safety)
    return page
