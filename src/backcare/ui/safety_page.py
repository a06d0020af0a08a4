"""The Safety page, and the notice shown after "This made my back worse".

Calm but clear: what cannot wait comes first and looks different (a red edge and a red
heading), then what needs help today (amber), then the signs to stop exercising (blue). Every
sign says where it comes from, as the guidance publisher and title, so she can trust it and
look it up. The words all come from ``resources/safety.toml`` through ``core.safety``; this
module only lays them out.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from html import escape
from string import Template
from typing import cast

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from backcare.core.safety import Safety, SignGroup, sources_text
from backcare.core.setbacks import FALLBACK_CARE, pause_sentence, setback_advice
from backcare.ui.accessible_roles import mark_heading
from backcare.ui.focus_ring import make_readable
from backcare.ui.theme import ThemeFollower, set_style_if_changed, theme_for

# The word each group adds to accessible names ("Emergency sign: …"); colours are in _STYLE.
GROUP_WORDS = {"emergency": "Emergency", "urgent": "Get help today", "stop": "Stop exercising"}

# The panels in the theme's colours (see ``theme``): light panels with dark text on a light
# desktop, dark panels with light text on a dark one. The coloured left edges mark the group
# and are bold enough on either.
_STYLE = Template("""
QWidget#safetyColumn { background: transparent; }
QLabel#pageHeading { font-size: 20pt; font-weight: 600; color: palette(window-text); }
QLabel#pageIntro { font-size: 12pt; color: palette(window-text); }
QFrame#disclaimer { background: $info_bg; border: 1px solid $info_line; border-radius: 10px; }
QFrame#disclaimer QLabel { font-size: 11pt; color: $info_text; background: transparent; }
QFrame[group] { border-radius: 10px; border-top-left-radius: 0; border-bottom-left-radius: 0; }
QFrame[group] QLabel { background: transparent; }
QFrame[group="emergency"] {
    background: $problem_bg; border: 1px solid $problem_line;
    border-left: 8px solid $emergency_strip;
}
QFrame[group="urgent"] {
    background: $caution_bg; border: 1px solid $caution_line; border-left: 8px solid $urgent_strip;
}
QFrame[group="stop"] {
    background: $info_bg; border: 1px solid $info_line; border-left: 8px solid $stop_strip;
}
QLabel[role="groupTitle"] { font-size: 16pt; font-weight: 700; }
QFrame[group="emergency"] QLabel[role="groupTitle"] { color: $problem_heading; }
QFrame[group="urgent"] QLabel[role="groupTitle"] { color: $caution_heading; }
QFrame[group="stop"] QLabel[role="groupTitle"] { color: $info_heading; }
QLabel[role="action"] { font-size: 12pt; font-weight: 600; color: $text; }
QLabel[role="sign"] { font-size: 12pt; color: $text; }
QLabel[role="source"] { font-size: 10pt; color: $muted; }
QFrame#setbackNotice { background: $caution_bg; border: 1px solid $caution_line;
    border-radius: 10px; }
QFrame#setbackNotice QLabel { background: transparent; }
QLabel#setbackHeading { font-size: 15pt; font-weight: 600; color: $caution_heading; }
QLabel#setbackText { font-size: 12pt; color: $text; }
QPushButton { font-size: 12pt; padding: 6px 16px; }
""")


class _Themed(ThemeFollower):
    """The page and the setback notice: styled by ``_STYLE`` in her palette's theme."""

    def _apply_theme(self) -> None:
        widget = cast(QWidget, self)
        set_style_if_changed(widget, _STYLE.substitute(theme_for(widget.palette()).slots()))


def _label(text: str, name: str, accessible: str, *, role: str = "",
           bullet: bool = False) -> QLabel:
    label = BulletLabel(text) if bullet else QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName(accessible)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role:
        label.setProperty("role", role)
    return label


BULLET_INDENT = 20  # px: the bullet, then the text and every wrapped line after it


