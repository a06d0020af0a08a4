"""The Settings window's "Calcium" tab: reminders on or off, meals, her age band, the daily
target, foods.

The plan's ``calcium_enabled`` and ``calcium`` (``meals``, ``age_band``, ``daily_target_mg``,
``foods``). Meals are growable rows, each with its own remove button and red sentence; a food
id the food list does not know stays visible and ticked, so it is never dropped unseen.

The target follows the guidance for her age band (``core.plan.recommended_calcium_mg``; the
box shows it) until she types a number of her own, which ticks "My own target"; unticking it
goes back to the guidance. The core decides what a target equal to the guidance means.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from backcare.core.plan import (
    AGE_BAND_WORDS,
    CALCIUM_MAX_MG,
    CALCIUM_MIN_MG,
    MAX_MEALS,
    MIN_MEALS,
    AgeBand,
    recommended_calcium_mg,
)
from backcare.ui.form_parts import (
    MealRow,
    checkable,
    checked_values,
    make_error_label,
    note,
    row,
    with_error,
)
from backcare.ui.settings_tab import SettingsTab, commit_typed_numbers_on_enter, form_layout

_MEAL_FIELD = re.compile(r"^calcium\.meals\[(\d+)\]")  # "calcium.meals[0].at" -> row 0

# The age question setup and Settings both ask, in the same words. None: she has not said.
AGE_QUESTION = "How old are you?"
AGE_CHOICES: tuple[tuple[AgeBand | None, str], ...] = (
    (AgeBand.UNDER_19, AGE_BAND_WORDS[AgeBand.UNDER_19]),
    (AgeBand.FROM_19, AGE_BAND_WORDS[AgeBand.FROM_19]),
    (None, "Rather not say"),
)
AGE_NOTE = (
    "Under 19 your own bones are still growing, so the daily target is 1,300 mg of calcium "
    "rather than 1,000 mg (US NIH guidance; the same while breastfeeding)."
)


def ordered_foods(foods: Sequence[tuple[str, str]], chosen: Sequence[str]
                  ) -> list[tuple[str, str]]:
    """The ``(id, name)`` pairs with her chosen ones first, in her order."""
    names = dict(foods)
    mine = [(food_id, names[food_id]) for food_id in chosen if food_id in names]
    return [*mine, *((i, n) for i, n in foods if i not in chosen)]


def target_words(age_band: AgeBand | None) -> str:
    """"Recommended for you: 1,000 mg a day" (not said: as for 19 or older)."""
    return f"Recommended for you: {recommended_calcium_mg(age_band):,} mg a day"


class CalciumTab(SettingsTab):
    """``CalciumTab(foods)``: the ``calcium_enabled`` and ``calcium`` keys. ``foods`` are the
    ``(id, name)`` pairs she may tick. A meal's name reports ``typed``, and ``typingDone`` on
    Enter or leaving it."""

    keys = ("calcium_enabled", "calcium")

    def __init__(self, foods: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._foods = list(foods)
        self.meal_rows: list[MealRow] = []
        form = form_layout(self)
        self.calcium_enabled = QCheckBox("Remind me to take calcium with meals")
        self.calcium_enabled.setAccessibleName("Calcium reminders")
        self.calcium_enabled.toggled.connect(self._changed)
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
        meals_layout.addLayout(row(self.add_meal_button))
        meals_layout.addWidget(self.meals_error)
        form.addRow("Meals", meals)
        self.age_band = QComboBox()
        self.age_band.setAccessibleName(AGE_QUESTION)
        for band, words in AGE_CHOICES:  # the data is the plain value, as in the plan's data
            self.age_band.addItem(words, band.value if band is not None else None)
        self.age_band.currentIndexChanged.connect(self._on_age_band)
        self.age_band_error = make_error_label("Problem with your age")
        form.addRow("Your age", with_error(row(self.age_band), self.age_band_error))
        form.addRow(note(AGE_NOTE))
        self.own_target = QCheckBox("My own target")
        self.own_target.setAccessibleName("Use my own daily calcium target")
        self.own_target.toggled.connect(self._on_own_target)
        self.recommended = QLabel()
        # no accessible name: "Recommended for you: 1,000 mg a day" is read as shown
        self.calcium_target = QSpinBox()
        self.calcium_target.setRange(CALCIUM_MIN_MG, CALCIUM_MAX_MG)
        self.calcium_target.setSingleStep(50)
        self.calcium_target.setSuffix(" mg")
        self.calcium_target.setAccessibleName("Daily calcium target")
        self.calcium_target.setMinimumWidth(130)
        self.calcium_target.valueChanged.connect(self._on_target_typed)
        self.calcium_target_error = make_error_label("Problem with the daily calcium target")
        form.addRow("Daily target", with_error(
            row(self.calcium_target, self.own_target), self.calcium_target_error
        ))
        form.addRow("", self.recommended)
        self.food_list = QListWidget()
        self.food_list.setAccessibleName("Calcium foods to suggest")
        self.food_list.itemChanged.connect(self._changed)
        self.foods_error = make_error_label("Problem with the calcium foods")
        form.addRow("Foods to suggest", with_error(self.food_list, self.foods_error))
        self.calcium_error = make_error_label("Problem with the calcium settings")
        form.addRow(self.calcium_error)
        commit_typed_numbers_on_enter(self)

    # -- the data -----------------------------------------------------------------------------

    def _load(self, data: Mapping[str, Any]) -> None:
        calcium = data["calcium"]
        self.calcium_enabled.setChecked(data["calcium_enabled"])
        self._set_meals(calcium["meals"])
        band = calcium.get("age_band")
        self.age_band.setCurrentIndex(max(0, self.age_band.findData(band)))
        own = calcium.get("daily_target_mg")
        self.own_target.setChecked(own is not None)
        self._show_target(own)
        self._fill_foods(calcium["foods"])

    def data(self) -> dict[str, Any]:
        """A ``daily_target_mg`` only when she set her own; an ``age_band`` only when said."""
        calcium: dict[str, Any] = {
            "meals": [meal.data() for meal in self.meal_rows],
            "foods": checked_values(self.food_list),
        }
        if self.own_target.isChecked():
            calcium["daily_target_mg"] = self.calcium_target.value()
        band = self._band()
        if band is not None:
            calcium["age_band"] = band.value
        return {"calcium_enabled": self.calcium_enabled.isChecked(), "calcium": calcium}

    # -- the target ---------------------------------------------------------------------------

    def _band(self) -> AgeBand | None:
        band = self.age_band.currentData()
        return AgeBand(band) if band is not None else None

    def _show_target(self, own: int | None) -> None:
        """Her own number, or (None) the guidance for her age band, without it counting as an
        edit of hers."""
        self.recommended.setText(target_words(self._band()))
        self.calcium_target.blockSignals(True)
        self.calcium_target.setValue(own if own is not None else
                                     recommended_calcium_mg(self._band()))
        self.calcium_target.blockSignals(False)

    @Slot()
    def _on_age_band(self, *_args: object) -> None:
        own = self.calcium_target.value() if self.own_target.isChecked() else None
        self._show_target(own)
        self._changed()

    @Slot(bool)
    def _on_own_target(self, checked: bool) -> None:
        if not checked:  # back to the guidance for her age
            self._show_target(None)
        self._changed()

    @Slot(int)
    def _on_target_typed(self, _value: int) -> None:
        """A number she typed or stepped to is her own target."""
        if not self._loading and not self.own_target.isChecked():
            self.own_target.blockSignals(True)
            self.own_target.setChecked(True)
            self.own_target.blockSignals(False)
        self._changed()

    def _field_labels(self) -> dict[str, QLabel]:
        return {
            "calcium_enabled": self.calcium_error,
            "calcium.meals": self.meals_error,
            "calcium.daily_target_mg": self.calcium_target_error,
            "calcium.age_band": self.age_band_error,
            "calcium.foods": self.foods_error,
            "calcium": self.calcium_error,
        }

    def _label_for(self, field: str) -> QLabel | None:
        found = _MEAL_FIELD.match(field)
        if found:  # a meal's own sentence; one beyond the rows shown is a general problem
            index = int(found.group(1))
            return self.meal_rows[index].error if index < len(self.meal_rows) else None
        return super()._label_for(field)

    def _error_labels(self) -> Iterable[QLabel]:
        return [*super()._error_labels(), *(meal.error for meal in self.meal_rows)]

    def _fill_foods(self, chosen: Sequence[str]) -> None:
        """Her foods first, in her order (the first is what a notification's "Taken" counts),
        then the rest of the list, so reading the list back never reorders hers."""
        self.food_list.clear()
        known = {food_id for food_id, _ in self._foods}
        for food_id, name in ordered_foods(self._foods, chosen):
            self.food_list.addItem(checkable(name, food_id, food_id in chosen))
        for food_id in chosen:
            if food_id not in known:
                self.food_list.addItem(checkable(f"{food_id} (not in the food list)",
                                                 food_id, True))

    # -- meals --------------------------------------------------------------------------------

    @Slot()
    def add_meal(self) -> None:
        """A new row at the first free whole hour from 10:00, its name still to be typed."""
        if len(self.meal_rows) < MAX_MEALS:
            taken = {meal.data()["at"] for meal in self.meal_rows}
            at = next((f"{h:02d}:00" for h in range(10, 22) if f"{h:02d}:00" not in taken),
                      "12:00")
            meal = self._append_meal("", at)
            self._update_buttons()
            self._changed()
            meal.name.setFocus()

    def remove_meal(self, meal: MealRow) -> None:
        if meal in self.meal_rows and len(self.meal_rows) > MIN_MEALS:
            self.meal_rows.remove(meal)
            meal.deleteLater()
            self._update_buttons()
            self._changed()

    def _set_meals(self, meals: Sequence[Mapping[str, str]]) -> None:
        for meal in self.meal_rows:
            meal.deleteLater()
        self.meal_rows = []
        for meal_data in meals:
            self._append_meal(meal_data["name"], meal_data["at"])
        self._update_buttons()

    def _append_meal(self, name: str, at: str) -> MealRow:
        meal = MealRow(name, at)
        commit_typed_numbers_on_enter(meal)
        meal.name.textEdited.connect(self._key_typed)
        meal.name.editingFinished.connect(self.typingDone)
        meal.time.timeChanged.connect(self._changed)
        meal.remove_button.clicked.connect(lambda: self.remove_meal(meal))
        self.meal_rows.append(meal)
        self.meal_box.addWidget(meal)
        return meal

    def _update_buttons(self) -> None:
        self.add_meal_button.setEnabled(len(self.meal_rows) < MAX_MEALS)
        for meal in self.meal_rows:
            meal.remove_button.setEnabled(len(self.meal_rows) > MIN_MEALS)
