"""First-run setup: four short pages a tired mother can finish in about a minute.

It asks only what changes which exercises are safe and when reminders come (the baby's birth
date, the type of birth, feeding, her day, her session and meal times), her country (so the
Safety page names her emergency numbers), her calcium (her age band, calcium from food and the
foods she has most often: ``setup_calcium_page``), and shows the disclaimer and the red-flag
symptoms once. Every answer has a sensible preset, so
"Next, Next, I understand" is a valid path; "Skip for now" keeps the plan as it was, and the
core then assumes the most careful case (see ``core.plan.Profile``).

The wizard holds no rules of its own: it writes her answers into the plan's plain data and asks
``plan_from_dict`` whether they fit, showing its sentences beside the fields they name. Each
page is its own widget (``setup_about_page``, ``setup_day_page``, ``setup_calcium_page``,
``setup_safety_page``); this module only pages through them, checks and finishes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from backcare.core.countries import locale_name_from, preset_country
from backcare.core.plan import FieldError, Plan
from backcare.core.plan_codec import plan_from_dict, plan_to_dict
from backcare.ui.focus_ring import need_spin_ring
from backcare.ui.form_parts import make_error_label, show_error
from backcare.ui.setup_about_page import AboutPage
from backcare.ui.setup_calcium_page import CalciumPage
from backcare.ui.setup_day_page import DayPage, SlotRow
from backcare.ui.setup_look import red_flags_html, scrolled, wizard_style
from backcare.ui.setup_parts import labelled as _labelled
from backcare.ui.setup_safety_page import SafetyPage
from backcare.ui.theme import is_dark

# Room around the dialog on the screen, and the height of what surrounds a page (the step
# line, the buttons, margins), in pixels.
WINDOW_MARGIN, CHROME_HEIGHT = 24, 150

_INDEX = re.compile(r"^(sessions|calcium\.meals)\[(\d+)\]")


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
        need_spin_ring()  # its spin boxes and date fields get the focus ring too
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
        self.day_page = DayPage(plan)
        self.pages.addWidget(scrolled(self.day_page))
        day = self.day_page  # the same for the second page's fields
        self.waking_start, self.waking_end = day.waking_start, day.waking_end
        self.waking_error, self.slots = day.waking_error, day.slots
        self.kept_sessions, self.kept_note = day.kept_sessions, day.kept_note
        self.meal_times, self.meal_errors = day.meal_times, day.meal_errors
        self.calcium_page = CalciumPage(plan, foods)
        self.pages.addWidget(scrolled(self.calcium_page))
        self.safety_page = SafetyPage(disclaimer)
        self.disclaimer_label = self.safety_page.disclaimer_label
        self.red_flags_label = self.safety_page.red_flags_label
        self._show_red_flags(red_flags)
        self.pages.addWidget(self.safety_page)

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
        self.day_page.write(data)  # waking hours, her sessions (the four slots first), meals
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
        enabled = self.day_page.enabled_slots()
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

    def _label_for(self, field: str, enabled: Sequence[SlotRow]) -> QLabel | None:
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
