"""The settings window: everything in her plan, applied the moment it is valid.

Every edit turns the widgets back into the plan's plain data and asks ``plan_from_dict`` (the
same reader the settings file and the store use) whether it fits. A valid plan is emitted at
once as ``planChanged``, so the reminders follow without a Save button; an invalid one is not
emitted, and each sentence appears in red beside the field it names, so there is never a
half-applied plan and never a rule here that the core does not also enforce.

The baby's nap is not a setting (it is "Baby is napping" in the tray menu), so it is carried
over untouched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QHideEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from backcare.core.plan import (
    CALCIUM_MAX_MG,
    CALCIUM_MIN_MG,
    DIET_CALCIUM_MAX_MG,
    MAX_MEALS,
    MIN_MEALS,
    POSTURE_MAX,
    POSTURE_MIN,
    WEEKDAY_NAMES,
    FieldError,
    Plan,
    default_plan,
)
from backcare.core.plan_codec import plan_from_dict, plan_to_dict
from backcare.ui.form_parts import ERROR_COLOUR, make_error_label, show_error
from backcare.ui.form_parts import MealRow as _MealRow
from backcare.ui.form_parts import QuietRow as _QuietRow
from backcare.ui.form_parts import TimeRow as _TimeRow
from backcare.ui.form_parts import checkable as _checkable
from backcare.ui.form_parts import checked_values as _checked_values
from backcare.ui.form_parts import hhmm as _hhmm
from backcare.ui.form_parts import note as _note
from backcare.ui.form_parts import qtime_of as _qtime
from backcare.ui.form_parts import row as _row
from backcare.ui.form_parts import time_edit as _time_edit
from backcare.ui.form_parts import with_error as _with_error
from backcare.ui.session_editor import SessionEditor

TAB_ABOUT, TAB_DAY, TAB_SESSIONS, TAB_POSTURE, TAB_CALCIUM = range(5)
TAB_TITLES = ("About you", "Your day", "Exercise sessions", "Posture breaks", "Calcium")
MAX_QUIET = 6
TYPING_PAUSE_MS = 700  # a name she types is applied once she stops for this long

BIRTH_TYPE_CHOICES: tuple[tuple[str | None, str], ...] = (
    (None, "Rather not say"),
    ("vaginal", "Vaginal birth"),
    ("assisted", "Assisted birth (forceps or vacuum)"),
    ("caesarean", "Caesarean birth"),
)
FEEDING_CHOICES: tuple[tuple[bool | None, str], ...] = (
    (None, "Rather not say"), (True, "Yes"), (False, "No"),
)

_INDEXED = re.compile(r"^(sessions|calcium\.meals|quiet)\[(\d+)\](?:\.(\w+))?")

_STYLE = """
QDialog#settingsDialog QLabel, QDialog#settingsDialog QCheckBox,
QDialog#settingsDialog QRadioButton, QDialog#settingsDialog QPushButton,
QDialog#settingsDialog QLineEdit, QDialog#settingsDialog QComboBox,
QDialog#settingsDialog QSpinBox, QDialog#settingsDialog QTimeEdit,
QDialog#settingsDialog QDateEdit, QDialog#settingsDialog QListWidget,
QDialog#settingsDialog QTabBar::tab { font-size: 11pt; }
QDialog#settingsDialog QTabBar::tab { padding: 6px 14px; }
QDialog#settingsDialog QPushButton { min-height: 28px; padding: 0 14px; }
QDialog#settingsDialog QLabel[role="note"] { color: #5b6b78; font-size: 10pt; }
QDialog#settingsDialog QLabel#settingsMessage { color: #1f4e79; }
"""


def _commit_typed_numbers_on_enter(parent: QWidget) -> None:
    """Typed times, dates and numbers apply on Enter or leaving the field, not on every key.

    Typing "1200" into a spin box would otherwise apply 1, 12, 120 and 1200 in turn, each one
    saved and rescheduled (and "1" refused with a red sentence while she is still typing).
    """
    for box in parent.findChildren(QAbstractSpinBox):
        box.setKeyboardTracking(False)


class SettingsDialog(QDialog):
    """``SettingsDialog(plan, today, exercises, foods)``: non-modal; show it with ``show()``.

    ``planChanged(Plan)`` is emitted for every edit that gives a valid plan (and after Reset or
    a good Import); the app saves and applies it. ``set_plan(plan)`` shows a plan changed
    elsewhere without emitting. ``exercises`` and ``foods`` are ``(id, title)`` pairs. The
    exercise sessions are edited by a ``SessionEditor`` (``ui/session_editor.py``).

    Typing is not an edit per key: problems are shown as she types, but a name is applied once
    she pauses (``TYPING_PAUSE_MS``), presses Enter or leaves the field, and a typed number,
    time or date once she presses Enter or leaves it (arrows and the mouse wheel apply at
    once). Closing the window applies what is still pending.
    """

    planChanged = Signal(object)

    def __init__(
        self,
        plan: Plan,
        today: Callable[[], date],
        exercises: Sequence[tuple[str, str]],
        foods: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
        autostart_env: Mapping[str, str] | None = None,
        not_yet: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self._plan = plan
        self._today = today
        self._exercises = list(exercises)
        # Exercise id -> why it is not for her yet ("opens in week 6"), from her progression.
        self._not_yet: dict[str, str] = dict(not_yet or {})
        self._foods = list(foods)
        self._env = autostart_env
        self._loading = False
        self._errors: list[FieldError] = []
        self._pending: Plan | None = None  # checked and valid, not yet emitted (typing)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.apply_pending)
        self.meal_rows: list[_MealRow] = []
        self.quiet_rows: list[_QuietRow] = []
        self.reset_box: QMessageBox | None = None
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Back Care settings")
        self.setAccessibleName("Settings")
        self.setModal(False)
        self.setStyleSheet(_STYLE)
        self.setMinimumSize(720, 560)
        self.resize(780, 640)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Settings sections")
        self.tabs.addTab(self._about_tab(), TAB_TITLES[TAB_ABOUT])
        self.tabs.addTab(self._day_tab(), TAB_TITLES[TAB_DAY])
        self.tabs.addTab(self._sessions_tab(), TAB_TITLES[TAB_SESSIONS])
        self.tabs.addTab(self._posture_tab(), TAB_TITLES[TAB_POSTURE])
        self.tabs.addTab(self._calcium_tab(), TAB_TITLES[TAB_CALCIUM])
        _commit_typed_numbers_on_enter(self.tabs)

        self.general_error = make_error_label("Problems with these settings")
        self.message = QLabel()
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Settings message")
        self.message.hide()

        self.autostart = QCheckBox("Start Back Care when I log in")
        self.autostart.setAccessibleName("Start at login")
        self.autostart_error = make_error_label("Problem with start at login")
        self._load_autostart()
        self.autostart.toggled.connect(self._on_autostart)

        self.reset_button = QPushButton("Reset to defaults…")
        self.export_button = QPushButton("Export…")
        self.export_button.setToolTip("Save your settings to a file (TOML)")
        self.import_button = QPushButton("Import…")
        self.import_button.setToolTip("Read settings from a file saved with Export")
        self.close_button = QPushButton("Close")
        for button in (self.reset_button, self.export_button, self.import_button):
            button.setAutoDefault(False)
        self.close_button.setDefault(True)
        self.reset_button.clicked.connect(self.ask_reset)
        self.export_button.clicked.connect(self._choose_export)
        self.import_button.clicked.connect(self._choose_import)
        self.close_button.clicked.connect(self.close)

        buttons = QHBoxLayout()
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.message)
        layout.addWidget(self.autostart)
        layout.addWidget(self.autostart_error)
        layout.addLayout(buttons)

        self.set_plan(plan)

    # -- tabs ---------------------------------------------------------------------------------

    def _form(self) -> tuple[QWidget, QFormLayout]:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(18, 16, 18, 16)
        form.setVerticalSpacing(12)
        form.setHorizontalSpacing(16)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        return page, form

    def _about_tab(self) -> QWidget:
        page, form = self._form()
        form.addRow(_note("So Back Care only suggests exercises that suit this stage of your "
                          "recovery. If you leave something out, it suggests the gentlest."))
        self.birth_date = QDateEdit()
        self.birth_date.setCalendarPopup(True)
        self.birth_date.setDisplayFormat("d MMMM yyyy")
        self.birth_date.setAccessibleName("Baby's birth date")
        self.birth_date.setMinimumDate(QDate(1970, 1, 1))
        self.birth_date.setMinimumWidth(200)
        self.birth_date_unknown = QCheckBox("Rather not say")
        self.birth_date_unknown.setAccessibleName("Birth date: rather not say")
        self.birth_date_unknown.toggled.connect(
            lambda off: self.birth_date.setEnabled(not off)
        )
        self.birth_date_error = make_error_label("Problem with the birth date")
        form.addRow("Baby's birth date", _with_error(
            _row(self.birth_date, self.birth_date_unknown), self.birth_date_error
        ))
        self.birth_type = QComboBox()
        self.birth_type.setAccessibleName("Type of birth")
        for value, words in BIRTH_TYPE_CHOICES:
            self.birth_type.addItem(words, value)
        self.birth_type_error = make_error_label("Problem with the type of birth")
        form.addRow("Type of birth", _with_error(_row(self.birth_type), self.birth_type_error))
        self.breastfeeding = QComboBox()
        self.breastfeeding.setAccessibleName("Breastfeeding")
        for flag, words in FEEDING_CHOICES:
            self.breastfeeding.addItem(words, flag)
        self.breastfeeding_error = make_error_label("Problem with breastfeeding")
        form.addRow("Breastfeeding", _with_error(
            _row(self.breastfeeding), self.breastfeeding_error
        ))
        self.diet_calcium = QSpinBox()
        self.diet_calcium.setRange(0, DIET_CALCIUM_MAX_MG)
        self.diet_calcium.setSingleStep(50)
        self.diet_calcium.setSuffix(" mg a day")
        self.diet_calcium.setKeyboardTracking(False)
        self.diet_calcium.setAccessibleName("Calcium from your usual food")
        self.diet_calcium.setMinimumWidth(150)
        self.diet_calcium_error = make_error_label("Problem with calcium from food")
        form.addRow("Calcium from food", _with_error(
            _row(self.diet_calcium), self.diet_calcium_error
        ))
        form.addRow("", _note("A rough guess is fine: about 300 if you rarely have milk, yogurt, "
                              "cheese or tofu, 600 if you have one or two a day, 900 if you have "
                              "one with most meals. It counts toward your daily calcium."))
        self.profile_error = make_error_label("Problem with what you told Back Care")
        form.addRow(self.profile_error)
        self.birth_date.dateChanged.connect(self._edited)
        self.birth_date_unknown.toggled.connect(self._edited)
        self.birth_type.currentIndexChanged.connect(self._edited)
        self.breastfeeding.currentIndexChanged.connect(self._edited)
        self.diet_calcium.valueChanged.connect(self._edited)
        return page

    def _day_tab(self) -> QWidget:
        page, form = self._form()
        self.waking_start = _time_edit("Waking hours start")
        self.waking_end = _time_edit("Waking hours end")
        self.waking_error = make_error_label("Problem with the waking hours")
        form.addRow("Waking hours", _with_error(
            _row("From", self.waking_start, "to", self.waking_end), self.waking_error
        ))
        form.addRow("", _note("Reminders only come between these times, never at night."))
        self.weekday_boxes: list[QCheckBox] = []
        days = QHBoxLayout()
        days.setContentsMargins(0, 0, 0, 0)
        for name in WEEKDAY_NAMES:
            box = QCheckBox(name[:3])
            box.setAccessibleName(name)
            box.toggled.connect(self._edited)
            self.weekday_boxes.append(box)
            days.addWidget(box)
        days.addStretch(1)
        self.weekdays_error = make_error_label("Problem with the reminder days")
        form.addRow("Reminder days", _with_error(days, self.weekdays_error))
        self.quiet_box = QVBoxLayout()
        self.quiet_box.setContentsMargins(0, 0, 0, 0)
        self.quiet_box.setSpacing(4)
        self.quiet_empty = _note("None: reminders may come at any time while you are awake.")
        self.quiet_box.addWidget(self.quiet_empty)
        self.add_quiet_button = QPushButton("Add a quiet period")
        self.add_quiet_button.setAutoDefault(False)
        self.add_quiet_button.clicked.connect(self.add_quiet)
        quiet = QWidget()
        quiet_layout = QVBoxLayout(quiet)
        quiet_layout.setContentsMargins(0, 0, 0, 0)
        quiet_layout.addLayout(self.quiet_box)
        quiet_layout.addLayout(_row(self.add_quiet_button))
        quiet_layout.addWidget(_note("No reminders at these times, for example during the "
                                     "baby's usual nap; a period may run past midnight."))
        form.addRow("Quiet periods", quiet)
        self.waking_start.timeChanged.connect(self._edited)
        self.waking_end.timeChanged.connect(self._edited)
        return page

    def _sessions_tab(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(18, 16, 18, 16)
        self.exercise_enabled = QCheckBox("Remind me to do my exercises")
        self.exercise_enabled.setAccessibleName("Exercise reminders")
        self.exercise_enabled.toggled.connect(self._edited)
        outer.addWidget(self.exercise_enabled)
        self.sessions = SessionEditor(self._exercises, self._waking_hours, self._not_yet)
        self.sessions.edited.connect(self._edited)
        self.sessions.typed.connect(self._typed)
        self.sessions.typingDone.connect(self.apply_pending)
        outer.addWidget(self.sessions, 1)
        self.sessions_error = make_error_label("Problem with the exercise sessions")
        outer.addWidget(self.sessions_error)
        return page

    def _waking_hours(self) -> tuple[int, int]:
        return self.waking_start.time().hour(), self.waking_end.time().hour()

    def _posture_tab(self) -> QWidget:
        page, form = self._form()
        self.posture_enabled = QCheckBox("Remind me to stand up, stretch and move")
        self.posture_enabled.setAccessibleName("Posture breaks")
        self.posture_enabled.toggled.connect(self._edited)
        form.addRow(self.posture_enabled)
        self.posture_interval = QSpinBox()
        self.posture_interval.setRange(POSTURE_MIN, POSTURE_MAX)
        self.posture_interval.setSingleStep(15)
        self.posture_interval.setSuffix(" minutes")
        self.posture_interval.setKeyboardTracking(False)
        self.posture_interval.setAccessibleName("Posture break interval")
        self.posture_interval.setMinimumWidth(150)
        self.posture_interval.valueChanged.connect(self._edited)
        self.posture_enabled.toggled.connect(self.posture_interval.setEnabled)
        self.posture_error = make_error_label("Problem with the posture breaks")
        form.addRow("Every", _with_error(_row(self.posture_interval), self.posture_error))
        form.addRow("", _note("Counted from the start of your waking hours, so the breaks "
                              "fall at the same times every day."))
        return page

    def _calcium_tab(self) -> QWidget:
        page, form = self._form()
        self.calcium_enabled = QCheckBox("Remind me to take calcium with meals")
        self.calcium_enabled.setAccessibleName("Calcium reminders")
        self.calcium_enabled.toggled.connect(self._edited)
        form.addRow(self.calcium_enabled)
        self.meal_box = QVBoxLayout()
        self.meal_box.setContentsMargins(0, 0, 0, 0)
        self.meal_box.setSpacing(4)
        self.add_meal_button = QPushButton("Add a meal")
        self.add_meal_button.setAutoDefault(False)
        self.add_meal_button.clicked.connect(self.add_meal)
        self.meals_error = make_error_label("Problem with the meals")
        meals = QWidget()
        meals_layout = QVBoxLayout(meals)
        meals_layout.setContentsMargins(0, 0, 0, 0)
        meals_layout.addLayout(self.meal_box)
        meals_layout.addLayout(_row(self.add_meal_button))
        meals_layout.addWidget(self.meals_error)
        form.addRow("Meals", meals)
        self.calcium_target = QSpinBox()
        self.calcium_target.setRange(CALCIUM_MIN_MG, CALCIUM_MAX_MG)
        self.calcium_target.setSingleStep(50)
        self.calcium_target.setSuffix(" mg")
        self.calcium_target.setKeyboardTracking(False)
        self.calcium_target.setAccessibleName("Daily calcium target")
        self.calcium_target.setMinimumWidth(130)
        self.calcium_target.valueChanged.connect(self._edited)
        self.calcium_target_error = make_error_label("Problem with the daily calcium target")
        form.addRow("Daily target", _with_error(
            _row(self.calcium_target), self.calcium_target_error
        ))
        self.food_list = QListWidget()
        self.food_list.setAccessibleName("Calcium foods to suggest")
        self.food_list.itemChanged.connect(self._edited)
        self.foods_error = make_error_label("Problem with the calcium foods")
        form.addRow("Foods to suggest", _with_error(self.food_list, self.foods_error))
        self.calcium_error = make_error_label("Problem with the calcium settings")
        form.addRow(self.calcium_error)
        return page

    # -- loading a plan into the widgets -----------------------------------------------------

    def plan(self) -> Plan:
        """The last valid plan (what the app has been given)."""
        return self._plan

    def set_plan(self, plan: Plan) -> None:
        """Show ``plan`` (changed elsewhere: setup, import, a reset); emits nothing.

        Anything typed but not yet applied is dropped with the fields it was typed in: the
        plan shown is the one that was just chosen.
        """
        self._typing.stop()
        self._pending = None
        self._plan = plan
        data = plan_to_dict(plan)
        self._loading = True
        try:
            self._load_profile(plan)
            self.waking_start.setTime(_qtime(data["waking"]["start"]))
            self.waking_end.setTime(_qtime(data["waking"]["end"]))
            for day, box in enumerate(self.weekday_boxes):
                box.setChecked(day in plan.weekdays)
            self._set_quiet(data["quiet"])
            self.exercise_enabled.setChecked(plan.exercise_enabled)
            self.sessions.set_sessions(data["sessions"])
            self.posture_enabled.setChecked(plan.posture_enabled)
            self.posture_interval.setValue(plan.posture_interval_min)
            self.posture_interval.setEnabled(plan.posture_enabled)
            self.calcium_enabled.setChecked(plan.calcium_enabled)
            self._set_meals(data["calcium"]["meals"])
            self.calcium_target.setValue(plan.calcium.daily_target_mg)
            self._fill_foods(plan.calcium.foods)
        finally:
            self._loading = False
        self._show_errors([])

    def _load_profile(self, plan: Plan) -> None:
        profile = plan.profile
        today = self._today()
        self.birth_date.setMaximumDate(QDate(today.year, today.month, today.day))
        known = profile.birth_date or today
        self.birth_date.setDate(QDate(known.year, known.month, known.day))
        self.birth_date_unknown.setChecked(profile.birth_date is None)
        self.birth_date.setEnabled(profile.birth_date is not None)
        self.birth_type.setCurrentIndex(max(0, self.birth_type.findData(profile.birth_type)))
        feeding = [flag for flag, _ in FEEDING_CHOICES].index(profile.breastfeeding)
        self.breastfeeding.setCurrentIndex(feeding)
        self.diet_calcium.setValue(profile.diet_calcium_mg)

    def _fill_foods(self, chosen: Sequence[str]) -> None:
        self.food_list.clear()
        known = {food_id for food_id, _ in self._foods}
        for food_id, name in self._foods:
            self.food_list.addItem(_checkable(name, food_id, food_id in chosen))
        for food_id in chosen:
            if food_id not in known:
                self.food_list.addItem(_checkable(f"{food_id} (not in the food list)",
                                                  food_id, True))

    def _set_quiet(self, spans: Sequence[Mapping[str, str]]) -> None:
        for row in self.quiet_rows:
            row.deleteLater()
        self.quiet_rows = []
        for span in spans:
            self._append_quiet(span["start"], span["end"])
        self._update_row_buttons()

    def _append_quiet(self, start: str, end: str) -> _QuietRow:
        row = _QuietRow(start, end)
        _commit_typed_numbers_on_enter(row)
        row.start.timeChanged.connect(self._edited)
        row.end.timeChanged.connect(self._edited)
        row.remove_button.clicked.connect(lambda: self.remove_quiet(row))
        self.quiet_rows.append(row)
        self.quiet_box.addWidget(row)
        return row

    def _set_meals(self, meals: Sequence[Mapping[str, str]]) -> None:
        for row in self.meal_rows:
            row.deleteLater()
        self.meal_rows = []
        for meal in meals:
            self._append_meal(meal["name"], meal["at"])
        self._update_row_buttons()

    def _append_meal(self, name: str, at: str) -> _MealRow:
        row = _MealRow(name, at)
        _commit_typed_numbers_on_enter(row)
        row.name.textEdited.connect(self._typed)
        row.name.editingFinished.connect(self.apply_pending)
        row.time.timeChanged.connect(self._edited)
        row.remove_button.clicked.connect(lambda: self.remove_meal(row))
        self.meal_rows.append(row)
        self.meal_box.addWidget(row)
        return row

    def _update_row_buttons(self) -> None:
        self.quiet_empty.setVisible(not self.quiet_rows)
        self.add_quiet_button.setEnabled(len(self.quiet_rows) < MAX_QUIET)
        self.add_meal_button.setEnabled(len(self.meal_rows) < MAX_MEALS)
        for meal in self.meal_rows:
            meal.remove_button.setEnabled(len(self.meal_rows) > MIN_MEALS)

    # -- sessions (ui/session_editor.py) -------------------------------------------------------

    def set_not_yet(self, not_yet: Mapping[str, str]) -> None:
        """Her progression moved on: which exercises are not for her yet, and why (short)."""
        self.sessions.set_not_yet(not_yet)

    # -- growable rows ------------------------------------------------------------------------

    @Slot()
    def add_meal(self) -> None:
        if len(self.meal_rows) < MAX_MEALS:
            taken = {row.data()["at"] for row in self.meal_rows}
            at = next((f"{h:02d}:00" for h in range(10, 22) if f"{h:02d}:00" not in taken),
                      "12:00")
            row = self._append_meal("", at)
            self._update_row_buttons()
            self._edited()
            row.name.setFocus()

    def remove_meal(self, row: _MealRow) -> None:
        if row in self.meal_rows and len(self.meal_rows) > MIN_MEALS:
            self.meal_rows.remove(row)
            row.deleteLater()
            self._update_row_buttons()
            self._edited()

    @Slot()
    def add_quiet(self) -> None:
        if len(self.quiet_rows) < MAX_QUIET:
            self._append_quiet("13:00", "14:00")
            self._update_row_buttons()
            self._edited()

    def remove_quiet(self, row: _QuietRow) -> None:
        if row in self.quiet_rows:
            self.quiet_rows.remove(row)
            row.deleteLater()
            self._update_row_buttons()
            self._edited()

    # -- every edit ---------------------------------------------------------------------------

    def current_data(self) -> dict[str, Any]:
        """The widgets as the plan's plain data; the nap is carried over from the plan."""
        data = plan_to_dict(self._plan)
        profile: dict[str, Any] = {"diet_calcium_mg": self.diet_calcium.value()}
        if not self.birth_date_unknown.isChecked():
            profile["birth_date"] = self.birth_date.date().toPython().isoformat()
        if self.birth_type.currentData() is not None:
            profile["birth_type"] = self.birth_type.currentData()
        if self.breastfeeding.currentData() is not None:
            profile["breastfeeding"] = self.breastfeeding.currentData()
        data["profile"] = profile
        data["waking"] = {"start": _hhmm(self.waking_start), "end": _hhmm(self.waking_end)}
        data["weekdays"] = [d for d, box in enumerate(self.weekday_boxes) if box.isChecked()]
        data["quiet"] = [row.data() for row in self.quiet_rows]
        data["exercise_enabled"] = self.exercise_enabled.isChecked()
        data["sessions"] = self.sessions.sessions()
        data["posture_enabled"] = self.posture_enabled.isChecked()
        data["posture_interval_min"] = self.posture_interval.value()
        data["calcium_enabled"] = self.calcium_enabled.isChecked()
        data["calcium"] = {
            "meals": [row.data() for row in self.meal_rows],
            "daily_target_mg": self.calcium_target.value(),
            "foods": _checked_values(self.food_list),
        }
        return data

    @Slot()
    def _edited(self, *_args: object) -> None:
        """Rebuild the plan from the widgets: emit it if valid, else show why beside each field."""
        self._check()
        self.apply_pending()

    @Slot()
    def _typed(self, *_args: object) -> None:
        """A key in a text field: show problems now, apply once she pauses or moves on."""
        self._check()
        self._typing.start()

    def _check(self) -> None:
        if self._loading:
            return
        self.message.hide()
        plan, errors = plan_from_dict(self.current_data(), today=self._today())
        self._show_errors(errors)
        if plan is not None and plan != self._plan:
            self._plan = plan
            self._pending = plan

    @Slot()
    def apply_pending(self) -> None:
        """Emit the valid plan that typing left waiting, if any."""
        self._typing.stop()
        plan, self._pending = self._pending, None
        if plan is not None:
            self.planChanged.emit(plan)

    def hideEvent(self, event: QHideEvent) -> None:
        """Closing applies what she typed last, even if she never left the field."""
        focused = self.focusWidget()
        if isinstance(focused, QAbstractSpinBox):
            focused.interpretText()  # commits a typed time or number (emits if it changed)
        self.apply_pending()
        super().hideEvent(event)

    @property
    def errors(self) -> list[FieldError]:
        return list(self._errors)

    def _static_labels(self) -> dict[str, tuple[QLabel, int]]:
        return {
            "profile.birth_date": (self.birth_date_error, TAB_ABOUT),
            "profile.birth_type": (self.birth_type_error, TAB_ABOUT),
            "profile.breastfeeding": (self.breastfeeding_error, TAB_ABOUT),
            "profile.diet_calcium_mg": (self.diet_calcium_error, TAB_ABOUT),
            "profile": (self.profile_error, TAB_ABOUT),
            "waking": (self.waking_error, TAB_DAY),
            "weekdays": (self.weekdays_error, TAB_DAY),
            "exercise_enabled": (self.sessions_error, TAB_SESSIONS),
            "sessions": (self.sessions_error, TAB_SESSIONS),
            "posture_enabled": (self.posture_error, TAB_POSTURE),
            "posture_interval_min": (self.posture_error, TAB_POSTURE),
            "calcium_enabled": (self.calcium_error, TAB_CALCIUM),
            "calcium.meals": (self.meals_error, TAB_CALCIUM),
            "calcium.daily_target_mg": (self.calcium_target_error, TAB_CALCIUM),
            "calcium.foods": (self.foods_error, TAB_CALCIUM),
            "calcium": (self.calcium_error, TAB_CALCIUM),
        }

    def _place(self, field: str) -> tuple[QLabel, int] | None:
        """The red label beside the widget for a field path, and its tab (None: general)."""
        found = _INDEXED.match(field)
        if found:
            kind, index = found.group(1), int(found.group(2))
            rows: Sequence[_TimeRow] = self.meal_rows if kind == "calcium.meals" else (
                self.quiet_rows if kind == "quiet" else []
            )
            if index < len(rows):
                return rows[index].error, TAB_CALCIUM if kind == "calcium.meals" else TAB_DAY
            return None
        static = self._static_labels()
        path = field
        while path:
            if path in static:
                return static[path]
            path = path.rpartition(".")[0]
        return None

    def _show_errors(self, errors: list[FieldError]) -> None:
        self._errors = errors
        shown: dict[int, list[str]] = {}
        labels: dict[int, QLabel] = {}
        bad_tabs: set[int] = set()
        general: list[str] = []
        session_errors: list[FieldError] = []
        for error in errors:
            found = _INDEXED.match(error.field)
            if found and found.group(1) == "sessions":
                session_errors.append(error)
                bad_tabs.add(TAB_SESSIONS)
                continue
            place = self._place(error.field)
            if place is None:
                general.append(error.message)
                continue
            label, tab = place
            labels[id(label)] = label
            shown.setdefault(id(label), []).append(error.message)
            bad_tabs.add(tab)
        everything = [*(label for label, _ in self._static_labels().values()),
                      *(row.error for row in (*self.meal_rows, *self.quiet_rows))]
        for label in everything:
            show_error(label, shown.get(id(label), []))
        self.sessions.show_errors(session_errors)
        for tab in range(self.tabs.count()):
            colour = ERROR_COLOUR if tab in bad_tabs else QColor()
            self.tabs.tabBar().setTabTextColor(tab, colour)
        if bad_tabs:
            names = " and ".join(f"“{TAB_TITLES[t]}”" for t in sorted(bad_tabs))
            general.insert(0, f"Not applied yet: please look at the red notes on {names}. "
                              "Your other settings are kept as they were.")
        elif general:
            general.insert(0, "Not applied yet:")
        show_error(self.general_error, general)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- reset, export, import ----------------------------------------------------------------

    @Slot()
    def ask_reset(self) -> QMessageBox:
        """Ask first (non-blocking): reset keeping what she told about herself, or everything."""
        box = QMessageBox(self)
        box.setWindowTitle("Reset to defaults")
        box.setIcon(QMessageBox.Icon.Question)
        box.setText("Put every setting back to how Back Care started?")
        box.setInformativeText("Your baby's birth date, the type of birth, feeding and calcium "
                               "from food are kept unless you choose “Reset everything”.")
        keep = box.addButton("Reset, keep my details", QMessageBox.ButtonRole.AcceptRole)
        everything = box.addButton("Reset everything", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(button: QAbstractButton) -> None:
            if button is keep:
                self.reset_to_defaults(keep_profile=True)
            elif button is everything:
                self.reset_to_defaults(keep_profile=False)

        box.buttonClicked.connect(chosen)
        box.destroyed.connect(lambda: setattr(self, "reset_box", None))
        self.reset_box = box
        box.open()
        return box

    def reset_to_defaults(self, keep_profile: bool = True) -> Plan:
        plan = default_plan()
        if keep_profile:
            plan = replace(plan, profile=self._plan.profile)
        changed = plan != self._plan
        self.set_plan(plan)
        if changed:
            self.planChanged.emit(plan)
        self._say("Settings are back to the defaults" +
                  (", with what you told about yourself kept." if keep_profile else "."))
        return plan

    @Slot()
    def _choose_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export settings", str(Path.home() / "backcare-settings.toml"),
            "Settings files (*.toml)"
        )
        if name:
            self.export_to(Path(name))

    @Slot()
    def _choose_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Import settings", str(Path.home()), "Settings files (*.toml);;All files (*)"
        )
        if name:
            self.import_from(Path(name))

    def export_to(self, path: Path) -> bool:
        """Write the current (last valid) plan to ``path``; says what happened, never raises."""
        from backcare.settings_file import export_settings

        try:
            export_settings(self._plan, path)
        except OSError as exc:
            self._say("")
            show_error(self.general_error, [
                f"Back Care could not save {path}: {exc.strerror or exc}. Try another folder."
            ])
            return False
        note = (" The changes marked in red are not in it until they are fixed."
                if self._errors else "")
        self._say(f"Your settings are saved in {path}.{note}")
        return True

    def import_from(self, path: Path) -> bool:
        """Read settings from ``path``: applied if valid, otherwise nothing changes and the
        sentences say why."""
        from backcare.settings_file import import_settings

        plan, problems = import_settings(path, self._today())
        if plan is None:
            self._say("")
            show_error(self.general_error, [
                f"These settings were not imported from {path.name}:", *problems
            ])
            return False
        changed = plan != self._plan
        self.set_plan(plan)
        if changed:
            self.planChanged.emit(plan)
        self._say(f"Settings imported from {path.name}.")
        return True

    # -- start at login -----------------------------------------------------------------------

    def _load_autostart(self) -> None:
        from backcare.desktop.desktop_entry import autostart_enabled

        self.autostart.blockSignals(True)
        self.autostart.setChecked(autostart_enabled(self._env))
        self.autostart.blockSignals(False)

    @Slot(bool)
    def _on_autostart(self, enabled: bool) -> None:
        from backcare.desktop.desktop_entry import set_autostart

        problem = set_autostart(enabled, self._env)
        show_error(self.autostart_error, [problem] if problem else [])
        if problem:
            self._load_autostart()

