"""Small parts the first-run setup's pages share: a label in one of the setup's roles (title,
question, note, step; the wizard's style sheet gives each its look) and an HH:MM time field.

Kept apart from ``setup_wizard`` so that each page can live in its own module (the calcium page
is ``setup_calcium_page``) without importing the wizard that holds it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from datetime import time
from typing import TypeVar

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QButtonGroup, QLabel, QRadioButton, QVBoxLayout, QWidget

from backcare.ui.form_parts import make_error_label
from backcare.ui.time_field import TimeField


def qtime(t: time) -> QTime:
    return QTime(t.hour, t.minute)


def time_edit(t: time, name: str) -> TimeField:
    """An HH:MM field showing ``t``, named ``name`` for screen readers; it reads the time as
    she types it and says below it when that is not a time (``TimeField``)."""
    edit = TimeField(t, name, make_error_label(f"Problem with the {name.lower()}"))
    edit.setMinimumWidth(100)
    return edit


def labelled(text: str, role: str) -> QLabel:
    """A wrapped label in a setup role: "title", "question", "note" or "step"."""
    label = QLabel(text)
    label.setProperty("role", role)
    label.setWordWrap(True)
    if role == "question":
        label.setContentsMargins(0, 8, 0, 0)
    return label


def page_layout(page: QWidget, title: str, note: str) -> QVBoxLayout:
    """The column of a setup page: its title and one line of why, for the questions to follow.
    ``page`` is named by its title for screen readers."""
    page.setAccessibleName(title)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(6)
    layout.addWidget(labelled(title, "title"))
    layout.addWidget(labelled(note, "note"))
    return layout


V = TypeVar("V", bound=Hashable | None)


def radio_choices(
    owner: QWidget, layout: QVBoxLayout, choices: Sequence[tuple[V, str]],
    name: Callable[[str], str] = str,
) -> tuple[QButtonGroup, dict[V, QRadioButton]]:
    """One radio button per ``(value, words)`` in ``layout``, in one group owned by ``owner``;
    ``name`` gives each button's accessible name from its words. Returns the group and the
    buttons by value, so the page reads her answer by value, never by the words shown."""
    group = QButtonGroup(owner)
    buttons: dict[V, QRadioButton] = {}
    for i, (value, words) in enumerate(choices):
        button = QRadioButton(words)
        button.setAccessibleName(name(words))
        group.addButton(button, i)
        buttons[value] = button
        layout.addWidget(button)
    return group, buttons
