"""First-run setup: four short pages a tired mother can finish in about a minute.

It asks only what changes which exercises are safe and when reminders come (the baby's birth
date, the type of birth, feeding, her day, her session and meal times), her country (so the
Safety page names her emergency numbers), her calcium (her age band, calcium from food and the
foods she has most often: ``setup_calcium_page``), and shows the disclaimer and the red-flag
symptoms once. Every answer has a sensible preset, so
"Next, Next, I understand" is a valid path; "Skip for now" keeps the plan as it was, and the
core then assumes the most careful case (see ``core.plan.Profile``).

The wizard holds no rules of its own: it writes her answers into the plan's plain data and asks
``plan_from_dict`` whether they fit, showing its sentences beside the fields they name.
"""

from __future__ import annotations

import locale
import os
import re
from collections.abc import Sequence
from datetime import date, time, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from backcare.core.countries import preset_country
from backcare.core.plan import (
    COMPLICATED_BIRTH_HINT,
    COMPLICATED_BIRTH_WORDS,
    DEFAULT_SESSIONS,
    MAX_YEARS_SINCE_BIRTH,
    POSTNATAL_CHECK_WORDS,
    ExerciseSession,
    FieldError,
    Plan,
)
from backcare.core.plan_codec import plan_from_dict, plan_to_dict
from backcare.ui.form_parts import hhmm as _hhmm
from backcare.ui.form_parts import make_error_label, show_error
from backcare.ui.settings_about_tab import COUNTRY_QUESTION, make_country_combo, select_country
from backcare.ui.setup_calcium_page import CalciumPage
from backcare.ui.setup_parts import labelled as _labelled
from backcare.ui.setup_parts import time_edit as _time_edit

# (value stored in profile.birth_type, words on the button); None = "rather not say", which the
# progression treats as the most careful case.
BIRTH_CHOICES: tuple[tuple[str | None, str], ...] = (
    ("vaginal", "Vaginal birth"),
    ("assisted", "Assisted birth (forceps or vacuum)"),
    ("caesarean", "Caesarean birth"),
    (None, "I'd rather not say"),
)

# The four times of day she can pick; labels match the default plan, so her answers keep the
# exercises the defaults chose until the progression fills them in.
SESSION_SLOTS: tuple[tuple[str, time], ...] = (
    ("Morning", time(8, 0)),
    ("Afternoon", time(15, 0)),
    ("Evening", time(19, 30)),
    ("Before bed", time(21, 30)),
)

_STYLE = """
QDialog#setupWizard { background: #ffffff; }
QDialog#setupWizard QLabel, QDialog#setupWizard QRadioButton, QDialog#setupWizard QCheckBox,
QDialog#setupWizard QDateEdit, QDialog#setupWizard QTimeEdit, QDialog#setupWizard QPushButton {
    font-size: 12pt;
}
QDialog#setupWizard QRadioButton, QDialog#setupWizard QCheckBox { padding: 3px 0; }
QDialog#setupWizard QDateEdit, QDialog#setupWizard QTimeEdit { min-height: 30px; padding: 0 6px; }
QDialog#setupWizard QPushButton { min-height: 34px; padding: 0 18px; }
QDialog#setupWizard QRadioButton::indicator, QDialog#setupWizard QCheckBox::indicator {
    width: 18px; height: 18px;
}
QDialog#setupWizard QLabel[role="title"] { font-size: 18pt; font-weight: 600; color: #1f2a33; }
QDialog#setupWizard QLabel[role="question"] {
    font-size: 12.5pt; font-weight: 600; color: #1f4e79;
}
QDialog#setupWizard QLabel[role="note"] { font-size: 10.5pt; color: #5b6b78; }
QDialog#setupWizard QLabel[role="step"] { font-size: 10.5pt; color: #5b6b78; }
"""

_INDEX = re.compile(r"^(sessions|calcium\.meals)\[(\d+)\]")


class _SlotRow:
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


