"""The "this made my back worse" pause: stored as a setting, read back tolerantly, kind advice."""

from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from backcare.core.safety import load_safety
from backcare.core.setbacks import (
    FALLBACK_CARE,
    MAX_PAUSE_DAYS,
    SETBACK_PAUSE_DAYS,
    day_words,
    is_paused,
    pause_after_setback,
    pauses_from_setting,
    pauses_to_setting,
    setback_advice,
)
from backcare.paths import resources_dir

TODAY = date(2026, 3, 11)  # a Wednesday


def test_the_pause_is_a_few_days() -> None:
    assert 2 <= SETBACK_PAUSE_DAYS <= 7


def test_a_setback_pauses_the_exercise_until_a_few_days_from_today() -> None:
    pauses = pause_after_setback({}, "bridge", TODAY)
    assert pauses == {"bridge": TODAY + timedelta(days=SETBACK_PAUSE_DAYS)}
    assert is_paused(pauses, "bridge", TODAY)
    last_paused_day = TODAY + timedelta(days=SETBACK_PAUSE_DAYS - 1)
    assert is_paused(pauses, "bridge", last_paused_day)
    assert not is_paused(pauses, "bridge", TODAY + timedelta(days=SETBACK_PAUSE_DAYS))
    assert not is_paused(pauses, "cat-back", TODAY)


def test_pausing_leaves_the_input_alone_and_keeps_other_pauses() -> None:
    before = {"cat-back": TODAY + timedelta(days=1)}
    after = pause_after_setback(before, "bridge", TODAY, days=5)
    assert before == {"cat-back": TODAY + timedelta(days=1)}
    assert after == {"cat-back": TODAY + timedelta(days=1), "bridge": TODAY + timedelta(days=5)}


def test_a_longer_pause_is_never_shortened_and_a_shorter_one_is_extended() -> None:
    long = {"bridge": TODAY + timedelta(days=10)}
    assert pause_after_setback(long, "bridge", TODAY) == long
    short = {"bridge": TODAY + timedelta(days=1)}
    assert pause_after_setback(short, "bridge", TODAY)["bridge"] == TODAY + timedelta(
        days=SETBACK_PAUSE_DAYS
    )


def test_odd_day_counts_and_ids_are_made_safe() -> None:
    assert pause_after_setback({}, "bridge", TODAY, days=0) == {"bridge": TODAY + timedelta(1)}
    assert pause_after_setback({}, "bridge", TODAY, days=-4) == {"bridge": TODAY + timedelta(1)}
    capped = pause_after_setback({}, "bridge", TODAY, days=10**9)
    assert capped == {"bridge": TODAY + timedelta(days=MAX_PAUSE_DAYS)}
    assert pause_after_setback({}, "  ", TODAY) == {}
    assert pause_after_setback({}, " bridge ", TODAY) == {"bridge": TODAY + timedelta(3)}
    assert pause_after_setback({}, "bridge", date.max) == {"bridge": date.max}


def test_the_setting_round_trips_through_json() -> None:
    pauses = pause_after_setback(pause_after_setback({}, "bridge", TODAY), "leg-slides", TODAY)
    stored = json.loads(json.dumps(pauses_to_setting(pauses)))
    assert stored == {"bridge": "2026-03-14", "leg-slides": "2026-03-14"}
    assert pauses_from_setting(stored, TODAY) == pauses


def test_ended_pauses_and_bad_entries_are_dropped() -> None:
    raw = {
        "bridge": "2026-03-14",
        "ended-today": "2026-03-11",
        "ended-before": "2026-03-01",
        "not-a-date": "next Tuesday",
        "a-number": 20260314,
        "": "2026-03-14",
        "none": None,
    }
    assert pauses_from_setting(raw, TODAY) == {"bridge": date(2026, 3, 14)}


def test_a_setting_that_is_not_a_mapping_means_no_pauses() -> None:
    for raw in (None, "bridge", 3, ["bridge", "2026-03-14"], b"{}"):
        assert pauses_from_setting(raw, TODAY) == {}


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)


@given(_json | st.dictionaries(st.text(max_size=8), st.dates().map(date.isoformat) | _json))
def test_reading_any_setting_never_raises_and_keeps_only_future_pauses(raw: object) -> None:
    pauses = pauses_from_setting(raw, TODAY)
    assert all(isinstance(k, str) and k and until > TODAY for k, until in pauses.items())


def test_day_words() -> None:
    assert day_words(date(2026, 3, 14)) == "Saturday 14 March"
    assert day_words(date(2026, 4, 3)) == "Friday 3 April"


def test_setback_advice_is_kind_says_when_and_carries_the_care_content() -> None:
    safety, problems = load_safety(resources_dir() / "safety.toml")
    assert safety is not None and problems == ()
    text = setback_advice("Bridge", date(2026, 3, 14), safety)
    assert text.startswith("“Bridge” is paused for now.")
    assert "Saturday 14 March" in text
    assert safety.setback.text in text
    lower = text.lower()
    for idea in ("moving gently", "change position", "warm", "pharmacist", "breastfeeding"):
        assert idea in lower, idea
    assert "doctor" in lower and "safety page" in lower  # when to get help
    assert "not your fault" in lower
    assert "http" not in lower


def test_setback_advice_without_content_still_points_to_help() -> None:
    text = setback_advice("  ", date(2026, 3, 14))
    assert text.startswith("This exercise is paused for now.")
    assert text.endswith(FALLBACK_CARE)
    assert "doctor" in text
