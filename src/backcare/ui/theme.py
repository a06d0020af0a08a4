"""The app's colours: one light set and one dark set, chosen from her desktop palette.

Hard-coded dark text vanishes on a dark desktop, and a light sidebar glares beside it, so no
widget names a colour of its own: each takes its ``Theme`` from ``theme_for(palette)`` and, as
a ``ThemeFollower``, takes it again when the palette changes at run time. Every text colour
here was chosen against the background it sits on to reach WCAG AA (4.5:1); ``contrast_ratio``
is the measure the UI tests apply to what is actually painted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import cast

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget


class Box(Enum):
    """A tinted box's kind: a calm note, a caution, an alarm."""

    INFO = "info"
    CAUTION = "caution"
    PROBLEM = "problem"


class Tone(Enum):
    """A little status chip's colouring (the Today rows map their states onto these)."""

    LATER = "later"
    NOW = "now"
    WAITING = "waiting"
    DONE = "done"
    PARTLY = "partly"
    QUIET = "quiet"
    RESTING = "resting"
    BEFORE = "before"


@dataclass(frozen=True)
class Theme:
    """Named colours (``#rrggbb``) for one light or dark look. ``slots()`` gives them to
    stylesheet templates as ``$ink``, ``$accent``, ... Pairs are named by where they sit:
    ``nav_text`` on ``nav_bg``, ``problem_text`` on ``problem_bg``, and so on."""

    dark: bool
    # Text on the window's own background.
    ink: str
    accent: str
    muted: str
    text: str
    breath: str
    warn: str
    error: str
    track: str
    # A strong button: ``on_strong`` text on ``strong``.
    strong: str
    strong_hover: str
    strong_pressed: str
    on_strong: str
    # The sidebar and a list's soft selection.
    nav_bg: str
    nav_text: str
    highlight: str
    highlighted_text: str
    edge: str
    # The keyboard focus ring (``focus_ring``): 3:1 or more against every background here,
    # the strong blue (and its hover) included, so it shows round the Start buttons too.
    focus: str
    # Tinted boxes: a calm note (info), a caution, an alarm (problem), each with its text.
    info_bg: str
    info_line: str
    info_text: str
    info_heading: str
    caution_bg: str
    caution_line: str
    caution_text: str
    caution_heading: str
    problem_bg: str
    problem_line: str
    problem_text: str
    problem_heading: str
    # The coloured strip down the left of each Safety group (emergency, urgent, stop): 3:1 or
    # more against the page and against its box, as a graphic that carries meaning must be.
    emergency_strip: str
    urgent_strip: str
    stop_strip: str
    # Her recovery line on Today: a green-edged box (its edge, and its thicker left strip).
    recovery_line: str
    recovery_strip: str
    # Laid over a locked exercise's thumbnail in the list: ``#aarrggbb``, see through.
    veil: str
    # The figure's frame (the figure itself is drawn on white in either theme).
    figure_bg: str
    # Each chip tone's (text, background).
    chips: Mapping[Tone, tuple[str, str]] = field(default_factory=dict)

    def slots(self) -> dict[str, str]:
        """The colours by name, for ``string.Template`` stylesheets."""
        return {f.name: cast(str, getattr(self, f.name)) for f in fields(self)
                if f.name not in ("dark", "chips")}

    def box(self, box: Box) -> tuple[str, str, str]:
        """A tinted box's (text, background, edge)."""
        slots = self.slots()
        return (slots[f"{box.value}_text"], slots[f"{box.value}_bg"], slots[f"{box.value}_line"])

    def colour(self, name: str) -> QColor:
        return QColor(self.slots()[name])


