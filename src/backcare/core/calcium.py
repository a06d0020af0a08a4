"""Which calcium food she took: the choices the Today page offers, and the food a "Taken"
without a choice counts.

Pure, like the rest of ``core``. Food ids are the library's (``resources/foods.toml``): her
plan's ``calcium.foods`` are only suggestions, read without the library, so an id the library no
longer has is skipped here rather than offered or counted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from backcare.core.content import Food
from backcare.core.plan import CalciumPlan

# What a portion counts when no food is named: the rows written before foods were named, a food
# the library no longer has, or a library that could not be read. A glass of milk, as before.
UNNAMED_PORTION_MG = 250


@dataclass(frozen=True)
class FoodChoice:
    """One line of the chooser: a food and whether her plan suggests it."""

    food: Food
    suggested: bool


def food_choices(calcium: CalciumPlan, foods: Sequence[Food]) -> tuple[FoodChoice, ...]:
    """Her suggested foods first, in her order, then every other food in the library's order,
    so the food she usually has is one click away and any other is still there."""
    by_id = {food.id: food for food in foods}
    mine = [by_id[food_id] for food_id in dict.fromkeys(calcium.foods) if food_id in by_id]
    chosen = {food.id for food in mine}
    return (
        *(FoodChoice(food, True) for food in mine),
        *(FoodChoice(food, False) for food in foods if food.id not in chosen),
    )


def usual_food_id(calcium: CalciumPlan, known: Iterable[str]) -> str | None:
    """The food a "Taken" counts when she could not say which (a notification's button): the
    first food her plan suggests, else the library's first; None without a library."""
    ids = list(known)
    return next((food_id for food_id in calcium.foods if food_id in ids), ids[0] if ids else None)


def usual_food(calcium: CalciumPlan, foods: Sequence[Food]) -> Food | None:
    """``usual_food_id`` as the food itself, for the notification's words."""
    food_id = usual_food_id(calcium, (food.id for food in foods))
    return next((food for food in foods if food.id == food_id), None)


def portion_mg(food_id: str | None, food_mg: Mapping[str, int],
               unnamed_mg: int = UNNAMED_PORTION_MG) -> int:
    """The calcium one taken portion counts: its food's, or ``unnamed_mg`` when no known food
    is named (she still took something, and a glass of milk is the seeds' first example)."""
    if food_id is None:
        return unnamed_mg
    return food_mg.get(food_id, unnamed_mg)
