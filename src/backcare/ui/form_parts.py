"""Small form parts shared by the setup wizard and the settings window.

A red sentence that takes no room until there is something to say, HH:MM time fields, notes,
a field with its sentence below it, checkable lists, and the growable rows (meals, quiet periods)
with their own remove button and sentence. Both windows show the core's ``FieldError``
messages through these, so a refusal looks the same wherever she meets it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backcare.core.plan import MAX_LABEL
from backcare.ui.theme import LIGHT, ThemeFollower, set_style_if_changed, theme_for
from backcare.ui.time_field import TimeField

ERROR_COLOUR = QColor(LIGHT.error)  # the light theme's red; ``error_colour`` picks by palette


def error_colour(palette: QPalette) -> QColor:
    """The red for list items and tab titles: deep on a light palette, soft on a dark one."""
    return theme_for(palette).colour("error")


class _ErrorLabel(ThemeFollower, QLabel):
    """A label in the theme's red, taken again when the palette turns dark or light."""

    def _apply_theme(self) -> None:
        style = f"color: {theme_for(self.palette()).error}; font-size: 10.5pt;"
        set_style_if_changed(self, style)


def make_error_label(name: str) -> QLabel:
    """A red sentence that takes no room until there is something to say."""
    label = _ErrorLabel()
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.follow_theme()
    label.setAccessibleName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def show_error(label: QLabel, messages: Sequence[str]) -> None:
    label.setText("\n".join(messages))
    label.setVisible(bool(messages))


def qtime_of(value: str) -> QTime:
    hour, minute = value.split(":")
    return QTime(int(hour), int(minute))


def hhmm(edit: TimeField) -> str:
    t = edit.time()
    return f"{t.hour():02d}:{t.minute():02d}"


def time_edit(name: str) -> TimeField:
    """An HH:MM field that reads what she types, with its own red sentence (``TimeField``)."""
    edit = TimeField(time(0, 0), name, make_error_label(f"Problem with the {name.lower()}"))
    edit.setMinimumWidth(90)
    return edit


def note(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "note")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


def with_error(widget: QWidget | QHBoxLayout, error: QLabel) -> QWidget:
    """A field with its red sentence just below it, in the form's field column."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    if isinstance(widget, QHBoxLayout):
        layout.addLayout(widget)
    else:
        layout.addWidget(widget)
    layout.addWidget(error)
    return box


def row(*widgets: QWidget | str, stretch: bool = True) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        row.addWidget(QLabel(w) if isinstance(w, str) else w)
    if stretch:
        row.addStretch(1)
    return row


def checkable(text: str, value: str, checked: bool) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setData(Qt.ItemDataRole.UserRole, value)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    return item


def checked_values(widget: QListWidget) -> list[str]:
    return [
        widget.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]


class TimeRow(QWidget):
    """One row of a growable list (a meal or a quiet period) with its remove button and error."""

    def __init__(self, parts: Sequence[QWidget | str], remove_name: str) -> None:
        super().__init__()
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName(remove_name)
        self.remove_button.setAutoDefault(False)
        self.error = make_error_label(f"Problem with {remove_name.removeprefix('Remove ')}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row(*parts, self.remove_button))
        layout.addWidget(self.error)


class MealRow(TimeRow):
    def __init__(self, name: str, at: str) -> None:
        self.name = QLineEdit(name)
        self.name.setMaxLength(MAX_LABEL)
        self.name.setAccessibleName("Meal name")
        self.name.setPlaceholderText("e.g. breakfast")
        self.name.setMinimumWidth(180)
        self.time = time_edit("Meal time")
        self.time.setTime(qtime_of(at))
        super().__init__((self.name, "at", self.time), f"Remove the meal '{name}'")

    def data(self) -> dict[str, str]:
        return {"name": self.name.text(), "at": hhmm(self.time)}


class QuietRow(TimeRow):
    def __init__(self, start: str, end: str) -> None:
        self.start = time_edit("Quiet period start")
        self.start.setTime(qtime_of(start))
        self.end = time_edit("Quiet period end")
        self.end.setTime(qtime_of(end))
        super().__init__(("From", self.start, "to", self.end), "Remove this quiet period")

    def data(self) -> dict[str, str]:
        return {"start": hhmm(self.start), "end": hhmm(self.end)}