LIGHT = Theme(
    dark=False, ink="#1f3645", accent="#2f5d7a", muted="#5b6b77", text="#1f2a33",
    breath="#3d6f8f", warn="#7a4f00", error="#a23b3b", track="#e6edf2",
    strong="#2f6f99", strong_hover="#285f84", strong_pressed="#214f6e", on_strong="#ffffff",
    nav_bg="#eef3f6", nav_text="#1f2a33", highlight="#d7e8f4", highlighted_text="#1f2a33",
    edge="#dfe5ea", focus="#000000",
    info_bg="#f3f7fa", info_line="#dbe4eb", info_text="#2b3a45", info_heading="#2f5d7a",
    caution_bg="#fff6e5", caution_line="#efcf8f", caution_text="#4d3b12",
    caution_heading="#7a4f00",
    problem_bg="#fdecea", problem_line="#eeb4ad", problem_text="#6b1d14",
    problem_heading="#8c1d18",
    emergency_strip="#b3261e", urgent_strip="#b06d00", stop_strip="#3d7ea6",
    recovery_line="#9cc78c", recovery_strip="#4f8a3e", veil="#96ffffff",
    figure_bg="#ffffff",
    chips={
        Tone.LATER: ("#33505f", "#e3ecf2"), Tone.NOW: ("#ffffff", "#2f6f99"),
        Tone.WAITING: ("#5c4300", "#f8e9c4"), Tone.DONE: ("#1d5435", "#d9eee0"),
        Tone.PARTLY: ("#3f5418", "#e9f1d6"), Tone.QUIET: ("#525b61", "#e8ecee"),
        Tone.RESTING: ("#3f3f6e", "#e6e6f5"), Tone.BEFORE: ("#5f696f", "#eff1f2"),
    },
)
DARK = Theme(
    dark=True, ink="#e8eef2", accent="#8cc4e6", muted="#aab6bf", text="#eef2f5",
    breath="#9fcbe6", warn="#f0c36a", error="#ff9e9e", track="#44515a",
    strong="#2f6f99", strong_hover="#3779a5", strong_pressed="#285f84", on_strong="#ffffff",
    nav_bg="#232b31", nav_text="#e8eef2", highlight="#2f4a5e", highlighted_text="#ffffff",
    edge="#4a5660", focus="#b3dcff",
    info_bg="#26323b", info_line="#3d4d59", info_text="#e3eaef", info_heading="#9fcbe6",
    caution_bg="#3a3020", caution_line="#7a6234", caution_text="#f3e6c8",
    caution_heading="#f0c36a",
    problem_bg="#3d2626", problem_line="#8a5a5a", problem_text="#f6dcdc",
    problem_heading="#f2a0a0",
    emergency_strip="#f28b82", urgent_strip="#f0b34a", stop_strip="#7fb8dc",
    recovery_line="#4f7a45", recovery_strip="#8fcf7c", veil="#a0232b31",
    figure_bg="#ffffff",
    chips={
        Tone.LATER: ("#d6e4ee", "#2e3f4b"), Tone.NOW: ("#ffffff", "#2f6f99"),
        Tone.WAITING: ("#f6e2b0", "#4a3a12"), Tone.DONE: ("#cdebd7", "#1f4630"),
        Tone.PARTLY: ("#e0ebc6", "#37461a"), Tone.QUIET: ("#dde3e6", "#3a4247"),
        Tone.RESTING: ("#dcdcf5", "#383862"), Tone.BEFORE: ("#c3cacf", "#333a3f"),
    },
)


def is_dark(palette: QPalette) -> bool:
    """A dark desktop: its window colour is closer to black than to white."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def theme_for(palette: QPalette) -> Theme:
    return DARK if is_dark(palette) else LIGHT


def palette_colours(palette: QPalette) -> dict[str, str]:
    """The $ slots ($ink, $accent, $muted, $text, $track, $warn, ...) for ``palette``."""
    return theme_for(palette).slots()


def relative_luminance(colour: QColor) -> float:
    """WCAG 2.x relative luminance of an sRGB colour, 0 (black) to 1 (white)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return (0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF())
            + 0.0722 * linear(colour.blueF()))


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio, 1 (the same) to 21 (black on white); AA asks 4.5 for text."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


class ThemeFollower:
    """Mixin for a QWidget that takes its colours from ``theme_for(self.palette())`` in
    ``_apply_theme()``: called again whenever the palette changes (a dark desktop theme
    switched on at run time), so the colours follow without a restart. Call
    ``follow_theme()`` once in ``__init__``, when the widgets ``_apply_theme`` styles exist;
    ``_apply_theme`` should skip a ``setStyleSheet`` that changes nothing, since a new
    stylesheet sends another palette change."""

    _was_dark: bool | None = None

    def _apply_theme(self) -> None:
        raise NotImplementedError

    def follow_theme(self) -> None:
        self._was_dark = is_dark(cast(QWidget, self).palette())
        self._apply_theme()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)  # type: ignore[misc]
        if event.type() == QEvent.Type.PaletteChange:
            widget = cast(QWidget, self)
            was, self._was_dark = self._was_dark, is_dark(widget.palette())
            self._apply_theme()
            if was is not None and was != self._was_dark:
                repolish_styled(widget)


def repolish_styled(root: QWidget) -> None:
    """Polish again the widgets under ``root``: Qt works out the palette of a widget under a
    stylesheet ("font-size: 22pt", "palette(text)") when it polishes it, so a desktop turning
    dark later would leave such text dark on the new dark window. Only on a light/dark switch."""
    for widget in root.findChildren(QWidget):
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def set_style_if_changed(widget: QWidget, style: str) -> None:
    """``setStyleSheet`` only when it differs: re-polishing sends a palette change, which
    would otherwise re-apply the theme in a loop."""
    if widget.styleSheet() != style:
        widget.setStyleSheet(style)
