"""Calcium in the core: the target from her age band, which food a "Taken" names, and a tally
that counts each food she took (issue 10, part 3)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backcare.core.calcium import (
    UNNAMED_PORTION_MG,
    food_choices,
    portion_mg,
    usual_food,
    usual_food_id,
)
from backcare.core.content import Food, load_foods
from backcare.core.lifecycle import Lifecycle
from backcare.core.lifecycle_io import Answer
from backcare.core.plan import (
    DEFAULT_CALCIUM,
    AgeBand,
    CalciumPlan,
    Plan,
    default_plan,
    recommended_calcium_mg,
)
from backcare.core.plan_codec import plan_from_dict, plan_to_dict
from backcare.core.reminders import Kind, reminders
from backcare.core.store import Event, EventKind, Store
from backcare.core.today import Action, State, day_timeline

TZ = ZoneInfo("Europe/London")
DAY = date(2026, 11, 23)
RESOURCES = Path(__file__).resolve().parents[2] / "resources"
MG = {"milk": 260, "tofu": 105, "soy-milk": 250, "yogurt": 170}


def food(food_id: str, mg: int = 100) -> Food:
    return Food(food_id, food_id.title(), "1 portion", mg, "per 100 g", ("G-USDA-FDC",),
                "G-USDA-FDC")


def with_foods(*ids: str) -> CalciumPlan:
    return replace(DEFAULT_CALCIUM, foods=ids)


def calcium_keys(plan: Plan) -> dict[str, str]:
    start = datetime(2026, 11, 23, tzinfo=TZ)
    found = reminders(plan, start, start.replace(hour=23, minute=59), TZ)
    return {r.meal: r.key for r in found if r.kind is Kind.CALCIUM}


def done(key: str, hour: int, food_id: str | None) -> Event:
    at = datetime(2026, 11, 23, hour, tzinfo=TZ).astimezone(UTC)
    return Event(at, "calcium", key, EventKind.DONE, "", food_id)


# --- the target from her age band ------------------------------------------------------------


def test_the_target_is_1300_under_19_and_1000_from_19_or_when_not_said() -> None:
    assert recommended_calcium_mg(AgeBand.UNDER_19) == 1300
    assert recommended_calcium_mg(AgeBand.FROM_19) == 1000
    assert recommended_calcium_mg(None) == 1000
    assert replace(DEFAULT_CALCIUM, age_band=AgeBand.UNDER_19).target_mg == 1300
    assert replace(DEFAULT_CALCIUM, age_band=AgeBand.FROM_19).target_mg == 1000
    assert default_plan().calcium.target_mg == 1000


def test_a_target_of_her_own_is_kept_whatever_her_age_band() -> None:
    for band in (AgeBand.UNDER_19, AgeBand.FROM_19, None):
        plan = CalciumPlan(DEFAULT_CALCIUM.meals, 1200, (), band)
        assert (plan.daily_target_mg, plan.target_mg) == (1200, 1200)


def test_a_target_equal_to_the_guidance_follows_the_guidance() -> None:
    """Older versions wrote 1,000 mg into every plan: telling her age later must move it."""
    old = plan_from_dict({"calcium": {"daily_target_mg": 1000}})[0]
    assert old is not None and old.calcium.daily_target_mg is None
    teen = plan_from_dict({"calcium": {"daily_target_mg": 1000, "age_band": "under-19"}})[0]
    assert teen is not None and teen.calcium.target_mg == 1000  # 1,000 under 19 is her own
    told = plan_from_dict({**plan_to_dict(old), "calcium": {
        **plan_to_dict(old)["calcium"], "age_band": "under-19"}})[0]
    assert told is not None and told.calcium.target_mg == 1300


@pytest.mark.parametrize("calcium", [
    CalciumPlan(DEFAULT_CALCIUM.meals, None, ("milk",), AgeBand.UNDER_19),
    CalciumPlan(DEFAULT_CALCIUM.meals, 1500, ("milk",), AgeBand.FROM_19),
    CalciumPlan(DEFAULT_CALCIUM.meals, 800, (), None),
])
def test_the_age_band_and_her_target_round_trip(calcium: CalciumPlan) -> None:
    plan = replace(default_plan(), calcium=calcium)
    data = plan_to_dict(plan)
    assert ("daily_target_mg" in data["calcium"]) is (calcium.daily_target_mg is not None)
    assert data["calcium"].get("age_band") == (calcium.age_band and calcium.age_band.value)
    assert plan_from_dict(data) == (plan, [])


@pytest.mark.parametrize("value", ["teen", 18, True, ["under-19"], "Under 19"])
def test_a_bad_age_band_is_refused_with_its_field(value: object) -> None:
    plan, errors = plan_from_dict({"calcium": {"age_band": value}})
    assert plan is None
    assert [e.field for e in errors] == ["calcium.age_band"]
    assert "under-19 or 19-or-over" in errors[0].message


# --- which food --------------------------------------------------------------------------------


def test_her_foods_come_first_in_her_order_then_the_rest_in_the_librarys() -> None:
    library = [food("milk"), food("yogurt"), food("tofu"), food("soy-milk")]
    choices = food_choices(with_foods("tofu", "gone", "milk"), library)
    assert [(c.food.id, c.suggested) for c in choices] == [
        ("tofu", True), ("milk", True), ("yogurt", False), ("soy-milk", False)]


def test_the_usual_food_is_her_first_known_suggestion() -> None:
    known = ["milk", "yogurt", "tofu"]
    assert usual_food_id(with_foods("gone", "tofu", "milk"), known) == "tofu"
    assert usual_food_id(with_foods(), known) == "milk"  # none suggested: the library's first
    assert usual_food_id(with_foods("tofu"), []) is None  # no library: no food named
    found = usual_food(with_foods("yogurt"), [food("milk"), food("yogurt", 170)])
    assert found is not None and (found.id, found.calcium_mg) == ("yogurt", 170)


def test_a_portion_counts_its_food_or_the_unnamed_portion() -> None:
    assert portion_mg("tofu", MG) == 105
    assert portion_mg(None, MG) == UNNAMED_PORTION_MG
    assert portion_mg("gone", MG, 260) == 260


def test_the_default_suggestions_are_in_the_shipped_library() -> None:
    foods, _ = load_foods(RESOURCES / "foods.toml")
    choices = food_choices(DEFAULT_CALCIUM, foods)
    assert [c.food.id for c in choices if c.suggested] == list(DEFAULT_CALCIUM.foods)
    assert len(choices) == len(foods)
    assert usual_food_id(DEFAULT_CALCIUM, [f.id for f in foods]) == "milk"


# --- the day's tally ---------------------------------------------------------------------------


def test_the_tally_counts_each_taken_food() -> None:
    plan = default_plan()
    keys = calcium_keys(plan)
    events = [done(keys["breakfast"], 8, "tofu"), done(keys["lunch"], 13, "soy-milk"),
              done(keys["dinner"], 19, "milk")]
    now = datetime(2026, 11, 23, 20, tzinfo=TZ)
    day = day_timeline(plan, events, DAY, now, TZ, 260, food_mg=MG)
    assert (day.calcium_taken, day.calcium_mg) == (3, 105 + 250 + 260)
    assert [e.food for e in day.entries if e.reminder.kind is Kind.CALCIUM] == [
        "tofu", "soy-milk", "milk"]


def test_old_rows_and_foods_no_longer_listed_count_the_unnamed_portion() -> None:
    plan = default_plan()
    keys = calcium_keys(plan)
    events = [done(keys["breakfast"], 8, None), done(keys["lunch"], 13, "chalk")]
    now = datetime(2026, 11, 23, 14, tzinfo=TZ)
    day = day_timeline(plan, events, DAY, now, TZ, 260, food_mg=MG)
    assert (day.calcium_taken, day.calcium_mg) == (2, 520)


def test_the_latest_food_named_is_the_one_counted() -> None:
    plan = default_plan()
    lunch = calcium_keys(plan)["lunch"]
    events = [done(lunch, 12, "milk"), done(lunch, 13, "tofu")]
    now = datetime(2026, 11, 23, 14, tzinfo=TZ)
    day = day_timeline(plan, events, DAY, now, TZ, 260, food_mg=MG)
    entry = day.entry(lunch)
    assert entry is not None and (entry.state, entry.food) == (State.DONE, "tofu")
    assert entry.actions == (Action.CHANGE_FOOD,)
    assert (day.calcium_taken, day.calcium_mg) == (1, 105)


def test_the_target_the_day_shows_follows_her_age_band() -> None:
    plan = replace(default_plan(), calcium=replace(DEFAULT_CALCIUM, age_band=AgeBand.UNDER_19))
    now = datetime(2026, 11, 23, 9, tzinfo=TZ)
    day = day_timeline(plan, [], DAY, now, TZ, 260, food_mg=MG)
    assert (day.calcium_target_mg, day.calcium_to_find_mg) == (1300, 1300)


# --- "Taken" in the lifecycle ------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path, clock=lambda: datetime(2026, 11, 23, 6, tzinfo=TZ))
    yield s
    s.close()


def a_life(store: Store, *suggested: str) -> tuple[Lifecycle, dict[str, str]]:
    plan = replace(default_plan(), calcium=with_foods(*suggested))
    life = Lifecycle(plan, TZ, store, portion_mg=260, foods=MG)
    life.tick(datetime(2026, 11, 23, 6, tzinfo=TZ))
    return life, calcium_keys(plan)


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 23, hour, minute, tzinfo=TZ)


def foods_of(store: Store, key: str) -> list[tuple[EventKind, str | None]]:
    return [(e.event, e.food) for e in store.events() if e.reminder_key == key]


def test_taken_from_a_notification_counts_her_usual_food(store: Store) -> None:
    life, keys = a_life(store, "gone", "tofu", "milk")
    shown = life.tick(at(7, 30))
    assert [r.key for r in shown.show] == [keys["breakfast"]]
    changes = life.answer(keys["breakfast"], Answer.TAKEN, at(7, 32))
    assert changes.close == (Kind.CALCIUM,)
    assert [(e.food, e.detail) for e in changes.recorded] == [("tofu", "usual food")]
    assert life.day(at(7, 33)).calcium_mg == 105


def test_taken_on_the_today_page_records_the_food_she_chose(store: Store) -> None:
    life, keys = a_life(store, "milk")
    life.answer(keys["breakfast"], Answer.TAKEN, at(7, 40), food="soy-milk")
    assert foods_of(store, keys["breakfast"]) == [(EventKind.DONE, "soy-milk")]
    assert life.day(at(7, 41)).calcium_mg == 250


def test_a_food_the_library_lacks_is_refused(store: Store) -> None:
    life, keys = a_life(store, "milk")
    assert not life.answer(keys["breakfast"], Answer.TAKEN, at(7, 40), food="Milk (cow's)")
    assert foods_of(store, keys["breakfast"]) == []


def test_choosing_another_food_after_taken_corrects_it_once(store: Store) -> None:
    life, keys = a_life(store, "milk")
    lunch = keys["lunch"]
    life.answer(lunch, Answer.TAKEN, at(12, 31))  # the notification: milk
    corrected = life.answer(lunch, Answer.TAKEN, at(12, 40), food="yogurt")
    assert [(e.food, e.detail) for e in corrected.recorded] == [("yogurt", "food changed")]
    assert not life.answer(lunch, Answer.TAKEN, at(12, 41), food="yogurt")  # the same again
    assert not life.answer(lunch, Answer.TAKEN, at(12, 42))  # the notification, late: nothing
    assert not life.answer(lunch, Answer.SNOOZE, at(12, 43))
    assert foods_of(store, lunch) == [(EventKind.DONE, "milk"), (EventKind.DONE, "yogurt")]
    day = life.day(at(12, 45))
    assert (day.calcium_taken, day.calcium_mg) == (1, 170)


def test_only_a_calcium_taken_carries_a_food(store: Store) -> None:
    life, keys = a_life(store, "milk")
    life.tick(at(7, 30))
    snoozed = life.answer(keys["breakfast"], Answer.SNOOZE, at(7, 31), food="tofu")
    assert [(e.event, e.food) for e in snoozed.recorded] == [(EventKind.SNOOZED, None)]
    morning = next(r.key for r in reminders(life.plan, at(8), at(8, 1), TZ))
    done_session = life.answer(morning, Answer.DONE, at(8, 5), food="tofu")
    assert [(e.event, e.food) for e in done_session.recorded] == [(EventKind.DONE, None)]


def test_a_lifecycle_without_a_library_still_counts_a_portion(store: Store) -> None:
    plan = default_plan()
    life = Lifecycle(plan, TZ, store, portion_mg=260)
    lunch = calcium_keys(plan)["lunch"]
    life.answer(lunch, Answer.TAKEN, at(12, 31))
    assert foods_of(store, lunch) == [(EventKind.DONE, None)]
    assert life.day(at(12, 32)).calcium_mg == 260


def test_meal_times_are_not_part_of_the_food(store: Store) -> None:
    """Moving lunch keeps what she took, and which food (keys survive plan edits)."""
    life, keys = a_life(store, "milk")
    life.answer(keys["lunch"], Answer.TAKEN, at(12, 40), food="tofu")
    meals = tuple(replace(m, at=time(12, 45)) if m.name == "lunch" else m
                  for m in life.plan.calcium.meals)
    life.set_plan(replace(life.plan, calcium=replace(life.plan.calcium, meals=meals)), at(12, 50))
    day = life.day(at(12, 51))
    assert day.calcium_mg == 105