class BulletLabel(QLabel):
    """A sign with its bullet drawn in its own indent: one node for a screen reader, which
    reads the sign, where a separate "•" label was a node of its own with nothing to say.
    The indent is the hanging indent: wrapped lines stay under the text, not the bullet."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setIndent(BULLET_INDENT)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        try:
            painter.setPen(self.palette().color(self.foregroundRole()))
            painter.setFont(self.font())
            top = self.contentsRect().top() + self.fontMetrics().ascent()
            painter.drawText(self.contentsRect().left() + 2, top, "•")
        finally:
            painter.end()


def _bullet(text_label: QLabel, *below: QLabel) -> QWidget:
    """A bulleted sign (``BulletLabel``) with the lines under it (its source) indented as its
    text is."""
    row = QWidget()
    column = QVBoxLayout(row)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(1)
    column.addWidget(text_label)
    for label in below:
        label.setIndent(BULLET_INDENT)
        column.addWidget(label)
    return row


class SafetyPage(_Themed, QWidget):
    """The warning signs, the signs to stop exercising and the disclaimer, in one scroll.

    ``sources`` maps ledger ids to readable labels ("NHS: Back pain"); build it with
    ``core.safety.source_labels(ledger)``. An id without a label is shown as itself, so a sign
    is never shown without its source.
    """

    def __init__(
        self,
        safety: Safety,
        sources: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.safety = safety
        self._sources = dict(sources or {})
        self.setObjectName("safetyPage")
        self.setAccessibleName("Safety")
        self.follow_theme()
        # For tests and for the app (e.g. to scroll to a group): widgets by group and sign id.
        self.group_frames: dict[str, QFrame] = {}
        self.sign_labels: dict[str, QLabel] = {}
        self.source_labels: dict[str, QLabel] = {}

        column = QWidget()
        column.setObjectName("safetyColumn")
        column.setMaximumWidth(860)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(20, 16, 20, 20)
        layout.setSpacing(12)
        self.heading = mark_heading(_label("Safety", "pageHeading", "Safety"))
        self.intro = _label(
            "When to get help, and when to stop exercising.", "pageIntro",
            "When to get help, and when to stop exercising.",
        )
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        for group in safety.groups:
            frame = self._group_frame(group)
            self.group_frames[group.urgency] = frame
            layout.addWidget(frame)
        layout.addWidget(self._disclaimer_frame())
        layout.addStretch(1)

        # The column stays a readable width and sits in the middle of a wide window.
        holder = QWidget()
        holder.setObjectName("safetyColumn")
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(0)
        row.addWidget(column, 1)
        row.addStretch(0)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("safetyScroll")
        self.scroll.setAccessibleName("Safety: warning signs and when to stop")
        self.scroll.setWidget(holder)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # One Tab stop: the arrow keys and Page Down scroll it. Its edge, at rest the page's
        # own colour, is the focus ring when Tab is on it (``focus_ring``).
        make_readable(self.scroll, "safetyScroll")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

    def _group_frame(self, group: SignGroup) -> QFrame:
        word = GROUP_WORDS.get(group.urgency, group.urgency)
        frame = QFrame()
        frame.setProperty("group", group.urgency)
        frame.setObjectName(f"{group.urgency}Group")
        # "Emergency: Call 999 …", but "Get help today", not "Get help today: Get help today"
        same = group.title.casefold().startswith(word.casefold())
        frame.setAccessibleName(group.title if same else f"{word}: {group.title}")
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(18, 12, 16, 14)
        layout.setSpacing(4)
        title = mark_heading(
            _label(group.title, f"{group.urgency}Title", group.title, role="groupTitle"))
        action = _label(group.action, f"{group.urgency}Action", group.action, role="action")
        layout.addWidget(title)
        layout.addWidget(action)
        layout.addSpacing(6)
        for sign in group:
            text = _label(sign.text, "sign", f"{word} sign: {sign.text}", role="sign",
                          bullet=True)
            where = sources_text(sign.sources, self._sources)
            source = _label(f"Source: {where}", "signSource", f"Source: {where}", role="source")
            source.setContentsMargins(0, 0, 0, 6)
            self.sign_labels[sign.id] = text
            self.source_labels[sign.id] = source
            layout.addWidget(_bullet(text, source))
        return frame

    def _disclaimer_frame(self) -> QFrame:
        frame = QFrame()
        frame.setObjectName("disclaimer")
        frame.setAccessibleName("About Back Care")
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(14, 10, 14, 12)
        heading = mark_heading(_label("About Back Care", "disclaimerHeading", "About Back Care"))
        heading.setStyleSheet("font-weight: 600;")
        self.disclaimer_label = _label(
            self.safety.disclaimer, "disclaimerText", f"Disclaimer: {self.safety.disclaimer}"
        )
        layout.addWidget(heading)
        layout.addWidget(self.disclaimer_label)
        return frame

    def scroll_to_group(self, urgency: str) -> None:
        """Bring a group's heading into view, e.g. "emergency" after "See the warning signs"."""
        frame = self.group_frames.get(urgency)
        if frame is not None:
            top = frame.mapTo(self.scroll.widget(), frame.rect().topLeft()).y()
            self.scroll.verticalScrollBar().setValue(top)

    def signs_in_order(self) -> list[str]:
        """Sign ids from the top of the page down (by where their labels are laid out)."""
        column = self.scroll.widget()

        def top(sign_id: str) -> int:
            label = self.sign_labels[sign_id]
            return label.mapTo(column, label.rect().topLeft()).y()

        return sorted(self.sign_labels, key=top)


