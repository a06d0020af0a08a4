"""The Settings window's "Calcium" tab: reminders on or off, meals, the daily target, foods.

The plan's ``calcium_enabled`` and ``calcium`` (``meals``, ``daily_target_mg``, ``foods``).
Meals are growable rows, each with its own remove button and red sentence; a food id the food
list does not know stays visible and ticked, so it is never dropped unseen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from backcare.core.plan import CALCIUM_MAX_MG, CALCIUM_MIN_MG, MAX_MEALS, MIN_MEALS
from backcare.ui.form_parts import (
    MealRow,
    checkable,
    checked_values,
    make_error_label,
    row,
    with_error,
)
from backcare.ui.settings_tab import SettingsTab, commit_typed_numbers_on_enter, form_layout

_MEAL_FIELD = re.compile(r"^calcium\.meals\[(\d+)\]")  # "calcium.meals[0].at" -> row 0


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
        self.calcium_target = QSpinBox()
        self.calcium_target.setRange(CALCIUM_MIN_MG, CALCIUM_MAX_MG)
        self.calcium_target.setSingleStep(50)
        self.calcium_target.setSuffix(" mg")
        self.calcium_target.setAccessibleName("Daily calcium target")
        self.calcium_target.setMinimumWidth(130)
        self.calcium_target.valueChanged.connect(self._changed)
        self.calcium_target_error = make_error_label("Problem with the daily calcium target")
        form.addRow("Daily target", with_error(
            row(self.calcium_target), self.calcium_target_error
        ))
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
        self.calcium_target.setValue(calcium["daily_target_mg"])
        self._fill_foods(calcium["foods"])

    def data(self) -> dict[str, Any]:
        return {
            "calcium_enabled": self.calcium_enabled.isChecked(),
            "calcium": {
                "meals": [meal.data() for meal in self.meal_rows],
                "daily_target_mg": self.calcium_target.value(),
                "foods": checked_values(self.food_list),
            },
        }

    def _field_labels(self) -> dict[str, QLabel]:
        return {
            "calcium_enabled": self.calcium_error,
            "calcium.meals": self.meals_error,
            "calcium.daily_target_mg": self.calcium_target_error,
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
        self.food_list.clear()
        known = {food_id for food_id, _ in self._foods}
        for food_id, name in self._foods:
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
