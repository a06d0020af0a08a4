"""The Settings window's "Exercise sessions" tab: reminders on or off, and the sessions.

The plan's ``exercise_enabled`` and ``sessions``. The sessions themselves are edited by a
``SessionEditor`` (``ui/session_editor.py``), which marks each session's own problems; this tab
adds the switch and the sentence for problems with the sessions as a whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from backcare.core.plan import FieldError
from backcare.ui.form_parts import make_error_label
from backcare.ui.session_editor import SessionEditor
from backcare.ui.settings_tab import SettingsTab, commit_typed_numbers_on_enter

_ONE_SESSION = re.compile(r"^sessions\[\d+\]")  # "sessions[2].at": the editor's to show


class SessionsTab(SettingsTab):
    """``SessionsTab(exercises, waking_hours, not_yet)``: the ``exercise_enabled`` and
    ``sessions`` keys; ``sessions`` is its ``SessionEditor``. ``exercises`` are ``(id, title)``
    pairs; ``not_yet`` says why an exercise is not for her yet (see ``set_not_yet``)."""

    keys = ("exercise_enabled", "sessions")

    def __init__(
        self,
        exercises: Sequence[tuple[str, str]],
        waking_hours: Callable[[], tuple[int, int]],
        not_yet: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 16, 18, 16)
        self.exercise_enabled = QCheckBox("Remind me to do my exercises")
        self.exercise_enabled.setAccessibleName("Exercise reminders")
        self.exercise_enabled.toggled.connect(self._changed)
        outer.addWidget(self.exercise_enabled)
        self.sessions = SessionEditor(exercises, waking_hours, not_yet)
        self.sessions.edited.connect(self._changed)
        self.sessions.typed.connect(self._key_typed)
        self.sessions.typingDone.connect(self.typingDone)
        outer.addWidget(self.sessions, 1)
        self.sessions_error = make_error_label("Problem with the exercise sessions")
        outer.addWidget(self.sessions_error)
        commit_typed_numbers_on_enter(self)

    def set_not_yet(self, not_yet: Mapping[str, str]) -> None:
        """Her progression moved on: which exercises are not for her yet, and why (short)."""
        self.sessions.set_not_yet(not_yet)

    def _load(self, data: Mapping[str, Any]) -> None:
        self.exercise_enabled.setChecked(data["exercise_enabled"])
        self.sessions.set_sessions(data["sessions"])

    def data(self) -> dict[str, Any]:
        return {
            "exercise_enabled": self.exercise_enabled.isChecked(),
            "sessions": self.sessions.sessions(),
        }

    def show_errors(self, errors: Sequence[FieldError]) -> list[FieldError]:
        """A session's own problems go to the editor, which marks that session in its list and
        shows them beside its fields; the rest show below the sessions."""
        self.sessions.show_errors([e for e in errors if _ONE_SESSION.match(e.field)])
        return super().show_errors([e for e in errors if not _ONE_SESSION.match(e.field)])

    def _field_labels(self) -> dict[str, QLabel]:
        return {"exercise_enabled": self.sessions_error, "sessions": self.sessions_error}
