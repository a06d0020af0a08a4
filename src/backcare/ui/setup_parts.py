"""Small parts the first-run setup's pages share: a label in one of the setup's roles (title,
question, note, step; the wizard's style sheet gives each its look) and an HH:MM time field.

Kept apart from ``setup_wizard`` so that each page can live in its own module (the calcium page
is ``setup_calcium_page``) without importing the wizard that holds it.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QLabel, QTimeEdit


def qtime(t: time) -> QTime:
    return QTime(t.hour, t.minute)


def time_edit(t: time, name: str) -> QTimeEdit:
    """An HH:MM field showing ``t``, named ``name`` for screen readers."""
    edit = QTimeEdit(qtime(t))
    edit.setDisplayFormat("HH:mm")
    edit.setAccessibleName(name)
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
