"""The Settings window's exercise sessions: a list on the left, the chosen one's details right.

The "Exercise sessions" tab (``settings_sessions_tab.py``) holds it; ``settings_dialog.py`` owns
the plan as a whole. This part edits the sessions as the plan's plain data (``{"at", "label",
"exercises", "pinned"}``) and says what happened; the dialog checks the whole plan and hands
each session its problems back (``show_errors``), so the rules stay in ``core.plan``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from backcare.core.plan import MAX_LABEL, MAX_SESSIONS, FieldError
from backcare.ui.form_parts import (
    checkable,
    checked_values,
    error_colour,
    hhmm,
    make_error_label,
    note,
    qtime_of,
    row,
    show_error,
    time_edit,
    with_error,
)
from backcare.ui.theme import ThemeFollower, set_style_if_changed, theme_for

# "sessions[2].at" -> index 2, part "at"
_SESSION_FIELD = re.compile(r"^sessions\[(\d+)\](?:\.(\w+))?")
_BLANK = {"at": "08:00", "label": "", "exercises": [], "pinned": False}


class SessionEditor(ThemeFollower, QWidget):
    """``SessionEditor(exercises, waking_hours, not_yet)``; fill it with ``set_sessions``.

    ``edited`` asks for the change to be applied at once, ``typed`` reports a key in the
    session's name (check now, apply when she pauses) and ``typingDone`` that she pressed Enter
    or left the name. ``waking_hours()`` gives (first, last) whole hours of her day, where a new
    session is placed.
    """

    edited = Signal()
    typed = Signal()
    typingDone = Signal()

    def __init__(
        self,
        exercises: Sequence[tuple[str, str]],
        waking_hours: Callable[[], tuple[int, int]],
        not_yet: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._exercises = list(exercises)
        self._waking_hours = waking_hours
        # Exercise id -> why it is not for her yet ("opens in week 6"), from her progression.
        self._not_yet: dict[str, str] = dict(not_yet or {})
        self._sessions: list[dict[str, Any]] = []
        self._errors: dict[int, list[FieldError]] = {}
        self._loading = False

        self.session_list = QListWidget()
        self.session_list.setAccessibleName("Exercise sessions")
        self.session_list.setMinimumWidth(230)
        self.session_list.setWordWrap(True)
        self.session_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.follow_theme()
        self.session_list.currentRowChanged.connect(self._show_session)
        self.add_session_button = QPushButton("Add")
        self.add_session_button.setAccessibleName("Add an exercise session")
        self.remove_session_button = QPushButton("Remove")
        self.remove_session_button.setAccessibleName("Remove this exercise session")
        for button in (self.add_session_button, self.remove_session_button):
            button.setAutoDefault(False)
        self.add_session_button.clicked.connect(self.add_session)
        self.remove_session_button.clicked.connect(self.remove_session)
        left = QVBoxLayout()
        left.addWidget(self.session_list, 1)
        left.addLayout(row(self.add_session_button, self.remove_session_button))
        left.addWidget(note(f"Up to {MAX_SESSIONS} a day."))

        self.session_detail = QWidget()
        form = QFormLayout(self.session_detail)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(10)
        self.session_time = time_edit("Session time")
        self.session_time_error = make_error_label("Problem with the session time")
        form.addRow("Time", with_error(row(self.session_time), self.session_time_error))
        self.session_label = QLineEdit()
        self.session_label.setMaxLength(MAX_LABEL)
        self.session_label.setPlaceholderText("e.g. Morning")
        self.session_label.setAccessibleName("Session name")
        self.session_label_error = make_error_label("Problem with the session name")
        form.addRow("Name", with_error(self.session_label, self.session_label_error))
        self.choose_for_me = QRadioButton("Choose for me")
        self.choose_for_me.setAccessibleName("Choose exercises for me")
        self.choose_myself = QRadioButton("Let me choose")
        self.choose_myself.setAccessibleName("Let me choose the exercises")
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.choose_for_me)
        self.mode_group.addButton(self.choose_myself)
        form.addRow("Exercises", row(self.choose_for_me, self.choose_myself))
        self.mode_note = note("")
        form.addRow("", self.mode_note)
        self.session_exercises = QListWidget()
        self.session_exercises.setAccessibleName("Exercises in this session")
        self.session_exercises_error = make_error_label("Problem with the session's exercises")
        form.addRow("", with_error(self.session_exercises, self.session_exercises_error))
        self.session_error = make_error_label("Problem with this session")
        form.addRow(self.session_error)

        self.session_time.timeChanged.connect(self._detail_edited)
        self.session_label.textEdited.connect(self._name_typed)
        self.session_label.editingFinished.connect(self.typingDone)
        self.mode_group.buttonToggled.connect(self._mode_toggled)
        self.session_exercises.itemChanged.connect(self._detail_edited)

        body = QHBoxLayout(self)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(left, 2)
        body.addSpacing(12)
        body.addWidget(self.session_detail, 3)

    # -- the data -----------------------------------------------------------------------------

    def set_sessions(self, sessions: Sequence[Mapping[str, Any]]) -> None:
        """Show ``sessions`` (plain data), the first one chosen; emits nothing."""
        self._sessions = [dict(s) for s in sessions]
        self._errors = {}
        self._fill_list(select=0)

    def sessions(self) -> list[dict[str, Any]]:
        return [
            {"at": s["at"], "label": s["label"], "exercises": list(s["exercises"]),
             "pinned": s["pinned"]}
            for s in self._sessions
        ]

    def set_not_yet(self, not_yet: Mapping[str, str]) -> None:
        """Her progression moved on: which exercises are not for her yet, and why (short)."""
        self._not_yet = dict(not_yet)
        self._show_session(self.session_list.currentRow())

    def show_errors(self, errors: Sequence[FieldError]) -> None:
        """Mark the sessions with problems in the list and show the chosen one's beside its
        fields. ``errors`` are the plan's ``sessions[i]...`` problems."""
        by_index: dict[int, list[FieldError]] = {}
        for error in errors:
            found = _SESSION_FIELD.match(error.field)
            if found:
                by_index.setdefault(int(found.group(1)), []).append(error)
        if by_index != self._errors:
            self._errors = by_index
            self._refresh_items()
        self._show_detail_errors()

    # -- adding and removing ------------------------------------------------------------------

    @Slot()
    def add_session(self) -> None:
        if len(self._sessions) >= MAX_SESSIONS:
            return
        taken = {s["at"] for s in self._sessions}
        first, last = self._waking_hours()
        start = first + 1
        end = max(start + 1, last)
        free = next((f"{h:02d}:00" for h in range(start, end) if f"{h:02d}:00" not in taken),
                    "12:00")
        self._sessions.append({"at": free, "label": "", "exercises": [], "pinned": False})
        self._fill_list(select=len(self._sessions) - 1)
        self.edited.emit()
        self.session_time.setFocus()

    @Slot()
    def remove_session(self) -> None:
        index = self.session_list.currentRow()
        if 0 <= index < len(self._sessions):
            del self._sessions[index]
            self._errors = {}
            self._fill_list(select=index)
            self.edited.emit()

    # -- the list and the chosen session ------------------------------------------------------

    def _text(self, index: int) -> str:
        s = self._sessions[index]
        how = "Your own exercises" if s["pinned"] else "Exercises chosen for you"
        if index in self._errors:
            how = "Needs a look (see the red note)"
        return f"{s['at']}   {s['label'] or 'Exercises'}\n{how}"

    def _fill_list(self, select: int | None = None) -> None:
        current = self.session_list.currentRow() if select is None else select
        self.session_list.blockSignals(True)
        self.session_list.clear()
        for i in range(len(self._sessions)):
            item = QListWidgetItem(self._text(i))
            if i in self._errors:
                item.setForeground(error_colour(self.session_list.palette()))
                item.setToolTip("\n".join(e.message for e in self._errors[i]))
            self.session_list.addItem(item)
        self.session_list.blockSignals(False)
        if self._sessions:
            self.session_list.setCurrentRow(min(max(current, 0), len(self._sessions) - 1))
        self._show_session(self.session_list.currentRow())
        self.add_session_button.setEnabled(len(self._sessions) < MAX_SESSIONS)
        self.remove_session_button.setEnabled(bool(self._sessions))

    def _apply_theme(self) -> None:
        """A soft selection in the theme's colours: the desktop's bright blue under white text
        falls short of a readable contrast in some themes (Fusion's: 3.7:1)."""
        theme = theme_for(self.palette())
        set_style_if_changed(self.session_list, (
            "QListWidget::item { padding: 4px 2px; } QListWidget::item:selected {"
            f" background: {theme.highlight}; color: {theme.highlighted_text}; }}"))

    def _refresh_items(self) -> None:
        for i in range(self.session_list.count()):
            item = self.session_list.item(i)
            item.setText(self._text(i))
            bad = self._errors.get(i)
            palette = self.session_list.palette()
            item.setForeground(error_colour(palette) if bad else palette.text())
            item.setToolTip("\n".join(e.message for e in bad) if bad else "")

    @Slot(int)
    def _show_session(self, index: int) -> None:
        has = 0 <= index < len(self._sessions)
        self.session_detail.setEnabled(has)
        loading, self._loading = self._loading, True
        try:
            s = self._sessions[index] if has else _BLANK
            self.session_time.setTime(qtime_of(s["at"]))
            self.session_label.setText(s["label"])
            (self.choose_myself if s["pinned"] else self.choose_for_me).setChecked(True)
            self.session_exercises.clear()
            known = {ex_id for ex_id, _ in self._exercises}
            for ex_id, title in self._exercises:
                why = self._not_yet.get(ex_id)
                shown = f"{title} (not yet: {why})" if why else title
                self.session_exercises.addItem(checkable(shown, ex_id, ex_id in s["exercises"]))
            for ex_id in s["exercises"]:
                if ex_id not in known:
                    self.session_exercises.addItem(
                        checkable(f"{ex_id} (not in the library)", ex_id, True)
                    )
            self._show_mode(bool(s["pinned"]))
        finally:
            self._loading = loading
        self._show_detail_errors()

    def _show_detail_errors(self) -> None:
        buckets: dict[str, list[str]] = {"at": [], "label": [], "exercises": [], "": []}
        for error in self._errors.get(self.session_list.currentRow(), []):
            found = _SESSION_FIELD.match(error.field)
            part = (found.group(2) if found else None) or ""
            buckets.get(part, buckets[""]).append(error.message)
        show_error(self.session_time_error, buckets["at"])
        show_error(self.session_label_error, buckets["label"])
        show_error(self.session_exercises_error, buckets["exercises"])
        show_error(self.session_error, buckets[""])

    def _show_mode(self, pinned: bool) -> None:
        self.session_exercises.setVisible(pinned)
        self.mode_note.setText(
            "Tick the exercises you want. One that is not yet right for your week after "
            "birth is left out until it is."
            if pinned else
            "Back Care picks exercises that suit your week after birth, and adds new ones "
            "as you recover."
        )

    @Slot(QAbstractButton, bool)
    def _mode_toggled(self, button: QAbstractButton, checked: bool) -> None:
        if checked:
            self._show_mode(button is self.choose_myself)
            self._detail_edited()

    @Slot()
    def _name_typed(self) -> None:
        self._take_detail(typed=True)

    @Slot()
    def _detail_edited(self) -> None:
        self._take_detail(typed=False)

    def _take_detail(self, *, typed: bool) -> None:
        """Copy the detail fields into the chosen session, then say so."""
        if self._loading:
            return
        index = self.session_list.currentRow()
        if not 0 <= index < len(self._sessions):
            return
        pinned = self.choose_myself.isChecked()
        session = self._sessions[index]
        session["at"] = hhmm(self.session_time)
        session["label"] = self.session_label.text()
        session["pinned"] = pinned
        if pinned:
            session["exercises"] = checked_values(self.session_exercises)
        self.session_list.item(index).setText(self._text(index))
        (self.typed if typed else self.edited).emit()
