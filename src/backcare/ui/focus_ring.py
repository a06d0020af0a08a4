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
so the application's style (a thin proxy of the desktop's own) draws their ring instead.

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

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyleOptionComplex, QWidget

from backcare.ui.theme import Theme, theme_for

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


class _SpinRingStyle(QProxyStyle):
    """The desktop's own style, with the ring drawn over a focused spin box or date field.

    A stylesheet border on a spin box hands its arrow buttons to the stylesheet too, which
    draws them as blank bars; drawn here, after the style's own painting, the arrows stay."""

    def __init__(self, colour: str) -> None:
        super().__init__()  # the application's style, as the desktop chose it
        self.colour = QColor(colour)
        self._spin = None  # QStyle.ComplexControl.CC_SpinBox, looked up at the first draw

    def drawComplexControl(self, control: object, option: QStyleOptionComplex,
                           painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawComplexControl(control, option, painter, widget)  # type: ignore[arg-type]
        if self._spin is None:
            from PySide6.QtWidgets import QStyle  # at the first draw, not at start

            self._spin = QStyle.ComplexControl.CC_SpinBox
            self._has_focus = QStyle.StateFlag.State_HasFocus
        if control == self._spin and option.state & self._has_focus:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            pen = QPen(self.colour)
            pen.setWidth(2)
            painter.setPen(pen)
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
            painter.restore()


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
        self._style = _SpinRingStyle(theme_for(app.palette()).focus)
        app.setStyle(self._style)
        self.apply()
        app.paletteChanged.connect(self.apply)

    def apply(self, *_palette: object) -> None:
        """Set the rule for the palette in force now (only when it changed: a new
        application stylesheet re-polishes every widget)."""
        theme = theme_for(self._app.palette())
        self._style.colour = QColor(theme.focus)
        sheet = focus_sheet(theme)
        if sheet != self.sheet:
            self.sheet = sheet
            self._app.setStyleSheet(sheet)

    def remove(self) -> None:
        """Take the rule off again (tests share one application)."""
        self._app.paletteChanged.disconnect(self.apply)
        self._app.setStyleSheet("")
        self._app.setStyle(self._style.baseStyle().name())  # a fresh one: Qt owns the old
        self.sheet = ""


def install_focus_ring(app: QApplication) -> FocusRing:
    """Draw the focus ring on every control of ``app``, in light and dark palettes alike."""
    return FocusRing(app)
