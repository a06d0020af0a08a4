"""The first-run setup's second page: her day (waking hours, exercise times, meal times).

Kept apart from the wizard (``setup_wizard``), which only pages, checks and finishes, like the
first page (``setup_about_page``) and the calcium page (``setup_calcium_page``). It offers four
times of day for exercise and keeps any session she added in Settings under another name
exactly as it was, saying so; like the other pages it decides nothing: ``write`` puts her
answers into the plan's plain data.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time
from typing import Any

from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QLabel, QWidget

from backcare.core.plan import DEFAULT_SESSIONS, ExerciseSession, Plan
from backcare.ui.form_parts import hhmm as _hhmm
from backcare.ui.form_parts import make_error_label
from backcare.ui.setup_parts import labelled as _labelled
from backcare.ui.setup_parts import page_layout
from backcare.ui.setup_parts import time_edit as _time_edit
from backcare.ui.time_field import TimeField

# The four times of day she can pick; labels match the default plan, so her answers keep the
# exercises the defaults chose until the progression fills them in.
SESSION_SLOTS: tuple[tuple[str, time], ...] = (
    ("Morning", time(8, 0)),
    ("Afternoon", time(15, 0)),
    ("Evening", time(19, 30)),
    ("Before bed", time(21, 30)),
)


class SlotRow:
    """One preferred exercise time: a switch with its name and a time."""

    def __init__(self, label: str, at: time, enabled: bool, exercises: tuple[str, ...]) -> None:
        self.label = label
        self.exercises = exercises
        self.check = QCheckBox(label)
        self.check.setChecked(enabled)
        self.check.setAccessibleName(f"{label} exercises")
        self.time = _time_edit(at, f"{label} exercise time")
        self.time.setEnabled(enabled)
        self.check.toggled.connect(self.time.setEnabled)
        self.error = make_error_label(f"Problem with the {label.lower()} time")


class DayPage(QWidget):
    """``DayPage(plan)``: her waking hours, her exercise times (``slots``, one per
    ``SESSION_SLOTS``) and her meal times, filled from ``plan``."""

    def __init__(self, plan: Plan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plan = plan
        layout = page_layout(
            self, "Your day",
            "Reminders only come while you are awake. Change any time that doesn't fit.",
        )

        layout.addWidget(_labelled("When are you usually up?", "question"))
        self.waking_start = _time_edit(plan.waking.start, "Waking hours start")
        self.waking_end = _time_edit(plan.waking.end, "Waking hours end")
        row = QHBoxLayout()
        row.addWidget(QLabel("From"))
        row.addWidget(self.waking_start)
        row.addSpacing(8)
        row.addWidget(QLabel("to"))
        row.addWidget(self.waking_end)
        row.addStretch(1)
        layout.addLayout(row)
        self.waking_error = make_error_label("Problem with the waking hours")
        layout.addWidget(self.waking_error)

        layout.addWidget(_labelled("When would you like a few minutes of exercise?", "question"))
        by_label = {s.label.casefold(): s for s in plan.sessions}
        defaults = {s.label.casefold(): s for s in DEFAULT_SESSIONS}
        self.slots: list[SlotRow] = []
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        for i, (label, at) in enumerate(SESSION_SLOTS):
            current = by_label.get(label.casefold())
            fallback = defaults.get(label.casefold())
            exercises = (current or fallback).exercises if (current or fallback) else ()
            slot = SlotRow(
                label, current.at if current else at, current is not None, exercises
            )
            self.slots.append(slot)
            grid.addWidget(slot.check, 2 * i, 0)
            grid.addWidget(slot.time, 2 * i, 1)
            grid.addWidget(slot.error, 2 * i + 1, 0, 1, 3)
        grid.setColumnStretch(2, 1)
        grid.setColumnMinimumWidth(0, 160)
        layout.addLayout(grid)
        # Sessions she added in Settings under other names are not asked about here: they are
        # kept exactly as they are (a re-run of the setup must not lose them), and said so.
        slot_labels = {label.casefold() for label, _ in SESSION_SLOTS}
        self.kept_sessions = [
            i for i, s in enumerate(plan.sessions) if s.label.casefold() not in slot_labels
        ]
        self.kept_note = _labelled(_kept_words([plan.sessions[i] for i in self.kept_sessions]),
                                   "note")
        self.kept_note.setVisible(bool(self.kept_sessions))
        layout.addWidget(self.kept_note)

        layout.addWidget(_labelled("When do you usually eat?", "question"))
        layout.addWidget(_labelled("A calcium reminder comes with each meal.", "note"))
        self.meal_times: list[TimeField] = []
        self.meal_errors: list[QLabel] = []
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        for i, meal in enumerate(plan.calcium.meals):
            name = meal.name[:1].upper() + meal.name[1:]
            edit = _time_edit(meal.at, f"{name} time")
            error = make_error_label(f"Problem with the {meal.name} time")
            self.meal_times.append(edit)
            self.meal_errors.append(error)
            grid.addWidget(QLabel(name), 2 * i, 0)
            grid.addWidget(edit, 2 * i, 1)
            grid.addWidget(error, 2 * i + 1, 0, 1, 3)
        grid.setColumnStretch(2, 1)
        grid.setColumnMinimumWidth(0, 160)
        layout.addLayout(grid)
        layout.addStretch(1)

    def enabled_slots(self) -> list[SlotRow]:
        """The exercise times she has switched on, in ``SESSION_SLOTS`` order."""
        return [s for s in self.slots if s.check.isChecked()]

    def write(self, data: dict[str, Any]) -> None:
        """Her answers into ``data`` (the plan's plain data): waking hours, sessions, meals."""
        data["waking"] = {"start": _hhmm(self.waking_start), "end": _hhmm(self.waking_end)}
        # Her chosen times in the four slots first (errors are matched to rows by that order),
        # each keeping its exercises and whether she pinned them; then her other sessions.
        current = {s.label.casefold(): s for s in self._plan.sessions}
        data["sessions"] = [
            {"at": _hhmm(s.time), "label": s.label, "exercises": list(s.exercises),
             "pinned": s.label.casefold() in current and current[s.label.casefold()].pinned}
            for s in self.enabled_slots()
        ] + [data["sessions"][i] for i in self.kept_sessions]
        data["calcium"]["meals"] = [
            {"name": meal.name, "at": _hhmm(edit)}
            for meal, edit in zip(self._plan.calcium.meals, self.meal_times, strict=True)
        ]


def _kept_words(sessions: Sequence[ExerciseSession]) -> str:
    """'Also kept as you set it: Lunch stretch at 12:00.' (empty for none)"""
    if not sessions:
        return ""
    named = [f"{s.label or 'a session'} at {s.at:%H:%M}" for s in sessions]
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return f"Also kept as you set it in Settings: {listed}."
