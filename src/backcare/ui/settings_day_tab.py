"""The Settings window's "Your day" tab: waking hours, reminder days and quiet periods.

The plan's ``waking``, ``weekdays`` and ``quiet`` as plain data. Quiet periods are growable rows,
each with its own remove button and red sentence, so a problem with period 2 shows on period 2.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from backcare.core.plan import WEEKDAY_NAMES
from backcare.ui.form_parts import (
    QuietRow,
    hhmm,
    make_error_label,
    note,
    qtime_of,
    row,
    time_edit,
    with_error,
)
from backcare.ui.settings_tab import SettingsTab, commit_typed_numbers_on_enter, form_layout

MAX_QUIET = 6  # the most quiet periods the tab offers (the core itself sets no limit)

_QUIET_FIELD = re.compile(r"^quiet\[(\d+)\]")  # "quiet[1].end" -> row 1


class DayTab(SettingsTab):
    """``DayTab()``: the ``waking``, ``weekdays`` and ``quiet`` keys. ``waking_hours()`` gives
    the (first, last) whole hours shown, where the other tabs place a new item."""

    keys = ("waking", "weekdays", "quiet")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.quiet_rows: list[QuietRow] = []
        form = form_layout(self)
        self.waking_start = time_edit("Waking hours start")
        self.waking_end = time_edit("Waking hours end")
        self.waking_error = make_error_label("Problem with the waking hours")
        form.addRow("Waking hours", with_error(
            row("From", self.waking_start, "to", self.waking_end), self.waking_error
        ))
        form.addRow("", note("Reminders only come between these times, never at night."))
        self.weekday_boxes: list[QCheckBox] = []
        days = QHBoxLayout()
        days.setContentsMargins(0, 0, 0, 0)
        for name in WEEKDAY_NAMES:
            box = QCheckBox(name[:3])
            box.setAccessibleName(name)
            box.toggled.connect(self._changed)
            self.weekday_boxes.append(box)
            days.addWidget(box)
        days.addStretch(1)
        self.weekdays_error = make_error_label("Problem with the reminder days")
        form.addRow("Reminder days", with_error(days, self.weekdays_error))
        self.quiet_box = QVBoxLayout()
        self.quiet_box.setContentsMargins(0, 0, 0, 0)
        self.quiet_box.setSpacing(4)
        self.quiet_empty = note("None: reminders may come at any time while you are awake.")
        self.quiet_box.addWidget(self.quiet_empty)
        self.add_quiet_button = QPushButton("Add a quiet period")
        self.add_quiet_button.setAutoDefault(False)
        self.add_quiet_button.clicked.connect(self.add_quiet)
        quiet = QWidget()
        quiet_layout = QVBoxLayout(quiet)
        quiet_layout.setContentsMargins(0, 0, 0, 0)
        quiet_layout.addLayout(self.quiet_box)
        quiet_layout.addLayout(row(self.add_quiet_button))
        quiet_layout.addWidget(note("No reminders at these times, for example during the "
                                    "baby's usual nap; a period may run past midnight."))
        form.addRow("Quiet periods", quiet)
        self.waking_start.timeChanged.connect(self._changed)
        self.waking_end.timeChanged.connect(self._changed)
        commit_typed_numbers_on_enter(self)

    def waking_hours(self) -> tuple[int, int]:
        return self.waking_start.time().hour(), self.waking_end.time().hour()

    # -- the data -----------------------------------------------------------------------------

    def _load(self, data: Mapping[str, Any]) -> None:
        self.waking_start.setTime(qtime_of(data["waking"]["start"]))
        self.waking_end.setTime(qtime_of(data["waking"]["end"]))
        for day, box in enumerate(self.weekday_boxes):
            box.setChecked(day in data["weekdays"])
        self._set_quiet(data["quiet"])

    def data(self) -> dict[str, Any]:
        return {
            "waking": {"start": hhmm(self.waking_start), "end": hhmm(self.waking_end)},
            "weekdays": [d for d, box in enumerate(self.weekday_boxes) if box.isChecked()],
            "quiet": [quiet.data() for quiet in self.quiet_rows],
        }

    def _field_labels(self) -> dict[str, QLabel]:
        return {"waking": self.waking_error, "weekdays": self.weekdays_error}

    def _label_for(self, field: str) -> QLabel | None:
        found = _QUIET_FIELD.match(field)
        if found:  # a period's own sentence; one beyond the rows shown is a general problem
            index = int(found.group(1))
            return self.quiet_rows[index].error if index < len(self.quiet_rows) else None
        return super()._label_for(field)

    def _error_labels(self) -> Iterable[QLabel]:
        return [*super()._error_labels(), *(quiet.error for quiet in self.quiet_rows)]

    # -- quiet periods ------------------------------------------------------------------------

    @Slot()
    def add_quiet(self) -> None:
        if len(self.quiet_rows) < MAX_QUIET:
            self._append_quiet("13:00", "14:00")
            self._update_buttons()
            self._changed()

    def remove_quiet(self, quiet: QuietRow) -> None:
        if quiet in self.quiet_rows:
            self.quiet_rows.remove(quiet)
            quiet.deleteLater()
            self._update_buttons()
            self._changed()

    def _set_quiet(self, spans: Sequence[Mapping[str, str]]) -> None:
        for quiet in self.quiet_rows:
            quiet.deleteLater()
        self.quiet_rows = []
        for span in spans:
            self._append_quiet(span["start"], span["end"])
        self._update_buttons()

    def _append_quiet(self, start: str, end: str) -> QuietRow:
        quiet = QuietRow(start, end)
        commit_typed_numbers_on_enter(quiet)
        quiet.start.timeChanged.connect(self._changed)
        quiet.end.timeChanged.connect(self._changed)
        quiet.remove_button.clicked.connect(lambda: self.remove_quiet(quiet))
        self.quiet_rows.append(quiet)
        self.quiet_box.addWidget(quiet)
        return quiet

    def _update_buttons(self) -> None:
        self.quiet_empty.setVisible(not self.quiet_rows)
        self.add_quiet_button.setEnabled(len(self.quiet_rows) < MAX_QUIET)
