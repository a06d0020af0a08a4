"""On the Today page, "Taken" asks which food: her foods first, then all the others, each with
the calcium it counts; the page hands on the food's id, never its words (issue 10, part 3)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from backcare.core.calcium import FoodChoice, food_choices
from backcare.core.content import Food, load_foods
from backcare.core.plan import DEFAULT_CALCIUM, Plan, default_plan
from backcare.core.reminders import Kind, Reminder, reminders
from backcare.core.store import Event, EventKind
from backcare.core.today import Action, Day, day_timeline
from backcare.ui.food_chooser import FoodMenu
from backcare.ui.today_page import TodayPage
from backcare.ui.today_words import choice_words

TZ = ZoneInfo("Europe/London")
RESOURCES = Path(__file__).resolve().parents[2] / "resources"


@pytest.fixture(scope="module")
def library() -> tuple[Food, ...]:
    foods, problems = load_foods(RESOURCES / "foods.toml")
    assert problems == ()
    return foods


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 23, hour, minute, tzinfo=TZ)


def meals(plan: Plan) -> dict[str, Reminder]:
    found = reminders(plan, at(0), at(23, 59), TZ)
    return {r.meal: r for r in found if r.kind is Kind.CALCIUM}


def a_day(plan: Plan, now: datetime, events: list[Event], library: tuple[Food, ...]) -> Day:
    mg = {f.id: f.calcium_mg for f in library}
    return day_timeline(plan, events, now.date(), now, TZ, 260, food_mg=mg)


def a_page(qtbot: QtBot, plan: Plan, library: tuple[Food, ...], now: datetime,
           events: list[Event] | None = None) -> TodayPage:
    page = TodayPage(clock=lambda: now)
    qtbot.addWidget(page)
    page.set_foods(food_choices(plan.calcium, library))
    page.set_day(a_day(plan, now, events or [], library), now)
    page.show()
    qtbot.waitExposed(page)
    return page


def taken_event(reminder: Reminder, when: datetime, food: str | None) -> Event:
    return Event(when.astimezone(UTC), "calcium", reminder.key, EventKind.DONE, "", food)


def open_menu(qtbot: QtBot, page: TodayPage, key: str, action: Action) -> FoodMenu:
    row = page.row(key)
    assert row is not None
    qtbot.mouseClick(row.buttons[action], Qt.MouseButton.LeftButton)
    menu = page.food_menu
    assert isinstance(menu, FoodMenu)
    qtbot.waitUntil(menu.isVisible)
    return menu


def test_taken_opens_a_chooser_with_her_foods_first(qtbot: QtBot, library) -> None:  # type: ignore[no-untyped-def]
    plan = replace(default_plan(), calcium=replace(DEFAULT_CALCIUM, foods=("tofu", "milk")))
    lunch = meals(plan)["lunch"]
    page = a_page(qtbot, plan, library, at(12, 35))
    with qtbot.assertNotEmitted(page.actionRequested):
        menu = open_menu(qtbot, page, lunch.key, Action.TAKEN)
    ids = list(menu.actions_by_food)
    assert ids[:2] == ["tofu", "milk"]  # hers, in her order
    assert sorted(ids) == sorted(f.id for f in library)  # then every other food
    sections = [a.text() for a in menu.actions() if a.isSeparator()]
    assert sections == ["Your foods", "Other foods"]
    assert menu.activeAction() is menu.actions_by_food["tofu"]  # Enter takes her first food


def test_choosing_a_food_hands_on_its_id(qtbot: QtBot, library) -> None:  # type: ignore[no-untyped-def]
    plan = default_plan()
    lunch = meals(plan)["lunch"]
    page = a_page(qtbot, plan, library, at(12, 35))
    menu = open_menu(qtbot, page, lunch.key, Action.TAKEN)
    with qtbot.waitSignal(page.foodChosen, timeout=1000) as chosen:
        menu.actions_by_food["sesame-paste"].trigger()
    assert chosen.args == [lunch.key, "sesame-paste"]


def test_each_line_says_the_portion_the_calcium_and_check_the_label(library) -> None:  # type: ignore[no-untyped-def]
    by_id = {f.id: f for f in library}
    assert choice_words(FoodChoice(by_id["milk"], True)) == (
        "Milk: 1 glass (250 ml), about 260 mg")
    soy = choice_words(FoodChoice(by_id["soy-milk"], False))
    assert soy == "Soya drink with added calcium: 1 glass (250 ml), about 250 mg (check the label)"


def test_the_lines_carry_the_reference_figure_as_a_tip(qtbot: QtBot, library) -> None:  # type: ignore[no-untyped-def]
    plan = default_plan()
    page = a_page(qtbot, plan, library, at(12, 35))
    menu = open_menu(qtbot, page, meals(plan)["lunch"].key, Action.TAKEN)
    tofu = next(f for f in library if f.id == "tofu")
    assert menu.actions_by_food["tofu"].toolTip() == tofu.reference
    assert menu.actions_by_food["tofu"].text() == choice_words(FoodChoice(tofu, True))


def test_a_taken_row_names_its_food_and_can_change_it(qtbot: QtBot, library) -> None:  # type: ignore[no-untyped-def]
    plan = default_plan()
    lunch = meals(plan)["lunch"]
    now = at(12, 45)
    page = a_page(qtbot, plan, library, now, [taken_event(lunch, at(12, 31), "milk")])
    row = page.row(lunch.key)
    assert row is not None and row.what_label.text() == "Calcium with lunch: Milk"
    assert row.accessibleName() == "12:30 Calcium with lunch: Milk, taken"
    assert list(row.buttons) == [Action.CHANGE_FOOD]
    assert row.buttons[Action.CHANGE_FOOD].text() == "Change food"
    menu = open_menu(qtbot, page, lunch.key, Action.CHANGE_FOOD)
    ticked = [food_id for food_id, item in menu.actions_by_food.items() if item.isChecked()]
    assert ticked == ["milk"]  # the food she named, ticked
    with qtbot.waitSignal(page.foodChosen, timeout=1000) as chosen:
        menu.actions_by_food["yogurt"].trigger()
    assert chosen.args == [lunch.key, "yogurt"]


def test_an_old_portion_with_no_food_reads_as_before(qtbot: QtBot, library) -> None:  # type: ignore[no-untyped-def]
    plan = default_plan()
    breakfast = meals(plan)["breakfast"]
    page = a_page(qtbot, plan, library, at(9), [taken_event(breakfast, at(7, 40), None)])
    row = page.row(breakfast.key)
    assert row is not None and row.what_label.text() == "Calcium with breakfast"


def test_without_a_food_list_taken_is_passed_on_as_it_was(qtbot: QtBot, library) -> None:  # type: ignore[no-untyped-def]
    plan = default_plan()
    lunch = meals(plan)["lunch"]
    page = a_page(qtbot, plan, (), at(12, 35))
    row = page.row(lunch.key)
    assert row is not None
    with qtbot.waitSignal(page.actionRequested, timeout=1000) as signal:
        qtbot.mouseClick(row.buttons[Action.TAKEN], Qt.MouseButton.LeftButton)
    assert signal.args == [lunch.key, Action.TAKEN]
    assert page.food_menu is None


def test_other_buttons_are_passed_on_without_a_chooser(qtbot: QtBot, library) -> None:  # type: ignore[no-untyped-def]
    plan = default_plan()
    lunch = meals(plan)["lunch"]
    shown = Event(at(12, 30).astimezone(UTC), "calcium", lunch.key, EventKind.SHOWN, "")
    page = a_page(qtbot, plan, library, at(12, 35), [shown])
    row = page.row(lunch.key)
    assert row is not None
    with qtbot.waitSignal(page.actionRequested, timeout=1000) as signal:
        qtbot.mouseClick(row.buttons[Action.SNOOZE], Qt.MouseButton.LeftButton)
    assert signal.args == [lunch.key, Action.SNOOZE]
    assert page.food_menu is None
