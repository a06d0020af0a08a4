"""The small chooser a calcium row's "Taken" (or "Change food") opens: which food she had.

Her own foods (the ones her plan suggests) come first, under "Your foods", then every other
food of the library under "Other foods"; each line says the portion and the calcium it counts,
and "check the label" where brands differ, with the food's reference figure as its tip. The
food she already named is ticked. Choosing emits ``chosen(reminder key, food id)``: the id is
the library's, carried on the menu item, never read back from its words; the lifecycle checks
it and records it.

Imported only when she first presses "Taken" (the Today page loads it then), so it may use
PySide6's ``Qt`` namespace without slowing the start (``app/startup.py``, measure 2).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from backcare.core.calcium import FoodChoice
from backcare.ui.today_words import choice_words


class FoodMenu(QMenu):
    """``FoodMenu(key, choices, current)``: ``actions_by_food`` maps each food id to its item,
    in the order shown (hers first)."""

    chosen = Signal(str, str)  # (reminder key, food id)

    def __init__(self, key: str, choices: Sequence[FoodChoice], current: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setAccessibleName("Which food did you have?")
        self.setToolTipsVisible(True)
        self.actions_by_food: dict[str, QAction] = {}
        mine = [c for c in choices if c.suggested]
        others = [c for c in choices if not c.suggested]
        for title, group in (("Your foods", mine), ("Other foods", others)):
            if not group:
                continue
            self.addSection(title)
            for choice in group:
                food = choice.food
                item = self.addAction(choice_words(choice))
                item.setToolTip(food.reference)
                if food.id == current:  # a tick on hers only: it is one choice, not a list
                    item.setCheckable(True)
                    item.setChecked(True)
                item.triggered.connect(lambda _checked=False, f=food.id: self._choose(f))
                self.actions_by_food[food.id] = item

    def _choose(self, food_id: str) -> None:
        self.chosen.emit(self.key, food_id)


def open_food_menu(button: QPushButton, key: str, choices: Sequence[FoodChoice],
                   current: str | None) -> FoodMenu:
    """The chooser for reminder ``key``, opened under ``button`` (without blocking), with the
    keyboard on her first food so Enter takes it."""
    menu = FoodMenu(key, choices, current, button)
    menu.popup(button.mapToGlobal(button.rect().bottomLeft()))
    first = next(iter(menu.actions_by_food.values()), None)
    if first is not None:
        menu.setActiveAction(first)
    return menu