class SetbackNotice(_Themed, QFrame):
    """What she sees after "This made my back worse": the exercise is paused until a day, with
    kind rest-and-care advice. A plain widget (no message box), so the app can show it in a
    dialog, on the card's page or as a banner.

    Signals: ``safetyRequested()`` for "See the warning signs"; ``dismissed()`` for "OK";
    ``undoRequested()`` for "Undo" (pressed by mistake: the exercise is offered again).
    """

    safetyRequested = Signal()
    dismissed = Signal()
    undoRequested = Signal()
    # Wrapped text has no natural width; without one a dialog would squeeze it into a column.
    PREFERRED_WIDTH = 540

    def __init__(
        self,
        exercise_title: str,
        until: date,
        safety: Safety | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("setbackNotice")
        self.follow_theme()
        self.setAccessibleName("Exercise paused")
        self.text = setback_advice(exercise_title, until, safety)
        self.heading = _label(
            "Sorry that made your back worse", "setbackHeading", "Sorry that made your back worse"
        )
        # One rich-text label: a single wrapped label sizes itself reliably in any dialog,
        # and the list gives the care points a hanging indent. Every piece is escaped.
        opening = safety.setback.text if safety is not None else FALLBACK_CARE
        points = safety.setback.care if safety is not None else ()
        items = "".join(f"<li style='margin-bottom: 6px'>{escape(p)}</li>" for p in points)
        html = (
            f"<p><b>{escape(pause_sentence(exercise_title, until))}</b></p>"
            f"<p>{escape(opening)}</p>"
            + (f"<ul style='margin-left: -20px'>{items}</ul>" if items else "")
        )
        self.body = _label(html, "setbackText", self.text)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.safety_button = QPushButton("See the warning signs")
        self.safety_button.setObjectName("setbackSafety")
        self.safety_button.setAccessibleName("See the warning signs on the Safety page")
        self.safety_button.setAutoDefault(False)
        self.safety_button.clicked.connect(self.safetyRequested.emit)
        self.ok_button = QPushButton("OK")
        self.ok_button.setObjectName("setbackOk")
        self.ok_button.setAccessibleName("OK, close this message")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.dismissed.emit)
        self.undo_button = QPushButton("Undo")
        self.undo_button.setObjectName("setbackUndo")
        self.undo_button.setAccessibleName(
            "Undo: I pressed it by mistake, keep offering this exercise")
        self.undo_button.setAutoDefault(False)
        self.undo_button.clicked.connect(self.undoRequested.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.safety_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.body)
        layout.addSpacing(4)
        layout.addLayout(buttons)
        self.setMinimumWidth(360)

    def sizeHint(self) -> QSize:
        self.ensurePolished()  # the style sheet's font sizes decide how many lines wrap
        width = max(self.minimumWidth(), self.PREFERRED_WIDTH)
        return QSize(width, self.heightForWidth(width))
