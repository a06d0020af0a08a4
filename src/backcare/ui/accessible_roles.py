"""Roles a screen reader cannot guess: a heading is a heading, the figure is a picture.

Qt gives every QLabel the role "static text" and every plain QWidget "client" (a filler), so
Orca reads "Take care" as one more line and cannot jump to it by heading, and the figure as an
empty panel. Qt has the roles (``QAccessible.Role.Heading``, ``Graphic``) but no setter on a
widget: the way in is an interface factory. ``mark_heading`` and ``mark_graphic`` tag a
widget with a dynamic property; the one factory installed here answers for tagged widgets only
and leaves every other widget to Qt's own interfaces.

Start-up rule (``app/startup.py``, measure 2): no ``Qt`` namespace here, since the Today page,
loaded at every start, marks its headings. The factory is only asked for anything once a
screen reader (or a test) queries the tree.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QLabel, QWidget

ROLE_PROPERTY = "accessibleRoleValue"  # the tagged role, as QAccessible.Role's number
_installed = False


class _RoleInterface(QAccessibleWidget):
    """Qt's widget interface with the role it was given. A label's name stays its visible
    text (Qt's label interface does the same) unless an accessible name was set."""

    def __init__(self, widget: QWidget, role: QAccessible.Role) -> None:
        super().__init__(widget, role)

    def text(self, kind: QAccessible.Text) -> str:
        widget = self.widget()
        if kind == QAccessible.Text.Name and isinstance(widget, QLabel):
            return widget.accessibleName() or _plain(widget)
        return super().text(kind)


def _plain(label: QLabel) -> str:
    """The words a label shows (its rich text, if any, without the markup)."""
    from PySide6.QtCore import Qt  # asked only once the tree is read: after start
    from PySide6.QtGui import QTextDocument

    if label.textFormat() == Qt.TextFormat.RichText:
        document = QTextDocument()
        document.setHtml(label.text())
        return document.toPlainText()
    return label.text()


def _factory(_class_name: str, obj: QObject) -> QAccessibleInterface | None:
    if not isinstance(obj, QWidget):
        return None
    role = obj.property(ROLE_PROPERTY)
    if role is None:
        return None
    return _RoleInterface(obj, QAccessible.Role(int(role)))


def _install() -> None:
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def mark_role(widget: QWidget, role: QAccessible.Role) -> None:
    """Have ``widget`` report ``role``. Qt keeps the first interface it made for a widget,
    and with a screen reader on it makes one as soon as a label gets its words: that one is
    dropped, so the next question goes to the factory."""
    _install()
    widget.setProperty(ROLE_PROPERTY, role.value)
    if QAccessible.isActive():
        made = QAccessible.queryAccessibleInterface(widget)
        if made is not None and made.role() != role:
            QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(made))


def mark_heading(label: QLabel) -> QLabel:
    """Report ``label`` as a heading (Orca's H key jumps to it); returns it, for chaining."""
    mark_role(label, QAccessible.Role.Heading)
    return label


def mark_graphic(widget: QWidget) -> None:
    """Report ``widget`` as a picture: its name is then read as the picture's words."""
    mark_role(widget, QAccessible.Role.Graphic)
