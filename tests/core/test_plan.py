"""Her settings are read strictly and kindly: every bad field gets a sentence, nothing crashes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcare.core.plan import (
    DEFAULT_CALCIUM_MG,
    CalciumPlan,
    ExerciseSession,
    FieldError,
    Meal,
    Nap,
    Plan,
    Span,
    default_plan,
)
from backcare.core.plan_codec import plan_from_dict, plan_to_dict, validate

EXERCISE_IDS = ("breathing-arm-raise", "bridge", "knee-hugs", "cat-back", "leg-slides")
FOOD_IDS = ("milk", "dried-shrimp", "tofu", "soy-milk")
# Minutes near the DST changes of the zones under test (01:00-03:00), so generated plans often
# put something inside a gap or an ambiguous hour.
DST_MINUTES = (0, 59, 60, 61, 90, 119, 120, 121, 150, 179, 180)
DST_DATES = tuple(
    date(2026, m, d) for m, d in ((3, 8), (3, 29), (4, 5), (10, 4), (10, 25), (11, 1))
)


def hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


@st.composite
def valid_plan_dicts(draw: st.DrawFn, zone: tzinfo | None = None) -> dict[str, Any]:
    """Plain-data plans that obey every rule, built from the rules, not from plan.py's code.

    With ``zone``, a nap is placed in that zone's local time, so that it often covers reminders.
    """
    early = draw(st.booleans())  # half the plans start the day in the small hours
    wake_start = draw(st.sampled_from((0, 30, 60)) if early else st.integers(0, 1439 - 240))
    wake_end = draw(st.integers(wake_start + 240, 1439))
    inside = st.integers(wake_start, wake_end - 1)
    if early:
        inside = st.sampled_from([m for m in DST_MINUTES if m >= wake_start]) | inside
    session_minutes = draw(st.lists(inside, unique=True, max_size=8))
    sessions = [
        {
            "at": hhmm(m),
            "exercises": draw(st.lists(st.sampled_from(EXERCISE_IDS), min_size=1, max_size=3,
                                       unique=True)),
            "label": draw(st.sampled_from(("Morning", "", "Rest time", "Before bed"))),
            "pinned": draw(st.booleans()),
        }
        for m in session_minutes
    ]
    meal_minutes = draw(st.lists(inside, unique=True, min_size=1, max_size=6))
    meals = [
        {"name": draw(st.sampled_from(("breakfast", "lunch", "dinner", "snack"))), "at": hhmm(m)}
        for m in meal_minutes
    ]
    any_minute = st.integers(0, 1439) | st.sampled_from(DST_MINUTES)
    quiet = []
    for _ in range(draw(st.integers(0, 2))):
        start = draw(any_minute)
        end = draw(any_minute.filter(lambda m, s=start: m != s))
        quiet.append({"start": hhmm(start), "end": hhmm(end)})
    data: dict[str, Any] = {
        "waking": {"start": hhmm(wake_start), "end": hhmm(wake_end)},
        "sessions": sessions,
        "calcium": {
            "meals": meals,
            "daily_target_mg": draw(st.integers(200, 2500)),
            "foods": draw(st.lists(st.sampled_from(FOOD_IDS), unique=True)),
        },
    }
    if draw(st.booleans()):  # her age band said, or not
        data["calcium"]["age_band"] = draw(st.sampled_from(("under-19", "19-or-over")))
    if draw(st.booleans()):  # no target of her own: the guidance for her age band
        del data["calcium"]["daily_target_mg"]
    optional: dict[str, Any] = {
        "posture_interval_min": draw(st.integers(30, 480) | st.sampled_from((60, 120))),
        "quiet": quiet,
        "weekdays": draw(st.lists(st.integers(0, 6), min_size=1, max_size=7)),
        "posture_enabled": draw(st.booleans()),
        "calcium_enabled": draw(st.booleans()),
        "exercise_enabled": draw(st.booleans()),
        "profile": {
            key: value
            for key, value in {
                "birth_date": draw(st.dates(date(2025, 6, 1), date(2030, 12, 31))).isoformat(),
                "birth_type": draw(st.sampled_from(("vaginal", "assisted", "caesarean"))),
                "breastfeeding": draw(st.booleans()),
                "diet_calcium_mg": draw(st.integers(0, 2500)),
                "postnatal_check": draw(st.booleans()),
                "complicated_birth": draw(st.booleans()),
                "country": draw(st.sampled_from(("GB", "AU", "CN", "US", "XX"))
                                | st.from_regex(r"[A-Z]{2}", fullmatch=True)),
            }.items()
            if draw(st.booleans())
        },
    }
    optional = {key: value for key, value in optional.items() if draw(st.booleans())}
    if draw(st.booleans()):
        # A nap on a DST day or any day of 2026, near waking hours in one of the zones tested.
        if zone is None:
            offsets = st.sampled_from((-300, -240, 0, 60, 480, 600))
            zone = timezone(timedelta(minutes=draw(offsets)))
        nap_day = draw(st.sampled_from(DST_DATES) | st.dates(date(2026, 1, 1), date(2026, 12, 31)))
        nap_day = _on_a_reminder_day(nap_day, optional.get("weekdays"))
        nap_minute = draw(st.integers(max(0, wake_start - 120), wake_end))
        local = datetime.combine(nap_day, time(nap_minute // 60, nap_minute % 60), zone)
        nap_start = local.astimezone(UTC)
        length = timedelta(minutes=draw(st.sampled_from((30, 90, 180, 360)) | st.integers(1, 360)))
        optional["nap"] = {
            "start": local.isoformat(),
            "until": (nap_start + length).astimezone(zone).isoformat(),
        }
    data.update(optional)
    return data


def _on_a_reminder_day(day: date, weekdays: list[int] | None) -> date:
    """The first day from ``day`` on which reminders happen, so a nap can meet some."""
    while weekdays is not None and day.weekday() not in weekdays:
        day += timedelta(days=1)
    return day


def read(data: Any) -> Plan:
    plan, errors = plan_from_dict(data)
    assert errors == [], errors
    assert plan is not None
    return plan


def errors_of(data: Any) -> list[FieldError]:
    plan, errors = plan_from_dict(data)
    assert plan is None
    assert errors
    return errors


def default_dict(**changes: Any) -> dict[str, Any]:
    data = plan_to_dict(default_plan())
    data.update(changes)
    return data


# --- defaults --------------------------------------------------------------------------------


def test_default_plan_is_the_documented_routine() -> None:
    plan = default_plan()
    assert plan.waking == Span(time(7), time(22))
    assert plan.posture_interval_min == 120
    assert [(s.at, s.label, s.exercises) for s in plan.sessions] == [
        (time(8), "Morning", ("breathing-arm-raise", "bridge")),
        (time(15), "Afternoon", ("bridge",)),
        (time(19, 30), "Evening", ("breathing-arm-raise",)),
        (time(21, 30), "Before bed", ("knee-hugs",)),
    ]
    assert plan.calcium.meals == (
        Meal("breakfast", time(7, 30)),
        Meal("lunch", time(12, 30)),
        Meal("dinner", time(18, 30)),
    )
    # No target of her own: the guidance for her age band, 1,000 mg when she has not said.
    assert plan.calcium.daily_target_mg is None and plan.calcium.age_band is None
    assert plan.calcium.target_mg == DEFAULT_CALCIUM_MG == 1000
    assert plan.calcium.foods == FOOD_IDS
    assert plan.quiet == () and plan.nap is None
    assert plan.weekdays == frozenset(range(7))
    assert plan.posture_enabled and plan.calcium_enabled and plan.exercise_enabled
    assert validate(plan) == []


def test_empty_dict_gives_the_default_plan() -> None:
    assert read({}) == default_plan()


def test_default_plan_round_trips_through_plain_data() -> None:
    data = plan_to_dict(default_plan())
    assert "nap" not in data  # TOML has no null
    assert data["waking"] == {"start": "07:00", "end": "22:00"}
    assert read(data) == default_plan()


def test_nap_round_trips_with_its_offset() -> None:
    start = datetime(2026, 3, 29, 13, 0, tzinfo=timezone(timedelta(hours=1)))
    plan = Plan(nap=Nap(start, start + timedelta(hours=2)))
    data = plan_to_dict(plan)
    assert data["nap"] == {
        "start": "2026-03-29T13:00:00+01:00",
        "until": "2026-03-29T15:00:00+01:00",
    }
    assert read(data) == plan


def test_missing_sub_keys_take_defaults_and_toml_times_are_accepted() -> None:
    plan = read({"waking": {"end": time(21, 0)}, "calcium": {"daily_target_mg": 1200},
                 "sessions": [{"at": "8:15", "exercises": ["bridge"]}]})
    assert plan.waking == Span(time(7), time(21))
    assert plan.calcium == CalciumPlan(default_plan().calcium.meals, 1200, FOOD_IDS)
    assert plan.sessions == (ExerciseSession(time(8, 15), ("bridge",), ""),)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_plan_dicts())
def test_every_valid_plan_is_accepted_and_round_trips(data: dict[str, Any]) -> None:
    plan = read(data)
    assert read(plan_to_dict(plan)) == plan
    assert validate(plan) == []


# --- each rule refuses with a sentence naming the field --------------------------------------

REFUSALS: list[tuple[dict[str, Any], str, str]] = [
    ({"waking": {"start": "22:00", "end": "07:00"}}, "waking", "cross midnight"),
    ({"waking": {"start": "09:00", "end": "12:00"}}, "waking", "at least 4 hours"),
    ({"waking": {"start": "25:00", "end": "22:00"}}, "waking.start", "HH:MM"),
    ({"waking": {"start": "7am"}}, "waking.start", "HH:MM"),
    ({"waking": "all day"}, "waking", "table"),
    ({"posture_interval_min": 29}, "posture_interval_min", "from 30 to 480"),
    ({"posture_interval_min": 481}, "posture_interval_min", "from 30 to 480"),
    ({"posture_interval_min": 120.0}, "posture_interval_min", "whole number"),
    ({"posture_interval_min": True}, "posture_interval_min", "whole number"),
    ({"posture_interval_min": 10**5000}, "posture_interval_min", "very large"),
    ({"sessions": [{"at": "23:00", "exercises": ["bridge"]}]}, "sessions[0].at", "outside waking"),
    ({"sessions": [{"at": "06:59", "exercises": ["bridge"]}]}, "sessions[0].at", "outside waking"),
    ({"sessions": [{"at": "22:00", "exercises": ["bridge"]}]}, "sessions[0].at", "outside waking"),
    ({"sessions": [{"at": "09:00", "exercises": [], "pinned": True}]},
     "sessions[0].exercises", "at least 1"),
    ({"sessions": [{"at": "09:00", "pinned": True}]}, "sessions[0].exercises", "list of ids"),
    ({"sessions": [{"at": "09:00", "pinned": "yes"}]}, "sessions[0].pinned", "true or false"),
    ({"profile": {"birth_date": "14/09/2026"}}, "profile.birth_date", "YYYY-MM-DD"),
    ({"profile": {"birth_date": "1969-12-31"}}, "profile.birth_date", "YYYY-MM-DD"),
    ({"profile": {"birth_date": 20260914}}, "profile.birth_date", "YYYY-MM-DD"),
    ({"profile": {"birth_type": "c-section"}}, "profile.birth_type", "vaginal, assisted or"),
    ({"profile": {"breastfeeding": "yes"}}, "profile.breastfeeding", "true or false"),
    ({"profile": {"postnatal_check": "yes"}}, "profile.postnatal_check", "true or false"),
    ({"profile": {"postnatal_check": 1}}, "profile.postnatal_check", "postnatal check"),
    ({"profile": {"complicated_birth": "no"}}, "profile.complicated_birth", "true or false"),
    ({"profile": {"complicated_birth": 0}}, "profile.complicated_birth", "fourth-degree tear"),
    ({"profile": {"country": "gb"}}, "profile.country", "two-letter code"),
    ({"profile": {"country": "GBR"}}, "profile.country", "such as GB or US"),
    ({"profile": {"country": "United Kingdom"}}, "profile.country", "two-letter code"),
    ({"profile": {"country": 44}}, "profile.country", "two-letter code"),
    ({"profile": {"country": ""}}, "profile.country", "two-letter code"),
    ({"profile": {"diet_calcium_mg": -1}}, "profile.diet_calcium_mg", "0 to 2500"),
    ({"profile": {"diet_calcium_mg": 2501}}, "profile.diet_calcium_mg", "0 to 2500"),
    ({"profile": {"twins": True}}, "profile.twins", "not a setting"),
    ({"profile": "me"}, "profile", "table"),
    ({"sessions": [{"at": "09:00", "exercises": ["Bridge"]}]},
     "sessions[0].exercises", "not an id"),
    ({"sessions": [{"at": "09:00", "exercises": ["bridge", "bridge"]}]},
     "sessions[0].exercises", "twice"),
    ({"sessions": [{"exercises": ["bridge"]}]}, "sessions[0].at", "HH:MM"),
    ({"sessions": [{"at": "09:00", "exercises": ["bridge"], "label": 5}]},
     "sessions[0].label", "text"),
    ({"sessions": [{"at": f"{9 + i}:00", "exercises": ["bridge"]} for i in range(9)]},
     "sessions", "at most 8"),
    ({"sessions": [{"at": "09:00", "exercises": ["bridge"]},
                   {"at": "09:00", "exercises": ["knee-hugs"]}]},
     "sessions[1].at", "both at 09:00"),
    ({"sessions": ["bridge"]}, "sessions[0]", "table"),
    ({"sessions": {"at": "09:00"}}, "sessions", "list"),
    ({"calcium": {"meals": []}}, "calcium.meals", "from 1 to 6"),
    ({"calcium": {"meals": [{"name": f"m{i}", "at": f"{8 + i}:00"} for i in range(7)]}},
     "calcium.meals", "from 1 to 6"),
    ({"calcium": {"meals": [{"name": "supper", "at": "23:00"}]}},
     "calcium.meals[0].at", "outside waking"),
    ({"calcium": {"meals": [{"name": "", "at": "12:00"}]}}, "calcium.meals[0].name", "text"),
    ({"calcium": {"meals": [{"name": "a", "at": "12:00"}, {"name": "b", "at": "12:00"}]}},
     "calcium.meals[1].at", "both at 12:00"),
    ({"calcium": {"daily_target_mg": 199}}, "calcium.daily_target_mg", "200 to 2500"),
    ({"calcium": {"daily_target_mg": 2501}}, "calcium.daily_target_mg", "200 to 2500"),
    ({"calcium": {"daily_target_mg": "1000"}}, "calcium.daily_target_mg", "milligrams"),
    ({"calcium": {"foods": ["Milk!"]}}, "calcium.foods", "not an id"),
    ({"calcium": 1000}, "calcium", "table"),
    ({"quiet": [{"start": "13:00", "end": "13:00"}]}, "quiet[0]", "empty"),
    ({"quiet": [{"start": "13:00"}]}, "quiet[0].end", "HH:MM"),
    ({"quiet": "13:00-14:00"}, "quiet", "list"),
    ({"weekdays": []}, "weekdays", "non-empty"),
    ({"weekdays": [7]}, "weekdays", "0 (Monday) to 6 (Sunday)"),
    ({"weekdays": [True]}, "weekdays", "weekday numbers"),
    ({"weekdays": "weekdays"}, "weekdays", "weekday numbers"),
    ({"nap": {"start": "2026-03-29T13:00+01:00", "until": "2026-03-29T12:00+01:00"}},
     "nap.until", "end after it starts"),
    ({"nap": {"start": "2026-03-29T13:00+01:00", "until": "2026-03-29T19:01+01:00"}},
     "nap.until", "at most 6 hours"),
    ({"nap": {"start": "2026-03-29T13:00", "until": "2026-03-29T14:00+01:00"}},
     "nap.start", "UTC offset"),
    ({"nap": {"start": "soon", "until": "later"}}, "nap.until", "UTC offset"),
    ({"nap": "13:00"}, "nap", "table"),
    ({"posture_enabled": "yes"}, "posture_enabled", "true or false"),
    ({"calcium_enabled": None}, "calcium_enabled", "true or false"),
    ({"exercise_enabled": 1}, "exercise_enabled", "true or false"),
    ({"colour": "blue"}, "colour", "not a setting"),
    ({"waking": {"start": "07:00", "end": "22:00", "lunch": "12:00"}}, "waking.lunch",
     "not a setting"),
    ({"sessions": [{"at": "09:00", "exercises": ["bridge"], "reps": 3}]}, "sessions[0].reps",
     "not a setting"),
]


@pytest.mark.parametrize(("data", "field", "words"), REFUSALS)
def test_each_rule_refuses_with_a_sentence_naming_the_field(
    data: dict[str, Any], field: str, words: str
) -> None:
    errors = errors_of(data)
    assert field in [e.field for e in errors], errors
    error = next(e for e in errors if e.field == field)
    assert words in error.message
    assert error.message[0].isupper() and error.message.endswith("."), error.message
    assert str(error) == error.message


def test_the_waking_rule_reads_like_the_brief() -> None:
    error = errors_of({"waking": {"start": "22:00", "end": "07:00"}})[0]
    assert error.message.startswith("Waking hours must end after they start")


def test_every_error_is_reported_at_once() -> None:
    errors = errors_of({
        "waking": {"start": "07:00", "end": "09:00"},
        "posture_interval_min": 5,
        "calcium": {"daily_target_mg": 5000, "meals": []},
        "quiet": [{"start": "10:00", "end": "10:00"}],
        "weekdays": [],
        "exercise_enabled": "no",
        "typo": 1,
    })
    assert {e.field for e in errors} == {
        "waking", "posture_interval_min", "calcium.daily_target_mg", "calcium.meals",
        "quiet[0]", "weekdays", "exercise_enabled", "typo",
    }


def test_a_bad_waking_span_does_not_cascade_into_every_session() -> None:
    errors = errors_of({"waking": {"start": "23:00", "end": "01:00"}})
    assert [e.field for e in errors] == ["waking"]


@pytest.mark.parametrize("data", [None, [], "waking", 42, 1.5, [("waking", {})]])
def test_settings_that_are_not_a_table_are_one_sentence(data: Any) -> None:
    errors = errors_of(data)
    assert len(errors) == 1 and "table" in errors[0].message


def test_keys_that_are_not_text_are_named_not_crashed_on() -> None:
    errors = errors_of({1: 2, None: 3, (1, 2): 4, 10**5000: 5})
    assert len(errors) == 4
    assert all(e.message.startswith("The setting ") for e in errors)


def test_defaults_outside_new_waking_hours_are_named_as_defaults() -> None:
    errors = errors_of({"waking": {"start": "09:00", "end": "20:00"}})
    assert [e.field for e in errors] == [
        "sessions[0].at", "sessions[3].at", "calcium.meals[0].at",
    ]
    assert errors[0].message == (
        "The default morning exercise session is at 08:00, outside waking hours (09:00 to 20:00)."
    )


def test_a_birth_date_after_today_or_long_ago_is_refused_only_when_today_is_known() -> None:
    data = {"profile": {"birth_date": "2026-12-01", "birth_type": "caesarean"}}
    plan, errors = plan_from_dict(data, today=date(2026, 11, 23))
    assert plan is None
    assert errors[0].field == "profile.birth_date" and "after today" in errors[0].message
    plan, _ = plan_from_dict(data)
    assert plan is not None and plan.profile.birth_date == date(2026, 12, 1)
    assert plan.profile.birth_type == "caesarean"
    _, errors = plan_from_dict({"profile": {"birth_date": "2016-01-01"}}, today=date(2026, 11, 23))
    assert "more than 6 years ago" in errors[0].message


def test_an_unpinned_session_may_leave_its_exercises_to_the_progression() -> None:
    plan, errors = plan_from_dict({"sessions": [{"at": "09:00", "label": "Morning"}]})
    assert errors == [] and plan is not None
    assert plan.sessions[0].exercises == () and not plan.sessions[0].pinned


def test_validate_checks_plans_built_in_code() -> None:
    plan = Plan(posture_interval_min=10, weekdays=frozenset())
    assert {e.field for e in validate(plan)} == {"posture_interval_min", "weekdays"}


# --- never raises ----------------------------------------------------------------------------

json_leaves = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**20, max_value=10**30)
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(("07:00", "25:00", "24:00", "7:60", "", "bridge", "Bridge",
                       "2026-03-29T13:00+01:00", "2026-03-29T13:00", "0001-01-01T00:00+14:00"))
)
json_like = st.recursive(
    json_leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12,
)
REAL_KEYS = ("waking", "posture_interval_min", "sessions", "calcium", "quiet", "nap", "weekdays",
             "posture_enabled", "calcium_enabled", "exercise_enabled", "profile")
INNER_KEYS = ("start", "end", "until", "at", "exercises", "label", "name", "meals",
              "daily_target_mg", "age_band", "foods", "pinned", "birth_date", "birth_type",
              "breastfeeding",
              "diet_calcium_mg", "postnatal_check", "country", "complicated_birth")
near_miss = st.recursive(
    json_leaves,
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(INNER_KEYS), inner, max_size=4),
    max_leaves=10,
)


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        json_like,
        st.dictionaries(st.sampled_from(REAL_KEYS) | st.text(max_size=6), near_miss, max_size=6),
    )
)
def test_any_json_like_input_gives_a_plan_or_sentences_never_an_exception(data: Any) -> None:
    plan, errors = plan_from_dict(data)
    if plan is None:
        assert errors
        for error in errors:
            assert isinstance(error, FieldError)
            assert isinstance(error.field, str)
            assert error.message.strip() and error.message.endswith(".")
            assert len(error.message) < 400
    else:
        assert errors == []
        assert isinstance(plan, Plan)
        assert read(plan_to_dict(plan)) == plan


@settings(max_examples=60, deadline=None)
@given(valid_plan_dicts(), st.sampled_from(REAL_KEYS), near_miss)
def test_one_garbage_value_in_a_valid_plan_never_raises(
    data: dict[str, Any], key: str, garbage: Any
) -> None:
    data[key] = garbage
    plan, errors = plan_from_dict(data)
    assert (plan is None) == bool(errors)
