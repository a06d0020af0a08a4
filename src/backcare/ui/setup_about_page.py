"""The first-run setup's first page: about her and her baby.

The birth date, the type of birth, the postnatal check, the optional question about a third-
or fourth-degree tear or a complicated birth, her country (preset from the locale: only a
country we list, else "Not set", so no wrong number is ever preset) and feeding. Like the
other pages it decides nothing: ``write`` puts her answers into the plan's plain data.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QRadioButton,
    QWidget,
)

from backcare.core.plan import (
    COMPLICATED_BIRTH_HINT,
    COMPLICATED_BIRTH_WORDS,
    MAX_YEARS_SINCE_BIRTH,
    POSTNATAL_CHECK_WORDS,
    Profile,
)
from backcare.messages import birth_age_words
from backcare.ui.birth_date_parts import grey_out_after
from backcare.ui.birth_date_parts import qdate as _qdate
from backcare.ui.form_parts import make_error_label
from backcare.ui.settings_about_tab import COUNTRY_QUESTION, make_country_combo, select_country
from backcare.ui.setup_parts import labelled, page_layout, radio_choices

# (value stored in profile.birth_type, words on the button); None = "rather not say", which the
# progression treats as the most careful case.
BIRTH_CHOICES: tuple[tuple[str | None, str], ...] = (
    ("vaginal", "Vaginal birth"),
    ("assisted", "Assisted birth (forceps or vacuum)"),
    ("caesarean", "Caesarean birth"),
    (None, "I'd rather not say"),
)

# Breastfeeding as the other questions: a "rather not say" that is preset when she has not said,
# so every answer is preset (README). Nothing in the plan depends on it yet (the calcium
# target is the same while breastfeeding), so not saying costs her nothing.
FEEDING_CHOICES: tuple[tuple[bool | None, str], ...] = (
    (True, "Yes"), (False, "No"), (None, "I'd rather not say"),
)
class AboutPage(QWidget):
    """``AboutPage(profile, today, locale_country)``: the questions about her and her baby,
    filled from ``profile``; ``locale_country`` (the locale's code) presets the country."""

    def __init__(self, profile: Profile, today: date, locale_country: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._profile = profile
        layout = page_layout(
            self, "About you and your baby",
            "So Back Care only suggests exercises that suit this stage of your recovery.",
        )

        layout.addWidget(labelled("When was your baby born?", "question"))
        self.birth_date = QDateEdit()
        self.birth_date.setCalendarPopup(True)
        self.birth_date.setDisplayFormat("d MMMM yyyy")
        self.birth_date.setAccessibleName("Baby's birth date")
        earliest = today - timedelta(days=MAX_YEARS_SINCE_BIRTH * 366)
        self.birth_date.setDateRange(_qdate(earliest), _qdate(today))
        self.birth_date.setDate(_qdate(profile.birth_date or today))
        self.birth_date.setMinimumWidth(220)
        grey_out_after(self.birth_date.calendarWidget(), today)
        self.birth_date_error = make_error_label("Problem with the birth date")
        self.birth_age = labelled("", "note")  # "That is 6 weeks and 2 days ago."
        # no accessible name: a screen reader reads "That is 6 weeks ago." as shown
        self._today = today
        self.birth_date.dateChanged.connect(self._echo_age)
        self._echo_age()
        row = QHBoxLayout()
        row.addWidget(self.birth_date)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.birth_age)
        layout.addWidget(self.birth_date_error)

        layout.addWidget(labelled("How was your baby born?", "question"))
        self.birth_group, self.birth_buttons = radio_choices(self, layout, BIRTH_CHOICES)
        self.birth_buttons.get(profile.birth_type, self.birth_buttons[None]).setChecked(True)
        layout.addWidget(labelled(
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
        layout.addWidget(labelled(COMPLICATED_BIRTH_HINT, "note"))

        layout.addWidget(labelled(COUNTRY_QUESTION, "question"))
        self.country = make_country_combo()
        guess = locale_country if self.country.findData(locale_country) >= 0 else None
        select_country(self.country, profile.country or guess)
        row = QHBoxLayout()
        row.addWidget(self.country)
        row.addStretch(1)
        layout.addLayout(row)

        layout.addWidget(labelled("Are you breastfeeding?", "question"))
        self.feeding_group = QButtonGroup(self)
        self.feeding_buttons: dict[bool | None, QRadioButton] = {}
        row = QHBoxLayout()
        for i, (flag, words) in enumerate(FEEDING_CHOICES):
            button = QRadioButton(words)
            button.setAccessibleName(f"Breastfeeding: {words}")
            self.feeding_group.addButton(button, i)
            self.feeding_buttons[flag] = button
            row.addWidget(button)
        row.addStretch(1)
        self.feeding_yes, self.feeding_no = self.feeding_buttons[True], self.feeding_buttons[False]
        self.feeding_buttons[profile.breastfeeding].setChecked(True)
        layout.addLayout(row)

        self.profile_error = make_error_label("Problem with these answers")
        layout.addWidget(self.profile_error)
        layout.addStretch(1)

    def _echo_age(self) -> None:
        words = birth_age_words(self.birth_date.date().toPython(), self._today)
        self.birth_age.setText(words)
        self.birth_date.setAccessibleDescription(words)

    def write(self, profile: dict[str, Any]) -> None:
        """Her answers into ``profile`` (the plan's plain ``[profile]`` table)."""
        profile["birth_date"] = self.birth_date.date().toPython().isoformat()
        birth_type = next((v for v, b in self.birth_buttons.items() if b.isChecked()), None)
        if birth_type is not None:
            profile["birth_type"] = birth_type
        feeding = next((f for f, b in self.feeding_buttons.items() if b.isChecked()), None)
        if feeding is not None:
            profile["breastfeeding"] = feeding
        # She has seen the question here, so an unticked box is a "not yet", not a "not said".
        profile["postnatal_check"] = self.postnatal_check.isChecked()
        # Optional: ticked is a yes; unticked keeps what she said before (or "not said").
        if self.complicated_birth.isChecked():
            profile["complicated_birth"] = True
        elif self._profile.complicated_birth is not None:
            profile["complicated_birth"] = False
        if self.country.currentData() is not None:
            profile["country"] = self.country.currentData()
