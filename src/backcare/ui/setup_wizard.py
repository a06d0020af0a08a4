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

import os
import re
from collections.abc import Callable, Sequence
from datetime import date, time
from typing import Any

from PySide6.QtCore import QDate, QEvent, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from backcare.core.countries import locale_name_from, preset_country
from backcare.core.plan import (
    DEFAULT_SESSIONS,
    ExerciseSession,
    FieldError,
    Plan,
)
from backcare.core.plan_codec import plan_from_dict, plan_to_dict
from backcare.ui.form_parts import hhmm as _hhmm
from backcare.ui.form_parts import make_error_label, show_error
from backcare.ui.setup_about_page import AboutPage
from backcare.ui.setup_calcium_page import CalciumPage
from backcare.ui.setup_look import red_flags_html, scrolled, wizard_style
from backcare.ui.setup_parts import labelled as _labelled
from backcare.ui.setup_parts import page_layout
from backcare.ui.setup_parts import time_edit as _time_edit
from backcare.ui.theme import is_dark
from backcare.ui.time_field import TimeField

# The four times of day she can pick; labels match the default plan, so her answers keep the
# exercises the defaults chose until the progression fills them in.
SESSION_SLOTS: tuple[tuple[str, time], ...] = (
    ("Morning", time(8, 0)),
    ("Afternoon", time(15, 0)),
    ("Evening", time(19, 30)),
    ("Before bed", time(21, 30)),
)

# Room around the dialog on the screen, and the height of what surrounds a page (the step
# line, the buttons, margins), in pixels.
WINDOW_MARGIN, CHROME_HEIGHT = 24, 150

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
    ``red_flags_for(code)``, when given, gives the warning-sign lines for a country, so the
    last page names the numbers of the country chosen on the first.

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
        red_flags_for: Callable[[str | None], Sequence[str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._red_flags_for = red_flags_for
        if locale_name is None:
            locale_name = locale_name_from(os.environ)
        self._locale_country = preset_country(locale_name)
        self._plan = plan
        self._today = today
        self._result: Plan | None = None
        self._errors: list[FieldError] = []
        self.skipped = False
        self.setObjectName("setupWizard")
        self.setWindowTitle("Welcome to Back Care")
        self.setAccessibleName("First-run setup")
        self.setStyleSheet(wizard_style(self.palette()))
        self.setMinimumWidth(620)
        self._sized = False

        self.pages = QStackedWidget()
        # A long page scrolls rather than squeezing its words on a small screen.
        self.about_page = AboutPage(plan.profile, today, self._locale_country)
        self.pages.addWidget(scrolled(self.about_page))
        page = self.about_page  # its fields, by the names the wizard's checks and tests use
        self.birth_date, self.birth_date_error = page.birth_date, page.birth_date_error
        self.birth_group, self.birth_buttons = page.birth_group, page.birth_buttons
        self.postnatal_check, self.complicated_birth = page.postnatal_check, page.complicated_birth
        self.country, self.profile_error = page.country, page.profile_error
        self.feeding_group = page.feeding_group
        self.feeding_yes, self.feeding_no = page.feeding_yes, page.feeding_no
        self.pages.addWidget(scrolled(self._day_page()))
        self.calcium_page = CalciumPage(plan, foods)
        self.pages.addWidget(scrolled(self.calcium_page))
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
        line.setObjectName("rule")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 18)
        layout.setSpacing(10)
        layout.addWidget(self.step_label)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(line)
        layout.addLayout(buttons)

        self._connect_edits()
        self._on_country()  # the preset country's numbers, not the saved plan's
        self._show_page(0)
        self.refresh()

    # -- pages --------------------------------------------------------------------------------

    def _day_page(self) -> QWidget:
        plan = self._plan
        page = QWidget()
        layout = page_layout(
            page, "Your day",
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
        self.red_flags_label = QLabel()
        self.red_flags_label.setTextFormat(Qt.TextFormat.RichText)
        self.red_flags_label.setWordWrap(True)
        self.red_flags_label.setAccessibleName("Warning signs")
        self._show_red_flags(red_flags)
        self.red_flags_label.setStyleSheet("font-size: 11pt; padding: 4px 10px 4px 4px;")
        self.red_flags_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(self.red_flags_label)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setAccessibleName("Warning signs")
        scroll.setObjectName("warningSigns")
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
        self.country.currentIndexChanged.connect(self._on_country)
        self.calcium_page.changed.connect(self.refresh)
        for edit in (self.waking_start, self.waking_end, *self.meal_times):
            edit.timeChanged.connect(self.refresh)
        for slot in self.slots:
            slot.check.toggled.connect(self.refresh)
            slot.time.timeChanged.connect(self.refresh)

    def answers(self) -> dict[str, Any]:
        """Her answers written into the plan's plain data (everything else kept as it was)."""
        data = plan_to_dict(self._plan)
        profile: dict[str, Any] = {}
        self.about_page.write(profile)
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

    def _show_red_flags(self, lines: Sequence[str]) -> None:
        self.red_flags_lines = list(lines)
        self.red_flags_label.setText(red_flags_html(lines, dark=is_dark(self.palette())))
        self.red_flags_label.setAccessibleDescription("\n".join(lines))

    @Slot()
    def _on_country(self) -> None:
        """The warning signs speak in the numbers of the country she has just chosen."""
        if self._red_flags_for is not None:
            self._show_red_flags(self._red_flags_for(self.country.currentData()))

    @property
    def current_page(self) -> QWidget:
        """The page shown now (inside the scroll area it may sit in)."""
        shown = self.pages.currentWidget()
        inner = shown.widget() if isinstance(shown, QScrollArea) else None
        return inner if inner is not None else shown

    def changeEvent(self, event: QEvent) -> None:
        """A new desktop palette (dark or light) restyles the wizard to match."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            style = wizard_style(self.palette())
            if style != self.styleSheet():
                self.setStyleSheet(style)
                self._show_red_flags(self.red_flags_lines)

    def reject(self) -> None:
        """Skip, Esc and closing the window all mean "not now": the plan stays as it was."""
        if self._result is None:
            self.skipped = True
        super().reject()

    def showEvent(self, event: QShowEvent) -> None:
        """Tall enough for the first page without scrolling where the screen allows (the
        pages scroll, so the dialog's own size hint would be only a few lines high)."""
        super().showEvent(event)
        screen = self.screen()
        if self._sized or screen is None:
            return
        self._sized = True
        room = screen.availableGeometry().height() - 2 * WINDOW_MARGIN
        wanted = self.about_page.sizeHint().height() + CHROME_HEIGHT
        self.resize(max(self.width(), 680), max(self.height(), min(wanted, room)))

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
