"""The Settings window's "About you" tab: what she told Back Care about herself.

The baby's birth date, the type of birth, whether she has had her postnatal check, her
country (for the emergency numbers), breastfeeding and calcium from her usual food: the plan's
``profile``. Each may be left out
("Rather not say"); the tab only shows and gives back the plain data, and what is safe for
her is decided in ``core``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from backcare.core.countries import is_code, load_countries
from backcare.core.plan import (
    COMPLICATED_BIRTH_HINT,
    COMPLICATED_BIRTH_WORDS,
    DIET_CALCIUM_MAX_MG,
    POSTNATAL_CHECK_WORDS,
)
from backcare.messages import birth_age_words
from backcare.paths import resources_dir
from backcare.ui.birth_date_parts import grey_out_after
from backcare.ui.form_parts import make_error_label, note, row, with_error
from backcare.ui.settings_tab import SettingsTab, commit_typed_numbers_on_enter, form_layout

BIRTH_TYPE_CHOICES: tuple[tuple[str | None, str], ...] = (
    (None, "Rather not say"),
    ("vaginal", "Vaginal birth"),
    ("assisted", "Assisted birth (forceps or vacuum)"),
    ("caesarean", "Caesarean birth"),
)
FEEDING_CHOICES: tuple[tuple[bool | None, str], ...] = (
    (None, "Rather not say"), (True, "Yes"), (False, "No"),
)

COUNTRY_QUESTION = "Your country (for the emergency numbers)"
COUNTRY_NOT_SET = "Not set"


@lru_cache(maxsize=1)
def country_choices() -> tuple[tuple[str, str], ...]:
    """``(code, name)`` of every listed country, sorted by name. A broken entry is simply left
    out here (the Safety page reports the problems); the neutral ``[unknown]`` is no choice."""
    countries, _problems = load_countries(resources_dir() / "countries.toml")
    return tuple(sorted(
        ((code, c.name) for code, c in countries.items() if is_code(code) and c.known),
        key=lambda pair: (pair[1].casefold(), pair[0]),
    ))


def make_country_combo() -> QComboBox:
    """"Not set" (data None) and then every country by name (data = its two-letter code)."""
    combo = QComboBox()
    combo.setAccessibleName(COUNTRY_QUESTION)
    combo.addItem(COUNTRY_NOT_SET, None)
    for code, name in country_choices():
        combo.addItem(name, code)
    return combo


def select_country(combo: QComboBox, code: str | None) -> None:
    """Show ``code``; one not in the list (a hand-edited plan) is added as itself, so it is
    shown and given back unchanged rather than silently lost."""
    index = combo.findData(code) if code is not None else 0
    if index < 0:
        combo.addItem(code, code)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


class CheckWords(QLabel):
    """The words of a check box, beside it, wrapping to the room there is. A QCheckBox's own
    text never wraps, so a long question ("I have had my postnatal check…") was cut off in a
    dialog narrower than about 870 px. A click on the words ticks the box, as a click on a box's
    own text does; the box keeps the words as its accessible name, so a screen reader hears the
    question on the box it can tick, and the label is its buddy (the "label for" relation)."""

    def __init__(self, box: QCheckBox, words: str) -> None:
        super().__init__(words)
        self.setWordWrap(True)
        self.setBuddy(box)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        box.setAccessibleName(words)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()  # the release below is this label's, not its parent's

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        box = self.buddy()
        inside = self.rect().contains(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and inside and box.isEnabled():
            box.setFocus(Qt.FocusReason.MouseFocusReason)
            box.click()
        event.accept()


def wrapping_check(words: str) -> tuple[QCheckBox, CheckWords, QHBoxLayout]:
    """A check box with its words in a wrapping label beside it: the box, the words, the row."""
    box = QCheckBox()
    label = CheckWords(box, words)
    line = QHBoxLayout()
    line.setContentsMargins(0, 0, 0, 0)
    line.setSpacing(6)
    line.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
    line.addWidget(label, 1)
    return box, label, line


class AboutTab(SettingsTab):
    """``AboutTab(today)``: the ``profile`` key. ``today()`` is the latest birth date offered
    and the date shown while the birth date is left out."""

    keys = ("profile",)
    deleteDataRequested = Signal()  # "Delete all my data…": the shell asks (app/delete_data)

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        form = form_layout(self)
        form.addRow(note("So Back Care only suggests exercises that suit this stage of your "
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
        form.addRow("Baby's birth date", with_error(
            row(self.birth_date, self.birth_date_unknown), self.birth_date_error
        ))
        self.birth_age = note("")  # "That is 6 weeks ago.", as in the setup
        # no accessible name: a screen reader reads "That is 6 weeks ago." as shown
        form.addRow("", self.birth_age)
        self.birth_date.dateChanged.connect(self._echo_age)
        self.birth_date_unknown.toggled.connect(self._echo_age)
        self.birth_type = QComboBox()
        self.birth_type.setAccessibleName("Type of birth")
        for value, words in BIRTH_TYPE_CHOICES:
            self.birth_type.addItem(words, value)
        self.birth_type_error = make_error_label("Problem with the type of birth")
        form.addRow("Type of birth", with_error(row(self.birth_type), self.birth_type_error))
        # The harder exercises wait for this; see _check_said for what an untouched box means.
        self.postnatal_check, self.postnatal_words, line = wrapping_check(POSTNATAL_CHECK_WORDS)
        self.postnatal_check_error = make_error_label("Problem with the postnatal check")
        form.addRow("Postnatal check", with_error(line, self.postnatal_check_error))
        self._check_said: bool | None = None
        self.complicated_birth, self.complicated_words, line = wrapping_check(
            COMPLICATED_BIRTH_WORDS)
        self.complicated_birth.setAccessibleDescription(COMPLICATED_BIRTH_HINT)
        self.complicated_birth_error = make_error_label("Problem with the tear or birth answer")
        form.addRow("Harder birth", with_error(line, self.complicated_birth_error))
        form.addRow("", note(COMPLICATED_BIRTH_HINT))
        self._complicated_said: bool | None = None
        self.country = make_country_combo()
        self.country_error = make_error_label("Problem with your country")
        form.addRow(COUNTRY_QUESTION, with_error(row(self.country), self.country_error))
        self.breastfeeding = QComboBox()
        self.breastfeeding.setAccessibleName("Breastfeeding")
        for flag, words in FEEDING_CHOICES:
            self.breastfeeding.addItem(words, flag)
        self.breastfeeding_error = make_error_label("Problem with breastfeeding")
        form.addRow("Breastfeeding", with_error(
            row(self.breastfeeding), self.breastfeeding_error
        ))
        self.diet_calcium = QSpinBox()
        self.diet_calcium.setRange(0, DIET_CALCIUM_MAX_MG)
        self.diet_calcium.setSingleStep(50)
        self.diet_calcium.setSuffix(" mg a day")
        self.diet_calcium.setAccessibleName("Calcium from your usual food")
        self.diet_calcium.setMinimumWidth(150)
        self.diet_calcium_error = make_error_label("Problem with calcium from food")
        form.addRow("Calcium from food", with_error(
            row(self.diet_calcium), self.diet_calcium_error
        ))
        form.addRow("", note("A rough guess is fine: about 300 if you rarely have milk, yogurt, "
                             "cheese or tofu, 600 if you have one or two a day, 900 if you have "
                             "one with most meals. It counts toward your daily calcium."))
        self.profile_error = make_error_label("Problem with what you told Back Care")
        form.addRow(self.profile_error)
        self.birth_date.dateChanged.connect(self._changed)
        self.birth_date_unknown.toggled.connect(self._changed)
        self.birth_type.currentIndexChanged.connect(self._changed)
        self.postnatal_check.clicked.connect(self._on_postnatal_check)
        self.complicated_birth.clicked.connect(self._on_complicated_birth)
        self.country.currentIndexChanged.connect(self._changed)
        self.breastfeeding.currentIndexChanged.connect(self._changed)
        self.diet_calcium.valueChanged.connect(self._changed)
        form.addRow(note("Everything Back Care knows about you stays on this computer. You "
                         "can delete it all, with your history, whenever you wish."))
        self.delete_data_button = QPushButton("Delete all my data\u2026")
        self.delete_data_button.setAutoDefault(False)
        self.delete_data_button.clicked.connect(self.deleteDataRequested)
        form.addRow("Your data", row(self.delete_data_button))
        commit_typed_numbers_on_enter(self)

    def _echo_age(self) -> None:
        """Her baby's age under the date, or nothing when she would rather not say."""
        unsaid = self.birth_date_unknown.isChecked()
        self.birth_age.setText("" if unsaid else birth_age_words(
            self.birth_date.date().toPython(), self._today()))
        self.birth_age.setVisible(not unsaid)

    def _load(self, data: Mapping[str, Any]) -> None:
        profile = data["profile"]
        today = self._today()
        self.birth_date.setMaximumDate(QDate(today.year, today.month, today.day))
        grey_out_after(self.birth_date.calendarWidget(), today)
        born = profile.get("birth_date")
        known = date.fromisoformat(born) if born is not None else today
        self.birth_date.setDate(QDate(known.year, known.month, known.day))
        self.birth_date_unknown.setChecked(born is None)
        self.birth_date.setEnabled(born is not None)
        self.birth_type.setCurrentIndex(
            max(0, self.birth_type.findData(profile.get("birth_type")))
        )
        feeding = [flag for flag, _ in FEEDING_CHOICES].index(profile.get("breastfeeding"))
        self.breastfeeding.setCurrentIndex(feeding)
        self.diet_calcium.setValue(profile["diet_calcium_mg"])
        self._check_said = profile.get("postnatal_check")
        self.postnatal_check.setChecked(self._check_said is True)
        self._complicated_said = profile.get("complicated_birth")
        self.complicated_birth.setChecked(self._complicated_said is True)
        select_country(self.country, profile.get("country"))

    def _on_postnatal_check(self, checked: bool) -> None:
        """She clicked the box, so she has answered: unticked from now on means "not yet"."""
        self._check_said = checked
        self._changed()

    def _on_complicated_birth(self, checked: bool) -> None:
        """As for the postnatal check: once clicked, unticked means "no", not "not said"."""
        self._complicated_said = checked
        self._changed()

    def data(self) -> dict[str, Any]:
        """``{"profile": {...}}``; a field left out ("Rather not say") has no key."""
        profile: dict[str, Any] = {"diet_calcium_mg": self.diet_calcium.value()}
        if not self.birth_date_unknown.isChecked():
            profile["birth_date"] = self.birth_date.date().toPython().isoformat()
        if self.birth_type.currentData() is not None:
            profile["birth_type"] = self.birth_type.currentData()
        if self.breastfeeding.currentData() is not None:
            profile["breastfeeding"] = self.breastfeeding.currentData()
        if self.country.currentData() is not None:
            profile["country"] = self.country.currentData()
        # A box she never touched keeps "not said" (no key), so opening Settings to change
        # something else does not answer this question for her.
        if self.postnatal_check.isChecked():
            profile["postnatal_check"] = True
        elif self._check_said is not None:
            profile["postnatal_check"] = False
        if self.complicated_birth.isChecked():
            profile["complicated_birth"] = True
        elif self._complicated_said is not None:
            profile["complicated_birth"] = False
        return {"profile": profile}

    def _field_labels(self) -> dict[str, QLabel]:
        return {
            "profile.birth_date": self.birth_date_error,
            "profile.birth_type": self.birth_type_error,
            "profile.breastfeeding": self.breastfeeding_error,
            "profile.postnatal_check": self.postnatal_check_error,
            "profile.complicated_birth": self.complicated_birth_error,
            "profile.country": self.country_error,
            "profile.diet_calcium_mg": self.diet_calcium_error,
            "profile": self.profile_error,
        }