class SetupWizard(QDialog):
    """``SetupWizard(plan, today, disclaimer, red_flags)``: run with ``open()`` or ``exec()``.

    Finishing emits ``planChosen(Plan)`` and accepts; "Skip for now", Esc or closing the window
    rejects with ``skipped`` True. ``result_plan()`` is the plan to save either way (the given
    plan, unchanged, unless she finished).

    Her country is preset from the plan, or else guessed from ``locale_name`` ("en_AU.UTF-8"
    gives AU); left as None, the system locale is read here, once. ``foods``: the calcium
    foods' ``(id, name)`` pairs she may tick on the calcium page (``calcium_page``).
    """

    planChosen = Signal(object)

    def __init__(
        self,
        plan: Plan,
        today: date,
        disclaimer: str,
        red_flags: Sequence[str],
        parent: QWidget | None = None,
        *,
        locale_name: str | None = None,
        foods: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__(parent)
        if locale_name is None:
            locale_name = locale.getlocale()[0] or os.environ.get("LANG", "")
        self._locale_country = preset_country(locale_name)
        self._plan = plan
        self._today = today
        self._result: Plan | None = None
        self._errors: list[FieldError] = []
        self.skipped = False
        self.setObjectName("setupWizard")
        self.setWindowTitle("Welcome to Back Care")
        self.setAccessibleName("First-run setup")
        self.setStyleSheet(_STYLE)
        self.setMinimumWidth(620)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._about_page())
        self.pages.addWidget(self._day_page())
        self.calcium_page = CalciumPage(plan, foods)
        self.pages.addWidget(self.calcium_page)
        self.pages.addWidget(self._safety_page(disclaimer, red_flags))

        self.step_label = _labelled("", "step")
        self.general_error = make_error_label("Problems with these answers")
        # Created in the order Tab should visit them: forward first, "skip" last.
        self.next_button = QPushButton("Next")
        self.finish_button = QPushButton("I understand, start")
        self.back_button = QPushButton("Back")
        self.skip_button = QPushButton("Skip for now")
        self.skip_button.setAccessibleDescription(
            "Keep the safe defaults; you can set this up later in Settings."
        )
        for button in (self.skip_button, self.back_button):
            button.setAutoDefault(False)
        self.skip_button.clicked.connect(self.reject)
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.finish_button.clicked.connect(self.finish)

        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.finish_button)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #dde5ea;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 18)
        layout.setSpacing(10)
        layout.addWidget(self.step_label)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(line)
        layout.addLayout(buttons)

        self._connect_edits()
        self._show_page(0)
        self.refresh()

    # -- pages --------------------------------------------------------------------------------

    def _about_page(self) -> QWidget:
        profile = self._plan.profile
        page = QWidget()
        page.setAccessibleName("About you and your baby")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(_labelled("About you and your baby", "title"))
        layout.addWidget(_labelled(
            "So Back Care only suggests exercises that suit this stage of your recovery.", "note"
        ))

        layout.addWidget(_labelled("When was your baby born?", "question"))
        self.birth_date = QDateEdit()
        self.birth_date.setCalendarPopup(True)
        self.birth_date.setDisplayFormat("d MMMM yyyy")
        self.birth_date.setAccessibleName("Baby's birth date")
        earliest = self._today - timedelta(days=MAX_YEARS_SINCE_BIRTH * 366)
        self.birth_date.setDateRange(_qdate(earliest), _qdate(self._today))
        self.birth_date.setDate(_qdate(profile.birth_date or self._today))
        self.birth_date.setMinimumWidth(220)
        self.birth_date_error = make_error_label("Problem with the birth date")
        row = QHBoxLayout()
        row.addWidget(self.birth_date)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.birth_date_error)

        layout.addWidget(_labelled("How was your baby born?", "question"))
        self.birth_group = QButtonGroup(self)
        self.birth_buttons: dict[str | None, QRadioButton] = {}
        for i, (value, words) in enumerate(BIRTH_CHOICES):
            button = QRadioButton(words)
            button.setAccessibleName(words)
            self.birth_group.addButton(button, i)
            self.birth_buttons[value] = button
            layout.addWidget(button)
        self.birth_buttons.get(profile.birth_type, self.birth_buttons[None]).setChecked(True)
        layout.addWidget(_labelled(
            "If you'd rather not say, Back Care suggests the gentlest exercises, as after a "
            "caesarean.", "note"
        ))
        # The harder exercises (planks, the air bicycle, the ball) wait for this check.
        self.postnatal_check = QCheckBox(POSTNATAL_CHECK_WORDS)
        self.postnatal_check.setAccessibleName(POSTNATAL_CHECK_WORDS)
        self.postnatal_check.setChecked(profile.postnatal_check is True)
        layout.addWidget(self.postnatal_check)
        # Optional: a deep tear or a complicated birth gives at least the caesarean timings.
        self.complicated_birth = QCheckBox(COMPLICATED_BIRTH_WORDS)
        self.complicated_birth.setAccessibleName(COMPLICATED_BIRTH_WORDS)
        self.complicated_birth.setAccessibleDescription(COMPLICATED_BIRTH_HINT)
        self.complicated_birth.setChecked(profile.complicated_birth is True)
        layout.addWidget(self.complicated_birth)
        layout.addWidget(_labelled(COMPLICATED_BIRTH_HINT, "note"))

        layout.addWidget(_labelled(COUNTRY_QUESTION, "question"))
        self.country = make_country_combo()
        select_country(self.country, profile.country or self._locale_guess())
        row = QHBoxLayout()
        row.addWidget(self.country)
        row.addStretch(1)
        layout.addLayout(row)

        layout.addWidget(_labelled("Are you breastfeeding?", "question"))
        self.feeding_group = QButtonGroup(self)
        self.feeding_yes = QRadioButton("Yes")
        self.feeding_no = QRadioButton("No")
        row = QHBoxLayout()
        for i, button in enumerate((self.feeding_yes, self.feeding_no)):
            button.setAccessibleName(f"Breastfeeding: {button.text()}")
            self.feeding_group.addButton(button, i)
            row.addWidget(button)
        row.addStretch(1)
        if profile.breastfeeding is not None:
            (self.feeding_yes if profile.breastfeeding else self.feeding_no).setChecked(True)
        layout.addLayout(row)

        self.profile_error = make_error_label("Problem with these answers")
        layout.addWidget(self.profile_error)
        layout.addStretch(1)
        return page

    def _locale_guess(self) -> str | None:
        """The locale's country, if it is one we list (else "Not set": no wrong numbers)."""
        code = self._locale_country
        if code is None or self.country.findData(code) < 0:
            return None
        return code

    def _day_page(self) -> QWidget:
        plan = self._plan
        page = QWidget()
        page.setAccessibleName("Your day")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(_labelled("Your day", "title"))
        layout.addWidget(_labelled(
            "Reminders only come while you are awake. Change any time that doesn't fit.", "note"
        ))

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
        self.slots: list[_SlotRow] = []
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        for i, (label, at) in enumerate(SESSION_SLOTS):
            current = by_label.get(label.casefold())
            fallback = defaults.get(label.casefold())
            exercises = (current or fallback).exercises if (current or fallback) else ()
            slot = _SlotRow(
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
        self.meal_times: list[QTimeEdit] = []
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
        return page

    def _safety_page(self, disclaimer: str, red_flags: Sequence[str]) -> QWidget:
        page = QWidget()
        page.setAccessibleName("Before you start")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(_labelled("Before you start", "title"))
        self.disclaimer_label = QLabel(disclaimer)
        self.disclaimer_label.setWordWrap(True)
        self.disclaimer_label.setAccessibleName("Disclaimer")
        layout.addWidget(self.disclaimer_label)
        layout.addWidget(_labelled("Warning signs: when to get help", "question"))
        self.red_flags_label = QLabel(red_flags_html(red_flags))
        self.red_flags_label.setTextFormat(Qt.TextFormat.RichText)
        self.red_flags_label.setWordWrap(True)
        self.red_flags_label.setAccessibleName("Warning signs")
        self.red_flags_label.setAccessibleDescription("\n".join(red_flags))
        self.red_flags_label.setStyleSheet("font-size: 11pt; padding: 4px 10px 4px 4px;")
        self.red_flags_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(self.red_flags_label)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setAccessibleName("Warning signs")
        scroll.setStyleSheet(
            "QScrollArea { background: #fbf1f1; border: 1px solid #e6c3c3; border-radius: 6px; }"
            " QScrollArea > QWidget > QWidget { background: #fbf1f1; }"
        )
        layout.addWidget(scroll, 1)
        layout.addWidget(_labelled("You can read these again on the Safety page at any time.",
                                   "note"))
        return page

    # -- behaviour ----------------------------------------------------------------------------

    def _connect_edits(self) -> None:
        self.birth_date.dateChanged.connect(self.refresh)
        for group in (self.birth_group, self.feeding_group):
            group.buttonToggled.connect(self.refresh)
        self.postnatal_check.toggled.connect(self.refresh)
        self.complicated_birth.toggled.connect(self.refresh)
        self.country.currentIndexChanged.connect(self.refresh)
        self.calcium_page.changed.connect(self.refresh)
        for edit in (self.waking_start, self.waking_end, *self.meal_times):
            edit.timeChanged.connect(self.refresh)
        for slot in self.slots:
            slot.check.toggled.connect(self.refresh)
            slot.time.timeChanged.connect(self.refresh)

    def answers(self) -> dict[str, Any]:
        """Her answers written into the plan's plain data (everything else kept as it was)."""
        data = plan_to_dict(self._plan)
        profile: dict[str, Any] = {"birth_date": self.birth_date.date().toPython().isoformat()}
        birth_type = next((v for v, b in self.birth_buttons.items() if b.isChecked()), None)
        if birth_type is not None:
            profile["birth_type"] = birth_type
        if self.feeding_group.checkedButton() is not None:
            profile["breastfeeding"] = self.feeding_yes.isChecked()
        # She has seen the question here, so an unticked box is a "not yet", not a "not said".
        profile["postnatal_check"] = self.postnatal_check.isChecked()
        # Optional: ticked is a yes; unticked keeps what she said before (or "not said").
        if self.complicated_birth.isChecked():
            profile["complicated_birth"] = True
        elif self._plan.profile.complicated_birth is not None:
            profile["complicated_birth"] = False
        if self.country.currentData() is not None:
            profile["country"] = self.country.currentData()
        data["profile"] = profile
        data["waking"] = {"start": _hhmm(self.waking_start), "end": _hhmm(self.waking_end)}
        # Her chosen times in the four slots first (errors are matched to rows by that order),
        # each keeping its exercises and whether she pinned them; then her other sessions.
        current = {s.label.casefold(): s for s in self._plan.sessions}
        data["sessions"] = [
            {"at": _hhmm(s.time), "label": s.label, "exercises": list(s.exercises),
             "pinned": s.label.casefold() in current and current[s.label.casefold()].pinned}
            for s in self.slots if s.check.isChecked()
        ] + [data["sessions"][i] for i in self.kept_sessions]
        data["calcium"]["meals"] = [
            {"name": meal.name, "at": _hhmm(edit)}
            for meal, edit in zip(self._plan.calcium.meals, self.meal_times, strict=True)
        ]
        self.calcium_page.write(data)  # her age band, calcium from food, her foods
        return data

    @Slot()
    def refresh(self) -> None:
        """Check the answers and show each problem beside its field; Finish waits for none."""
        plan, errors = plan_from_dict(self.answers(), today=self._today)
        self._errors = errors
        self._candidate = plan
        shown: dict[int, list[str]] = {}
        labels = self._all_error_labels()
        enabled = [s for s in self.slots if s.check.isChecked()]
        general: list[str] = []
        for error in errors:
            label = self._label_for(error.field, enabled)
            if label is None:
                general.append(error.message)
            else:
                shown.setdefault(id(label), []).append(error.message)
        for label in labels:
            show_error(label, shown.get(id(label), []))
        show_error(self.general_error, general)
        self._update_buttons()

    def _all_error_labels(self) -> list[QLabel]:
        return [
            self.birth_date_error, self.profile_error, self.waking_error,
            *(s.error for s in self.slots), *self.meal_errors, self.calcium_page.error,
        ]

    def _label_for(self, field: str, enabled: Sequence[_SlotRow]) -> QLabel | None:
        on_calcium_page = self.calcium_page.label_for(field)
        if on_calcium_page is not None:
            return on_calcium_page
        if field == "profile.birth_date":
            return self.birth_date_error
        if field.startswith("profile"):
            return self.profile_error
        if field.startswith("waking"):
            return self.waking_error
        found = _INDEX.match(field)
        if found:
            index = int(found.group(2))
            rows = [s.error for s in enabled] if found.group(1) == "sessions" else self.meal_errors
            if index < len(rows):
                return rows[index]
        return None

    def _page_has_errors(self, index: int) -> bool:
        page_labels = {
            0: [self.birth_date_error, self.profile_error],
            1: [self.waking_error, *(s.error for s in self.slots), *self.meal_errors],
            2: [self.calcium_page.error],
        }.get(index, [])
        return any(not label.isHidden() for label in page_labels)

    def _update_buttons(self) -> None:
        index = self.pages.currentIndex()
        last = index == self.pages.count() - 1
        self.back_button.setVisible(index > 0)
        self.next_button.setVisible(not last)
        self.finish_button.setVisible(last)
        self.next_button.setEnabled(not self._page_has_errors(index))
        self.finish_button.setEnabled(not self._errors)
        (self.finish_button if last else self.next_button).setDefault(True)

    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.step_label.setText(f"Step {index + 1} of {self.pages.count()}")
        self._update_buttons()
        first = {0: self.birth_date, 1: self.waking_start, 2: self.calcium_page.first_field,
                 3: self.finish_button}[index]
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def go_next(self) -> None:
        index = self.pages.currentIndex()
        if index < self.pages.count() - 1 and not self._page_has_errors(index):
            self._show_page(index + 1)

    @Slot()
    def go_back(self) -> None:
        if self.pages.currentIndex() > 0:
            self._show_page(self.pages.currentIndex() - 1)

    @Slot()
    def finish(self) -> None:
        self.refresh()
        if self._candidate is None:
            return
        self._result = self._candidate
        self.skipped = False
        self.planChosen.emit(self._result)
        self.accept()

    def reject(self) -> None:
        """Skip, Esc and closing the window all mean "not now": the plan stays as it was."""
        if self._result is None:
            self.skipped = True
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._result is None:
            self.skipped = True
        super().closeEvent(event)

    def result_plan(self) -> Plan:
        """The plan to save: her answers once finished, otherwise the plan given, unchanged."""
        return self._result if self._result is not None else self._plan

    @property
    def errors(self) -> list[FieldError]:
        return list(self._errors)


def _kept_words(sessions: Sequence[ExerciseSession]) -> str:
    """'Also kept as you set it: Lunch stretch at 12:00.' (empty for none)"""
    if not sessions:
        return ""
    named = [f"{s.label or 'a session'} at {s.at:%H:%M}" for s in sessions]
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return f"Also kept as you set it in Settings: {listed}."


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def red_flags_html(lines: Sequence[str]) -> str:
    """The warning-sign lines as rich text: each group (split by an empty line) starts with its
    title, then what to do, then its "•" signs as a list, so the urgent ones stand out."""
    parts: list[str] = []
    bullets: list[str] = []
    first = True

    def close_list() -> None:
        if bullets:
            items = "".join(f"<li style='margin-bottom:5px'>{b}</li>" for b in bullets)
            parts.append(f"<ul style='margin-left:-20px; margin-top:0'>{items}</ul>")
            bullets.clear()

    for raw in lines:
        line = raw.strip()
        if not line:
            close_list()
            first = True
        elif line.startswith("•"):
            bullets.append(_escape(line.lstrip("• ").strip()))
        elif first:
            close_list()
            parts.append(f"<p style='font-weight:600; color:#8f2d2d; margin:6px 0 2px 0'>"
                         f"{_escape(line)}</p>")
            first = False
        else:
            close_list()
            parts.append(f"<p style='margin:0 0 6px 0'>{_escape(line)}</p>")
    close_list()
    return "".join(parts)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
