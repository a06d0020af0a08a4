"""The first-run setup's calcium page: her age band, calcium from her usual food, and the
calcium foods she has most often.

Her age band sets the daily target (1,300 mg under 19, else 1,000 mg: ``core.plan``); her usual
food is counted into the tally; the foods she ticks are offered first when she marks a portion
taken, and the first of them is what a notification's "Taken" counts (``core.calcium``). Every
question may be left unanswered: the target then is 1,000 mg, and milk comes first.

Like the wizard that holds it, the page decides nothing: ``write`` puts her answers into the
plan's plain data, and ``label_for`` says where a sentence of the core's belongs on the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QListWidget,
    QWidget,
)

from backcare.core.plan import AgeBand, Plan
from backcare.ui.form_parts import checkable, checked_values, make_error_label
from backcare.ui.settings_calcium_tab import (
    AGE_CHOICES,
    AGE_NOTE,
    AGE_QUESTION,
    ordered_foods,
)
from backcare.ui.setup_parts import labelled, page_layout, radio_choices

# Rough calcium from ordinary food, in mg a day, counted into the daily tally. Deliberately
# coarse: she is guessing, and the reminders only need a ballpark (G-NHS-CALCIUM names the
# foods; the amounts are typical portions from resources/foods.toml, rounded down).
CALCIUM_CHOICES: tuple[tuple[int, str], ...] = (
    (300, "Little: I rarely have milk, yogurt, cheese or tofu"),
    (600, "Some: one or two of those most days"),
    (900, "Plenty: one of those with most meals"),
    (0, "I'm not sure"),
)
FOODS_NOTE = (
    "When you mark a portion taken, these come first. A \u201cTaken\u201d on a reminder counts "
    "the first one ticked; you can choose another food on the Today page."
)


class CalciumPage(QWidget):
    """``CalciumPage(plan, foods)``: ``foods`` are the library's ``(id, name)`` pairs (none:
    the food question is not shown). ``changed`` on every answer."""

    changed = Signal()

    def __init__(self, plan: Plan, foods: Sequence[tuple[str, str]] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plan = plan
        layout = page_layout(
            self, "Calcium",
            "Back Care reminds you to take calcium with your meals and counts each portion "
            "toward a daily target.",
        )

        layout.addWidget(labelled(AGE_QUESTION, "question"))
        self.age_group, self.age_buttons = radio_choices(
            self, layout, AGE_CHOICES, lambda words: f"{AGE_QUESTION} {words}")
        if plan.calcium.age_band is not None:
            self.age_buttons[plan.calcium.age_band].setChecked(True)
        layout.addWidget(labelled(AGE_NOTE, "note"))

        layout.addWidget(labelled("How much calcium-rich food do you usually eat?", "question"))
        self.calcium_group, self.calcium_buttons = radio_choices(self, layout, CALCIUM_CHOICES)
        self._diet_mg = plan.profile.diet_calcium_mg
        if self._diet_mg in self.calcium_buttons:
            self.calcium_buttons[self._diet_mg].setChecked(True)

        self._known = [food_id for food_id, _ in foods]
        self.food_list = QListWidget()
        self.food_list.setAccessibleName("Calcium foods you have most often")
        self.food_list.setMinimumHeight(120)  # about five rows, whatever the screen
        self.food_list.setMaximumHeight(150)
        self.food_list.setStyleSheet("font-size: 11pt;")  # the wizard's sheet has no lists
        for food_id, name in ordered_foods(foods, plan.calcium.foods):  # hers first
            self.food_list.addItem(checkable(name, food_id, food_id in plan.calcium.foods))
        self.foods_question = labelled("Which of these do you have most often?", "question")
        self.foods_note = labelled(FOODS_NOTE, "note")
        for widget in (self.foods_question, self.food_list, self.foods_note):
            layout.addWidget(widget)
            widget.setVisible(bool(foods))
        self.error = make_error_label("Problem with the calcium answers")
        layout.addWidget(self.error)
        layout.addStretch(1)

        self.age_group.buttonToggled.connect(self._on_toggled)
        self.calcium_group.buttonToggled.connect(self._on_diet)
        self.food_list.itemChanged.connect(self.changed)

    @property
    def first_field(self) -> QWidget:
        """Where the keyboard starts on this page."""
        checked = self.age_group.checkedButton()
        return checked if checked is not None else self.age_buttons[AgeBand.UNDER_19]

    def age_band(self) -> AgeBand | None:
        """Her answer; None when she gave none or would rather not say."""
        return next((band for band, b in self.age_buttons.items() if b.isChecked()), None)

    @Slot(QAbstractButton, bool)
    def _on_toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:
            self.changed.emit()

    @Slot(QAbstractButton, bool)
    def _on_diet(self, button: QAbstractButton, checked: bool) -> None:
        if checked:
            self._diet_mg = next(mg for mg, b in self.calcium_buttons.items() if b is button)
            self.changed.emit()

    def write(self, data: dict[str, Any]) -> None:
        """Her answers into the plan's plain data (``data["profile"]`` already built)."""
        data["profile"]["diet_calcium_mg"] = self._diet_mg
        calcium = data["calcium"]
        band = self.age_band()
        if band is not None:
            calcium["age_band"] = band.value
        else:
            calcium.pop("age_band", None)
        if self._known:  # ids the library lacks are kept as they were, never dropped unseen
            kept = [f for f in self._plan.calcium.foods if f not in self._known]
            calcium["foods"] = [*checked_values(self.food_list), *kept]

    def label_for(self, field: str) -> QLabel | None:
        """The page's red label for a field of its own (meals are on the day page)."""
        if field == "profile.diet_calcium_mg" or field in ("calcium.age_band", "calcium.foods"):
            return self.error
        return None
