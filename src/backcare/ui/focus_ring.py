"""The focus ring: one colour, one rule, on every control she can reach with Tab.

With the keyboard alone she must always see where she is. Qt's own focus marks are a faint
dotted line on a list row, and none at all on a button that a stylesheet has coloured, so the
app draws its own: a 2 px line in the theme's ``focus`` colour (``theme.LIGHT``/``DARK``), which
stands at least 3:1 against every background a control sits on, the strong blue of the Start
buttons included (WCAG 2.2, 1.4.11 and 2.4.13; ``tests/ui/test_focus_ring.py`` measures it).

``install_focus_ring(app)`` sets the rule once on the whole application, and sets it again when
the desktop palette turns dark or light. The rule keeps each control's size: a control gets a
border only when focused where it has one already (buttons, fields), and a transparent one of
the same width at rest where it has none (check boxes, read-only text that takes focus), so
nothing moves as the focus passes. Spin boxes and date fields are the one exception to the
stylesheet: a border there would give their arrows to the stylesheet, which draws them blank,
so the application's style (a thin proxy of the desktop's own) draws their ring instead. Only
the settings and the setup have them, so they ask for it (``need_spin_ring``) when they are
built: importing QProxyStyle and its option types costs about 8 ms, which every start paid
for a window that has none (benchmarks/ measured it).

A stylesheet set on a widget or its parent outranks the application's whatever its selectors
(Qt's cascade), so a page that draws a border of its own on a control (the sidebar, the Start
buttons, the Today rows, the cautions column) says ``$focus`` in its own ``:focus`` rule: the
colour still comes from this one place, the theme.

Start-up rule (``app/startup.py``, measure 2): this module is imported at every start, so it uses
no PySide6 ``Qt`` enums at import or at install: focus policies are set as plain numbers, and
the proxy style looks up its two ``QStyle`` enums at its first draw.
"""

from __future__ import annotations

from string import Template
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget

from backcare.ui.theme import Theme, theme_for

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProxyStyle

STRONG_FOCUS = 11  # Qt.FocusPolicy.StrongFocus (Tab and click), as the plain number
READABLE = "readable"  # the property that marks read-only text taking focus (make_readable)

_RULE = Template("""
QPushButton:focus, QToolButton:focus { border: 2px solid $focus; border-radius: 6px; }
QCheckBox, QRadioButton { border: 2px solid transparent; border-radius: 5px; padding: 1px 3px; }
QCheckBox:focus, QRadioButton:focus { border-color: $focus; }
QLineEdit:focus, QComboBox:focus { border: 2px solid $focus; border-radius: 4px; }
QAbstractItemView { border: 1px solid palette(mid); border-radius: 4px; padding: 1px; }
QAbstractItemView:focus { border: 2px solid $focus; padding: 0px; }
QAbstractScrollArea[readable="true"] { border: 2px solid transparent; border-radius: 6px; }
QAbstractScrollArea[readable="true"]:focus { border-color: $focus; }
QLabel[readable="true"] { border: 2px solid transparent; border-radius: 6px; padding: 2px 4px; }
QLabel[readable="true"]:focus { border-color: $focus; }
QFrame[readable="true"] { border: 2px solid transparent; border-radius: 6px; }
QFrame[readable="true"]:focus { border-color: $focus; }
""")


def _spin_ring_style(colour: str) -> QProxyStyle:
    """The desktop's own style, with the ring drawn over a focused spin box or date field.

    A stylesheet border on a spin box hands its arrow buttons to the stylesheet too, which
    draws them as blank bars; drawn here, after the style's own painting, the arrows stay.
    Made at its first use (``need_spin_ring``), never at start."""
    from PySide6.QtGui import QColor, QPainter, QPen
    from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOptionComplex

    spin, has_focus = QStyle.ComplexControl.CC_SpinBox, QStyle.StateFlag.State_HasFocus

    class SpinRingStyle(QProxyStyle):
        def __init__(self) -> None:
            super().__init__()  # the application's style, as the desktop chose it
            self.colour = QColor(colour)

        def drawComplexControl(self, control: object, option: QStyleOptionComplex,
                               painter: QPainter, widget: QWidget | None = None) -> None:
            super().drawComplexControl(control, option, painter, widget)  # type: ignore[arg-type]
            if control == spin and option.state & has_focus:
                painter.save()
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
                pen = QPen(self.colour)
                pen.setWidth(2)
                painter.setPen(pen)
                painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
                painter.restore()

    return SpinRingStyle()


def focus_sheet(theme: Theme) -> str:
    """The application-wide focus rule in ``theme``'s focus colour."""
    return _RULE.substitute(focus=theme.focus)


def make_readable(widget: QWidget, name: str) -> None:
    """Let Tab reach ``widget``, read-only text (the next reminder, the calcium tally): a
    screen reader then reads it as she passes, and the ring shows where she is. ``name`` is
    its object name, by which the Tab-order tests know it."""
    widget.setObjectName(name)
    widget.setProperty("focusPolicy", STRONG_FOCUS)
    widget.setProperty(READABLE, True)


class FocusRing(QObject):
    """Keeps the application's focus rule in the colour of its palette's theme. It listens
    to ``paletteChanged``, not to every event: an event filter on the application would run
    Python for each event of every widget."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self.sheet = ""
        self._style: QProxyStyle | None = None  # the spin boxes' ring, once a window needs it
        self.apply()
        app.paletteChanged.connect(self.apply)

    def use_spin_ring(self) -> None:
        """Draw the ring on spin boxes and date fields too (once; see ``need_spin_ring``)."""
        if self._style is None:
            self._style = _spin_ring_style(theme_for(self._app.palette()).focus)
            self._app.setStyle(self._style)

    def apply(self, *_palette: object) -> None:
        """Set the rule for the palette in force now (only when it changed: a new
        application stylesheet re-polishes every widget)."""
        theme = theme_for(self._app.palette())
        if self._style is not None:
            from PySide6.QtGui import QColor

            self._style.colour = QColor(theme.focus)  # type: ignore[attr-defined]
        sheet = focus_sheet(theme)
        if sheet != self.sheet:
            self.sheet = sheet
            self._app.setStyleSheet(sheet)

    def remove(self) -> None:
        """Take the rule off again (tests share one application)."""
        self._app.paletteChanged.disconnect(self.apply)
        self._app.setStyleSheet("")
        if self._style is not None:
            self._app.setStyle(self._style.baseStyle().name())  # a fresh one: Qt owns the old
            self._style = None
        self.sheet = ""
        global _installed
        if _installed is self:
            _installed = None


_installed: FocusRing | None = None  # the application's, for need_spin_ring


def install_focus_ring(app: QApplication) -> FocusRing:
    """Draw the focus ring on every control of ``app``, in light and dark palettes alike."""
    global _installed
    _installed = FocusRing(app)
    return _installed


def need_spin_ring() -> None:
    """A window with spin boxes or date fields is being built (the settings, the setup):
    give them their ring. Nothing when no ring is installed (tests of one widget)."""
    if _installed is not None:
        _installed.use_spin_ring()
