"""How the setup wizard looks: its stylesheet in the colours of her palette, the warning
signs as rich text, and the scroll area a long page sits in.

Kept apart from the wizard's behaviour (``setup_wizard``), which only asks and checks.
"""

from __future__ import annotations

from collections.abc import Sequence
from string import Template

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from backcare.ui.theme import DARK, LIGHT, theme_for

# The wizard's look, in the colours of her desktop palette (light or dark, see theme):
# hard-coded dark text on white would vanish in a dark theme.
_STYLE = Template("""
QDialog#setupWizard QLabel, QDialog#setupWizard QRadioButton, QDialog#setupWizard QCheckBox,
QDialog#setupWizard QDateEdit, QDialog#setupWizard QLineEdit#timeField,
QDialog#setupWizard QPushButton {
    font-size: 12pt;
}
QDialog#setupWizard QRadioButton, QDialog#setupWizard QCheckBox { padding: 3px 0; }
QDialog#setupWizard QDateEdit, QDialog#setupWizard QLineEdit#timeField {
    min-height: 30px; padding: 0 6px;
}
QDialog#setupWizard QPushButton { min-height: 34px; padding: 0 18px; }
QDialog#setupWizard QRadioButton::indicator, QDialog#setupWizard QCheckBox::indicator {
    width: 18px; height: 18px;
}
QDialog#setupWizard QLabel[role="title"] { font-size: 18pt; font-weight: 600; color: $text; }
QDialog#setupWizard QLabel[role="question"] {
    font-size: 12.5pt; font-weight: 600; color: $accent;
}
QDialog#setupWizard QLabel[role="note"] { font-size: 10.5pt; color: $muted; }
QDialog#setupWizard QLabel[role="step"] { font-size: 10.5pt; color: $muted; }
QDialog#setupWizard QFrame#rule { color: $track; }
QDialog#setupWizard QScrollArea#pageScroll { background: transparent; border: none; }
QDialog#setupWizard QScrollArea#pageScroll > QWidget > QWidget { background: transparent; }
QDialog#setupWizard QScrollArea#warningSigns {
    background: $problem_bg; border: 1px solid $problem_line; border-radius: 6px; }
QDialog#setupWizard QScrollArea#warningSigns > QWidget > QWidget { background: $problem_bg; }
""")


def wizard_style(palette: QPalette) -> str:
    """The wizard's stylesheet for ``palette``."""
    return _STYLE.substitute(theme_for(palette).slots())


def scrolled(page: QWidget) -> QScrollArea:
    """``page`` in a frameless scroll area that scrolls only up and down."""
    scroll = QScrollArea()
    scroll.setObjectName("pageScroll")
    scroll.setWidget(page)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return scroll


def red_flags_html(lines: Sequence[str], *, dark: bool = False) -> str:
    """The warning-sign lines as rich text: each group (split by an empty line) starts with its
    title, then what to do, then its "•" signs as a list, so the urgent ones stand out. The
    titles' red is lighter on a ``dark`` palette, to stay readable."""
    title_colour = (DARK if dark else LIGHT).problem_heading
    parts: list[str] = []
    bullets: list[str] = []
    first = True

    def close_list() -> None:
        if bullets:
            items = "".join(f"<li style='margin-bottom:5px'>{b}</li>" for b in bullets)
            parts.append(f"<ul style='margin-left:-20px; margin-top:0'>{items}</ul>")
            bullets.clear()

    for raw in lines:
        line = raw.strip()
        if not line:
            close_list()
            first = True
        elif line.startswith("•"):
            bullets.append(_escape(line.lstrip("• ").strip()))
        elif first:
            close_list()
            parts.append(f"<p style='font-weight:600; color:{title_colour}; margin:6px 0 2px 0'>"
                         f"{_escape(line)}</p>")
            first = False
        else:
            close_list()
            parts.append(f"<p style='margin:0 0 6px 0'>{_escape(line)}</p>")
    close_list()
    return "".join(parts)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
